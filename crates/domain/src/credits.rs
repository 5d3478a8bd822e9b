//! Credits: service types, tiers, what an allowance may pay for, what a session costs, and the
//! order in which credits are recommended.

use std::cmp::Ordering;

use chrono::{DateTime, Utc};

use crate::DomainError;
use crate::error::{Conflict, Problem, Refusal};
use crate::vocab::stored_name;

stored_name! {
    /// What an allowance grants: private lessons, group classes, or a course program.
    ServiceType {
        Private = "PRIVATE",
        Group = "GROUP",
        Course = "COURSE",
    }
}

impl ServiceType {
    /// Base tier: PRIVATE 100, GROUP 50, COURSE 0.
    pub fn base_tier(self) -> i32 {
        match self {
            ServiceType::Private => 100,
            ServiceType::Group => 50,
            ServiceType::Course => 0,
        }
    }

    /// Does this allowance count towards a student's `totalRemaining` credits? (COURSE is an
    /// enrolment, not credits.)
    pub fn counts_as_credits(self) -> bool {
        self != ServiceType::Course
    }
}

stored_name! {
    /// The kind of a session (COURSE is never a session type: course steps are GROUP sessions).
    SessionKind {
        Private = "PRIVATE",
        Group = "GROUP",
    }
}

impl SessionKind {
    /// Tier of a session of this kind taught by a teacher of `teacher_tier`.
    pub fn tier(self, teacher_tier: i32) -> i32 {
        let base = match self {
            SessionKind::Private => ServiceType::Private.base_tier(),
            SessionKind::Group => ServiceType::Group.base_tier(),
        };
        base + teacher_tier
    }
}

stored_name! {
    /// A row of the credit ledger: credits spent, given back by a cancellation, or taken away
    /// because the purchase was refunded.
    LedgerKind {
        Use = "USE",
        Refund = "REFUND",
        Revoke = "REVOKE",
    }
}

/// A teacher's pricing tier (0-1000, 0 = the base price) or the tier an allowance pays for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct TeacherTier(i32);

impl TeacherTier {
    /// Highest tier.
    pub const MAX: i32 = 1000;

    /// Accepts 0 to 1000 (422 on `field` otherwise).
    pub fn parse(field: &'static str, raw: i64) -> Result<Self, DomainError> {
        if !(0..=i64::from(Self::MAX)).contains(&raw) {
            return Err(DomainError::invalid(
                field,
                Problem::between(0, i64::from(Self::MAX)),
            ));
        }
        Ok(Self(raw as i32))
    }

    /// The tier as stored.
    pub fn get(self) -> i32 {
        self.0
    }
}

/// Minutes one credit of an allowance is worth: 15, 30, 45 or 60.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CreditUnit(i32);

impl CreditUnit {
    /// Accepts 15, 30, 45 or 60 (422 on `field` otherwise).
    pub fn parse(field: &'static str, raw: i64) -> Result<Self, DomainError> {
        if !CREDIT_UNITS.iter().any(|u| i64::from(*u) == raw) {
            return Err(DomainError::invalid(field, Problem::new("credit-unit")));
        }
        Ok(Self(raw as i32))
    }

    /// The minutes.
    pub fn minutes(self) -> i32 {
        self.0
    }
}

/// How well an allowance fits a session it can pay for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fit {
    /// Same tier: the natural credit.
    Exact,
    /// A higher tier than needed: allowed with `confirmCrossTier`.
    Higher,
}

/// Whether an allowance (`service`, `teacher_tier`) can pay for a session (`kind`, tier of its
/// teacher): PRIVATE pays for PRIVATE or GROUP, GROUP for GROUP only, COURSE never; the
/// allowance's tier must be at least the session's.
pub fn fit(
    service: ServiceType,
    allowance_teacher_tier: i32,
    kind: SessionKind,
    session_teacher_tier: i32,
) -> Option<Fit> {
    let types_fit = matches!(
        (service, kind),
        (ServiceType::Private, SessionKind::Private)
            | (ServiceType::Private, SessionKind::Group)
            | (ServiceType::Group, SessionKind::Group)
    );
    if !types_fit {
        return None;
    }
    let have = service.base_tier() + allowance_teacher_tier;
    let need = kind.tier(session_teacher_tier);
    match have.cmp(&need) {
        Ordering::Less => None,
        Ordering::Equal => Some(Fit::Exact),
        Ordering::Greater => Some(Fit::Higher),
    }
}

/// Credits a session costs: ceil(minutes / unit). 60 min on 30-min credits costs 2, 45 on 30
/// costs 2, 30 on 60 costs 1.
pub fn credits_cost(session_minutes: i64, credit_unit_minutes: i32) -> i32 {
    let unit = i64::from(credit_unit_minutes.max(1));
    let minutes = session_minutes.max(1);
    ((minutes + unit - 1) / unit) as i32
}

/// Credit unit minutes an allowance may have.
pub const CREDIT_UNITS: [i32; 4] = [15, 30, 45, 60];

/// One credit the student could use, with what decides the recommendation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub fit: Fit,
    pub expires_at: Option<DateTime<Utc>>,
    pub purchased_at: DateTime<Utc>,
    pub student_package_id: i64,
    pub allowance_id: i64,
}

/// Recommendation order: exact tier first, then the soonest expiry (never-expiring last), then the
/// oldest purchase (ids break remaining ties so the order is total).
pub fn recommendation_order(a: &Candidate, b: &Candidate) -> Ordering {
    let expiry = |c: &Candidate| (c.expires_at.is_none(), c.expires_at);
    a.fit
        .cmp(&b.fit)
        .then_with(|| expiry(a).cmp(&expiry(b)))
        .then_with(|| a.purchased_at.cmp(&b.purchased_at))
        .then_with(|| a.student_package_id.cmp(&b.student_package_id))
        .then_with(|| a.allowance_id.cmp(&b.allowance_id))
}

/// One allowance of a package as asked for by an admin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowanceInput {
    pub service_type: ServiceType,
    pub credits: i64,
    pub credit_unit_minutes: Option<i64>,
    pub teacher_tier: Option<i64>,
    pub course_program_id: Option<i64>,
}

/// A checked allowance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowanceSpec {
    pub service_type: ServiceType,
    pub credits: i32,
    pub credit_unit_minutes: Option<i32>,
    pub teacher_tier: i32,
    pub course_program_id: Option<i64>,
}

/// Checks a package's allowances: 1 to 3, each service type once; PRIVATE/GROUP need 1-1000
/// credits and a unit of 15/30/45/60 minutes; COURSE has exactly 1 credit, no unit and names a
/// course program, which the others must not; teacher tier 0-1000.
pub fn check_allowances(items: &[AllowanceInput]) -> Result<Vec<AllowanceSpec>, DomainError> {
    let mut fields = std::collections::BTreeMap::new();
    if items.is_empty() || items.len() > 3 {
        fields.insert("allowances".to_owned(), Problem::new("allowance-count"));
    }
    let mut out = Vec::new();
    for (i, a) in items.iter().enumerate() {
        let mut bad = |f: &str, p: Problem| {
            fields.insert(format!("allowances[{i}].{f}"), p);
        };
        if items[..i].iter().any(|o| o.service_type == a.service_type) {
            bad("serviceType", Problem::new("service-type-repeated"));
        }
        let tier = a.teacher_tier.unwrap_or(0);
        if TeacherTier::parse("teacherTier", tier).is_err() {
            bad("teacherTier", Problem::between(0, 1000));
        }
        match a.service_type {
            ServiceType::Course => {
                if a.credits != 1 {
                    bad("credits", Problem::new("course-one-credit"));
                }
                if a.credit_unit_minutes.is_some() {
                    bad("creditUnitMinutes", Problem::new("course-no-unit"));
                }
                if a.course_program_id.is_none() {
                    bad("courseProgramId", Problem::new("required-for-course"));
                }
            }
            ServiceType::Private | ServiceType::Group => {
                if !(1..=1000).contains(&a.credits) {
                    bad("credits", Problem::between(1, 1000));
                }
                match a.credit_unit_minutes {
                    None => bad("creditUnitMinutes", Problem::new("required-for-credits")),
                    Some(u) if CreditUnit::parse("creditUnitMinutes", u).is_err() => {
                        bad("creditUnitMinutes", Problem::new("credit-unit"))
                    }
                    Some(_) => {}
                }
                if a.course_program_id.is_some() {
                    bad("courseProgramId", Problem::new("course-only-program"));
                }
            }
        }
        out.push(AllowanceSpec {
            service_type: a.service_type,
            credits: a.credits.clamp(0, 1000) as i32,
            credit_unit_minutes: a.credit_unit_minutes.map(|u| u.clamp(0, 60) as i32),
            teacher_tier: tier.clamp(0, 1000) as i32,
            course_program_id: a.course_program_id,
        });
    }
    if fields.is_empty() {
        Ok(out)
    } else {
        Err(DomainError::Fields(fields))
    }
}

/// Balance of one allowance from its ledger rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ledger {
    /// Credits spent by bookings.
    pub used: i64,
    /// Credits given back by cancellations.
    pub refunded: i64,
    /// Unused credits taken away (the purchase was refunded).
    pub revoked: i64,
}

impl Ledger {
    /// Credits used and not given back.
    pub fn used_credits(&self) -> i64 {
        (self.used - self.refunded).max(0)
    }

    /// Credits left of `granted`.
    pub fn remaining(&self, granted: i32) -> i64 {
        (i64::from(granted) - self.used_credits() - self.revoked).max(0)
    }

    /// Credits a full refund of the purchase takes away: everything still unused.
    pub fn to_revoke(&self, granted: i32) -> i64 {
        self.remaining(granted)
    }
}

/// What of a purchase decides whether it can still pay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PurchaseState {
    pub expires_at: Option<DateTime<Utc>>,
    pub refunded: bool,
}

/// What of an allowance decides what it pays for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AllowanceTerms {
    pub service_type: ServiceType,
    pub teacher_tier: i32,
    /// `None` for COURSE.
    pub credit_unit_minutes: Option<i32>,
}

/// The session to pay for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionTerms {
    pub kind: SessionKind,
    pub teacher_tier: i32,
    pub minutes: i64,
}

/// Can this credit pay for this session, and how well, at what cost? Refuses an expired
/// (`package_expired`) or refunded purchase and a credit of the wrong type or a lower tier
/// (`package_not_applicable`). The balance is checked apart, once the purchase is locked.
pub fn price(
    purchase: PurchaseState,
    allowance: AllowanceTerms,
    session: SessionTerms,
    now: DateTime<Utc>,
) -> Result<(Fit, i32), Refusal> {
    if purchase.expires_at.is_some_and(|e| e <= now) {
        return Err(Refusal::new(
            Conflict::PackageExpired,
            "this package has expired",
        ));
    }
    if purchase.refunded {
        return Err(Refusal::new(
            Conflict::PackageNotApplicable,
            "this package was refunded",
        ));
    }
    let f = fit(
        allowance.service_type,
        allowance.teacher_tier,
        session.kind,
        session.teacher_tier,
    );
    match (f, allowance.credit_unit_minutes) {
        (Some(f), Some(unit)) => Ok((f, credits_cost(session.minutes, unit))),
        _ => Err(Refusal::new(
            Conflict::PackageNotApplicable,
            "this credit cannot pay for this session",
        )),
    }
}

/// [`price`], plus the student's consent for a higher-tier credit
/// (`cross_tier_confirmation_required`); returns the cost.
pub fn charge(
    purchase: PurchaseState,
    allowance: AllowanceTerms,
    session: SessionTerms,
    confirm_cross_tier: bool,
    now: DateTime<Utc>,
) -> Result<i32, Refusal> {
    let (f, cost) = price(purchase, allowance, session, now)?;
    if f == Fit::Higher && !confirm_cross_tier {
        return Err(Refusal::new(
            Conflict::CrossTierConfirmationRequired,
            "this credit is of a higher tier than the session needs; send confirmCrossTier: true to use it",
        ));
    }
    Ok(cost)
}

/// `insufficient_credits` unless `left` covers `cost`.
pub fn ensure_balance(left: i64, cost: i32) -> Result<(), Refusal> {
    if left < i64::from(cost) {
        return Err(Refusal::new(
            Conflict::InsufficientCredits,
            format!("this costs {cost} credits and {left} are left"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_and_type_fit_follow_the_credit_rules() {
        use Fit::*;
        use ServiceType as S;
        use SessionKind as K;
        assert_eq!(fit(S::Private, 0, K::Private, 0), Some(Exact));
        assert_eq!(
            fit(S::Private, 0, K::Private, 10),
            None,
            "tier-0 credit for a tier-10 teacher"
        );
        assert_eq!(fit(S::Private, 10, K::Private, 10), Some(Exact));
        assert_eq!(fit(S::Private, 20, K::Private, 10), Some(Higher));
        assert_eq!(
            fit(S::Private, 0, K::Group, 0),
            Some(Higher),
            "a private credit pays for a group class"
        );
        assert_eq!(
            fit(S::Group, 0, K::Private, 0),
            None,
            "a group credit never pays for a private lesson"
        );
        assert_eq!(fit(S::Group, 0, K::Group, 0), Some(Exact));
        assert_eq!(fit(S::Group, 5, K::Group, 10), None);
        assert_eq!(fit(S::Course, 1000, K::Group, 0), None, "COURSE never pays");
    }

    #[test]
    fn cost_rounds_up() {
        assert_eq!(credits_cost(60, 30), 2);
        assert_eq!(credits_cost(45, 30), 2);
        assert_eq!(credits_cost(30, 60), 1);
        assert_eq!(credits_cost(90, 30), 3);
        assert_eq!(credits_cost(60, 15), 4);
    }

    fn at(d: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + d * 86_400, 0).unwrap()
    }

    #[test]
    fn recommendation_prefers_exact_then_soonest_expiry_then_oldest() {
        let c = |fit, exp: Option<i64>, bought: i64, id| Candidate {
            fit,
            expires_at: exp.map(at),
            purchased_at: at(bought),
            student_package_id: id,
            allowance_id: id,
        };
        let mut list = [
            c(Fit::Higher, Some(1), 0, 1),
            c(Fit::Exact, None, 0, 2),
            c(Fit::Exact, Some(30), 5, 3),
            c(Fit::Exact, Some(10), 9, 4),
            c(Fit::Exact, Some(10), 2, 5),
        ];
        list.sort_by(recommendation_order);
        let ids: Vec<i64> = list.iter().map(|c| c.student_package_id).collect();
        assert_eq!(ids, [5, 4, 3, 2, 1]);
    }

    fn a(
        service_type: ServiceType,
        credits: i64,
        unit: Option<i64>,
        program: Option<i64>,
    ) -> AllowanceInput {
        AllowanceInput {
            service_type,
            credits,
            credit_unit_minutes: unit,
            teacher_tier: None,
            course_program_id: program,
        }
    }

    #[test]
    fn allowance_rules() {
        let ok = check_allowances(&[
            a(ServiceType::Private, 5, Some(30), None),
            a(ServiceType::Group, 10, Some(60), None),
            a(ServiceType::Course, 1, None, Some(7)),
        ])
        .unwrap();
        assert_eq!(ok[0].teacher_tier, 0);
        let fields = |items: &[AllowanceInput]| match check_allowances(items) {
            Err(DomainError::Fields(f)) => f.into_keys().collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        assert_eq!(fields(&[]), ["allowances"]);
        assert_eq!(
            fields(&[a(ServiceType::Private, 5, Some(20), None)]),
            ["allowances[0].creditUnitMinutes"]
        );
        assert_eq!(
            fields(&[a(ServiceType::Private, 0, None, Some(1))]),
            [
                "allowances[0].courseProgramId",
                "allowances[0].creditUnitMinutes",
                "allowances[0].credits"
            ]
        );
        assert_eq!(
            fields(&[a(ServiceType::Course, 2, Some(30), None)]),
            [
                "allowances[0].courseProgramId",
                "allowances[0].creditUnitMinutes",
                "allowances[0].credits"
            ]
        );
        assert_eq!(
            fields(&[
                a(ServiceType::Group, 1, Some(30), None),
                a(ServiceType::Group, 1, Some(30), None)
            ]),
            ["allowances[1].serviceType"]
        );
    }

    #[test]
    fn paying_checks_expiry_refund_type_tier_and_consent() {
        let now = at(0);
        let ok = PurchaseState {
            expires_at: Some(at(1)),
            refunded: false,
        };
        let private = AllowanceTerms {
            service_type: ServiceType::Private,
            teacher_tier: 0,
            credit_unit_minutes: Some(30),
        };
        let group = SessionTerms {
            kind: SessionKind::Group,
            teacher_tier: 0,
            minutes: 60,
        };
        assert_eq!(price(ok, private, group, now), Ok((Fit::Higher, 2)));
        let code = |r: Result<i32, Refusal>| r.unwrap_err().code;
        assert_eq!(
            code(charge(ok, private, group, false, now)),
            Conflict::CrossTierConfirmationRequired
        );
        assert_eq!(charge(ok, private, group, true, now), Ok(2));
        let expired = PurchaseState {
            expires_at: Some(now),
            ..ok
        };
        assert_eq!(
            code(charge(expired, private, group, true, now)),
            Conflict::PackageExpired
        );
        let refunded = PurchaseState {
            refunded: true,
            ..ok
        };
        assert_eq!(
            code(charge(refunded, private, group, true, now)),
            Conflict::PackageNotApplicable
        );
        let course = AllowanceTerms {
            service_type: ServiceType::Course,
            teacher_tier: 0,
            credit_unit_minutes: None,
        };
        assert_eq!(
            code(charge(ok, course, group, true, now)),
            Conflict::PackageNotApplicable
        );
        assert!(ensure_balance(2, 2).is_ok());
        assert_eq!(
            ensure_balance(1, 2).unwrap_err().message,
            "this costs 2 credits and 1 are left"
        );
    }

    #[test]
    fn tiers_and_units_are_parsed_at_the_edge() {
        assert_eq!(TeacherTier::parse("tier", 1000).unwrap().get(), 1000);
        assert!(TeacherTier::parse("tier", 1001).is_err());
        assert!(TeacherTier::parse("tier", -1).is_err());
        assert_eq!(CreditUnit::parse("u", 45).unwrap().minutes(), 45);
        assert!(CreditUnit::parse("u", 20).is_err());
        assert!(!ServiceType::Course.counts_as_credits());
    }

    #[test]
    fn ledger_balances() {
        let l = Ledger {
            used: 5,
            refunded: 2,
            revoked: 0,
        };
        assert_eq!((l.used_credits(), l.remaining(10)), (3, 7));
        let gone = Ledger {
            used: 3,
            refunded: 0,
            revoked: 7,
        };
        assert_eq!(gone.remaining(10), 0);
    }
}

//! Cancelling bookings (credits back to the allowance they came from, course steps back to
//! UNBOOKED) and whole sessions; a freed seat goes to the first waiting student who can take it.

use aula_domain::credits::SessionKind;
use aula_domain::mail::MailKind;
use aula_domain::policy::CancellationPolicy;
use aula_domain::{BookingKind, BookingStatus, Conflict, LedgerKind, SessionStatus, StepStatus};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::create::{book_credit_in, book_step_in};
use super::{
    Actor, BookingRecord, CreditRequest, StepRequest, ensure_active, lock_session, seats_taken,
    visible_to,
};
use crate::entities::{
    bookings, course_step_options, package_uses, sessions, step_progress, teachers,
    waitlist_entries,
};
use crate::ledger::{credit_options, owned};
use crate::{Db, DbError};

/// What a cancellation did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CancelOutcome {
    pub booking: BookingRecord,
    pub credits_refunded: i32,
    /// (student package, allowance) the credits went back to.
    pub refunded_to: Option<(i64, i64)>,
}

/// Cancels a booking. Students: their own, inside the policy's window (409
/// `cancellation_window_passed` after it); admins: any, always with a refund.
pub async fn cancel(
    db: &Db,
    booking_id: i64,
    actor: Actor,
    reason: Option<String>,
    policy: &CancellationPolicy,
    now: DateTime<Utc>,
) -> Result<CancelOutcome, DbError> {
    let txn = db.begin().await?;
    let found = visible_to(&txn, booking_id, actor).await?;
    let session = lock_session(&txn, found.session_id).await?;
    let booking = bookings::Entity::find_by_id(booking_id)
        .one(&txn)
        .await?
        .ok_or(DbError::NotFound)?;
    ensure_active(&booking)?;
    let student = matches!(actor, Actor::Student(_));
    if student {
        // Cancelling counts from the first session the booking was made for (see `first_start`).
        let from = super::first_start(&txn, booking_id)
            .await?
            .unwrap_or(session.start_at);
        policy.decide_cancel(from.min(session.start_at), now)?;
    }
    let refund = !student || policy.refund_credits_on_cancel;
    let outcome = release(&txn, &booking, &session, reason, student, refund, now).await?;
    let said = serde_json::json!({"bookingId": booking.id, "credits": outcome.credits_refunded});
    let mail = [(MailKind::BookingCancelled, said, now, None)];
    crate::outbox::enqueue_for_student(&txn, booking.student_id, &mail, now).await?;
    if session.kind() == SessionKind::Private {
        end_private_session(&txn, &session, now).await?;
    } else {
        promote_waitlist(&txn, &session, now).await?;
    }
    txn.commit().await?;
    Ok(outcome)
}

/// Marks a booking CANCELLED and gives back what it held: its credits (a REFUND row pointing
/// at the USE) when `refund`, or its course step (back to UNBOOKED).
pub(crate) async fn release(
    txn: &DatabaseTransaction,
    booking: &bookings::Model,
    session: &sessions::Model,
    reason: Option<String>,
    by_student: bool,
    refund: bool,
    now: DateTime<Utc>,
) -> Result<CancelOutcome, DbError> {
    let done = bookings::Entity::update_many()
        .col_expr(
            bookings::Column::Status,
            Expr::value(BookingStatus::Cancelled.as_str()),
        )
        .col_expr(bookings::Column::CancelledAt, Expr::value(now))
        .col_expr(
            bookings::Column::CancellationReason,
            Expr::value(reason.map(|r| r.chars().take(500).collect::<String>())),
        )
        .col_expr(
            bookings::Column::CancelledByStudent,
            Expr::value(by_student),
        )
        .col_expr(bookings::Column::UpdatedAt, Expr::value(now))
        .filter(bookings::Column::Id.eq(booking.id))
        .filter(bookings::Column::Status.eq(BookingStatus::Confirmed.as_str()))
        .exec(txn)
        .await?;
    if done.rows_affected == 0 {
        return Err(DbError::refused(
            Conflict::BookingNotActive,
            "the booking is no longer active",
        ));
    }
    let mut credits_refunded = 0;
    let mut refunded_to = None;
    if booking.kind() == BookingKind::Credit && refund {
        let uses = package_uses::Entity::find()
            .filter(package_uses::Column::BookingId.eq(booking.id))
            .filter(package_uses::Column::Kind.eq(LedgerKind::Use.as_str()))
            .all(txn)
            .await?;
        for u in uses {
            let already = package_uses::Entity::find()
                .filter(package_uses::Column::ReversesUseId.eq(u.id))
                .one(txn)
                .await?;
            if already.is_some() {
                continue;
            }
            package_uses::ActiveModel {
                student_package_id: Set(u.student_package_id),
                allowance_id: Set(u.allowance_id),
                kind: Set(LedgerKind::Refund.as_str().into()),
                credits: Set(u.credits),
                booking_id: Set(Some(booking.id)),
                session_id: Set(Some(session.id)),
                reverses_use_id: Set(Some(u.id)),
                note: Set(Some("booking cancelled".into())),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            credits_refunded += u.credits;
            refunded_to = Some((u.student_package_id, u.allowance_id));
        }
    }
    if booking.kind() == BookingKind::CourseStep {
        step_progress::Entity::update_many()
            .col_expr(
                step_progress::Column::Status,
                Expr::value(StepStatus::Unbooked.as_str()),
            )
            .col_expr(
                step_progress::Column::BookingId,
                Expr::value(Option::<i64>::None),
            )
            .col_expr(
                step_progress::Column::SessionId,
                Expr::value(Option::<i64>::None),
            )
            .col_expr(
                step_progress::Column::BookedAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .col_expr(step_progress::Column::UpdatedAt, Expr::value(now))
            .filter(step_progress::Column::BookingId.eq(booking.id))
            .filter(step_progress::Column::Status.eq(StepStatus::Booked.as_str()))
            .exec(txn)
            .await?;
    }
    let booking = bookings::Entity::find_by_id(booking.id)
        .one(txn)
        .await?
        .ok_or(DbError::NotFound)?;
    Ok(CancelOutcome {
        booking: booking.into(),
        credits_refunded,
        refunded_to,
    })
}

/// A private session made for one booking ends with it, freeing the teacher's slot.
pub(crate) async fn end_private_session(
    txn: &DatabaseTransaction,
    session: &sessions::Model,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    if seats_taken(txn, session.id).await? == 0 {
        sessions::Entity::update_many()
            .col_expr(
                sessions::Column::Status,
                Expr::value(SessionStatus::Cancelled.as_str()),
            )
            .col_expr(sessions::Column::UpdatedAt, Expr::value(now))
            .filter(sessions::Column::Id.eq(session.id))
            .filter(sessions::Column::Status.eq(SessionStatus::Scheduled.as_str()))
            .exec(txn)
            .await?;
    }
    Ok(())
}

/// Cancels a session with all its bookings (credits refunded, steps back to UNBOOKED) and
/// clears its waiting list. A cancelled session stays as it is; a completed one cannot be
/// cancelled (409 `session_not_bookable`).
pub async fn cancel_session(db: &Db, id: i64, now: DateTime<Utc>) -> Result<(), DbError> {
    let txn = db.begin().await?;
    let session = lock_session(&txn, id).await?;
    if session.status() == SessionStatus::Completed {
        return Err(DbError::refused(
            Conflict::SessionNotBookable,
            "a completed session cannot be cancelled",
        ));
    }
    let active = bookings::Entity::find()
        .filter(bookings::Column::SessionId.eq(id))
        .filter(bookings::Column::Status.eq(BookingStatus::Confirmed.as_str()))
        .all(&txn)
        .await?;
    for b in &active {
        let outcome = release(
            &txn,
            b,
            &session,
            Some("session cancelled".into()),
            false,
            true,
            now,
        )
        .await?;
        let said = serde_json::json!({"bookingId": b.id, "credits": outcome.credits_refunded});
        let mail = [(MailKind::SessionCancelled, said, now, None)];
        crate::outbox::enqueue_for_student(&txn, b.student_id, &mail, now).await?;
    }
    sessions::Entity::update_many()
        .col_expr(
            sessions::Column::Status,
            Expr::value(SessionStatus::Cancelled.as_str()),
        )
        .col_expr(sessions::Column::UpdatedAt, Expr::value(now))
        .filter(sessions::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    waitlist_entries::Entity::delete_many()
        .filter(waitlist_entries::Column::SessionId.eq(id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Gives free seats of a locked session to waiting students in order: each is booked with their
/// course enrolment (when the session serves a step they still have open) or their recommended
/// credit; students who can do neither keep their place.
pub(crate) async fn promote_waitlist(
    txn: &DatabaseTransaction,
    session: &sessions::Model,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    if session.status() != SessionStatus::Scheduled || session.start_at <= now {
        return Ok(());
    }
    let waiting = waitlist_entries::Entity::find()
        .filter(waitlist_entries::Column::SessionId.eq(session.id))
        .order_by_asc(waitlist_entries::Column::Id)
        .all(txn)
        .await?;
    for entry in waiting {
        if seats_taken(txn, session.id).await? >= i64::from(session.capacity_max) {
            break;
        }
        if book_waiting(txn, session, entry.student_id, now).await? {
            waitlist_entries::Entity::delete_by_id(entry.id)
                .exec(txn)
                .await?;
        }
    }
    Ok(())
}

/// Books one waiting student if they can take the seat; false when they cannot.
async fn book_waiting(
    txn: &DatabaseTransaction,
    session: &sessions::Model,
    student_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    if super::active_booking(txn, session.id, student_id)
        .await?
        .is_some()
    {
        return Ok(true);
    }
    if let Some(step_id) = open_step(txn, session, student_id, now).await? {
        let req = StepRequest {
            student_id,
            session_id: session.id,
            course_step_id: step_id,
            student_package_id: None,
        };
        let b = book_step_in(txn, session, req, now, None).await?;
        crate::outbox::booked(txn, student_id, b.id, session.start_at, true, now).await?;
        return Ok(true);
    }
    let Some(kind) = SessionKind::parse(&session.kind) else {
        return Ok(false);
    };
    let teacher_tier = teachers::Entity::find_by_id(session.teacher_id)
        .one(txn)
        .await?
        .map_or(0, |t| t.tier);
    let minutes = (session.end_at - session.start_at).num_minutes();
    let Some(best) = credit_options(txn, student_id, kind, teacher_tier, minutes, now)
        .await?
        .into_iter()
        .next()
    else {
        return Ok(false);
    };
    // Joining the waiting list is the student's consent to the recommended credit, any tier.
    let req = CreditRequest {
        student_id,
        student_package_id: best.student_package_id,
        allowance_id: best.allowance_id,
        confirm_cross_tier: true,
    };
    let b = book_credit_in(txn, session, req, now, None).await?;
    crate::outbox::booked(txn, student_id, b.id, session.start_at, true, now).await?;
    Ok(true)
}

/// A step the session serves that the student still has open (UNBOOKED or MISSED).
async fn open_step(
    txn: &DatabaseTransaction,
    session: &sessions::Model,
    student_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DbError> {
    let Some(class) = session.group_class_id else {
        return Ok(None);
    };
    let steps: Vec<i64> = course_step_options::Entity::find()
        .filter(course_step_options::Column::GroupClassId.eq(class))
        .filter(course_step_options::Column::IsActive.eq(true))
        .all(txn)
        .await?
        .into_iter()
        .map(|o| o.course_step_id)
        .collect();
    if steps.is_empty() {
        return Ok(None);
    }
    let packages: Vec<i64> = owned(txn, student_id, now)
        .await?
        .into_iter()
        .map(|p| p.student_package_id)
        .collect();
    let row = step_progress::Entity::find()
        .filter(step_progress::Column::StudentPackageId.is_in(packages))
        .filter(step_progress::Column::CourseStepId.is_in(steps))
        .filter(
            step_progress::Column::Status
                .is_in([StepStatus::Unbooked.as_str(), StepStatus::Missed.as_str()]),
        )
        .one(txn)
        .await?;
    Ok(row.map(|r| r.course_step_id))
}

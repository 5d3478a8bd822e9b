//! Weekly availability (local wall-clock rules and exceptions) and the busy times of teachers.

use std::collections::HashMap;

use aula_domain::SessionStatus;
use aula_domain::schedule::{
    AvailabilityException, AvailabilityRule, Interval, LocalTime, Tz, WeeklyAvailability,
};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::entities::{
    availability_exceptions as exceptions, availability_rules as rules, group_class_teachers,
    sessions, teachers,
};
use crate::reader::Reader;
use crate::{Db, DbError};

fn minutes(m: i32) -> LocalTime {
    LocalTime::from_minutes(m.clamp(0, 1440) as u16)
        .unwrap_or_else(|| unreachable!("clamped to a valid minute"))
}

/// The saved availability of each teacher asked for (teachers without the role are left out).
pub async fn load_many(
    db: &Db,
    teacher_ids: &[i64],
) -> Result<HashMap<i64, WeeklyAvailability>, DbError> {
    load_many_in(db.reader(), teacher_ids).await
}

/// [`load_many`] on any connection (e.g. inside a transaction).
pub async fn load_many_in(
    conn: &impl Reader,
    teacher_ids: &[i64],
) -> Result<HashMap<i64, WeeklyAvailability>, DbError> {
    let conn = conn.conn();
    let teachers = teachers::Entity::find()
        .filter(teachers::Column::Id.is_in(teacher_ids.to_vec()))
        .filter(teachers::Column::RevokedAt.is_null())
        .all(conn)
        .await?;
    let rule_rows = rules::Entity::find()
        .filter(rules::Column::TeacherId.is_in(teacher_ids.to_vec()))
        .order_by_asc(rules::Column::Weekday)
        .order_by_asc(rules::Column::StartMinute)
        .all(conn)
        .await?;
    let exception_rows = exceptions::Entity::find()
        .filter(exceptions::Column::TeacherId.is_in(teacher_ids.to_vec()))
        .order_by_asc(exceptions::Column::LocalDate)
        .order_by_asc(exceptions::Column::Id)
        .all(conn)
        .await?;
    let mut out: HashMap<i64, WeeklyAvailability> = teachers
        .into_iter()
        .map(|t| {
            let timezone: Tz = t.timezone.parse().unwrap_or(Tz::UTC);
            (
                t.id,
                WeeklyAvailability {
                    timezone,
                    rules: Vec::new(),
                    exceptions: Vec::new(),
                },
            )
        })
        .collect();
    for r in rule_rows {
        if let Some(a) = out.get_mut(&r.teacher_id) {
            a.rules.push(AvailabilityRule {
                weekday: r.weekday as u8,
                start: minutes(r.start_minute),
                end: minutes(r.end_minute),
            });
        }
    }
    for e in exception_rows {
        let (Some(a), Ok(date)) = (
            out.get_mut(&e.teacher_id),
            NaiveDate::parse_from_str(&e.local_date, "%Y-%m-%d"),
        ) else {
            continue;
        };
        a.exceptions.push(AvailabilityException {
            date,
            start: e.start_minute.map(minutes),
            end: e.end_minute.map(minutes),
            available: e.available,
        });
    }
    Ok(out)
}

/// Replaces a teacher's whole availability (and time zone) in one transaction.
pub async fn replace(
    db: &Db,
    teacher_id: i64,
    avail: &WeeklyAvailability,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let txn = db.begin().await?;
    let updated = teachers::Entity::update_many()
        .col_expr(
            teachers::Column::Timezone,
            Expr::value(avail.timezone.name()),
        )
        .col_expr(teachers::Column::UpdatedAt, Expr::value(now))
        .filter(teachers::Column::Id.eq(teacher_id))
        .exec(&txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(DbError::NotFound);
    }
    rules::Entity::delete_many()
        .filter(rules::Column::TeacherId.eq(teacher_id))
        .exec(&txn)
        .await?;
    exceptions::Entity::delete_many()
        .filter(exceptions::Column::TeacherId.eq(teacher_id))
        .exec(&txn)
        .await?;
    for r in &avail.rules {
        rules::ActiveModel {
            teacher_id: Set(teacher_id),
            weekday: Set(i32::from(r.weekday)),
            start_minute: Set(i32::from(r.start.minutes())),
            end_minute: Set(i32::from(r.end.minutes())),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    for e in &avail.exceptions {
        exceptions::ActiveModel {
            teacher_id: Set(teacher_id),
            local_date: Set(e.date.format("%Y-%m-%d").to_string()),
            start_minute: Set(e.start.map(|t| i32::from(t.minutes()))),
            end_minute: Set(e.end.map(|t| i32::from(t.minutes()))),
            available: Set(e.available),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// A SCHEDULED session that keeps a teacher busy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy {
    pub session_id: i64,
    pub interval: Interval,
}

/// For each teacher, the SCHEDULED sessions overlapping [from, to) that they teach: their own
/// sessions and every session of a group class they are a teacher of.
pub async fn busy(
    conn: &impl Reader,
    teacher_ids: &[i64],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<HashMap<i64, Vec<Busy>>, DbError> {
    let conn = conn.conn();
    let links = group_class_teachers::Entity::find()
        .filter(group_class_teachers::Column::TeacherId.is_in(teacher_ids.to_vec()))
        .all(conn)
        .await?;
    let mut class_teachers: HashMap<i64, Vec<i64>> = HashMap::new();
    for l in links {
        class_teachers
            .entry(l.group_class_id)
            .or_default()
            .push(l.teacher_id);
    }
    let rows = sessions::Entity::find()
        .filter(sessions::Column::Status.eq(SessionStatus::Scheduled.as_str()))
        .filter(sessions::Column::StartAt.lt(to))
        .filter(sessions::Column::EndAt.gt(from))
        .filter(
            Condition::any()
                .add(sessions::Column::TeacherId.is_in(teacher_ids.to_vec()))
                .add(
                    sessions::Column::GroupClassId
                        .is_in(class_teachers.keys().copied().collect::<Vec<_>>()),
                ),
        )
        .order_by_asc(sessions::Column::StartAt)
        .all(conn)
        .await?;
    let mut out: HashMap<i64, Vec<Busy>> = HashMap::new();
    for s in rows {
        let busy = Busy {
            session_id: s.id,
            interval: Interval::new(s.start_at, s.end_at),
        };
        let mut owners: Vec<i64> = s
            .group_class_id
            .and_then(|c| class_teachers.get(&c))
            .cloned()
            .unwrap_or_default();
        if teacher_ids.contains(&s.teacher_id) {
            owners.push(s.teacher_id);
        }
        owners.sort_unstable();
        owners.dedup();
        for t in owners {
            out.entry(t).or_default().push(busy);
        }
    }
    Ok(out)
}

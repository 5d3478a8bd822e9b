//! Rescheduling: the old booking is cancelled with its credit or course step released, and the
//! new one booked with the same purchase, in one transaction.

use aula_domain::policy::CancellationPolicy;
use aula_domain::schedule::Interval;
use aula_domain::{BookingKind, Conflict, SessionKind};
use chrono::{DateTime, Utc};
use sea_orm::EntityTrait;

use super::cancel::{end_private_session, promote_waitlist, release};
use super::create::{book_credit_in, book_step_in};
use super::{
    Actor, BookingRecord, CreditRequest, StepRequest, Target, ensure_active, lock_session,
    visible_to,
};
use crate::entities::bookings;
use crate::{Db, DbError};

/// Moves a CONFIRMED booking to another session (or a new private slot). Students may do it
/// inside the policy's window and limit (409 `reschedule_not_allowed`); the new session follows
/// the rules of a new booking.
pub async fn reschedule(
    db: &Db,
    booking_id: i64,
    actor: Actor,
    target: Target,
    confirm_cross_tier: bool,
    policy: &CancellationPolicy,
    now: DateTime<Utc>,
) -> Result<BookingRecord, DbError> {
    let txn = db.begin().await?;
    let found = visible_to(&txn, booking_id, actor).await?;
    // Lock both sessions in id order so two reschedules between them cannot deadlock.
    let (old, new) = match target {
        Target::Session(id) if id == found.session_id => {
            return Err(DbError::refused(
                Conflict::AlreadyBooked,
                "the booking is already in that session",
            ));
        }
        Target::Session(id) if id < found.session_id => {
            let new = lock_session(&txn, id).await?;
            (lock_session(&txn, found.session_id).await?, Some(new))
        }
        Target::Session(id) => {
            let old = lock_session(&txn, found.session_id).await?;
            (old, Some(lock_session(&txn, id).await?))
        }
        Target::NewPrivate { .. } => (lock_session(&txn, found.session_id).await?, None),
    };
    let booking = bookings::Entity::find_by_id(booking_id)
        .one(&txn)
        .await?
        .ok_or(DbError::NotFound)?;
    ensure_active(&booking)?;
    if matches!(actor, Actor::Student(_)) {
        policy.decide_reschedule(old.start_at, now, booking.rescheduled_count)?;
    }
    release(
        &txn,
        &booking,
        &old,
        Some("rescheduled".into()),
        matches!(actor, Actor::Student(_)),
        true,
        now,
    )
    .await?;
    // A private lesson's own session ends first, so its slot counts as free for the move.
    if old.kind() == SessionKind::Private {
        end_private_session(&txn, &old, now).await?;
    }
    let new = match (new, target) {
        (Some(s), _) => s,
        (
            None,
            Target::NewPrivate {
                teacher_id,
                start,
                end,
            },
        ) => {
            super::create::new_private_session_in(&txn, teacher_id, Interval::new(start, end), now)
                .await?
        }
        (None, Target::Session(id)) => lock_session(&txn, id).await?,
    };
    let moved = match (
        booking.kind(),
        booking.student_package_id,
        booking.allowance_id,
        booking.course_step_id,
    ) {
        (BookingKind::Credit, Some(sp), Some(allowance), _) => {
            let req = CreditRequest {
                student_id: booking.student_id,
                student_package_id: sp,
                allowance_id: allowance,
                confirm_cross_tier,
            };
            book_credit_in(&txn, &new, req, now, Some(&booking)).await?
        }
        (_, sp, _, Some(step)) => {
            let req = StepRequest {
                student_id: booking.student_id,
                session_id: new.id,
                course_step_id: step,
                student_package_id: sp,
            };
            book_step_in(&txn, &new, req, now, Some(&booking)).await?
        }
        _ => {
            return Err(DbError::refused(
                Conflict::BookingNotActive,
                "this booking cannot be moved",
            ));
        }
    };
    crate::outbox::booked(&txn, moved.student_id, moved.id, new.start_at, false, now).await?;
    if old.kind() != SessionKind::Private {
        promote_waitlist(&txn, &old, now).await?;
    }
    txn.commit().await?;
    Ok(moved)
}

//! Booking: credit bookings, course steps, cancellation, rescheduling, attendance, waitlists.
//! The rules run inside the database transactions of `aula_db::bookings`; this layer checks the
//! caller and the shape of the request.

use aula_db::bookings::{
    self, Actor, BookingRecord, CancelOutcome, CreditRequest, Mark, StepRequest, Target,
    WaitlistEntry,
};
use aula_db::{group_classes, policies, sessions};
use aula_domain::booking::{self, Changes};

use crate::extract::CurrentUser;
use crate::{App, AppError};

/// What to book, as one of the three bodies of `POST /api/bookings`.
#[derive(Debug, Clone)]
pub enum BookingAsk {
    Credit {
        target: Target,
        student_package_id: i64,
        allowance_id: i64,
        confirm_cross_tier: bool,
    },
    Step {
        session_id: i64,
        course_step_id: i64,
        student_package_id: Option<i64>,
    },
}

/// Books for the calling student.
#[tracing::instrument(skip_all, fields(student_id = me.user.student_id), err(level = "info"))]
pub async fn create(
    app: &App,
    me: &CurrentUser,
    ask: BookingAsk,
) -> Result<BookingRecord, AppError> {
    let now = app.clock.now();
    let student_id = me.user.student_id;
    Ok(match ask {
        BookingAsk::Credit {
            target,
            student_package_id,
            allowance_id,
            confirm_cross_tier,
        } => {
            if let Target::NewPrivate { start, end, .. } = target {
                booking::check_private_length(start, end)?;
            }
            let req = CreditRequest {
                student_id,
                student_package_id,
                allowance_id,
                confirm_cross_tier,
            };
            bookings::book_credit(&app.db, target, req, now).await?
        }
        BookingAsk::Step {
            session_id,
            course_step_id,
            student_package_id,
        } => {
            bookings::book_step(
                &app.db,
                StepRequest {
                    student_id,
                    session_id,
                    course_step_id,
                    student_package_id,
                },
                now,
            )
            .await?
        }
    })
}

/// The acting role: admins act on any booking, students on their own.
pub fn actor(me: &CurrentUser) -> Actor {
    if me.user.is_admin {
        Actor::Admin
    } else {
        Actor::Student(me.user.student_id)
    }
}

/// A booking the caller may see: their own, or any for an admin (404 otherwise).
pub async fn visible(app: &App, me: &CurrentUser, id: i64) -> Result<BookingRecord, AppError> {
    let b = bookings::get(&app.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if b.student_id != me.user.student_id && !me.user.is_admin {
        return Err(AppError::NotFound);
    }
    Ok(b)
}

/// The policy applied to one booking: what the student may still do, and why not.
pub async fn can_modify(app: &App, me: &CurrentUser, id: i64) -> Result<Changes, AppError> {
    let b = visible(app, me, id).await?;
    let session = sessions::get(&app.db, b.session_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let policy = policies::active(&app.db).await?;
    let first = aula_db::bookings::first_start(&app.db, b.id)
        .await?
        .unwrap_or(session.start_at);
    Ok(policy.changes_from(
        b.status,
        session.start_at,
        first,
        app.clock.now(),
        b.rescheduled_count,
    ))
}

/// Cancels a booking for its student or an admin.
#[tracing::instrument(skip_all, fields(booking_id = id), err(level = "info"))]
pub async fn cancel(
    app: &App,
    me: &CurrentUser,
    id: i64,
    reason: Option<String>,
) -> Result<CancelOutcome, AppError> {
    let policy = policies::active(&app.db).await?;
    Ok(bookings::cancel(&app.db, id, actor(me), reason, &policy, app.clock.now()).await?)
}

/// Moves a booking to another session or slot.
#[tracing::instrument(skip_all, fields(booking_id = id), err(level = "info"))]
pub async fn reschedule(
    app: &App,
    me: &CurrentUser,
    id: i64,
    target: Target,
    confirm_cross_tier: bool,
) -> Result<BookingRecord, AppError> {
    if let Target::NewPrivate { start, end, .. } = target {
        booking::check_private_length(start, end)?;
    }
    let policy = policies::active(&app.db).await?;
    Ok(bookings::reschedule(
        &app.db,
        id,
        actor(me),
        target,
        confirm_cross_tier,
        &policy,
        app.clock.now(),
    )
    .await?)
}

/// Who may see a session's roster and take its attendance: its teacher, a teacher of its class,
/// or an admin.
pub async fn runs_session(
    app: &App,
    me: &CurrentUser,
    session: &aula_db::sessions::SessionView,
) -> Result<bool, AppError> {
    if me.user.is_admin {
        return Ok(true);
    }
    let Some(teacher) = me.user.teacher_id else {
        return Ok(false);
    };
    if session.teacher_id == teacher {
        return Ok(true);
    }
    Ok(match session.group_class_id {
        Some(c) => group_classes::load(&app.db, c)
            .await?
            .is_some_and(|g| g.teachers.iter().any(|(t, _)| *t == teacher)),
        None => false,
    })
}

/// Takes attendance: the session's teacher (or a teacher of its class) or an admin.
#[tracing::instrument(skip_all, fields(session_id), err(level = "info"))]
pub async fn attendance(
    app: &App,
    me: &CurrentUser,
    session_id: i64,
    items: &[(i64, Mark)],
) -> Result<Vec<BookingRecord>, AppError> {
    let session = sessions::get(&app.db, session_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !runs_session(app, me, &session).await? {
        return Err(AppError::Forbidden);
    }
    Ok(bookings::attendance(&app.db, session_id, items, app.clock.now()).await?)
}

/// Joins a waiting list.
pub async fn join_waitlist(
    app: &App,
    me: &CurrentUser,
    session_id: i64,
) -> Result<WaitlistEntry, AppError> {
    Ok(bookings::join_waitlist(&app.db, me.user.student_id, session_id, app.clock.now()).await?)
}

/// The caller's bookings, each with its session and what the policy still allows, from a fixed
/// number of queries (bookings, their sessions with counts, the policy; plus the original start
/// of each booking that was moved).
pub async fn mine_with_changes(
    app: &App,
    me: &CurrentUser,
) -> Result<Vec<(BookingRecord, sessions::SessionView, Changes)>, AppError> {
    let now = app.clock.now();
    let mine = bookings::list_for_student(&app.db, me.user.student_id, &Default::default()).await?;
    let ids: Vec<i64> = mine.iter().map(|b| b.session_id).collect();
    let by_id: std::collections::HashMap<i64, sessions::SessionView> =
        sessions::by_ids(&app.db, &ids)
            .await?
            .into_iter()
            .map(|s| (s.id, s))
            .collect();
    let policy = policies::active(&app.db).await?;
    let mut out = Vec::with_capacity(mine.len());
    for b in mine {
        let Some(s) = by_id.get(&b.session_id).cloned() else {
            continue;
        };
        // Only a moved booking has an earlier first start to look up.
        let first = if b.rescheduled_count > 0 {
            bookings::first_start(&app.db, b.id)
                .await?
                .unwrap_or(s.start_at)
        } else {
            s.start_at
        };
        let changes = policy.changes_from(b.status, s.start_at, first, now, b.rescheduled_count);
        out.push((b, s, changes));
    }
    Ok(out)
}

/// Display names of all teachers by id (for "Private lesson with …").
pub async fn teacher_names(app: &App) -> Result<std::collections::HashMap<i64, String>, AppError> {
    Ok(aula_db::teachers::list(&app.db, true)
        .await?
        .into_iter()
        .map(|t| (t.id, t.display_name))
        .collect())
}

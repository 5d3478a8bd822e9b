//! `POST /api/bookings`

use aula_domain::Problem;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::api::bookings::dto::{BookingDto, TargetBody};
use crate::error::ErrorBody;
use crate::extract::{ApiJson, CurrentUser};
use crate::services::booking::{self, BookingAsk};
use crate::{App, AppError};

/// One of three bodies: `{sessionId, studentPackageId, allowanceId, confirmCrossTier?}` (a session
/// paid with credits), `{teacherId, startAt, endAt, studentPackageId, allowanceId,
/// confirmCrossTier?}` (a new private lesson from a free slot), or `{sessionId, courseStepId,
/// studentPackageId?}` (a course step: no credits spent).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BookingBody {
    #[serde(flatten)]
    pub target: TargetBody,
    pub student_package_id: Option<i64>,
    pub allowance_id: Option<i64>,
    pub course_step_id: Option<i64>,
    #[serde(default)]
    pub confirm_cross_tier: bool,
}

fn ask(b: BookingBody) -> Result<BookingAsk, AppError> {
    if let Some(course_step_id) = b.course_step_id {
        let session_id = b.target.session_id.ok_or_else(|| {
            AppError::field(
                "sessionId",
                Problem::new("required-with").with("other", "courseStepId"),
            )
        })?;
        return Ok(BookingAsk::Step {
            session_id,
            course_step_id,
            student_package_id: b.student_package_id,
        });
    }
    let target = b.target.target()?;
    let student_package_id = b
        .student_package_id
        .ok_or_else(|| AppError::field("studentPackageId", Problem::required()))?;
    let allowance_id = b
        .allowance_id
        .ok_or_else(|| AppError::field("allowanceId", Problem::required()))?;
    Ok(BookingAsk::Credit {
        target,
        student_package_id,
        allowance_id,
        confirm_cross_tier: b.confirm_cross_tier,
    })
}

/// Books a seat (see the body for the three kinds).
///
/// Credit bookings check, in order: the session is bookable, not already booked by you, has a
/// free seat; the allowance is yours (404), unexpired, can pay (tier and type), cross-tier is
/// confirmed, and enough credits are left. A free slot must be inside the teacher's availability
/// (409 `slot_unavailable`, checked first). A course step needs an enrolment (409
/// `not_enrolled`), a session of an active option of the step (422), and an UNBOOKED or MISSED
/// step (409 `step_already_booked`).
#[utoipa::path(post, path = "/api/bookings", tag = "booking", request_body = BookingBody, security(("bearer" = [])),
    responses(
        (status = 201, description = "The booking", body = BookingDto),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 404, description = "No such session, purchase or allowance of yours", body = ErrorBody),
        (status = 409, description = "A booking rule refused (see the codes)", body = ErrorBody),
        (status = 422, description = "Missing fields, a bad length, or a session that does not serve the step", body = ErrorBody),
    ))]
pub async fn create(
    State(app): State<App>,
    me: CurrentUser,
    ApiJson(b): ApiJson<BookingBody>,
) -> Result<(StatusCode, Json<BookingDto>), AppError> {
    let booking = booking::create(&app, &me, ask(b)?).await?;
    Ok((
        StatusCode::CREATED,
        Json(BookingDto::load(&app, booking).await?),
    ))
}

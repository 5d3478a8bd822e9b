//! JSON shapes shared by several handlers.

use aula_db::accounts::UserRecord;
use aula_domain::Page;
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppError;

/// A user as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserDto {
    pub id: i64,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    /// `student` always, plus `teacher` and `admin` when granted.
    pub roles: Vec<String>,
    pub student_id: i64,
    pub teacher_id: Option<i64>,
    /// The zone the user's times are shown in (IANA name); null: the school's.
    pub timezone: Option<String>,
    /// The language of the user's pages and mails (`en`, `es`); null: chosen per request.
    pub locale: Option<String>,
}

impl From<&UserRecord> for UserDto {
    fn from(u: &UserRecord) -> Self {
        Self {
            id: u.id,
            email: u.email.clone(),
            first_name: u.first_name.clone(),
            last_name: u.last_name.clone(),
            roles: u
                .roles()
                .into_iter()
                .map(|r| r.as_str().to_owned())
                .collect(),
            student_id: u.student_id,
            teacher_id: u.teacher_id,
            timezone: u.timezone.clone(),
            locale: u.locale.clone(),
        }
    }
}

/// A logged-in user and the token to send as `Authorization: Bearer <token>`.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuthResponse {
    pub user: UserDto,
    pub token: String,
}

/// A session with its seats: `bookedCount` counts CONFIRMED bookings, `availableSpots` the free
/// seats, `waitlistCount` the students waiting.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SessionDto {
    pub id: i64,
    /// `PRIVATE` or `GROUP`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `SCHEDULED`, `CANCELLED` or `COMPLETED`.
    pub status: String,
    pub start_at: chrono::DateTime<chrono::Utc>,
    pub end_at: chrono::DateTime<chrono::Utc>,
    pub teacher_id: i64,
    pub group_class_id: Option<i64>,
    /// Title of the group class, if any.
    pub title: Option<String>,
    pub capacity_max: i32,
    pub booked_count: i64,
    pub available_spots: i64,
    pub waitlist_count: i64,
}

impl From<&aula_db::sessions::SessionView> for SessionDto {
    fn from(s: &aula_db::sessions::SessionView) -> Self {
        Self {
            id: s.id,
            kind: s.kind.as_str().to_owned(),
            status: s.status.as_str().to_owned(),
            start_at: s.start_at,
            end_at: s.end_at,
            teacher_id: s.teacher_id,
            group_class_id: s.group_class_id,
            title: s.title.clone(),
            capacity_max: s.capacity_max,
            booked_count: s.booked_count,
            available_spots: s.available_spots(),
            waitlist_count: s.waitlist_count,
        }
    }
}

/// A list of sessions with paging.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SessionPage {
    pub items: Vec<SessionDto>,
    pub total: u64,
    pub page: u64,
    pub page_size: u64,
}

/// A teacher's public profile.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TeacherDto {
    pub id: i64,
    pub user_id: i64,
    pub display_name: String,
    /// Pricing tier added to the session base tier (PRIVATE 100, GROUP 50).
    pub tier: i32,
    pub bio: Option<String>,
    pub languages_spoken: Vec<String>,
    pub specialties: Vec<String>,
    pub years_experience: Option<i32>,
    pub avatar_url: Option<String>,
    /// IANA time zone of the teacher's availability.
    pub timezone: String,
    pub is_active: bool,
}

impl From<aula_db::teachers::TeacherRecord> for TeacherDto {
    fn from(t: aula_db::teachers::TeacherRecord) -> Self {
        Self {
            id: t.id,
            user_id: t.user_id,
            display_name: t.display_name,
            tier: t.tier,
            bio: t.bio,
            languages_spoken: t.languages_spoken,
            specialties: t.specialties,
            years_experience: t.years_experience,
            avatar_url: t.avatar_url,
            timezone: t.timezone,
            is_active: t.is_active,
        }
    }
}

/// Highest page number served (past the end it is an empty page; past this, a 400).
const MAX_PAGE: i64 = 1_000_000_000;

/// The paging of a list request: `page` and `pageSize` must be positive integers the server can
/// represent (else 400); `pageSize` at most 100 (else 422); a page past the end is empty.
pub fn paging(page: Option<i64>, page_size: Option<i64>) -> Result<Page, AppError> {
    for (name, value) in [("page", page), ("pageSize", page_size)] {
        if value.is_some_and(|v| v < 1) {
            return Err(AppError::InvalidRequest(format!(
                "{name} must be a positive integer"
            )));
        }
    }
    if page.is_some_and(|p| p > MAX_PAGE) {
        return Err(AppError::InvalidRequest(format!(
            "page must be at most {MAX_PAGE}"
        )));
    }
    Ok(Page::parse(page, page_size)?)
}

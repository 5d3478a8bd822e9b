//! JSON shapes shared by several handlers.

use aula_db::accounts::UserRecord;
use serde::Serialize;
use utoipa::ToSchema;

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
        }
    }
}

/// A logged-in user and the token to send as `Authorization: Bearer <token>`.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuthResponse {
    pub user: UserDto,
    pub token: String,
}

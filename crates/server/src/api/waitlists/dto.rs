//! The waiting-list entry as the API shows it.

use aula_db::bookings::WaitlistEntry;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The session to wait for.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct JoinBody {
    pub session_id: i64,
}

/// A place in line.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WaitlistDto {
    pub id: i64,
    pub session_id: i64,
    /// 1 = next in line.
    pub position: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl From<WaitlistEntry> for WaitlistDto {
    fn from(e: WaitlistEntry) -> Self {
        Self {
            id: e.id,
            session_id: e.session_id,
            position: e.position,
            created_at: e.created_at,
        }
    }
}

/// Your places.
#[derive(Debug, Serialize, ToSchema)]
pub struct WaitlistList {
    pub items: Vec<WaitlistDto>,
}

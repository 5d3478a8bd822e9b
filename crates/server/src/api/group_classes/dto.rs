//! The group class as the API shows it.

use serde::Serialize;
use utoipa::ToSchema;

use crate::api::dto::SessionDto;
use crate::api::levels::list::LevelDto;
use crate::services::scheduling::ClassView;

/// A teacher of a class.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClassTeacherDto {
    pub teacher_id: i64,
    pub is_primary: bool,
}

/// A group class with levels, teachers and sessions.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GroupClassDto {
    pub id: i64,
    pub title: String,
    pub description: Option<String>,
    pub capacity_max: i32,
    pub is_active: bool,
    pub levels: Vec<LevelDto>,
    pub level_ids: Vec<i64>,
    pub teachers: Vec<ClassTeacherDto>,
    pub teacher_ids: Vec<i64>,
    pub primary_teacher_id: Option<i64>,
    /// The weekly recurrence the class was created with, if any.
    #[schema(value_type = Option<Object>)]
    pub recurrence: Option<serde_json::Value>,
    pub sessions: Vec<SessionDto>,
}

impl From<ClassView> for GroupClassDto {
    fn from(v: ClassView) -> Self {
        let c = v.class;
        Self {
            primary_teacher_id: c.primary_teacher_id(),
            id: c.id,
            title: c.title,
            description: c.description,
            capacity_max: c.capacity_max,
            is_active: c.is_active,
            level_ids: c.levels.iter().map(|l| l.id).collect(),
            levels: c
                .levels
                .into_iter()
                .map(|l| LevelDto {
                    id: l.id,
                    code: l.code,
                    name: l.name,
                    sort_order: l.sort_order,
                })
                .collect(),
            teacher_ids: c.teachers.iter().map(|(t, _)| *t).collect(),
            teachers: c
                .teachers
                .into_iter()
                .map(|(teacher_id, is_primary)| ClassTeacherDto {
                    teacher_id,
                    is_primary,
                })
                .collect(),
            recurrence: c.recurrence.and_then(|r| serde_json::from_str(&r).ok()),
            sessions: v.sessions.iter().map(SessionDto::from).collect(),
        }
    }
}

/// A list of group classes.
#[derive(Debug, Serialize, ToSchema)]
pub struct GroupClassList {
    pub items: Vec<GroupClassDto>,
}

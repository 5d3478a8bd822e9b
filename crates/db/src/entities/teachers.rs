//! `teachers`: the teacher profile of a user; the role is held while `revoked_at` is null.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "teachers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    pub tier: i32,
    pub bio: Option<String>,
    pub languages_spoken: String,
    pub specialties: String,
    pub years_experience: Option<i32>,
    pub avatar_url: Option<String>,
    pub timezone: String,
    pub is_active: bool,
    pub revoked_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

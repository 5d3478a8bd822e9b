//! SeaORM entities, one module per table. Only this crate sees them.

pub mod admins;
pub mod auth_sessions;
pub mod availability_exceptions;
pub mod availability_rules;
pub mod bookings;
pub mod cancellation_policies;
pub mod checkout_sessions;
pub mod course_program_levels;
pub mod course_program_texts;
pub mod course_programs;
pub mod course_step_options;
pub mod course_steps;
pub mod group_class_levels;
pub mod group_class_teachers;
pub mod group_classes;
pub mod levels;
pub mod outbox;
pub mod package_allowances;
pub mod package_texts;
pub mod package_uses;
pub mod packages;
pub mod password_resets;
pub mod pending_refunds;
pub mod sessions;
pub mod step_progress;
pub mod stripe_events;
pub mod student_packages;
pub mod students;
pub mod teachers;
pub mod users;
pub mod waitlist_entries;

// The one mapping between stored names and the domain's types.
use aula_domain::{BookingKind, BookingStatus, SessionKind, SessionStatus, StepStatus};

use crate::decode;

impl bookings::Model {
    /// The stored status, typed.
    pub fn status(&self) -> BookingStatus {
        decode(&self.status)
    }

    /// The stored kind, typed.
    pub fn kind(&self) -> BookingKind {
        decode(&self.kind)
    }
}

impl sessions::Model {
    /// The stored status, typed.
    pub fn status(&self) -> SessionStatus {
        decode(&self.status)
    }

    /// The stored type, typed.
    pub fn kind(&self) -> SessionKind {
        decode(&self.kind)
    }
}

impl step_progress::Model {
    /// The stored status, typed.
    pub fn status(&self) -> StepStatus {
        decode(&self.status)
    }
}

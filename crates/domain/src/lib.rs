//! Aula's rules without IO: identifiers, validated values and the policies of the school.

pub mod vocab;

pub mod account;
pub mod booking;
pub mod course;
pub mod credits;
pub mod error;
pub mod ids;
pub mod mail;
pub mod paging;
pub mod policy;
pub mod purchase;
pub mod schedule;

pub use account::{Email, Password, PersonName, Role};
pub use booking::{BookingKind, BookingStatus, SessionStatus};
pub use course::{CourseCode, StepStatus};
pub use credits::{CreditUnit, LedgerKind, ServiceType, SessionKind, TeacherTier};
pub use error::{Conflict, DomainError, Problem, ProblemArg, Refusal};
pub use ids::{StudentId, TeacherId, UserId};
pub use paging::Page;
pub use purchase::{CheckoutStatus, Money};
pub use vocab::StoredName;

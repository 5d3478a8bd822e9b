//! Aula's rules without IO: identifiers, validated values and the policies of the school.

pub mod account;
pub mod credits;
pub mod error;
pub mod paging;
pub mod policy;
pub mod schedule;

pub use account::{Email, Password, PersonName, Role};
pub use error::DomainError;
pub use paging::Page;

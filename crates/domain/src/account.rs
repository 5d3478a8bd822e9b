//! Accounts: e-mail addresses, passwords, names and roles, parsed once at the edge.

use std::fmt;

use crate::{DomainError, Problem};

/// A normalised (trimmed, lower-case) e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    /// Parses an address: one `@`, a non-empty local part, a dotted domain, no spaces, at most 254 bytes.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let value = raw.trim().to_lowercase();
        let bad = |p: Problem| DomainError::invalid("email", p);
        if value.is_empty() {
            return Err(bad(Problem::required()));
        }
        if value.len() > 254 {
            return Err(bad(Problem::at_most_chars(254)));
        }
        let Some((local, domain)) = value.split_once('@') else {
            return Err(bad(Problem::new("email")));
        };
        let domain_ok = !domain.contains('@')
            && domain.contains('.')
            && domain
                .split('.')
                .all(|part| !part.is_empty() && !part.starts_with('-') && !part.ends_with('-'));
        if local.is_empty()
            || local.len() > 64
            || !domain_ok
            || value.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(bad(Problem::new("email")));
        }
        Ok(Self(value))
    }

    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A password as typed: 8 to 256 characters. Its `Debug` never shows it.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    /// Shortest accepted password, in characters.
    pub const MIN_CHARS: usize = 8;
    /// Longest accepted password, in characters (bounds the hashing work).
    pub const MAX_CHARS: usize = 256;

    /// Accepts a new password when its length is within the bounds.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let chars = raw.chars().count();
        if chars < Self::MIN_CHARS {
            return Err(DomainError::invalid(
                "password",
                Problem::new("at-least-chars").with("min", Self::MIN_CHARS as i64),
            ));
        }
        if chars > Self::MAX_CHARS {
            return Err(DomainError::invalid(
                "password",
                Problem::at_most_chars(Self::MAX_CHARS as i64),
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    /// The password itself, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

/// A first or last name: trimmed, 1 to 100 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    /// Parses the name given for `field` (`firstName` or `lastName`).
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, DomainError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(DomainError::invalid(field, Problem::required()));
        }
        if value.chars().count() > 100 {
            return Err(DomainError::invalid(field, Problem::at_most_chars(100)));
        }
        if value.chars().any(char::is_control) {
            return Err(DomainError::invalid(field, Problem::new("control-chars")));
        }
        Ok(Self(value.to_owned()))
    }

    /// The trimmed name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a user may do. Every user is a student; teacher and admin are granted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Student,
    Teacher,
    Admin,
}

impl Role {
    /// The lower-case name used in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Student => "student",
            Role::Teacher => "teacher",
            Role::Admin => "admin",
        }
    }

    /// Parses `student`, `teacher` or `admin`.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "student" => Some(Role::Student),
            "teacher" => Some(Role::Teacher),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_trimmed_and_lower_cased() {
        assert_eq!(
            Email::parse("  Ana.Perez@Example.COM ").unwrap().as_str(),
            "ana.perez@example.com"
        );
    }

    #[test]
    fn email_rejects_malformed_addresses() {
        for bad in [
            "",
            "   ",
            "ana",
            "ana@",
            "@example.com",
            "ana@example",
            "a b@example.com",
            "ana@@example.com",
            "ana@.com",
            "ana@example..com",
            "ana@-x.com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be rejected");
        }
        let long = format!("{}@example.com", "a".repeat(250));
        assert!(Email::parse(&long).is_err());
    }

    #[test]
    fn email_error_names_the_field() {
        let err = Email::parse("nope").unwrap_err();
        assert!(
            matches!(err, DomainError::Invalid { field: "email", .. }),
            "{err:?}"
        );
    }

    #[test]
    fn password_length_is_counted_in_characters() {
        assert!(Password::parse("1234567").is_err());
        assert!(Password::parse("12345678").is_ok());
        assert!(Password::parse("ñññññññ").is_err());
        assert!(Password::parse("ññññññññ").is_ok());
        assert!(Password::parse(&"x".repeat(257)).is_err());
    }

    #[test]
    fn password_debug_hides_the_secret() {
        let p = Password::parse("correct horse").unwrap();
        assert!(!format!("{p:?}").contains("horse"));
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            PersonName::parse("firstName", "  Ana ").unwrap().as_str(),
            "Ana"
        );
        assert!(PersonName::parse("firstName", "   ").is_err());
        assert!(PersonName::parse("lastName", &"x".repeat(101)).is_err());
        assert!(PersonName::parse("lastName", "a\u{0007}b").is_err());
        let err = PersonName::parse("lastName", "").unwrap_err();
        assert!(
            matches!(
                err,
                DomainError::Invalid {
                    field: "lastName",
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn roles_round_trip() {
        for r in [Role::Student, Role::Teacher, Role::Admin] {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
    }
}

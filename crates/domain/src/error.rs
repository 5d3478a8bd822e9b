//! The error every rule of the domain reports.

/// A value or an action broke a rule of the domain.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// A field holds a value its rule rejects; `field` names it as the API spells it.
    #[error("{field}: {problem}")]
    Invalid {
        field: &'static str,
        problem: String,
    },
    /// Several fields (named with paths such as `rules[1].endTime`) break their rules.
    #[error("invalid fields: {0:?}")]
    Fields(std::collections::BTreeMap<String, String>),
}

impl DomainError {
    /// A rejected value of `field`.
    pub fn invalid(field: &'static str, problem: impl Into<String>) -> Self {
        Self::Invalid {
            field,
            problem: problem.into(),
        }
    }
}

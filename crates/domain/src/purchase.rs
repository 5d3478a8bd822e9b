//! Buying: money and the life of a checkout.

use std::fmt;

use crate::DomainError;
use crate::vocab::stored_name;

stored_name! {
    /// Where a checkout stands: `open` until paid (`complete`) or `expired`.
    CheckoutStatus {
        Open = "open",
        Complete = "complete",
        Expired = "expired",
    }
}

/// An amount in minor units of a currency (lower-case ISO 4217, e.g. `usd`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Money {
    amount_minor: i64,
    currency: String,
}

impl Money {
    /// Largest price of a package, in minor units.
    pub const MAX_PRICE_MINOR: i64 = 10_000_000;

    /// A price: 1 to 10,000,000 minor units of a 3-letter currency (case folded). Reports the
    /// problems of both fields at once.
    pub fn price(amount_minor: i64, currency: &str) -> Result<Self, DomainError> {
        let mut fields = std::collections::BTreeMap::new();
        if !(1..=Self::MAX_PRICE_MINOR).contains(&amount_minor) {
            fields.insert(
                "amountMinor".to_owned(),
                crate::Problem::new("amount").with("max", Self::MAX_PRICE_MINOR),
            );
        }
        let currency = currency.trim().to_ascii_lowercase();
        if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_lowercase()) {
            fields.insert("currency".to_owned(), crate::Problem::new("currency"));
        }
        if !fields.is_empty() {
            return Err(DomainError::Fields(fields));
        }
        Ok(Self {
            amount_minor,
            currency,
        })
    }

    /// An amount already stored (trusted).
    pub fn stored(amount_minor: i64, currency: impl Into<String>) -> Self {
        Self {
            amount_minor,
            currency: currency.into(),
        }
    }

    /// Minor units.
    pub fn amount_minor(&self) -> i64 {
        self.amount_minor
    }

    /// Lower-case ISO 4217 code.
    pub fn currency(&self) -> &str {
        &self.currency
    }
}

impl fmt::Display for Money {
    /// `149.00 USD` (currencies with two decimals; pages format money for their language).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}.{:02} {}",
            self.amount_minor / 100,
            self.amount_minor % 100,
            self.currency.to_ascii_uppercase()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices() {
        let m = Money::price(14900, " USD ").unwrap();
        assert_eq!((m.amount_minor(), m.currency()), (14900, "usd"));
        assert_eq!(m.to_string(), "149.00 USD");
        let Err(DomainError::Fields(f)) = Money::price(0, "dollars") else {
            panic!("accepted")
        };
        assert_eq!(f.len(), 2);
    }
}

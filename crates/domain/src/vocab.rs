//! The words of the school as types: statuses and kinds that the database stores as upper-case
//! strings, parsed once where they enter and written back through [`StoredName`].

/// A closed set of names stored as text: one mapping for the database and the API.
pub trait StoredName: Sized + Copy + 'static {
    /// Every value, in declaration order.
    const ALL: &'static [Self];

    /// The stored (and API) spelling.
    fn as_str(self) -> &'static str;

    /// The value spelled `raw`, exactly.
    fn parse(raw: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.as_str() == raw)
    }
}

/// Declares an enum whose values are stored as the given strings.
macro_rules! stored_name {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $crate::vocab::StoredName for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];

            fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl $name {
            /// The stored (and API) spelling.
            pub fn as_str(self) -> &'static str {
                $crate::vocab::StoredName::as_str(self)
            }

            /// The value spelled `raw`, exactly.
            pub fn parse(raw: &str) -> Option<Self> {
                $crate::vocab::StoredName::parse(raw)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use stored_name;

#[cfg(test)]
mod tests {
    use super::StoredName;
    use crate::booking::{BookingKind, BookingStatus, SessionStatus};
    use crate::course::StepStatus;
    use crate::credits::{LedgerKind, ServiceType, SessionKind};
    use crate::purchase::CheckoutStatus;

    fn round_trips<T: StoredName + PartialEq + std::fmt::Debug>() {
        for v in T::ALL {
            assert_eq!(T::parse(v.as_str()), Some(*v));
            assert_eq!(v.as_str(), v.as_str().trim());
        }
        assert_eq!(T::parse(""), None);
    }

    #[test]
    fn every_name_round_trips() {
        round_trips::<BookingStatus>();
        round_trips::<BookingKind>();
        round_trips::<SessionStatus>();
        round_trips::<SessionKind>();
        round_trips::<ServiceType>();
        round_trips::<StepStatus>();
        round_trips::<LedgerKind>();
        round_trips::<CheckoutStatus>();
        assert_eq!(BookingStatus::parse("confirmed"), None, "names are exact");
    }
}

//! Typed ids where mixing them up is a real risk: a user, the student and the teacher they are
//! are three different rows with three different ids.

use std::fmt;

macro_rules! id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub i64);

        impl $name {
            /// The number as stored.
            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id!(
    /// A user account (`users.id`).
    UserId
);
id!(
    /// The student row of a user (`students.id`); every user has one.
    StudentId
);
id!(
    /// The teacher row of a user (`teachers.id`), for users with the teacher role.
    TeacherId
);

//! Where a read runs: callers outside this crate pass the [`Db`] (its readers); repositories
//! inside it may pass the transaction they hold, so a read sees that transaction's writes.

use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::Db;

mod sealed {
    /// The connection behind a [`super::Reader`]; unnameable outside this crate.
    pub trait Conn {
        type C: sea_orm::ConnectionTrait;
        fn conn(&self) -> &Self::C;
    }
}

pub(crate) use sealed::Conn;

impl<C: ConnectionTrait> Conn for C {
    type C = C;
    fn conn(&self) -> &C {
        self
    }
}

impl Conn for Db {
    type C = DatabaseConnection;
    fn conn(&self) -> &DatabaseConnection {
        self.reader()
    }
}

/// Something repositories can read through: the [`Db`], or (inside `aula-db`) a transaction.
pub trait Reader: sealed::Conn {}

impl<T: sealed::Conn> Reader for T {}

//! Opening the database: SQLite with WAL, a busy timeout and foreign keys; PostgreSQL as is.

use std::time::Duration;

use aula_migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection, Statement,
};

use crate::DbError;

/// Which engine a database URL selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The engine named by a URL's scheme, if Aula supports it.
    pub fn of_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }
}

/// A pool of connections to Aula's database.
#[derive(Clone, Debug)]
pub struct Db {
    conn: DatabaseConnection,
    backend: Backend,
}

impl Db {
    /// Connects to `url` (`sqlite://...` or `postgres://...`).
    pub async fn connect(url: &str) -> Result<Self, DbError> {
        let backend = Backend::of_url(url).ok_or_else(|| {
            DbError::Other(sea_orm::DbErr::Custom(format!(
                "unsupported database URL scheme in {}",
                redact(url)
            )))
        })?;
        let mut opts = ConnectOptions::new(url.to_owned());
        opts.sqlx_logging(false)
            .connect_timeout(Duration::from_secs(10))
            .acquire_timeout(Duration::from_secs(30));
        match backend {
            Backend::Sqlite => {
                opts.max_connections(8).min_connections(1);
                opts.map_sqlx_sqlite_opts(|o| {
                    o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                        .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                        .busy_timeout(Duration::from_secs(30))
                        .foreign_keys(true)
                });
            }
            Backend::Postgres => {
                opts.max_connections(16).min_connections(1);
            }
        }
        let conn = Database::connect(opts).await?;
        Ok(Self { conn, backend })
    }

    /// The engine behind this pool.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The SeaORM connection, for repositories.
    pub fn conn(&self) -> &DatabaseConnection {
        &self.conn
    }

    /// Applies every pending migration; returns how many were applied.
    pub async fn migrate(&self) -> Result<usize, DbError> {
        let pending = Migrator::get_pending_migrations(&self.conn).await?.len();
        Migrator::up(&self.conn, None).await?;
        Ok(pending)
    }

    /// True when the database answers and no migration is pending.
    pub async fn is_ready(&self) -> bool {
        let ping = self
            .conn
            .execute(Statement::from_string(self.db_backend(), "SELECT 1"))
            .await;
        if ping.is_err() {
            return false;
        }
        matches!(Migrator::get_pending_migrations(&self.conn).await, Ok(p) if p.is_empty())
    }

    fn db_backend(&self) -> DatabaseBackend {
        self.conn.get_database_backend()
    }

    /// Closes the pool.
    pub async fn close(self) -> Result<(), DbError> {
        self.conn.close().await.map_err(DbError::from)
    }
}

/// A database URL with any password replaced by `***`, safe to print.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(
            redact("sqlite://aula.db?mode=rwc"),
            "sqlite://aula.db?mode=rwc"
        );
    }

    #[test]
    fn backend_from_scheme() {
        assert_eq!(Backend::of_url("sqlite://x.db"), Some(Backend::Sqlite));
        assert_eq!(
            Backend::of_url("postgresql://h/db"),
            Some(Backend::Postgres)
        );
        assert_eq!(Backend::of_url("mysql://h/db"), None);
    }
}

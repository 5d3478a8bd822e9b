//! Opening the database: SQLite with WAL, a busy timeout and foreign keys, one writer connection
//! beside a pool of readers; PostgreSQL with one pool for both.

use std::time::Duration;

use aula_migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection,
    DatabaseTransaction, Statement, TransactionTrait,
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

/// Aula's database: where reads run and where write transactions queue.
///
/// On SQLite every write transaction runs on the one writer connection and takes the write lock
/// with its first statement, so writers wait for each other (in this process in the pool's
/// queue, across processes on the busy timeout) instead of failing with "database is locked";
/// reads run on a pool of query-only connections beside it (WAL lets them read while a write
/// is under way). On PostgreSQL both are one pool and row locks order the writers.
#[derive(Clone, Debug)]
pub struct Db {
    read: DatabaseConnection,
    write: DatabaseConnection,
    backend: Backend,
    /// Statements sent since connecting (tests bound the queries of a request with it).
    queries: std::sync::Arc<std::sync::atomic::AtomicU64>,
    /// SQLite: where credit bookings of existing sessions are written.
    lane: Option<std::sync::Arc<crate::bookings::BookingLane>>,
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
        match backend {
            Backend::Sqlite => {
                // The writer first: it creates the file and switches it to WAL.
                let write = Database::connect(sqlite_options(url, 1, false)).await?;
                let read = Database::connect(sqlite_options(url, 4, true)).await?;
                let mut db = Self::counted(read, write, backend);
                db.lane = Some(std::sync::Arc::new(crate::bookings::BookingLane::start(
                    db.write.get_sqlite_connection_pool().clone(),
                    db.statements(),
                )));
                Ok(db)
            }
            Backend::Postgres => {
                let conn = postgres_pool(url).await?;
                Ok(Self::counted(conn.clone(), conn, backend))
            }
        }
    }

    fn counted(
        mut read: DatabaseConnection,
        mut write: DatabaseConnection,
        backend: Backend,
    ) -> Self {
        use std::sync::atomic::{AtomicU64, Ordering};
        let queries = std::sync::Arc::new(AtomicU64::new(0));
        for conn in [&mut read, &mut write] {
            let count = queries.clone();
            let trace = std::env::var("AULA_TRACE_SQL").is_ok();
            conn.set_metric_callback(move |info| {
                count.fetch_add(1, Ordering::Relaxed);
                if trace {
                    eprintln!("SQL {} {:?}", info.statement.sql, info.statement.values);
                }
            });
        }
        Self {
            read,
            write,
            backend,
            queries,
            lane: None,
        }
    }

    /// How many statements this pool has sent since it connected (reads, writes, transactions).
    pub fn queries(&self) -> u64 {
        self.queries.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// SQLite: the booking lane.
    pub(crate) fn booking_lane(&self) -> Option<&crate::bookings::BookingLane> {
        self.lane.as_deref()
    }

    /// Where calls sent without SeaORM are counted (and traced), as SeaORM's are.
    pub(crate) fn statements(&self) -> Statements {
        Statements {
            count: self.queries.clone(),
            trace: std::env::var("AULA_TRACE_SQL").is_ok(),
        }
    }

    /// The connection reads run on.
    pub(crate) fn reader(&self) -> &DatabaseConnection {
        &self.read
    }

    /// The connection for a single-statement write outside a transaction.
    pub(crate) fn writer(&self) -> &DatabaseConnection {
        &self.write
    }

    /// Starts a write transaction. On SQLite it holds the write lock from its first statement
    /// on, so it never has to upgrade a read into a write (which fails at once when another
    /// writer got there first).
    pub(crate) async fn begin(&self) -> Result<DatabaseTransaction, DbError> {
        let txn = self.write.begin().await?;
        if self.backend == Backend::Sqlite {
            // SeaORM begins with a plain (deferred) BEGIN; a write statement that changes
            // nothing makes it IMMEDIATE: it waits here, on the busy timeout, for other writers.
            txn.execute_unprepared("UPDATE seaql_migrations SET version = version WHERE 0")
                .await?;
        }
        Ok(txn)
    }

    /// Starts a write transaction whose first statement is itself a write (a row lock): on
    /// SQLite that statement takes the write lock, so no extra statement is needed for it.
    pub(crate) async fn begin_writing(&self) -> Result<DatabaseTransaction, DbError> {
        Ok(self.write.begin().await?)
    }

    /// Runs SQL as written, outside any repository (tests and operators); returns rows affected.
    pub async fn execute_unprepared(&self, sql: &str) -> Result<u64, DbError> {
        Ok(self.write.execute_unprepared(sql).await?.rows_affected())
    }

    /// The first column of the first row of `sql`, as text (tests and operators).
    pub async fn query_text(&self, sql: &str) -> Result<Option<String>, DbError> {
        let row = self
            .read
            .query_one(Statement::from_string(self.db_backend(), sql))
            .await?;
        Ok(row.and_then(|r| r.try_get_by_index::<String>(0).ok()))
    }

    /// The engine behind this pool.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Applies every pending migration; returns how many were applied.
    pub async fn migrate(&self) -> Result<usize, DbError> {
        let pending = Migrator::get_pending_migrations(&self.write).await?.len();
        Migrator::up(&self.write, None).await?;
        Ok(pending)
    }

    /// True when the database answers and no migration is pending.
    pub async fn is_ready(&self) -> bool {
        // Read-only on purpose (readers are query-only on SQLite): the applied versions against
        // the migrations this build knows.
        let applied = self
            .read
            .query_all(Statement::from_string(
                self.db_backend(),
                "SELECT version FROM seaql_migrations",
            ))
            .await;
        let Ok(rows) = applied else {
            return false;
        };
        let applied: Vec<String> = rows
            .iter()
            .filter_map(|r| r.try_get_by_index::<String>(0).ok())
            .collect();
        Migrator::migrations()
            .iter()
            .all(|m| applied.iter().any(|a| a == m.name()))
    }

    pub(crate) fn db_backend(&self) -> DatabaseBackend {
        self.read.get_database_backend()
    }

    /// Closes the pools.
    pub async fn close(self) -> Result<(), DbError> {
        self.read.close().await?;
        if self.backend == Backend::Sqlite {
            self.write.close().await?;
        }
        Ok(())
    }
}

/// Counts (and with `AULA_TRACE_SQL`, prints) calls sent on a raw connection.
pub(crate) struct Statements {
    count: std::sync::Arc<std::sync::atomic::AtomicU64>,
    trace: bool,
}

impl Statements {
    /// One call sent.
    pub(crate) fn note(&self, sql: &str, values: &[sea_orm::Value]) {
        self.count
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if self.trace {
            eprintln!("SQL {sql} {values:?}");
        }
    }
}

/// The PostgreSQL pool. While the server cannot be reached, calls answer 503 within 10 s (a
/// connection waits at most 4 s to open and 8 s for a free one).
///
/// A connection is tested with a round trip before use only when it sat idle for a second or
/// more (a server restart while it was idle is found there, not by a request). A busy pool
/// skips that test: it cost one more round trip for every statement, and the connection is
/// tested anyway each time it goes back to the pool (sqlx pings it then), so one that broke
/// while in use is dropped at once.
async fn postgres_pool(url: &str) -> Result<DatabaseConnection, DbError> {
    use sea_orm::sqlx::postgres::{PgConnectOptions, PgPoolOptions};
    use sea_orm::sqlx::{ConnectOptions as _, Connection as _};
    let options: PgConnectOptions = url.parse().map_err(|e: sea_orm::sqlx::Error| {
        DbError::Other(sea_orm::DbErr::Conn(sea_orm::RuntimeErr::SqlxError(e)))
    })?;
    let pool = PgPoolOptions::new()
        .max_connections(16)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(8))
        .test_before_acquire(false)
        .before_acquire(|conn, meta| {
            Box::pin(async move {
                if meta.idle_for >= Duration::from_secs(1) {
                    conn.ping().await?;
                }
                Ok(true)
            })
        })
        .connect_with(options.disable_statement_logging())
        .await
        .map_err(|e| DbError::from(sea_orm::DbErr::Conn(sea_orm::RuntimeErr::SqlxError(e))))?;
    Ok(sea_orm::SqlxPostgresConnector::from_sqlx_postgres_pool(
        pool,
    ))
}

/// SQLite options: WAL, `synchronous = NORMAL`, a 30 s busy timeout, foreign keys; readers are
/// query-only, so a write that misses the writer fails loudly in tests instead of racing.
fn sqlite_options(url: &str, connections: u32, readers: bool) -> ConnectOptions {
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.sqlx_logging(false)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(30))
        .max_connections(connections)
        .min_connections(1)
        // The connection is a thread of this process: testing it before each use cost the
        // writer one more hop to that thread per transaction, for nothing.
        .test_before_acquire(false);
    opts.map_sqlx_sqlite_opts(move |o| {
        // A page cache per connection (KiB when negative, 12 MiB in all) and no memory map of
        // the file: the operating system's cache holds the file anyway, and every mapped page
        // SQLite touched counted in the server's resident memory (45 MiB more at the load kit's
        // peak, against the 64 MiB budget). At most 64 prepared statements kept per connection:
        // every statement text the server sends is fixed (ids travel as parameters), so these
        // hold the hot ones, and memory stays bounded (the load kit runs within 56 MiB; the
        // README's "Performance" has the figures with and without).
        let o = o
            .journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
            .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(30))
            .foreign_keys(true)
            .statement_cache_capacity(64)
            .pragma("cache_size", if readers { "-2048" } else { "-4096" })
            .pragma("mmap_size", "0")
            .pragma("temp_store", "memory");
        if readers {
            o.pragma("query_only", "ON")
        } else {
            o
        }
    });
    opts
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

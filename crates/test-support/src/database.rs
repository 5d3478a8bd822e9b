//! One fresh database per test: a SQLite file in the temp dir, or a PostgreSQL database created on
//! the server named by `AULA_TEST_DATABASE_URL` and dropped afterwards.

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};

use rand::Rng;
use sea_orm::{ConnectionTrait, Database};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// "postgres" when tests run on PostgreSQL, else "sqlite".
pub fn backend_name() -> &'static str {
    if admin_url().is_some() {
        "postgres"
    } else {
        "sqlite"
    }
}

fn admin_url() -> Option<String> {
    std::env::var("AULA_TEST_DATABASE_URL")
        .ok()
        .filter(|s| !s.trim().is_empty())
}

/// A database that exists for one test.
pub struct TestDatabase {
    /// URL to connect the app with.
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(std::path::PathBuf),
    Postgres { admin: String, name: String },
}

impl TestDatabase {
    /// Creates an empty database.
    pub async fn create() -> Self {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tag: u32 = rand::rng().random();
        match admin_url() {
            None => {
                let path = std::env::temp_dir()
                    .join(format!("aula-test-{}-{n}-{tag:08x}.db", std::process::id()));
                Self {
                    url: format!("sqlite://{}?mode=rwc", path.display()),
                    cleanup: Cleanup::Sqlite(path),
                }
            }
            Some(admin) => {
                let name = format!("aula_test_{}_{n}_{tag:08x}", std::process::id());
                let conn = Database::connect(&admin)
                    .await
                    .expect("connect to AULA_TEST_DATABASE_URL");
                conn.execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("create test database");
                let _ = conn.close().await;
                mark_postgres_run(&name);
                let url = with_database(&admin, &name);
                Self {
                    url,
                    cleanup: Cleanup::Postgres { admin, name },
                }
            }
        }
    }
}

/// Appends to `$AULA_TEST_PG_MARKER` so CI can prove the PostgreSQL run ran database tests.
fn mark_postgres_run(name: &str) {
    if let Ok(path) = std::env::var("AULA_TEST_PG_MARKER")
        && let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
    {
        let _ = writeln!(f, "{name}");
    }
}

/// `admin` with its database path replaced by `name`.
fn with_database(admin: &str, name: &str) -> String {
    let (base, query) = match admin.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (admin, String::new()),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    format!("{}/{name}{query}", &base[..host_end])
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Sqlite(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::Postgres { admin, name } => {
                let (admin, name) = (admin.clone(), name.clone());
                // Drop runs inside the test's runtime; a separate thread gets its own.
                let _ = std::thread::spawn(move || {
                    let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                    else {
                        return;
                    };
                    rt.block_on(async {
                        if let Ok(conn) = Database::connect(&admin).await {
                            let _ = conn
                                .execute_unprepared(&format!(
                                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                                ))
                                .await;
                            let _ = conn.close().await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn replaces_the_database_of_a_url() {
        assert_eq!(
            with_database("postgres://u@h:5432/postgres", "x"),
            "postgres://u@h:5432/x"
        );
        assert_eq!(with_database("postgres://u@h", "x"), "postgres://u@h/x");
        assert_eq!(
            with_database("postgres://u@h/db?sslmode=disable", "x"),
            "postgres://u@h/x?sslmode=disable"
        );
    }
}

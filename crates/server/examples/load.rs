//! Load benchmark (a program, not a test): starts Aula on a fresh database, seeds 1,000
//! students with credits, 10 course programs and 200 sessions, then drives 32 concurrent clients
//! for 20 s against each of `GET /api/course-programs`, `GET /api/packages/my-credits` and
//! `POST /api/bookings`, and prints requests/s, p50/p99 latency and error counts.
//!
//! SQLite: `cargo run --release -p aula-server --example load`
//! PostgreSQL: `AULA_TEST_DATABASE_URL=postgres://postgres@127.0.0.1/postgres cargo run --release -p aula-server --example load`
//! Shorter runs: `AULA_LOAD_SECONDS=5`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use aula_test_support::{TestApp, backend_name, execute};
use chrono::Utc;
use serde_json::json;

const STUDENTS: usize = 1000;
const PROGRAMS: usize = 10;
const TEACHERS: usize = 10;
const SESSIONS_PER_TEACHER: usize = 20;
const CLIENTS: usize = 32;

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let seconds: u64 = std::env::var("AULA_LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let t = TestApp::spawn().await;
    t.clock.set(Utc::now());
    let started = Instant::now();
    let world = Arc::new(seed(&t).await);
    println!(
        "backend {}: seeded {STUDENTS} students, {PROGRAMS} course programs, {} sessions in {:.1} s",
        backend_name(),
        world.sessions.len(),
        started.elapsed().as_secs_f64()
    );
    println!(
        "{:<34} {:>9} {:>9} {:>9} {:>8} {:>8} {:>7}",
        "endpoint", "requests", "req/s", "p50 ms", "p99 ms", "409s", "errors"
    );
    for kind in [Kind::Catalogue, Kind::Credits, Kind::Book] {
        let r = drive(&t, &world, kind, Duration::from_secs(seconds)).await;
        println!(
            "{:<34} {:>9} {:>9.0} {:>9.2} {:>8.2} {:>8} {:>7}",
            kind.label(),
            r.count,
            r.count as f64 / r.elapsed,
            r.p50,
            r.p99,
            r.conflicts,
            r.errors
        );
    }
}

struct World {
    tokens: Vec<(String, i64, i64)>,
    sessions: Vec<i64>,
}

/// Seeds through the API where it is cheap and with bulk SQL where the API would hash 1,000 passwords.
async fn seed(t: &TestApp) -> World {
    let admin = t.admin_token().await;
    let mut sessions = Vec::new();
    let first = Utc::now().date_naive() + chrono::Duration::days(2);
    for i in 0..TEACHERS {
        let (_, teacher) = t.teacher(&format!("teacher{i}@load.test")).await;
        let times: Vec<_> = (0..SESSIONS_PER_TEACHER)
            .map(|d| {
                let day = first + chrono::Duration::days(d as i64);
                json!({"startAt": format!("{day}T{:02}:00:00Z", 8 + i), "endAt": format!("{day}T{:02}:00:00Z", 9 + i)})
            })
            .collect();
        let body = json!({"title": format!("Class {i}"), "capacityMax": 500, "levelIds": [1 + (i % 6)], "teacherIds": [teacher], "sessions": times});
        let r = t.post("/api/admin/group-classes", body, Some(&admin)).await;
        sessions.extend(
            r.json["sessions"]
                .as_array()
                .expect("sessions")
                .iter()
                .map(|s| s["id"].as_i64().expect("id")),
        );
    }
    for p in 0..PROGRAMS {
        let program = t.course_program(&format!("LOAD-{p}"), 4).await;
        t.package(json!({"name": format!("Course {p}"), "amountMinor": 10000, "currency": "usd", "expiresInDays": null,
            "allowances": [{"serviceType": "COURSE", "credits": 1, "courseProgramId": program}]}))
            .await;
    }
    let package = t
        .package(json!({"name": "Load credits", "amountMinor": 1000, "currency": "usd", "expiresInDays": null,
            "allowances": [{"serviceType": "GROUP", "credits": 1000, "creditUnitMinutes": 60}]}))
        .await;
    let (package_id, allowance) = (
        package["id"].as_i64().expect("id"),
        package["allowances"][0]["id"].as_i64().expect("id"),
    );
    World {
        tokens: students(t, package_id, allowance).await,
        sessions,
    }
}

/// 1,000 students, each with a login token and a purchase of 1,000 group credits, in bulk.
async fn students(t: &TestApp, package_id: i64, allowance: i64) -> Vec<(String, i64, i64)> {
    let now = "'2026-01-01T00:00:00Z'";
    let expires = "'2099-01-01T00:00:00Z'";
    let base = 100_000;
    for chunk in (0..STUDENTS).collect::<Vec<_>>().chunks(250) {
        let users: Vec<String> = chunk
            .iter()
            .map(|i| {
                format!(
                    "({}, 'load{i}@load.test', 'Load', 'Student', NULL, {now}, {now})",
                    base + i
                )
            })
            .collect();
        execute(&t.db, &format!("INSERT INTO users (id, email, first_name, last_name, password_hash, created_at, updated_at) VALUES {}", users.join(","))).await.expect("users");
        let students: Vec<String> = chunk
            .iter()
            .map(|i| format!("({}, {}, {now})", base + i, base + i))
            .collect();
        execute(
            &t.db,
            &format!(
                "INSERT INTO students (id, user_id, created_at) VALUES {}",
                students.join(",")
            ),
        )
        .await
        .expect("students");
        let sessions: Vec<String> = chunk
            .iter()
            .map(|i| {
                format!(
                    "({}, '{}', {now}, {expires})",
                    base + i,
                    aula_server::services::auth::hash_token(&format!("load-token-{i}"))
                )
            })
            .collect();
        execute(
            &t.db,
            &format!(
                "INSERT INTO auth_sessions (user_id, token_hash, created_at, expires_at) VALUES {}",
                sessions.join(",")
            ),
        )
        .await
        .expect("tokens");
        let bought: Vec<String> = chunk
            .iter()
            .map(|i| {
                format!(
                    "({}, {}, {package_id}, 'Load credits', {now}, 1000, 'usd', {now})",
                    base + i,
                    base + i
                )
            })
            .collect();
        execute(
            &t.db,
            &format!("INSERT INTO student_packages (id, student_id, package_id, package_name, purchased_at, amount_minor, currency, created_at) VALUES {}", bought.join(",")),
        )
        .await
        .expect("purchases");
    }
    (0..STUDENTS)
        .map(|i| (format!("load-token-{i}"), (base + i) as i64, allowance))
        .collect()
}

#[derive(Clone, Copy)]
enum Kind {
    Catalogue,
    Credits,
    Book,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Catalogue => "GET /api/course-programs",
            Kind::Credits => "GET /api/packages/my-credits",
            Kind::Book => "POST /api/bookings (credits)",
        }
    }
}

struct Report {
    count: usize,
    elapsed: f64,
    p50: f64,
    p99: f64,
    conflicts: usize,
    errors: usize,
}

async fn drive(t: &TestApp, world: &Arc<World>, kind: Kind, length: Duration) -> Report {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(CLIENTS)
        .build()
        .expect("client");
    let deadline = Instant::now() + length;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..CLIENTS {
        let (client, world, base) = (client.clone(), world.clone(), t.base.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let (mut conflicts, mut errors) = (0, 0);
            let mut n = c;
            while Instant::now() < deadline {
                n = n.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let (token, sp, allowance) = &world.tokens[(n >> 33) % world.tokens.len()];
                let req = match kind {
                    Kind::Catalogue => client.get(format!("{base}/api/course-programs")),
                    Kind::Credits => client.get(format!("{base}/api/packages/my-credits")).bearer_auth(token),
                    Kind::Book => {
                        let session = world.sessions[(n >> 17) % world.sessions.len()];
                        client.post(format!("{base}/api/bookings")).bearer_auth(token).json(&json!({"sessionId": session, "studentPackageId": sp, "allowanceId": allowance}))
                    }
                };
                let sent = Instant::now();
                match req.send().await {
                    Ok(r) if r.status().is_success() => {}
                    Ok(r) if r.status() == 409 => conflicts += 1,
                    _ => errors += 1,
                }
                lat.push(sent.elapsed().as_secs_f64() * 1000.0);
            }
            (lat, conflicts, errors)
        }));
    }
    let mut all = Vec::new();
    let (mut conflicts, mut errors) = (0, 0);
    for task in tasks {
        let (lat, c, e) = task.await.expect("client task");
        all.extend(lat);
        conflicts += c;
        errors += e;
    }
    all.sort_by(f64::total_cmp);
    let pick = |q: f64| {
        all.get(((all.len() as f64 - 1.0) * q) as usize)
            .copied()
            .unwrap_or(0.0)
    };
    Report {
        count: all.len(),
        elapsed: started.elapsed().as_secs_f64(),
        p50: pick(0.5),
        p99: pick(0.99),
        conflicts,
        errors,
    }
}

//! The `aula` binary itself: help, configuration errors, migrate, user create, serve --demo.

use std::io::{BufRead, BufReader};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use aula_test_support::TestDatabase;
use serde_json::json;

fn aula(db_url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aula"))
        .args(args)
        .env("AULA_DATABASE_URL", db_url)
        .env("AULA_LOG", "warn")
        .env_remove("AULA_LISTEN")
        .output()
        .expect("run aula")
}

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

#[test]
fn every_command_explains_its_options() {
    for args in [
        &["--help"][..],
        &["serve", "--help"],
        &["migrate", "--help"],
        &["user", "create", "--help"],
        &["seed-demo", "--help"],
    ] {
        let out = aula("sqlite::memory:", args);
        assert!(out.status.success(), "{args:?}");
        let help = text(&out.stdout);
        assert!(help.contains("Usage:"), "{args:?}: {help}");
        assert!(
            help.contains("--database-url"),
            "{args:?} names the global database option"
        );
    }
    let serve = text(&aula("sqlite::memory:", &["serve", "--help"]).stdout);
    for opt in [
        "--listen",
        "--public-url",
        "--session-ttl-days",
        "--demo",
        "AULA_LISTEN",
    ] {
        assert!(serve.contains(opt), "serve --help mentions {opt}");
    }
}

#[test]
fn bad_settings_stop_with_one_line_naming_the_setting() {
    let cases: [(&str, &str, &str); 4] = [
        ("AULA_LISTEN", "nowhere", "AULA_LISTEN"),
        ("AULA_PUBLIC_URL", "ftp://x", "AULA_PUBLIC_URL"),
        ("AULA_SESSION_TTL_DAYS", "0", "AULA_SESSION_TTL_DAYS"),
        ("AULA_LOG", "info,=[", "AULA_LOG"),
    ];
    for (var, value, named) in cases {
        let out = Command::new(env!("CARGO_BIN_EXE_aula"))
            .arg("serve")
            .env("AULA_DATABASE_URL", "sqlite::memory:")
            .env(var, value)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{var}={value}");
        let err = text(&out.stderr);
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert!(err.contains(named), "{err}");
    }
    let out = aula("mysql://root:hunter2@localhost/x", &["migrate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("AULA_DATABASE_URL"));
    assert!(
        !text(&out.stderr).contains("hunter2"),
        "secrets are never printed"
    );
}

/// `aula serve` with these settings (and an unusable listen address, so one that passes its checks
/// fails only later, when it binds).
fn serve_with(vars: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_aula"));
    cmd.arg("serve")
        .env("AULA_DATABASE_URL", "sqlite::memory:")
        .env("AULA_LOG", "warn")
        .env("AULA_LISTEN", "192.0.2.1:1")
        .env_remove("AULA_PUBLIC_URL")
        .env_remove("AULA_STRIPE_SECRET_KEY")
        .env_remove("AULA_STRIPE_WEBHOOK_SECRET")
        .env_remove("AULA_STRIPE_API_BASE")
        .env_remove("AULA_DEV_CHECKOUT");
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

#[test]
fn payments_fail_closed() {
    let key = ("AULA_STRIPE_SECRET_KEY", "sk_test_123");
    let hook = ("AULA_STRIPE_WEBHOOK_SECRET", "whsec_123");
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (vec![key], "AULA_STRIPE_WEBHOOK_SECRET"),
        (
            vec![key, hook, ("AULA_STRIPE_API_BASE", "not a url")],
            "AULA_STRIPE_API_BASE",
        ),
        (
            vec![key, hook, ("AULA_STRIPE_API_BASE", "http://not a url")],
            "AULA_STRIPE_API_BASE",
        ),
        (
            vec![key, hook, ("AULA_STRIPE_API_BASE", "ftp://stripe.example")],
            "AULA_STRIPE_API_BASE",
        ),
        (
            vec![("AULA_PUBLIC_URL", "https://school.example")],
            "AULA_DEV_CHECKOUT",
        ),
        (
            vec![
                ("AULA_PUBLIC_URL", "https://school.example"),
                ("AULA_DEV_CHECKOUT", "yes"),
            ],
            "AULA_DEV_CHECKOUT",
        ),
    ];
    for (vars, named) in cases {
        let out = serve_with(&vars);
        assert_eq!(out.status.code(), Some(2), "{vars:?}");
        let err = text(&out.stderr);
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert!(err.contains(named), "{vars:?}: {err}");
        assert!(
            !err.contains("sk_test_123") && !err.contains("whsec_123"),
            "{err}"
        );
    }
    // Meant on purpose: the checks pass, and serve stops only where it binds.
    for vars in [
        vec![
            ("AULA_PUBLIC_URL", "https://school.example"),
            ("AULA_DEV_CHECKOUT", "true"),
        ],
        vec![
            key,
            hook,
            ("AULA_STRIPE_API_BASE", "http://127.0.0.1:12111"),
        ],
    ] {
        let out = serve_with(&vars);
        let err = text(&out.stderr);
        assert!(err.contains("AULA_LISTEN"), "{vars:?}: {err}");
    }
}

#[test]
fn an_unreachable_database_is_reported_without_its_password() {
    let out = aula("postgres://aula:hunter2@127.0.0.1:1/aula", &["migrate"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("AULA_DATABASE_URL") && err.contains("***"),
        "{err}"
    );
    assert!(!err.contains("hunter2"), "{err}");
}

#[tokio::test]
async fn migrate_twice_changes_nothing_the_second_time() {
    let db = TestDatabase::create().await;
    let url = db.url.clone();
    let (first, second) =
        tokio::task::spawn_blocking(move || (aula(&url, &["migrate"]), aula(&url, &["migrate"])))
            .await
            .unwrap();
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(second.status.success(), "{}", text(&second.stderr));
    let conn = aula_db::Db::connect(&db.url).await.unwrap();
    assert_eq!(
        conn.migrate().await.unwrap(),
        0,
        "nothing pending after migrate"
    );
    conn.close().await.unwrap();
}

#[tokio::test]
async fn user_create_makes_users_or_explains_why_not() {
    let db = TestDatabase::create().await;
    let url = db.url.clone();
    let run = move |args: Vec<&'static str>| {
        let url = url.clone();
        tokio::task::spawn_blocking(move || aula(&url, &args))
    };
    let base = vec![
        "user",
        "create",
        "--email",
        "Boss@Aula.test",
        "--password",
        "long enough",
        "--first-name",
        "Bo",
        "--last-name",
        "Ss",
    ];
    let mut admin = base.clone();
    admin.extend(["--role", "admin"]);
    let out = run(admin).await.unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("boss@aula.test") && text(&out.stdout).contains("admin"));

    let again = run(base).await.unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("already registered"));

    let bad = run(vec![
        "user",
        "create",
        "--email",
        "x",
        "--password",
        "short",
        "--first-name",
        "A",
        "--last-name",
        "B",
    ])
    .await
    .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let err = text(&bad.stderr);
    assert!(err.contains("email") && err.contains("password"), "{err}");

    let missing = run(vec!["user", "create", "--email", "a@b.io"])
        .await
        .unwrap();
    assert_eq!(
        missing.status.code(),
        Some(2),
        "clap reports missing options"
    );
}

#[tokio::test]
async fn serve_demo_seeds_prints_passwords_once_and_stops_on_sigterm() {
    let db = TestDatabase::create().await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_aula"))
        .args(["serve", "--demo", "--listen", &format!("127.0.0.1:{port}")])
        .env("AULA_DATABASE_URL", &db.url)
        .env("AULA_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let lines = std::thread::spawn(move || {
        let mut seen = Vec::new();
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let done = line.contains("listening");
            seen.push(line);
            if done {
                break;
            }
        }
        seen
    })
    .join()
    .unwrap();
    let password_of = |email: &str| {
        lines
            .iter()
            .find(|l| l.contains(email))
            .and_then(|l| l.split("password: ").nth(1))
            .map(str::trim)
            .map(str::to_owned)
    };
    let student = password_of("student@aula.test").expect("student password printed");
    assert!(password_of("admin@aula.test").is_some() && password_of("teacher@aula.test").is_some());

    let client = reqwest::Client::new();
    let base = format!("http://127.0.0.1:{port}");
    let login = client
        .post(format!("{base}/api/auth/login"))
        .json(&json!({"email": "student@aula.test", "password": student}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 200);
    let token = login.json::<serde_json::Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let get = |path: &str| {
        client
            .get(format!("{base}{path}"))
            .bearer_auth(&token)
            .send()
    };
    let credits: serde_json::Value = get("/api/packages/my-credits")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        credits["totalRemaining"], 18,
        "the demo student owns both bundles: {credits}"
    );
    let courses: serde_json::Value = get("/api/students/me/course-packages")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let sfz = &courses["items"][0];
    assert_eq!(
        (
            sfz["code"].as_str(),
            sfz["totalSteps"].as_i64(),
            sfz["bookedSteps"].as_i64()
        ),
        (Some("SFZ"), Some(4), Some(1)),
        "{courses}"
    );
    assert_eq!(sfz["steps"][0]["status"], "BOOKED");
    assert_eq!(sfz["nextStepId"], sfz["steps"][1]["stepId"]);
    let catalogue: serde_json::Value = get("/api/course-programs/SFZ")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        catalogue["steps"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["options"].as_array().unwrap().len() == 2),
        "{catalogue}"
    );
    let teachers: serde_json::Value = get("/api/teachers").await.unwrap().json().await.unwrap();
    assert_eq!(teachers["items"].as_array().unwrap().len(), 3);
    let zones: Vec<&str> = teachers["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["timezone"].as_str().unwrap())
        .collect();
    assert_eq!(zones, ["Europe/Madrid", "America/Mexico_City", "UTC"]);
    let sessions: serde_json::Value = get("/api/sessions?type=GROUP&pageSize=100")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        sessions["total"].as_i64().unwrap() >= 8,
        "two weeks of classes: {}",
        sessions["total"]
    );
    assert!(
        sessions["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["bookedCount"] == 3)
            .count()
            >= 2,
        "the demo teacher's first sessions have a roster: {sessions}"
    );
    let levels: std::collections::BTreeSet<i64> = {
        let classes: serde_json::Value = get("/api/group-classes")
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        classes["items"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| {
                c["levelIds"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|l| l.as_i64().unwrap())
            })
            .collect()
    };
    assert!(levels.len() >= 4, "several levels: {levels:?}");
    let packages: serde_json::Value = get("/api/packages").await.unwrap().json().await.unwrap();
    assert_eq!(packages["items"].as_array().unwrap().len(), 4);
    let teacher = client
        .get(format!("{base}/api/admin/users?role=teacher"))
        .send()
        .await
        .unwrap();
    assert_eq!(teacher.status(), 401);

    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = tokio::task::spawn_blocking(move || child.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(status.success(), "clean exit after SIGTERM: {status:?}");

    // A second seeding finds the accounts and prints no password.
    let url = db.url.clone();
    let again = tokio::task::spawn_blocking(move || aula(&url, &["seed-demo"]))
        .await
        .unwrap();
    assert!(again.status.success());
    assert!(
        !text(&again.stdout).contains("password:"),
        "{}",
        text(&again.stdout)
    );
    let conn = aula_db::Db::connect(&db.url).await.unwrap();
    let counts = aula_test_support::query_text(&conn, "SELECT CAST((SELECT COUNT(*) FROM packages) * 1000 + (SELECT COUNT(*) FROM student_packages) AS TEXT)").await;
    assert_eq!(
        counts.as_deref(),
        Some("4005"),
        "seeding twice adds nothing (Sam's two purchases, three classmates' group packs)"
    );
    conn.close().await.unwrap();
    tokio::time::sleep(Duration::from_millis(10)).await;
}

#[tokio::test]
async fn json_logs_are_one_object_per_line_without_secrets() {
    let db = TestDatabase::create().await;
    let url = db.url.clone();
    let out = tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_aula"))
            .arg("migrate")
            .env("AULA_DATABASE_URL", &url)
            .env("AULA_LOG", "info")
            .env("AULA_LOG_FORMAT", "json")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let lines: Vec<serde_json::Value> = text(&out.stderr)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    let ready = lines
        .iter()
        .find(|l| l["message"] == "database ready")
        .expect("a database ready line");
    assert_eq!(ready["level"], "INFO");
    assert!(
        ready["database"].is_string() && ready["applied"].is_number(),
        "{ready}"
    );
    // On PostgreSQL with a password in the URL, the password never reaches the log.
    let password = db
        .url
        .split("://")
        .nth(1)
        .and_then(|r| r.split('@').next())
        .and_then(|u| u.split_once(':'))
        .map(|(_, p)| p.to_owned());
    if let Some(p) = password.filter(|p| !p.is_empty()) {
        assert!(
            !text(&out.stderr).contains(&format!(":{p}@")),
            "the password was logged"
        );
    }
}

/// Peak resident memory of a process, in KiB (Linux `VmHWM`).
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

#[tokio::test]
async fn a_hundred_parallel_logins_and_registrations_stay_under_256_mib() {
    let db = TestDatabase::create().await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_aula"))
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .env("AULA_DATABASE_URL", &db.url)
        .env("AULA_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.contains("listening") {
                break;
            }
        }
    })
    .join()
    .unwrap();
    let client = reqwest::Client::new();
    let base = format!("http://127.0.0.1:{port}");
    let register = |i: usize| {
        client
            .post(format!("{base}/api/auth/register"))
            .json(&json!({"email": format!("s{i}@example.com"), "password": "correct horse", "firstName": "S", "lastName": "T"}))
            .send()
    };
    let made = aula_test_support::join_all((0..50).map(register).collect()).await;
    assert!(
        made.iter()
            .all(|r| r.as_ref().is_ok_and(|r| r.status() == 201))
    );
    let login = |i: usize| {
        client
            .post(format!("{base}/api/auth/login"))
            .json(
                &json!({"email": format!("s{}@example.com", i % 50), "password": "correct horse"}),
            )
            .send()
    };
    let done = aula_test_support::join_all((0..100).map(login).collect()).await;
    assert!(
        done.iter()
            .all(|r| r.as_ref().is_ok_and(|r| r.status() == 200))
    );
    let peak = peak_rss_kib(child.id()).expect("VmHWM");
    let _ = child.kill();
    let _ = child.wait();
    assert!(peak < 256 * 1024, "peak resident memory {peak} KiB");
    println!(
        "peak resident memory after 150 password hashes: {} MiB",
        peak / 1024
    );
}

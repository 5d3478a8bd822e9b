//! Faults: a server killed with SIGKILL in the middle of concurrent bookings loses nothing it
//! confirmed and leaves every balance right; login tokens survive the restart.

use std::time::Duration;

use aula_test_support::{TestApp, buyer, credits_pack};
use serde_json::{Value, json};

use crate::server::Server;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn kill_9_during_bookings_loses_nothing_confirmed_and_balances_add_up() {
    let t = TestApp::spawn().await;
    // The server process runs on the real clock: sessions a week ahead.
    let now = chrono::Utc::now();
    t.clock.set(now);
    let admin = t.admin_token().await;
    let (_, teacher) = t.teacher("teo@example.com").await;
    let day = now + chrono::Duration::days(7);
    let times: Vec<Value> = (0..6)
        .map(|h| {
            let start = day + chrono::Duration::hours(2 * h);
            json!({"startAt": start.format("%Y-%m-%dT%H:00:00Z").to_string(),
                   "endAt": (start + chrono::Duration::hours(1)).format("%Y-%m-%dT%H:00:00Z").to_string()})
        })
        .collect();
    let class = json!({"title": "Crash", "capacityMax": 3, "levelIds": [], "teacherIds": [teacher], "sessions": times});
    let (_, sessions) = t.group_class(&admin, class).await;
    let p = t.package(credits_pack(1, 6)).await;
    let mut students = Vec::new();
    for i in 0..12 {
        students.push(buyer(&t, &format!("s{i}@example.com"), &p).await);
    }
    let server = Server::start(t.database_url()).await;
    let client = reqwest::Client::new();
    let mut tries = Vec::new();
    for (i, (token, sp, a)) in students.iter().enumerate() {
        for k in 0..3 {
            let body = json!({"sessionId": sessions[(i + k) % 6], "studentPackageId": sp, "allowanceId": a[1]});
            let req = client
                .post(format!("{}/api/bookings", server.1))
                .bearer_auth(token)
                .json(&body);
            tries.push(tokio::spawn(async move {
                match req.send().await {
                    Ok(r) => {
                        let status = r.status().as_u16();
                        let json: Value = r.json().await.unwrap_or(Value::Null);
                        Some((status, json["id"].as_i64()))
                    }
                    Err(_) => None,
                }
            }));
        }
    }
    // Kill the server while the bookings are in flight, once some have been written.
    for _ in 0..5000 {
        if t.count("SELECT COUNT(*) FROM bookings").await >= 6 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let mut server = server;
    server.0.kill().expect("SIGKILL");
    server.0.wait().expect("reaped");
    let mut confirmed = Vec::new();
    for j in tries {
        if let Some((201, Some(id))) = j.await.unwrap() {
            confirmed.push(id);
        }
    }
    // Restart on the same database: every booking a client saw confirmed is still there.
    let again = Server::start(t.database_url()).await;
    for id in &confirmed {
        assert_eq!(
            t.count(&format!(
                "SELECT COUNT(*) FROM bookings WHERE id = {id} AND status = 'CONFIRMED'"
            ))
            .await,
            1,
            "booking {id} was answered 201"
        );
    }
    for s in &sessions {
        let seats = t
            .count(&format!(
                "SELECT COUNT(*) FROM bookings WHERE session_id = {s} AND status = 'CONFIRMED'"
            ))
            .await;
        assert!(seats <= 3, "session {s} has {seats} seats taken");
    }
    // Every balance equals what was bought minus what is booked; tokens still work.
    for (token, sp, a) in &students {
        let booked = t
            .count(&format!(
                "SELECT COUNT(*) FROM bookings WHERE student_package_id = {sp} AND status = 'CONFIRMED'"
            ))
            .await;
        let mine = client
            .get(format!("{}/api/packages/my-credits", again.1))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(mine.status(), 200, "the login token survives the restart");
        let mine: Value = mine.json().await.unwrap();
        let left = mine["items"][0]["allowances"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["allowanceId"] == a[1])
            .unwrap()["remainingCredits"]
            .as_i64()
            .unwrap();
        assert_eq!(left, 6 - booked, "student package {sp}");
    }
    let stored = t
        .count("SELECT COUNT(*) FROM bookings WHERE status = 'CONFIRMED'")
        .await;
    println!(
        "{} of 36 bookings were answered 201 before the kill; {stored} are stored",
        confirmed.len()
    );
    assert!(
        stored >= 6,
        "the kill came after some bookings were written"
    );
}

/// A TCP proxy in front of PostgreSQL that a test can cut and restore.
struct Proxy {
    port: u16,
    cut: std::sync::Arc<std::sync::atomic::AtomicBool>,
    links: std::sync::Arc<std::sync::Mutex<Vec<tokio::task::JoinHandle<()>>>>,
}

impl Proxy {
    async fn start(target: String) -> Proxy {
        use std::sync::atomic::Ordering;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let cut = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let links = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let (c, l) = (cut.clone(), links.clone());
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                if c.load(Ordering::SeqCst) {
                    drop(inbound);
                    continue;
                }
                let target = target.clone();
                let link = tokio::spawn(async move {
                    if let Ok(mut outbound) = tokio::net::TcpStream::connect(&target).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                l.lock().unwrap().push(link);
            }
        });
        Proxy { port, cut, links }
    }

    /// Drops every open connection and refuses new ones.
    fn cut(&self) {
        self.cut.store(true, std::sync::atomic::Ordering::SeqCst);
        for link in self.links.lock().unwrap().drain(..) {
            link.abort();
        }
    }

    fn restore(&self) {
        self.cut.store(false, std::sync::atomic::Ordering::SeqCst);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_database_outage_is_503_and_heals_without_a_restart() {
    let t = TestApp::spawn().await;
    let url = t.database_url().to_owned();
    if !url.starts_with("postgres") {
        // SQLite is a file inside the process: there is no connection to cut.
        return;
    }
    // postgres://user[:pass]@host:port/db → the same through the proxy.
    let (head, rest) = url.split_once('@').unwrap();
    let (hostport, db) = rest.split_once('/').unwrap();
    let proxy = Proxy::start(hostport.to_owned()).await;
    let proxied = format!("{head}@127.0.0.1:{}/{db}", proxy.port);
    let server = Server::start(&proxied).await;
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let get = |path: &str| client.get(format!("{}{path}", server.1)).send();
    assert_eq!(get("/api/levels").await.unwrap().status(), 200);
    proxy.cut();
    assert_eq!(get("/readyz").await.unwrap().status(), 503);
    let during = get("/api/levels").await.unwrap();
    assert_eq!(during.status(), 503, "unavailable, not a 500");
    let body: Value = during.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unavailable");
    // A page answers the 503 page in the layout, never JSON.
    let page = get("/courses").await.unwrap();
    assert_eq!(page.status(), 503);
    assert!(
        page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = page.text().await.unwrap();
    assert!(
        html.contains("<h1>The school is briefly unavailable</h1>") && html.contains("<header"),
        "{html}"
    );
    assert_eq!(
        get("/healthz").await.unwrap().status(),
        200,
        "the process lives"
    );
    proxy.restore();
    let mut healed = false;
    for _ in 0..100 {
        if get("/readyz").await.is_ok_and(|r| r.status() == 200) {
            healed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(healed, "ready again without a restart");
    assert_eq!(get("/api/levels").await.unwrap().status(), 200);
}

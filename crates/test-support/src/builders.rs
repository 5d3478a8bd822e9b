//! Builders for the set-ups tests repeat: people, packages and purchases, a school with a class.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::{Reply, TestApp, execute, paid_event, query_text};

/// The clock of the booking tests: Sunday 1 March 2026, midnight UTC.
pub const NOW: &str = "2026-03-01T00:00:00Z";

impl TestApp {
    /// Registers a student through the API; returns (token, user JSON).
    pub async fn register(&self, email: &str) -> (String, Value) {
        let r = self
            .post("/api/auth/register", json!({"email": email, "password": "correct horse", "firstName": "Test", "lastName": "User"}), None)
            .await;
        assert_eq!(
            r.status,
            StatusCode::CREATED,
            "register {email}: {}",
            r.text
        );
        (
            r.json["token"].as_str().expect("token").to_owned(),
            r.json["user"].clone(),
        )
    }

    /// A logged-in user holding `role` ("admin" or "teacher"), made through the API; returns (token, user).
    pub async fn user_with_role(&self, email: &str, role: &str) -> (String, Value) {
        let (token, user) = self.register(email).await;
        let id = user["id"].as_i64().expect("id");
        let admin = self.admin_token().await;
        let r = self
            .post(
                &format!("/api/admin/users/{id}/roles"),
                json!({"role": role}),
                Some(&admin),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "grant {role}: {}", r.text);
        (token, r.json)
    }

    /// A logged-in teacher: (token, teacher id).
    pub async fn teacher(&self, email: &str) -> (String, i64) {
        let (token, user) = self.user_with_role(email, "teacher").await;
        (token, user["teacherId"].as_i64().expect("teacher id"))
    }

    /// A token of an admin, created directly (the first admin cannot be made over HTTP).
    pub async fn admin_token(&self) -> String {
        let email = "root-admin@aula.test";
        let parsed = aula_domain::Email::parse(email).expect("email");
        if aula_db::accounts::find_by_email(&self.db, &parsed)
            .await
            .expect("lookup")
            .is_none()
        {
            let input = aula_server::services::accounts::NewAccount {
                email: email.into(),
                password: "admin password".into(),
                first_name: "Root".into(),
                last_name: "Admin".into(),
            };
            aula_server::services::accounts::create_user(
                &self.db,
                input,
                Some(aula_domain::Role::Admin),
                None,
                chrono::Utc::now(),
            )
            .await
            .expect("create admin");
        }
        let r = self
            .post(
                "/api/auth/login",
                json!({"email": email, "password": "admin password"}),
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "admin login: {}", r.text);
        r.json["token"].as_str().expect("token").to_owned()
    }

    /// Creates a package through the admin API; returns its JSON.
    pub async fn package(&self, body: Value) -> Value {
        let admin = self.admin_token().await;
        let r = self.post("/api/admin/packages", body, Some(&admin)).await;
        assert_eq!(r.status, StatusCode::CREATED, "create package: {}", r.text);
        r.json
    }

    /// Buys a package for a student through checkout and a signed `checkout.session.completed`;
    /// returns the checkout session id.
    pub async fn buy(&self, student_token: &str, package_id: i64) -> String {
        let r = self
            .post(
                "/api/checkout",
                json!({"packageId": package_id}),
                Some(student_token),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "checkout: {}", r.text);
        let cs = r.json["checkoutSessionId"]
            .as_str()
            .expect("checkout id")
            .to_owned();
        let stored = aula_db::purchases::checkout(&self.db, &cs)
            .await
            .expect("read checkout")
            .expect("the checkout");
        let paid = self
            .webhook(&paid_event(
                &format!("evt_{cs}"),
                &cs,
                &format!("pi_{cs}"),
                stored.amount_minor,
                &stored.currency,
            ))
            .await;
        assert_eq!(paid.status, StatusCode::OK, "webhook: {}", paid.text);
        cs
    }

    /// Inserts a course program with `steps` steps directly (its admin API comes later); returns its id.
    pub async fn course_program(&self, code: &str, steps: usize) -> i64 {
        let t = "'2026-01-01T00:00:00Z'";
        execute(&self.db, &format!("INSERT INTO course_programs (code, title, created_at, updated_at) VALUES ('{code}', '{code} course', {t}, {t})"))
            .await
            .expect("insert program");
        let id: i64 = query_text(
            &self.db,
            &format!("SELECT CAST(id AS TEXT) FROM course_programs WHERE code = '{code}'"),
        )
        .await
        .and_then(|s| s.parse().ok())
        .expect("program id");
        for n in 1..=steps {
            let sql = format!(
                "INSERT INTO course_steps (course_program_id, step_order, label, title, created_at, updated_at) VALUES ({id}, {n}, '{code}-{n}', 'Step {n}', {t}, {t})"
            );
            execute(&self.db, &sql).await.expect("insert step");
        }
        id
    }

    /// Creates a group class through the admin API; returns (class id, session ids in order).
    pub async fn group_class(&self, admin: &str, body: Value) -> (i64, Vec<i64>) {
        let r = self
            .post("/api/admin/group-classes", body, Some(admin))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "create class: {}", r.text);
        let sessions = r.json["sessions"]
            .as_array()
            .expect("sessions")
            .iter()
            .map(|s| s["id"].as_i64().expect("session id"))
            .collect();
        (r.json["id"].as_i64().expect("class id"), sessions)
    }

    /// A school at [`NOW`]: an admin, a tier-0 teacher, a group class with `sessions` one-hour
    /// sessions on 2 March 2026 (08:00, 10:00, …) and `capacity` seats.
    pub async fn school(&self, capacity: i64, sessions: usize) -> School {
        self.set_now(NOW);
        let admin = self.admin_token().await;
        let (teacher_token, teacher) = self.teacher("teo@example.com").await;
        let times: Vec<Value> = (0..sessions)
            .map(|i| json!({"startAt": format!("2026-03-02T{:02}:00:00Z", 8 + 2 * i), "endAt": format!("2026-03-02T{:02}:00:00Z", 9 + 2 * i)}))
            .collect();
        let body = json!({"title": "Conversation", "capacityMax": capacity, "levelIds": [], "teacherIds": [teacher], "sessions": times});
        let (class, sessions) = self.group_class(&admin, body).await;
        School {
            admin,
            teacher_token,
            teacher,
            class,
            sessions,
        }
    }
}

/// What [`TestApp::school`] made.
pub struct School {
    pub admin: String,
    pub teacher_token: String,
    pub teacher: i64,
    pub class: i64,
    pub sessions: Vec<i64>,
}

/// A package of PRIVATE (30-min) and GROUP (60-min) credits.
pub fn credits_pack(private: i64, group: i64) -> Value {
    json!({"name": "Credits", "amountMinor": 5000, "currency": "usd", "expiresInDays": 60, "allowances": [
        {"serviceType": "PRIVATE", "credits": private, "creditUnitMinutes": 30},
        {"serviceType": "GROUP", "credits": group, "creditUnitMinutes": 60}]})
}

/// A student who bought `package`: (token, student package id, allowance ids in package order).
pub async fn buyer(t: &TestApp, email: &str, package: &Value) -> (String, i64, Vec<i64>) {
    let (token, _) = t.register(email).await;
    t.buy(&token, package["id"].as_i64().expect("package id"))
        .await;
    let mine = t.get("/api/packages/my-credits", Some(&token)).await;
    let sp = mine.json["items"][0]["id"]
        .as_i64()
        .expect("student package id");
    let allowances = package["allowances"]
        .as_array()
        .expect("allowances")
        .iter()
        .map(|a| a["id"].as_i64().expect("allowance id"))
        .collect();
    (token, sp, allowances)
}

/// Books a session with credits.
pub async fn book(t: &TestApp, token: &str, session: i64, sp: i64, allowance: i64) -> Reply {
    t.post(
        "/api/bookings",
        json!({"sessionId": session, "studentPackageId": sp, "allowanceId": allowance}),
        Some(token),
    )
    .await
}

/// Remaining credits of one allowance of the student's first purchase.
pub async fn remaining(t: &TestApp, token: &str, allowance: i64) -> i64 {
    let mine = t.get("/api/packages/my-credits", Some(token)).await;
    mine.json["items"][0]["allowances"]
        .as_array()
        .expect("allowances")
        .iter()
        .find(|a| a["allowanceId"] == allowance)
        .expect("the allowance")["remainingCredits"]
        .as_i64()
        .expect("remaining")
}

impl TestApp {
    /// A page as the browser of the user with `token` (or a visitor) gets it: (status, HTML).
    pub async fn page(&self, path: &str, token: Option<&str>) -> (u16, String) {
        let mut req = self.client.get(self.url(path));
        if let Some(t) = token {
            req = req.header("cookie", format!("aula_session={t}"));
        }
        let r = req.send().await.expect("page answered");
        (r.status().as_u16(), r.text().await.expect("page body"))
    }

    /// Posts a page form as the user with `token`, with the session's `_csrf` added.
    pub async fn submit(
        &self,
        path: &str,
        token: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut fields: Vec<(String, String)> = form
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        fields.push(("_csrf".into(), crate::csrf(token)));
        self.client
            .post(self.url(path))
            .header("cookie", format!("aula_session={token}"))
            .form(&fields)
            .send()
            .await
            .expect("form answered")
    }
}

impl TestApp {
    /// `GET path` as `token` (Bearer for `/api/…`, the session cookie for pages): the status and
    /// how many SQL statements the server sent to answer it.
    pub async fn queries_of(&self, path: &str, token: Option<&str>) -> (u16, u64) {
        let before = self.db.queries();
        let status = if path.starts_with("/api/") {
            self.get(path, token).await.status.as_u16()
        } else {
            self.page(path, token).await.0
        };
        (status, self.db.queries() - before)
    }
}

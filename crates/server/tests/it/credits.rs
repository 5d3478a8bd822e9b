//! Compatible credits: tier rules, costs and the recommendation order.

use aula_test_support::{TestApp, assert_error, execute};
use reqwest::Method;
use serde_json::{Value, json};

/// A tier-10 teacher with a 60-minute private session and a 60-minute group session.
async fn sessions(t: &TestApp) -> (i64, i64) {
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (_, teacher) = t.teacher("teo@example.com").await;
    t.call(
        Method::PATCH,
        &format!("/api/admin/teachers/{teacher}"),
        Some(json!({"tier": 10})),
        Some(&admin),
    )
    .await;
    let class = json!({"title": "G", "capacityMax": 5, "levelIds": [], "teacherIds": [teacher],
        "sessions": [{"startAt": "2026-03-10T10:00:00Z", "endAt": "2026-03-10T11:00:00Z"}]});
    let group = t.group_class(&admin, class).await.1[0];
    let now = "'2026-03-01T00:00:00Z'";
    execute(&t.db, &format!("INSERT INTO sessions (type, status, teacher_id, start_at, end_at, capacity_max, created_at, updated_at) VALUES ('PRIVATE', 'SCHEDULED', {teacher}, '2026-03-11T10:00:00Z', '2026-03-11T11:00:00Z', 1, {now}, {now})")).await.unwrap();
    let private = t
        .count("SELECT MAX(id) FROM sessions WHERE type = 'PRIVATE'")
        .await;
    (private, group)
}

fn pack(name: &str, expires: Value, lines: Value) -> Value {
    json!({"name": name, "amountMinor": 1000, "currency": "usd", "expiresInDays": expires, "allowances": lines})
}

fn list(r: &Value, key: &str) -> Vec<(String, i64, i64)> {
    r[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["packageName"].as_str().unwrap().to_owned(),
                o["creditsCost"].as_i64().unwrap(),
                o["remainingCredits"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn tiers_types_and_costs_decide_what_can_pay() {
    let t = TestApp::spawn().await;
    let (private, group) = sessions(&t).await;
    let (token, _) = t.register("sam@example.com").await;
    let lines = |tier: i64, unit: i64, kind: &str| json!([{"serviceType": kind, "credits": 4, "creditUnitMinutes": unit, "teacherTier": tier}]);
    for (name, body) in [
        ("P0", pack("P0", json!(null), lines(0, 30, "PRIVATE"))),
        ("P10", pack("P10", json!(null), lines(10, 30, "PRIVATE"))),
        ("P20", pack("P20", json!(null), lines(20, 60, "PRIVATE"))),
        ("G10", pack("G10", json!(null), lines(10, 60, "GROUP"))),
    ] {
        let p = t.package(body).await;
        t.buy(&token, p["id"].as_i64().unwrap()).await;
        let _ = name;
    }
    let r = t
        .get(
            &format!("/api/sessions/{private}/compatible-credits"),
            Some(&token),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    // Tier-0 private credits cannot pay a tier-10 teacher; group credits never pay a private lesson.
    assert_eq!(
        list(&r.json, "exactMatch"),
        [("P10".to_owned(), 2, 4)],
        "60 min on 30-min credits costs 2"
    );
    assert_eq!(list(&r.json, "higherTier"), [("P20".to_owned(), 1, 4)]);
    assert_eq!(r.json["recommended"]["packageName"], "P10");
    assert_eq!(r.json["recommended"]["serviceType"], "PRIVATE");
    let g = t
        .get(
            &format!("/api/sessions/{group}/compatible-credits"),
            Some(&token),
        )
        .await;
    assert_eq!(list(&g.json, "exactMatch"), [("G10".to_owned(), 1, 4)]);
    let higher: Vec<String> = list(&g.json, "higherTier")
        .into_iter()
        .map(|x| x.0)
        .collect();
    assert_eq!(
        higher.len(),
        3,
        "every private credit may pay for a group class: {higher:?}"
    );
    assert_eq!(g.json["recommended"]["packageName"], "G10");
}

#[tokio::test]
async fn soonest_expiry_then_oldest_purchase_is_recommended_and_empty_allowances_are_left_out() {
    let t = TestApp::spawn().await;
    let (_, group) = sessions(&t).await;
    let (token, _) = t.register("sam@example.com").await;
    let line =
        json!([{"serviceType": "GROUP", "credits": 1, "creditUnitMinutes": 60, "teacherTier": 10}]);
    for (name, expires) in [
        ("never", json!(null)),
        ("late", json!(60)),
        ("soon", json!(10)),
        ("soon-too", json!(10)),
    ] {
        let p = t.package(pack(name, expires, line.clone())).await;
        t.buy(&token, p["id"].as_i64().unwrap()).await;
        t.clock.set(t.clock.now() + chrono::Duration::minutes(1));
    }
    let r = t
        .get(
            &format!("/api/sessions/{group}/compatible-credits"),
            Some(&token),
        )
        .await;
    let names: Vec<String> = list(&r.json, "exactMatch")
        .into_iter()
        .map(|x| x.0)
        .collect();
    assert_eq!(names, ["soon", "soon-too", "late", "never"]);
    // Spend the only credit of "soon": it leaves the list.
    let items = t.get("/api/packages/my-credits", Some(&token)).await.json["items"].clone();
    let soon = items
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["packageName"] == "soon")
        .unwrap();
    let (sp, allowance) = (
        soon["id"].as_i64().unwrap(),
        soon["allowances"][0]["allowanceId"].as_i64().unwrap(),
    );
    execute(&t.db, &format!("INSERT INTO package_uses (student_package_id, allowance_id, kind, credits, created_at) VALUES ({sp}, {allowance}, 'USE', 1, '2026-03-01T00:00:00Z')")).await.unwrap();
    let r = t
        .get(
            &format!("/api/sessions/{group}/compatible-credits"),
            Some(&token),
        )
        .await;
    assert_eq!(r.json["recommended"]["packageName"], "soon-too");
    let mine = t.get("/api/packages/my-credits", Some(&token)).await;
    assert_eq!(
        mine.json["items"].as_array().unwrap().len(),
        4,
        "packages with nothing left are still listed"
    );
    assert_eq!(mine.json["totalRemaining"], 3);
}

#[tokio::test]
async fn compatible_credits_needs_a_login_and_a_session() {
    let t = TestApp::spawn().await;
    let (token, _) = t.register("sam@example.com").await;
    assert_error(
        &t.get("/api/sessions/1/compatible-credits", None).await,
        401,
        "unauthenticated",
    );
    assert_error(
        &t.get("/api/sessions/999999/compatible-credits", Some(&token))
            .await,
        404,
        "not_found",
    );
    let empty = t.get("/api/packages/my-credits", Some(&token)).await;
    assert_eq!(empty.json, json!({"items": [], "totalRemaining": 0}));
}

/// Many credit reads at once, for several students: each gets exactly their own purchases and
/// balances, and a booking is seen by the next read at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn credit_reads_at_once_each_answer_their_own_student() {
    use aula_test_support::{book, buyer, credits_pack, join_all};
    let t = TestApp::spawn().await;
    let s = t.school(5, 2).await;
    let mut students = Vec::new();
    for (i, group) in [1, 2, 3, 4].into_iter().enumerate() {
        let p = t.package(credits_pack(1, group)).await;
        let (token, sp, a) = buyer(&t, &format!("s{i}@example.com"), &p).await;
        students.push((token, sp, a[1], group));
    }
    let (nobody, _) = t.register("none@example.com").await;
    for round in 0..2 {
        let asks: Vec<_> = (0..40)
            .map(|k| {
                let token = match students.get(k % 5) {
                    Some((token, ..)) => token.as_str(),
                    None => nobody.as_str(),
                };
                t.get("/api/packages/my-credits", Some(token))
            })
            .collect();
        for (k, r) in join_all(asks).await.into_iter().enumerate() {
            assert_eq!(r.status, 200, "{}", r.text);
            match students.get(k % 5) {
                Some((_, sp, _, group)) => {
                    let spent = if round == 1 && k % 5 == 0 { 1 } else { 0 };
                    assert_eq!(r.json["items"].as_array().unwrap().len(), 1, "{}", r.text);
                    assert_eq!(r.json["items"][0]["id"], *sp, "{}", r.text);
                    assert_eq!(r.json["totalRemaining"], 1 + group - spent, "{}", r.text);
                }
                None => assert_eq!(r.json, json!({"items": [], "totalRemaining": 0})),
            }
        }
        if round == 0 {
            // The first student books one group credit; every read after it counts it.
            let (token, sp, allowance, _) = &students[0];
            let b = book(&t, token, s.sessions[0], *sp, *allowance).await;
            assert_eq!(b.status, 201, "{}", b.text);
            let r = t.get("/api/packages/my-credits", Some(token)).await;
            assert_eq!(r.json["totalRemaining"], 1, "{}", r.text);
        }
    }
}

//! Payments that add up: amounts checked at completion, full refunds that take back what they
//! bought (future bookings, seats, steps, credits) in one transaction, partial refunds recorded,
//! and refunds that arrive before their completion — in any order of delivery.

use aula_test_support::{TestApp, book, buyer, credits_pack, paid_event, refund_event, remaining};
use serde_json::{Value, json};

async fn checkout(t: &TestApp, token: &str, package: &Value) -> String {
    let r = t
        .post(
            "/api/checkout",
            json!({"packageId": package["id"]}),
            Some(token),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    r.json["checkoutSessionId"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_completion_for_another_amount_or_currency_is_held_for_review() {
    let t = TestApp::spawn().await;
    let p = t.package(credits_pack(2, 2)).await;
    let (token, _) = t.register("sam@example.com").await;
    for (n, (amount, currency)) in [(4999, "usd"), (5000, "eur")].into_iter().enumerate() {
        let cs = checkout(&t, &token, &p).await;
        let e = paid_event(
            &format!("evt_bad_{n}"),
            &cs,
            &format!("pi_bad_{n}"),
            amount,
            currency,
        );
        let r = t.webhook(&e).await;
        assert_eq!(
            (r.status.as_u16(), r.json["received"].clone()),
            (200, json!(true))
        );
        let reason = t
            .count(&format!(
                "SELECT COUNT(*) FROM checkout_sessions WHERE id = '{cs}' AND review_reason IS NOT NULL"
            ))
            .await;
        assert_eq!(reason, 1, "marked for review");
        // No later event grants it, not even one with the right amount.
        let right = paid_event(
            &format!("evt_good_{n}"),
            &cs,
            &format!("pi_bad_{n}"),
            5000,
            "usd",
        );
        assert_eq!(t.webhook(&right).await.status, 200);
    }
    let mine = t.get("/api/packages/my-credits", Some(&token)).await;
    assert_eq!(mine.json["items"], json!([]));
    // The stored price in another case is the same currency.
    let cs = checkout(&t, &token, &p).await;
    assert_eq!(
        t.webhook(&paid_event("evt_ok", &cs, "pi_ok", 5000, "USD"))
            .await
            .status,
        200
    );
    let mine = t.get("/api/packages/my-credits", Some(&token)).await;
    assert_eq!(mine.json["totalRemaining"], 4);
    // The admin sees both held payments "for review" beside the granted purchase.
    let admin = t.admin_token().await;
    let page = t
        .client
        .get(t.url("/admin/purchases"))
        .header("cookie", format!("aula_session={admin}"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert_eq!(html.matches("for review").count(), 2, "{html}");
    assert!(html.contains("sam@example.com") && html.contains("$50.00"));
    // Students get the 403 page, visitors are sent to log in.
    let student = t
        .client
        .get(t.url("/admin/purchases"))
        .header("cookie", format!("aula_session={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(student.status(), 403);
    let visitor = t
        .client
        .get(t.url("/admin/purchases"))
        .send()
        .await
        .unwrap();
    assert_eq!(visitor.status(), 303);
}

#[tokio::test]
async fn a_full_refund_cancels_future_bookings_frees_seats_and_promotes_the_waitlist() {
    let t = TestApp::spawn().await;
    let s = t.school(1, 2).await;
    let p = t.package(credits_pack(2, 4)).await;
    let (ana, ana_sp, ana_a) = buyer(&t, "ana@example.com", &p).await;
    let (bob, _, bob_a) = buyer(&t, "bob@example.com", &p).await;
    assert_eq!(
        book(&t, &ana, s.sessions[0], ana_sp, ana_a[1]).await.status,
        201
    );
    assert_eq!(
        book(&t, &ana, s.sessions[1], ana_sp, ana_a[1]).await.status,
        201
    );
    let wait = t
        .post(
            "/api/waitlists",
            json!({"sessionId": s.sessions[1]}),
            Some(&bob),
        )
        .await;
    assert_eq!(wait.status, 201, "{}", wait.text);
    // The first session has started when the refund arrives: that booking stays.
    t.set_now("2026-03-02T08:30:00Z");
    let pi: String = aula_test_support::query_text(
        &t.db,
        &format!("SELECT payment_intent_id FROM student_packages WHERE id = {ana_sp}"),
    )
    .await
    .unwrap();
    let r = t.webhook(&refund_event("evt_full", &pi, 5000, 5000)).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let status = |session: i64, student: &str| {
        format!(
            "SELECT COUNT(*) FROM bookings b JOIN students st ON st.id = b.student_id JOIN users u ON u.id = st.user_id \
             WHERE b.session_id = {session} AND b.status = 'CONFIRMED' AND u.email = '{student}'"
        )
    };
    assert_eq!(
        t.count(&status(s.sessions[0], "ana@example.com")).await,
        1,
        "started: stays"
    );
    assert_eq!(
        t.count(&status(s.sessions[1], "ana@example.com")).await,
        0,
        "future: cancelled"
    );
    assert_eq!(
        t.count(&status(s.sessions[1], "bob@example.com")).await,
        1,
        "bob got the seat"
    );
    assert_eq!(
        remaining(&t, &bob, bob_a[1]).await,
        3,
        "paid with bob's own credit"
    );
    let ana_credits = t.get("/api/packages/my-credits", Some(&ana)).await;
    assert_eq!(
        ana_credits.json["items"],
        json!([]),
        "the purchase leaves my-credits"
    );
    assert_eq!(
        t.count(&format!(
            "SELECT COUNT(*) FROM package_uses WHERE student_package_id = {ana_sp} AND kind = 'REVOKE'"
        ))
        .await,
        2,
        "the private and the group credits left are revoked"
    );
    // Again (a re-sent or a new refund event): nothing more happens.
    let before = t.count("SELECT COUNT(*) FROM package_uses").await;
    assert_eq!(
        t.webhook(&refund_event("evt_full_2", &pi, 5000, 5000))
            .await
            .status,
        200
    );
    assert_eq!(t.count("SELECT COUNT(*) FROM package_uses").await, before);
}

#[tokio::test]
async fn a_full_refund_of_a_course_cancels_its_open_and_booked_steps() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let program = t.course_program("SFZ", 3).await;
    let p = t
        .package(
            json!({"name": "SFZ", "amountMinor": 9000, "currency": "usd", "expiresInDays": null,
            "allowances": [{"serviceType": "COURSE", "credits": 1, "courseProgramId": program}]}),
        )
        .await;
    let (token, _) = t.register("sam@example.com").await;
    let cs = t.buy(&token, p["id"].as_i64().unwrap()).await;
    let sp = t
        .count(&format!(
            "SELECT id FROM student_packages WHERE checkout_session_id = '{cs}'"
        ))
        .await;
    aula_test_support::execute(
        &t.db,
        &format!(
            "UPDATE student_course_step_progress SET status = 'COMPLETED' WHERE student_package_id = {sp} \
             AND course_step_id = (SELECT MIN(course_step_id) FROM student_course_step_progress WHERE student_package_id = {sp})"
        ),
    )
    .await
    .unwrap();
    let r = t
        .webhook(&refund_event("evt_course", &format!("pi_{cs}"), 9000, 9000))
        .await;
    assert_eq!(r.status, 200);
    let by = |status: &str| {
        format!(
            "SELECT COUNT(*) FROM student_course_step_progress WHERE student_package_id = {sp} AND status = '{status}'"
        )
    };
    assert_eq!(t.count(&by("COMPLETED")).await, 1, "completed steps stay");
    assert_eq!(t.count(&by("CANCELLED")).await, 2);
}

#[tokio::test]
async fn a_partial_refund_is_recorded_and_changes_no_credits() {
    let t = TestApp::spawn().await;
    let p = t.package(credits_pack(2, 2)).await;
    let (token, sp, _) = buyer(&t, "sam@example.com", &p).await;
    let pi = format!(
        "pi_{}",
        aula_test_support::query_text(
            &t.db,
            &format!("SELECT checkout_session_id FROM student_packages WHERE id = {sp}")
        )
        .await
        .unwrap()
    );
    assert_eq!(
        t.webhook(&refund_event("evt_p1", &pi, 5000, 1000))
            .await
            .status,
        200
    );
    assert_eq!(
        t.webhook(&refund_event("evt_p2", &pi, 5000, 2500))
            .await
            .status,
        200
    );
    assert_eq!(
        t.count(&format!(
            "SELECT refunded_minor FROM student_packages WHERE id = {sp}"
        ))
        .await,
        2500
    );
    let mine = t.get("/api/packages/my-credits", Some(&token)).await;
    assert_eq!(mine.json["totalRemaining"], 4);
    // The event that makes it full acts as a full refund.
    assert_eq!(
        t.webhook(&refund_event("evt_p3", &pi, 5000, 5000))
            .await
            .status,
        200
    );
    let mine = t.get("/api/packages/my-credits", Some(&token)).await;
    assert_eq!(mine.json["items"], json!([]));
}

/// Every order of {completion, partial refund, full refund, a duplicate of each} ends in the same
/// state: the purchase exists, is refunded in full, has no credits left and is not usable.
#[tokio::test]
async fn any_order_of_completion_refunds_and_duplicates_ends_the_same() {
    let t = TestApp::spawn().await;
    let p = t.package(credits_pack(2, 3)).await;
    let (token, _) = t.register("sam@example.com").await;
    let kinds = ["paid", "partial", "full"];
    let mut orders: Vec<Vec<usize>> = Vec::new();
    permutations(&mut vec![0, 1, 2, 0, 1, 2], 0, &mut orders);
    orders.sort();
    orders.dedup();
    assert_eq!(orders.len(), 90, "6!/(2!2!2!) distinct orders");
    let mut sps = Vec::new();
    for (n, order) in orders.iter().enumerate() {
        let cs = checkout(&t, &token, &p).await;
        let pi = format!("pi_order_{n}");
        for &k in order {
            let event = match kinds[k] {
                "paid" => paid_event(&format!("evt_{n}_paid"), &cs, &pi, 5000, "usd"),
                "partial" => refund_event(&format!("evt_{n}_partial"), &pi, 5000, 2000),
                _ => refund_event(&format!("evt_{n}_full"), &pi, 5000, 5000),
            };
            let r = t.webhook(&event).await;
            assert_eq!(r.status, 200, "{order:?}: {}", r.text);
        }
        let sp = t
            .count(&format!(
                "SELECT id FROM student_packages WHERE checkout_session_id = '{cs}'"
            ))
            .await;
        assert!(sp > 0, "{order:?}: the purchase exists");
        sps.push((order.clone(), sp));
    }
    for (order, sp) in sps {
        let state = aula_test_support::query_text(
            &t.db,
            &format!(
                "SELECT CAST(refunded_minor AS TEXT) || '/' || CASE WHEN refunded_at IS NULL THEN 'open' ELSE 'refunded' END \
                 FROM student_packages WHERE id = {sp}"
            ),
        )
        .await;
        assert_eq!(state.as_deref(), Some("5000/refunded"), "{order:?}");
        let left = t
            .count(&format!(
                "SELECT COALESCE(SUM(CASE WHEN kind = 'REFUND' THEN -credits ELSE credits END), 0) FROM package_uses WHERE student_package_id = {sp}"
            ))
            .await;
        assert_eq!(left, 5, "{order:?}: all 5 credits revoked, once");
    }
    assert_eq!(t.count("SELECT COUNT(*) FROM pending_refunds").await, 0);
    let mine = t.get("/api/packages/my-credits", Some(&token)).await;
    assert_eq!(mine.json["items"], json!([]));
}

fn permutations(items: &mut Vec<usize>, k: usize, out: &mut Vec<Vec<usize>>) {
    if k == items.len() {
        out.push(items.clone());
        return;
    }
    for i in k..items.len() {
        items.swap(k, i);
        permutations(items, k + 1, out);
        items.swap(k, i);
    }
}

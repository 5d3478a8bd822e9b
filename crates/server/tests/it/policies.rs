use aula_test_support::{TestApp, assert_error};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn the_default_policy_applies_until_an_admin_saves_one() {
    let t = TestApp::spawn().await;
    let r = t.get("/api/policies/cancellation", None).await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json,
        json!({"allowCancellation": true, "cancellationDeadlineHours": 24, "refundCreditsOnCancel": true,
            "allowRescheduling": true, "reschedulingDeadlineHours": 24, "maxReschedulesPerBooking": 2})
    );
    let admin = t.admin_token().await;
    let new = json!({"allowCancellation": true, "cancellationDeadlineHours": 48, "refundCreditsOnCancel": false,
        "allowRescheduling": false, "reschedulingDeadlineHours": 0, "maxReschedulesPerBooking": 10});
    let r = t
        .call(
            Method::PUT,
            "/api/admin/policies/cancellation",
            Some(new.clone()),
            Some(&admin),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json, new);
    assert_eq!(t.get("/api/policies/cancellation", None).await.json, new);
}

#[tokio::test]
async fn policy_bounds_and_roles_are_enforced() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let bad = json!({"allowCancellation": true, "cancellationDeadlineHours": 169, "refundCreditsOnCancel": true,
        "allowRescheduling": true, "reschedulingDeadlineHours": -1, "maxReschedulesPerBooking": 11});
    let r = t
        .call(
            Method::PUT,
            "/api/admin/policies/cancellation",
            Some(bad.clone()),
            Some(&admin),
        )
        .await;
    assert_error(&r, 422, "validation_failed");
    assert_eq!(r.json["error"]["fields"].as_object().unwrap().len(), 3);
    let missing = t
        .call(
            Method::PUT,
            "/api/admin/policies/cancellation",
            Some(json!({"allowCancellation": true})),
            Some(&admin),
        )
        .await;
    assert_error(&missing, 422, "validation_failed");
    let (student, _) = t.register("sam@example.com").await;
    assert_error(
        &t.call(
            Method::PUT,
            "/api/admin/policies/cancellation",
            Some(bad),
            Some(&student),
        )
        .await,
        403,
        "forbidden",
    );
    assert_eq!(
        t.get("/api/policies/cancellation", None).await.json["cancellationDeadlineHours"],
        24,
        "nothing saved"
    );
}

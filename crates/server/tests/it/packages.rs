//! Admin packages and the public catalogue.

use aula_test_support::{TestApp, assert_error};
use reqwest::Method;
use serde_json::{Value, json};

fn bundle(program: Option<i64>) -> Value {
    let mut allowances = vec![
        json!({"serviceType": "PRIVATE", "credits": 5, "creditUnitMinutes": 30}),
        json!({"serviceType": "GROUP", "credits": 10, "creditUnitMinutes": 60, "teacherTier": 10}),
    ];
    if let Some(p) = program {
        allowances.push(json!({"serviceType": "COURSE", "credits": 1, "courseProgramId": p}));
    }
    json!({"name": "Starter bundle", "description": "Try everything", "amountMinor": 9900, "currency": "USD", "expiresInDays": 90, "allowances": allowances})
}

#[tokio::test]
async fn creates_a_package_with_its_stripe_product_and_price() {
    let t = TestApp::spawn().await;
    let program = t.course_program("SFZ", 2).await;
    let p = t.package(bundle(Some(program))).await;
    assert!(p["id"].as_i64().is_some());
    assert!(
        p["serviceKey"]
            .as_str()
            .unwrap()
            .starts_with("pkg_starter_bundle_")
    );
    assert_eq!(
        (
            p["name"].as_str(),
            p["amountMinor"].as_i64(),
            p["currency"].as_str()
        ),
        (Some("Starter bundle"), Some(9900), Some("usd"))
    );
    assert_eq!(
        (p["expiresInDays"].as_i64(), p["active"].as_bool()),
        (Some(90), Some(true))
    );
    assert!(p["stripeProductId"].as_str().unwrap().starts_with("prod_"));
    assert!(p["stripePriceId"].as_str().unwrap().starts_with("price_"));
    let a = p["allowances"].as_array().unwrap();
    assert_eq!(a.len(), 3);
    assert_eq!(a[0]["teacherTier"], 0, "teacherTier defaults to 0");
    assert_eq!(a[1]["teacherTier"], 10);
    assert_eq!(
        (
            a[2]["serviceType"].as_str(),
            a[2]["courseProgramId"].as_i64(),
            a[2]["creditUnitMinutes"].is_null()
        ),
        (Some("COURSE"), Some(program), true)
    );
    assert!(a.iter().all(|x| x["id"].as_i64().is_some()));
    let admin = t.admin_token().await;
    let got = t
        .get(&format!("/api/admin/packages/{}", p["id"]), Some(&admin))
        .await;
    assert_eq!(got.json, p);
}

#[tokio::test]
async fn a_retried_create_makes_no_second_package() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let send = |key: Option<&'static str>| {
        let mut req = t
            .client
            .post(t.url("/api/admin/packages"))
            .bearer_auth(&admin)
            .json(&bundle(None));
        if let Some(k) = key {
            req = req.header("Idempotency-Key", k);
        }
        req.send()
    };
    let first: Value = send(Some("abc")).await.unwrap().json().await.unwrap();
    let second: Value = send(Some("abc")).await.unwrap().json().await.unwrap();
    assert_eq!(first["id"], second["id"]);
    assert_eq!(first["stripeProductId"], second["stripeProductId"]);
    let third: Value = send(None).await.unwrap().json().await.unwrap();
    let fourth: Value = send(None).await.unwrap().json().await.unwrap();
    assert_eq!(
        third["id"], fourth["id"],
        "the same body retried without a key"
    );
    assert_eq!(
        t.get("/api/admin/packages", Some(&admin)).await.json["items"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn package_rules_are_422_and_nothing_is_stored() {
    let t = TestApp::spawn().await;
    let admin = t.admin_token().await;
    let bad = json!({"name": "", "amountMinor": 0, "currency": "dollars", "expiresInDays": 0, "allowances": [
        {"serviceType": "PRIVATE", "credits": 0, "creditUnitMinutes": 20},
        {"serviceType": "PRIVATE", "credits": 1, "creditUnitMinutes": 30, "courseProgramId": 1},
        {"serviceType": "COURSE", "credits": 2, "creditUnitMinutes": 30}]});
    let r = t.post("/api/admin/packages", bad, Some(&admin)).await;
    assert_error(&r, 422, "validation_failed");
    let f = r.json["error"]["fields"].as_object().unwrap();
    for key in [
        "name",
        "amountMinor",
        "currency",
        "expiresInDays",
        "allowances[0].credits",
        "allowances[0].creditUnitMinutes",
        "allowances[1].serviceType",
        "allowances[1].courseProgramId",
        "allowances[2].credits",
        "allowances[2].creditUnitMinutes",
        "allowances[2].courseProgramId",
    ] {
        assert!(f.contains_key(key), "{key} missing in {f:?}");
    }
    let mut unknown_program = bundle(Some(424242));
    unknown_program["name"] = json!("x");
    let r = t
        .post("/api/admin/packages", unknown_program, Some(&admin))
        .await;
    assert!(
        r.json["error"]["fields"]["allowances[2].courseProgramId"].is_string(),
        "{}",
        r.text
    );
    let mut too_dear = bundle(None);
    too_dear["amountMinor"] = json!(10_000_001);
    assert_error(
        &t.post("/api/admin/packages", too_dear, Some(&admin)).await,
        422,
        "validation_failed",
    );
    let none = json!({"name": "x", "amountMinor": 100, "currency": "usd", "expiresInDays": null, "allowances": []});
    assert_error(
        &t.post("/api/admin/packages", none, Some(&admin)).await,
        422,
        "validation_failed",
    );
    let weird = json!({"name": "x", "amountMinor": 100, "currency": "usd", "allowances": [{"serviceType": "MAGIC", "credits": 1}]});
    assert_error(
        &t.post("/api/admin/packages", weird, Some(&admin)).await,
        400,
        "invalid_request",
    );
    assert_eq!(
        t.get("/api/admin/packages", Some(&admin)).await.json["items"],
        json!([])
    );
}

#[tokio::test]
async fn deactivated_packages_leave_the_catalogue_and_come_back() {
    let t = TestApp::spawn().await;
    let program = t.course_program("SFZ", 1).await;
    let p = t.package(bundle(Some(program))).await;
    let mut group_only = bundle(None);
    group_only["name"] = json!("Group pack");
    group_only["allowances"] =
        json!([{"serviceType": "GROUP", "credits": 10, "creditUnitMinutes": 60}]);
    let g = t.package(group_only).await;
    let names = |r: &Value| {
        r["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(&t.get("/api/packages", None).await.json),
        ["Starter bundle", "Group pack"]
    );
    assert_eq!(
        names(&t.get("/api/packages?serviceType=PRIVATE", None).await.json),
        ["Starter bundle"]
    );
    assert_eq!(
        names(
            &t.get(&format!("/api/packages?courseProgramId={program}"), None)
                .await
                .json
        ),
        ["Starter bundle"]
    );
    assert_error(
        &t.get("/api/packages?serviceType=NOPE", None).await,
        400,
        "invalid_request",
    );
    let admin = t.admin_token().await;
    let off = t
        .call(
            Method::POST,
            &format!("/api/admin/packages/{}/deactivate", p["id"]),
            None,
            Some(&admin),
        )
        .await;
    assert_eq!(
        (off.status.as_u16(), off.json["active"].as_bool()),
        (200, Some(false))
    );
    assert_eq!(
        names(&t.get("/api/packages", None).await.json),
        ["Group pack"]
    );
    let on = t
        .call(
            Method::POST,
            &format!("/api/admin/packages/{}/activate", p["id"]),
            None,
            Some(&admin),
        )
        .await;
    assert_eq!(on.json["active"], true);
    assert_eq!(names(&t.get("/api/packages", None).await.json).len(), 2);
    assert_error(
        &t.call(
            Method::POST,
            "/api/admin/packages/999999/activate",
            None,
            Some(&admin),
        )
        .await,
        404,
        "not_found",
    );
    assert_error(
        &t.get("/api/admin/packages/999999", Some(&admin)).await,
        404,
        "not_found",
    );
    let _ = g;
}

#[tokio::test]
async fn only_admins_manage_packages() {
    let t = TestApp::spawn().await;
    let (student, _) = t.register("sam@example.com").await;
    assert_error(
        &t.post("/api/admin/packages", bundle(None), Some(&student))
            .await,
        403,
        "forbidden",
    );
    assert_error(
        &t.get("/api/admin/packages", Some(&student)).await,
        403,
        "forbidden",
    );
    assert_error(
        &t.post("/api/admin/packages", bundle(None), None).await,
        401,
        "unauthenticated",
    );
}

#[tokio::test]
async fn a_payment_provider_failure_leaves_no_half_made_package() {
    // Stripe configured at an address where nothing listens.
    let t = TestApp::spawn_stripe("http://127.0.0.1:1", "sk_test_unreachable", "whsec_x").await;
    let admin = t.admin_token().await;
    let r = t
        .post("/api/admin/packages", bundle(None), Some(&admin))
        .await;
    assert_error(&r, 500, "internal");
    assert_eq!(
        t.get("/api/admin/packages", Some(&admin)).await.json["items"],
        json!([])
    );
    assert_eq!(t.count("SELECT COUNT(*) FROM package_allowances").await, 0);
}

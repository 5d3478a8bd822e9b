use aula_test_support::TestApp;

/// Every route of api.md built so far, with its method.
const CONTRACT: &[(&str, &str)] = &[
    ("post", "/api/auth/register"),
    ("post", "/api/auth/login"),
    ("post", "/api/auth/logout"),
    ("get", "/api/me"),
    ("get", "/api/me/calendar"),
    ("post", "/api/me/calendar/rotate"),
    ("post", "/api/auth/password-reset"),
    ("post", "/api/auth/password-reset/confirm"),
    ("get", "/api/levels"),
    ("get", "/api/admin/users"),
    ("post", "/api/admin/users/{userId}/roles"),
    ("delete", "/api/admin/users/{userId}/roles/{role}"),
    ("get", "/api/teachers"),
    ("get", "/api/teachers/{id}"),
    ("patch", "/api/teachers/me/profile"),
    ("get", "/api/teachers/me/availability"),
    ("put", "/api/teachers/me/availability"),
    ("get", "/api/availability"),
    ("patch", "/api/admin/teachers/{id}"),
    ("post", "/api/admin/group-classes"),
    ("patch", "/api/admin/group-classes/{id}"),
    ("get", "/api/group-classes"),
    ("get", "/api/group-classes/{id}"),
    ("get", "/api/sessions"),
    ("get", "/api/sessions/{id}"),
    ("post", "/api/admin/sessions/{id}/cancel"),
    ("get", "/api/policies/cancellation"),
    ("put", "/api/admin/policies/cancellation"),
    ("post", "/api/admin/packages"),
    ("get", "/api/admin/packages"),
    ("get", "/api/admin/packages/{id}"),
    ("post", "/api/admin/packages/{id}/activate"),
    ("post", "/api/admin/packages/{id}/deactivate"),
    ("put", "/api/admin/packages/{id}/texts/{locale}"),
    ("get", "/api/packages"),
    ("get", "/api/packages/my-credits"),
    ("get", "/api/sessions/{id}/compatible-credits"),
    ("post", "/api/checkout"),
    ("post", "/api/webhooks/stripe"),
    ("post", "/api/bookings"),
    ("get", "/api/bookings/me"),
    ("get", "/api/bookings/{id}"),
    ("get", "/api/bookings/{id}/can-modify"),
    ("post", "/api/bookings/{id}/cancel"),
    ("post", "/api/bookings/{id}/reschedule"),
    ("post", "/api/sessions/{id}/attendance"),
    ("post", "/api/waitlists"),
    ("get", "/api/waitlists/me"),
    ("delete", "/api/waitlists/{id}"),
    ("post", "/api/admin/course-programs"),
    ("get", "/api/admin/course-programs"),
    ("get", "/api/admin/course-programs/{id}"),
    ("put", "/api/admin/course-programs/{id}"),
    ("delete", "/api/admin/course-programs/{id}"),
    ("post", "/api/admin/course-programs/{id}/steps"),
    ("put", "/api/admin/course-programs/{id}/steps/order"),
    ("put", "/api/admin/course-programs/steps/{stepId}"),
    ("delete", "/api/admin/course-programs/steps/{stepId}"),
    ("post", "/api/admin/course-programs/steps/{stepId}/options"),
    (
        "delete",
        "/api/admin/course-programs/steps/options/{optionId}",
    ),
    ("put", "/api/admin/course-programs/{id}/texts/{locale}"),
    ("get", "/api/course-programs"),
    ("get", "/api/course-programs/{idOrCode}"),
    ("get", "/api/students/me/course-packages"),
    ("get", "/api/students/me/course-packages/{studentPackageId}"),
    ("get", "/healthz"),
    ("get", "/readyz"),
    ("get", "/metrics"),
];

#[tokio::test]
async fn the_served_document_is_openapi_3_1_and_describes_every_route() {
    let t = TestApp::spawn().await;
    let r = t.get("/api/openapi.json", None).await;
    assert_eq!(r.status, 200);
    assert!(r.json["openapi"].as_str().unwrap().starts_with("3.1"));
    for (method, path) in CONTRACT {
        assert!(
            r.json["paths"][path][method].is_object(),
            "{method} {path} is not documented"
        );
    }
    assert!(r.json["components"]["securitySchemes"]["bearer"].is_object());
}

#[test]
fn openapi_snapshot() {
    let doc = serde_json::to_value(aula_server::router::openapi()).unwrap();
    insta::assert_json_snapshot!("openapi", doc);
}

#[tokio::test]
async fn the_docs_page_works_offline() {
    let t = TestApp::spawn().await;
    let r = t.get("/api/docs", None).await;
    assert_eq!(r.status, 200);
    assert!(r.text.contains("/api/openapi.json"));
    for external in ["http://", "https://", "//cdn", "unpkg", "jsdelivr"] {
        assert!(!r.text.contains(external), "the docs page loads {external}");
    }
    // In a real browser the page renders the operations from the document.
    if let Some(dom) = aula_test_support::browser::dump_dom(&t.url("/api/docs")).await {
        assert!(dom.contains("/api/auth/register"), "operations rendered");
        assert!(dom.contains("Send request"));
    }
}

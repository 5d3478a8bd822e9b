//! The OpenAPI document describes every course program route.

use aula_test_support::TestApp;

#[tokio::test]
async fn the_openapi_document_describes_the_course_program_routes() {
    let t = TestApp::spawn().await;
    let doc = t.get("/api/openapi.json", None).await.json;
    let routes = [
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
        ("get", "/api/course-programs"),
        ("get", "/api/course-programs/{idOrCode}"),
        ("get", "/api/students/me/course-packages"),
        ("get", "/api/students/me/course-packages/{studentPackageId}"),
    ];
    for (method, path) in routes {
        let op = &doc["paths"][path][method];
        assert!(op.is_object(), "{method} {path} is not documented");
        assert!(
            op["description"].is_string() || op["summary"].is_string(),
            "{method} {path} has no docs"
        );
    }
}

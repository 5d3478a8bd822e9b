use aula_test_support::TestApp;

#[tokio::test]
async fn levels_a1_to_c2_exist_after_migration_in_order() {
    let t = TestApp::spawn().await;
    let r = t.get("/api/levels", None).await;
    assert_eq!(r.status, 200);
    let codes: Vec<&str> = r.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["A1", "A2", "B1", "B2", "C1", "C2"]);
    assert_eq!(r.json["items"][0]["name"], "Beginner");
    assert_eq!(r.json["items"][0]["sortOrder"], 10);
}

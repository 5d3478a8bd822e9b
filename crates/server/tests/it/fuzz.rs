//! No request input makes the server answer 5xx: every route of the OpenAPI document gets
//! generated path values, query strings and JSON bodies (a fixed seed, so a failure repeats),
//! as a visitor, a student and an admin.

use aula_test_support::TestApp;
use reqwest::Method;
use serde_json::{Value, json};

/// A small deterministic generator (xorshift64*).
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn scalar(&mut self) -> Value {
        match self.below(12) {
            0 => Value::Null,
            1 => json!(true),
            2 => json!(self.next() as i64),
            3 => json!(i64::MIN),
            4 => json!(-1),
            5 => json!(0),
            6 => json!(1.5e308),
            7 => json!(self.pick(TEXTS)),
            8 => json!(self.pick(TIMES)),
            9 => json!(self.below(5) as i64 + 1),
            10 => json!("x".repeat(self.below(3000))),
            _ => json!(self.pick(WORDS)),
        }
    }

    fn value(&mut self, depth: u32) -> Value {
        if depth > 3 {
            return self.scalar();
        }
        match self.below(6) {
            0 => Value::Array((0..self.below(4)).map(|_| self.value(depth + 1)).collect()),
            1 | 2 => {
                let mut m = serde_json::Map::new();
                for _ in 0..self.below(6) {
                    m.insert(self.pick(FIELDS).to_owned(), self.value(depth + 1));
                }
                Value::Object(m)
            }
            _ => self.scalar(),
        }
    }

    fn query(&mut self) -> String {
        (0..self.below(5))
            .map(|_| {
                let v = match self.below(4) {
                    0 => self.pick(TIMES).to_owned(),
                    1 => self.pick(NUMBERS).to_owned(),
                    2 => self.pick(TEXTS).to_owned(),
                    _ => self.pick(WORDS).to_owned(),
                };
                format!("{}={}", self.pick(FIELDS), urlencode(&v))
            })
            .collect::<Vec<_>>()
            .join("&")
    }

    fn path_value(&mut self) -> String {
        urlencode(self.pick(&[
            "1",
            "2",
            "0",
            "-1",
            "999999999",
            "9223372036854775807",
            "99999999999999999999",
            "abc",
            "SFZ",
            "%00",
            "1.5",
            "",
            "🙂",
        ]))
    }
}

const FIELDS: &[&str] = &[
    "email",
    "password",
    "firstName",
    "lastName",
    "role",
    "tier",
    "sessionId",
    "teacherId",
    "startAt",
    "endAt",
    "from",
    "to",
    "page",
    "pageSize",
    "packageId",
    "studentPackageId",
    "allowanceId",
    "courseStepId",
    "confirmCrossTier",
    "title",
    "capacityMax",
    "levelIds",
    "teacherIds",
    "sessions",
    "recurrence",
    "timezone",
    "weekdays",
    "startTime",
    "durationMinutes",
    "startDate",
    "endDate",
    "rules",
    "exceptions",
    "date",
    "weekday",
    "name",
    "amountMinor",
    "currency",
    "allowances",
    "serviceType",
    "credits",
    "creditUnitMinutes",
    "teacherTier",
    "courseProgramId",
    "code",
    "stepOrder",
    "label",
    "groupClassId",
    "order",
    "attended",
    "isActive",
    "type",
    "levelId",
    "teacherIds",
    "q",
    "reason",
    "locale",
    "expiresInDays",
];
const TIMES: &[&str] = &[
    "2026-03-02T10:00:00Z",
    "1999-12-31T23:59:59Z",
    "2100-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "+275760-09-13T00:00:00Z",
    "0000-01-01T00:00:00Z",
    "2026-02-30T00:00:00Z",
    "2026-03-29",
    "1900-01-01",
    "2199-12-31",
    "24:00",
    "09:00",
    "-1",
    "now",
];
const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1",
    "100",
    "101",
    "9223372036854775807",
    "-9223372036854775808",
    "99999999999999999999",
    "1e9",
    "NaN",
];
const TEXTS: &[&str] = &[
    "",
    " ",
    "'; DROP TABLE users; --",
    "<script>alert(1)</script>",
    "\u{0}",
    "é",
    "🙂",
    "Europe/Madrid",
    "Mars/Base",
    "UTC",
    "a@b.co",
    "PRIVATE",
    "GROUP",
    "COURSE",
    "teacher",
    "admin",
];
const WORDS: &[&str] = &[
    "true",
    "false",
    "null",
    "[]",
    "{}",
    "1,2,3",
    "Europe/Madrid",
];

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn arbitrary_input_to_every_route_never_answers_5xx() {
    let t = TestApp::spawn().await;
    t.set_now("2026-03-01T00:00:00Z");
    let admin = t.admin_token().await;
    let (student, _) = t.register("fuzz@example.com").await;
    let (_, teacher) = t.teacher("teo@example.com").await;
    let class = json!({"title": "Fuzz", "capacityMax": 2, "levelIds": [1], "teacherIds": [teacher],
        "sessions": [{"startAt": "2026-03-02T10:00:00Z", "endAt": "2026-03-02T11:00:00Z"}]});
    t.group_class(&admin, class).await;
    let doc = serde_json::to_value(aula_server::router::openapi()).unwrap();
    let mut routes = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in ["get", "post", "put", "patch", "delete"] {
            // Logging out would only end the fuzzer's own sessions.
            if item.get(method).is_some() && path != "/api/auth/logout" {
                routes.push((method.to_uppercase(), path.clone()));
            }
        }
    }
    assert!(routes.len() > 40, "{} routes", routes.len());
    let mut g = Gen(0x5eed_a01a_2026_1203);
    let mut failures = Vec::new();
    let mut seen = std::collections::BTreeMap::new();
    for round in 0..60 {
        for (method, template) in &routes {
            let mut path = String::new();
            for part in template.split('/').skip(1) {
                path.push('/');
                if part.starts_with('{') {
                    path.push_str(&g.path_value());
                } else {
                    path.push_str(part);
                }
            }
            let query = g.query();
            let url = if query.is_empty() {
                path.clone()
            } else {
                format!("{path}?{query}")
            };
            let token = match round % 3 {
                0 => None,
                1 => Some(student.as_str()),
                _ => Some(admin.as_str()),
            };
            let method = Method::from_bytes(method.as_bytes()).unwrap();
            let body = (method != Method::GET).then(|| g.value(0));
            let r = t.call(method.clone(), &url, body.clone(), token).await;
            *seen.entry(r.status.as_u16()).or_insert(0usize) += 1;
            if r.status.is_server_error() {
                failures.push(format!(
                    "{method} {url} {body:?} -> {} {}",
                    r.status, r.text
                ));
            }
        }
    }
    println!("answers by status: {seen:?}");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

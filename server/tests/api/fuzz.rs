//! Random bytes and random JSON at every POST and PUT endpoint: a 4xx, never a 5xx, never a panic.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use reqwest::StatusCode;
use serde_json::{json, Map, Value};

use crate::support;

/// Every POST and PUT route, with path parameters filled in.
const TARGETS: &[(&str, &str)] = &[
    ("POST", "/auth/sessions"),
    ("POST", "/queue/tickets"),
    ("POST", "/queue/tickets/q1.1.AAAA/admission"),
    ("POST", "/admission/extend"),
    ("POST", "/reservations"),
    ("POST", "/reservations/lookup"),
    ("PUT", "/reservations/YY-ABCDEFGHJK"),
    ("POST", "/admin/queue"),
    ("PUT", "/admin/providers/kakao"),
];

const FIELDS: &[&str] = &[
    "provider",
    "name",
    "birth_date",
    "phone",
    "device_id",
    "slot_id",
    "number",
    "status",
    "reason",
    "admissions_per_minute",
    "paused",
];

fn random_string(rng: &mut StdRng) -> String {
    let len = rng.gen_range(0..40);
    (0..len)
        .map(|_| match rng.gen_range(0..5) {
            0 => rng.gen_range('\u{0}'..'\u{80}'),
            1 => rng.gen_range('가'..='힣'),
            2 => char::from_u32(rng.gen_range(0x80..0x2_0000)).unwrap_or('?'),
            3 => ['-', '"', '\\', '/', '0', '9'][rng.gen_range(0..6)],
            _ => rng.gen_range('a'..='z'),
        })
        .collect()
}

fn random_value(rng: &mut StdRng, depth: u32) -> Value {
    match rng.gen_range(0..if depth > 2 { 6 } else { 8 }) {
        0 => Value::Null,
        1 => json!(rng.gen_bool(0.5)),
        2 => json!(rng.gen::<i64>()),
        3 => json!(rng.gen::<f64>() * 1e12),
        4 => json!(random_string(rng)),
        5 => json!(
            [
                "1970-03-19",
                "2026-13-45",
                "010-1234-5678",
                "kakao",
                "",
                "9999999999999999999999"
            ][rng.gen_range(0..6)]
        ),
        6 => Value::Array(
            (0..rng.gen_range(0..4))
                .map(|_| random_value(rng, depth + 1))
                .collect(),
        ),
        _ => random_object(rng, depth + 1),
    }
}

fn random_object(rng: &mut StdRng, depth: u32) -> Value {
    let mut map = Map::new();
    for _ in 0..rng.gen_range(0..8) {
        let key = if rng.gen_bool(0.8) {
            FIELDS[rng.gen_range(0..FIELDS.len())].to_owned()
        } else {
            random_string(rng)
        };
        map.insert(key, random_value(rng, depth));
    }
    Value::Object(map)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_bodies_never_produce_a_server_error() {
    let server = support::start().await;
    let admission = server.admitted(9_000).await;
    let mut rng = StdRng::seed_from_u64(9457);
    let mut sent = 0;
    for (method, path) in TARGETS {
        for round in 0..150 {
            let body: Vec<u8> = match round % 3 {
                0 => (0..rng.gen_range(0..300)).map(|_| rng.gen()).collect(),
                1 => serde_json::to_vec(&random_value(&mut rng, 0)).unwrap(),
                _ => serde_json::to_vec(&random_object(&mut rng, 0)).unwrap(),
            };
            let mut request = server
                .client
                .request(method.parse().unwrap(), server.url(path))
                .body(body.clone());
            if rng.gen_bool(0.8) {
                request = request.header("content-type", "application/json");
            }
            match rng.gen_range(0..3) {
                0 => request = request.bearer_auth(&admission),
                1 => request = request.bearer_auth(support::ADMIN),
                _ => {
                    request = request.header(
                        "authorization",
                        random_string(&mut rng).replace(['\r', '\n', '\0'], ""),
                    )
                }
            }
            if rng.gen_bool(0.5) {
                request = request.header("idempotency-key", format!("fuzz-{}", rng.gen::<u16>()));
            }
            let Ok(request) = request.build() else {
                continue;
            };
            let response = server.client.execute(request).await.unwrap();
            sent += 1;
            let status = response.status();
            assert!(
                !status.is_server_error(),
                "{method} {path} answered {status} to {:?}",
                String::from_utf8_lossy(&body)
            );
            if status.is_client_error() {
                assert_eq!(
                    response.headers()["content-type"],
                    "application/problem+json",
                    "{method} {path}"
                );
            }
        }
    }
    assert!(sent > 1_000, "{sent} requests sent");
    let health = server.get("/health").await;
    assert_eq!(
        health.status(),
        StatusCode::OK,
        "still serving after the fuzzing"
    );
}

//! Security headers: the page carries the strict policy and the rest of the set, API answers
//! are `nosniff`, and answers with personal data are never stored.

use reqwest::StatusCode;
use serde_json::json;

use crate::support::{self, TestServer};

const WASM: &str = "yeyak-0123456789abcdef_bg.wasm";

/// A server with a small fake build whose `config.json` is `config`.
async fn start(config: &str) -> (TestServer, tempfile::TempDir) {
    let dist = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dist.path().join(name), bytes).unwrap();
    write("index.html", b"<!DOCTYPE html><title>yeyak</title>");
    write("config.json", config.as_bytes());
    write(WASM, b"\0asm");
    let dist_dir = dist.path().to_path_buf();
    let server = support::start_with(|c| c.dist_dir = Some(dist_dir)).await;
    (server, dist)
}

const OWN: &str =
    r#"{"api_base_url":"/api/v1","base_path":"/","helpline":"1339","default_locale":"ko"}"#;

#[tokio::test]
async fn every_page_answer_carries_the_strict_policy_and_the_other_headers() {
    let (server, _dist) = start(OWN).await;
    for path in [
        "/",
        "/index.html",
        "/book",
        "/verify/approve",
        "/no/such/route",
    ] {
        let response = reqwest::get(format!("{}{path}", server.base))
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let h = response.headers();
        assert!(
            h["content-type"].to_str().unwrap().starts_with("text/html"),
            "{path}"
        );
        assert_eq!(
            h["content-security-policy"],
            "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
             connect-src 'self'; img-src 'self' data:; font-src 'self'; manifest-src 'self'; \
             worker-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'; \
             require-trusted-types-for 'script'; trusted-types default",
            "{path}"
        );
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        assert_eq!(h["cross-origin-opener-policy"], "same-origin", "{path}");
        let features = h["permissions-policy"].to_str().unwrap();
        for feature in ["camera=()", "microphone=()", "geolocation=()", "payment=()"] {
            assert!(features.contains(feature), "{path}: {features}");
        }
    }
    // API answers are nosniff; the build's files go without the page's set (nor Accept-Ranges).
    let api = reqwest::get(format!("{}/api/v1/campaign", server.base))
        .await
        .unwrap();
    assert_eq!(api.headers()["x-content-type-options"], "nosniff");
    assert!(api.headers().get("content-security-policy").is_none());
    for path in [format!("/{WASM}"), "/config.json".into()] {
        let response = reqwest::get(format!("{}{path}", server.base))
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let h = response.headers();
        assert!(h.get("content-security-policy").is_none(), "{path}");
        assert!(h.get("accept-ranges").is_none(), "{path}");
    }
}

#[tokio::test]
async fn the_portals_in_config_json_may_frame_the_page_and_an_api_elsewhere_may_be_called() {
    let config = json!({
        "api_base_url": "https://api.example.kr/api/v1",
        "base_path": "/",
        "helpline": "1339",
        "default_locale": "ko",
        "embed": {"parent_origins": ["https://www.gov.kr", "http://127.0.0.1:8081/", "not a url; script-src *"]}
    });
    let (server, _dist) = start(&config.to_string()).await;
    let response = reqwest::get(format!("{}/", server.base)).await.unwrap();
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("frame-ancestors 'self' https://www.gov.kr http://127.0.0.1:8081;"),
        "{csp}"
    );
    assert!(
        csp.contains("connect-src 'self' https://api.example.kr;"),
        "{csp}"
    );
    assert!(!csp.contains("script-src *"), "{csp}");
}

#[tokio::test]
async fn answers_with_personal_data_are_never_stored() {
    let (server, _dist) = start(OWN).await;
    let no_store = |r: &reqwest::Response| {
        r.headers()
            .get("cache-control")
            .map(|v| v.to_str().unwrap().to_owned())
    };
    // A verification, its state, a ticket, a lookup: each names or admits someone.
    let started = server.start_verification(1, "device-1", "kakao").await;
    assert_eq!(started.status(), StatusCode::CREATED);
    assert_eq!(no_store(&started).as_deref(), Some("no-store"));
    let session: serde_json::Value = started.json().await.unwrap();
    let state = server
        .get(&format!(
            "/auth/sessions/{}",
            session["session_id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(no_store(&state).as_deref(), Some("no-store"));
    let token = server.verify(2, "device-2").await;
    let joined = server.join_raw(&token).await;
    assert!(joined.status().is_success());
    assert_eq!(no_store(&joined).as_deref(), Some("no-store"));
    let lookup = server
        .client
        .post(server.url("/reservations/lookup"))
        .json(&json!({"name": "x", "birth_date": "1970-01-01", "number": "YY-NONE"}))
        .send()
        .await
        .unwrap();
    assert_eq!(no_store(&lookup).as_deref(), Some("no-store"));
    // Public reads keep their caching.
    for path in ["/campaign", "/providers", "/regions", "/queue/progress"] {
        let response = server.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_ne!(no_store(&response).as_deref(), Some("no-store"), "{path}");
    }
}

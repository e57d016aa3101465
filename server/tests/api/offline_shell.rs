//! The offline shell's worker as the server sends it, and the operators' kill switch.

use reqwest::StatusCode;

use crate::support;

const BUILT_WORKER: &str = "const BUILD = 'abc'; // the build's own worker";

/// `GET /sw.js` from a server with a small fake build; checks what every worker answer
/// carries (a script, always asked again) and returns its text.
async fn worker(offline_shell: bool) -> String {
    let dist = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dist.path().join(name), bytes).unwrap();
    write("index.html", b"<!DOCTYPE html><title>yeyak</title>");
    write(
        "config.json",
        br#"{"api_base_url":"/api/v1","base_path":"/","helpline":"1339","default_locale":"ko"}"#,
    );
    write("sw.js", BUILT_WORKER.as_bytes());
    let dist_dir = dist.path().to_path_buf();
    let server = support::start_with(|c| {
        c.dist_dir = Some(dist_dir);
        c.offline_shell = offline_shell;
    })
    .await;
    let response = reqwest::get(format!("{}/sw.js", server.base))
        .await
        .unwrap();
    drop(dist);
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-cache");
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .contains("javascript"));
    response.text().await.unwrap()
}

#[tokio::test]
async fn the_build_worker_is_served_and_always_asked_again() {
    assert_eq!(worker(true).await, BUILT_WORKER);
}

#[tokio::test]
async fn with_the_kill_switch_the_worker_removes_itself_and_what_it_kept() {
    let body = worker(false).await;
    assert!(!body.contains("the build's own worker"));
    for step in [
        "skipWaiting",
        "caches.delete",
        "registration.unregister",
        "navigate",
    ] {
        assert!(body.contains(step), "{step} missing from {body}");
    }
}

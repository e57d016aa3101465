//! The service itself: health, problem+json for unknown paths, serving the client, the binary.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use yeyak_protocol::{HealthResponse, Problem};

use crate::support::{self, TestServer};

/// The hashed wasm name in the fake build.
const WASM: &str = "yeyak-0123456789abcdef_bg.wasm";
const PAGE: &str = "<!DOCTYPE html><title>yeyak</title>";

/// A test server that also serves a small fake built client, with the `.br` and `.gz` files a
/// release build writes beside each asset (their bytes stand for the compressed ones).
async fn start(with_client: bool) -> (TestServer, tempfile::TempDir) {
    let dist = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dist.path().join(name), bytes).unwrap();
    write("index.html", PAGE.as_bytes());
    write("index.html.br", b"page-as-brotli");
    write("index.html.gz", b"page-as-gzip");
    write("config.json", br#"{"helpline":"1339"}"#);
    write(WASM, b"\0asm-identity");
    write(&format!("{WASM}.br"), b"wasm-as-brotli");
    write(&format!("{WASM}.gz"), b"wasm-as-gzip");
    let dist_dir = with_client.then(|| dist.path().to_path_buf());
    let server = support::start_with(|config| config.dist_dir = dist_dir).await;
    (server, dist)
}

/// A GET with the given `Accept-Encoding` (reqwest here decodes nothing: bytes as sent).
async fn fetch(server: &TestServer, path: &str, accept: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(format!("{}{path}", server.base))
        .header("accept-encoding", accept)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn each_file_comes_in_the_best_encoding_the_request_accepts() {
    let (server, _dist) = start(true).await;
    for (path, name) in [(format!("/{WASM}"), "wasm"), ("/".to_owned(), "page")] {
        for (accept, encoding, body) in [
            ("br", Some("br"), format!("{name}-as-brotli")),
            ("gzip, deflate, br", Some("br"), format!("{name}-as-brotli")),
            ("gzip", Some("gzip"), format!("{name}-as-gzip")),
            ("identity", None, String::new()),
        ] {
            let response = fetch(&server, &path, accept).await;
            assert_eq!(response.status(), 200, "{path} {accept}");
            assert_eq!(response.headers()["vary"], "accept-encoding", "{path}");
            assert_eq!(
                response
                    .headers()
                    .get("content-encoding")
                    .map(|v| v.to_str().unwrap()),
                encoding,
                "{path} with {accept}"
            );
            let text = response.text().await.unwrap();
            if encoding.is_some() {
                assert_eq!(text, body, "{path} with {accept}");
            } else {
                assert!(text == PAGE || text == "\0asm-identity", "{path}: {text}");
            }
        }
    }
}

#[tokio::test]
async fn the_page_revalidates_with_its_etag() {
    let (server, _dist) = start(true).await;
    for accept in ["br", "identity"] {
        let first = fetch(&server, "/", accept).await;
        assert_eq!(first.headers()["cache-control"], "no-cache");
        let etag = first.headers()["etag"].to_str().unwrap().to_owned();
        let again = reqwest::Client::new()
            .get(format!("{}/book/region", server.base))
            .header("accept-encoding", accept)
            .header("if-none-match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304, "{accept}");
        assert_eq!(again.headers()["etag"], etag.as_str());
        assert_eq!(again.bytes().await.unwrap().len(), 0);
    }
    let br = fetch(&server, "/", "br").await.headers()["etag"].clone();
    let plain = fetch(&server, "/", "identity").await.headers()["etag"].clone();
    assert_ne!(br, plain, "each encoding is its own entity");
    let config = fetch(&server, "/config.json", "identity").await;
    let etag = config.headers()["etag"].clone();
    let again = reqwest::Client::new()
        .get(format!("{}/config.json", server.base))
        .header("if-none-match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
}

#[tokio::test]
async fn a_missing_file_is_a_404_not_the_page() {
    let (server, _dist) = start(true).await;
    for path in [
        "/favicon.ico",
        "/robots2.txt",
        "/x.js",
        "/static/yeyak-ffffffffffffffff_bg.wasm",
    ] {
        let response = fetch(&server, path, "br").await;
        assert_eq!(response.status(), 404, "{path}");
        assert!(
            !response.text().await.unwrap().contains("<title>"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn health_reports_the_migrated_schema() {
    let (server, _dist) = start(false).await;
    let response = reqwest::get(format!("{}/api/v1/health", server.base))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let health: HealthResponse = response.json().await.unwrap();
    assert_eq!(health.status, "ok");
    assert_eq!(
        health.schema_version,
        yeyak_server::db::latest_schema_version()
    );
}

#[tokio::test]
async fn unknown_api_paths_are_problem_json_404s() {
    let (server, _dist) = start(true).await;
    let response = reqwest::get(format!("{}/api/v1/nothing/here", server.base))
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json",
        "API errors must not fall through to the client's index.html"
    );
    let problem: Problem = response.json().await.unwrap();
    assert_eq!(problem.code, "not_found");
    assert_eq!(problem.status, 404);
    assert!(problem.detail.unwrap().contains("/v1/nothing/here"));
}

#[tokio::test]
async fn client_routes_get_index_html_and_revalidate() {
    let (server, _dist) = start(true).await;
    for path in ["/", "/book/region", "/queue"] {
        let response = reqwest::get(format!("{}{path}", server.base))
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-cache", "{path}");
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains("<title>yeyak</title>"),
            "{path}"
        );
    }
    let config = reqwest::get(format!("{}/config.json", server.base))
        .await
        .unwrap();
    assert_eq!(config.headers()["cache-control"], "no-cache");
    assert!(config.text().await.unwrap().contains("1339"));
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year() {
    let (server, _dist) = start(true).await;
    let response = reqwest::get(format!("{}/{WASM}", server.base))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["cache-control"],
        "max-age=31536000, immutable"
    );
    // Named by its content: no date to revalidate against, no bytes spent on one.
    assert!(response.headers().get("last-modified").is_none());
}

#[tokio::test]
async fn api_answers_are_compressed_when_the_client_accepts_it() {
    let (server, _dist) = start(true).await;
    let plain = fetch(&server, "/api/v1/campaign", "identity").await;
    assert!(plain.headers().get("content-encoding").is_none());
    let plain = plain.bytes().await.unwrap().len();
    for encoding in ["br", "gzip"] {
        let response = fetch(&server, "/api/v1/campaign", encoding).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-encoding"], encoding);
        let sent = response.bytes().await.unwrap().len();
        assert!(sent * 10 < plain * 7, "{encoding}: {sent} of {plain} bytes");
    }
}

#[tokio::test]
async fn without_a_client_only_the_api_is_served() {
    let (server, _dist) = start(false).await;
    let response = reqwest::get(format!("{}/", server.base)).await.unwrap();
    assert_eq!(response.status(), 404);
}

/// The real binary: prints its URL, creates the database file, and stops cleanly on Ctrl-C.
#[test]
fn binary_starts_creates_its_database_and_stops_on_sigint() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fresh/yeyak.sqlite3");
    let (mut child, url) = support::spawn_binary([
        std::ffi::OsStr::new("--port"),
        std::ffi::OsStr::new("0"),
        std::ffi::OsStr::new("--db"),
        db.as_os_str(),
    ]);
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert!(
        Path::new(&db).exists(),
        "database file created on first start"
    );

    let health = raw_get(&url, "/api/v1/health");
    assert!(health.contains("\"ok\""), "{health}");

    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let started = Instant::now();
    let exit = loop {
        if let Some(exit) = child.try_wait().unwrap() {
            break exit;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "server did not stop on SIGINT"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "clean exit on Ctrl-C, got {exit:?}");
}

#[test]
fn binary_refuses_bad_flags_with_usage() {
    let output = Command::new(env!("CARGO_BIN_EXE_yeyak-server"))
        .args(["--port", "http"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("not a port number") && stderr.contains("usage:"),
        "{stderr}"
    );
}

/// A blocking GET over a plain socket, for the test that drives the real binary from a thread
/// with no async runtime.
fn raw_get(base: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let addr = base.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

#[tokio::test]
async fn the_clock_hook_exists_only_with_test_hooks_on() {
    let off = support::start().await;
    let response = off
        .client
        .post(off.url("/test/clock"))
        .json(&serde_json::json!({"seconds": 60}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    let on = support::start_with(|c| c.test_hooks = true).await;
    let before = on.state.clock.now();
    let response = on
        .client
        .post(on.url("/test/clock"))
        .json(&serde_json::json!({"seconds": 600}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    assert!((on.state.clock.now() - before).num_seconds() >= 600);
}

#[tokio::test]
async fn the_date_header_is_the_service_clock_so_clients_can_correct_theirs() {
    // The test clock stands at 2026-08-09 21:00 KST (12:00 UTC), whatever the machine's is.
    let server = support::start().await;
    let response = server.get("/campaign").await;
    let date = response.headers()["date"].to_str().unwrap().to_owned();
    assert!(date.starts_with("Sun, 09 Aug 2026 12:00:"), "{date}");
    server.state.clock.advance(chrono::Duration::minutes(30));
    let later = server.get("/providers").await;
    let date = later.headers()["date"].to_str().unwrap();
    assert!(date.starts_with("Sun, 09 Aug 2026 12:30:"), "{date}");
}

#[tokio::test]
async fn under_a_base_path_everything_follows_it_and_the_build_is_untouched() {
    let dist = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dist.path().join(name), bytes).unwrap();
    let page = "<!doctype html><head><base href=/><title>yeyak</title>";
    write("index.html", page.as_bytes());
    write("index.html.br", b"stale for a sub-path");
    let config_text =
        r#"{"api_base_url":"/api/v1","base_path":"/","helpline":"1339","default_locale":"ko"}"#;
    write("config.json", config_text.as_bytes());
    write(WASM, b"\0asm-identity");
    let dist_dir = dist.path().to_path_buf();
    let server = support::start_with(|c| {
        c.dist_dir = Some(dist_dir);
        c.base_path = "/vaccine".into();
    })
    .await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let get = |path: &str| client.get(format!("{}{path}", server.base)).send();
    // The page and a deep link: the base names the sub-path, compressed as asked.
    for path in ["/vaccine/", "/vaccine/book"] {
        let response = get(path).await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        assert!(response.headers().get("etag").is_some());
        let text = response.text().await.unwrap();
        assert!(text.contains("<base href=\"/vaccine/\">"), "{path}: {text}");
    }
    let br = client
        .get(format!("{}/vaccine/", server.base))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(br.headers()["content-encoding"], "br");
    let config: serde_json::Value = get("/vaccine/config.json")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(config["base_path"], "/vaccine/");
    assert_eq!(config["api_base_url"], "/vaccine/api/v1");
    // The API, the files, a missing file; the bare root leads in; elsewhere is nothing.
    assert_eq!(get("/vaccine/api/v1/campaign").await.unwrap().status(), 200);
    assert_eq!(
        get(&format!("/vaccine/{WASM}")).await.unwrap().status(),
        200
    );
    assert_eq!(
        get("/vaccine/missing-0123456789abcdef.js")
            .await
            .unwrap()
            .status(),
        404
    );
    let root = get("/").await.unwrap();
    assert_eq!(root.status(), 308);
    assert_eq!(root.headers()["location"], "/vaccine/");
    assert_eq!(get("/api/v1/campaign").await.unwrap().status(), 404);
    assert_eq!(get(&format!("/{WASM}")).await.unwrap().status(), 404);
    // No file of the build was changed.
    assert_eq!(
        std::fs::read_to_string(dist.path().join("index.html")).unwrap(),
        page
    );
    assert_eq!(
        std::fs::read_to_string(dist.path().join("config.json")).unwrap(),
        config_text
    );
}

/// `--demo on`: every page the server sends starts with the band that says this is a
/// demonstration and names a birth date that books now (and it does book); a real server's
/// pages and campaign never say so.
#[tokio::test]
async fn a_demonstration_says_so_on_every_page_and_a_real_server_never_does() {
    let dist = tempfile::tempdir().unwrap();
    let page = "<!DOCTYPE html><html><body><div id=\"yy-boot\"></div></body></html>";
    std::fs::write(dist.path().join("index.html"), page).unwrap();
    std::fs::write(dist.path().join("config.json"), br#"{"helpline":"1339"}"#).unwrap();
    let served = |server: &TestServer, path: &'static str| {
        let url = format!("{}{path}", server.base);
        async move {
            reqwest::Client::new()
                .get(url)
                .header("accept-encoding", "identity")
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        }
    };
    let dir = dist.path().to_path_buf();
    let demo = support::start_with(|config| {
        config.dist_dir = Some(dir.clone());
        config.demo = true;
    })
    .await;
    // 21:00 on the first day books birth dates ending in 9; the cohort's middle year is 1971.
    let birth = "1971-03-19";
    for path in ["/", "/verify", "/done"] {
        let text = served(&demo, path).await;
        assert!(
            text.starts_with("<!DOCTYPE html><html><body><aside class=\"yy-app yy-demo-ribbon\" aria-label=\"시연 안내 Demo\""),
            "{path}: {text}"
        );
        assert!(text.contains(&format!(
            "오늘 예약할 수 있는 생년월일: <strong>{birth}</strong>"
        )));
        assert!(text.contains(&format!(
            "A birth date that books today: <strong>{birth}</strong>"
        )));
        assert!(
            text.ends_with("<div id=\"yy-boot\"></div></body></html>"),
            "the page itself is intact"
        );
    }
    let campaign: serde_json::Value = demo.get_json("/campaign").await;
    assert_eq!(campaign["demo"], true);
    let verified = demo
        .client
        .post(demo.url("/auth/sessions"))
        .json(&serde_json::json!({"provider": "toss", "name": "김시연", "birth_date": birth, "phone": "010-5555-0001", "device_id": "demo-device-1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(verified.status(), 201, "the named birth date books");

    let real = support::start_with(|config| config.dist_dir = Some(dir.clone())).await;
    for path in ["/", "/verify"] {
        let text = served(&real, path).await;
        assert_eq!(text, page, "{path}");
    }
    let campaign: serde_json::Value = real.get_json("/campaign").await;
    assert_eq!(campaign["demo"], false);
}

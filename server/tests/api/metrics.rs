//! `GET /metrics`: the operators' series, behind their token. A server process of its own (the
//! recorder is per process), so the counts are this test's alone.

use reqwest::StatusCode;

use crate::support::{operator, spawn_server, Api, Spawned, ADMIN};

fn launch(db: &std::path::Path, token: bool) -> Spawned {
    let extra = if token { vec![operator()] } else { vec![] };
    spawn_server(&db.display().to_string(), &extra)
}

/// The series `docs/operations.md` documents: the first cell of each row of its metrics table.
fn documented_series() -> Vec<String> {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/operations.md"
    ))
    .unwrap();
    doc.lines()
        .filter_map(|line| line.strip_prefix("| `yeyak_"))
        .filter_map(|rest| rest.split('`').next())
        .map(|name| format!("yeyak_{name}"))
        .collect()
}

async fn scrape(api: &Api, token: Option<&str>) -> reqwest::Response {
    let mut request = api.client.get(format!("{}/metrics", api.base));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

/// The value of an unlabelled series in a scrape.
fn value(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|line| line.strip_prefix(&format!("{series} ")))
        .unwrap_or_else(|| panic!("{series} missing from:\n{text}"))
        .trim()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn a_booking_counts_once_and_every_documented_series_is_there() {
    let dir = tempfile::tempdir().unwrap();
    let server = launch(&dir.path().join("metrics.sqlite3"), true);
    let before = scrape(&server.api, Some(ADMIN)).await;
    assert_eq!(before.status(), StatusCode::OK);
    assert!(before.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain; version=0.0.4"));
    let before = before.text().await.unwrap();
    let booked_before = value(&before, "yeyak_bookings_total");

    let admission = server.api.admitted(1).await;
    let (_, slot) = server.api.first_slot("2026-08-12").await;
    let booked = server.api.reserve(&admission, "metrics-1", slot).await;
    assert_eq!(booked.status(), StatusCode::CREATED);
    // A retry with the same key is the same booking, not a second one.
    let replay = server.api.reserve(&admission, "metrics-1", slot).await;
    assert_eq!(replay.status(), StatusCode::CREATED);

    let after = scrape(&server.api, Some(ADMIN)).await.text().await.unwrap();
    assert_eq!(value(&after, "yeyak_bookings_total"), booked_before + 1.0);
    assert_eq!(value(&after, "yeyak_admissions_total"), 1.0);
    assert!(
        after.contains(r#"yeyak_verifications_total{provider="kakao",outcome="approved"} 1"#),
        "{after}"
    );
    assert!(
        after.contains(r#"route="/api/v1/reservations",method="POST",status="201"} 2"#),
        "requests by route and status:\n{after}"
    );
    let documented = documented_series();
    assert!(
        documented.len() >= 10,
        "the doc lists the series: {documented:?}"
    );
    for series in documented {
        assert!(
            after
                .lines()
                .any(|line| line.starts_with(&format!("{series} "))
                    || line.starts_with(&format!("{series}{{"))
                    || line.starts_with(&format!("{series}_bucket"))),
            "{series} is documented but not exported:\n{after}"
        );
    }
}

#[tokio::test]
async fn without_the_operator_token_metrics_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let server = launch(&dir.path().join("metrics.sqlite3"), true);
    assert_eq!(
        scrape(&server.api, None).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        scrape(&server.api, Some("not-the-token")).await.status(),
        StatusCode::FORBIDDEN
    );
    let public = launch(&dir.path().join("public.sqlite3"), false);
    let refused = scrape(&public.api, Some(ADMIN)).await;
    assert_eq!(
        refused.status(),
        StatusCode::NOT_FOUND,
        "no token configured: no metrics"
    );
    assert!(!refused.text().await.unwrap().contains("yeyak_"));
}

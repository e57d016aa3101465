//! What an operator watches on the night: Prometheus series recorded with the `metrics` crate
//! and rendered by `metrics-exporter-prometheus` at `GET /metrics`, behind the operator token.
//!
//! Each instance counts what it served; a scraper sums across instances. Every series is
//! described in `docs/operations.md` with the alert to set on it, and a test checks that every
//! series named there is present after one booking.

use std::sync::OnceLock;

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use metrics::{
    counter, describe_counter, describe_gauge, describe_histogram, gauge, histogram, Unit,
};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::api::admin::authorize;
use crate::extract::Bearer;
use crate::problem::ApiProblem;
use crate::AppState;

/// API requests answered, by route template, method and status.
pub const REQUESTS: &str = "yeyak_http_requests_total";
/// Time to answer an API request, by route template and method.
pub const REQUEST_SECONDS: &str = "yeyak_http_request_duration_seconds";
/// The highest served ticket number.
pub const QUEUE_SERVED: &str = "yeyak_queue_served";
/// The highest issued ticket number.
pub const QUEUE_TAIL: &str = "yeyak_queue_tail";
/// The operator's admission rate.
pub const QUEUE_RATE: &str = "yeyak_queue_admissions_per_minute";
/// 1 while the operator has paused the queue.
pub const QUEUE_PAUSED: &str = "yeyak_queue_paused";
/// Tickets redeemed for a booking window.
pub const ADMISSIONS: &str = "yeyak_admissions_total";
/// Reservations made (a replayed retry is not a new one).
pub const BOOKINGS: &str = "yeyak_bookings_total";
/// Bookings refused because the slot's last place was taken.
pub const SLOT_FULL: &str = "yeyak_slot_full_total";
/// Verification outcomes, by provider and outcome.
pub const VERIFICATIONS: &str = "yeyak_verifications_total";
/// Time a request's database transaction took, waiting for a connection included, by store.
pub const DB_SECONDS: &str = "yeyak_db_transaction_seconds";
/// PostgreSQL transactions run again after losing a race to another transaction.
pub const DB_RETRIES: &str = "yeyak_db_retries_total";

/// The outcomes of [`VERIFICATIONS`].
pub const OUTCOMES: &[&str] = &[
    "started",
    "approved",
    "rejected",
    "device_locked",
    "provider_unavailable",
];

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// Installs the process's recorder once (every server in a process shares it) and returns its
/// handle; `None` when another recorder was installed first.
pub fn install(providers: &[&str]) -> Option<&'static PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Suffix("_seconds".into()),
                    &[
                        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
                        10.0, 30.0,
                    ],
                )
                .ok()?
                .build_recorder();
            let handle = recorder.handle();
            metrics::set_global_recorder(recorder).ok()?;
            describe();
            // Present from the start, so a dashboard and an alert see 0 rather than nothing.
            for name in [ADMISSIONS, BOOKINGS, SLOT_FULL, DB_RETRIES] {
                counter!(name).absolute(0);
            }
            for provider in providers {
                for outcome in OUTCOMES {
                    counter!(VERIFICATIONS, "provider" => provider.to_string(), "outcome" => *outcome)
                        .absolute(0);
                }
            }
            Some(handle)
        })
        .as_ref()
}

fn describe() {
    describe_counter!(
        REQUESTS,
        "API requests answered, by route, method and status"
    );
    describe_histogram!(
        REQUEST_SECONDS,
        Unit::Seconds,
        "time to answer an API request, by route and method"
    );
    describe_gauge!(QUEUE_SERVED, "highest served ticket number");
    describe_gauge!(QUEUE_TAIL, "highest issued ticket number");
    describe_gauge!(QUEUE_RATE, "admissions per minute set by the operator");
    describe_gauge!(QUEUE_PAUSED, "1 while the queue is paused");
    describe_counter!(ADMISSIONS, "tickets redeemed for a booking window");
    describe_counter!(BOOKINGS, "reservations made");
    describe_counter!(SLOT_FULL, "bookings refused because the slot was full");
    describe_counter!(VERIFICATIONS, "verification outcomes by provider");
    describe_histogram!(
        DB_SECONDS,
        Unit::Seconds,
        "time of a request's database transaction, connection wait included"
    );
    describe_counter!(
        DB_RETRIES,
        "PostgreSQL transactions run again after a lost race"
    );
}

/// The queue's numbers as an instance last saw them.
pub fn queue(served: u64, tail: u64, rate: u32, paused: bool) {
    gauge!(QUEUE_SERVED).set(served as f64);
    gauge!(QUEUE_TAIL).set(tail as f64);
    gauge!(QUEUE_RATE).set(f64::from(rate));
    gauge!(QUEUE_PAUSED).set(if paused { 1.0 } else { 0.0 });
}

/// One API request answered: its route template, method, status and time.
pub fn request(route: String, method: &str, status: u16, seconds: f64) {
    let method = method.to_owned();
    counter!(REQUESTS, "route" => route.clone(), "method" => method.clone(), "status" => status.to_string())
        .increment(1);
    histogram!(REQUEST_SECONDS, "route" => route, "method" => method).record(seconds);
}

/// One verification outcome.
pub fn verification(provider: &str, outcome: &'static str) {
    counter!(VERIFICATIONS, "provider" => provider.to_owned(), "outcome" => outcome).increment(1);
}

/// `GET /metrics`: the Prometheus text format, for the operator token only.
pub async fn scrape(
    State(state): State<AppState>,
    bearer: Bearer,
) -> Result<impl IntoResponse, ApiProblem> {
    authorize(&state, bearer)?;
    let handle = HANDLE
        .get()
        .and_then(Option::as_ref)
        .ok_or_else(|| ApiProblem::unavailable("metrics are not recorded in this process"))?;
    handle.run_upkeep();
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/plain; version=0.0.4; charset=utf-8",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        handle.render(),
    ))
}

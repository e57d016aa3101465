//! The HTTP surface: the API with its limits and logs, problem+json for unknown API paths and
//! methods, and the client's files.

use std::any::Any;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;

use crate::problem::ApiProblem;
use crate::rate_limit::{self, RateLimiter};
use crate::security::{self, SecurityHeaders};
use crate::{api, static_files, AppState};

/// Largest request body the API reads (every request body here is a few hundred bytes).
const BODY_LIMIT: usize = 16 * 1024;

/// Builds the whole router; `dist` is the built client (see `static_files`).
pub fn router(
    state: AppState,
    dist: Option<&Path>,
    rate_limit_per_second: u32,
    test_hooks: bool,
    base_path: &str,
    offline_shell: bool,
) -> Router {
    let clock = state.clock.clone();
    let demo = state.settings.demo.then(|| static_files::DemoBanner {
        campaign: state.settings.campaign,
        clock: state.clock.clone(),
    });
    let (mut api, _doc) = api::router();
    if test_hooks {
        // Outside the OpenAPI document on purpose: not part of the contract.
        api = api.route("/api/v1/test/clock", axum::routing::post(advance_clock));
    }
    // The operators' series, behind their token; not part of the citizens' contract.
    api = api.route("/metrics", axum::routing::get(crate::metrics::scrape));
    let mut api = api
        .route("/api/{*rest}", any(api_not_found))
        .route("/api", any(api_not_found))
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state)
        .layer(DefaultBodyLimit::max(BODY_LIMIT));
    if rate_limit_per_second > 0 {
        api = api.layer(middleware::from_fn_with_state(
            RateLimiter::new(rate_limit_per_second),
            rate_limit::limit,
        ));
    }
    let api = api
        // API answers are compressed as they go out (the client's files are compressed once,
        // at build time): the campaign's 1.2 KB of JSON reaches a phone as 576 bytes. Brotli
        // at quality 5 rather than tower-http's 4: 60 bytes less on that answer for about
        // 13 µs more (11 would save 65 more for 1.8 ms, too slow for a busy night).
        .layer(
            CompressionLayer::new()
                .br(true)
                .gzip(true)
                .quality(tower_http::CompressionLevel::Precise(5)),
        )
        .layer(CatchPanicLayer::custom(panic_to_problem))
        .layer(middleware::from_fn_with_state(clock, service_date))
        .layer(middleware::from_fn(log_request));
    let security = std::sync::Arc::new(SecurityHeaders::from_dist(dist));
    let all = match dist {
        Some(dist) => {
            api.fallback_service(static_files::router(dist, base_path, offline_shell, demo))
        }
        None => api,
    };
    let all = all.layer(middleware::from_fn_with_state(
        security,
        security::add_headers,
    ));
    if base_path.is_empty() {
        return all;
    }
    // Under a sub-path: everything there (the prefix taken off before routing), the bare root
    // and the bare prefix sent to it, anything else a 404.
    let base = Arc::<str>::from(base_path);
    Router::new().fallback_service(tower::service_fn(move |mut request: Request| {
        let (base, mut all) = (base.clone(), all.clone());
        async move {
            let path = request.uri().path();
            let home = format!("{base}/");
            if path == "/" || path == &*base {
                return Ok(axum::response::Redirect::permanent(&home).into_response());
            }
            let Some(rest) = path.strip_prefix(&*base).filter(|r| r.starts_with('/')) else {
                return Ok((axum::http::StatusCode::NOT_FOUND, "404 Not Found\n").into_response());
            };
            let rest = match request.uri().query() {
                Some(query) => format!("{rest}?{query}"),
                None => rest.to_owned(),
            };
            if let Ok(uri) = rest.parse() {
                *request.uri_mut() = uri;
            }
            tower::ServiceExt::oneshot(&mut all, request).await
        }
    }))
}

/// Body of the test hook `POST /api/v1/test/clock`.
#[derive(serde::Deserialize)]
struct AdvanceClock {
    seconds: i64,
}

/// Test hook: moves the server's clock forward (the admission-expired path without waiting).
async fn advance_clock(
    axum::extract::State(state): axum::extract::State<AppState>,
    crate::extract::ApiJson(body): crate::extract::ApiJson<AdvanceClock>,
) -> axum::http::StatusCode {
    state
        .clock
        .advance(chrono::Duration::seconds(body.seconds.clamp(0, 86_400)));
    axum::http::StatusCode::NO_CONTENT
}

async fn api_not_found(request: Request) -> ApiProblem {
    ApiProblem::not_found(format!("no resource at {}", request.uri().path()))
}

async fn method_not_allowed(request: Request) -> ApiProblem {
    ApiProblem::new(
        405,
        "method_not_allowed",
        "Method Not Allowed",
        format!(
            "{} is not allowed on {}",
            request.method(),
            request.uri().path()
        ),
    )
}

fn panic_to_problem(panic: Box<dyn Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown");
    tracing::error!(panic = message, "handler panicked");
    ApiProblem::new(
        500,
        "internal",
        "Internal Server Error",
        "the server hit a bug; try again",
    )
    .into_response()
}

/// The `Date` header from the service's own clock (the one its deadlines use), so a client
/// can correct a device clock that is wrong; hyper only adds its own when none is set.
async fn service_date(
    State(clock): State<crate::clock::Clock>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let date = clock
        .now()
        .with_timezone(&chrono::Utc)
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string();
    if let Ok(value) = HeaderValue::from_str(&date) {
        response.headers_mut().insert(header::DATE, value);
    }
    response
}

/// One structured log line per API request (method, path, status, milliseconds), and the
/// request's count and time in the metrics, by route template.
async fn log_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let route = (path.starts_with("/api/") || path == "/metrics").then(|| {
        request
            .extensions()
            .get::<axum::extract::MatchedPath>()
            .map_or_else(|| "unmatched".to_owned(), |m| m.as_str().to_owned())
    });
    let response = next.run(request).await;
    let seconds = started.elapsed().as_secs_f64();
    let status = response.status().as_u16();
    if let Some(route) = route {
        crate::metrics::request(route, method.as_str(), status, seconds);
    }
    if path.starts_with("/api/") {
        tracing::info!(
            method = %method,
            path = %path,
            status,
            ms = seconds * 1000.0,
            "request"
        );
    }
    response
}

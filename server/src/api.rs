//! The REST API: one module per resource; the router and the OpenAPI document are built from
//! the same registrations, so the document lists exactly the routes the server serves.

pub mod admin;
pub mod booking;
pub mod campaign;
pub mod checks;
pub mod identity;
pub mod queue;
pub mod reservations;

use std::sync::OnceLock;

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::{Json, Router};
use chrono::{DateTime, FixedOffset, TimeZone};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use yeyak_protocol::{HealthResponse, Problem};

use crate::clock::kst;
use crate::problem::ApiProblem;
use crate::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "yeyak reference API",
        description = "Vaccination pre-reservation: campaign, identity, waiting room, booking. \
                       Errors are RFC 9457 application/problem+json with a stable `code`."
    ),
    components(schemas(Problem))
)]
struct ApiDoc;

static OPENAPI_JSON: OnceLock<String> = OnceLock::new();

/// Every API route under `/api/v1`, with the OpenAPI document generated from them.
pub fn router() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let v1 = OpenApiRouter::new()
        .routes(routes!(health))
        .routes(routes!(openapi_json))
        .routes(routes!(campaign::get_campaign))
        .routes(routes!(identity::list_providers))
        .routes(routes!(identity::start_verification))
        .routes(routes!(
            identity::get_verification,
            identity::cancel_verification
        ))
        .routes(routes!(queue::join_queue))
        .routes(routes!(queue::get_progress))
        .routes(routes!(queue::redeem_ticket))
        .routes(routes!(queue::leave_queue))
        .routes(routes!(queue::extend_admission))
        .routes(routes!(booking::list_regions))
        .routes(routes!(booking::list_centers))
        .routes(routes!(booking::get_availability))
        .routes(routes!(reservations::reserve))
        .routes(routes!(reservations::lookup))
        .routes(routes!(reservations::change, reservations::cancel))
        .routes(routes!(admin::set_queue))
        .routes(routes!(admin::override_provider))
        .routes(routes!(admin::stats));
    let (router, doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest("/api/v1", v1)
        .split_for_parts();
    let mut complete = serde_json::to_value(&doc).unwrap_or_default();
    let providers: Vec<&str> = identity::PROVIDERS.iter().map(|p| p.id).collect();
    crate::contract::complete(&mut complete, &providers);
    let _ = OPENAPI_JSON.set(serde_json::to_string_pretty(&complete).unwrap_or_default());
    (router, doc)
}

/// The server is up and its database answers.
#[utoipa::path(get, path = "/health", tag = "service",
    responses((status = 200, body = HealthResponse), (status = 503, body = Problem)))]
async fn health(State(state): State<AppState>) -> Result<Json<HealthResponse>, ApiProblem> {
    let version = state.db.schema_version().await?;
    Ok(Json(HealthResponse {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        schema_version: version,
    }))
}

/// This contract, as OpenAPI 3.1, generated from the server's own types.
#[utoipa::path(get, path = "/openapi.json", tag = "service",
    responses((status = 200, description = "The OpenAPI document", content_type = "application/json")))]
async fn openapi_json() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        OPENAPI_JSON.get().cloned().unwrap_or_default(),
    )
}

/// Milliseconds since the epoch, the database's instant format.
pub fn ms(instant: DateTime<FixedOffset>) -> i64 {
    instant.timestamp_millis()
}

/// The instant of a database millisecond value, in Korea time.
pub fn from_ms(ms: i64) -> DateTime<FixedOffset> {
    kst()
        .timestamp_millis_opt(ms)
        .single()
        .unwrap_or_else(|| kst().timestamp_millis_opt(0).unwrap())
}

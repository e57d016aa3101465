//! The HTTP surface: API routes, problem+json for unknown API paths, and the client's files.

use std::path::Path;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use tower_http::services::{ServeDir, ServeFile};
use yeyak_protocol::HealthResponse;

use crate::problem::ApiProblem;
use crate::AppState;

/// Builds the whole router; `dist` is the built client, served with an SPA fallback to index.html.
pub fn router(state: AppState, dist: Option<&Path>) -> Router {
    let api = Router::new()
        .route("/v1/health", get(health))
        .fallback(api_not_found)
        .with_state(state);
    let app = Router::new().nest("/api", api);
    match dist {
        Some(dist) => app
            .fallback_service(ServeDir::new(dist).fallback(ServeFile::new(dist.join("index.html"))))
            .layer(middleware::from_fn(cache_policy)),
        None => app,
    }
}

async fn health(State(state): State<AppState>) -> Result<Json<HealthResponse>, ApiProblem> {
    let db = state.db.clone();
    let version = tokio::task::spawn_blocking(move || db.schema_version())
        .await
        .map_err(|e| ApiProblem::unavailable(e.to_string()))?
        .map_err(|e| ApiProblem::unavailable(e.to_string()))?;
    Ok(Json(HealthResponse {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        schema_version: version,
    }))
}

async fn api_not_found(request: Request) -> ApiProblem {
    ApiProblem::not_found(request.uri().path())
}

/// Hashed assets are immutable; the page and its runtime config must be revalidated so a portal's
/// edit to `config.json` or a new release reaches people at once.
async fn cache_policy(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    if path.starts_with("/api/") {
        return response;
    }
    let is_hashed_asset = path.rsplit('/').next().is_some_and(|name| {
        name.ends_with(".wasm") || name.ends_with(".js") || name.ends_with(".css")
    });
    let policy = if is_hashed_asset && response.status().is_success() {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    response
}

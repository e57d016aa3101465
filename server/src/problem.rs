//! RFC 9457 problem responses: every API error leaves the server in this one shape.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use yeyak_protocol::{Problem, PROBLEM_JSON};

/// An API error ready to be sent as `application/problem+json`.
#[derive(Debug)]
pub struct ApiProblem(pub Problem);

impl ApiProblem {
    /// 404 for a path under `/api` that names no resource.
    pub fn not_found(path: &str) -> Self {
        Self(Problem::new(
            404,
            "not_found",
            "Not Found",
            Some(format!("no resource at {path}")),
        ))
    }

    /// 503 when the database cannot answer.
    pub fn unavailable(detail: String) -> Self {
        Self(Problem::new(
            503,
            "unavailable",
            "Service Unavailable",
            Some(detail),
        ))
    }
}

impl IntoResponse for ApiProblem {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&self.0).unwrap_or_default();
        (status, [(header::CONTENT_TYPE, PROBLEM_JSON)], body).into_response()
    }
}

//! RFC 9457 problem responses: every API error leaves the server in this one shape, with a
//! stable `code` the client maps to its own words.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use yeyak_protocol::{Problem, PROBLEM_JSON};

use crate::db::DbError;

/// An API error ready to be sent as `application/problem+json`.
#[derive(Debug, Clone)]
pub struct ApiProblem(pub Box<Problem>);

impl ApiProblem {
    /// A problem with the given status, stable code, title and detail.
    pub fn new(status: u16, code: &str, title: &str, detail: impl Into<String>) -> Self {
        Self(Box::new(Problem::new(
            status,
            code,
            title,
            Some(detail.into()),
        )))
    }

    /// 404 for a path under `/api` that names no resource, or an unknown id.
    pub fn not_found(what: impl Into<String>) -> Self {
        Self::new(404, "not_found", "Not Found", what)
    }

    /// 422 for a field whose value is unusable; `field` names it for the error summary.
    pub fn invalid_field(field: &str, why: &str) -> Self {
        Self::new(
            422,
            "invalid_field",
            "Invalid field",
            format!("{field}: {why}"),
        )
    }

    /// 400 for an unusable query string.
    pub fn invalid_query(why: impl Into<String>) -> Self {
        Self::new(400, "invalid_query", "Invalid query", why)
    }

    /// 401 when the bearer token is missing, unknown or expired.
    pub fn unauthorized(what: &str) -> Self {
        Self::new(
            401,
            "unauthorized",
            "Unauthorized",
            format!("{what} is missing, unknown or expired"),
        )
    }

    /// 503 when the database cannot answer (retry later).
    pub fn unavailable(detail: impl Into<String>) -> Self {
        let mut problem = Self::new(503, "unavailable", "Service Unavailable", detail);
        problem.0.retry_after_ms = Some(5_000);
        problem
    }

    /// Sets the retry hint (also sent as `Retry-After`).
    pub fn retry_after_ms(mut self, ms: u64) -> Self {
        self.0.retry_after_ms = Some(ms);
        self
    }
}

impl From<DbError> for ApiProblem {
    fn from(err: DbError) -> Self {
        tracing::error!(error = %err, "database error");
        Self::unavailable("the database did not answer; try again shortly")
    }
}

impl From<JsonRejection> for ApiProblem {
    fn from(rejection: JsonRejection) -> Self {
        let detail = rejection.body_text();
        match rejection.status() {
            StatusCode::PAYLOAD_TOO_LARGE => {
                Self::new(413, "payload_too_large", "Payload Too Large", detail)
            }
            StatusCode::UNSUPPORTED_MEDIA_TYPE => Self::new(
                415,
                "unsupported_media_type",
                "Unsupported Media Type",
                "send the body as application/json",
            ),
            StatusCode::UNPROCESSABLE_ENTITY => {
                Self::new(422, "invalid_field", "Invalid field", detail)
            }
            _ => Self::new(400, "malformed_json", "Malformed JSON", detail),
        }
    }
}

impl From<PathRejection> for ApiProblem {
    fn from(rejection: PathRejection) -> Self {
        Self::new(404, "not_found", "Not Found", rejection.body_text())
    }
}

impl From<QueryRejection> for ApiProblem {
    fn from(rejection: QueryRejection) -> Self {
        Self::invalid_query(rejection.body_text())
    }
}

impl IntoResponse for ApiProblem {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&*self.0).unwrap_or_default();
        let mut response = (status, [(header::CONTENT_TYPE, PROBLEM_JSON)], body).into_response();
        if let Some(ms) = self.0.retry_after_ms {
            let seconds = ms.div_ceil(1000).max(1);
            if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        response
    }
}

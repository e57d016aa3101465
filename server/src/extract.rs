//! Extractors whose rejections are problem+json, and the bearer-token reader.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use axum_macros::{FromRequest, FromRequestParts};

use crate::problem::ApiProblem;

/// `Json<T>` whose malformed, mistyped, oversized or mislabelled bodies become problem+json.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiProblem))]
pub struct ApiJson<T>(pub T);

/// `Path<T>` whose unparsable segments become a 404 problem.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiProblem))]
pub struct ApiPath<T>(pub T);

/// `Query<T>` whose bad values become a 400 problem.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiProblem))]
pub struct ApiQuery<T>(pub T);

/// The token of an `Authorization: Bearer ...` header, if any (checked by each handler).
pub struct Bearer(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for Bearer {
    type Rejection = ApiProblem;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty() && t.len() <= 256);
        Ok(Bearer(token))
    }
}

impl Bearer {
    /// The token, or 401 naming what was expected.
    pub fn require(self, what: &str) -> Result<String, ApiProblem> {
        self.0.ok_or_else(|| ApiProblem::unauthorized(what))
    }
}

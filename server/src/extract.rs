//! Extractors whose rejections are problem+json, and the bearer-token reader.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header;
use axum::http::request::Parts;
use axum_macros::FromRequestParts;
use serde::de::DeserializeOwned;

use crate::problem::ApiProblem;

/// `Json<T>` whose malformed, mistyped, oversized or mislabelled bodies become problem+json.
/// Every request body of the API is an object: another JSON value (an array, which serde would
/// otherwise read into a struct field by field) is refused, as the contract says.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiProblem;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let axum::Json(mut value) =
            axum::Json::<serde_json::Value>::from_request(request, state).await?;
        if !value.is_object() {
            return Err(ApiProblem::new(
                422,
                "invalid_field",
                "Invalid field",
                "the body must be a JSON object",
            ));
        }
        whole_numbers_as_integers(&mut value);
        serde_json::from_value(value).map(ApiJson).map_err(|err| {
            ApiProblem::new(
                422,
                "invalid_field",
                "Invalid field",
                format!("Failed to deserialize the JSON body into the target type: {err}"),
            )
        })
    }
}

/// `133175.0` is the integer 133175, as JSON Schema counts it: written so, it reaches the
/// integer fields (serde would refuse a float there).
fn whole_numbers_as_integers(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Number(number) => {
            if let Some(float) = number.as_f64().filter(|_| number.is_f64()) {
                let whole = float.fract() == 0.0 && float.abs() < 9.007_199_254_740_992e15;
                if whole {
                    *value = serde_json::Value::from(float as i64);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(whole_numbers_as_integers),
        serde_json::Value::Object(fields) => {
            fields.values_mut().for_each(whole_numbers_as_integers)
        }
        _ => {}
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_are_integers_and_fractions_stay() {
        let mut body = serde_json::json!({ "a": 133175.0, "b": [2.0, 2.5], "c": -3.0, "d": 1e300 });
        whole_numbers_as_integers(&mut body);
        assert_eq!(
            body,
            serde_json::json!({ "a": 133175, "b": [2, 2.5], "c": -3, "d": 1e300 })
        );
    }
}

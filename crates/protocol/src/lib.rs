//! Request and response types shared by the yeyak client and the reference server.
//!
//! Both sides compile these same types, so the JSON on the wire cannot drift between them.

use serde::{Deserialize, Serialize};

/// The media type of every error body (RFC 9457).
pub const PROBLEM_JSON: &str = "application/problem+json";

/// Answer of `GET /api/v1/health`: the server is up and its database answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthResponse {
    /// `"ok"` when the database answered a query.
    pub status: String,
    /// Version of the server build (`CARGO_PKG_VERSION`).
    pub version: String,
    /// Schema version the database was migrated to.
    pub schema_version: u32,
}

/// An RFC 9457 problem document with a stable machine-readable `code`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// A URI reference naming the problem type (`about:blank` when only the status matters).
    #[serde(rename = "type", default = "about_blank")]
    pub problem_type: String,
    /// Short, human-readable summary of the problem type.
    pub title: String,
    /// The HTTP status code, repeated in the body.
    pub status: u16,
    /// Explanation specific to this occurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Stable code the client maps to its own message (`not_found`, `slot_full`, ...).
    pub code: String,
}

fn about_blank() -> String {
    "about:blank".to_owned()
}

impl Problem {
    /// Builds a problem with `type` left as `about:blank`.
    pub fn new(status: u16, code: &str, title: &str, detail: Option<String>) -> Self {
        Self {
            problem_type: about_blank(),
            title: title.to_owned(),
            status,
            detail,
            code: code.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_uses_rfc9457_field_names() {
        let problem = Problem::new(404, "not_found", "Not Found", Some("no route /x".into()));
        let json = serde_json::to_value(&problem).unwrap();
        assert_eq!(json["type"], "about:blank");
        assert_eq!(json["status"], 404);
        assert_eq!(json["code"], "not_found");
        assert_eq!(json["detail"], "no route /x");
    }

    #[test]
    fn problem_without_type_reads_as_about_blank() {
        let problem: Problem =
            serde_json::from_str(r#"{"title":"Gone","status":410,"code":"expired"}"#).unwrap();
        assert_eq!(problem.problem_type, "about:blank");
        assert_eq!(problem.detail, None);
    }
}

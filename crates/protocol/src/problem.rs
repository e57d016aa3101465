//! RFC 9457 problem documents, with the extension members yeyak's errors carry.

use serde::{Deserialize, Serialize};

use crate::SlotAlternative;

/// The media type of every error body (RFC 9457).
pub const PROBLEM_JSON: &str = "application/problem+json";

/// An RFC 9457 problem document with a stable machine-readable `code`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    /// 423 `device_locked`: when another device may verify this person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locked_until: Option<String>,
    /// 403 `not_your_day`: the dates this person may book.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub your_dates: Option<Vec<String>>,
    /// 403 `outside_window`: when booking opens next.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opens_at: Option<String>,
    /// 409 `slot_full`: the nearest slots that still have places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternatives: Option<Vec<SlotAlternative>>,
    /// 409 `not_yet_served`, 429, 503: how long to wait before asking again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_ms: Option<u64>,
}

fn about_blank() -> String {
    "about:blank".to_owned()
}

impl Problem {
    /// Builds a problem with `type` left as `about:blank` and no extension members.
    pub fn new(status: u16, code: &str, title: &str, detail: Option<String>) -> Self {
        Self {
            problem_type: about_blank(),
            title: title.to_owned(),
            status,
            detail,
            code: code.to_owned(),
            locked_until: None,
            your_dates: None,
            opens_at: None,
            alternatives: None,
            retry_after_ms: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_uses_rfc9457_field_names_and_omits_empty_extensions() {
        let problem = Problem::new(404, "not_found", "Not Found", Some("no route /x".into()));
        let json = serde_json::to_value(&problem).unwrap();
        assert_eq!(json["type"], "about:blank");
        assert_eq!(json["status"], 404);
        assert_eq!(json["code"], "not_found");
        assert_eq!(json["detail"], "no route /x");
        assert!(json.get("locked_until").is_none());
        assert!(json.get("alternatives").is_none());
    }

    #[test]
    fn problem_without_type_reads_as_about_blank() {
        let problem: Problem =
            serde_json::from_str(r#"{"title":"Gone","status":410,"code":"expired"}"#).unwrap();
        assert_eq!(problem.problem_type, "about:blank");
        assert_eq!(problem.detail, None);
    }
}

//! Security headers. The page (`text/html`) carries a strict Content-Security-Policy (the
//! client has no inline script or style, so nothing needs `'unsafe-inline'`), `nosniff`, no
//! referrer, no browser features the service does not use, and its own browsing-context group.
//! API answers are `nosniff` (JSON never read as a page), and those that carry personal data or
//! a credential are `Cache-Control: no-store`.
//!
//! The build's files carry none of these: the policy is enforced on the document, they are
//! sent with their exact type, and the same headers on each of them would cost a phone's first
//! load about 3 KB (see `docs/operations.md`).

use std::path::Path;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;

/// Browser features the service never uses, switched off for it and anything it would frame.
pub const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

/// The headers, computed once at start-up from the client's `config.json`.
#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    csp: HeaderValue,
}

impl SecurityHeaders {
    /// From the client's runtime configuration: the portal origins that may frame the page
    /// (`embed.parent_origins`) and the API's origin when it is not this one (`api_base_url`).
    pub fn from_dist(dist: Option<&Path>) -> Self {
        let config = dist
            .and_then(|d| std::fs::read_to_string(d.join("config.json")).ok())
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok());
        let list = |value: Option<&serde_json::Value>| -> Vec<String> {
            value
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|o| o.as_str())
                        .filter_map(origin)
                        .collect()
                })
                .unwrap_or_default()
        };
        let ancestors = list(
            config
                .as_ref()
                .and_then(|c| c.pointer("/embed/parent_origins")),
        );
        let api = config
            .as_ref()
            .and_then(|c| c.get("api_base_url"))
            .and_then(|v| v.as_str())
            .and_then(origin)
            .into_iter()
            .collect::<Vec<_>>();
        Self::new(&ancestors, &api)
    }

    /// The policy for a page framed only by `frame_ancestors` (none: only this origin) and
    /// talking to an API at `connect_src` beyond this origin (none: same origin).
    pub fn new(frame_ancestors: &[String], connect_src: &[String]) -> Self {
        let csp = content_security_policy(frame_ancestors, connect_src);
        Self {
            csp: HeaderValue::from_str(&csp).expect("origins are checked to be header-safe"),
        }
    }
}

/// An origin as CSP writes it (`https://www.gov.kr`, `http://127.0.0.1:8081`) from a URL or an
/// origin; `None` for a relative path or anything that is not plain http(s).
pub fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next()?;
    let safe = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    safe.then(|| format!("{scheme}://{}", host.to_ascii_lowercase()))
}

/// The Content-Security-Policy text.
pub fn content_security_policy(frame_ancestors: &[String], connect_src: &[String]) -> String {
    let with_self = |extra: &[String]| {
        std::iter::once("'self'")
            .chain(extra.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ")
    };
    format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         connect-src {}; img-src 'self' data:; font-src 'self'; manifest-src 'self'; \
         worker-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors {}; \
         require-trusted-types-for 'script'; trusted-types default",
        with_self(connect_src),
        with_self(frame_ancestors)
    )
}

/// Whether an API answer carries personal data or a credential (a verification, a ticket, an
/// admission, a reservation, the operator's view), so no browser or proxy may keep it. The
/// public reads are the campaign, the lights, the places and times, the queue's progress, the
/// contract and the health check.
pub fn is_personal(method: &Method, path: &str) -> bool {
    let Some(rest) = path.strip_prefix("/api/v1/") else {
        return false;
    };
    let public_read = *method == Method::GET
        && (matches!(
            rest,
            "campaign" | "providers" | "regions" | "queue/progress" | "openapi.json" | "health"
        ) || rest == "centers"
            || rest.starts_with("centers/"));
    !public_read
}

/// Middleware: adds the headers to every answer.
pub async fn add_headers(
    State(headers): State<Arc<SecurityHeaders>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let personal = is_personal(request.method(), path);
    let is_api = path == "/api" || path.starts_with("/api/");
    let mut response = next.run(request).await;
    let is_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    let h = response.headers_mut();
    if is_page || is_api {
        h.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
    }
    if is_page {
        h.insert(header::CONTENT_SECURITY_POLICY, headers.csp.clone());
        h.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        );
        h.insert(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(PERMISSIONS_POLICY),
        );
        h.insert(
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        );
    }
    if personal {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_only_this_origin_unless_portals_are_named() {
        let own = content_security_policy(&[], &[]);
        assert!(own.contains("frame-ancestors 'self'"));
        assert!(own.contains("script-src 'self' 'wasm-unsafe-eval';"));
        assert!(!own.contains("unsafe-inline"));
        let portal = content_security_policy(&["https://www.gov.kr".into()], &[]);
        assert!(portal.contains("frame-ancestors 'self' https://www.gov.kr;"));
        assert!(portal.ends_with("require-trusted-types-for 'script'; trusted-types default"));
    }

    #[test]
    fn origins_are_taken_from_urls_and_nothing_else_gets_in() {
        assert_eq!(
            origin("https://api.example.kr/api/v1").as_deref(),
            Some("https://api.example.kr")
        );
        assert_eq!(
            origin("http://127.0.0.1:8081").as_deref(),
            Some("http://127.0.0.1:8081")
        );
        assert_eq!(origin("/api/v1"), None);
        assert_eq!(origin("javascript://x"), None);
        assert_eq!(origin("https://a.kr; script-src *"), None);
    }

    #[test]
    fn personal_answers_are_the_ones_that_name_or_admit_someone() {
        assert!(is_personal(&Method::POST, "/api/v1/auth/sessions"));
        assert!(is_personal(&Method::GET, "/api/v1/auth/sessions/abc"));
        assert!(is_personal(&Method::POST, "/api/v1/reservations/lookup"));
        assert!(is_personal(&Method::POST, "/api/v1/queue/tickets"));
        assert!(is_personal(&Method::GET, "/api/v1/admin/queue"));
        assert!(!is_personal(&Method::GET, "/api/v1/queue/progress"));
        assert!(!is_personal(&Method::GET, "/api/v1/campaign"));
        assert!(!is_personal(&Method::GET, "/api/v1/centers/3/availability"));
        assert!(!is_personal(&Method::GET, "/index.html"));
    }
}

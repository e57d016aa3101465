//! Serving the built client as a phone should receive it: the `.br` or `.gz` file the build
//! wrote beside each asset when the request accepts it (`Vary: Accept-Encoding`), hashed assets
//! cached for a year, the page and its runtime config revalidated by `ETag` (a 304 costs a few
//! hundred bytes), a 404 for any file that does not exist, and `index.html` for client routes.

use std::path::{Path, PathBuf};

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use sha2::{Digest, Sha256};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// Hashed assets never change under their name (the build names each file by its own bytes).
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// The page and `config.json`: always asked again, answered with 304 while unchanged.
pub const REVALIDATE: &str = "no-cache";

/// The client's files under `/`, as a fallback router for everything the API does not serve.
pub fn router(dist: &Path) -> Router {
    let dist = dist.to_path_buf();
    let assets = ServeDir::new(&dist)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
        .fallback(tower::service_fn({
            let dist = dist.clone();
            move |request: Request| {
                let dist = dist.clone();
                async move { Ok::<_, std::convert::Infallible>(not_in_dist(&dist, request).await) }
            }
        }));
    let page = {
        let dist = dist.clone();
        move |request: Request| {
            let dist = dist.clone();
            async move { revalidated(&dist, "index.html", request).await }
        }
    };
    let config = {
        let dist = dist.clone();
        move |request: Request| {
            let dist = dist.clone();
            async move { revalidated(&dist, "config.json", request).await }
        }
    };
    Router::new()
        .route("/", axum::routing::get(page.clone()))
        .route("/index.html", axum::routing::get(page))
        .route("/config.json", axum::routing::get(config))
        .fallback_service(assets)
        .layer(axum::middleware::from_fn(asset_headers))
}

/// No file at this path: a client route (no file extension) gets the page, anything that names
/// a file (`/favicon.ico`, `/x.js`) is a plain 404, so a missing asset never arrives as HTML.
async fn not_in_dist(dist: &Path, request: Request) -> Response {
    let path = request.uri().path();
    let names_a_file = path
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'));
    let is_read = matches!(*request.method(), Method::GET | Method::HEAD);
    if names_a_file || !is_read {
        return (
            StatusCode::NOT_FOUND,
            [(header::CACHE_CONTROL, HeaderValue::from_static(REVALIDATE))],
            "404 Not Found\n",
        )
            .into_response();
    }
    revalidated(dist, "index.html", request).await
}

/// A small file that must be revalidated: served compressed like the rest, with a strong
/// `ETag` from its bytes and the encoding chosen, and 304 when the client already has it.
async fn revalidated(dist: &Path, name: &str, request: Request) -> Response {
    let path: PathBuf = dist.join(name);
    let Ok(bytes) = tokio::fs::read(&path).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let serve = ServeFile::new(&path)
        .precompressed_br()
        .precompressed_gzip();
    let mut response = match serve.oneshot(request).await {
        Ok(response) => response.map(axum::body::Body::new),
        Err(never) => match never {},
    };
    let encoding = response
        .headers()
        .get(header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("identity")
        .to_owned();
    let etag = entity_tag(&bytes, &encoding);
    let headers = response.headers_mut();
    headers.insert(header::ETAG, etag.clone());
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(REVALIDATE));
    if if_none_match.is_some_and(|v| matches_etag(&v, &etag)) {
        let mut not_modified = StatusCode::NOT_MODIFIED.into_response();
        for name in [header::ETAG, header::CACHE_CONTROL, header::VARY] {
            if let Some(value) = response.headers().get(&name) {
                not_modified.headers_mut().insert(name, value.clone());
            }
        }
        return not_modified;
    }
    // ServeFile sends Last-Modified too; one validator is enough and the ETag is the exact one.
    response.headers_mut().remove(header::LAST_MODIFIED);
    response
}

/// A strong validator: the file's digest plus the encoding, since each encoding is other bytes.
fn entity_tag(bytes: &[u8], encoding: &str) -> HeaderValue {
    let digest = Sha256::digest(bytes);
    let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    let suffix = match encoding {
        "identity" => String::new(),
        other => format!("-{other}"),
    };
    HeaderValue::from_str(&format!("\"{hex}{suffix}\"")).expect("hex is a valid header")
}

/// `If-None-Match` holds `*` or a list of tags (weak ones compared weakly, RFC 9110 13.1.2).
fn matches_etag(if_none_match: &HeaderValue, etag: &HeaderValue) -> bool {
    let Ok(list) = if_none_match.to_str() else {
        return false;
    };
    let ours = etag.to_str().unwrap_or_default();
    list.split(',')
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == "*" || t == ours)
}

/// Cache policy and `Vary` on every file answer: hashed names for a year, the rest revalidated.
async fn asset_headers(request: Request, next: axum::middleware::Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let headers: &mut HeaderMap = response.headers_mut();
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if headers.contains_key(header::CACHE_CONTROL) {
        return response;
    }
    let immutable = is_hashed_asset(&path) && response.status().is_success();
    let headers = response.headers_mut();
    if immutable {
        // Named by its content and never revalidated: a date says nothing a phone can use,
        // and its bytes are better spent on the first load.
        headers.remove(header::LAST_MODIFIED);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if immutable { IMMUTABLE } else { REVALIDATE }),
    );
    response
}

/// A build file named by its digest (`name-0123456789abcdef.ext`, `…_bg.wasm`).
fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() >= 8 && hash.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_recognised() {
        assert!(is_hashed_asset("/yeyak-0123456789abcdef_bg.wasm"));
        assert!(is_hashed_asset("/app-0123456789abcdef.css"));
        assert!(is_hashed_asset("/yeyak-0123456789abcdef.js"));
        assert!(!is_hashed_asset("/config.json"));
        assert!(!is_hashed_asset("/robots.txt"));
        assert!(!is_hashed_asset("/favicon.svg"));
        assert!(!is_hashed_asset("/pre-booking.css"));
    }

    #[test]
    fn if_none_match_lists_and_weak_tags() {
        let ours = HeaderValue::from_static("\"abc-br\"");
        assert!(matches_etag(&HeaderValue::from_static("\"abc-br\""), &ours));
        assert!(matches_etag(
            &HeaderValue::from_static("\"x\", W/\"abc-br\""),
            &ours
        ));
        assert!(matches_etag(&HeaderValue::from_static("*"), &ours));
        assert!(!matches_etag(&HeaderValue::from_static("\"abc\""), &ours));
    }
}

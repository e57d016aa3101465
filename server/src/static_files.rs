//! Serving the built client as a phone should receive it: the `.br` or `.gz` file the build
//! wrote beside each asset when the request accepts it (`Vary: Accept-Encoding`), hashed assets
//! cached for a year, the page and its runtime config revalidated by `ETag` (a 304 costs a few
//! hundred bytes), a 404 for any file that does not exist, and `index.html` for client routes.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use sha2::{Digest, Sha256};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// Hashed assets never change under their name (the build names each file by its own bytes).
pub const IMMUTABLE: &str = "max-age=31536000, immutable";
/// The page and `config.json`: always asked again, answered with 304 while unchanged.
pub const REVALIDATE: &str = "no-cache";

/// The client's files under `/`, as a fallback router for everything the API does not serve.
/// `base` is the path the service is mounted under (`""` or `/vaccine`): the page and
/// `config.json` are then served rewritten to it (see [`Mount`]); the build stays untouched.
pub fn router(dist: &Path, base: &str, offline_shell: bool, demo: Option<DemoBanner>) -> Router {
    let site = Arc::new(Site {
        dist: dist.to_path_buf(),
        mount: Mount::new(base),
        demo,
    });
    let assets = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
        .fallback(tower::service_fn({
            let site = site.clone();
            move |request: Request| {
                let site = site.clone();
                async move { Ok::<_, std::convert::Infallible>(not_in_dist(&site, request).await) }
            }
        }));
    let serve = |name: &'static str| {
        let site = site.clone();
        move |request: Request| {
            let site = site.clone();
            async move { revalidated(&site, name, request).await }
        }
    };
    let mut router = Router::new();
    if !offline_shell {
        router = router.route("/sw.js", axum::routing::get(retired_worker));
    }
    router
        .route("/", axum::routing::get(serve("index.html")))
        .route("/index.html", axum::routing::get(serve("index.html")))
        .route("/config.json", axum::routing::get(serve("config.json")))
        .fallback_service(assets)
        .layer(axum::middleware::from_fn(asset_headers))
}

/// The built client, where it is mounted, and the demonstration's band if this is one.
struct Site {
    dist: PathBuf,
    mount: Mount,
    demo: Option<DemoBanner>,
}

/// On a demonstration server (`--demo on`), the band at the top of every page: what this is and
/// a birth date that books now. The server writes it into the page, before the app, so a real
/// deployment never shows it and the client carries none of its words or code.
#[derive(Clone)]
pub struct DemoBanner {
    /// The campaign, for the birth date that books now.
    pub campaign: crate::campaign::Campaign,
    /// The service's clock.
    pub clock: crate::clock::Clock,
}

impl DemoBanner {
    /// The band, in Korean with English beside it, inside its own landmark.
    pub fn html(&self) -> String {
        let (sample_ko, sample_en) = match self.campaign.sample_birth_date(self.clock.now()) {
            Some(birth) => (
                format!(" 오늘 예약할 수 있는 생년월일: <strong>{birth}</strong> (이름은 아무 한글 이름, 휴대폰은 010 번호)"),
                format!(" A birth date that books today: <strong>{birth}</strong> (any Korean name, an 010 mobile number)."),
            ),
            None => (String::new(), String::new()),
        };
        format!(
            "<aside class=\"yy-app yy-demo-ribbon\" aria-label=\"시연 안내 Demo\" id=\"yy-demo\"><p>시연용 · 연습용 화면으로, 실제 예약은 되지 않습니다.{sample_ko} <span lang=\"en\">Demo · A practice service: nothing here is a real booking.{sample_en}</span></p></aside>"
        )
    }

    /// The page with the band as the first thing in its body.
    fn insert(&self, page: Vec<u8>) -> Option<Vec<u8>> {
        let page = String::from_utf8(page).ok()?;
        let at = page.find("<body>")? + "<body>".len();
        Some(format!("{}{}{}", &page[..at], self.html(), &page[at..]).into_bytes())
    }
}

/// Where the service is mounted, and what that changes in the two files that name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    /// `""` at the root, `/vaccine` under a sub-path.
    base: String,
}

impl Mount {
    /// The mount at `base` (`""` or `/vaccine`, as `--base-path` gives it).
    pub fn new(base: &str) -> Self {
        Self {
            base: base.trim_end_matches('/').to_owned(),
        }
    }

    /// The file as served here: unchanged at the root; under a sub-path the page's
    /// `<base href>` and `config.json`'s `base_path` name the sub-path, and a root-relative
    /// `api_base_url` moves under it. `None` when the file cannot be rewritten.
    pub fn rewrite(&self, name: &str, bytes: Vec<u8>) -> Option<Vec<u8>> {
        if self.base.is_empty() {
            return Some(bytes);
        }
        match name {
            "index.html" => {
                let page = String::from_utf8(bytes).ok()?;
                let start = page.find("<base href=")?;
                let end = start + page[start..].find('>')?;
                let tag = format!("<base href=\"{}/\">", self.base);
                Some(format!("{}{tag}{}", &page[..start], &page[end + 1..]).into_bytes())
            }
            "config.json" => {
                let mut config: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
                let object = config.as_object_mut()?;
                object.insert("base_path".into(), format!("{}/", self.base).into());
                let api = object
                    .get("api_base_url")
                    .and_then(|v| v.as_str())
                    .map(str::to_owned);
                if let Some(api) = api.filter(|a| a.starts_with('/') && !a.starts_with("//")) {
                    if !api.starts_with(&format!("{}/", self.base)) {
                        object.insert("api_base_url".into(), format!("{}{api}", self.base).into());
                    }
                }
                serde_json::to_vec_pretty(&config).ok()
            }
            _ => Some(bytes),
        }
    }
}

/// The kill switch's worker (`--offline-shell=off`): it takes the place of the offline shell
/// at the browser's next check (every navigation), deletes what the shell kept, unregisters,
/// and reloads the pages it controlled so they come from the network again.
pub const RETIRED_WORKER: &str =
    "// The offline shell is switched off (--offline-shell=off): this worker removes it.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const prefix = `yeyak ${self.registration.scope} `;
    for (const name of await caches.keys()) {
      if (name.startsWith(prefix)) await caches.delete(name);
    }
    await self.registration.unregister();
    for (const client of await self.clients.matchAll({ type: 'window' })) {
      client.navigate(client.url).catch(() => {});
    }
  })());
});
";

async fn retired_worker() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/javascript"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static(REVALIDATE)),
        ],
        RETIRED_WORKER,
    )
        .into_response()
}

/// No file at this path: a client route (no file extension) gets the page, anything that names
/// a file (`/favicon.ico`, `/x.js`) is a plain 404, so a missing asset never arrives as HTML.
async fn not_in_dist(site: &Site, request: Request) -> Response {
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
    revalidated(site, "index.html", request).await
}

/// A small file that must be revalidated: served compressed like the rest, with a strong
/// `ETag` from its bytes and the encoding chosen, and 304 when the client already has it. At
/// the root the build's own `.br`/`.gz` are sent; under a sub-path the rewritten file is
/// compressed as it goes out.
async fn revalidated(site: &Site, name: &str, request: Request) -> Response {
    let path: PathBuf = site.dist.join(name);
    let Ok(bytes) = tokio::fs::read(&path).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let as_built = site.mount.base.is_empty() && (name != "index.html" || site.demo.is_none());
    let (bytes, mut response) = if as_built {
        let serve = ServeFile::new(&path)
            .precompressed_br()
            .precompressed_gzip();
        match serve.oneshot(request).await {
            Ok(response) => (bytes, response.map(axum::body::Body::new)),
            Err(never) => match never {},
        }
    } else {
        let rewritten = site
            .mount
            .rewrite(name, bytes)
            .and_then(|page| match (&site.demo, name) {
                (Some(demo), "index.html") => demo.insert(page),
                _ => Some(page),
            });
        let Some(rewritten) = rewritten else {
            tracing::error!(file = name, "cannot be served under the base path");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        };
        let response = compressed(name, &rewritten, request.headers());
        (rewritten, response)
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

/// `bytes` in the best encoding `headers` accept (brotli, then gzip, else as they are).
fn compressed(name: &str, bytes: &[u8], headers: &HeaderMap) -> Response {
    use std::io::Write;
    let accepts = |coding: &str| {
        headers
            .get_all(header::ACCEPT_ENCODING)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(|item| {
                let mut parts = item.split(';');
                let named = parts
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .eq_ignore_ascii_case(coding);
                let refused = parts.any(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.trim().parse::<f32>().ok())
                        .is_some_and(|q| q == 0.0)
                });
                named && !refused
            })
    };
    let (encoding, body) = if accepts("br") {
        let mut out = Vec::new();
        {
            let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 9, 22);
            let _ = writer.write_all(bytes);
        }
        (Some("br"), out)
    } else if accepts("gzip") {
        let mut writer = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let _ = writer.write_all(bytes);
        (Some("gzip"), writer.finish().unwrap_or_default())
    } else {
        (None, bytes.to_vec())
    };
    let kind = if name.ends_with(".html") {
        "text/html"
    } else {
        "application/json"
    };
    let mut response = (
        [(header::CONTENT_TYPE, HeaderValue::from_static(kind))],
        body,
    )
        .into_response();
    if let Some(encoding) = encoding {
        response
            .headers_mut()
            .insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    response
}

/// A strong validator: the file's digest plus the encoding, since each encoding is other bytes.
fn entity_tag(bytes: &[u8], encoding: &str) -> HeaderValue {
    let digest = Sha256::digest(bytes);
    // 64 bits tell one version of a small file from the next; more would be bytes on every answer.
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
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
    // Every file is small enough to fetch whole; range requests would only cost each answer
    // an `Accept-Ranges` line.
    headers.remove(header::ACCEPT_RANGES);
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
    fn under_a_sub_path_the_page_and_config_name_it_and_nothing_else_changes() {
        let page = b"<!doctype html><head><base href=/><title>x</title>".to_vec();
        let config = br#"{"api_base_url":"/api/v1","base_path":"/","helpline":"1339"}"#.to_vec();
        let root = Mount::new("");
        assert_eq!(root.rewrite("index.html", page.clone()), Some(page.clone()));
        assert_eq!(
            root.rewrite("config.json", config.clone()),
            Some(config.clone())
        );
        let sub = Mount::new("/vaccine");
        let served = String::from_utf8(sub.rewrite("index.html", page).unwrap()).unwrap();
        assert_eq!(
            served,
            "<!doctype html><head><base href=\"/vaccine/\"><title>x</title>"
        );
        let served: serde_json::Value =
            serde_json::from_slice(&sub.rewrite("config.json", config).unwrap()).unwrap();
        assert_eq!(served["base_path"], "/vaccine/");
        assert_eq!(served["api_base_url"], "/vaccine/api/v1");
        assert_eq!(served["helpline"], "1339");
        // An API elsewhere stays where it is.
        let elsewhere = br#"{"api_base_url":"https://api.example.kr/v1","base_path":"/"}"#;
        let served: serde_json::Value =
            serde_json::from_slice(&sub.rewrite("config.json", elsewhere.to_vec()).unwrap())
                .unwrap();
        assert_eq!(served["api_base_url"], "https://api.example.kr/v1");
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

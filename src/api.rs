//! The REST client: one typed function per endpoint, over the browser's `fetch`.
//!
//! Every call is aborted if its future is dropped (the page that wanted it went away), and
//! every failure arrives as one [`ApiError`] that knows what to tell the citizen.

pub mod error;

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yeyak_protocol::{
    AdmissionResponse, AvailabilityResponse, CampaignResponse, CentersResponse, LookupRequest,
    Problem, ProvidersResponse, QueueProgressResponse, QueueTicketResponse, RegionsResponse,
    ReservationResponse, ReserveRequest, StartVerificationRequest, VerificationResponse,
    PROBLEM_JSON,
};

pub use self::error::ApiError;
use crate::browser::timing::{learn_server_date, mono_ms, staleness_ms};

/// Where the API is; provided as context from the runtime config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Api {
    base: String,
}

/// How long a call may take before the client stops waiting and says so: a read, a write, and
/// the booking (which may queue behind others for a place).
pub const READ_TIMEOUT_MS: i32 = 15_000;
/// See [`READ_TIMEOUT_MS`].
pub const WRITE_TIMEOUT_MS: i32 = 20_000;
/// See [`READ_TIMEOUT_MS`].
pub const BOOKING_TIMEOUT_MS: i32 = 30_000;

/// Aborts the request when dropped (a finished request ignores it), or when its time is up.
struct AbortOnDrop {
    controller: Option<web_sys::AbortController>,
    timer: Option<i32>,
    timed_out: std::rc::Rc<std::cell::Cell<bool>>,
    _on_timeout: Option<wasm_bindgen::closure::Closure<dyn FnMut()>>,
}

impl AbortOnDrop {
    /// A controller whose signal aborts after `timeout_ms`.
    fn with_timeout(timeout_ms: i32) -> Self {
        let controller = web_sys::AbortController::new().ok();
        let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
        let on_timeout = controller.clone().map(|controller| {
            let timed_out = timed_out.clone();
            wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                timed_out.set(true);
                controller.abort();
            })
        });
        let timer = on_timeout.as_ref().and_then(|f| {
            web_sys::window()?
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    f.as_ref().unchecked_ref(),
                    timeout_ms,
                )
                .ok()
        });
        Self {
            controller,
            timer,
            timed_out,
            _on_timeout: on_timeout,
        }
    }

    /// The error for a failed fetch: a timeout if the timer fired, else the network.
    fn failure(&self) -> ApiError {
        if self.timed_out.get() {
            ApiError::Timeout
        } else {
            ApiError::Network
        }
    }
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let (Some(timer), Some(window)) = (self.timer, web_sys::window()) {
            window.clear_timeout_with_handle(timer);
        }
        if let Some(controller) = &self.controller {
            controller.abort();
        }
    }
}

/// The endpoint without ids or tokens, for the console line operators read (no personal data).
pub fn endpoint(path: &str) -> String {
    let path = path.split('?').next().unwrap_or_default();
    path.split('/')
        .map(|segment| {
            if segment.len() > 16 || segment.chars().any(|c| c.is_ascii_digit()) {
                "{id}"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

impl Api {
    /// An API at `base` (`/api/v1`, or an absolute URL).
    pub fn new(base: &str) -> Self {
        Self {
            base: base.trim_end_matches('/').to_owned(),
        }
    }

    async fn call<T: DeserializeOwned>(
        &self,
        method: &str,
        path: &str,
        body: Option<String>,
        bearer: Option<&str>,
        idempotency_key: Option<&str>,
    ) -> Result<T, ApiError> {
        let timeout = match (method, idempotency_key) {
            ("GET", _) => READ_TIMEOUT_MS,
            (_, Some(_)) => BOOKING_TIMEOUT_MS,
            _ => WRITE_TIMEOUT_MS,
        };
        let result = self
            .call_within(method, path, body, bearer, idempotency_key, timeout)
            .await;
        if let Err(err) = &result {
            web_sys::console::warn_1(
                &format!("yeyak: {method} {} failed: {err}", endpoint(path)).into(),
            );
        }
        result
    }

    async fn call_within<T: DeserializeOwned>(
        &self,
        method: &str,
        path: &str,
        body: Option<String>,
        bearer: Option<&str>,
        idempotency_key: Option<&str>,
        timeout_ms: i32,
    ) -> Result<T, ApiError> {
        let authorization = bearer.map(|token| format!("Bearer {token}"));
        let mut headers = Vec::with_capacity(2);
        if let Some(value) = &authorization {
            headers.push(("Authorization", value.as_str()));
        }
        if let Some(key) = idempotency_key {
            headers.push(("Idempotency-Key", key));
        }
        self.exchange(method, path, body, &headers, timeout_ms, false)
            .await?
            .decode()
    }

    /// Sends one request and reads the whole answer; only a network failure is an error here.
    /// `fresh` asks past every cache (the answer's `Date` is then the service's time).
    async fn exchange(
        &self,
        method: &str,
        path: &str,
        body: Option<String>,
        extra_headers: &[(&str, &str)],
        timeout_ms: i32,
        fresh: bool,
    ) -> Result<Answer, ApiError> {
        let network = |_| ApiError::Network;
        let window = web_sys::window().ok_or(ApiError::Network)?;
        let headers = web_sys::Headers::new().map_err(network)?;
        headers.set("Accept", "application/json").map_err(network)?;
        let init = web_sys::RequestInit::new();
        init.set_method(method);
        if let Some(body) = &body {
            headers
                .set("Content-Type", "application/json")
                .map_err(network)?;
            init.set_body(&wasm_bindgen::JsValue::from_str(body));
        }
        for (name, value) in extra_headers {
            headers.set(name, value).map_err(network)?;
        }
        init.set_headers(&headers);
        if fresh {
            init.set_cache(web_sys::RequestCache::NoStore);
        }
        let abort = AbortOnDrop::with_timeout(timeout_ms);
        if let Some(controller) = &abort.controller {
            init.set_signal(Some(&controller.signal()));
        }
        let url = format!("{}{path}", self.base);
        let request = web_sys::Request::new_with_str_and_init(&url, &init).map_err(network)?;
        let sent = mono_ms();
        let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
            .await
            .map_err(|_| abort.failure())?
            .dyn_into()
            .map_err(network)?;
        let header = |name: &str| response.headers().get(name).ok().flatten();
        if let Some(date) = header("date") {
            let staleness = if fresh {
                0.0
            } else {
                staleness_ms(header("cache-control").as_deref())
            };
            learn_server_date(&date, sent, mono_ms(), staleness);
        }
        let status = response.status();
        let is_problem = header("content-type").is_some_and(|t| t.starts_with(PROBLEM_JSON));
        let retry_after_ms = header("retry-after")
            .and_then(|s| s.trim().parse::<u64>().ok())
            .map(|s| s * 1000);
        let etag = header("etag");
        let text = JsFuture::from(response.text().map_err(network)?)
            .await
            .map_err(|_| abort.failure())?
            .as_string()
            .unwrap_or_default();
        drop(abort);
        Ok(Answer {
            status,
            is_problem,
            retry_after_ms,
            etag,
            text,
        })
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        self.call("GET", path, None, None, None).await
    }

    fn json<B: Serialize>(body: &B) -> Option<String> {
        serde_json::to_string(body).ok()
    }

    /// `GET /campaign`.
    pub async fn campaign(&self) -> Result<CampaignResponse, ApiError> {
        self.get("/campaign").await
    }

    /// Learns the service's time from an answer no cache kept (`GET /campaign`, past the
    /// caches): for a page that compares with the service's clock and made no request of its
    /// own, such as the lock page opened again.
    pub async fn learn_service_time(&self) -> Result<(), ApiError> {
        self.exchange("GET", "/campaign", None, &[], READ_TIMEOUT_MS, true)
            .await
            .map(drop)
    }

    /// `GET /providers`, conditional on the ETag of the lights the client already shows.
    pub async fn providers(
        &self,
        etag: Option<&str>,
    ) -> Result<Fresh<ProvidersResponse>, ApiError> {
        let condition: Vec<(&str, &str)> = etag.map(|e| ("If-None-Match", e)).into_iter().collect();
        let answer = self
            .exchange(
                "GET",
                "/providers",
                None,
                &condition,
                READ_TIMEOUT_MS,
                false,
            )
            .await?;
        if answer.status == 304 {
            return Ok(Fresh::Unchanged);
        }
        let etag = answer.etag.clone();
        answer.decode().map(|value| Fresh::Changed(value, etag))
    }

    /// `POST /auth/sessions`.
    pub async fn start_verification(
        &self,
        request: &StartVerificationRequest,
    ) -> Result<VerificationResponse, ApiError> {
        self.call("POST", "/auth/sessions", Self::json(request), None, None)
            .await
    }

    /// `GET /auth/sessions/{id}`.
    pub async fn verification(&self, id: &str) -> Result<VerificationResponse, ApiError> {
        self.get(&format!("/auth/sessions/{id}")).await
    }

    /// `DELETE /auth/sessions/{id}`.
    pub async fn cancel_verification(&self, id: &str) -> Result<(), ApiError> {
        self.call("DELETE", &format!("/auth/sessions/{id}"), None, None, None)
            .await
    }

    /// `POST /queue/tickets` with the verification token.
    pub async fn join_queue(&self, token: &str) -> Result<QueueTicketResponse, ApiError> {
        self.call("POST", "/queue/tickets", None, Some(token), None)
            .await
    }

    /// `GET /queue/progress`.
    pub async fn progress(&self) -> Result<QueueProgressResponse, ApiError> {
        self.get("/queue/progress").await
    }

    /// `POST /queue/tickets/{ticket}/admission`.
    pub async fn redeem(&self, ticket: &str) -> Result<AdmissionResponse, ApiError> {
        self.call(
            "POST",
            &format!("/queue/tickets/{ticket}/admission"),
            None,
            None,
            None,
        )
        .await
    }

    /// `DELETE /queue/tickets/{ticket}`.
    pub async fn leave_queue(&self, ticket: &str) -> Result<(), ApiError> {
        self.call(
            "DELETE",
            &format!("/queue/tickets/{ticket}"),
            None,
            None,
            None,
        )
        .await
    }

    /// `POST /admission/extend`.
    pub async fn extend(&self, admission: &str) -> Result<AdmissionResponse, ApiError> {
        self.call("POST", "/admission/extend", None, Some(admission), None)
            .await
    }

    /// `GET /regions`.
    pub async fn regions(&self) -> Result<RegionsResponse, ApiError> {
        self.get("/regions").await
    }

    /// `GET /centers?district=`.
    pub async fn centers(&self, district: &str) -> Result<CentersResponse, ApiError> {
        self.get(&format!("/centers?district={district}")).await
    }

    /// `GET /centers/{id}/availability`.
    pub async fn availability(&self, center: i64) -> Result<AvailabilityResponse, ApiError> {
        self.get(&format!("/centers/{center}/availability")).await
    }

    /// `POST /reservations`, with the key made once per confirm and reused for its retries.
    pub async fn reserve(
        &self,
        admission: &str,
        key: &str,
        slot_id: i64,
    ) -> Result<ReservationResponse, ApiError> {
        let body = Self::json(&ReserveRequest { slot_id });
        self.call("POST", "/reservations", body, Some(admission), Some(key))
            .await
    }

    /// `POST /reservations/lookup`.
    pub async fn lookup(&self, request: &LookupRequest) -> Result<ReservationResponse, ApiError> {
        self.call(
            "POST",
            "/reservations/lookup",
            Self::json(request),
            None,
            None,
        )
        .await
    }

    /// `PUT /reservations/{number}` with the manage token: move to another slot.
    pub async fn change(
        &self,
        number: &str,
        manage_token: &str,
        slot_id: i64,
    ) -> Result<ReservationResponse, ApiError> {
        let body = Self::json(&ReserveRequest { slot_id });
        self.call(
            "PUT",
            &format!("/reservations/{number}"),
            body,
            Some(manage_token),
            None,
        )
        .await
    }

    /// `DELETE /reservations/{number}` with the manage token.
    pub async fn cancel(
        &self,
        number: &str,
        manage_token: &str,
    ) -> Result<ReservationResponse, ApiError> {
        self.call(
            "DELETE",
            &format!("/reservations/{number}"),
            None,
            Some(manage_token),
            None,
        )
        .await
    }

    // The operator's calls (`/operator`, issue #14): the bearer is the operator token. Only the
    // operator page calls them, so they are in its chunk, not in the first load.

    /// `GET /providers` past every cache: the operator sees the lights as they are now.
    pub async fn operator_lights(&self) -> Result<ProvidersResponse, ApiError> {
        self.exchange("GET", "/providers", None, &[], READ_TIMEOUT_MS, true)
            .await?
            .decode()
    }

    /// `GET /admin/stats`.
    pub async fn admin_stats(
        &self,
        token: &str,
    ) -> Result<yeyak_protocol::AdminStatsResponse, ApiError> {
        self.call("GET", "/admin/stats", None, Some(token), None)
            .await
    }

    /// `PUT /admin/providers/{id}`: force a provider's light (with a reason), or clear the
    /// override with `status: None`. Answers with every light as it now is.
    pub async fn admin_provider(
        &self,
        token: &str,
        id: &str,
        request: &yeyak_protocol::AdminProviderRequest,
    ) -> Result<ProvidersResponse, ApiError> {
        self.call(
            "PUT",
            &format!("/admin/providers/{id}"),
            Self::json(request),
            Some(token),
            None,
        )
        .await
    }

    /// `POST /admin/queue`: the admission rate, pause or resume.
    pub async fn admin_queue(
        &self,
        token: &str,
        request: &yeyak_protocol::AdminQueueRequest,
    ) -> Result<QueueProgressResponse, ApiError> {
        self.call(
            "POST",
            "/admin/queue",
            Self::json(request),
            Some(token),
            None,
        )
        .await
    }
}

/// A whole answer, before it is read as a value or a problem.
struct Answer {
    status: u16,
    is_problem: bool,
    retry_after_ms: Option<u64>,
    etag: Option<String>,
    text: String,
}

impl Answer {
    fn decode<T: DeserializeOwned>(self) -> Result<T, ApiError> {
        if (200..300).contains(&self.status) {
            // A 204 has no body: read it as `null`, which `()` accepts.
            let text = if self.text.trim().is_empty() {
                "null"
            } else {
                self.text.as_str()
            };
            return serde_json::from_str(text).map_err(|e| ApiError::Decode(e.to_string()));
        }
        if self.is_problem {
            if let Ok(mut problem) = serde_json::from_str::<Problem>(&self.text) {
                if problem.retry_after_ms.is_none() {
                    problem.retry_after_ms = self.retry_after_ms;
                }
                return Err(ApiError::Problem(Box::new(problem)));
            }
        }
        Err(ApiError::Http {
            status: self.status,
            retry_after_ms: self.retry_after_ms,
        })
    }
}

/// A cacheable resource asked for with `If-None-Match`.
#[derive(Debug, Clone, PartialEq)]
pub enum Fresh<T> {
    /// It changed (or was asked for the first time): the new value and its ETag.
    Changed(T, Option<String>),
    /// `304 Not Modified`: what the client has is current.
    Unchanged,
}

/// A fresh random id (`crypto.randomUUID`), for idempotency keys and the device id.
pub fn random_id() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("{:x}", (js_sys::Math::random() * 1e16) as u64))
}

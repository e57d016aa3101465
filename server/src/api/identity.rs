//! Identity providers (simulated here), their status lights, and verification sessions.
//!
//! A simulated provider approves after a delay that grows with its load (sessions waiting on
//! it), and rejects a configurable share. The multi-device rule: while a person's verification
//! from one device is less than 10 minutes old, any other device gets 423 until then.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Duration;
use rand::Rng;
use yeyak_protocol::{
    Problem, ProviderInfo, ProviderStatus, ProvidersResponse, StartVerificationRequest,
    VerificationResponse, VerificationStatus,
};

use super::{from_ms, ms};
use crate::args;
use crate::campaign::Refusal;
use crate::clock::rfc3339;
use crate::db::{DbError, Tx};
use crate::extract::{ApiJson, ApiPath};
use crate::problem::ApiProblem;
use crate::{tokens, validate, AppState};

/// A simulated provider: who it is, how fast it is unloaded, how much it takes.
pub struct ProviderDef {
    /// Stable id.
    pub id: &'static str,
    /// Korean name.
    pub name_ko: &'static str,
    /// English name.
    pub name_en: &'static str,
    /// Approval delay with no load.
    pub base_delay_ms: u32,
    /// Pending sessions at which it is fully loaded.
    pub capacity: u32,
}

/// The providers of DESIGN.md, in display order.
pub const PROVIDERS: &[ProviderDef] = &[
    ProviderDef {
        id: "kakao",
        name_ko: "카카오",
        name_en: "Kakao",
        base_delay_ms: 1_500,
        capacity: 400,
    },
    ProviderDef {
        id: "naver",
        name_ko: "네이버",
        name_en: "Naver",
        base_delay_ms: 2_000,
        capacity: 300,
    },
    ProviderDef {
        id: "pass",
        name_ko: "PASS",
        name_en: "PASS",
        base_delay_ms: 2_500,
        capacity: 300,
    },
    ProviderDef {
        id: "toss",
        name_ko: "토스",
        name_en: "Toss",
        base_delay_ms: 1_500,
        capacity: 250,
    },
    ProviderDef {
        id: "phone",
        name_ko: "휴대폰 본인확인",
        name_en: "Mobile phone",
        base_delay_ms: 3_000,
        capacity: 500,
    },
    ProviderDef {
        id: "ipin",
        name_ko: "아이핀",
        name_en: "i-PIN",
        base_delay_ms: 4_000,
        capacity: 100,
    },
    ProviderDef {
        id: "joint_cert",
        name_ko: "공동인증서",
        name_en: "Joint certificate",
        base_delay_ms: 5_000,
        capacity: 200,
    },
    ProviderDef {
        id: "financial_cert",
        name_ko: "금융인증서",
        name_en: "Financial certificate",
        base_delay_ms: 3_500,
        capacity: 200,
    },
];

/// How long a device keeps others out, and how long an approval may wait to be collected.
const DEVICE_LOCK_MINUTES: i64 = 10;
/// How long the verification token lets the person join the queue.
const TOKEN_MINUTES: i64 = 30;

fn provider(id: &str) -> Option<&'static ProviderDef> {
    PROVIDERS.iter().find(|p| p.id == id)
}

/// A provider's light and the load it was computed from (pending sessions / capacity).
struct Light {
    info: ProviderInfo,
    load: f64,
}

/// Each provider's light from its live load, unless an operator override says otherwise.
fn lights(tx: &mut Tx, now_ms: i64, delay_scale: f64) -> Result<Vec<Light>, DbError> {
    let mut pending: HashMap<String, u32> = HashMap::new();
    for row in tx.query(
        "SELECT provider, count(*) FROM auth_sessions
         WHERE approve_at > $1 AND cancelled = 0 GROUP BY provider",
        args![now_ms],
    )? {
        let (id, count): (String, u32) = row.tuple()?;
        pending.insert(id, count);
    }
    let mut overrides: HashMap<String, (String, Option<String>)> = HashMap::new();
    for row in tx.query(
        "SELECT provider, status, reason FROM provider_overrides",
        &[],
    )? {
        let (id, status, reason): (String, String, Option<String>) = row.tuple()?;
        overrides.insert(id, (status, reason));
    }
    Ok(PROVIDERS
        .iter()
        .map(|def| {
            let load =
                f64::from(pending.get(def.id).copied().unwrap_or(0)) / f64::from(def.capacity);
            let computed = if load < 0.5 {
                ProviderStatus::Smooth
            } else if load < 0.85 {
                ProviderStatus::Delayed
            } else {
                ProviderStatus::Congested
            };
            let (status, reason) = match overrides.get(def.id) {
                Some((status, reason)) => {
                    (parse_status(status).unwrap_or(computed), reason.clone())
                }
                None => (computed, None),
            };
            let info = ProviderInfo {
                id: def.id.into(),
                name_ko: def.name_ko.into(),
                name_en: def.name_en.into(),
                status,
                estimated_wait_seconds: (delay_ms(def, load, delay_scale) / 1000.0).ceil() as u32,
                reason,
            };
            Light { info, load }
        })
        .collect())
}

fn delay_ms(def: &ProviderDef, load: f64, scale: f64) -> f64 {
    f64::from(def.base_delay_ms) * (1.0 + 4.0 * load.min(2.0)) * scale
}

/// Reads a stored status name.
pub fn parse_status(text: &str) -> Option<ProviderStatus> {
    serde_json::from_value(serde_json::Value::String(text.into())).ok()
}

/// The lights as the chooser shows them (also used by the operator endpoint).
pub async fn current_lights(state: &AppState) -> Result<ProvidersResponse, ApiProblem> {
    let now = state.clock.now();
    let scale = state.settings.auth_delay_scale;
    let providers = state
        .db
        .run(move |tx| {
            let lights = lights(tx, ms(now), scale)?;
            Ok::<_, ApiProblem>(lights.into_iter().map(|l| l.info).collect())
        })
        .await?;
    Ok(ProvidersResponse {
        providers,
        updated_at: rfc3339(now),
        poll_after_ms: 10_000,
    })
}

/// Status lights: one small cacheable response; `If-None-Match` gets a 304 while they hold.
#[utoipa::path(get, path = "/providers", tag = "identity",
    responses((status = 200, body = ProvidersResponse), (status = 304, description = "Lights unchanged")))]
pub async fn list_providers(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiProblem> {
    let body = current_lights(&state).await?;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for p in &body.providers {
        (
            &p.id,
            p.status.as_str(),
            p.estimated_wait_seconds,
            &p.reason,
        )
            .hash(&mut hasher);
    }
    let etag = format!("\"{:016x}\"", hasher.finish());
    let cache = [
        (header::CACHE_CONTROL, "public, max-age=2".to_owned()),
        (header::ETAG, etag.clone()),
    ];
    let unchanged = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    if unchanged {
        return Ok((StatusCode::NOT_MODIFIED, cache).into_response());
    }
    Ok((cache, Json(body)).into_response())
}

/// Starts a verification. Refuses people outside the cohort or the window (403), on another
/// digit's day (403, with their dates), and a second device within 10 minutes (423).
#[utoipa::path(post, path = "/auth/sessions", tag = "identity",
    request_body = StartVerificationRequest,
    responses(
        (status = 201, body = VerificationResponse),
        (status = 403, body = Problem, description = "not_in_cohort, outside_window (opens_at), not_your_day (your_dates)"),
        (status = 409, body = Problem, description = "provider_unavailable"),
        (status = 422, body = Problem, description = "invalid_field"),
        (status = 423, body = Problem, description = "device_locked (locked_until)")))]
pub async fn start_verification(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<StartVerificationRequest>,
) -> Result<(StatusCode, Json<VerificationResponse>), ApiProblem> {
    let now = state.clock.now();
    let def = provider(&request.provider)
        .ok_or_else(|| ApiProblem::invalid_field("provider", "is not a known provider"))?;
    let name = validate::name(&request.name)?;
    let birth_date = validate::birth_date(&request.birth_date, now.date_naive())?;
    let phone = validate::phone(&request.phone)?;
    let device_id = validate::device_id(&request.device_id)?;
    state
        .settings
        .campaign
        .check(birth_date, now)
        .map_err(refusal_problem)?;

    let settings = state.settings.clone();
    let response = state
        .db
        .run(move |tx| {
            let now_ms = ms(now);
            let Light { info: light, load } = lights(tx, now_ms, settings.auth_delay_scale)?
                .into_iter()
                .find(|l| l.info.id == def.id)
                .expect("every provider has a light");
            if light.status == ProviderStatus::Unavailable {
                let why = light.reason.unwrap_or_else(|| "temporarily unavailable".into());
                return Err(ApiProblem::new(409, "provider_unavailable", "Provider unavailable", why));
            }
            tx.execute(
                "INSERT INTO people (name, birth_date, phone) VALUES ($1, $2, $3)
                 ON CONFLICT (name, birth_date, phone) DO NOTHING",
                args![name, birth_date.to_string(), phone],
            )?;
            // The person's row is held to the end: two devices verifying at once on two
            // instances take turns, and the second sees the first's session.
            let person_id: i64 = tx.value(
                "SELECT id FROM people WHERE name = $1 AND birth_date = $2 AND phone = $3 FOR UPDATE",
                args![name, birth_date.to_string(), phone],
            )?;
            let lock_start = now_ms - Duration::minutes(DEVICE_LOCK_MINUTES).num_milliseconds();
            let first: Option<(String, i64)> = tx.find(
                "SELECT device_id, created_at FROM auth_sessions
                 WHERE person_id = $1 AND created_at > $2 AND cancelled = 0
                 ORDER BY created_at LIMIT 1",
                args![person_id, lock_start],
            )?;
            if let Some((first_device, since)) = first {
                if first_device != device_id {
                    let until = from_ms(since) + Duration::minutes(DEVICE_LOCK_MINUTES);
                    let mut problem = ApiProblem::new(
                        423,
                        "device_locked",
                        "Verified on another device",
                        "this person is verifying on another device; other devices wait 10 minutes",
                    );
                    problem.0.locked_until = Some(rfc3339(until));
                    return Err(problem.retry_after_ms((until - now).num_milliseconds().max(0) as u64));
                }
            }
            let delay = delay_ms(def, load, settings.auth_delay_scale) as i64;
            let rejected = rand::thread_rng().gen_bool(settings.auth_failure_rate);
            let id = tokens::random_token(16);
            tx.execute(
                "INSERT INTO auth_sessions (id, person_id, provider, device_id, created_at, approve_at, rejected)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
                args![id, person_id, def.id, device_id, now_ms, now_ms + delay, rejected],
            )?;
            let (view, issued) = session_view(tx, &id, now_ms)?
                .ok_or_else(|| ApiProblem::not_found("the new session vanished"))?;
            Ok((view, rejected, issued))
        })
        .await;
    let (response, rejected, issued) = match response {
        Ok(answer) => answer,
        Err(problem) => {
            if let Some(outcome) = crate::metrics::OUTCOMES
                .iter()
                .find(|o| **o == problem.0.code.as_str())
            {
                crate::metrics::verification(def.id, outcome);
            }
            return Err(problem);
        }
    };
    crate::metrics::verification(def.id, "started");
    if rejected {
        crate::metrics::verification(def.id, "rejected");
    }
    if issued {
        crate::metrics::verification(def.id, "approved");
    }
    Ok((StatusCode::CREATED, Json(response)))
}

/// The campaign's refusal as the problem the client shows.
pub fn refusal_problem(refusal: Refusal) -> ApiProblem {
    match refusal {
        Refusal::NotInCohort => ApiProblem::new(
            403,
            "not_in_cohort",
            "Not in this campaign's cohort",
            "this campaign books people born in other years",
        ),
        Refusal::OutsideWindow(opens) => {
            let mut problem = ApiProblem::new(
                403,
                "outside_window",
                "Booking is closed now",
                match opens {
                    Some(_) => "booking opens again at opens_at",
                    None => "the campaign's booking days are over",
                },
            );
            problem.0.opens_at = opens.map(rfc3339);
            problem
        }
        Refusal::NotYourDay(days) => {
            let mut problem = ApiProblem::new(
                403,
                "not_your_day",
                "Not your booking day",
                "today is for birth dates ending in another digit; see your_dates",
            );
            problem.0.your_dates = Some(days.iter().map(|d| d.to_string()).collect());
            problem
        }
    }
}

/// The session as the person sees it; issues the token on the first look after approval (and
/// then says so: `true`).
fn session_view(
    tx: &mut Tx,
    id: &str,
    now_ms: i64,
) -> Result<Option<(VerificationResponse, bool)>, ApiProblem> {
    type Row = (String, i64, bool, bool, Option<String>, Option<i64>);
    let row: Option<Row> = tx.find(
        "SELECT provider, approve_at, rejected, cancelled, token, token_expires_at
         FROM auth_sessions WHERE id = $1 FOR UPDATE",
        args![id],
    )?;
    let Some((provider, approve_at, rejected, cancelled, token, token_expires_at)) = row else {
        return Ok(None);
    };
    let mut view = VerificationResponse {
        session_id: id.to_owned(),
        status: VerificationStatus::Pending,
        provider,
        poll_after_ms: None,
        token: None,
        token_expires_at: None,
        reason: None,
    };
    let collect_by = approve_at + Duration::minutes(DEVICE_LOCK_MINUTES).num_milliseconds();
    let mut issued = false;
    if cancelled {
        view.status = VerificationStatus::Rejected;
        view.reason = Some("cancelled".into());
    } else if now_ms < approve_at {
        view.poll_after_ms = Some((approve_at - now_ms).clamp(300, 2_000) as u32);
    } else if rejected {
        view.status = VerificationStatus::Rejected;
        view.reason = Some("provider_declined".into());
    } else {
        match (token, token_expires_at) {
            (Some(token), Some(expires)) if expires > now_ms => {
                view.status = VerificationStatus::Approved;
                view.token = Some(token);
                view.token_expires_at = Some(rfc3339(from_ms(expires)));
            }
            (None, _) if now_ms <= collect_by => {
                let token = tokens::random_token(24);
                let expires = now_ms + Duration::minutes(TOKEN_MINUTES).num_milliseconds();
                tx.execute(
                    "UPDATE auth_sessions SET token = $1, token_expires_at = $2 WHERE id = $3",
                    args![token, expires, id],
                )?;
                view.status = VerificationStatus::Approved;
                view.token = Some(token);
                view.token_expires_at = Some(rfc3339(from_ms(expires)));
                issued = true;
            }
            _ => view.status = VerificationStatus::Expired,
        }
    }
    Ok(Some((view, issued)))
}

/// Polls a verification until approved (with the bearer token), rejected or expired.
#[utoipa::path(get, path = "/auth/sessions/{id}", tag = "identity",
    params(("id" = String, Path, description = "Session id")),
    responses((status = 200, body = VerificationResponse), (status = 404, body = Problem)))]
pub async fn get_verification(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<VerificationResponse>, ApiProblem> {
    let now_ms = ms(state.clock.now());
    let (view, issued) = state
        .db
        .run(move |tx| {
            session_view(tx, &id, now_ms)?
                .ok_or_else(|| ApiProblem::not_found("no such verification"))
        })
        .await?;
    if issued {
        crate::metrics::verification(&view.provider, "approved");
    }
    Ok(Json(view))
}

/// Cancels a pending verification (the person switches provider or gives up).
#[utoipa::path(delete, path = "/auth/sessions/{id}", tag = "identity",
    params(("id" = String, Path, description = "Session id")),
    responses((status = 204, description = "Cancelled"), (status = 404, body = Problem)))]
pub async fn cancel_verification(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> Result<StatusCode, ApiProblem> {
    let changed = state
        .db
        .run(move |tx| {
            tx.execute(
                "UPDATE auth_sessions SET cancelled = 1 WHERE id = $1 AND token IS NULL",
                args![id],
            )
            .map_err(ApiProblem::from)
        })
        .await?;
    if changed == 0 {
        return Err(ApiProblem::not_found(
            "no pending verification with that id",
        ));
    }
    Ok(StatusCode::NO_CONTENT)
}

/// The person a verification token belongs to, or 401.
pub fn person_for_token(tx: &mut Tx, token: &str, now_ms: i64) -> Result<i64, ApiProblem> {
    tx.find_value(
        "SELECT person_id FROM auth_sessions WHERE token = $1 AND token_expires_at > $2",
        args![token, now_ms],
    )?
    .ok_or_else(|| ApiProblem::unauthorized("the verification token"))
}

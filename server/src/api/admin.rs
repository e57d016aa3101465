//! Operator endpoints, behind the operator token: admission rate and pause, provider lights,
//! stats. Without a configured token they do not exist (404).

use axum::extract::State;
use axum::Json;
use yeyak_protocol::{
    AdminProviderRequest, AdminQueueRequest, AdminStatsResponse, Problem, ProvidersResponse,
    QueueProgressResponse,
};

use super::identity::{current_lights, PROVIDERS};
use super::ms;
use super::queue::{advance, progress_response};
use crate::args;
use crate::extract::{ApiJson, ApiPath, Bearer};
use crate::problem::ApiProblem;
use crate::AppState;

/// The operator token's check, shared by the operator API and `/metrics`: 404 while no token
/// is configured, 401 without one, 403 for a wrong one.
pub(crate) fn authorize(state: &AppState, bearer: Bearer) -> Result<(), ApiProblem> {
    let Some(expected) = state.settings.admin_token.as_deref() else {
        return Err(ApiProblem::not_found("the operator API is not enabled"));
    };
    let given = bearer.require("the operator token")?;
    // Compare in constant time: the token guards the whole campaign.
    let same = given.len() == expected.len()
        && given
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if same {
        Ok(())
    } else {
        Err(ApiProblem::new(
            403,
            "forbidden",
            "Forbidden",
            "the operator token is wrong",
        ))
    }
}

/// Sets the admission rate and pauses or resumes the queue.
#[utoipa::path(post, path = "/admin/queue", tag = "admin",
    security(("bearer" = [])),
    request_body = AdminQueueRequest,
    responses((status = 200, body = QueueProgressResponse), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn set_queue(
    State(state): State<AppState>,
    bearer: Bearer,
    ApiJson(request): ApiJson<AdminQueueRequest>,
) -> Result<Json<QueueProgressResponse>, ApiProblem> {
    authorize(&state, bearer)?;
    if request
        .admissions_per_minute
        .is_some_and(|r| r > crate::contract::MAX_ADMISSIONS_PER_MINUTE)
    {
        return Err(ApiProblem::invalid_field(
            "admissions_per_minute",
            "is above 10,000,000",
        ));
    }
    let now_ms = ms(state.clock.now());
    state
        .db
        .run(move |tx| {
            // Admissions due at the old rate are counted before the new one applies.
            advance(tx, now_ms)?;
            if let Some(rate) = request.admissions_per_minute {
                tx.execute("UPDATE queue_state SET rate = $1 WHERE id = 1", args![rate])?;
            }
            if let Some(paused) = request.paused {
                tx.execute(
                    "UPDATE queue_state SET paused = $1 WHERE id = 1",
                    args![paused],
                )?;
            }
            let queue = advance(tx, now_ms)?;
            Ok(Json(progress_response(queue, now_ms)))
        })
        .await
}

/// Forces a provider's light (with a reason), or clears the override with `status: null`.
#[utoipa::path(put, path = "/admin/providers/{id}", tag = "admin",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Provider id")),
    request_body = AdminProviderRequest,
    responses((status = 200, body = ProvidersResponse), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn override_provider(
    State(state): State<AppState>,
    bearer: Bearer,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<AdminProviderRequest>,
) -> Result<Json<ProvidersResponse>, ApiProblem> {
    authorize(&state, bearer)?;
    if !PROVIDERS.iter().any(|p| p.id == id) {
        return Err(ApiProblem::not_found(format!("no provider {id}")));
    }
    if request
        .reason
        .as_ref()
        .is_some_and(|r| r.chars().count() > 200)
    {
        return Err(ApiProblem::invalid_field(
            "reason",
            "is longer than 200 characters",
        ));
    }
    state
        .db
        .run(move |tx| {
            match request.status {
                Some(status) => tx.execute(
                    "INSERT INTO provider_overrides (provider, status, reason) VALUES ($1, $2, $3)
                     ON CONFLICT (provider) DO UPDATE SET status = excluded.status, reason = excluded.reason",
                    args![id, status.as_str(), request.reason],
                )?,
                None => tx.execute("DELETE FROM provider_overrides WHERE provider = $1", args![id])?,
            };
            Ok::<_, ApiProblem>(())
        })
        .await?;
    current_lights(&state).await.map(Json)
}

/// Counts for the operator's dashboard.
#[utoipa::path(get, path = "/admin/stats", tag = "admin",
    security(("bearer" = [])),
    responses((status = 200, body = AdminStatsResponse), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn stats(
    State(state): State<AppState>,
    bearer: Bearer,
) -> Result<Json<AdminStatsResponse>, ApiProblem> {
    authorize(&state, bearer)?;
    let now_ms = ms(state.clock.now());
    state
        .db
        .run(move |tx| {
            let queue = advance(tx, now_ms)?;
            let mut count = |sql: &str| tx.value::<u64>(sql, &[]);
            let response = AdminStatsResponse {
                tickets: count("SELECT count(*) FROM tickets")?,
                tickets_left: count("SELECT count(*) FROM tickets WHERE left_at IS NOT NULL")?,
                admissions: count("SELECT count(*) FROM admissions")?,
                reservations_active: count(
                    "SELECT count(*) FROM reservations WHERE status = 'active'",
                )?,
                reservations_cancelled: count(
                    "SELECT count(*) FROM reservations WHERE status = 'cancelled'",
                )?,
                progress: progress_response(queue, now_ms),
            };
            Ok(Json(response))
        })
        .await
}

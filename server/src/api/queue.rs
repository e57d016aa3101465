//! The waiting room: one signed ticket per person, shared progress, admission, leaving.
//!
//! The served number advances lazily at the operator's rate whenever anyone asks; it skips
//! tickets whose holders left, so the admission rate counts people, not numbers. Each served
//! ticket records when it came up; it can be redeemed within a grace period after that.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use chrono::Duration;
use yeyak_protocol::{AdmissionResponse, Problem, QueueProgressResponse, QueueTicketResponse};

use super::checks::{hold_person, open_admission, refuse_if_reserved};
use super::identity::person_for_token;
use super::{from_ms, ms};
use crate::args;
use crate::clock::rfc3339;
use crate::db::{DbError, Tx};
use crate::extract::{ApiPath, Bearer};
use crate::problem::ApiProblem;
use crate::tokens::{self, TicketClaims};
use crate::AppState;

/// Minutes a ticket stays redeemable after its number comes up.
pub const GRACE_MINUTES: i64 = 10;
/// Minutes of booking time an admission gives, and each extension renews.
pub const BOOKING_MINUTES: i64 = 10;
/// How many times the booking window can be extended.
pub const MAX_EXTENSIONS: u32 = 3;

/// The queue's numbers after advancing to now.
#[derive(Debug, Clone, Copy)]
pub struct QueueState {
    /// Highest served sequence.
    pub served: u64,
    /// Highest issued sequence.
    pub tail: u64,
    /// Admissions per minute.
    pub rate: u32,
    /// Paused by the operator.
    pub paused: bool,
}

/// Moves the served number forward by the admissions due since the last advance.
///
/// The state row is locked for the rest of the transaction (`FOR UPDATE`): with several
/// instances on one PostgreSQL, one advances at a time and the next starts from its result,
/// so no admission is counted twice and none is lost.
pub fn advance(tx: &mut Tx, now_ms: i64) -> Result<QueueState, DbError> {
    let (served, rate, paused, advanced_at, credit): (i64, i64, bool, i64, i64) = tx.fetch(
        "SELECT served, rate, paused, advanced_at, credit_ms FROM queue_state WHERE id = 1 FOR UPDATE",
        &[],
    )?;
    let tail: i64 = tx.value("SELECT coalesce(max(seq), 0) FROM tickets", &[])?;
    let elapsed = (now_ms - advanced_at).max(0);
    let mut new_served = served;
    let mut new_credit = 0;
    if !paused && elapsed > 0 {
        // credit is in person-milliseconds: rate people per 60,000 ms.
        let total = credit + elapsed.saturating_mul(rate);
        let due = total / 60_000;
        new_credit = total % 60_000;
        if due > 0 && served < tail {
            new_served = tx
                .find_value(
                    "SELECT seq FROM tickets WHERE seq > $1 AND left_at IS NULL
                     ORDER BY seq LIMIT 1 OFFSET $2",
                    args![served, due - 1],
                )?
                .unwrap_or(tail);
            tx.execute(
                "UPDATE tickets SET served_at = $1 WHERE seq > $2 AND seq <= $3 AND served_at IS NULL",
                args![now_ms, served, new_served],
            )?;
        }
        if served >= tail {
            // Nobody waiting: admissions cannot be banked for people who are not here yet.
            new_credit = 0;
        }
    }
    if elapsed > 0 {
        tx.execute(
            "UPDATE queue_state SET served = $1, advanced_at = $2, credit_ms = $3 WHERE id = 1",
            args![new_served, now_ms, new_credit],
        )?;
    }
    crate::metrics::queue(new_served as u64, tail as u64, rate as u32, paused);
    Ok(QueueState {
        served: new_served as u64,
        tail: tail as u64,
        rate: rate as u32,
        paused,
    })
}

/// The shared progress response for a state.
pub fn progress_response(state: QueueState, now_ms: i64) -> QueueProgressResponse {
    QueueProgressResponse {
        served: state.served,
        tail: state.tail,
        admissions_per_minute: state.rate,
        paused: state.paused,
        poll_after_ms: if state.paused { 5_000 } else { 2_000 },
        updated_at: rfc3339(from_ms(now_ms)),
    }
}

/// Joins the line with the verification token; asking again returns the same ticket.
#[utoipa::path(post, path = "/queue/tickets", tag = "queue",
    security(("bearer" = [])),
    responses(
        (status = 201, body = QueueTicketResponse, description = "A new ticket"),
        (status = 200, body = QueueTicketResponse, description = "The person's existing ticket"),
        (status = 401, body = Problem),
        (status = 409, body = Problem, description = "already_reserved")))]
pub async fn join_queue(
    State(state): State<AppState>,
    bearer: Bearer,
) -> Result<(StatusCode, Json<QueueTicketResponse>), ApiProblem> {
    let token = bearer.require("the verification token")?;
    let now_ms = ms(state.clock.now());
    let signer = state.signer.clone();
    state
        .db
        .run(move |tx| {
            let person_id = person_for_token(tx, &token, now_ms)?;
            // A booking committed meanwhile is seen, and so is a ticket another join just made.
            hold_person(tx, person_id)?;
            refuse_if_reserved(tx, person_id)?;
            let existing: Option<(i64, i64, Option<i64>, Option<i64>)> = tx.find(
                "SELECT t.seq, t.issued_at, t.served_at, a.expires_at
                 FROM tickets t LEFT JOIN admissions a ON a.seq = t.seq
                 WHERE t.person_id = $1 AND t.left_at IS NULL",
                args![person_id],
            )?;
            let grace = Duration::minutes(GRACE_MINUTES).num_milliseconds();
            let mut lapsed_ticket = None;
            if let Some((seq, issued_at, served_at, admission_expires)) = existing {
                let lapsed = match (served_at, admission_expires) {
                    (_, Some(expires)) => expires <= now_ms,
                    (Some(served_at), None) => served_at + grace < now_ms,
                    (None, None) => false,
                };
                if !lapsed {
                    let claims = TicketClaims {
                        seq: seq as u64,
                        person_id,
                    };
                    return Ok((
                        StatusCode::OK,
                        Json(QueueTicketResponse {
                            ticket: signer.sign(claims),
                            sequence: seq as u64,
                            issued_at: rfc3339(from_ms(issued_at)),
                        }),
                    ));
                }
                lapsed_ticket = Some(seq);
            }
            // Bring the served number up to now first, so the newcomer's wait starts now. The
            // queue's row is taken before any ticket's, as a redemption takes them.
            advance(tx, now_ms)?;
            if let Some(seq) = lapsed_ticket {
                tx.execute(
                    "UPDATE tickets SET left_at = $1 WHERE seq = $2",
                    args![now_ms, seq],
                )?;
            }
            let seq: i64 = tx.value(
                "INSERT INTO tickets (person_id, issued_at) VALUES ($1, $2) RETURNING seq",
                args![person_id, now_ms],
            )?;
            Ok((
                StatusCode::CREATED,
                Json(QueueTicketResponse {
                    ticket: signer.sign(TicketClaims {
                        seq: seq as u64,
                        person_id,
                    }),
                    sequence: seq as u64,
                    issued_at: rfc3339(from_ms(now_ms)),
                }),
            ))
        })
        .await
}

/// The queue's progress: the same for everyone and cacheable for a second, so a CDN can answer
/// it; the client computes its own position from its ticket's sequence.
#[utoipa::path(get, path = "/queue/progress", tag = "queue",
    responses((status = 200, body = QueueProgressResponse)))]
pub async fn get_progress(State(state): State<AppState>) -> Result<impl IntoResponse, ApiProblem> {
    let now_ms = ms(state.clock.now());
    let queue = state
        .db
        .run(move |tx| Ok::<_, ApiProblem>(advance(tx, now_ms)?))
        .await?;
    Ok((
        [(header::CACHE_CONTROL, "public, max-age=1")],
        Json(progress_response(queue, now_ms)),
    ))
}

fn verify_ticket(state: &AppState, ticket: &str) -> Result<TicketClaims, ApiProblem> {
    state.signer.verify(ticket).ok_or_else(|| {
        ApiProblem::new(
            404,
            "invalid_ticket",
            "Unknown ticket",
            "the ticket is not one this server issued",
        )
    })
}

/// Redeems a served ticket for an admission token and a booking deadline; before its number
/// comes up, 409 `not_yet_served` with `Retry-After`.
#[utoipa::path(post, path = "/queue/tickets/{ticket}/admission", tag = "queue",
    params(("ticket" = String, Path, description = "The signed ticket")),
    responses(
        (status = 201, body = AdmissionResponse, description = "Admitted"),
        (status = 200, body = AdmissionResponse, description = "Already admitted: the same admission"),
        (status = 404, body = Problem, description = "invalid_ticket"),
        (status = 409, body = Problem, description = "not_yet_served (retry_after_ms)"),
        (status = 410, body = Problem, description = "ticket_left, ticket_expired, admission_expired")))]
pub async fn redeem_ticket(
    State(state): State<AppState>,
    ApiPath(ticket): ApiPath<String>,
) -> Result<(StatusCode, Json<AdmissionResponse>), ApiProblem> {
    let claims = verify_ticket(&state, &ticket)?;
    let now_ms = ms(state.clock.now());
    let admitted = state
        .db
        .run(move |tx| {
            // Committed whatever the answer: the advance is everyone's. The queue's row first,
            // then the ticket's (the order `advance` takes them in), held so that a leave sent
            // meanwhile is seen before an admission is made.
            let queue = advance(tx, now_ms)?;
            let row: Option<(Option<i64>, Option<i64>)> = tx.find(
                "SELECT served_at, left_at FROM tickets WHERE seq = $1 AND person_id = $2 FOR UPDATE",
                args![claims.seq, claims.person_id],
            )?;
            let Some((_, left_at)) = row else {
                return Ok::<_, ApiProblem>(Err(ApiProblem::new(404, "invalid_ticket", "Unknown ticket", "no such ticket")));
            };
            if left_at.is_some() {
                return Ok(Err(ApiProblem::new(410, "ticket_left", "Ticket no longer valid", "this ticket left the queue; join again")));
            }
            if claims.seq > queue.served {
                let ahead = claims.seq - queue.served;
                let wait = if queue.paused || queue.rate == 0 {
                    30_000
                } else {
                    (ahead * 60_000 / u64::from(queue.rate)).clamp(1_000, 600_000)
                };
                return Ok(Err(ApiProblem::new(409, "not_yet_served", "Not yet", format!("{ahead} people are ahead"))
                    .retry_after_ms(wait)));
            }
            let served_at: i64 = tx.value("SELECT served_at FROM tickets WHERE seq = $1", args![claims.seq])?;
            let existing: Option<(String, i64, u32)> = tx.find(
                "SELECT token, expires_at, extensions_used FROM admissions WHERE seq = $1",
                args![claims.seq],
            )?;
            if let Some((token, expires_at, used)) = existing {
                if expires_at <= now_ms {
                    return Ok(Err(ApiProblem::new(410, "admission_expired", "Booking time is over", "the booking window closed; join the queue again")));
                }
                return Ok(Ok((StatusCode::OK, Json(admission_response(token, expires_at, used)))));
            }
            if served_at + Duration::minutes(GRACE_MINUTES).num_milliseconds() < now_ms {
                return Ok(Err(ApiProblem::new(
                    410,
                    "ticket_expired",
                    "Your turn has passed",
                    format!("your number came up at {} and was held for {GRACE_MINUTES} minutes; join again", rfc3339(from_ms(served_at))),
                )));
            }
            let token = tokens::random_token(24);
            let expires_at = now_ms + Duration::minutes(BOOKING_MINUTES).num_milliseconds();
            tx.execute(
                "INSERT INTO admissions (token, seq, person_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
                args![token, claims.seq, claims.person_id, now_ms, expires_at],
            )?;
            Ok(Ok((StatusCode::CREATED, Json(admission_response(token, expires_at, 0)))))
        })
        .await?;
    if matches!(&admitted, Ok((StatusCode::CREATED, _))) {
        metrics::counter!(crate::metrics::ADMISSIONS).increment(1);
    }
    admitted
}

fn admission_response(token: String, expires_at: i64, used: u32) -> AdmissionResponse {
    AdmissionResponse {
        admission_token: token,
        expires_at: rfc3339(from_ms(expires_at)),
        extensions_left: MAX_EXTENSIONS.saturating_sub(used),
    }
}

/// Leaves the line; the place goes to the people behind.
#[utoipa::path(delete, path = "/queue/tickets/{ticket}", tag = "queue",
    params(("ticket" = String, Path, description = "The signed ticket")),
    responses((status = 204, description = "Left (or had left already)"), (status = 404, body = Problem)))]
pub async fn leave_queue(
    State(state): State<AppState>,
    ApiPath(ticket): ApiPath<String>,
) -> Result<StatusCode, ApiProblem> {
    let claims = verify_ticket(&state, &ticket)?;
    let now_ms = ms(state.clock.now());
    state
        .db
        .run(move |tx| {
            tx.execute(
                "UPDATE tickets SET left_at = $1 WHERE seq = $2 AND person_id = $3 AND left_at IS NULL",
                args![now_ms, claims.seq, claims.person_id],
            )
            .map_err(ApiProblem::from)
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Extends the booking window by another period, a bounded number of times (WCAG 2.2.1).
#[utoipa::path(post, path = "/admission/extend", tag = "queue",
    security(("bearer" = [])),
    responses(
        (status = 200, body = AdmissionResponse),
        (status = 401, body = Problem),
        (status = 409, body = Problem, description = "extensions_exhausted"),
        (status = 410, body = Problem, description = "admission_expired")))]
pub async fn extend_admission(
    State(state): State<AppState>,
    bearer: Bearer,
) -> Result<Json<AdmissionResponse>, ApiProblem> {
    let token = bearer.require("the admission token")?;
    let now_ms = ms(state.clock.now());
    state
        .db
        .run(move |tx| {
            open_admission(tx, &token, now_ms, 0)?;
            let expires_at = now_ms + Duration::minutes(BOOKING_MINUTES).num_milliseconds();
            // Counted by the update itself: two extensions sent at once cannot both take the
            // last one.
            let used: Option<u32> = tx.find_value(
                "UPDATE admissions SET expires_at = $1, extensions_used = extensions_used + 1 WHERE token = $2 AND extensions_used < $3 RETURNING extensions_used",
                args![expires_at, token, MAX_EXTENSIONS],
            )?;
            let Some(used) = used else {
                return Err(ApiProblem::new(409, "extensions_exhausted", "No more extensions", "the booking window cannot be extended again"));
            };
            Ok(Json(admission_response(token.clone(), expires_at, used)))
        })
        .await
}

//! Reservations: atomic (never overbooked), idempotent (`Idempotency-Key`), one active per
//! person; lookup by name, birth date and number; change and cancel until the day before.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{Duration, NaiveDate};
use yeyak_protocol::{
    Dose, LookupRequest, Problem, ReservationResponse, ReservationStatus, ReserveRequest,
    SlotAlternative,
};

use super::booking::{center_from_row, slot_place, vaccine, CENTER_COLUMNS};
use super::checks::{hold_person, open_admission, refuse_if_reserved, IN_FLIGHT_GRACE_MS};
use super::ms;
use crate::args;
use crate::db::{DbError, Dialect, Tx};
use crate::extract::{ApiJson, ApiPath, Bearer};
use crate::problem::ApiProblem;
use crate::{tokens, validate, AppState};

/// Gives one place back to a slot (after a change or a cancellation).
fn release_place(tx: &mut Tx, slot_id: i64) -> Result<(), ApiProblem> {
    tx.execute(
        "UPDATE slots SET booked = booked - 1 WHERE id = $1",
        args![slot_id],
    )?;
    Ok(())
}

/// Minutes a manage token (from booking or lookup) allows change and cancel.
const MANAGE_MINUTES: i64 = 15;

/// Books a slot with the admission token. A retry with the same `Idempotency-Key` and body
/// returns the first result; the same key with another body is refused (422).
#[utoipa::path(post, path = "/reservations", tag = "reservations",
    security(("bearer" = [])),
    request_body = ReserveRequest,
    params(("Idempotency-Key" = String, Header, description = "One key per booking attempt, reused for its retries")),
    responses(
        (status = 201, body = ReservationResponse),
        (status = 400, body = Problem, description = "idempotency_key_missing"),
        (status = 401, body = Problem),
        (status = 404, body = Problem),
        (status = 409, body = Problem, description = "slot_full (alternatives), already_reserved, slot_unavailable"),
        (status = 410, body = Problem, description = "admission_expired"),
        (status = 422, body = Problem, description = "idempotency_key_reused, invalid_field")))]
pub async fn reserve(
    State(state): State<AppState>,
    bearer: Bearer,
    headers: HeaderMap,
    ApiJson(request): ApiJson<ReserveRequest>,
) -> Result<Response, ApiProblem> {
    let token = bearer.require("the admission token")?;
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| (1..=128).contains(&k.len()) && k.chars().all(|c| c.is_ascii_graphic()))
        .ok_or_else(|| {
            ApiProblem::new(
                400,
                "idempotency_key_missing",
                "Idempotency-Key required",
                "send a header Idempotency-Key of 1 to 128 visible characters",
            )
        })?
        .to_owned();
    let now = state.clock.now();
    let (status, body, replayed) = state
        .db
        .run(move |tx| {
            let now_ms = ms(now);
            let person_id: Option<i64> =
                tx.find_value("SELECT person_id FROM admissions WHERE token = $1", args![token])?;
            let person_id = person_id.ok_or_else(|| ApiProblem::unauthorized("the admission token"))?;
            let request_hash = format!("slot:{}", request.slot_id);
            // A retry that raced this one (on another instance) waits for it here, then reads
            // its key below instead of reading no key and finding its reservation. The key is
            // stored in the booking's own transaction.
            hold_person(tx, person_id)?;
            let stored: Option<(String, u16, String)> = tx.find(
                "SELECT request_hash, status, body FROM idempotency WHERE person_id = $1 AND key = $2",
                args![person_id, key],
            )?;
            if let Some((hash, status, body)) = stored {
                if hash != request_hash {
                    return Err(ApiProblem::new(422, "idempotency_key_reused", "Idempotency-Key reused", "this key was used for a different request; make a new key"));
                }
                return Ok((status, body, true));
            }
            open_admission(tx, &token, now_ms, IN_FLIGHT_GRACE_MS)?;
            refuse_if_reserved(tx, person_id)?;
            let (center_id, date) = take_place(tx, request.slot_id, now.date_naive())?;
            let number = tokens::reservation_number();
            let second = second_dose_date(tx, center_id, &date)?;
            let manage_token = tokens::random_token(24);
            tx.execute(
                "INSERT INTO reservations (number, person_id, slot_id, status, second_date, created_at, manage_token, manage_expires_at)
                 VALUES ($1, $2, $3, 'active', $4, $5, $6, $7)",
                args![number, person_id, request.slot_id, second, now_ms, manage_token, now_ms + Duration::minutes(MANAGE_MINUTES).num_milliseconds()],
            )?;
            let view = reservation_view(tx, &number, now.date_naive())?;
            let body = serde_json::to_string(&view).unwrap_or_default();
            tx.execute(
                "INSERT INTO idempotency (person_id, key, request_hash, status, body, created_at) VALUES ($1, $2, $3, 201, $4, $5)",
                args![person_id, key, request_hash, body, now_ms],
            )?;
            Ok((201, body, false))
        })
        .await?;
    if !replayed {
        metrics::counter!(crate::metrics::BOOKINGS).increment(1);
    }
    let mut response = (
        StatusCode::from_u16(status).unwrap_or(StatusCode::CREATED),
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response();
    if replayed {
        response
            .headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    Ok(response)
}

/// Takes one place in the slot, or says why not (full: with the nearest alternatives).
fn take_place(tx: &mut Tx, slot_id: i64, today: NaiveDate) -> Result<(i64, String), ApiProblem> {
    let (center_id, date, time, district) = slot_place(tx, slot_id)?
        .ok_or_else(|| ApiProblem::not_found(format!("no slot {slot_id}")))?;
    if date.as_str() <= today.to_string().as_str() {
        return Err(ApiProblem::new(
            409,
            "slot_unavailable",
            "Slot not bookable",
            "only dates after today can be booked",
        ));
    }
    // One conditional UPDATE: under READ COMMITTED a second writer waits for the row, then
    // re-checks `booked < capacity` against the committed count, so C places make C bookings.
    let taken = tx.execute(
        "UPDATE slots SET booked = booked + 1 WHERE id = $1 AND booked < capacity",
        args![slot_id],
    )?;
    if taken == 0 {
        // Counted here: a slot_full answer ends the transaction, so it is never run again.
        metrics::counter!(crate::metrics::SLOT_FULL).increment(1);
        let mut problem = ApiProblem::new(
            409,
            "slot_full",
            "Slot full",
            "the last place in this slot was just taken; see alternatives",
        );
        problem.0.alternatives = Some(alternatives(tx, center_id, &date, &time, &district, today)?);
        return Err(problem);
    }
    Ok((center_id, date))
}

/// The nearest free slots: same day first, the same centre before others, then closest time.
fn alternatives(
    tx: &mut Tx,
    center_id: i64,
    date: &str,
    time: &str,
    district: &str,
    today: NaiveDate,
) -> Result<Vec<SlotAlternative>, DbError> {
    let minutes = |t: &str| -> i64 {
        t[..2].parse::<i64>().unwrap_or(0) * 60 + t[3..].parse::<i64>().unwrap_or(0)
    };
    // Days apart: the one expression the two databases spell differently.
    let days_apart = match tx.dialect() {
        Dialect::Sqlite => "abs(julianday(s.date) - julianday($3))",
        Dialect::Postgres => "abs(CAST(s.date AS date) - CAST(CAST($3 AS text) AS date))",
    };
    let sql = format!(
        "SELECT s.id, s.center_id, c.name, s.date, s.time, s.capacity - s.booked
         FROM slots s JOIN centers c ON c.id = s.center_id
         WHERE c.district_code = $1 AND s.booked < s.capacity AND s.date > $2
         ORDER BY {days_apart}, s.center_id <> $4,
                  abs(CAST(substr(s.time, 1, 2) AS INTEGER) * 60 + CAST(substr(s.time, 4, 2) AS INTEGER) - $5), s.id
         LIMIT 5"
    );
    tx.query(
        &sql,
        args![district, today.to_string(), date, center_id, minutes(time)],
    )?
    .iter()
    .map(|r| {
        Ok(SlotAlternative {
            slot_id: r.get(0)?,
            center_id: r.get(1)?,
            center_name: r.get(2)?,
            date: r.get(3)?,
            time: r.get(4)?,
            remaining: r.get(5)?,
        })
    })
    .collect()
}

fn second_dose_date(tx: &mut Tx, center_id: i64, first: &str) -> Result<String, ApiProblem> {
    let code: String = tx.value(
        "SELECT vaccine FROM centers WHERE id = $1",
        args![center_id],
    )?;
    let first = validate::date("date", first)?;
    Ok((first + Duration::days(i64::from(vaccine(&code).second_dose_interval_days))).to_string())
}

/// The reservation as the person sees it, with its current manage token.
fn reservation_view(
    tx: &mut Tx,
    number: &str,
    today: NaiveDate,
) -> Result<ReservationResponse, ApiProblem> {
    let sql = format!(
        "SELECT r.status, p.name, s.date, s.time, r.second_date, r.manage_token, {CENTER_COLUMNS}
         FROM reservations r JOIN people p ON p.id = r.person_id
         JOIN slots s ON s.id = r.slot_id JOIN centers c ON c.id = s.center_id
         WHERE r.number = $1"
    );
    let Some(r) = tx.opt(&sql, args![number])? else {
        return Err(ApiProblem::new(
            404,
            "reservation_not_found",
            "Reservation not found",
            "no reservation matches",
        ));
    };
    {
        let status: String = r.get(0)?;
        let name: String = r.get(1)?;
        let date: String = r.get(2)?;
        let time: String = r.get(3)?;
        let active = status == "active";
        Ok(ReservationResponse {
            number: number.to_owned(),
            status: if active {
                ReservationStatus::Active
            } else {
                ReservationStatus::Cancelled
            },
            name_masked: validate::mask_name(&name),
            changeable: active && date.as_str() > today.to_string().as_str(),
            first_dose: Dose {
                date,
                time: time.clone(),
            },
            second_dose: Dose {
                date: r.get(4)?,
                time,
            },
            manage_token: r.get::<Option<String>>(5)?.unwrap_or_default(),
            center: center_from_row(&r, 6)?,
        })
    }
}

/// Finds a reservation by name, birth date and number; issues a fresh manage token.
/// Any mismatch is the same 404, so numbers cannot be probed.
#[utoipa::path(post, path = "/reservations/lookup", tag = "reservations",
    request_body = LookupRequest,
    responses((status = 200, body = ReservationResponse), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn lookup(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<LookupRequest>,
) -> Result<Json<ReservationResponse>, ApiProblem> {
    let now = state.clock.now();
    let name = validate::name(&request.name)?;
    let birth_date = validate::birth_date(&request.birth_date, now.date_naive())?;
    let number = request.number.trim().to_uppercase();
    state
        .db
        .run(move |tx| {
            let matched = tx.execute(
                "UPDATE reservations SET manage_token = $1, manage_expires_at = $2
                 WHERE number = $3 AND person_id IN (SELECT id FROM people WHERE name = $4 AND birth_date = $5)",
                args![
                    tokens::random_token(24),
                    ms(now) + Duration::minutes(MANAGE_MINUTES).num_milliseconds(),
                    number,
                    name,
                    birth_date.to_string()
                ],
            )?;
            if matched == 0 {
                return Err(ApiProblem::new(404, "reservation_not_found", "Reservation not found", "no reservation matches this name, birth date and number"));
            }
            reservation_view(tx, &number, now.date_naive()).map(Json)
        })
        .await
}

/// Checks the manage token and the cut-off; returns the slot of the active reservation (`None`
/// when it is already cancelled).
fn manageable(
    tx: &mut Tx,
    number: &str,
    token: &str,
    now_ms: i64,
    today: NaiveDate,
) -> Result<Option<i64>, ApiProblem> {
    /// slot, status, manage token, its expiry
    type Row = (i64, String, Option<String>, Option<i64>);
    // The reservation is locked on its own, then its slot read: a join locked `FOR UPDATE`
    // would, after waiting for a change that moved it, find the new row no longer matching
    // the old slot and answer 404 for a reservation that exists.
    let row: Option<Row> = tx.find(
        "SELECT slot_id, status, manage_token, manage_expires_at FROM reservations WHERE number = $1 FOR UPDATE",
        args![number],
    )?;
    let Some((slot_id, status, manage_token, expires)) = row else {
        return Err(ApiProblem::new(
            404,
            "reservation_not_found",
            "Reservation not found",
            "no such reservation",
        ));
    };
    if manage_token.as_deref() != Some(token) || expires.is_none_or(|e| e <= now_ms) {
        return Err(ApiProblem::unauthorized(
            "the manage token (look the reservation up again)",
        ));
    }
    if status != "active" {
        return Ok(None);
    }
    let date: String = tx.value("SELECT date FROM slots WHERE id = $1", args![slot_id])?;
    if date.as_str() <= today.to_string().as_str() {
        return Err(ApiProblem::new(
            409,
            "change_cutoff_passed",
            "Too late to change",
            "changes and cancellations close the day before the first dose; call the helpline",
        ));
    }
    Ok(Some(slot_id))
}

/// Moves the reservation to another slot (atomically: the new place is taken before the old
/// one is given back).
#[utoipa::path(put, path = "/reservations/{number}", tag = "reservations",
    security(("bearer" = [])),
    params(("number" = String, Path, description = "Reservation number")),
    request_body = ReserveRequest,
    responses(
        (status = 200, body = ReservationResponse),
        (status = 401, body = Problem),
        (status = 404, body = Problem),
        (status = 409, body = Problem, description = "slot_full (alternatives), change_cutoff_passed, reservation_cancelled, slot_unavailable")))]
pub async fn change(
    State(state): State<AppState>,
    bearer: Bearer,
    ApiPath(number): ApiPath<String>,
    ApiJson(request): ApiJson<ReserveRequest>,
) -> Result<Json<ReservationResponse>, ApiProblem> {
    let token = bearer.require("the manage token")?;
    let now = state.clock.now();
    state
        .db
        .run(move |tx| {
            let today = now.date_naive();
            let Some(old_slot) = manageable(tx, &number, &token, ms(now), today)? else {
                return Err(ApiProblem::new(
                    409,
                    "reservation_cancelled",
                    "Reservation cancelled",
                    "a cancelled reservation cannot be changed; book again",
                ));
            };
            if old_slot != request.slot_id {
                // Both slots held in one order, so two changes crossing between the same
                // two slots wait for each other instead of deadlocking.
                tx.query(
                    "SELECT id FROM slots WHERE id IN ($1, $2) ORDER BY id FOR UPDATE",
                    args![old_slot, request.slot_id],
                )?;
                let (center_id, date) = take_place(tx, request.slot_id, today)?;
                release_place(tx, old_slot)?;
                let second = second_dose_date(tx, center_id, &date)?;
                tx.execute(
                    "UPDATE reservations SET slot_id = $1, second_date = $2 WHERE number = $3",
                    args![request.slot_id, second, number],
                )?;
            }
            let view = reservation_view(tx, &number, today)?;
            Ok(Json(view))
        })
        .await
}

/// Cancels the reservation and gives its place back to the slot; cancelling again is harmless.
#[utoipa::path(delete, path = "/reservations/{number}", tag = "reservations",
    security(("bearer" = [])),
    params(("number" = String, Path, description = "Reservation number")),
    responses(
        (status = 200, body = ReservationResponse),
        (status = 401, body = Problem),
        (status = 404, body = Problem),
        (status = 409, body = Problem, description = "change_cutoff_passed")))]
pub async fn cancel(
    State(state): State<AppState>,
    bearer: Bearer,
    ApiPath(number): ApiPath<String>,
) -> Result<Json<ReservationResponse>, ApiProblem> {
    let token = bearer.require("the manage token")?;
    let now = state.clock.now();
    state
        .db
        .run(move |tx| {
            let today = now.date_naive();
            if let Some(slot_id) = manageable(tx, &number, &token, ms(now), today)? {
                release_place(tx, slot_id)?;
                tx.execute(
                    "UPDATE reservations SET status = 'cancelled', cancelled_at = $1 WHERE number = $2",
                    args![ms(now), number],
                )?;
            }
            let view = reservation_view(tx, &number, today)?;
            Ok(Json(view))
        })
        .await
}

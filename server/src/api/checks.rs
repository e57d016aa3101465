//! Checks that more than one resource makes before it acts: whether the person already holds a
//! reservation (the queue refuses to admit them, booking refuses a second one) and whether an
//! admission token is still open. Kept here so that the queue and reservations do not import
//! each other.

use crate::args;
use crate::db::Tx;

use crate::problem::ApiProblem;

/// Holds the person's row to the end of the transaction, so that one person's joins and
/// bookings take turns across instances: each sees what the one before it committed. Taken
/// before the queue's row and a slot's, never after them. `NO KEY`: a row that only refers to
/// the person (a redemption's new admission) does not wait for it, so a redemption holding the
/// queue's row cannot end up waiting on a join that waits for the queue's row.
pub fn hold_person(tx: &mut Tx, person_id: i64) -> Result<(), ApiProblem> {
    tx.query(
        "SELECT id FROM people WHERE id = $1 FOR NO KEY UPDATE",
        args![person_id],
    )?;
    Ok(())
}

/// 409 `already_reserved` when the person has an active reservation (one per person).
pub fn refuse_if_reserved(tx: &mut Tx, person_id: i64) -> Result<(), ApiProblem> {
    let reserved: bool = tx.value(
        "SELECT count(*) > 0 FROM reservations WHERE person_id = $1 AND status = 'active'",
        args![person_id],
    )?;
    if reserved {
        return Err(ApiProblem::new(
            409,
            "already_reserved",
            "Already reserved",
            "this person already has a reservation; look it up to change it",
        ));
    }
    Ok(())
}

/// How long after its window closed a booking is still honoured: the citizen pressed 예약하기
/// before the countdown ran out, and a congested network carried the request in late. Only the
/// booking gets it; an extension asked after the end is refused.
pub const IN_FLIGHT_GRACE_MS: i64 = 10_000;

/// The admission behind a bearer token, if open at `now_ms` (or within `grace_ms` after it
/// closed): (person, expires_at, extensions used).
pub fn open_admission(
    tx: &mut Tx,
    token: &str,
    now_ms: i64,
    grace_ms: i64,
) -> Result<(i64, i64, u32), ApiProblem> {
    let row: Option<(i64, i64, u32)> = tx.find(
        "SELECT person_id, expires_at, extensions_used FROM admissions WHERE token = $1",
        args![token],
    )?;
    let (person_id, expires_at, used) =
        row.ok_or_else(|| ApiProblem::unauthorized("the admission token"))?;
    if expires_at + grace_ms <= now_ms {
        return Err(admission_expired());
    }
    Ok((person_id, expires_at, used))
}

/// 410 for a booking window that has closed.
pub fn admission_expired() -> ApiProblem {
    ApiProblem::new(
        410,
        "admission_expired",
        "Booking time is over",
        "the booking window closed; join the queue again",
    )
}

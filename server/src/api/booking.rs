//! Where and when: regions with districts, centres, and a centre's availability by date.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use chrono::Duration;
use serde::Deserialize;
use yeyak_protocol::{
    Accessibility, AvailabilityResponse, Center, CentersResponse, DayAvailability, District,
    Problem, Region, RegionsResponse, SlotAvailability, Vaccine,
};

use crate::args;
use crate::db::{DbError, Row, Tx};
use crate::extract::{ApiPath, ApiQuery};
use crate::problem::ApiProblem;
use crate::{validate, AppState};

/// The vaccine a centre gives, with its dosing interval.
pub fn vaccine(code: &str) -> Vaccine {
    let (name_ko, name_en, days) = match code {
        "moderna" => ("모더나", "Moderna", 28),
        _ => ("화이자", "Pfizer-BioNTech", 21),
    };
    Vaccine {
        code: code.into(),
        name_ko: name_ko.into(),
        name_en: name_en.into(),
        second_dose_interval_days: days,
    }
}

/// Columns [`center_from_row`] reads, in order, from `centers c`.
pub const CENTER_COLUMNS: &str =
    "c.id, c.name, c.district_code, c.address, c.phone, c.vaccine, c.wheelchair, c.elevator, c.parking";

/// A centre from a row selected with [`CENTER_COLUMNS`] starting at column `at`.
pub fn center_from_row(row: &Row, at: usize) -> Result<Center, DbError> {
    Ok(Center {
        id: row.get(at)?,
        name: row.get(at + 1)?,
        district_code: row.get(at + 2)?,
        address: row.get(at + 3)?,
        phone: row.get(at + 4)?,
        vaccine: vaccine(&row.get::<String>(at + 5)?),
        accessibility: Accessibility {
            wheelchair: row.get(at + 6)?,
            elevator: row.get(at + 7)?,
            parking: row.get(at + 8)?,
        },
    })
}

/// The 17 시/도 with their 시/군/구 (static: cacheable for an hour).
#[utoipa::path(get, path = "/regions", tag = "booking",
    responses((status = 200, body = RegionsResponse)))]
pub async fn list_regions(State(state): State<AppState>) -> Result<impl IntoResponse, ApiProblem> {
    let regions = state
        .db
        .run(|tx| {
            let mut regions: Vec<Region> = tx
                .query("SELECT code, name FROM regions ORDER BY position", &[])?
                .iter()
                .map(|r| {
                    Ok(Region {
                        code: r.get(0)?,
                        name: r.get(1)?,
                        districts: Vec::new(),
                    })
                })
                .collect::<Result<_, DbError>>()?;
            let rows = tx.query(
                "SELECT region_code, code, name FROM districts ORDER BY region_code, position",
                &[],
            )?;
            for row in rows {
                let region_code: String = row.get(0)?;
                let district = District {
                    code: row.get(1)?,
                    name: row.get(2)?,
                };
                if let Some(region) = regions.iter_mut().find(|r| r.code == region_code) {
                    region.districts.push(district);
                }
            }
            Ok::<_, ApiProblem>(regions)
        })
        .await?;
    Ok((
        [(header::CACHE_CONTROL, "public, max-age=3600")],
        Json(RegionsResponse { regions }),
    ))
}

/// Query of `/centers`.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CentersQuery {
    /// District code from `/regions`.
    pub district: String,
}

/// The vaccination centres of one district.
#[utoipa::path(get, path = "/centers", tag = "booking",
    params(CentersQuery),
    responses((status = 200, body = CentersResponse), (status = 400, body = Problem), (status = 404, body = Problem)))]
pub async fn list_centers(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<CentersQuery>,
) -> Result<impl IntoResponse, ApiProblem> {
    let centers = state
        .db
        .run(move |tx| {
            let known: bool = tx.value(
                "SELECT count(*) > 0 FROM districts WHERE code = $1",
                args![query.district],
            )?;
            if !known {
                return Err(ApiProblem::not_found(format!(
                    "no district {}",
                    query.district
                )));
            }
            let sql = format!(
                "SELECT {CENTER_COLUMNS} FROM centers c WHERE c.district_code = $1 ORDER BY c.id"
            );
            let centers = tx
                .query(&sql, args![query.district])?
                .iter()
                .map(|r| center_from_row(r, 0))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(centers)
        })
        .await?;
    Ok((
        [(header::CACHE_CONTROL, "public, max-age=300")],
        Json(CentersResponse { centers }),
    ))
}

/// Query of `/centers/{id}/availability`.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AvailabilityQuery {
    /// First date (default: tomorrow).
    pub from: Option<String>,
    /// Last date (default: `from` + 13 days; at most 31 days after `from`).
    pub to: Option<String>,
}

/// A centre's slots by date, with places left; only dates after today are bookable.
#[utoipa::path(get, path = "/centers/{id}/availability", tag = "booking",
    params(("id" = i64, Path, description = "Centre id"), AvailabilityQuery),
    responses((status = 200, body = AvailabilityResponse), (status = 400, body = Problem), (status = 404, body = Problem)))]
pub async fn get_availability(
    State(state): State<AppState>,
    ApiPath(center_id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<AvailabilityQuery>,
) -> Result<impl IntoResponse, ApiProblem> {
    let tomorrow = state.clock.now().date_naive() + Duration::days(1);
    let from = match &query.from {
        Some(from) => validate::date("from", from)
            .map_err(|p| ApiProblem::invalid_query(p.0.detail.unwrap_or_default()))?,
        None => tomorrow,
    };
    let to = match &query.to {
        Some(to) => validate::date("to", to)
            .map_err(|p| ApiProblem::invalid_query(p.0.detail.unwrap_or_default()))?,
        None => from + Duration::days(13),
    };
    if to < from || (to - from).num_days() > 31 {
        return Err(ApiProblem::invalid_query(
            "`to` must be on or after `from` and at most 31 days later",
        ));
    }
    let from = from.max(tomorrow);
    let days = state
        .db
        .run(move |tx| {
            let known: bool = tx.value(
                "SELECT count(*) > 0 FROM centers WHERE id = $1",
                args![center_id],
            )?;
            if !known {
                return Err(ApiProblem::not_found(format!("no centre {center_id}")));
            }
            availability(tx, center_id, &from.to_string(), &to.to_string())
                .map_err(ApiProblem::from)
        })
        .await?;
    Ok((
        [(header::CACHE_CONTROL, "public, max-age=2")],
        Json(AvailabilityResponse { center_id, days }),
    ))
}

fn availability(
    tx: &mut Tx,
    center_id: i64,
    from: &str,
    to: &str,
) -> Result<Vec<DayAvailability>, DbError> {
    let rows = tx.query(
        "SELECT id, date, time, capacity, capacity - booked FROM slots
         WHERE center_id = $1 AND date BETWEEN $2 AND $3 ORDER BY date, time",
        args![center_id, from, to],
    )?;
    let mut days: Vec<DayAvailability> = Vec::new();
    for r in rows {
        let date: String = r.get(1)?;
        let slot = SlotAvailability {
            slot_id: r.get(0)?,
            time: r.get(2)?,
            capacity: r.get(3)?,
            remaining: r.get(4)?,
        };
        match days.last_mut() {
            Some(day) if day.date == date => {
                day.remaining += slot.remaining;
                day.slots.push(slot);
            }
            _ => days.push(DayAvailability {
                date,
                remaining: slot.remaining,
                slots: vec![slot],
            }),
        }
    }
    Ok(days)
}

/// A slot's centre, date and time, if it exists.
pub fn slot_place(
    tx: &mut Tx,
    slot_id: i64,
) -> Result<Option<(i64, String, String, String)>, DbError> {
    tx.find(
        "SELECT s.center_id, s.date, s.time, c.district_code FROM slots s JOIN centers c ON c.id = s.center_id WHERE s.id = $1",
        args![slot_id],
    )
}

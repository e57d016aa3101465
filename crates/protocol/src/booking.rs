//! Where and when: regions, centres, availability, reservations.

use serde::{Deserialize, Serialize};

/// Answer of `GET /api/v1/regions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionsResponse {
    /// The 17 시/도, each with its 시/군/구.
    pub regions: Vec<Region>,
}

/// A 시/도.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Region {
    /// Stable code (`11` Seoul ...).
    pub code: String,
    /// Korean name.
    pub name: String,
    /// Its 시/군/구.
    pub districts: Vec<District>,
}

/// A 시/군/구.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct District {
    /// Stable code (`11-010` ...); the `district` query of `/centers`.
    pub code: String,
    /// Korean name.
    pub name: String,
}

/// Answer of `GET /api/v1/centers?district=`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CentersResponse {
    /// The district's vaccination centres.
    pub centers: Vec<Center>,
}

/// A vaccination centre.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Center {
    /// Id.
    pub id: i64,
    /// Korean name.
    pub name: String,
    /// District code.
    pub district_code: String,
    /// Street address.
    pub address: String,
    /// Phone number.
    pub phone: String,
    /// The vaccine given there.
    pub vaccine: Vaccine,
    /// Access for people with disabilities.
    pub accessibility: Accessibility,
}

/// A vaccine and its dosing interval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Vaccine {
    /// Code (`pfizer`, `moderna`).
    pub code: String,
    /// Korean name.
    pub name_ko: String,
    /// English name.
    pub name_en: String,
    /// Days from first to second dose.
    pub second_dose_interval_days: u32,
}

/// Access facts about a centre.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Accessibility {
    /// Step-free entrance.
    pub wheelchair: bool,
    /// Lift to the vaccination room.
    pub elevator: bool,
    /// Accessible parking.
    pub parking: bool,
}

/// Answer of `GET /api/v1/centers/{id}/availability?from=&to=`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AvailabilityResponse {
    /// The centre.
    pub center_id: i64,
    /// One entry per date in range that has slots.
    pub days: Vec<DayAvailability>,
}

/// A day's slots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayAvailability {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Sum of `remaining` over the day.
    pub remaining: u32,
    /// 30-minute slots in time order.
    pub slots: Vec<SlotAvailability>,
}

/// One time slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlotAvailability {
    /// Id to reserve.
    pub slot_id: i64,
    /// `HH:MM` start.
    pub time: String,
    /// Places in all.
    pub capacity: u32,
    /// Places left; 0 is 마감 (full).
    pub remaining: u32,
}

/// A free slot offered when the chosen one filled up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlotAlternative {
    /// Id to reserve.
    pub slot_id: i64,
    /// Centre id.
    pub center_id: i64,
    /// Centre name.
    pub center_name: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`.
    pub time: String,
    /// Places left.
    pub remaining: u32,
}

/// Body of `POST /api/v1/reservations` (with header `Idempotency-Key`) and of the change request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReserveRequest {
    /// The slot to book.
    pub slot_id: i64,
}

/// Body of `POST /api/v1/reservations/lookup`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LookupRequest {
    /// Name as verified.
    pub name: String,
    /// `YYYY-MM-DD`; also read as people type it (`19700319`, `1970.03.19`, full-width digits).
    pub birth_date: String,
    /// Reservation number.
    pub number: String,
}

/// Whether a reservation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReservationStatus {
    /// Booked.
    Active,
    /// Cancelled; its place went back to the slot.
    Cancelled,
}

/// A dose appointment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dose {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`.
    pub time: String,
}

/// A reservation, as booked, looked up, changed or cancelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReservationResponse {
    /// Reservation number (`YY-` and ten letters and digits).
    pub number: String,
    /// Active or cancelled.
    pub status: ReservationStatus,
    /// The person's name, masked (`홍*동`).
    pub name_masked: String,
    /// The centre.
    pub center: Center,
    /// The first dose, booked.
    pub first_dose: Dose,
    /// The second dose, booked automatically at the vaccine's interval.
    pub second_dose: Dose,
    /// Whether it can still be changed or cancelled (until the day before the first dose).
    pub changeable: bool,
    /// Bearer token for change and cancel; short-lived.
    pub manage_token: String,
}

/// Body of `POST /api/v1/admin/queue`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminQueueRequest {
    /// New admission rate, if changing it.
    pub admissions_per_minute: Option<u32>,
    /// Pause or resume, if changing it.
    pub paused: Option<bool>,
}

/// Body of `PUT /api/v1/admin/providers/{id}`: force a light, or `status: null` to clear.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminProviderRequest {
    /// The light to show regardless of load; `None` returns to the computed one.
    pub status: Option<crate::ProviderStatus>,
    /// Reason shown with it.
    pub reason: Option<String>,
}

/// Answer of `GET /api/v1/admin/stats`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminStatsResponse {
    /// Tickets issued.
    pub tickets: u64,
    /// Tickets whose holders left.
    pub tickets_left: u64,
    /// Queue progress.
    pub progress: crate::QueueProgressResponse,
    /// Admissions redeemed.
    pub admissions: u64,
    /// Active reservations.
    pub reservations_active: u64,
    /// Cancelled reservations.
    pub reservations_cancelled: u64,
}

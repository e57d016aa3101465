//! The campaign: who may book when.

use serde::{Deserialize, Serialize};

/// Answer of `GET /api/v1/campaign`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CampaignResponse {
    /// The birth years this campaign books (inclusive).
    pub cohort: Cohort,
    /// Daily booking hours in Korea time; `always_open` for demos.
    pub window: BookingWindow,
    /// The server's current instant (RFC 3339, +09:00).
    pub server_time: String,
    /// The booking day now under way, if the window is open.
    pub booking_day: Option<String>,
    /// The birth-date digit that may book now; `None` when open to all or closed.
    pub today_digit: Option<u8>,
    /// Whether booking is open at `server_time`.
    pub open_now: bool,
    /// When the window opens next (when closed now).
    pub next_opens_at: Option<String>,
    /// The published schedule: which digit books on which day, then open days.
    pub schedule: Vec<ScheduleDay>,
    /// The phone line that books for people who cannot book online.
    pub helpline: String,
    /// Operator notices shown on the start page.
    pub notices: Vec<Notice>,
    /// A demonstration server (`--demo on`): open at any hour, and its pages carry a band that
    /// says so (written into the page by the server). Never true on a real deployment.
    #[serde(default)]
    pub demo: bool,
}

/// Birth years eligible in this campaign (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Cohort {
    /// First eligible birth year.
    pub birth_year_from: i32,
    /// Last eligible birth year.
    pub birth_year_to: i32,
}

/// The daily booking hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BookingWindow {
    /// `HH:MM` the window opens each day.
    pub opens: String,
    /// `HH:MM` it closes the next day.
    pub closes: String,
    /// True when the server runs with the window always open (demos, tests).
    pub always_open: bool,
}

/// One booking day of the published schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScheduleDay {
    /// The day the window opens (at `window.opens`).
    pub date: String,
    /// The last digit of the birth date that books this day; `None` means everyone in the cohort.
    pub digit: Option<u8>,
}

/// An operator notice in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notice {
    /// Korean text.
    pub ko: String,
    /// English text.
    pub en: String,
}

//! What must survive a reload: the step reached, the ticket, the admission and its deadline,
//! the choices and the idempotency key. Kept in sessionStorage (this tab only, gone when it
//! closes); nothing personal goes to localStorage and no token ever goes in a URL.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use yeyak_protocol::{Center, ReservationResponse, SlotAvailability};

use super::stored::Stored;

const KEY: &str = "yy-journey";
const DEVICE_KEY: &str = "yy-device";

/// The slot picker's choices, kept when going back a step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// Region code.
    pub region: Option<String>,
    /// District code.
    pub district: Option<String>,
    /// The centre (read by the booking pages only: [`Stored`]).
    pub center: Option<Stored<Center>>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The slot.
    pub slot: Option<Stored<SlotAvailability>>,
    /// The picker's step (0 region .. 4 time).
    pub step: usize,
}

/// A reservation being moved to another slot (from the manage page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changing {
    /// Reservation number.
    pub number: String,
    /// Manage token from the lookup.
    pub manage_token: String,
}

/// The journey so far.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journey {
    /// Chosen identity provider.
    pub provider: Option<String>,
    /// Its display names (Korean, English), so later pages name it, not its id.
    #[serde(default)]
    pub provider_names: Option<(String, String)>,
    /// Verification session being approved.
    pub session_id: Option<String>,
    /// Verification bearer token.
    pub auth_token: Option<String>,
    /// When the device lock lifts.
    pub locked_until: Option<String>,
    /// Signed queue ticket.
    pub ticket: Option<String>,
    /// Its sequence number.
    pub sequence: Option<u64>,
    /// People ahead when joining (for the progress bar).
    pub ahead_at_join: Option<u64>,
    /// Admission bearer token.
    pub admission_token: Option<String>,
    /// Booking deadline (RFC 3339).
    pub admission_expires_at: Option<String>,
    /// Extensions left.
    pub extensions_left: Option<u32>,
    /// Slot picker choices.
    pub choice: Choice,
    /// The confirm's idempotency key, made once and reused for its retries.
    pub idempotency_key: Option<String>,
    /// The booking, once made.
    pub reservation: Option<Stored<ReservationResponse>>,
    /// Set while the picker is choosing a new slot for an existing reservation.
    pub changing: Option<Changing>,
    /// The last confirm was a change, not a new booking.
    pub changed: bool,
    /// The booking page was just opened by an admission (it then greets and takes focus).
    #[serde(default)]
    pub just_admitted: bool,
    /// The person asked for a sound and a notification when their turn comes.
    #[serde(default)]
    pub alert_opt_in: bool,
}

impl Journey {
    /// The place in line and admission, as shared with other tabs.
    pub fn shared_place(&self) -> Option<crate::browser::tabs::SharedPlace> {
        Some(crate::browser::tabs::SharedPlace {
            ticket: self.ticket.clone()?,
            sequence: self.sequence?,
            ahead_at_join: self.ahead_at_join,
            admission: self.shared_admission(),
        })
    }

    /// The admission, as shared with other tabs.
    pub fn shared_admission(&self) -> Option<crate::browser::tabs::SharedAdmission> {
        Some(crate::browser::tabs::SharedAdmission {
            token: self.admission_token.clone()?,
            expires_at: self.admission_expires_at.clone()?,
            extensions_left: self.extensions_left.unwrap_or(0),
        })
    }

    /// Takes an admission (from the server or another tab).
    pub fn admit(&mut self, admission: &crate::browser::tabs::SharedAdmission) {
        self.admission_token = Some(admission.token.clone());
        self.admission_expires_at = Some(admission.expires_at.clone());
        self.extensions_left = Some(admission.extensions_left);
    }
}

/// This tab's sessionStorage, if the browser allows it.
pub fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// The journey as a signal, loaded from sessionStorage and written back on every change.
#[derive(Debug, Clone, Copy)]
pub struct JourneyStore(pub RwSignal<Journey>);

/// Provides the store at the app root.
pub fn provide_journey() {
    let saved = session_storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    let journey = RwSignal::new(saved);
    Effect::new(move |_| {
        let text = journey.with(|j| serde_json::to_string(j).unwrap_or_default());
        if let Some(storage) = session_storage() {
            let _ = storage.set_item(KEY, &text);
        }
    });
    provide_context(JourneyStore(journey));
}

/// The app's journey store.
pub fn use_journey() -> RwSignal<Journey> {
    expect_context::<JourneyStore>().0
}

/// A random id for this browser, kept in localStorage: not personal, it only tells the server
/// which device a verification came from (the one-device rule).
pub fn device_id() -> String {
    let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
    if let Some(id) = storage
        .as_ref()
        .and_then(|s| s.get_item(DEVICE_KEY).ok().flatten())
    {
        return id;
    }
    let id = format!("web-{}", crate::api::random_id());
    if let Some(storage) = storage {
        let _ = storage.set_item(DEVICE_KEY, &id);
    }
    id
}

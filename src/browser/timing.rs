//! Time in the browser: the one clock the app reads, sleeping without blocking, and a clock
//! signal for countdowns.
//!
//! A phone's own clock is often minutes or hours off (set by hand, a trip abroad, a flat
//! battery), so no time the app shows, compares or counts down comes from it. Two readings
//! serve everything:
//! - [`service_now_ms`]: now on the service's clock, an instant to show or to compare with one
//!   the server wrote (a lock's end, a booking deadline, "held until");
//! - [`mono_ms`]: a monotonic count (`performance.now`) for durations measured inside this page
//!   (a request's round trip, how long since a tab was last heard).
//!
//! Nothing else in the client reads `Date.now()`; a test runs the journey with the browser's
//! clock shifted by hours.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Whether the page that started a background loop is still shown. Lives outside the reactive
/// system, so a loop that wakes after its page went away reads `false` instead of touching a
/// disposed value.
#[derive(Debug, Clone)]
pub struct Alive(Arc<AtomicBool>);

impl Alive {
    /// True until the page is cleaned up.
    pub fn get(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// An [`Alive`] flag that turns false when the current page is cleaned up.
pub fn use_alive() -> Alive {
    let flag = Arc::new(AtomicBool::new(true));
    let on_exit = flag.clone();
    on_cleanup(move || on_exit.store(false, Ordering::Relaxed));
    Alive(flag)
}

/// Milliseconds on a monotonic clock (from the page's start): for durations only; it neither
/// jumps nor follows the device's wall clock.
pub fn mono_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Resolves after `ms` milliseconds.
pub async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                resolve.unchecked_ref(),
                ms.min(i32::MAX as u32) as i32,
            );
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// A signal of the service's time ([`service_now_ms`]), updated every second while the page
/// that asked lives.
pub fn use_clock() -> ReadSignal<f64> {
    let (now, set_now) = signal(service_now_ms());
    if let Ok(handle) = set_interval_with_handle(
        move || set_now.set(service_now_ms()),
        std::time::Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    now
}

/// Milliseconds since the epoch of an RFC 3339 instant.
pub fn parse_instant_ms(text: &str) -> Option<f64> {
    let ms = js_sys::Date::parse(text);
    (!ms.is_nan()).then_some(ms)
}

/// `m:ss` for a remaining duration (never negative).
pub fn mm_ss(ms: f64) -> String {
    let seconds = (ms.max(0.0) / 1000.0).ceil() as u64;
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// `HH:MM:SS` of now in Korea time (the service's zone, whatever the device's).
pub fn kst_clock(ms: f64) -> String {
    let seconds = ((ms / 1000.0) as i64 + 9 * 3600).rem_euclid(86_400);
    format!(
        "{:02}:{:02}:{:02}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

thread_local! {
    /// The service's time minus [`mono_ms`]. Until a response has told it, the device's clock
    /// (corrected by what an earlier page of this tab learnt) is the best guess there is.
    static SERVICE_OFFSET_MS: std::cell::Cell<Option<f64>> = const { std::cell::Cell::new(None) };
    /// Whether an answer of the service's has been heard on this page (the offset is more than
    /// a guess).
    static HEARD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Where the tab keeps the service's time minus the device's, so a reloaded page (the lock page
/// asks the server nothing) starts from the corrected clock.
const CLOCK_KEY: &str = "yy-clock";

/// How old an answer's `Date` may be when it arrives: 0 for one no cache may keep, else its
/// `max-age` (the browser's cache may hand back a copy that old, with the `Date` it was sent
/// with: the regions list is kept for an hour).
pub fn staleness_ms(cache_control: Option<&str>) -> f64 {
    cache_control
        .into_iter()
        .flat_map(|value| value.split(','))
        .filter_map(|directive| directive.trim().strip_prefix("max-age="))
        .filter_map(|age| age.parse::<u32>().ok())
        .max()
        .map_or(0.0, |age| f64::from(age) * 1_000.0)
}

/// Learns the service's clock from a response's `Date` header (one-second resolution), the
/// monotonic times the request was sent and answered ([`mono_ms`]) and how stale the answer may
/// be ([`staleness_ms`]).
pub fn learn_server_date(
    date_header: &str,
    sent_mono_ms: f64,
    received_mono_ms: f64,
    staleness_ms: f64,
) {
    let date = js_sys::Date::parse(date_header);
    if date.is_nan() {
        return;
    }
    let known = service_offset_or_guess();
    let learnt = service_offset(date, sent_mono_ms, received_mono_ms);
    let kept = reconcile(known, learnt, staleness_ms, HEARD.with(|h| h.replace(true)));
    if kept == known {
        // Most answers (every progress poll) confirm what is known: nothing to write.
        return;
    }
    SERVICE_OFFSET_MS.with(|cell| cell.set(Some(kept)));
    if let Some(storage) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
        let ahead_of_device = kept + mono_ms() - js_sys::Date::now();
        // Whole milliseconds: formatting a float would add its tables to the first download.
        let _ = storage.set_item(CLOCK_KEY, &(ahead_of_device as i64).to_string());
    }
}

/// The offset one answer gives: the header truncates to the second, so its true value is on
/// average half a second later, and it was written halfway through the round trip.
fn service_offset(date_ms: f64, sent_mono_ms: f64, received_mono_ms: f64) -> f64 {
    date_ms + 500.0 - (sent_mono_ms + received_mono_ms) / 2.0
}

/// What one answer says of the offset: the true one lies between `learnt` (the answer came
/// straight from the service) and `learnt + staleness` (a cache kept it that long), give or take
/// the header's rounding. A known offset inside that span stays (the shown seconds do not
/// jitter); one outside it is wrong, and the answer's own value replaces it. So a phone hours
/// off is corrected by its first answer, a copy from the cache never sets the clock back, and a
/// service clock that moved on is followed.
///
/// Once the service has been `heard`, a kept copy (`staleness` above 0) only moves the clock
/// forward: if the service's clock moved on since the copy was made, the copy is older than its
/// `max-age` says, and it arriving after another answer must not undo what that one taught.
fn reconcile(known: f64, learnt: f64, staleness: f64, heard: bool) -> f64 {
    const ROUNDING_MS: f64 = 1_000.0;
    let behind = known < learnt - ROUNDING_MS;
    let ahead = known > learnt + staleness + ROUNDING_MS && !(heard && staleness > 0.0);
    if behind || ahead {
        learnt
    } else {
        known
    }
}

/// Now on the service's clock, in milliseconds since the epoch: every time the app shows or
/// compares with one the server wrote.
pub fn service_now_ms() -> f64 {
    mono_ms() + service_offset_or_guess()
}

/// The service's time minus [`mono_ms`]: as learnt, or before any answer the device's clock
/// corrected as this tab last learnt (fixed once, so a later jump of the device's clock changes
/// nothing).
fn service_offset_or_guess() -> f64 {
    SERVICE_OFFSET_MS
        .with(std::cell::Cell::get)
        .unwrap_or_else(|| {
            let ahead_of_device = web_sys::window()
                .and_then(|w| w.session_storage().ok().flatten())
                .and_then(|s| s.get_item(CLOCK_KEY).ok().flatten())
                .and_then(|text| text.parse::<i64>().ok())
                .unwrap_or(0) as f64;
            let guess = js_sys::Date::now() + ahead_of_device - mono_ms();
            SERVICE_OFFSET_MS.with(|cell| cell.set(Some(guess)));
            guess
        })
}

/// The service's time of an instant as a JavaScript date (for `toISOString`).
pub fn service_date() -> js_sys::Date {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(service_now_ms()))
}

/// Whether the browser says it is online.
pub fn is_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Resolves after `ms` milliseconds, or as soon as the browser comes back online, whichever
/// is first (a client that waited out a network loss asks again without waiting its backoff).
pub async fn sleep_or_online(ms: u32) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let mut listener = None;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            resolve.unchecked_ref(),
            ms.min(i32::MAX as u32) as i32,
        );
        let _ = window.add_event_listener_with_callback("online", resolve.unchecked_ref());
        listener = Some(resolve);
    });
    let _ = JsFuture::from(promise).await;
    // Woken by the timer: the listener would otherwise stay, one more per failed poll.
    if let Some(resolve) = listener {
        let _ = window.remove_event_listener_with_callback("online", &resolve);
    }
}

/// Whether the person asked for less motion (no gliding numbers, no animation).
pub fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// Whether the page is in a background tab.
pub fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.hidden())
}

/// `HH:MM` of an instant in Korea time.
pub fn kst_hour_minute(ms: f64) -> String {
    kst_clock(ms)[..5].to_owned()
}

/// Digits grouped by thousands (`12,345`), as both Korean and English write them.
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_durations_and_korea_time() {
        assert_eq!(mm_ss(125_000.0), "2:05");
        assert_eq!(mm_ss(-5.0), "0:00");
        // 2026-08-09T12:00:00Z is 21:00 in Seoul.
        assert_eq!(kst_clock(1_786_276_800_000.0), "21:00:00");
        assert_eq!(kst_hour_minute(1_786_276_800_000.0), "21:00");
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1_000), "1,000");
        assert_eq!(group_digits(10_000_000), "10,000,000");
    }

    #[test]
    fn the_service_clock_comes_from_the_date_header_not_the_device() {
        // Sent at 1 000 ms, answered at 1 400 ms (monotonic), the header says 12:00:00.
        let noon = 1_786_276_800_000.0;
        let offset = service_offset(noon, 1_000.0, 1_400.0);
        assert_eq!(offset + 1_200.0, noon + 500.0);
        let hour = 3_600_000.0;
        // A fresh answer: rounding jitter is kept out; a clock three hours off either way is
        // corrected at once.
        for heard in [false, true] {
            assert_eq!(reconcile(offset, offset + 800.0, 0.0, heard), offset);
            assert_eq!(reconcile(offset + 3.0 * hour, offset, 0.0, heard), offset);
            assert_eq!(reconcile(offset - 9.0 * hour, offset, 0.0, heard), offset);
            // A copy the cache may have kept for an hour never sets a right clock back...
            assert_eq!(reconcile(offset, offset - 0.5 * hour, hour, heard), offset);
            // ...but moves a clock that is behind the answer forward (the service moved on).
            assert_eq!(
                reconcile(offset - 500_000.0, offset, 300_000.0, heard),
                offset
            );
        }
        // Before the service is heard, a guess later than even a fresh copy allows is replaced
        // (a phone hours ahead, whose first answer came from the cache)...
        assert_eq!(reconcile(offset + 3.0 * hour, offset, hour, false), offset);
        // ...but once heard, a copy kept from before the service's clock moved on 500 s does not
        // set it back: the answer that taught it stands.
        let moved_on = offset + 500_000.0;
        assert_eq!(reconcile(moved_on, offset, 300_000.0, true), moved_on);
        // How stale each kind of answer may be.
        assert_eq!(staleness_ms(None), 0.0);
        assert_eq!(staleness_ms(Some("no-store")), 0.0);
        assert_eq!(staleness_ms(Some("public, max-age=1")), 1_000.0);
        assert_eq!(staleness_ms(Some("public, max-age=3600")), 3_600_000.0);
        assert_eq!(
            staleness_ms(Some("max-age=30, stale-while-revalidate=5")),
            30_000.0
        );
    }
}

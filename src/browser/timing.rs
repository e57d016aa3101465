//! Time in the browser: sleeping without blocking, and a clock signal for countdowns.

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

/// Milliseconds since the epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
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

/// A signal of the current time, updated every second while the page that asked lives.
pub fn use_clock() -> ReadSignal<f64> {
    let (now, set_now) = signal(now_ms());
    if let Ok(handle) = set_interval_with_handle(
        move || set_now.set(now_ms()),
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
    /// Server time minus device time, learnt from responses' `Date` headers.
    static CLOCK_OFFSET_MS: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

/// Learns how far the device's clock is from the server's, from a response's `Date` header
/// (one-second resolution) and the local times the request was sent and answered. Phones with
/// a wrong clock would otherwise show a wrong booking countdown.
pub fn learn_server_date(date_header: &str, sent_ms: f64, received_ms: f64) {
    let date = js_sys::Date::parse(date_header);
    if date.is_nan() {
        return;
    }
    // The header truncates to the second: its true value is on average half a second later.
    let offset = date + 500.0 - (sent_ms + received_ms) / 2.0;
    CLOCK_OFFSET_MS.with(|cell| {
        // Ignore the header's own rounding; take a real difference at once.
        if (offset - cell.get()).abs() > 1_000.0 {
            cell.set(offset);
        }
    });
}

/// Now on the server's clock (the device's clock corrected by the last known difference).
pub fn server_now_ms() -> f64 {
    now_ms() + CLOCK_OFFSET_MS.with(std::cell::Cell::get)
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
}

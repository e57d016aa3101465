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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_durations_and_korea_time() {
        assert_eq!(mm_ss(125_000.0), "2:05");
        assert_eq!(mm_ss(-5.0), "0:00");
        // 2026-08-09T12:00:00Z is 21:00 in Seoul.
        assert_eq!(kst_clock(1_786_276_800_000.0), "21:00:00");
    }
}

//! A countdown to an instant, as `m:ss`, labelled (the device lock, the booking window).

use leptos::prelude::*;

use crate::browser::timing::{mm_ss, service_now_ms, use_clock};
use crate::i18n::{use_i18n, Msg};

/// Shows the time left until `deadline_ms` (ms since the epoch, server time), never below 0:00. Not a live
/// region: a ticking announcement every second would drown a screen reader.
#[component]
pub fn Countdown(label: Msg, #[prop(into)] deadline_ms: Signal<Option<f64>>) -> impl IntoView {
    let i18n = use_i18n();
    let now = use_clock();
    view! {
        <p class="yy-countdown">
            <span class="yy-countdown__label">{i18n.t(label)}</span>
            " "
            <span class="yy-countdown__value">{move || deadline_ms.get().map(|d| { now.track(); mm_ss(d - service_now_ms()) })}</span>
        </p>
    }
}

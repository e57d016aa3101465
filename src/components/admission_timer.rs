//! The booking window: its countdown with an extend button, and the timeout dialog after the
//! HMRC pattern (WCAG 2.2.1): two minutes before the end a modal dialog offers more time with
//! one action; Esc also extends; focus stays inside and returns where it was. An extension in
//! one tab reaches the others, whose dialogs close too.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser::tabs::{use_tabs, TabMessage};
use crate::browser::timing::{mm_ss, parse_instant_ms, service_now_ms, use_clock};
use crate::components::countdown::Countdown;
use crate::components::live_region::{use_announcer, LiveRegion};
use crate::components::notice::{Notice, NoticeKind};
use crate::components::spinner::Spinner;
use crate::i18n::{use_i18n, Msg};
use crate::pages::use_api;
use crate::state::journey::use_journey;

/// The dialog opens this long (ms) before the booking window closes.
pub const WARN_MS: f64 = 120_000.0;

/// Whether the warning is due: inside the last [`WARN_MS`], before the end.
pub fn warning_due(remaining_ms: f64) -> bool {
    remaining_ms > 0.0 && remaining_ms <= WARN_MS
}

/// The booking-window countdown, its extend button and its timeout dialog.
#[component]
pub fn AdmissionTimer() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let journey = use_journey();
    let tabs = use_tabs();
    let now = use_clock();
    let deadline = Signal::derive(move || {
        journey.with(|j| j.admission_expires_at.as_deref().and_then(parse_instant_ms))
    });
    let extensions_left = move || journey.with(|j| j.extensions_left.unwrap_or(0));
    let announcement = use_announcer();
    let extend_error = RwSignal::new(None::<Msg>);
    let extend = Action::new_local(move |token: &String| {
        let api = api.clone();
        let token = token.clone();
        async move { api.extend(&token).await }
    });
    Effect::new(move |_| match extend.value().get() {
        Some(Ok(admission)) => {
            journey.update(|j| {
                j.admission_expires_at = Some(admission.expires_at);
                j.extensions_left = Some(admission.extensions_left);
            });
            if let Some(shared) = journey.with_untracked(|j| j.shared_admission()) {
                tabs.post(&TabMessage::Extended(shared));
            }
            extend_error.set(None);
            announcement.set(
                Msg::TimeoutExtended
                    .text(i18n.locale.get_untracked())
                    .to_owned(),
            );
        }
        Some(Err(err)) => extend_error.set(Some(err.message())),
        None => {}
    });
    let request_extension = move || {
        if extend.pending().get_untracked() {
            return;
        }
        if let Some(token) = journey.get_untracked().admission_token {
            announcement.set(String::new());
            extend.dispatch(token);
        }
    };

    // The dialog: open while the warning is due, unless dismissed for this very deadline
    // (no extensions left, and the person said they understood).
    let dismissed_for = RwSignal::new(None::<String>);
    let remaining = move || {
        now.track();
        deadline.get().map(|d| d - service_now_ms())
    };
    let wanted = Memo::new(move |_| {
        let due = remaining().is_some_and(warning_due);
        let this_deadline = journey.with(|j| j.admission_expires_at.clone());
        due && dismissed_for.get() != this_deadline
    });
    let dialog = NodeRef::<html::Dialog>::new();
    let return_to = StoredValue::new_local(None::<web_sys::HtmlElement>);
    Effect::new(move |_| {
        let want = wanted.get();
        let Some(el) = dialog.get() else { return };
        if want && !el.open() {
            let active = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            return_to.set_value(active);
            let _ = el.show_modal();
        } else if !want && el.open() {
            el.close();
            if let Some(target) = return_to.get_value() {
                crate::browser::focus::focus(&target);
            }
        }
    });
    let dismiss = move || {
        dismissed_for.set(journey.with_untracked(|j| j.admission_expires_at.clone()));
    };
    let on_cancel = move |ev: leptos::ev::Event| {
        // Esc: extend if possible (the safe choice), otherwise acknowledge.
        ev.prevent_default();
        if extensions_left() > 0 {
            request_extension();
        } else {
            dismiss();
        }
    };

    view! {
        <div class="yy-timer">
            <Countdown label=Msg::BookingTimeLeft deadline_ms=deadline/>
            <Show when=move || { extensions_left() > 0 }>
                <button type="button" class="yy-button yy-button--secondary"
                    on:click=move |_| request_extension()>
                    {i18n.t(Msg::Extend)}
                </button>
            </Show>
            <LiveRegion text=announcement/>
            // A failed extension asked from the page (not the dialog) is said here, beside its
            // button; pressing it again is the retry.
            {move || (!wanted.get()).then(|| extend_error.get()).flatten().map(|m| view! {
                <Notice kind=NoticeKind::Error><p>{i18n.t(m)}</p></Notice>
            })}
            <Show when=move || extend.pending().get()>
                <Spinner label=Msg::Extending/>
            </Show>
        </div>
        <dialog class="yy-dialog" node_ref=dialog aria-labelledby="yy-timeout-title"
            aria-describedby="yy-timeout-body" on:cancel=on_cancel>
            <h2 class="yy-dialog__title" id="yy-timeout-title">{i18n.t(Msg::TimeoutTitle)}</h2>
            <p class="yy-dialog__body" id="yy-timeout-body">
                {move || Msg::TimeoutBody.fill(i18n.locale.get(), &[&mm_ss(remaining().unwrap_or(0.0))])}
            </p>
            {move || wanted.get().then(|| extend_error.get()).flatten().map(|m| view! { <Notice kind=NoticeKind::Error><p>{i18n.t(m)}</p></Notice> })}
            <Show when=move || { extensions_left() > 0 } fallback=move || view! {
                <p class="yy-dialog__body">{i18n.t(Msg::TimeoutNoMore)}</p>
                <div class="yy-button-row">
                    <button type="button" class="yy-button yy-button--primary" on:click=move |_| dismiss()>
                        {i18n.t(Msg::TimeoutOk)}
                    </button>
                </div>
            }>
                <p class="yy-field__hint">{move || Msg::TimeoutExtendHint.fill(i18n.locale.get(), &[&extensions_left().to_string()])}</p>
                <div class="yy-button-row">
                    <button type="button" class="yy-button yy-button--primary"
                        aria-disabled=move || extend.pending().get().then_some("true")
                        on:click=move |_| request_extension()>
                        {i18n.t(Msg::TimeoutExtend)}
                    </button>
                </div>
            </Show>
        </dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_warning_is_due_in_the_last_two_minutes_only() {
        assert!(!warning_due(120_001.0));
        assert!(warning_due(120_000.0));
        assert!(warning_due(1.0));
        assert!(
            !warning_due(0.0),
            "after the end the page says it is over instead"
        );
        assert!(!warning_due(-5_000.0));
    }
}

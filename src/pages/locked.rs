//! The one-device rule's page: when this device may verify again, counting down, and what to do.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::boot::config::at;
use crate::browser::timing::{kst_clock, parse_instant_ms, use_clock};
use crate::components::countdown::Countdown;
use crate::components::page_title::use_page_title;
use crate::i18n::{use_i18n, LaterMsg, Msg};
use crate::state::journey::use_journey;

/// `/locked`.
#[component]
pub fn LockedPage() -> impl IntoView {
    let i18n = use_i18n();
    let journey = use_journey();
    let helpline = expect_context::<crate::boot::config::RuntimeConfig>().helpline;
    use_page_title(Msg::LockedTitle);
    let now = use_clock();
    let until = move || journey.with(|j| j.locked_until.as_deref().and_then(parse_instant_ms));
    let remaining = move || until().map(|u| u - now.get()).unwrap_or(0.0);
    // The countdown follows the service's clock, which this page learnt from the refusal. Opened
    // again later (a reload, a tab brought back), it asks the service's time once, so a phone
    // whose own clock is off never offers the retry while the server still refuses it.
    let api = crate::pages::use_api();
    let checked = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        let _ = api.learn_service_time().await;
        checked.try_set(true);
    });
    view! {
        <div class="yy-page">
            <h1 class="yy-page__title">{i18n.t(Msg::LockedTitle)}</h1>
            <p>{i18n.t(LaterMsg::LockedBody)}</p>
            <p>{move || until().map(|u| LaterMsg::LockedUntil.fill(i18n.locale.get(), &[&kst_clock(u)[..5]]))}</p>
            <Countdown label=Msg::LockedRemaining deadline_ms=Signal::derive(until)/>
            <p>{i18n.t(LaterMsg::LockedAdvice)}</p>
            <p>{i18n.t(Msg::HelplineHint)} " " <a class="yy-link" href=format!("tel:{helpline}")>{helpline.clone()}</a></p>
            <Show when=move || { checked.get() && remaining() <= 0.0 }>
                <A href=at("/verify") attr:class="yy-button yy-button--primary">{i18n.t(Msg::Retry)}</A>
            </Show>
        </div>
    }
}

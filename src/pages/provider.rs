//! Choosing how to verify: providers as radios with live status tags; gray ones disabled with
//! the reason; the fastest suggested; lights refresh on their own without moving focus.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use yeyak_protocol::{ProviderInfo, ProviderStatus, ProvidersResponse};

use crate::api::Fresh;
use crate::browser::timing::{page_hidden, service_now_ms, sleep, use_alive, use_clock};
use crate::components::live_region::{use_announcer, LiveRegion};
use crate::components::notice::{Failed, Notice, NoticeKind};
use crate::components::page_title::use_page_title;
use crate::components::spinner::Spinner;
use crate::components::status_tag::status_text;
use crate::components::status_tag::StatusTag;
use crate::i18n::ago;
use crate::i18n::{use_i18n, LaterMsg, Locale, Msg};
use crate::pages::use_api;
use crate::state::journey::use_journey;
use yeyak_herd::{PollInput, PollPolicy};

/// The available provider with the shortest wait.
pub fn fastest(providers: &[ProviderInfo]) -> Option<&str> {
    providers
        .iter()
        .filter(|p| p.status != ProviderStatus::Unavailable)
        .min_by_key(|p| p.estimated_wait_seconds)
        .map(|p| p.id.as_str())
}

/// The lights that changed between two answers, in words ("카카오: 지연으로 바뀌었습니다"),
/// for one polite announcement; empty when none changed.
pub fn changed_lights(old: &[ProviderInfo], new: &[ProviderInfo], locale: Locale) -> String {
    new.iter()
        .filter(|p| {
            old.iter()
                .find(|o| o.id == p.id)
                .is_some_and(|o| o.status != p.status)
        })
        .map(|p| {
            let name = if locale == Locale::Ko {
                &p.name_ko
            } else {
                &p.name_en
            };
            LaterMsg::ProviderChanged.fill(locale, &[name, status_text(p.status).text(locale)])
        })
        .collect::<Vec<_>>()
        .join(". ")
}

/// `/verify`: pick a provider.
#[component]
pub fn ProviderPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let journey = use_journey();
    let navigate = use_navigate();
    use_page_title(Msg::ProviderTitle);

    let lights = RwSignal::new(None::<ProvidersResponse>);
    let failed = RwSignal::new(false);
    let checked = RwSignal::new(None::<f64>);
    let announcement = use_announcer();
    let selected = RwSignal::new(journey.get_untracked().provider);
    let error = RwSignal::new(false);
    let alive = use_alive();
    let now = use_clock();

    // Refresh quietly: new lights replace the old ones in place; focus stays where it is. The
    // ETag makes an unchanged answer a bodiless 304; failures back off like the queue's polls.
    // A retry starts the poll again at once (a new round); the round it replaces stops when it
    // wakes.
    let round = RwSignal::new(0u32);
    Effect::new(move |_| {
        let this_round = round.get();
        let (api, alive) = (api.clone(), alive.clone());
        let current = move || alive.get() && round.get_untracked() == this_round;
        leptos::task::spawn_local(async move {
            let policy = PollPolicy::default();
            let mut input = PollInput {
                server_hint_ms: 10_000,
                ..PollInput::default()
            };
            let mut etag: Option<String> = None;
            loop {
                let result = api.providers(etag.as_deref()).await;
                if !current() {
                    break;
                }
                match result {
                    Ok(fresh) => {
                        input.failures = 0;
                        input.retry_after_ms = None;
                        if let Fresh::Changed(response, tag) = fresh {
                            etag = tag;
                            input.server_hint_ms = response.poll_after_ms;
                            let changes = lights.with_untracked(|old| {
                                old.as_ref()
                                    .map(|old| {
                                        changed_lights(
                                            &old.providers,
                                            &response.providers,
                                            i18n.locale.get_untracked(),
                                        )
                                    })
                                    .unwrap_or_default()
                            });
                            if !changes.is_empty() {
                                announcement.set(changes);
                            }
                            lights.set(Some(response));
                        }
                        failed.set(false);
                        checked.set(Some(service_now_ms()));
                    }
                    Err(err) => {
                        input.failures += 1;
                        input.retry_after_ms = err.retry_after_ms();
                        failed.set(true);
                    }
                }
                input.hidden = page_hidden();
                sleep(policy.next_delay_ms(&input, js_sys::Math::random()) as u32).await;
                if !current() {
                    break;
                }
            }
        });
    });

    // After a failed first load: ask again now, not after the back-off.
    let retry = Callback::new(move |()| round.update(|n| *n += 1));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // Nothing to choose from yet: a failed list is asked again; a loading one is awaited.
        if lights.with_untracked(Option::is_none) {
            if failed.get_untracked() {
                retry.run(());
            }
            return;
        }
        match selected.get() {
            Some(provider) => {
                let names = lights.with_untracked(|l| {
                    l.as_ref()
                        .and_then(|l| l.providers.iter().find(|p| p.id == provider))
                        .map(|p| (p.name_ko.clone(), p.name_en.clone()))
                });
                journey.update(|j| {
                    j.provider = Some(provider);
                    j.provider_names = names;
                });
                navigate("/verify/details", Default::default());
            }
            None => error.set(true),
        }
    };

    let options = move || {
        lights.get().map(|response| {
            let best = fastest(&response.providers).map(str::to_owned);
            let locale = i18n.locale.get();
            response
                .providers
                .into_iter()
                .map(|p| {
                    let id = format!("yy-provider-{}", p.id);
                    let value = p.id.clone();
                    let checked = p.id.clone();
                    let disabled = p.status == ProviderStatus::Unavailable;
                    let name = if locale == Locale::Ko { p.name_ko.clone() } else { p.name_en.clone() };
                    let is_best = best.as_deref() == Some(p.id.as_str());
                    view! {
                        <div class="yy-choice yy-provider" class:yy-choice--disabled=disabled>
                            <input
                                class="yy-choice__input"
                                type="radio"
                                name="provider"
                                id=id.clone()
                                value=p.id.clone()
                                disabled=disabled
                                prop:checked=move || selected.get().as_deref() == Some(checked.as_str())
                                on:change=move |_| { selected.set(Some(value.clone())); error.set(false); }
                            />
                            <label class="yy-choice__label" for=id>
                                <span class="yy-choice__text">{name}</span>
                                <span class="yy-provider__meta">
                                    <StatusTag status=p.status/>
                                    {(!disabled).then(|| view! {
                                        <span class="yy-provider__wait">{Msg::ProviderWait.fill(locale, &[&p.estimated_wait_seconds.to_string()])}</span>
                                    })}
                                    {is_best.then(|| view! { <span class="yy-badge">{i18n.t(LaterMsg::ProviderFastest)}</span> })}
                                </span>
                                {p.reason.clone().map(|r| view! { <span class="yy-choice__detail">{r}</span> })}
                            </label>
                        </div>
                    }
                })
                .collect_view()
        })
    };

    view! {
            <div class="yy-page">
                <h1 class="yy-page__title">{i18n.t(Msg::ProviderTitle)}</h1>
                {move || match (failed.get(), lights.with(Option::is_some)) {
                    (false, _) => None,
                    // Lights shown earlier stay; they refresh by themselves once the network is back.
                    (true, true) => Some(view! { <Notice kind=NoticeKind::Warning><p>{i18n.t(Msg::ErrNetwork)}</p></Notice> }.into_any()),
                    (true, false) => Some(view! { <Failed message=Msg::ErrNetwork on_retry=retry/> }.into_any()),
                }}
                <form class="yy-form" on:submit=on_submit novalidate>
                    <fieldset class="yy-fieldset" class:yy-fieldset--error=move || error.get()
                        aria-describedby=move || if error.get() { "yy-provider-hint yy-provider-error" } else { "yy-provider-hint" }>
                        <legend class="yy-fieldset__legend">{i18n.t(LaterMsg::ProviderLegend)}</legend>
                        <p class="yy-field__hint" id="yy-provider-hint">{i18n.t(LaterMsg::ProviderHint)}</p>
                        <Show when=move || error.get()>
                            <p class="yy-field__error" id="yy-provider-error">{i18n.t(Msg::ChooseProviderError)}</p>
                        </Show>
    <div class="yy-provider__list">
                        <Show when=move || lights.get().is_some() fallback=|| view! { <Spinner label=Msg::Loading/> }>
                            <div class="yy-choices">{options}</div>
                        </Show>
                        </div>
                        <p class="yy-field__hint yy-provider__updated">
                            {move || checked.get().map(|at| {
                                let locale = i18n.locale.get();
                                LaterMsg::ProviderUpdated.fill(locale, &[&ago(locale, now.get() - at)])
                            })}
                        </p>
                        <LiveRegion text=announcement/>
                    </fieldset>
                    <button type="submit" class="yy-button yy-button--primary">{i18n.t(LaterMsg::Continue)}</button>
                </form>
            </div>
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn provider(id: &str, name: &str, status: ProviderStatus) -> ProviderInfo {
        ProviderInfo {
            id: id.into(),
            name_ko: name.into(),
            name_en: id.into(),
            status,
            estimated_wait_seconds: 10,
            reason: None,
        }
    }

    #[test]
    fn only_changed_lights_are_announced() {
        let old = [
            provider("kakao", "카카오", ProviderStatus::Smooth),
            provider("naver", "네이버", ProviderStatus::Smooth),
        ];
        let new = [
            provider("kakao", "카카오", ProviderStatus::Delayed),
            provider("naver", "네이버", ProviderStatus::Smooth),
        ];
        assert_eq!(
            changed_lights(&old, &new, Locale::Ko),
            "카카오: 지연으로 바뀌었습니다"
        );
        assert_eq!(
            changed_lights(&old, &new, Locale::En),
            "kakao is now Delayed"
        );
        assert_eq!(changed_lights(&new, &new, Locale::Ko), "");
    }
}

//! `/operator`: the operator's page, linked from nowhere in the citizen journey (issue #14).
//!
//! The operator token is asked for once and kept in this tab's sessionStorage, so a reload keeps
//! it and closing the tab (or "forget token") removes it; it is kept only once the server has
//! accepted it. With it the page shows the providers' lights (a table, each light in words and a
//! shape, never colour alone) and forces one or clears the override, and shows the queue and
//! changes its admission rate or pauses and resumes it. What each action did is said politely in
//! its own section, just below the control used (nothing above it moves); a failure is said
//! there too, with a retry when trying again can help. A wrong token is said at the token field,
//! which takes focus. The page's words are in `OperatorMsg`, which only this page (its own wasm
//! chunk, `src/pages/later.rs`) reads.

use leptos::prelude::*;
use yeyak_protocol::{
    AdminProviderRequest, AdminQueueRequest, AdminStatsResponse, ProviderStatus, ProvidersResponse,
    QueueProgressResponse,
};

use crate::api::{Api, ApiError};
use crate::browser::timing::{group_digits, kst_clock, parse_instant_ms};
use crate::components::error_summary::focus_by_id;
use crate::components::notice::{Notice, NoticeKind};
use crate::components::page_title::{mark_title_errors_while, use_page_title};
use crate::components::status_tag::{status_text, StatusTag};
use crate::i18n::{use_i18n, Locale, Msg, OperatorMsg};
use crate::pages::use_api;
use crate::state::journey::session_storage;

/// Where this tab keeps the operator token (sessionStorage: this tab only, gone with it).
pub const TOKEN_KEY: &str = "yy-operator-token";

/// The highest admission rate the server takes (its `MAX_ADMISSIONS_PER_MINUTE`).
const MAX_RATE: u32 = 10_000_000;

/// The lights an operator can force, the most drastic first.
const LIGHTS: [ProviderStatus; 4] = [
    ProviderStatus::Unavailable,
    ProviderStatus::Congested,
    ProviderStatus::Delayed,
    ProviderStatus::Smooth,
];

/// The token field's id (focused when the token is missing or wrong).
const TOKEN_ID: &str = "yy-op-token";
/// The rate field's id.
const RATE_ID: &str = "yy-op-rate";
/// The provider select's id.
const PROVIDER_ID: &str = "yy-op-provider";

/// A section of the page: where an action's outcome is said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The token form.
    Token,
    /// The lights and their override form.
    Lights,
    /// The queue's numbers and controls.
    Queue,
}

impl Place {
    /// The id of the section's heading (focus goes there when it had nowhere left to be).
    fn heading(self) -> &'static str {
        match self {
            Place::Token => "yy-op-token-title",
            Place::Lights => "yy-op-lights-title",
            Place::Queue => "yy-op-queue-title",
        }
    }
}

/// One call to the server, kept so that a failed one can be tried again exactly as it was.
#[derive(Debug, Clone, PartialEq)]
enum Op {
    /// Check the token and read the stats and the lights. `from` is where it was asked for
    /// (`None`: on arrival with a kept token, said nowhere); `epoch` tells a load that "forget
    /// token" overtook from a current one.
    Load {
        token: String,
        from: Option<Place>,
        epoch: u32,
    },
    /// Force a provider's light (`status: Some`) or clear its override (`None`).
    Light {
        token: String,
        id: String,
        request: AdminProviderRequest,
    },
    /// Change the admission rate, or pause or resume.
    Queue {
        token: String,
        request: AdminQueueRequest,
    },
}

impl Op {
    /// Where its outcome is said.
    fn place(&self) -> Place {
        match self {
            Op::Load { from, .. } => from.unwrap_or(Place::Token),
            Op::Light { .. } => Place::Lights,
            Op::Queue { .. } => Place::Queue,
        }
    }
}

/// What a call brought back.
#[derive(Debug, Clone)]
enum Outcome {
    Loaded(AdminStatsResponse, ProvidersResponse),
    Lights(ProvidersResponse),
    Queue(QueueProgressResponse),
}

/// Makes the call.
async fn perform(api: Api, op: Op) -> Result<Outcome, ApiError> {
    Ok(match op {
        Op::Load { token, .. } => {
            // The stats first: they check the token before anything is shown.
            let stats = api.admin_stats(&token).await?;
            Outcome::Loaded(stats, api.operator_lights().await?)
        }
        Op::Light { token, id, request } => {
            Outcome::Lights(api.admin_provider(&token, &id, &request).await?)
        }
        Op::Queue { token, request } => Outcome::Queue(api.admin_queue(&token, &request).await?),
    })
}

/// Why a call failed, as the operator is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trouble {
    /// 401 or 403: said at the token field, which takes focus.
    WrongToken,
    /// 404: the server has no operator token configured, so no operator API.
    NotEnabled,
    /// 400, 413, 415, 422: a value was refused.
    Refused,
    /// No answer, no answer in time, or an overloaded or failing server.
    Network,
    /// Anything else.
    Failed,
}

impl Trouble {
    fn of(err: &ApiError) -> Self {
        match err.status() {
            Some(401 | 403) => Trouble::WrongToken,
            Some(404) => Trouble::NotEnabled,
            Some(400 | 413 | 415 | 422) => Trouble::Refused,
            _ if err.is_transient() => Trouble::Network,
            _ => Trouble::Failed,
        }
    }

    fn message(self) -> OperatorMsg {
        match self {
            Trouble::WrongToken => OperatorMsg::TokenWrong,
            Trouble::NotEnabled => OperatorMsg::NotEnabled,
            Trouble::Refused => OperatorMsg::Refused,
            Trouble::Network => OperatorMsg::Network,
            Trouble::Failed => OperatorMsg::Failed,
        }
    }

    /// Whether trying the same call again can help (the writes set absolute values, so a
    /// repeated one is harmless).
    fn can_retry(self) -> bool {
        matches!(self, Trouble::Network | Trouble::Failed)
    }
}

/// A rate as typed ("1200", "1,200"): a whole number from 0 to [`MAX_RATE`].
fn parse_rate(text: &str) -> Option<u32> {
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_'))
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse::<u32>().ok().filter(|rate| *rate <= MAX_RATE)
}

/// `lang="ko"` for text with Hangul (an operator's reason), so English pages mark it.
fn lang_of(text: &str) -> Option<&'static str> {
    text.chars()
        .any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
        .then_some("ko")
}

/// A provider's name in `locale` (its id if the lights do not list it).
fn name_of(lights: &ProvidersResponse, id: &str, locale: Locale) -> String {
    lights
        .providers
        .iter()
        .find(|p| p.id == id)
        .map(|p| {
            if locale == Locale::Ko {
                p.name_ko.clone()
            } else {
                p.name_en.clone()
            }
        })
        .unwrap_or_else(|| id.to_owned())
}

/// `HH:MM:SS` in Korea time of an RFC 3339 instant (the text itself if it does not parse).
fn clock_of(instant: &str) -> String {
    parse_instant_ms(instant)
        .map(kst_clock)
        .unwrap_or_else(|| instant.to_owned())
}

/// Focus went with an element that is gone (a retry button): give it to `id` instead.
fn refocus_if_lost(id: &'static str) {
    request_animation_frame(move || {
        let lost = web_sys::window()
            .and_then(|w| w.document())
            .map(|d| d.active_element().is_none_or(|e| e.tag_name() == "BODY"));
        if lost == Some(true) {
            focus_by_id(id);
        }
    });
}

/// `/operator`.
#[component]
pub fn OperatorPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    use_page_title(Msg::OperatorTitle);
    let t = move |msg: OperatorMsg| i18n.t(msg);

    let kept = session_storage()
        .and_then(|s| s.get_item(TOKEN_KEY).ok().flatten())
        .filter(|token| !token.is_empty());
    // What the field holds, and the token in use once the server accepted it.
    let typed = RwSignal::new(kept.clone().unwrap_or_default());
    let active = RwSignal::new(None::<String>);
    let epoch = StoredValue::new(0u32);
    let stats = RwSignal::new(None::<AdminStatsResponse>);
    let lights = RwSignal::new(None::<ProvidersResponse>);
    let token_error = RwSignal::new(None::<OperatorMsg>);
    let trouble = RwSignal::new(None::<(Place, Trouble)>);
    let done = RwSignal::new(None::<(Place, String)>);
    let last = StoredValue::new(None::<Op>);
    // The override form and the rate form.
    let chosen = RwSignal::new(String::new());
    let light = RwSignal::new(None::<ProviderStatus>);
    let light_error = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let rate = RwSignal::new(String::new());
    let rate_error = RwSignal::new(false);
    // The section whose call is under way.
    let working = RwSignal::new(None::<Place>);

    let call = Action::new_local(move |op: &Op| {
        let (api, op) = (api.clone(), op.clone());
        async move {
            let result = perform(api, op.clone()).await;
            (op, result)
        }
    });
    // One call at a time; buttons are never disabled (a disabled button drops focus).
    let run = move |op: Op| {
        if working.get_untracked().is_some() {
            return;
        }
        done.set(None);
        working.set(Some(op.place()));
        call.dispatch(op);
    };

    // A sentence said in one language is not said again in the other.
    Effect::new(move |previous: Option<()>| {
        i18n.locale.track();
        if previous.is_some() {
            done.set(None);
        }
    });

    Effect::new(move |_| {
        let Some((op, result)) = call.value().get() else {
            return;
        };
        working.set(None);
        if let Op::Load { epoch: at, .. } = &op {
            if *at != epoch.get_value() {
                return; // "forget token" came after it was sent
            }
        }
        let locale = i18n.locale.get_untracked();
        let place = op.place();
        let outcome = match result {
            Ok(outcome) => outcome,
            Err(err) => {
                let kind = Trouble::of(&err);
                if kind == Trouble::WrongToken {
                    if let Some(storage) = session_storage() {
                        let _ = storage.remove_item(TOKEN_KEY);
                    }
                    active.set(None);
                    stats.set(None);
                    lights.set(None);
                    last.set_value(None);
                    trouble.set(None);
                    token_error.set(Some(OperatorMsg::TokenWrong));
                    request_animation_frame(|| focus_by_id(TOKEN_ID));
                } else {
                    last.set_value(Some(op));
                    // Set only when it changed, so a retry button that failed again stays
                    // (and keeps focus).
                    if trouble.get_untracked() != Some((place, kind)) {
                        trouble.set(Some((place, kind)));
                    }
                }
                return;
            }
        };
        let had_trouble = trouble.get_untracked().is_some();
        trouble.set(None);
        token_error.set(None);
        last.set_value(None);
        let said = match (op, outcome) {
            (Op::Load { token, from, .. }, Outcome::Loaded(s, l)) => {
                if let Some(storage) = session_storage() {
                    let _ = storage.set_item(TOKEN_KEY, &token);
                }
                if chosen.with_untracked(String::is_empty) {
                    if let Some(first) = l.providers.first() {
                        chosen.set(first.id.clone());
                    }
                }
                active.set(Some(token));
                stats.set(Some(s));
                lights.set(Some(l));
                from.map(|place| {
                    let msg = if place == Place::Token {
                        OperatorMsg::TokenAccepted
                    } else {
                        OperatorMsg::Refreshed
                    };
                    msg.text(locale).to_owned()
                })
            }
            (Op::Light { id, request, .. }, Outcome::Lights(l)) => {
                let name = name_of(&l, &id, locale);
                lights.set(Some(l));
                Some(match request.status {
                    Some(status) => OperatorMsg::OverrideDone
                        .fill(locale, &[&name, status_text(status).text(locale)]),
                    None => OperatorMsg::OverrideCleared.fill(locale, &[&name]),
                })
            }
            (Op::Queue { request, .. }, Outcome::Queue(progress)) => {
                stats.update(|s| {
                    if let Some(s) = s {
                        s.progress = progress;
                    }
                });
                match (request.paused, request.admissions_per_minute) {
                    (Some(true), _) => Some(OperatorMsg::PausedDone.text(locale).to_owned()),
                    (Some(false), _) => Some(OperatorMsg::ResumedDone.text(locale).to_owned()),
                    (None, Some(per_minute)) => Some(
                        OperatorMsg::RateDone.fill(locale, &[&group_digits(u64::from(per_minute))]),
                    ),
                    (None, None) => None,
                }
            }
            _ => None,
        };
        done.set(said.map(|text| (place, text)));
        if had_trouble {
            refocus_if_lost(place.heading());
        }
    });

    // The title is marked as an error's while a problem is shown (as with an error summary).
    let problem_shown = move || {
        token_error.with(Option::is_some)
            || trouble.with(Option::is_some)
            || light_error.get()
            || rate_error.get()
    };
    mark_title_errors_while(problem_shown);

    // Arriving with a kept token: use it at once.
    if let Some(token) = kept {
        run(Op::Load {
            token,
            from: None,
            epoch: 0,
        });
    }

    let on_token = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let token = typed.get_untracked().trim().to_owned();
        if token.is_empty() {
            token_error.set(Some(OperatorMsg::TokenMissing));
            request_animation_frame(|| focus_by_id(TOKEN_ID));
            return;
        }
        token_error.set(None);
        run(Op::Load {
            token,
            from: Some(Place::Token),
            epoch: epoch.get_value(),
        });
    };
    let forget = move |_: leptos::ev::MouseEvent| {
        if let Some(storage) = session_storage() {
            let _ = storage.remove_item(TOKEN_KEY);
        }
        epoch.update_value(|e| *e += 1);
        typed.set(String::new());
        active.set(None);
        stats.set(None);
        lights.set(None);
        trouble.set(None);
        token_error.set(None);
        last.set_value(None);
        let locale = i18n.locale.get_untracked();
        done.set(Some((
            Place::Token,
            OperatorMsg::TokenForgotten.text(locale).to_owned(),
        )));
        focus_by_id(TOKEN_ID);
    };
    let refresh = move |_: leptos::ev::MouseEvent| {
        if let Some(token) = active.get_untracked() {
            run(Op::Load {
                token,
                from: Some(Place::Queue),
                epoch: epoch.get_value(),
            });
        }
    };
    let retry = move |_: leptos::ev::MouseEvent| {
        if let Some(op) = last.get_value() {
            run(op);
        }
    };
    let on_light = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(status) = light.get_untracked() else {
            light_error.set(true);
            request_animation_frame(|| {
                focus_by_id(&format!("yy-op-light-{}", LIGHTS[0].as_str()));
            });
            return;
        };
        light_error.set(false);
        let Some(token) = active.get_untracked() else {
            return;
        };
        let why = reason.get_untracked().trim().to_owned();
        run(Op::Light {
            token,
            id: chosen.get_untracked(),
            request: AdminProviderRequest {
                status: Some(status),
                reason: (!why.is_empty()).then_some(why),
            },
        });
    };
    let clear = move |_: leptos::ev::MouseEvent| {
        if let Some(token) = active.get_untracked() {
            run(Op::Light {
                token,
                id: chosen.get_untracked(),
                request: AdminProviderRequest {
                    status: None,
                    reason: None,
                },
            });
        }
    };
    let on_rate = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(per_minute) = parse_rate(&rate.get_untracked()) else {
            rate_error.set(true);
            request_animation_frame(|| focus_by_id(RATE_ID));
            return;
        };
        rate_error.set(false);
        if let Some(token) = active.get_untracked() {
            run(Op::Queue {
                token,
                request: AdminQueueRequest {
                    admissions_per_minute: Some(per_minute),
                    paused: None,
                },
            });
        }
    };
    let paused = move || stats.with(|s| s.as_ref().is_some_and(|s| s.progress.paused));
    let toggle_pause = move |_: leptos::ev::MouseEvent| {
        let pause = !stats.with_untracked(|s| s.as_ref().is_some_and(|s| s.progress.paused));
        if let Some(token) = active.get_untracked() {
            run(Op::Queue {
                token,
                request: AdminQueueRequest {
                    admissions_per_minute: None,
                    paused: Some(pause),
                },
            });
        }
    };

    // Below a section's controls: that its call is under way (a line that is not announced: its
    // outcome will be), what its last action did (a polite status), or why it failed (an alert,
    // with a retry when that can help).
    let feedback = move |place: Place| {
        view! {
            <Show when=move || working.get() == Some(place)>
                <div class="yy-spinner">
                    <span class="yy-spinner__icon" aria-hidden="true"></span>
                    <span class="yy-spinner__label">{t(OperatorMsg::Working)}</span>
                </div>
            </Show>
            <div role="status">
                {move || done.get().filter(|(p, _)| *p == place).map(|(_, text)| view! {
                    <Notice kind=NoticeKind::Success><p>{text}</p></Notice>
                })}
            </div>
            {move || trouble.get().filter(|(p, _)| *p == place).map(|(_, kind)| view! {
                <Notice kind=NoticeKind::Error>
                    <p>{t(kind.message())}</p>
                    {kind.can_retry().then(|| view! {
                        <button type="button" class="yy-button yy-button--secondary" on:click=retry>
                            {i18n.t(Msg::Retry)}
                        </button>
                    })}
                </Notice>
            })}
        }
    };
    // The lights, one row each: the name, the light in words and shape (with the reason), the
    // expected time.
    let rows = move || {
        lights.get().map(|l| {
            let locale = i18n.locale.get();
            l.providers
                .into_iter()
                .map(|p| {
                    let name = if locale == Locale::Ko {
                        p.name_ko
                    } else {
                        p.name_en
                    };
                    let wait =
                        Msg::ProviderWait.fill(locale, &[&p.estimated_wait_seconds.to_string()]);
                    let note = p.reason.map(|r| {
                        let lang = lang_of(&r);
                        view! { <p class="yy-field__hint" lang=lang>{r}</p> }
                    });
                    view! {
                        <tr>
                            <th scope="row">{name}</th>
                            <td><StatusTag status=p.status/>{note}</td>
                            <td>{wait}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let lights_as_of = move || {
        lights.with(|l| {
            l.as_ref()
                .map(|l| OperatorMsg::AsOf.fill(i18n.locale.get(), &[&clock_of(&l.updated_at)]))
        })
    };
    // The select's options change only with the list or the language, not with every light.
    let providers = Memo::new(move |_| {
        let locale = i18n.locale.get();
        lights.with(|l| {
            l.as_ref()
                .map(|l| {
                    l.providers
                        .iter()
                        .map(|p| (p.id.clone(), name_of(l, &p.id, locale)))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let numbers = move || {
        stats.get().map(|s| {
            let locale = i18n.locale.get();
            let p = &s.progress;
            let yes_no = if p.paused {
                OperatorMsg::Yes
            } else {
                OperatorMsg::No
            };
            let facts = [
                (
                    OperatorMsg::Waiting,
                    group_digits(p.tail.saturating_sub(p.served)),
                ),
                (OperatorMsg::Served, group_digits(p.served)),
                (OperatorMsg::Tail, group_digits(p.tail)),
                (
                    OperatorMsg::Rate,
                    group_digits(u64::from(p.admissions_per_minute)),
                ),
                (OperatorMsg::Paused, yes_no.text(locale).to_owned()),
                (OperatorMsg::Tickets, group_digits(s.tickets)),
                (OperatorMsg::TicketsLeft, group_digits(s.tickets_left)),
                (OperatorMsg::Admissions, group_digits(s.admissions)),
                (OperatorMsg::Bookings, group_digits(s.reservations_active)),
                (
                    OperatorMsg::Cancelled,
                    group_digits(s.reservations_cancelled),
                ),
            ];
            let as_of = OperatorMsg::AsOf.fill(locale, &[&clock_of(&p.updated_at)]);
            view! {
                <dl class="yy-summary">
                    {facts
                        .into_iter()
                        .map(|(label, value)| view! {
                            <div class="yy-summary__row">
                                <dt>{label.text(locale)}</dt>
                                <dd>{value}</dd>
                            </div>
                        })
                        .collect_view()}
                </dl>
                <p class="yy-field__hint">{as_of}</p>
            }
        })
    };

    view! {
        <div class="yy-page yy-operator">
            <h1 class="yy-page__title">{i18n.t(Msg::OperatorTitle)}</h1>
            <p class="yy-page__lead">{t(OperatorMsg::Lead)}</p>

            <section aria-labelledby="yy-op-token-title">
                <h2 class="yy-section-title" id="yy-op-token-title" tabindex="-1">{t(OperatorMsg::TokenTitle)}</h2>
                <form class="yy-form" on:submit=on_token novalidate>
                    <div class="yy-field" class:yy-field--error=move || token_error.with(Option::is_some)>
                        <label class="yy-field__label" for=TOKEN_ID>{t(OperatorMsg::TokenLabel)}</label>
                        <p class="yy-field__hint" id="yy-op-token-hint">{t(OperatorMsg::TokenHint)}</p>
                        {move || token_error.get().map(|m| view! {
                            <p class="yy-field__error" id="yy-op-token-error" role="alert">{t(m)}</p>
                        })}
                        <input
                            class="yy-input"
                            id=TOKEN_ID
                            name="token"
                            type="password"
                            autocomplete="off"
                            spellcheck="false"
                            aria-describedby=move || if token_error.with(Option::is_some) { "yy-op-token-hint yy-op-token-error" } else { "yy-op-token-hint" }
                            aria-invalid=move || token_error.with(Option::is_some).then_some("true")
                            prop:value=typed
                            on:input=move |ev| typed.set(event_target_value(&ev))
                        />
                    </div>
                    <div class="yy-button-row">
                        <button type="submit" class="yy-button yy-button--primary">{t(OperatorMsg::TokenUse)}</button>
                        <button type="button" class="yy-button yy-button--secondary" on:click=forget>{t(OperatorMsg::TokenForget)}</button>
                    </div>
                </form>
                {feedback(Place::Token)}
            </section>

            <Show when=move || active.with(Option::is_some)>
                <section aria-labelledby="yy-op-lights-title">
                    <h2 class="yy-section-title" id="yy-op-lights-title" tabindex="-1">{t(OperatorMsg::LightsTitle)}</h2>
                    <table class="yy-table">
                        <caption>
                            {t(OperatorMsg::LightsCaption)}
                            <span class="yy-field__hint">" "{lights_as_of}</span>
                        </caption>
                        <thead>
                            <tr>
                                <th scope="col">{t(OperatorMsg::ColProvider)}</th>
                                <th scope="col">{t(OperatorMsg::ColStatus)}</th>
                                <th scope="col">{t(OperatorMsg::ColWait)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>

                    <h3 class="yy-section-title">{t(OperatorMsg::OverrideTitle)}</h3>
                    <p class="yy-field__hint">{t(OperatorMsg::OverrideHint)}</p>
                    <form class="yy-form" on:submit=on_light novalidate>
                        <div class="yy-field">
                            <label class="yy-field__label" for=PROVIDER_ID>{t(OperatorMsg::ColProvider)}</label>
                            <select
                                class="yy-input"
                                id=PROVIDER_ID
                                name="provider"
                                on:change=move |ev| chosen.set(event_target_value(&ev))
                            >
                                {move || {
                                    providers
                                        .get()
                                        .into_iter()
                                        .map(|(id, name)| {
                                            let value = id.clone();
                                            view! { <option value=id selected=move || chosen.get() == value>{name}</option> }
                                        })
                                        .collect_view()
                                }}
                            </select>
                        </div>
                        <fieldset
                            class="yy-fieldset"
                            aria-describedby=move || light_error.get().then_some("yy-op-light-error")
                        >
                            <legend class="yy-fieldset__legend">{t(OperatorMsg::OverrideLegend)}</legend>
                            <Show when=move || light_error.get()>
                                <p class="yy-field__error" id="yy-op-light-error" role="alert">{t(OperatorMsg::ChooseStatus)}</p>
                            </Show>
                            <div class="yy-choices">
                                {LIGHTS
                                    .into_iter()
                                    .map(|status| {
                                        let id = format!("yy-op-light-{}", status.as_str());
                                        view! {
                                            <div class="yy-choice">
                                                <input
                                                    class="yy-choice__input"
                                                    type="radio"
                                                    name="yy-op-light"
                                                    id=id.clone()
                                                    value=status.as_str()
                                                    prop:checked=move || light.get() == Some(status)
                                                    on:change=move |_| {
                                                        light.set(Some(status));
                                                        light_error.set(false);
                                                    }
                                                />
                                                <label class="yy-choice__label" for=id>
                                                    <StatusTag status=status/>
                                                </label>
                                            </div>
                                        }
                                    })
                                    .collect_view()}
                            </div>
                        </fieldset>
                        <div class="yy-field">
                            <label class="yy-field__label" for="yy-op-reason">{t(OperatorMsg::ReasonLabel)}</label>
                            <p class="yy-field__hint" id="yy-op-reason-hint">{t(OperatorMsg::ReasonHint)}</p>
                            <input
                                class="yy-input"
                                id="yy-op-reason"
                                name="reason"
                                maxlength="200"
                                autocomplete="off"
                                aria-describedby="yy-op-reason-hint"
                                prop:value=reason
                                on:input=move |ev| reason.set(event_target_value(&ev))
                            />
                        </div>
                        <div class="yy-button-row">
                            <button type="submit" class="yy-button yy-button--primary">{t(OperatorMsg::OverrideSubmit)}</button>
                            <button type="button" class="yy-button yy-button--secondary" on:click=clear>{t(OperatorMsg::OverrideClear)}</button>
                        </div>
                    </form>
                    {feedback(Place::Lights)}
                </section>

                <section aria-labelledby="yy-op-queue-title">
                    <h2 class="yy-section-title" id="yy-op-queue-title" tabindex="-1">{t(OperatorMsg::QueueTitle)}</h2>
                    {numbers}
                    <form class="yy-form" on:submit=on_rate novalidate>
                        <div class="yy-field" class:yy-field--error=move || rate_error.get()>
                            <label class="yy-field__label" for=RATE_ID>{t(OperatorMsg::RateLabel)}</label>
                            <p class="yy-field__hint" id="yy-op-rate-hint">{t(OperatorMsg::RateHint)}</p>
                            <Show when=move || rate_error.get()>
                                <p class="yy-field__error" id="yy-op-rate-error" role="alert">{t(OperatorMsg::RateInvalid)}</p>
                            </Show>
                            <input
                                class="yy-input yy-input--short"
                                id=RATE_ID
                                name="rate"
                                inputmode="numeric"
                                autocomplete="off"
                                aria-describedby=move || if rate_error.get() { "yy-op-rate-hint yy-op-rate-error" } else { "yy-op-rate-hint" }
                                aria-invalid=move || rate_error.get().then_some("true")
                                prop:value=rate
                                on:input=move |ev| rate.set(event_target_value(&ev))
                            />
                        </div>
                        <button type="submit" class="yy-button yy-button--primary">{t(OperatorMsg::RateSubmit)}</button>
                    </form>
                    <p class="yy-field__hint" id="yy-op-pause-hint">{t(OperatorMsg::PauseHint)}</p>
                    <div class="yy-button-row">
                        <button
                            type="button"
                            class="yy-button yy-button--secondary"
                            aria-describedby="yy-op-pause-hint"
                            on:click=toggle_pause
                        >
                            {move || t(if paused() { OperatorMsg::Resume } else { OperatorMsg::Pause })()}
                        </button>
                        <button type="button" class="yy-button yy-button--secondary" on:click=refresh>{t(OperatorMsg::Refresh)}</button>
                    </div>
                    {feedback(Place::Queue)}
                </section>
            </Show>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yeyak_protocol::Problem;

    fn refused(status: u16, code: &str) -> ApiError {
        ApiError::Problem(Box::new(Problem::new(status, code, "t", None)))
    }

    #[test]
    fn each_failure_says_what_to_do() {
        assert_eq!(
            Trouble::of(&refused(401, "unauthorized")),
            Trouble::WrongToken
        );
        assert_eq!(Trouble::of(&refused(403, "forbidden")), Trouble::WrongToken);
        assert_eq!(Trouble::of(&refused(404, "not_found")), Trouble::NotEnabled);
        assert_eq!(
            Trouble::of(&refused(422, "invalid_field")),
            Trouble::Refused
        );
        assert_eq!(Trouble::of(&ApiError::Network), Trouble::Network);
        assert_eq!(Trouble::of(&ApiError::Timeout), Trouble::Network);
        let proxy = ApiError::Http {
            status: 502,
            retry_after_ms: None,
        };
        assert_eq!(Trouble::of(&proxy), Trouble::Network);
        assert!(Trouble::Network.can_retry());
        assert!(!Trouble::NotEnabled.can_retry());
    }

    #[test]
    fn a_rate_is_a_whole_number_within_the_servers_limit() {
        assert_eq!(parse_rate("1200"), Some(1_200));
        assert_eq!(parse_rate(" 1,200 "), Some(1_200));
        assert_eq!(parse_rate("0"), Some(0));
        assert_eq!(parse_rate("10000000"), Some(MAX_RATE));
        assert_eq!(parse_rate("10000001"), None);
        assert_eq!(parse_rate(""), None);
        assert_eq!(parse_rate("-5"), None);
        assert_eq!(parse_rate("1.5"), None);
    }

    #[test]
    fn the_particle_after_a_light_agrees_with_it() {
        let set = |status| OperatorMsg::OverrideDone.fill(Locale::Ko, &["카카오", status]);
        assert_eq!(set("지연"), "카카오: 지연으로 지정했습니다.");
        assert_eq!(set("선택 불가"), "카카오: 선택 불가로 지정했습니다.");
        assert_eq!(set("원활"), "카카오: 원활로 지정했습니다.");
        assert_eq!(
            OperatorMsg::OverrideDone.fill(Locale::En, &["Kakao", "Unavailable"]),
            "Kakao is now set to Unavailable."
        );
    }

    #[test]
    fn an_operators_korean_reason_is_marked_korean() {
        assert_eq!(lang_of("maintenance"), None);
        assert_eq!(lang_of("\u{C810}\u{AC80}"), Some("ko"));
    }
}

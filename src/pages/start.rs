//! The start page: the campaign, today's digit, the hours, tips, and the birth-date check.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::boot::config::at;
use crate::components::notice::{Failed, Notice, NoticeKind};
use crate::components::page_title::use_page_title;
use crate::components::spinner::Spinner;
use crate::domain::dates::split_instant;
use crate::domain::eligibility::{check, Eligibility};
use crate::domain::fields;
use crate::domain::standing::{self, Held};
use crate::i18n::{use_i18n, Locale, Msg};
use crate::pages::blocked::holdings;
use crate::pages::use_api;
use crate::state::journey::use_journey;

/// `/`: what this is, who may book when, and "is today my day?".
#[component]
pub fn StartPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    use_page_title(Msg::StartTitle);
    let campaign = LocalResource::new(move || {
        let api = api.clone();
        async move { api.campaign().await }
    });
    let birth = RwSignal::new(String::new());

    let facts = move || {
        campaign.get().map(|loaded| match loaded {
            Err(err) => view! {
                <Failed message=err.message() on_retry=Callback::new(move |()| campaign.refetch())/>
            }
            .into_any(),
            Ok(c) => {
                let locale = move || i18n.locale.get();
                let cohort = c.cohort;
                let window = c.window.clone();
                let status = c.clone();
                view! {
                    <ul class="yy-facts">
                        <li>{move || Msg::CampaignCohort.fill(locale(), &[&cohort.birth_year_from.to_string(), &cohort.birth_year_to.to_string()])}</li>
                        <li>{move || if window.always_open {
                            Msg::CampaignWindowAlways.text(locale()).to_owned()
                        } else {
                            Msg::CampaignWindow.fill(locale(), &[&window.opens, &window.closes])
                        }}</li>
                        <li class="yy-facts__today">{move || today_line(&status, locale())}</li>
                    </ul>
                    <h2 class="yy-section-title">{i18n.t(Msg::TipsHeading)}</h2>
                    <ul class="yy-tips">
                        {c.notices.iter().map(|n| {
                            let (ko, en) = (n.ko.clone(), n.en.clone());
                            view! { <li>{move || if locale() == Locale::Ko { ko.clone() } else { en.clone() }}</li> }
                        }).collect_view()}
                        <li>{i18n.t(Msg::SelfOnly)}</li>
                    </ul>
                }
                .into_any()
            }
        })
    };

    // The birth date as it was when the citizen pressed the button. The answer is worked out
    // from it and the campaign, so a press before the campaign has arrived waits for it
    // (a slow phone, a fast thumb) instead of reporting a network error.
    let submitted = RwSignal::new(None::<String>);
    let result = Memo::new(move |_| {
        let entered = submitted.get()?;
        let outcome = match fields::birth_date(&entered) {
            Err(msg) => Some(Err(msg)),
            Ok(date) => match campaign.get() {
                None => None,
                Some(Err(err)) => Some(Err(err.message())),
                Some(Ok(c)) => Some(Ok(check(&c, date))),
            },
        };
        Some(outcome)
    });
    let on_check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(Some(birth.get_untracked()));
    };
    Effect::new(move |_| {
        if let Some(Some(Ok(Eligibility::Today))) = result.get() {
            crate::pages::later::prefetch(crate::pages::later::Chunk::Verify);
        }
    });

    let result_view = move || {
        result.get().map(|outcome| {
            let locale = i18n.locale.get();
            let Some(outcome) = outcome else {
                return view! { <Spinner label=Msg::Loading/> }.into_any();
            };
            match outcome {
                Ok(Eligibility::Today) => view! {
                    <Notice kind=NoticeKind::Success>
                        <h3 class="yy-notice__title" id="yy-check-result" tabindex="-1">{i18n.t(Msg::ResultToday)}</h3>
                        <A href=at("/verify") attr:class="yy-button yy-button--primary">{i18n.t(Msg::StartBooking)}</A>
                    </Notice>
                }
                .into_any(),
                Ok(Eligibility::Later { date, opens }) => view! {
                    <Notice kind=NoticeKind::Info>
                        <h3 class="yy-notice__title" id="yy-check-result" tabindex="-1">
                            {Msg::ResultLater.fill(locale, &[&date.human(locale), &opens])}
                        </h3>
                    </Notice>
                }
                .into_any(),
                Ok(Eligibility::NotInCohort { from, to }) => view! {
                    <Notice kind=NoticeKind::Warning>
                        <h3 class="yy-notice__title" id="yy-check-result" tabindex="-1">
                            {Msg::ResultNotInCohort.fill(locale, &[&from.to_string(), &to.to_string()])}
                        </h3>
                    </Notice>
                }
                .into_any(),
                Ok(Eligibility::Over) => view! {
                    <Notice kind=NoticeKind::Warning>
                        <h3 class="yy-notice__title" id="yy-check-result" tabindex="-1">{i18n.t(Msg::ResultOver)}</h3>
                    </Notice>
                }
                .into_any(),
                Err(msg) => view! {
                    <p class="yy-field__error" id="yy-check-result" tabindex="-1">{i18n.t(msg)}</p>
                }
                .into_any(),
            }
        })
    };
    Effect::new(move |_| {
        // Pressing again with the same date moves the focus again: `submitted` notifies.
        submitted.track();
        if matches!(result.get(), Some(Some(_))) {
            request_animation_frame(|| {
                crate::components::error_summary::focus_by_id("yy-check-result")
            });
        }
    });
    let invalid = move || matches!(result.get(), Some(Some(Err(_))));

    view! {
        <div class="yy-page yy-start">
            <h1 class="yy-page__title">{i18n.t(Msg::ServiceName)}</h1>
            <HeldNotice/>
            <p class="yy-page__lead">{i18n.t(Msg::StartLead)}</p>
            <div class="yy-start__facts">
                <Suspense fallback=|| view! { <Spinner label=Msg::Loading/> }>{facts}</Suspense>
            </div>
            <section class="yy-card" aria-labelledby="yy-check-title">
                <h2 class="yy-section-title" id="yy-check-title">{i18n.t(Msg::CheckHeading)}</h2>
                <form class="yy-form" on:submit=on_check novalidate>
                    <div class="yy-field" class:yy-field--error=invalid>
                        <label class="yy-field__label" for="yy-start-birth">{i18n.t(Msg::BirthLabel)}</label>
                        <p class="yy-field__hint" id="yy-start-birth-hint">{i18n.t(Msg::BirthHint)}</p>
                        <input
                            class="yy-input yy-input--short"
                            id="yy-start-birth"
                            name="birth"
                            inputmode="numeric"
                            autocomplete="bday"
                            aria-describedby="yy-start-birth-hint"
                            aria-invalid=move || invalid().then_some("true")
                            prop:value=birth
                            on:input=move |ev| birth.set(event_target_value(&ev))
                        />
                    </div>
                    <button type="submit" class="yy-button yy-button--primary">{i18n.t(Msg::CheckButton)}</button>
                </form>
                <div class="yy-check-result">{result_view}</div>
            </section>
            <p class="yy-start__manage"><A href=at("/manage") attr:class="yy-link">{i18n.t(Msg::ManageLink)}</A></p>
        </div>
    }
}

/// What this tab already holds, first and with the way back: a place in line, a turn to book,
/// a booking. A citizen who comes back to `/` (or a portal that reopened its frame) never starts
/// over to learn they still hold it.
#[component]
fn HeldNotice() -> impl IntoView {
    let i18n = use_i18n();
    let journey = use_journey();
    let held = move || {
        journey
            .with(|j| standing::held(holdings(j)))
            .map(|held| match held {
                Held::Booking => (Msg::HeldBookingTitle, Msg::HeldBookingLink, "/done"),
                Held::Turn => (Msg::HeldTurnTitle, Msg::HeldTurnLink, "/book"),
                Held::Place => (Msg::HeldPlaceTitle, Msg::HeldPlaceLink, "/queue"),
            })
    };
    move || {
        held().map(|(title, link, route)| {
            view! {
                <Notice kind=NoticeKind::Info>
                    <h2 class="yy-notice__title" id="yy-held">{i18n.t(title)}</h2>
                    <A href=at(route) attr:class="yy-button yy-button--primary" attr:aria-describedby="yy-held">{i18n.t(link)}</A>
                </Notice>
            }
        })
    }
}

fn today_line(campaign: &yeyak_protocol::CampaignResponse, locale: Locale) -> String {
    if campaign.open_now {
        return match campaign.today_digit {
            Some(digit) => Msg::CampaignTodayDigit.fill(locale, &[&digit.to_string()]),
            None => Msg::CampaignTodayAll.text(locale).to_owned(),
        };
    }
    match campaign.next_opens_at.as_deref().and_then(split_instant) {
        Some((date, time)) => Msg::CampaignClosed.fill(locale, &[&date.human(locale), &time]),
        None => Msg::CampaignOver.text(locale).to_owned(),
    }
}

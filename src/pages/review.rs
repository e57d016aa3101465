//! Review and confirm. The Idempotency-Key is made once per confirm and reused for its
//! retries, so a retry never books twice; a slot taken meanwhile offers the nearest others.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use yeyak_protocol::{SlotAlternative, SlotAvailability};

use crate::api::{random_id, ApiError};
use crate::boot::config::at;
use crate::components::admission_timer::AdmissionTimer;
use crate::components::error_summary::ErrorSummary;
use crate::components::notice::{Notice, NoticeKind};
use crate::components::page_title::use_page_title;
use crate::components::spinner::Spinner;
use crate::domain::dates::Date;
use crate::domain::fields::Field;
use crate::i18n::{use_i18n, LaterMsg, Msg};
use crate::pages::book::vaccine_name;
use crate::pages::use_api;
use crate::state::journey::use_journey;
use crate::state::stored::Stored;

/// `/review`.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let journey = use_journey();
    let navigate = use_navigate();
    use_page_title(Msg::ReviewTitle);
    let consent = RwSignal::new(false);
    let consent_error = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);

    let reserve_api = api.clone();
    let reserve = Action::new_local(move |_: &()| {
        let api = reserve_api.clone();
        // One key per booking attempt: made here once, kept in sessionStorage for its retries.
        let key = journey
            .with_untracked(|j| j.idempotency_key.clone())
            .unwrap_or_else(|| {
                let key = random_id();
                journey.update(|j| j.idempotency_key = Some(key.clone()));
                key
            });
        let (admission, slot, changing) = journey.with_untracked(|j| {
            (
                j.admission_token.clone(),
                j.choice.slot.as_ref().and_then(Stored::get),
                j.changing.clone(),
            )
        });
        async move {
            match (admission, slot, changing) {
                // Changing an existing reservation: the manage token, no admission needed.
                (_, Some(slot), Some(changing)) => {
                    api.change(&changing.number, &changing.manage_token, slot.slot_id)
                        .await
                }
                (Some(admission), Some(slot), None) => {
                    api.reserve(&admission, &key, slot.slot_id).await
                }
                _ => Err(ApiError::Problem(Box::new(yeyak_protocol::Problem::new(
                    410,
                    "admission_expired",
                    "",
                    None,
                )))),
            }
        }
    });
    let to_done = navigate.clone();
    Effect::new(move |_| match reserve.value().get() {
        Some(Ok(reservation)) => {
            journey.update(|j| {
                j.reservation = Stored::new(&reservation);
                j.idempotency_key = None;
                j.changed = j.changing.take().is_some();
            });
            to_done("/done", Default::default());
        }
        Some(Err(err)) => failure.set(Some(err)),
        None => {}
    });

    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !consent.get() {
            consent_error.set(true);
            return;
        }
        consent_error.set(false);
        failure.set(None);
        reserve.dispatch(());
    };
    let to_book = navigate.clone();
    let choose_alternative = move |alt: SlotAlternative| {
        journey.update(|j| {
            if j.choice.center.as_ref().and_then(Stored::get).map(|c| c.id) == Some(alt.center_id) {
                j.choice.date = Some(alt.date.clone());
                j.choice.slot = Stored::new(&SlotAvailability {
                    slot_id: alt.slot_id,
                    time: alt.time.clone(),
                    capacity: 0,
                    remaining: alt.remaining,
                });
                // A different slot is a different request: it gets a new key.
                j.idempotency_key = None;
            } else {
                // Another centre: pick its details again from the centre step.
                j.choice.center = None;
                j.choice.step = 2;
            }
        });
        failure.set(None);
        if journey.with_untracked(|j| j.choice.center.is_some()) {
            reserve.dispatch(());
        } else {
            to_book("/book", Default::default());
        }
    };
    let rejoin_api = api.clone();
    let rejoin = move |_| {
        let api = rejoin_api.clone();
        let navigate = navigate.clone();
        let token = journey.get_untracked().auth_token;
        leptos::task::spawn_local(async move {
            let joined = match token {
                Some(token) => api.join_queue(&token).await.ok(),
                None => None,
            };
            match joined {
                Some(ticket) => {
                    journey.update(|j| {
                        j.ticket = Some(ticket.ticket);
                        j.sequence = Some(ticket.sequence);
                        j.ahead_at_join = None;
                        j.admission_token = None;
                    });
                    navigate("/queue", Default::default());
                }
                None => navigate("/verify", Default::default()),
            }
        });
    };

    // The last place went to someone else: the slot is marked so, and confirming it is withdrawn.
    let slot_gone =
        move || failure.with(|f| f.as_ref().and_then(|e| e.code()) == Some("slot_full"));
    let summary = move || {
        let locale = i18n.locale.get();
        journey.with(|j| {
            let c = &j.choice;
            let center = c.center.as_ref()?.get()?;
            let slot = c.slot.as_ref()?.get()?;
            let date = c.date.as_deref().and_then(Date::parse_loose)?;
            Some(view! {
                <dl class="yy-summary">
                    <div class="yy-summary__row"><dt>{i18n.t(LaterMsg::ReviewCenter)}</dt><dd><span lang="ko">{center.name.clone()}</span><br/><span lang="ko">{center.address.clone()}</span></dd></div>
                    <div class="yy-summary__row"><dt>{i18n.t(LaterMsg::ReviewVaccine)}</dt><dd>{vaccine_name(&center.vaccine, locale)}</dd></div>
                    <div class="yy-summary__row"><dt>{i18n.t(LaterMsg::ReviewFirstDose)}</dt><dd>{Msg::DoseAt.fill(locale, &[&date.human(locale), &slot.time])}{slot_gone().then(|| view! { " " <strong class="yy-summary__gone">{i18n.t(LaterMsg::SlotGone)}</strong> })}</dd></div>
                    <div class="yy-summary__row"><dt>{i18n.t(LaterMsg::ReviewSecondDose)}</dt><dd>{LaterMsg::SecondDoseAfter.fill(locale, &[&center.vaccine.second_dose_interval_days.to_string()])}</dd></div>
                </dl>
            })
        })
    };

    let failure_view = move || {
        failure.get().map(|err| {
            let alternatives = err.problem().and_then(|p| p.alternatives.clone()).unwrap_or_default();
            let expired = matches!(err.code(), Some("admission_expired" | "ticket_expired"));
            let already = err.code() == Some("already_reserved");
            // No answer, or a broken one: the same key goes again, so a retry cannot book twice.
            let retry = err.is_transient();
            let message = if err == ApiError::Timeout { Msg::ErrBookingTimeout } else { err.message() };
            let rejoin = rejoin.clone();
            view! {
                <Notice kind=NoticeKind::Error>
                    <p>{i18n.t(message)}</p>
                    {expired.then(|| view! {
                        <button type="button" class="yy-button yy-button--primary" on:click=rejoin.clone()>{i18n.t(LaterMsg::RejoinQueue)}</button>
                    })}
                    {retry.then(|| view! {
                        <button type="button" class="yy-button yy-button--primary" on:click=move |_| {
                            failure.set(None);
                            reserve.dispatch(());
                        }>{i18n.t(Msg::Retry)}</button>
                    })}
                    {already.then(|| view! {
                        <p><A href=at("/manage") attr:class="yy-link">{i18n.t(Msg::ManageLink)}</A></p>
                    })}
                </Notice>
                {(!alternatives.is_empty()).then(|| view! {
                    <h2 class="yy-section-title">{i18n.t(LaterMsg::Alternatives)}</h2>
                    <ul class="yy-alternatives">
                        {alternatives.into_iter().enumerate().map(|(n, alt)| {
                            let locale = i18n.locale.get_untracked();
                            let when = Date::parse_loose(&alt.date).map(|d| Msg::DoseAt.fill(locale, &[&d.human(locale), &alt.time])).unwrap_or_default();
                            let label = format!(" · {} · {}", when, LaterMsg::Remaining.fill(locale, &[&alt.remaining.to_string()]));
                            let pick = alt.clone();
                            let choose_alternative = choose_alternative.clone();
                            // Each button is named by its own place and time, not only "book this".
                            let button_id = format!("yy-alt-{n}");
                            let about_id = format!("yy-alt-{n}-about");
                            let labelled_by = format!("{button_id} {about_id}");
                            view! {
                                <li class="yy-alternatives__item">
                                    <span id=about_id><span lang="ko">{alt.center_name.clone()}</span>{label}</span>
                                    <button type="button" class="yy-button yy-button--secondary" id=button_id aria-labelledby=labelled_by on:click=move |_| choose_alternative(pick.clone())>
                                        {i18n.t(LaterMsg::ChooseAlternative)}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })}
            }
        })
    };

    view! {
        <div class="yy-page yy-review">
            <h1 class="yy-page__title">{i18n.t(Msg::ReviewTitle)}</h1>
            <Show when=move || journey.with(|j| j.changing.is_none())>
                <AdmissionTimer/>
            </Show>
            {summary}
            {failure_view}
            <ErrorSummary
                errors=Signal::derive(move || if consent_error.get() { vec![(Field::Consent, Msg::ConsentRequired)] } else { Vec::new() })
                general=Signal::derive(|| None)/>
            <form class="yy-form" on:submit=confirm novalidate>
                <div class="yy-field" class:yy-field--error=move || consent_error.get()>
                    <Show when=move || consent_error.get()>
                        <p class="yy-field__error" id="yy-consent-error">{i18n.t(Msg::ConsentRequired)}</p>
                    </Show>
                    <div class="yy-checkbox">
                        <input
                            class="yy-checkbox__input"
                            type="checkbox"
                            id="yy-consent"
                            aria-describedby=move || consent_error.get().then_some("yy-consent-error")
                            prop:checked=consent
                            on:change=move |ev| consent.set(event_target_checked(&ev))
                        />
                        <label class="yy-checkbox__label" for="yy-consent">{i18n.t(LaterMsg::Consent)}</label>
                    </div>
                </div>
                <Show when=move || reserve.pending().get()>
                    <Spinner label=Msg::Booking/>
                </Show>
                <Show when=move || !slot_gone()>
                    <button type="submit" class="yy-button yy-button--primary" disabled=move || reserve.pending().get()>
                        {move || if journey.with(|j| j.changing.is_some()) { i18n.t(LaterMsg::ConfirmChange)() } else { i18n.t(LaterMsg::Confirm)() }}
                    </button>
                </Show>
            </form>
        </div>
    }
}

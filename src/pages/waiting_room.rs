//! The waiting room: position from the shared progress response and the ticket's own number,
//! an honest ETA range, the advice not to reconnect, leaving with confirmation; when the
//! number comes up, the ticket is redeemed and the booking starts.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use yeyak_protocol::QueueProgressResponse;

use crate::components::notice::{Notice, NoticeKind};
use crate::components::page_title::use_page_title;
use crate::components::spinner::Spinner;
use crate::domain::queue_view::{eta_minutes, view as queue_view};
use crate::i18n::{use_i18n, Msg};
use crate::journey::use_journey;
use crate::pages::use_api;
use yeyak_herd::{PollInput, PollPolicy};

use crate::timing::{kst_clock, now_ms, sleep, use_alive};

/// Whether the page is in a background tab (it then polls less, keeping the ticket alive).
fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.hidden())
}

/// `/queue`.
#[component]
pub fn WaitingRoomPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let journey = use_journey();
    let navigate = use_navigate();
    use_page_title(Msg::QueueTitle);
    let progress = RwSignal::new(None::<QueueProgressResponse>);
    let last_contact = RwSignal::new(None::<f64>);
    let reconnecting = RwSignal::new(false);
    let failure = RwSignal::new(None::<Msg>);
    let confirming_leave = RwSignal::new(false);
    let left = RwSignal::new(false);
    let alive = use_alive();

    let poll_api = api.clone();
    let to_book = navigate.clone();
    leptos::task::spawn_local(async move {
        let (Some(ticket), Some(sequence)) =
            journey.with_untracked(|j| (j.ticket.clone(), j.sequence))
        else {
            return;
        };
        let policy = PollPolicy::default();
        // Until the first answer, assume the front of the line (the quickest safe pace).
        let mut input = PollInput {
            server_hint_ms: 2_000,
            ..PollInput::default()
        };
        // A crowd that opens the page together spreads out before its first poll.
        sleep(policy.first_delay_ms(js_sys::Math::random()) as u32).await;
        while alive.get() {
            let polled = poll_api.progress().await;
            if !alive.get() {
                return;
            }
            match polled {
                Ok(p) => {
                    input.failures = 0;
                    input.retry_after_ms = None;
                    input.ahead = sequence.saturating_sub(p.served + 1);
                    // Paused or not, the configured rate sets the pace; a pause's longer hint
                    // is the floor.
                    input.admissions_per_minute = p.admissions_per_minute;
                    input.server_hint_ms = p.poll_after_ms;
                    reconnecting.set(false);
                    last_contact.set(Some(now_ms()));
                    if journey.with_untracked(|j| j.ahead_at_join.is_none()) {
                        journey.update(|j| {
                            j.ahead_at_join = Some(sequence.saturating_sub(p.served + 1))
                        });
                    }
                    let served = p.served >= sequence;
                    progress.set(Some(p));
                    if served {
                        let redeemed = poll_api.redeem(&ticket).await;
                        if !alive.get() {
                            return;
                        }
                        match redeemed {
                            Ok(admission) => {
                                journey.update(|j| {
                                    j.admission_token = Some(admission.admission_token);
                                    j.admission_expires_at = Some(admission.expires_at);
                                    j.extensions_left = Some(admission.extensions_left);
                                });
                                to_book("/book", Default::default());
                                return;
                            }
                            Err(err) if err.code() == Some("not_yet_served") => {
                                input.retry_after_ms = err.retry_after_ms();
                            }
                            Err(err) if err.is_transient() => {
                                input.failures += 1;
                                input.retry_after_ms = err.retry_after_ms();
                            }
                            Err(err) => {
                                failure.set(Some(err.message()));
                                return;
                            }
                        }
                    }
                }
                Err(err) => {
                    input.failures += 1;
                    input.retry_after_ms = err.retry_after_ms();
                    reconnecting.set(true);
                }
            };
            input.hidden = page_hidden();
            sleep(policy.next_delay_ms(&input, js_sys::Math::random()) as u32).await;
        }
    });

    let numbers = move || {
        let sequence = journey.with(|j| j.sequence)?;
        let ahead_at_join = journey.with(|j| j.ahead_at_join).unwrap_or(0);
        progress
            .get()
            .map(|p| (queue_view(sequence, p.served, p.tail, ahead_at_join), p))
    };
    let leave = Callback::new(move |()| {
        let api = api.clone();
        if let Some(ticket) = journey.get_untracked().ticket {
            leptos::task::spawn_local(async move {
                let _ = api.leave_queue(&ticket).await;
            });
        }
        journey.update(|j| {
            j.ticket = None;
            j.sequence = None;
            j.ahead_at_join = None;
        });
        left.set(true);
    });

    view! {
        <div class="yy-page yy-queue">
            <h1 class="yy-page__title">{i18n.t(Msg::QueueTitle)}</h1>
            <Show when=move || !left.get() fallback=move || view! {
                <Notice kind=NoticeKind::Info><p>{i18n.t(Msg::LeftQueue)}</p></Notice>
                <A href="/" attr:class="yy-link">{i18n.t(Msg::GoToStart)}</A>
            }>
                <Notice kind=NoticeKind::Info><p class="yy-queue__advice">{i18n.t(Msg::QueueAdvice)}</p></Notice>
                {move || failure.get().map(|m| view! { <Notice kind=NoticeKind::Error><p>{i18n.t(m)}</p></Notice> })}
                <Show when=move || reconnecting.get()>
                    <Notice kind=NoticeKind::Warning><p>{i18n.t(Msg::QueueReconnecting)}</p></Notice>
                </Show>
                {move || match numbers() {
                    None => view! { <Spinner label=Msg::Loading/> }.into_any(),
                    Some((v, p)) => {
                        let locale = i18n.locale.get();
                        let eta = if p.paused {
                            Msg::QueuePaused.text(locale).to_owned()
                        } else {
                            match eta_minutes(v.ahead, p.admissions_per_minute, p.paused) {
                                Some((low, high)) => Msg::QueueEtaRange.fill(locale, &[&low.to_string(), &high.to_string()]),
                                None => Msg::QueueEtaLong.text(locale).to_owned(),
                            }
                        };
                        view! {
                            <dl class="yy-queue__numbers">
                                <div class="yy-queue__number">
                                    <dt>{i18n.t(Msg::QueueAhead)}</dt>
                                    <dd class="yy-queue__big">{v.ahead.to_string()}</dd>
                                </div>
                                <div class="yy-queue__number">
                                    <dt>{i18n.t(Msg::QueueBehind)}</dt>
                                    <dd>{v.behind.to_string()}</dd>
                                </div>
                                <div class="yy-queue__number">
                                    <dt>{i18n.t(Msg::QueueEta)}</dt>
                                    <dd>{eta}</dd>
                                </div>
                            </dl>
                            <label class="yy-field__label" for="yy-queue-progress">{i18n.t(Msg::QueueProgressLabel)}</label>
                            <progress class="yy-progress" id="yy-queue-progress" max="100" value=v.percent.to_string()>
                                {format!("{}%", v.percent)}
                            </progress>
                        }
                        .into_any()
                    }
                }}
                <p class="yy-field__hint">
                    {move || last_contact.get().map(|t| Msg::QueueLastContact.fill(i18n.locale.get(), &[&kst_clock(t)]))}
                </p>
                <Show when=move || confirming_leave.get() fallback=move || view! {
                    <button type="button" class="yy-button yy-button--secondary" on:click=move |_| confirming_leave.set(true)>
                        {i18n.t(Msg::LeaveQueue)}
                    </button>
                }>
                    <div class="yy-confirm" role="group" aria-labelledby="yy-leave-question">
                        <p id="yy-leave-question">{i18n.t(Msg::LeaveConfirm)}</p>
                        <div class="yy-button-row">
                            <button type="button" class="yy-button yy-button--danger" on:click=move |_| leave.run(())>{i18n.t(Msg::LeaveYes)}</button>
                            <button type="button" class="yy-button yy-button--secondary" on:click=move |_| confirming_leave.set(false)>{i18n.t(Msg::LeaveNo)}</button>
                        </div>
                    </div>
                </Show>
            </Show>
        </div>
    }
}

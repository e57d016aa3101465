//! The waiting room: position from the shared progress response and the ticket's own number,
//! moving between checks at the observed rate (labelled an estimate), an honest ETA range,
//! connection health, the advice not to reconnect, one polite live region, a control that
//! pauses the updates, and leaving with confirmation. When the number comes up, the booking
//! starts (see `queue_watch` for the polling and the tabs).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::boot::config::at;
use crate::browser::alert;
use crate::browser::tabs::{use_tabs, TabMessage};
use crate::browser::timing::{
    group_digits, kst_hour_minute, mono_ms, prefers_reduced_motion, service_now_ms, use_clock,
};
use crate::components::live_region::{use_announcer, LiveRegion};
use crate::components::notice::{Notice, NoticeKind};
use crate::components::page_title::use_page_title;
use crate::domain::queue_view::{estimate_served, eta_minutes, held_until_ms, view as queue_view};
use crate::domain::standing::Blocked;
use crate::i18n::{ago, use_i18n, LaterMsg, Locale, Msg};
use crate::pages::blocked::BlockedPage;
use crate::pages::use_api;
use crate::state::journey::use_journey;
use crate::state::queue_watch::watch_queue;

/// Announcements of the ETA come at most this often (ms), and only when it changed.
const ANNOUNCE_EVERY_MS: f64 = 60_000.0;

/// What the page shows at one moment.
#[derive(Debug, Clone, PartialEq)]
struct Shown {
    ahead: u64,
    behind: u64,
    percent: u8,
    estimated: bool,
    eta: String,
    paused: bool,
}

/// The ETA in words.
fn eta_text(locale: Locale, ahead: u64, admissions_per_minute: u32, paused: bool) -> String {
    if paused {
        return LaterMsg::QueuePaused.text(locale).to_owned();
    }
    if ahead == 0 {
        return LaterMsg::QueueSoon.text(locale).to_owned();
    }
    match eta_minutes(ahead, admissions_per_minute, paused) {
        Some((low, high)) => {
            LaterMsg::QueueEtaRange.fill(locale, &[&low.to_string(), &high.to_string()])
        }
        None => LaterMsg::QueueEtaLong.text(locale).to_owned(),
    }
}

/// `/queue`.
#[component]
pub fn WaitingRoomPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let journey = use_journey();
    let tabs = use_tabs();
    let navigate = use_navigate();
    use_page_title(Msg::QueueTitle);
    let confirming_leave = RwSignal::new(false);
    let had_ticket = journey.with_untracked(|j| j.ticket.is_some());
    let left = RwSignal::new(false);
    let updates_paused = RwSignal::new(false);
    let alerts_blocked = RwSignal::new(false);
    let announcement = use_announcer();
    let now = use_clock();
    // Gliding numbers are motion: people who asked for less see the checked numbers only.
    let glide = !prefers_reduced_motion();

    let watch = watch_queue(move || {
        if journey.with_untracked(|j| j.alert_opt_in) {
            let locale = i18n.locale.get_untracked();
            alert::turn_came(
                Msg::AdmittedTitle.text(locale),
                LaterMsg::AdmittedNotification.text(locale),
            );
        }
        navigate("/book", Default::default());
    });

    // Another tab left the line for this person.
    Effect::new(move |_| {
        if journey.with(|j| j.ticket.is_none())
            && (had_ticket || watch.progress.with(Option::is_some))
        {
            left.set(true);
        }
    });

    // Once per clock tick and per answer, and only a changed value re-renders or re-announces.
    let live = Memo::new(move |_| -> Option<Shown> {
        let sequence = journey.with(|j| j.sequence)?;
        let ahead_at_join = journey.with(|j| j.ahead_at_join).unwrap_or(0);
        let p = watch.progress.get()?;
        let elapsed = if glide {
            now.get() - watch.last_contact.get().unwrap_or_else(service_now_ms)
        } else {
            0.0
        };
        let served = estimate_served(
            p.served,
            p.admissions_per_minute,
            p.paused,
            elapsed,
            sequence,
        );
        let v = queue_view(sequence, served, p.tail.max(served), ahead_at_join);
        Some(Shown {
            ahead: v.ahead,
            behind: v.behind,
            percent: v.percent,
            estimated: served > p.served,
            eta: eta_text(
                i18n.locale.get(),
                v.ahead,
                p.admissions_per_minute,
                p.paused,
            ),
            paused: p.paused,
        })
    });
    // Paused updates freeze what is shown (WCAG 2.2.2); polling goes on and keeps the place.
    let frozen = RwSignal::new(None::<Option<Shown>>);
    let shown = move || frozen.get().unwrap_or_else(|| live.get());
    let toggle_updates = move |_| {
        if updates_paused.get_untracked() {
            frozen.set(None);
            updates_paused.set(false);
        } else {
            frozen.set(Some(live.get_untracked()));
            updates_paused.set(true);
        }
    };

    // One polite live region: the ETA when it changes, at most once a minute; the connection
    // when it is lost and when it returns. Never every tick.
    let last_announced = StoredValue::new((String::new(), f64::NEG_INFINITY));
    Effect::new(move |_| {
        let Some(s) = live.get() else { return };
        if updates_paused.get() || s.paused {
            return;
        }
        let (said, at) = last_announced.get_value();
        if said.is_empty() {
            // The page itself says it on arrival; announce changes from here on.
            last_announced.set_value((s.eta, mono_ms()));
            return;
        }
        if s.eta != said && mono_ms() - at >= ANNOUNCE_EVERY_MS {
            let locale = i18n.locale.get_untracked();
            announcement
                .set(LaterMsg::QueueAnnounce.fill(locale, &[&group_digits(s.ahead), &s.eta]));
            last_announced.set_value((s.eta, mono_ms()));
        }
    });
    Effect::new(move |was_offline: Option<bool>| {
        let offline = watch.offline.get();
        if let Some(was) = was_offline {
            if was != offline {
                let msg = if offline {
                    LaterMsg::QueueOffline
                } else {
                    LaterMsg::QueueBackOnline
                };
                announcement.set(msg.text(i18n.locale.get_untracked()).to_owned());
            }
        }
        offline
    });

    let leave_tabs = tabs.clone();
    let leave = Callback::new(move |()| {
        let api = api.clone();
        if let Some(ticket) = journey.get_untracked().ticket {
            leave_tabs.post(&TabMessage::Left {
                ticket: ticket.clone(),
            });
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
    let on_alert_change = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        journey.update(|j| j.alert_opt_in = on);
        if on {
            alert::opt_in(move || alerts_blocked.set(alert::notifications_denied()));
        } else {
            alerts_blocked.set(false);
        }
    };

    let disconnected = move || watch.offline.get() || watch.failures.get() > 0;
    let held_until = move || {
        watch.last_contact.get().map(|t| {
            LaterMsg::QueueHeldUntil.fill(i18n.locale.get(), &[&kst_hour_minute(held_until_ms(t))])
        })
    };

    // The server no longer knows this place (another tab left it, it lapsed): the same page a
    // fresh tab gets on /queue, which says verifying again gives the place back.
    let lost_place = move || watch.no_ticket.get() && !left.get();
    view! {
        <Show when=move || !lost_place() fallback=|| view! { <BlockedPage blocked=Blocked::NoTicket/> }>
        <div class="yy-page yy-queue">
            <h1 class="yy-page__title">{move || i18n.t(if left.get() { Msg::QueueLeftTitle } else { Msg::QueueTitle })()}</h1>
            <LiveRegion text=announcement/>
            <Show when=move || !left.get() fallback=move || view! {
                <p>{i18n.t(LaterMsg::QueueLeftBody)}</p>
                <p><A href=at("/") attr:class="yy-button yy-button--primary">{i18n.t(Msg::GoToStart)}</A></p>
            }>
                <Notice kind=NoticeKind::Info><p class="yy-queue__advice">{i18n.t(LaterMsg::QueueAdvice)}</p></Notice>
                {move || watch.failure.get().map(|m| view! { <Notice kind=NoticeKind::Error><p>{i18n.t(m)}</p></Notice> })}
                <Show when=disconnected>
                    <Notice kind=NoticeKind::Warning>
                        <p class="yy-queue__connection">
                            {move || i18n.t(if watch.offline.get() { LaterMsg::QueueOffline } else { LaterMsg::QueueReconnecting })()}
                        </p>
                        <p class="yy-queue__held">{held_until}</p>
                    </Notice>
                </Show>
                <Show when=move || !watch.leading.get() && watch.following.get() && watch.progress.with(Option::is_some)>
                    <p class="yy-field__hint yy-queue__other-tab">{i18n.t(LaterMsg::QueueOtherTab)}</p>
                </Show>
                {move || match shown() {
                    None => view! { <p class="yy-field__hint">{i18n.t(Msg::Loading)}</p> }.into_any(),
                    Some(s) => {
                        let estimate = s.estimated.then(|| view! {
                            <span class="yy-queue__estimate">{i18n.t(LaterMsg::Estimate)}</span>
                        });
                        view! {
                            <dl class="yy-queue__numbers">
                                <div class="yy-queue__number">
                                    <dt>{i18n.t(LaterMsg::QueueAhead)}</dt>
                                    <dd class="yy-queue__big"><span class="yy-queue__ahead">{group_digits(s.ahead)}</span>{estimate}</dd>
                                </div>
                                <div class="yy-queue__number">
                                    <dt>{i18n.t(LaterMsg::QueueBehind)}</dt>
                                    <dd>{group_digits(s.behind)}</dd>
                                </div>
                                <div class="yy-queue__number">
                                    <dt>{i18n.t(LaterMsg::QueueEta)}</dt>
                                    <dd class="yy-queue__eta">{s.eta.clone()}</dd>
                                </div>
                            </dl>
                            {s.estimated.then(|| view! { <p class="yy-field__hint">{i18n.t(LaterMsg::QueueEstimateNote)}</p> })}
                            <label class="yy-field__label" for="yy-queue-progress">{i18n.t(LaterMsg::QueueProgressLabel)}</label>
                            <progress class="yy-progress" id="yy-queue-progress" max="100" value=s.percent.to_string()>
                                {format!("{}%", s.percent)}
                            </progress>
                        }
                        .into_any()
                    }
                }}
                <p class="yy-field__hint yy-queue__contact">
                    {move || {
                        let at = watch.last_contact.get()?;
                        let locale = i18n.locale.get();
                        let elapsed = if updates_paused.get() { now.get_untracked() - at } else { now.get() - at };
                        Some(LaterMsg::QueueLastContact.fill(locale, &[&ago(locale, elapsed)]))
                    }}
                </p>
                <div class="yy-queue__controls">
                    <button type="button" class="yy-button yy-button--secondary"
                        aria-pressed=move || if updates_paused.get() { "true" } else { "false" }
                        on:click=toggle_updates>
                        {i18n.t(LaterMsg::QueuePauseUpdates)}
                    </button>
                    <Show when=move || updates_paused.get()>
                        <p class="yy-field__hint">{i18n.t(LaterMsg::QueueUpdatesPaused)}</p>
                    </Show>
                    <div class="yy-checkbox">
                        <input class="yy-checkbox__input" type="checkbox" id="yy-queue-alert"
                            prop:checked=move || journey.with(|j| j.alert_opt_in)
                            on:change=on_alert_change/>
                        <label class="yy-checkbox__label" for="yy-queue-alert">{i18n.t(LaterMsg::QueueAlertOptIn)}</label>
                    </div>
                    <Show when=move || alerts_blocked.get()>
                        <p class="yy-field__hint">{i18n.t(LaterMsg::QueueAlertDenied)}</p>
                    </Show>
                </div>
                <Show when=move || confirming_leave.get() fallback=move || view! {
                    <button type="button" class="yy-button yy-button--secondary" on:click=move |_| confirming_leave.set(true)>
                        {i18n.t(LaterMsg::LeaveQueue)}
                    </button>
                }>
                    <div class="yy-confirm" role="group" aria-labelledby="yy-leave-question">
                        <p id="yy-leave-question">{i18n.t(LaterMsg::LeaveConfirm)}</p>
                        <div class="yy-button-row">
                            <button type="button" class="yy-button yy-button--danger" on:click=move |_| leave.run(())>{i18n.t(LaterMsg::LeaveYes)}</button>
                            <button type="button" class="yy-button yy-button--secondary" on:click=move |_| confirming_leave.set(false)>{i18n.t(LaterMsg::LeaveNo)}</button>
                        </div>
                    </div>
                </Show>
            </Show>
        </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eta_reads_as_a_range_soon_paused_or_over_an_hour() {
        assert_eq!(eta_text(Locale::Ko, 1_000, 500, false), "약 1~3분");
        assert_eq!(eta_text(Locale::En, 0, 500, false), "Almost your turn");
        assert_eq!(
            eta_text(Locale::Ko, 10_000_000, 33_334, false),
            "1시간 이상"
        );
        assert!(eta_text(Locale::Ko, 10, 500, true).starts_with("잠시 입장을 멈췄습니다"));
    }
}

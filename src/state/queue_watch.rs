//! Keeping watch on one's place in line: the poll loop (herd rules from `yeyak-herd`), the
//! browser's online state, and the tabs of the browser agreeing that only one of them polls.
//!
//! Leadership: the polling tab sends a heartbeat every [`BEAT_MS`]. Another tab mirrors what
//! the heartbeat says. A tab takes over when the heartbeat falls silent for
//! [`SILENCE_MS`], or when it is visible and the polling tab is not; of two polling tabs, the
//! visible one, then the lower id, keeps polling.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use yeyak_herd::{PollInput, PollPolicy};
use yeyak_protocol::QueueProgressResponse;

use crate::browser::tabs::{use_tabs, Beat, TabMessage};
use crate::browser::timing::{
    is_online, mono_ms, page_hidden, service_now_ms, sleep, sleep_or_online, use_alive,
};
use crate::i18n::Msg;
use crate::pages::use_api;
use crate::state::journey::{session_storage, use_journey};

/// Heartbeat interval of the polling tab.
pub const BEAT_MS: u32 = 2_000;
/// Silence after which another tab takes over.
pub const SILENCE_MS: f64 = 6_000.0;

/// What the waiting room shows about the line and the connection.
#[derive(Debug, Clone, Copy)]
pub struct QueueWatch {
    /// The last good progress answer (this tab's or the polling tab's).
    pub progress: RwSignal<Option<QueueProgressResponse>>,
    /// When (device ms) the server last answered.
    pub last_contact: RwSignal<Option<f64>>,
    /// Consecutive failed polls.
    pub failures: RwSignal<u32>,
    /// The browser is offline.
    pub offline: RwSignal<bool>,
    /// This tab is the one polling.
    pub leading: RwSignal<bool>,
    /// What is shown came from another tab's heartbeat (not this tab's own answer or memory).
    pub following: RwSignal<bool>,
    /// This tab has no place in line (after waiting for another tab to share one).
    pub no_ticket: RwSignal<bool>,
    /// Polling stopped for good, with what to tell the person.
    pub failure: RwSignal<Option<Msg>>,
}

/// The last answer this tab had, kept in sessionStorage: after a reload while the origin is
/// down (the offline shell), the waiting room shows the place it knew and when it last heard,
/// instead of nothing, until the next answer.
const SEEN_KEY: &str = "yy-queue-seen";

#[derive(serde::Serialize, serde::Deserialize)]
struct Seen {
    ticket: String,
    progress: QueueProgressResponse,
    /// Device time of the answer (ms).
    at: f64,
}

fn remember(ticket: &str, progress: &QueueProgressResponse, at: f64) {
    let seen = Seen {
        ticket: ticket.to_owned(),
        progress: progress.clone(),
        at,
    };
    if let (Some(storage), Ok(text)) = (session_storage(), serde_json::to_string(&seen)) {
        let _ = storage.set_item(SEEN_KEY, &text);
    }
}

fn recall(ticket: &str) -> Option<(QueueProgressResponse, f64)> {
    let text = session_storage()?.get_item(SEEN_KEY).ok()??;
    let seen: Seen = serde_json::from_str(&text).ok()?;
    (seen.ticket == ticket).then_some((seen.progress, seen.at))
}

/// The last heartbeat heard from another tab.
#[derive(Debug, Clone)]
struct Heard {
    at: f64,
    hidden: bool,
}

/// Whether tab `a` should poll rather than tab `b`: visible before hidden, then the lower id.
fn outranks(a: (bool, &str), b: (bool, &str)) -> bool {
    a < b
}

/// Whether a following tab should take over, given the last heartbeat it heard.
fn should_take_over(heard: Option<&Heard>, now: f64, hidden: bool) -> bool {
    match heard {
        None => true,
        Some(h) => now - h.at > SILENCE_MS || (h.hidden && !hidden),
    }
}

/// Starts watching; `on_admitted` runs once the number came up and was redeemed.
pub fn watch_queue(on_admitted: impl Fn() + 'static) -> QueueWatch {
    let api = use_api();
    let journey = use_journey();
    let tabs = use_tabs();
    let alive = use_alive();
    let watch = QueueWatch {
        progress: RwSignal::new(None),
        last_contact: RwSignal::new(None),
        failures: RwSignal::new(0),
        offline: RwSignal::new(!is_online()),
        leading: RwSignal::new(false),
        following: RwSignal::new(false),
        no_ticket: RwSignal::new(false),
        failure: RwSignal::new(None),
    };
    if let Some((progress, at)) = journey
        .with_untracked(|j| j.ticket.clone())
        .and_then(|t| recall(&t))
    {
        watch.progress.set(Some(progress));
        watch.last_contact.set(Some(at));
    }
    let me: String = tabs.id.to_string();
    let heard: Rc<RefCell<Option<Heard>>> = Rc::default();
    let ticket_now = move || journey.with_untracked(|j| j.ticket.clone());

    let beat = {
        let tabs = tabs.clone();
        let me = me.clone();
        move || {
            let Some(ticket) = ticket_now() else { return };
            if !watch.leading.get_untracked() {
                return;
            }
            tabs.post(&TabMessage::Beat(Beat {
                tab: me.clone(),
                hidden: page_hidden(),
                ticket,
                progress: watch.progress.get_untracked(),
                last_contact_ms: watch
                    .last_contact
                    .get_untracked()
                    .map(|t| service_now_ms() - t),
                failures: watch.failures.get_untracked(),
                offline: watch.offline.get_untracked(),
            }));
        }
    };

    {
        let heard = heard.clone();
        let me = me.clone();
        let beat = beat.clone();
        tabs.subscribe(move |message| match message {
            // A tab that just opened: let it hear the polling tab at once.
            TabMessage::Ask => beat(),
            TabMessage::Beat(b) if ticket_now().as_deref() == Some(b.ticket.as_str()) => {
                *heard.borrow_mut() = Some(Heard {
                    at: mono_ms(),
                    hidden: b.hidden,
                });
                if watch.leading.get_untracked() {
                    if outranks((b.hidden, &b.tab), (page_hidden(), &me)) {
                        watch.leading.set(false);
                    } else {
                        return;
                    }
                }
                watch.following.set(true);
                watch.progress.set(b.progress.clone());
                watch
                    .last_contact
                    .set(b.last_contact_ms.map(|ago| service_now_ms() - ago));
                watch.failures.set(b.failures);
                watch.offline.set(b.offline);
            }
            _ => {}
        });
    }

    // Ask whether another tab already polls for this ticket: it answers with a heartbeat
    // before this tab's first poll is due.
    tabs.post(&TabMessage::Ask);

    let beats = beat.clone();
    if let Ok(handle) =
        set_interval_with_handle(beats, std::time::Duration::from_millis(u64::from(BEAT_MS)))
    {
        on_cleanup(move || handle.clear());
    }
    let went_offline = window_event_listener(leptos::ev::offline, move |_| watch.offline.set(true));
    on_cleanup(move || went_offline.remove());

    leptos::task::spawn_local(async move {
        // A tab opened without a place may be given one by another tab (see `tab_sync`).
        let mut waited = 0;
        let (ticket, sequence) = loop {
            if !alive.get() {
                return;
            }
            if let (Some(t), Some(s)) = journey.with_untracked(|j| (j.ticket.clone(), j.sequence)) {
                break (t, s);
            }
            if waited >= 2_000 {
                watch.no_ticket.set(true);
            }
            sleep(250).await;
            waited += 250;
        };
        watch.no_ticket.set(false);
        let policy = PollPolicy::default();
        // Until the first answer, assume the front of the line (the quickest safe pace).
        let mut input = PollInput {
            server_hint_ms: 2_000,
            ..PollInput::default()
        };
        // A crowd that opens the page together spreads out before its first poll; meanwhile a
        // tab that already polls for this ticket is heard.
        sleep((policy.first_delay_ms(js_sys::Math::random()) as u32).max(400)).await;
        loop {
            if !alive.get() || ticket_now().as_deref() != Some(ticket.as_str()) {
                return;
            }
            if !watch.leading.get_untracked() {
                if !should_take_over(heard.borrow().as_ref(), mono_ms(), page_hidden()) {
                    sleep(500).await;
                    continue;
                }
                watch.leading.set(true);
                watch.following.set(false);
                // Carry on from what the previous polling tab saw.
                if let Some(p) = watch.progress.get_untracked() {
                    input.ahead = sequence.saturating_sub(p.served + 1);
                    input.admissions_per_minute = p.admissions_per_minute;
                    input.server_hint_ms = p.poll_after_ms;
                }
                beat();
            }
            if !is_online() {
                watch.offline.set(true);
                beat();
                sleep_or_online(30_000).await;
                if is_online() {
                    watch.offline.set(false);
                    // Back online together with the whole neighbourhood: spread out first.
                    sleep(policy.first_delay_ms(js_sys::Math::random()) as u32).await;
                }
                continue;
            }
            watch.offline.set(false);
            let polled = api.progress().await;
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
                    watch.failures.set(0);
                    watch.last_contact.set(Some(service_now_ms()));
                    remember(&ticket, &p, service_now_ms());
                    if journey.with_untracked(|j| j.ahead_at_join.is_none()) {
                        journey.update(|j| {
                            j.ahead_at_join = Some(sequence.saturating_sub(p.served + 1))
                        });
                    }
                    let served = p.served >= sequence;
                    watch.progress.set(Some(p));
                    if served {
                        let redeemed = api.redeem(&ticket).await;
                        if !alive.get() {
                            return;
                        }
                        match redeemed {
                            Ok(admission) => {
                                journey.update(|j| {
                                    j.admission_token = Some(admission.admission_token);
                                    j.admission_expires_at = Some(admission.expires_at);
                                    j.extensions_left = Some(admission.extensions_left);
                                    j.just_admitted = true;
                                });
                                if let Some(shared) =
                                    journey.with_untracked(|j| j.shared_admission())
                                {
                                    tabs.post(&TabMessage::Admitted {
                                        ticket: ticket.clone(),
                                        admission: shared,
                                    });
                                }
                                on_admitted();
                                return;
                            }
                            Err(err) if err.code() == Some("not_yet_served") => {
                                input.retry_after_ms = err.retry_after_ms();
                            }
                            Err(err) if err.is_transient() => {
                                input.failures += 1;
                                input.retry_after_ms = err.retry_after_ms();
                                watch.failures.set(input.failures);
                                watch.offline.set(!is_online());
                            }
                            Err(err) => {
                                watch.failure.set(Some(err.message()));
                                return;
                            }
                        }
                    }
                }
                Err(err) => {
                    input.failures += 1;
                    input.retry_after_ms = err.retry_after_ms();
                    watch.failures.set(input.failures);
                    watch.offline.set(!is_online());
                }
            };
            beat();
            input.hidden = page_hidden();
            let delay = policy.next_delay_ms(&input, js_sys::Math::random()) as u32;
            if input.failures > 0 && input.retry_after_ms.is_none() {
                // A lost connection that returns ends the backoff early; a server's
                // Retry-After is never cut short.
                sleep_or_online(delay).await;
            } else {
                sleep(delay).await;
            }
        }
    });
    watch
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_tabs_and_lower_ids_poll() {
        assert!(outranks((false, "b"), (true, "a")), "visible beats hidden");
        assert!(outranks((false, "a"), (false, "b")));
        assert!(!outranks((false, "b"), (false, "a")));
        assert!(
            !outranks((false, "a"), (false, "a")),
            "a tab never steps down for itself"
        );
    }

    #[test]
    fn a_follower_takes_over_from_silence_or_a_hidden_leader() {
        let heard = |at, hidden| Heard { at, hidden };
        assert!(should_take_over(None, 0.0, false));
        assert!(!should_take_over(
            Some(&heard(10_000.0, false)),
            12_000.0,
            false
        ));
        assert!(should_take_over(
            Some(&heard(10_000.0, false)),
            16_001.0,
            false
        ));
        assert!(should_take_over(
            Some(&heard(10_000.0, true)),
            10_500.0,
            false
        ));
        assert!(!should_take_over(
            Some(&heard(10_000.0, true)),
            10_500.0,
            true
        ));
    }
}

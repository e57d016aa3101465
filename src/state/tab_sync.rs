//! Keeps this tab's journey in step with the other tabs of the browser: a new tab takes over
//! the existing place in line (no second ticket), and an admission, an extension or leaving
//! the line reaches every tab.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::boot::config::RuntimeConfig;
use crate::browser::tabs::{use_tabs, TabMessage};
use crate::state::journey::use_journey;

/// Routes on which a tab that learns of a place in line goes to the waiting room: the start
/// and the verification steps (the person would otherwise verify and queue a second time).
fn leads_to_queue(path: &str) -> bool {
    path == "/" || path == "/queue" || path.starts_with("/verify")
}

/// Mounted once inside the router.
#[component]
pub fn TabSync() -> impl IntoView {
    let tabs = use_tabs();
    let journey = use_journey();
    let navigate = use_navigate();
    let location = use_location();
    let config = expect_context::<RuntimeConfig>();
    let route = move || config.route(&location.pathname.get_untracked()).to_owned();
    let replier = tabs.clone();
    tabs.subscribe(move |message| match message {
        TabMessage::Ask => {
            if let Some(place) = journey.with_untracked(|j| j.shared_place()) {
                replier.post(&TabMessage::Share(place));
            }
        }
        TabMessage::Share(place) => {
            let free = journey.with_untracked(|j| {
                j.ticket.is_none() && j.admission_token.is_none() && j.reservation.is_none()
            });
            if !free {
                return;
            }
            journey.update(|j| {
                j.ticket = Some(place.ticket.clone());
                j.sequence = Some(place.sequence);
                j.ahead_at_join = place.ahead_at_join;
                if let Some(admission) = &place.admission {
                    j.admit(admission);
                }
            });
            if leads_to_queue(&route()) {
                let to = if place.admission.is_some() {
                    "/book"
                } else {
                    "/queue"
                };
                navigate(
                    to,
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                );
            }
        }
        TabMessage::Admitted { ticket, admission } => {
            if journey.with_untracked(|j| j.ticket.as_deref() == Some(ticket.as_str())) {
                journey.update(|j| {
                    j.admit(admission);
                    j.just_admitted = true;
                });
                if route() == "/queue" {
                    navigate("/book", Default::default());
                }
            }
        }
        TabMessage::Extended(admission) => {
            if journey
                .with_untracked(|j| j.admission_token.as_deref() == Some(admission.token.as_str()))
            {
                journey.update(|j| j.admit(admission));
            }
        }
        TabMessage::Left { ticket } => {
            if journey.with_untracked(|j| j.ticket.as_deref() == Some(ticket.as_str())) {
                journey.update(|j| {
                    j.ticket = None;
                    j.sequence = None;
                    j.ahead_at_join = None;
                });
            }
        }
        TabMessage::Beat(_) => {}
    });
    // A tab that opens without a place asks whether another tab has one.
    if journey.with_untracked(|j| j.ticket.is_none() && j.admission_token.is_none()) {
        tabs.post(&TabMessage::Ask);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_start_and_verification_lead_to_the_queue() {
        assert!(leads_to_queue("/"));
        assert!(leads_to_queue("/verify/details"));
        assert!(leads_to_queue("/queue"));
        assert!(!leads_to_queue("/manage"));
        assert!(!leads_to_queue("/done"));
    }
}

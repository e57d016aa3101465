//! The page a route shows instead of its controls when this tab lacks what it needs
//! (`domain::standing`): where the person stands and one clear next step.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::boot::config::at;
use crate::components::page_title::use_page_title;
use crate::domain::standing::{Blocked, Holdings};
use crate::i18n::{use_i18n, Msg};
use crate::state::journey::{use_journey, Journey};

/// What the journey in this tab holds, for the route checks.
pub fn holdings(j: &Journey) -> Holdings {
    Holdings {
        provider: j.provider.is_some(),
        session: j.session_id.is_some(),
        locked: j.locked_until.is_some(),
        ticket: j.ticket.is_some(),
        admission: j.admission_token.is_some(),
        slot: j.choice.slot.is_some() && j.choice.center.is_some() && j.choice.date.is_some(),
        reservation: j.reservation.is_some(),
        changing: j.changing.is_some(),
    }
}

/// Title, explanation, and the next step's words and address.
fn words(blocked: Blocked) -> (Msg, Msg, Msg, &'static str) {
    match blocked {
        Blocked::AlreadyBooked => (
            Msg::GuardBookedTitle,
            Msg::GuardBookedBody,
            Msg::GuardSeeBooking,
            "/done",
        ),
        Blocked::NoProvider => (
            Msg::GuardNoProviderTitle,
            Msg::GuardNoProviderBody,
            Msg::GuardChooseProvider,
            "/verify",
        ),
        Blocked::NoVerification => (
            Msg::GuardNoVerificationTitle,
            Msg::GuardNoVerificationBody,
            Msg::GuardChooseProvider,
            "/verify",
        ),
        Blocked::NotLocked => (
            Msg::GuardNotLockedTitle,
            Msg::GuardNotLockedBody,
            Msg::GuardChooseProvider,
            "/verify",
        ),
        Blocked::NoTicket => (
            Msg::GuardNoTicketTitle,
            Msg::GuardNoTicketBody,
            Msg::GuardVerifyAgain,
            "/verify",
        ),
        Blocked::NotYourTurn => (
            Msg::GuardNotYourTurnTitle,
            Msg::GuardNotYourTurnBody,
            Msg::GuardBackToQueue,
            "/queue",
        ),
        Blocked::NotStarted => (
            Msg::GuardNotStartedTitle,
            Msg::GuardNotStartedBody,
            Msg::GoToStart,
            "/",
        ),
        Blocked::NoSlot => (
            Msg::GuardNoSlotTitle,
            Msg::GuardNoSlotBody,
            Msg::GuardChooseSlot,
            "/book",
        ),
        Blocked::NoBooking => (
            Msg::GuardNoBookingTitle,
            Msg::GuardNoBookingBody,
            Msg::ManageLink,
            "/manage",
        ),
    }
}

/// Where the person stands, with the next step first and the way to the start beside it.
#[component]
pub fn BlockedPage(blocked: Blocked) -> impl IntoView {
    let i18n = use_i18n();
    let journey = use_journey();
    let (title, body, next, href) = words(blocked);
    use_page_title(title);
    // The number alone: the whole reservation's parser belongs to the booking pages' chunk.
    #[derive(serde::Deserialize)]
    struct Number {
        number: String,
    }
    let number = journey.with_untracked(|j| {
        j.reservation
            .as_ref()
            .and_then(|r| r.peek::<Number>())
            .map(|r| r.number)
    });
    view! {
        <div class="yy-page yy-blocked">
            <h1 class="yy-page__title">{i18n.t(title)}</h1>
            <p>{i18n.t(body)}</p>
            {(blocked == Blocked::AlreadyBooked).then(|| number.map(|n| view! {
                <p class="yy-blocked__number">{move || Msg::GuardBookingNumber.fill(i18n.locale.get(), &[&n])}</p>
            }))}
            <p class="yy-blocked__next">
                <A href=at(href) attr:class="yy-button yy-button--primary">{i18n.t(next)}</A>
            </p>
            <ul class="yy-blocked__more">
                {(blocked == Blocked::AlreadyBooked).then(|| view! {
                    <li><A href=at("/manage") attr:class="yy-link">{i18n.t(Msg::ManageLink)}</A></li>
                })}
                {(href != "/").then(|| view! {
                    <li><A href=at("/") attr:class="yy-link">{i18n.t(Msg::GoToStart)}</A></li>
                })}
            </ul>
        </div>
    }
}

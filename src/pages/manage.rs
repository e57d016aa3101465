//! Managing a reservation: look it up by name, birth date and number; cancel it with confirmation.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use yeyak_protocol::{LookupRequest, ReservationResponse, ReservationStatus};

use crate::boot::config::at;
use crate::components::error_summary::ErrorSummary;
use crate::components::notice::{Notice, NoticeKind};
use crate::components::page_title::use_page_title;
use crate::components::spinner::Spinner;
use crate::components::text_field::TextField;
use crate::domain::fields::{self, Field};
use crate::i18n::{use_i18n, LaterMsg, Msg};
use crate::pages::done::ReservationDetails;
use crate::pages::use_api;
use crate::pages::verify::PersonDraft;
use crate::state::journey::{use_journey, Changing, Choice};
use crate::state::stored::Stored;

/// `/manage`.
#[component]
pub fn ManagePage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let draft = expect_context::<PersonDraft>();
    use_page_title(Msg::ManageTitle);
    let number = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<(Field, Msg)>::new());
    let general = RwSignal::new(None::<Msg>);
    let found = RwSignal::new(None::<ReservationResponse>);
    let confirming = RwSignal::new(false);
    let journey = use_journey();
    let navigate = use_navigate();
    let start_change = Callback::new(move |r: ReservationResponse| {
        journey.update(|j| {
            j.changing = Some(Changing {
                number: r.number.clone(),
                manage_token: r.manage_token.clone(),
            });
            j.choice = Choice::default();
            j.idempotency_key = None;
        });
        navigate("/book", Default::default());
    });

    let lookup_api = api.clone();
    let lookup = Action::new_local(move |request: &LookupRequest| {
        let api = lookup_api.clone();
        let request = request.clone();
        async move { api.lookup(&request).await }
    });
    Effect::new(move |_| match lookup.value().get() {
        Some(Ok(r)) => {
            general.set(None);
            found.set(Some(r));
        }
        Some(Err(err)) => general.set(Some(err.message())),
        None => {}
    });
    let cancel = Action::new_local(move |r: &ReservationResponse| {
        let api = api.clone();
        let (number, token) = (r.number.clone(), r.manage_token.clone());
        async move { api.cancel(&number, &token).await }
    });
    Effect::new(move |_| match cancel.value().get() {
        Some(Ok(r)) => {
            confirming.set(false);
            // This window no longer holds a booking: its earlier steps stop saying "booked".
            journey.update(|j| {
                if j.reservation
                    .as_ref()
                    .and_then(Stored::get)
                    .is_some_and(|mine| mine.number == r.number)
                {
                    j.reservation = None;
                }
            });
            found.set(Some(r));
        }
        Some(Err(err)) => general.set(Some(err.message())),
        None => {}
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut found_errors = Vec::new();
        let name = fields::name(&draft.name.get())
            .map_err(|m| found_errors.push((Field::Name, m)))
            .ok();
        let birth = fields::birth_date(&draft.birth.get())
            .map_err(|m| found_errors.push((Field::BirthDate, m)))
            .ok();
        let num = fields::reservation_number(&number.get())
            .map_err(|m| found_errors.push((Field::Number, m)))
            .ok();
        general.set(None);
        errors.set(found_errors);
        if let (Some(name), Some(birth), Some(number)) = (name, birth, num) {
            lookup.dispatch(LookupRequest {
                name,
                birth_date: birth.iso(),
                number,
            });
        }
    };

    view! {
        <div class="yy-page yy-manage">
            <h1 class="yy-page__title">{i18n.t(Msg::ManageTitle)}</h1>
            <ErrorSummary errors=errors general=general/>
            {move || match found.get() {
                None => view! {
                    <form class="yy-form" on:submit=on_submit novalidate>
                        <TextField field=Field::Name label=Msg::NameLabel value=draft.name errors=errors autocomplete="name"/>
                        <TextField field=Field::BirthDate label=Msg::BirthLabel hint=Msg::BirthHint value=draft.birth errors=errors input_mode="numeric" autocomplete="bday"/>
                        <TextField field=Field::Number label=Msg::NumberLabel hint=Msg::NumberHint value=number errors=errors/>
                        <Show when=move || lookup.pending().get()>
                            <Spinner label=Msg::LookingUp/>
                        </Show>
                        <button type="submit" class="yy-button yy-button--primary" disabled=move || lookup.pending().get()>{i18n.t(LaterMsg::LookupSubmit)}</button>
                    </form>
                }.into_any(),
                Some(r) => {
                    let cancelled = r.status == ReservationStatus::Cancelled;
                    let target = r.clone();
                    view! {
                        {cancelled.then(|| view! {
                            <Notice kind=NoticeKind::Success>
                                <p id="yy-cancelled" tabindex="-1"><strong>{i18n.t(LaterMsg::Cancelled)}</strong></p>
                                <p>{i18n.t(LaterMsg::CancelledNext)}</p>
                                <p><A href=at("/") attr:class="yy-link">{i18n.t(Msg::GoToStart)}</A></p>
                            </Notice>
                        })}
                        <ReservationDetails reservation=r.clone()/>
                        {(!cancelled && r.changeable).then(|| view! {
                            <Show when=move || confirming.get() fallback={
                                let target = target.clone();
                                move || {
                                    let target = target.clone();
                                    view! {
                                        <div class="yy-button-row">
                                            <button type="button" class="yy-button yy-button--primary" on:click=move |_| start_change.run(target.clone())>{i18n.t(LaterMsg::ChangeBooking)}</button>
                                            <button type="button" class="yy-button yy-button--danger" on:click=move |_| confirming.set(true)>{i18n.t(LaterMsg::CancelBooking)}</button>
                                        </div>
                                    }
                                }
                            }>
                                <div class="yy-confirm" role="group" aria-labelledby="yy-cancel-question">
                                    <p id="yy-cancel-question">{i18n.t(LaterMsg::CancelConfirm)}</p>
                                    <div class="yy-button-row">
                                        <button type="button" class="yy-button yy-button--danger" disabled=move || cancel.pending().get() on:click={
                                            let target = target.clone();
                                            move |_| { cancel.dispatch(target.clone()); }
                                        }>{i18n.t(LaterMsg::CancelYes)}</button>
                                        <button type="button" class="yy-button yy-button--secondary" on:click=move |_| confirming.set(false)>{i18n.t(LaterMsg::CancelNo)}</button>
                                    </div>
                                    <Show when=move || cancel.pending().get()>
                                        <Spinner label=Msg::Cancelling/>
                                    </Show>
                                </div>
                            </Show>
                        })}
                    }.into_any()
                }
            }}
        </div>
    }
}

//! The verification form: name, birth date, phone; checked on submit with an error summary.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use yeyak_protocol::StartVerificationRequest;

use crate::api::ApiError;
use crate::boot::config::at;
use crate::components::error_summary::ErrorSummary;
use crate::components::page_title::use_page_title;
use crate::components::spinner::Spinner;
use crate::components::text_field::TextField;
use crate::domain::fields::{self, Field};
use crate::i18n::{use_i18n, LaterMsg, Msg};
use crate::pages::use_api;
use crate::state::journey::{device_id, use_journey};

/// What the person typed, kept in memory only (not storage): the language switch keeps it,
/// a reload clears it.
#[derive(Debug, Clone, Copy)]
pub struct PersonDraft {
    /// Name.
    pub name: RwSignal<String>,
    /// Birth date as typed.
    pub birth: RwSignal<String>,
    /// Phone as typed.
    pub phone: RwSignal<String>,
}

impl PersonDraft {
    /// Empty fields.
    pub fn new() -> Self {
        Self {
            name: RwSignal::new(String::new()),
            birth: RwSignal::new(String::new()),
            phone: RwSignal::new(String::new()),
        }
    }
}

impl Default for PersonDraft {
    fn default() -> Self {
        Self::new()
    }
}

/// `/verify/details`.
#[component]
pub fn VerifyPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let journey = use_journey();
    let navigate = use_navigate();
    let draft = expect_context::<PersonDraft>();
    use_page_title(Msg::VerifyTitle);
    let errors = RwSignal::new(Vec::<(Field, Msg)>::new());
    let general = RwSignal::new(None::<Msg>);

    let submit = Action::new_local(move |request: &StartVerificationRequest| {
        let api = api.clone();
        let request = request.clone();
        async move { api.start_verification(&request).await }
    });
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(session)) => {
            journey.update(|j| {
                j.session_id = Some(session.session_id.clone());
                j.auth_token = None;
            });
            navigate("/verify/approve", Default::default());
        }
        Some(Err(err)) => {
            if let ApiError::Problem(problem) = &err {
                if problem.code == "device_locked" {
                    journey.update(|j| j.locked_until = problem.locked_until.clone());
                    navigate("/locked", Default::default());
                    return;
                }
            }
            general.set(Some(err.message()));
        }
        None => {}
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut found = Vec::new();
        let name = fields::name(&draft.name.get())
            .map_err(|m| found.push((Field::Name, m)))
            .ok();
        let birth = fields::birth_date(&draft.birth.get())
            .map_err(|m| found.push((Field::BirthDate, m)))
            .ok();
        let phone = fields::phone(&draft.phone.get())
            .map_err(|m| found.push((Field::Phone, m)))
            .ok();
        general.set(None);
        errors.set(found);
        let (Some(name), Some(birth), Some(phone)) = (name, birth, phone) else {
            return;
        };
        let Some(provider) = journey.get_untracked().provider else {
            general.set(Some(Msg::ChooseProviderError));
            return;
        };
        submit.dispatch(StartVerificationRequest {
            provider,
            name,
            birth_date: birth.iso(),
            phone,
            device_id: device_id(),
        });
    };

    view! {
        <div class="yy-page">
            <p><A href=at("/verify") attr:class="yy-link yy-back-link">{i18n.t(LaterMsg::Back)}</A></p>
            <h1 class="yy-page__title">{i18n.t(Msg::VerifyTitle)}</h1>
            <ErrorSummary errors=errors general=general/>
            <p>{i18n.t(Msg::SelfOnly)}</p>
            <form class="yy-form" on:submit=on_submit novalidate>
                <TextField field=Field::Name label=Msg::NameLabel value=draft.name errors=errors autocomplete="name"/>
                <TextField field=Field::BirthDate label=Msg::BirthLabel hint=Msg::BirthHint value=draft.birth errors=errors input_mode="numeric" autocomplete="bday"/>
                <TextField field=Field::Phone label=Msg::PhoneLabel hint=Msg::PhoneHint value=draft.phone errors=errors input_mode="tel" autocomplete="tel"/>
                <Show when=move || submit.pending().get()>
                    <Spinner label=Msg::SendingVerification/>
                </Show>
                <button type="submit" class="yy-button yy-button--primary" disabled=move || submit.pending().get()>
                    {i18n.t(LaterMsg::VerifySubmit)}
                </button>
            </form>
        </div>
    }
}

//! The verification form: name, birth date, phone; checked on submit with an error summary.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use yeyak_protocol::StartVerificationRequest;

use crate::api::ApiError;
use crate::components::error_summary::{field_error, ErrorSummary};
use crate::components::page_title::use_page_title;
use crate::domain::fields::{self, Field};
use crate::i18n::{use_i18n, Msg};
use crate::journey::{device_id, use_journey};
use crate::pages::use_api;

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

    let errors_signal: Signal<Vec<(Field, Msg)>> = errors.into();
    let field = move |field: Field,
                      label: Msg,
                      hint: Option<Msg>,
                      value: RwSignal<String>,
                      input_mode: &'static str,
                      autocomplete: &'static str| {
        let error = field_error(errors_signal, field);
        let hint_id = format!("{}-hint", field.id());
        let error_id = format!("{}-error", field.id());
        let described = {
            let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
            move || {
                let mut ids = Vec::new();
                if hint.is_some() {
                    ids.push(hint_id.clone());
                }
                if error().is_some() {
                    ids.push(error_id.clone());
                }
                (!ids.is_empty()).then(|| ids.join(" "))
            }
        };
        view! {
            <div class="yy-field" class:yy-field--error=move || error().is_some()>
                <label class="yy-field__label" for=field.id()>{i18n.t(label)}</label>
                {hint.map(|h| view! { <p class="yy-field__hint" id=hint_id.clone()>{i18n.t(h)}</p> })}
                {move || error().map(|m| view! { <p class="yy-field__error" id=error_id.clone()>{i18n.t(m)}</p> })}
                <input
                    class="yy-input"
                    id=field.id()
                    name=field.id()
                    inputmode=input_mode
                    autocomplete=autocomplete
                    aria-describedby=described
                    aria-invalid=move || error().is_some().then_some("true")
                    prop:value=value
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
            </div>
        }
    };

    view! {
        <div class="yy-page">
            <p><A href="/verify" attr:class="yy-link yy-back-link">{i18n.t(Msg::Back)}</A></p>
            <h1 class="yy-page__title">{i18n.t(Msg::VerifyTitle)}</h1>
            <ErrorSummary errors=errors general=general/>
            <p>{i18n.t(Msg::SelfOnly)}</p>
            <form class="yy-form" on:submit=on_submit novalidate>
                {field(Field::Name, Msg::NameLabel, None, draft.name, "text", "name")}
                {field(Field::BirthDate, Msg::BirthLabel, Some(Msg::BirthHint), draft.birth, "numeric", "bday")}
                {field(Field::Phone, Msg::PhoneLabel, Some(Msg::PhoneHint), draft.phone, "tel", "tel")}
                <button type="submit" class="yy-button yy-button--primary" disabled=move || submit.pending().get()>
                    {i18n.t(Msg::VerifySubmit)}
                </button>
            </form>
        </div>
    }
}

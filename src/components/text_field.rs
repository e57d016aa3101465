//! A labelled text input with its hint and error message, wired for screen readers
//! (`aria-describedby`, `aria-invalid`); errors come from the form's error list.

use leptos::prelude::*;

use crate::components::error_summary::field_error;
use crate::domain::fields::Field;
use crate::i18n::{use_i18n, Msg};

/// One text field; `errors` is the form's list of (field, message).
#[component]
pub fn TextField(
    field: Field,
    label: Msg,
    #[prop(optional)] hint: Option<Msg>,
    value: RwSignal<String>,
    #[prop(into)] errors: Signal<Vec<(Field, Msg)>>,
    #[prop(default = "text")] input_mode: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = field_error(errors, field);
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
}

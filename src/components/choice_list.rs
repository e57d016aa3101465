//! A radio group in a fieldset with a legend: the one way a single choice is asked.

use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};

/// One option.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceOption {
    /// The value.
    pub value: String,
    /// Its label.
    pub label: String,
    /// The label is the service's data, written in Korean whatever the page's language
    /// (region and centre names): marked `lang="ko"` so English screen readers switch voice.
    pub korean_label: bool,
    /// A place's address (Korean data), shown under the label.
    pub place: Option<String>,
    /// A second line (vaccine, access, places left), in the page's language.
    pub detail: Option<String>,
    /// Cannot be chosen (full slot): shown, marked, not selectable.
    pub disabled: bool,
}

/// Radios for `options`; `selected` holds the chosen value.
#[component]
pub fn ChoiceList(
    name: &'static str,
    legend: Msg,
    options: Vec<ChoiceOption>,
    selected: RwSignal<Option<String>>,
    #[prop(into)] error: Signal<Option<Msg>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{name}-error");
    let described = error_id.clone();
    view! {
        <fieldset
            class="yy-fieldset"
            class:yy-fieldset--error=move || error.get().is_some()
            aria-describedby=move || error.get().map(|_| described.clone())
        >
            <legend class="yy-fieldset__legend">{i18n.t(legend)}</legend>
            {move || error.get().map(|msg| view! { <p class="yy-field__error" id=error_id.clone()>{i18n.t(msg)}</p> })}
            <div class="yy-choices">
                {options
                    .into_iter()
                    .enumerate()
                    .map(|(index, option)| {
                        let id = format!("{name}-{index}");
                        let value = option.value.clone();
                        let checked_value = option.value.clone();
                        view! {
                            <div class="yy-choice" class:yy-choice--disabled=option.disabled>
                                <input
                                    class="yy-choice__input"
                                    type="radio"
                                    id=id.clone()
                                    name=name
                                    value=option.value.clone()
                                    disabled=option.disabled
                                    prop:checked=move || selected.get().as_deref() == Some(checked_value.as_str())
                                    on:change=move |_| selected.set(Some(value.clone()))
                                />
                                <label class="yy-choice__label" for=id>
                                    <span class="yy-choice__text" lang=option.korean_label.then_some("ko")>{option.label}</span>
                                    {option.place.map(|d| view! { <span class="yy-choice__detail" lang="ko">{d}</span> })}
                                    {option.detail.map(|d| view! { <span class="yy-choice__detail">{d}</span> })}
                                </label>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}

//! The error summary at the top of a form (after GOV.UK): takes focus when it appears and links
//! to each field in error.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::page_title::mark_title_errors_while;
use crate::domain::fields::Field;
use crate::i18n::{use_i18n, Msg};

/// Focuses the element with `id` (links inside the router would otherwise navigate).
pub fn focus_by_id(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        crate::browser::focus::focus(&element);
    }
}

/// Lists `errors` (field, message); `general` is a form-level message. Renders nothing when
/// both are empty; focuses itself when it appears.
#[component]
pub fn ErrorSummary(
    #[prop(into)] errors: Signal<Vec<(Field, Msg)>>,
    #[prop(into)] general: Signal<Option<Msg>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::<Div>::new();
    let shown = move || !errors.get().is_empty() || general.get().is_some();
    // The title says "오류: " while the summary shows (and stops when it goes or the page does).
    mark_title_errors_while(shown);
    Effect::new(move |_| {
        if shown() {
            if let Some(element) = node.get() {
                crate::browser::focus::focus(&element);
            }
        }
    });
    view! {
        <Show when=shown>
            <div class="yy-error-summary" node_ref=node tabindex="-1" role="alert" aria-labelledby="yy-error-summary-title">
                <h2 class="yy-error-summary__title" id="yy-error-summary-title">{i18n.t(Msg::ErrorSummaryTitle)}</h2>
                <ul class="yy-error-summary__list">
                    {move || general.get().map(|msg| view! { <li>{i18n.t(msg)}</li> })}
                    {move || {
                        errors
                            .get()
                            .into_iter()
                            .map(|(field, msg)| {
                                view! {
                                    <li>
                                        <a
                                            class="yy-link"
                                            href=format!("#{}", field.id())
                                            on:click=move |ev| {
                                                ev.prevent_default();
                                                focus_by_id(field.id());
                                            }
                                        >
                                            {i18n.t(msg)}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}

/// The error message shown under a field, if it has one.
pub fn field_error(
    errors: Signal<Vec<(Field, Msg)>>,
    field: Field,
) -> impl Fn() -> Option<Msg> + Copy {
    move || {
        errors
            .get()
            .into_iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m)
    }
}

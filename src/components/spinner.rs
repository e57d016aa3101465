//! A busy indicator with its words in a status region (after KRDS's spinner).

use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};

/// Shows that something is under way.
#[component]
pub fn Spinner(label: Msg) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="yy-spinner" role="status">
            <span class="yy-spinner__icon" aria-hidden="true"></span>
            <span class="yy-spinner__label">{i18n.t(label)}</span>
        </div>
    }
}

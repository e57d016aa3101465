//! The page for an address the client does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::boot::config::at;
use crate::components::page_title::use_page_title;
use crate::i18n::{use_i18n, Msg};

/// Any unknown route: say so and offer the way back.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Msg::NotFoundTitle);
    view! {
        <div class="yy-page yy-not-found">
            <h1 class="yy-page__title">{i18n.t(Msg::NotFoundTitle)}</h1>
            <p>{i18n.t(Msg::NotFoundBody)}</p>
            <p><A href=at("/") attr:class="yy-link">{i18n.t(Msg::GoToStart)}</A></p>
        </div>
    }
}

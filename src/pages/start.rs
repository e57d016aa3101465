//! The start page: what the service is and how it goes.

use leptos::prelude::*;

use crate::components::page_title::use_page_title;
use crate::i18n::{use_i18n, Msg};

/// `/`: the campaign's first screen.
#[component]
pub fn StartPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Msg::StartTitle);
    view! {
        <div class="yy-page yy-start">
            <h1 class="yy-page__title">{i18n.t(Msg::ServiceName)}</h1>
            <p class="yy-page__lead">{i18n.t(Msg::StartLead)}</p>
        </div>
    }
}

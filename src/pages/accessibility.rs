//! The accessibility statement: what conforms, the known limits, and how to get help.

use leptos::prelude::*;

use crate::boot::config::RuntimeConfig;
use crate::components::page_title::use_page_title;
use crate::i18n::{use_i18n, Msg};

/// `/accessibility`.
#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Msg::A11yTitle);
    let helpline = expect_context::<RuntimeConfig>().helpline;
    let tel = format!("tel:{helpline}");
    let list = |items: &'static [Msg]| {
        items
            .iter()
            .map(|m| view! { <li>{i18n.t(*m)}</li> })
            .collect_view()
    };
    view! {
        <div class="yy-page yy-statement">
            <h1 class="yy-page__title">{i18n.t(Msg::A11yTitle)}</h1>
            <p class="yy-page__lead">{i18n.t(Msg::A11yLead)}</p>
            <h2>{i18n.t(Msg::A11yStandardTitle)}</h2>
            <p>{i18n.t(Msg::A11yStandard)}</p>
            <h2>{i18n.t(Msg::A11yFeaturesTitle)}</h2>
            <ul>{list(&[Msg::A11yKeyboard, Msg::A11yContrast, Msg::A11yZoom, Msg::A11yReader, Msg::A11yTime])}</ul>
            <h2>{i18n.t(Msg::A11yLimitsTitle)}</h2>
            <ul>{list(&[Msg::A11yLimitNames, Msg::A11yLimitProviders, Msg::A11yLimitOffline])}</ul>
            <h2>{i18n.t(Msg::A11yHelpTitle)}</h2>
            <p>{i18n.t(Msg::A11yHelp)}" "<a class="yy-link" href=tel>{helpline}</a></p>
            <p class="yy-field__hint">{i18n.t(Msg::A11yReviewed)}</p>
        </div>
    }
}

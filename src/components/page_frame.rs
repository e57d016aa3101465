//! The frame around every page: skip link, official-site masthead, header with the language
//! switch, the main landmark, and the footer with the helpline.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::boot::config::at;
use crate::boot::config::RuntimeConfig;
use crate::components::offline_shell::OfflineShellNotice;
use crate::i18n::{use_i18n, Msg};
use crate::state::preferences::use_preferences;

/// Wraps a page in the site's landmarks; `children` go inside `<main>`.
#[component]
pub fn PageFrame(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let t = move |msg| i18n.t(msg);
    let helpline = expect_context::<RuntimeConfig>().helpline;
    let tel = format!("tel:{helpline}");
    let next_locale = move || i18n.locale.get().other();
    let contrast = use_preferences().contrast;
    view! {
        <div class="yy-app" class:yy-app--contrast=move || contrast.get()>
            <a class="yy-skip-link" href="#yy-main" on:click=skip_to_main>
                {t(Msg::SkipToContent)}
            </a>
            <header class="yy-header">
                <div class="yy-masthead">
                    <p class="yy-masthead__text">{t(Msg::OfficialSite)}</p>
                </div>
                <div class="yy-header__bar">
                <div class="yy-header__inner">
                    <p class="yy-header__service">
                        <A href=at("/") attr:class="yy-header__home">{t(Msg::ServiceName)}</A>
                    </p>
                    <div class="yy-header__tools">
                    <button
                        type="button"
                        class="yy-button yy-button--secondary yy-header__contrast"
                        aria-pressed=move || if contrast.get() { "true" } else { "false" }
                        on:click=move |_| contrast.update(|c| *c = !*c)
                    >
                        {t(Msg::HighContrast)}
                    </button>
                    <button
                        type="button"
                        class="yy-button yy-button--secondary yy-header__language"
                        lang=move || next_locale().as_str()
                        on:click=move |_| i18n.locale.update(|l| *l = l.other())
                    >
                        {t(Msg::SwitchLanguage)}
                    </button>
                    </div>
                </div>
                </div>
            </header>
            <main class="yy-main" id="yy-main" tabindex="-1">
                <OfflineShellNotice/>
                {children()}
            </main>
            <footer class="yy-footer">
                <div class="yy-footer__inner">
                    <p class="yy-footer__helpline">
                        {t(Msg::HelplineLabel)}" "
                        <a class="yy-footer__phone" href=tel>{helpline}</a>
                    </p>
                    <p class="yy-footer__hint">{t(Msg::HelplineHint)}</p>
                    <p class="yy-footer__links">
                        <A href=at("/accessibility") attr:class="yy-link">{t(Msg::A11yTitle)}</A>
                    </p>
                </div>
            </footer>
        </div>
    }
}

/// Moves focus to `<main>` directly: the router would treat `#yy-main` as a navigation, and a
/// host portal may have its own hash handling.
fn skip_to_main(event: leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    let main = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("yy-main"))
        .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(main) = main {
        event.prevent_default();
        crate::browser::focus::focus(&main);
    }
}

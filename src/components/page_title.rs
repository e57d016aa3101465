//! Keeps `document.title` as "<page> - <service>" in the current language.

use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};

/// Sets the title for the page being shown, and again whenever the language changes.
pub fn use_page_title(page: Msg) {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let locale = i18n.locale.get();
        let title = format!("{} - {}", page.text(locale), Msg::ServiceName.text(locale));
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&title);
        }
    });
}

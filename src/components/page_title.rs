//! Each page's title ("<page> - <service>", in the current language) and, after the first
//! page, focus on its heading so a screen reader hears where it arrived.

use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{use_i18n, Msg};

static FIRST_PAGE_SHOWN: AtomicBool = AtomicBool::new(false);

/// Sets the title for the page being shown (again whenever the language changes) and moves
/// focus to its `h1` on every route change but the first load.
pub fn use_page_title(page: Msg) {
    use_page_title_focusing(page, "main h1");
}

/// As [`use_page_title`], moving focus to the first element matching `target` instead (a
/// message that matters more than the heading, such as "it is your turn").
pub fn use_page_title_focusing(page: Msg, target: &'static str) {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let locale = i18n.locale.get();
        let title = format!("{} - {}", page.text(locale), Msg::ServiceName.text(locale));
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&title);
        }
    });
    let focus_heading = FIRST_PAGE_SHOWN.swap(true, Ordering::Relaxed);
    if focus_heading {
        request_animation_frame(move || {
            if let Some(heading) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(target).ok().flatten())
                .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = heading.set_attribute("tabindex", "-1");
                let _ = heading.focus();
            }
        });
    }
}

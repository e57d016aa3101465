//! Each page's title ("<page> - <service>", in the current language) and, after the first
//! page, focus on its heading so a screen reader hears where it arrived.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{use_i18n, Locale, Msg};

static FIRST_PAGE_SHOWN: AtomicBool = AtomicBool::new(false);

/// What the document title is made of; provided once at the root.
#[derive(Debug, Clone, Copy)]
pub struct TitleState {
    page: RwSignal<Msg>,
    /// Error summaries on screen.
    errors: RwSignal<u32>,
}

/// "<page> - <service>", prefixed "오류: " / "Error: " while an error summary shows.
pub fn title_text(locale: Locale, page: Msg, error: bool) -> String {
    let prefix = if error {
        Msg::TitleErrorPrefix.text(locale)
    } else {
        ""
    };
    format!(
        "{prefix}{} - {}",
        page.text(locale),
        Msg::ServiceName.text(locale)
    )
}

/// Provides the title state and keeps `document.title` in step with it and the language.
pub fn provide_title() {
    let i18n = use_i18n();
    let state = TitleState {
        page: RwSignal::new(Msg::StartTitle),
        errors: RwSignal::new(0),
    };
    provide_context(state);
    Effect::new(move |_| {
        let title = title_text(i18n.locale.get(), state.page.get(), state.errors.get() > 0);
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&title);
        }
    });
}

/// Marks the title as an error's ("오류: ") while `shown` is true, and stops when it turns false
/// or the component that called this goes away (an error summary, a page's own problem).
pub fn mark_title_errors_while(shown: impl Fn() -> bool + Send + Sync + 'static) {
    let state = use_context::<TitleState>();
    let mark = move |shown: bool| {
        if let Some(state) = state {
            state
                .errors
                .try_update(|n| *n = if shown { *n + 1 } else { n.saturating_sub(1) });
        }
    };
    let counted = Arc::new(AtomicBool::new(false));
    let on_exit = counted.clone();
    on_cleanup(move || {
        if on_exit.swap(false, Ordering::Relaxed) {
            mark(false);
        }
    });
    Effect::new(move |_| {
        let now = shown();
        if counted.swap(now, Ordering::Relaxed) != now {
            mark(now);
        }
    });
}

/// Sets the title for the page being shown (again whenever the language changes) and moves
/// focus to its `h1` on every route change but the first load.
pub fn use_page_title(page: Msg) {
    use_page_title_focusing(page, "main h1");
}

/// As [`use_page_title`], moving focus to the first element matching `target` instead (a
/// message that matters more than the heading, such as "it is your turn").
pub fn use_page_title_focusing(page: Msg, target: &'static str) {
    if let Some(state) = use_context::<TitleState>() {
        state.page.set(page);
    }
    let focus_heading = FIRST_PAGE_SHOWN.swap(true, Ordering::Relaxed);
    if focus_heading {
        request_animation_frame(move || {
            if let Some(heading) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(target).ok().flatten())
                .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = heading.set_attribute("tabindex", "-1");
                crate::browser::focus::focus(&heading);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_name_the_page_then_the_service_and_flag_errors() {
        assert_eq!(
            title_text(Locale::Ko, Msg::StartTitle, false),
            "사전예약 안내 - 코로나19 백신 사전예약"
        );
        assert_eq!(
            title_text(Locale::Ko, Msg::VerifyTitle, true),
            "오류: 본인 인증 - 코로나19 백신 사전예약"
        );
        assert_eq!(
            title_text(Locale::En, Msg::VerifyTitle, true),
            "Error: Verify your identity - COVID-19 vaccine pre-booking"
        );
    }
}

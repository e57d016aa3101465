//! A page's one polite live region: a screen reader hears what is put in it, once. Pages put
//! only changes that matter there (never every tick). A language switch empties it, so a stale
//! sentence in the old language is never read again.

use leptos::prelude::*;

use crate::i18n::use_i18n;

/// The text of a page's live region; set it to announce.
pub fn use_announcer() -> RwSignal<String> {
    let i18n = use_i18n();
    let text = RwSignal::new(String::new());
    Effect::new(move |previous: Option<()>| {
        i18n.locale.track();
        if previous.is_some() {
            text.set(String::new());
        }
    });
    text
}

/// The visually hidden `role="status"` element that speaks `text`.
#[component]
pub fn LiveRegion(text: RwSignal<String>) -> impl IntoView {
    view! { <p class="yy-visually-hidden" role="status">{move || text.get()}</p> }
}

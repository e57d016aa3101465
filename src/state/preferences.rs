//! The person's display choices, remembered in this browser (localStorage): the language and
//! the high-contrast mode (KRDS's 선명한 화면 모드). Nothing personal.

use leptos::prelude::*;

use crate::i18n::Locale;

const LOCALE_KEY: &str = "yy-locale";
const CONTRAST_KEY: &str = "yy-contrast";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

fn save(key: &str, value: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, value);
    }
}

/// The display choices, provided once at the root.
#[derive(Debug, Clone, Copy)]
pub struct Preferences {
    /// High-contrast mode is on.
    pub contrast: RwSignal<bool>,
}

/// The saved language, if the person chose one here before.
pub fn saved_locale() -> Option<Locale> {
    match load(LOCALE_KEY)?.as_str() {
        "ko" => Some(Locale::Ko),
        "en" => Some(Locale::En),
        _ => None,
    }
}

/// Provides the preferences and saves every change, the language's included.
pub fn provide_preferences(locale: RwSignal<Locale>) {
    let contrast = RwSignal::new(load(CONTRAST_KEY).as_deref() == Some("on"));
    Effect::new(move |first: Option<()>| {
        let chosen = locale.get();
        // The configured default is not a choice: save only what the person switched to.
        if first.is_some() {
            save(LOCALE_KEY, chosen.as_str());
        }
    });
    Effect::new(move |_| save(CONTRAST_KEY, if contrast.get() { "on" } else { "off" }));
    provide_context(Preferences { contrast });
}

/// The app's preferences.
pub fn use_preferences() -> Preferences {
    expect_context::<Preferences>()
}

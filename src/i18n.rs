//! The language layer: every user-facing string, in Korean (the source) and English.
//!
//! Keys are enum variants, so a misspelt key does not compile, and the `messages!` table demands
//! both languages for every key, so a missing translation does not compile either.

use serde::Deserialize;

/// A language the client speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// 한국어, the source language.
    Ko,
    /// English.
    En,
}

impl Locale {
    /// BCP 47 tag for `html[lang]` and `lang` attributes.
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::Ko => "ko",
            Locale::En => "en",
        }
    }

    /// The other language, for the language switch.
    pub fn other(self) -> Locale {
        match self {
            Locale::Ko => Locale::En,
            Locale::En => Locale::Ko,
        }
    }
}

macro_rules! messages {
    ($($key:ident => ($ko:expr, $en:expr)),+ $(,)?) => {
        /// A message key; `text(locale)` gives its words.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg { $($key),+ }

        impl Msg {
            /// Every key, for tests that check the whole table.
            pub const ALL: &'static [Msg] = &[$(Msg::$key),+];

            /// The message in the given language.
            pub fn text(self, locale: Locale) -> &'static str {
                match (self, locale) {
                    $((Msg::$key, Locale::Ko) => $ko, (Msg::$key, Locale::En) => $en,)+
                }
            }
        }
    };
}

messages! {
    ServiceName => ("코로나19 백신 사전예약", "COVID-19 vaccine pre-booking"),
    OfficialSite => (
        "이 누리집은 대한민국 공식 전자정부 누리집입니다.",
        "This is an official website of the Republic of Korea."
    ),
    SkipToContent => ("본문 바로가기", "Skip to main content"),
    SwitchLanguage => ("English", "한국어"),
    HelplineLabel => ("질병관리청 콜센터", "KDCA call centre"),
    HelplineHint => (
        "본인 인증이나 예약이 어려우면 전화로 예약할 수 있습니다.",
        "If you cannot verify or book online, you can book by phone."
    ),
    StartTitle => ("사전예약 안내", "Pre-booking"),
    StartLead => (
        "본인 인증을 한 뒤 대기 순서에 따라 접종 기관과 날짜를 예약합니다.",
        "Verify your identity, wait for your turn, then book a centre and a date."
    ),
    NotFoundTitle => ("페이지를 찾을 수 없습니다", "Page not found"),
    NotFoundBody => (
        "주소가 바뀌었거나 잘못 입력되었을 수 있습니다.",
        "The address may have changed or been mistyped."
    ),
    GoToStart => ("처음 화면으로", "Go to the start page"),
    ErrorTitlePrefix => ("오류", "Error"),
    FatalTitle => ("일시적인 오류가 발생했습니다", "Something went wrong"),
    FatalBody => (
        "화면을 다시 불러와 주세요. 이미 완료한 예약은 그대로 유지됩니다.",
        "Please reload the page. A booking you already completed is kept."
    ),
    ConfigTitle => ("서비스 설정을 불러오지 못했습니다", "The service settings could not be loaded"),
    ConfigBody => (
        "잠시 후 다시 불러와 주세요. 문제가 계속되면 전화로 예약할 수 있습니다.",
        "Please reload in a moment. If it keeps happening, you can book by phone."
    ),
    FatalCall => ("문제가 계속되면 전화해 주세요:", "If it keeps happening, call:"),
    Reload => ("다시 불러오기", "Reload"),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_non_empty_distinct_translations() {
        for msg in Msg::ALL {
            let (ko, en) = (msg.text(Locale::Ko), msg.text(Locale::En));
            assert!(
                !ko.trim().is_empty() && !en.trim().is_empty(),
                "{msg:?} is empty"
            );
            assert_ne!(ko, en, "{msg:?} is not translated");
        }
    }

    #[test]
    fn korean_text_is_korean() {
        let hangul = |s: &str| s.chars().any(|c| ('가'..='힣').contains(&c));
        for msg in Msg::ALL.iter().filter(|m| **m != Msg::SwitchLanguage) {
            assert!(hangul(msg.text(Locale::Ko)), "{msg:?} has no Hangul");
        }
    }

    #[test]
    fn locale_round_trips_and_switches() {
        assert_eq!(Locale::Ko.other(), Locale::En);
        assert_eq!(Locale::En.other().as_str(), "ko");
        let parsed: Locale = serde_json::from_str("\"en\"").unwrap();
        assert_eq!(parsed, Locale::En);
    }
}

/// The reactive language of the running app, provided once at the root.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    /// The current language; the switch writes it, every text reads it.
    pub locale: leptos::prelude::RwSignal<Locale>,
}

impl I18n {
    /// A closure giving `msg` in the current language, for use inside `view!`.
    pub fn t(self, msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        use leptos::prelude::Get;
        move || msg.text(self.locale.get())
    }
}

/// The app's [`I18n`]; panics outside the app root (a bug, shown as the fatal page).
pub fn use_i18n() -> I18n {
    leptos::prelude::expect_context::<I18n>()
}

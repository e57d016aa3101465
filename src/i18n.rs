//! The language layer: every user-facing string, in Korean (the source) and English.
//!
//! Keys are enum variants, so a misspelt key does not compile, and the `words!` macro demands
//! both languages for every key, so a missing translation does not compile either. The tables
//! themselves are data in `i18n/messages.rs`; this file holds the code that reads them.

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

/// `text` with `{0}`, `{1}`... replaced by `args`; a Korean particle written after a slot
/// (`{0}(으)로`) agrees with the word put there. Every table's `fill` uses it.
pub fn fill_slots(text: &str, args: &[&str]) -> String {
    let mut text = text.to_owned();
    for (i, arg) in args.iter().enumerate() {
        let slot = format!("{{{i}}}");
        let particle = format!("{slot}{}", messages::EURO);
        if text.contains(&particle) {
            text = text.replace(&particle, &format!("{arg}{}", euro(arg)));
        }
        text = text.replace(&slot, arg);
    }
    text
}

/// A table of words: [`Msg`], which every page may read and so comes in the first load, or the
/// table of a page that is loaded later ([`LaterMsg`], [`OperatorMsg`]), which comes with it.
pub trait Words: Copy + std::fmt::Debug + Send + Sync + 'static {
    /// The words in the given language.
    fn text(self, locale: Locale) -> &'static str;

    /// The words with `{0}`, `{1}`... replaced by `args`.
    fn fill(self, locale: Locale, args: &[&str]) -> String {
        fill_slots(self.text(locale), args)
    }
}

/// Makes a table of words, both languages for every key: the enum of its keys, `ALL` for the
/// tests, and the lookup. A table read only by lazily loaded pages keeps its lookup and its text
/// in their chunk: a citizen's first load carries only [`Msg`], whose lookup the start page
/// reaches.
macro_rules! words {
    ($(#[$meta:meta])* $name:ident { $($key:ident => ($ko:expr, $en:expr)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($key),+ }

        impl $name {
            /// Every key, for tests that check the whole table.
            pub const ALL: &'static [$name] = &[$($name::$key),+];

            /// The words with `{0}`, `{1}`... replaced by `args`.
            pub fn fill(self, locale: Locale, args: &[&str]) -> String {
                super::fill_slots(self.text(locale), args)
            }

            /// The words in the given language.
            pub fn text(self, locale: Locale) -> &'static str {
                match (self, locale) {
                    $(($name::$key, Locale::Ko) => $ko, ($name::$key, Locale::En) => $en,)+
                }
            }
        }

        impl super::Words for $name {
            fn text(self, locale: Locale) -> &'static str {
                $name::text(self, locale)
            }
        }
    };
}

mod messages;

pub use messages::{euro, LaterMsg, Msg, OperatorMsg};

#[cfg(test)]
mod tests {
    use super::*;

    /// Every entry of every table: its key, its Korean, its English.
    fn every_entry() -> Vec<(String, &'static str, &'static str)> {
        fn of<W: Words>(
            table: &[W],
        ) -> impl Iterator<Item = (String, &'static str, &'static str)> + '_ {
            table
                .iter()
                .map(|w| (format!("{w:?}"), w.text(Locale::Ko), w.text(Locale::En)))
        }
        of(Msg::ALL)
            .chain(of(LaterMsg::ALL))
            .chain(of(OperatorMsg::ALL))
            .collect()
    }

    #[test]
    fn every_message_has_non_empty_distinct_translations() {
        let entries = every_entry();
        assert!(entries.len() > 300, "all three tables: {}", entries.len());
        for (key, ko, en) in entries {
            assert!(
                !ko.trim().is_empty() && !en.trim().is_empty(),
                "{key} is empty"
            );
            assert_ne!(ko, en, "{key} is not translated");
        }
    }

    #[test]
    fn korean_text_is_korean_and_english_is_not() {
        let hangul = |s: &str| s.chars().any(|c| ('가'..='힣').contains(&c));
        // The switch names the other language; DoseAt is only a date-and-time template in Korean.
        let untranslatable = ["SwitchLanguage", "DoseAt"];
        for (key, ko, en) in every_entry() {
            if untranslatable.contains(&key.as_str()) {
                continue;
            }
            assert!(hangul(ko), "{key} has no Hangul");
            assert!(!hangul(en), "{key}: its English is Korean");
        }
    }

    #[test]
    fn placeholders_match_between_languages_and_fill() {
        for (key, ko, en) in every_entry() {
            for i in 0..3 {
                let slot = format!("{{{i}}}");
                assert_eq!(ko.contains(&slot), en.contains(&slot), "{key} {slot}");
            }
        }
        assert_eq!(
            Msg::CampaignCohort.fill(Locale::Ko, &["1967", "1976"]),
            "대상: 1967~1976년생"
        );
    }

    #[test]
    fn the_particle_after_a_name_agrees_with_it() {
        let sent = |name| Msg::ApproveBody.fill(Locale::Ko, &[name]);
        assert!(
            sent("카카오").starts_with("카카오로 보낸"),
            "{}",
            sent("카카오")
        );
        assert!(sent("휴대폰").starts_with("휴대폰으로 보낸"));
        assert!(sent("공동인증서 (구 공인인증서)").starts_with("공동인증서 (구 공인인증서)(으)로"));
        assert!(sent("PASS").starts_with("PASS(으)로"));
        assert_eq!(euro("서울"), "로");
        assert!(Msg::ApproveBody
            .fill(Locale::En, &["Kakao"])
            .contains("sent to Kakao."));
    }

    /// The code before its tests, without comment lines.
    fn shipped_code(text: &str) -> String {
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        code.lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// String literals written as text between tags in `view!` (`>"words"<`).
    fn literal_texts(code: &str) -> Vec<String> {
        let mut found = Vec::new();
        let mut rest = code;
        while let Some(at) = rest.find('>') {
            rest = &rest[at + 1..];
            let trimmed = rest.trim_start();
            let Some(body) = trimmed.strip_prefix('"') else {
                continue;
            };
            let Some(end) = body.find('"') else { break };
            let literal = &body[..end];
            if literal.starts_with('#') {
                // The end of a raw string (an HTML template), not a text node.
                continue;
            }
            let after = body[end + 1..].trim_start();
            if (after.starts_with('<') || after.starts_with('{'))
                && literal.chars().any(char::is_alphabetic)
            {
                found.push(literal.to_owned());
            }
        }
        found
    }

    fn is_hangul(c: char) -> bool {
        matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
    }

    fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn every_visible_word_comes_from_this_table() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        assert!(files.len() > 30, "found the client's sources: {files:?}");
        let mut offences = Vec::new();
        for file in files.iter().filter(|f| !f.ends_with("i18n/messages.rs")) {
            let code = shipped_code(&std::fs::read_to_string(file).unwrap());
            for (n, line) in code.lines().enumerate() {
                if line.chars().any(is_hangul) {
                    offences.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
            for text in literal_texts(&code) {
                offences.push(format!("{}: text in view!: {text:?}", file.display()));
            }
        }
        assert_eq!(
            offences,
            Vec::<String>::new(),
            "user-facing text outside the message table (src/i18n/messages.rs)"
        );
        // The checker itself sees what it must.
        assert_eq!(literal_texts("<p>\"Hello\"</p> <b>\" \"</b>"), ["Hello"]);
        assert!("예약".chars().all(is_hangul));
    }

    #[test]
    fn every_key_has_words_in_both_languages() {
        for msg in Msg::ALL {
            for locale in [Locale::Ko, Locale::En] {
                assert!(!msg.text(locale).trim().is_empty(), "{msg:?} in {locale:?}");
            }
            let korean = msg.text(Locale::Ko);
            let english = msg.text(Locale::En);
            if korean.chars().any(is_hangul) {
                assert!(
                    !english.chars().any(is_hangul),
                    "{msg:?}: English text is Korean"
                );
            }
        }
    }

    #[test]
    fn says_how_long_ago_in_each_language() {
        assert_eq!(ago(Locale::Ko, 1_200.0), "방금");
        assert_eq!(ago(Locale::Ko, 12_400.0), "12초 전");
        assert_eq!(ago(Locale::En, 12_400.0), "12 s ago");
        assert_eq!(ago(Locale::Ko, 185_000.0), "3분 전");
        assert_eq!(ago(Locale::En, -5.0), "just now");
    }

    #[test]
    fn locale_round_trips_and_switches() {
        assert_eq!(Locale::Ko.other(), Locale::En);
        assert_eq!(Locale::En.other().as_str(), "ko");
        let parsed: Locale = serde_json::from_str("\"en\"").unwrap();
        assert_eq!(parsed, Locale::En);
    }
}

/// How long ago something happened, in words ("12초 전", "3 min ago"); counts up in whole
/// seconds, then minutes, so a ticking display changes at most once a second.
pub fn ago(locale: Locale, elapsed_ms: f64) -> String {
    let seconds = (elapsed_ms.max(0.0) / 1000.0) as u64;
    match seconds {
        0..=2 => Msg::AgoJustNow.text(locale).to_owned(),
        3..=59 => Msg::AgoSeconds.fill(locale, &[&seconds.to_string()]),
        _ => Msg::AgoMinutes.fill(locale, &[&(seconds / 60).to_string()]),
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
    pub fn t<W: Words>(self, msg: W) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        use leptos::prelude::Get;
        move || msg.text(self.locale.get())
    }
}

/// The app's [`I18n`]; panics outside the app root (a bug, shown as the fatal page).
pub fn use_i18n() -> I18n {
    leptos::prelude::expect_context::<I18n>()
}

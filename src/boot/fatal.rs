//! The page shown when the client cannot go on: a panic, or a configuration it cannot load.
//!
//! It is written straight into the DOM, without Leptos: after a panic the reactive system may be
//! broken, and with `panic = "abort"` no Rust runs after the hook, so the page needs no event
//! handlers (reload is a plain GET form, the helpline a `tel:` link).

use std::sync::OnceLock;

use crate::boot::config::DEFAULT_HELPLINE;
use crate::i18n::{Locale, Msg};

/// What went wrong, which decides the heading and advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FatalKind {
    /// The client hit a bug.
    Panic,
    /// `config.json` is missing or unusable.
    Config,
}

static HELPLINE: OnceLock<String> = OnceLock::new();

/// Remembers the configured helpline for a later fatal page.
pub fn remember_helpline(helpline: &str) {
    let _ = HELPLINE.set(helpline.to_owned());
}

fn helpline() -> &'static str {
    HELPLINE
        .get()
        .map(String::as_str)
        .unwrap_or(DEFAULT_HELPLINE)
}

/// Installs the panic hook: log the panic for developers, then show the fatal page.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("yeyak panicked: {info}").into());
        show(FatalKind::Panic);
    }));
}

/// Replaces the whole page with the fatal page, Korean first and English beside it.
pub fn show(kind: FatalKind) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    body.set_inner_html(&markup(kind, helpline()));
    let service = Msg::ServiceName.text(Locale::Ko);
    document.set_title(&format!(
        "{}: {} - {service}",
        Msg::ErrorTitlePrefix.text(Locale::Ko),
        title(kind).text(Locale::Ko)
    ));
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", Locale::Ko.as_str());
    }
    if let Some(heading) = document.get_element_by_id("yy-fatal-heading") {
        use wasm_bindgen::JsCast;
        if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
            let _ = heading.focus();
        }
    }
}

fn title(kind: FatalKind) -> Msg {
    match kind {
        FatalKind::Panic => Msg::FatalTitle,
        FatalKind::Config => Msg::ConfigTitle,
    }
}

/// The fatal page's HTML; `helpline` is digits and dashes (checked when the config is read).
pub fn markup(kind: FatalKind, helpline: &str) -> String {
    let body = match kind {
        FatalKind::Panic => Msg::FatalBody,
        FatalKind::Config => Msg::ConfigBody,
    };
    let helpline: String = helpline
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    let section = |locale: Locale, heading_id: &str, heading_tag: &str| {
        let id = if heading_id.is_empty() {
            String::new()
        } else {
            format!(r#" id="{heading_id}" tabindex="-1""#)
        };
        format!(
            r#"<section class="yy-fatal__section" lang="{lang}">
<{tag} class="yy-fatal__title"{id}>{title}</{tag}>
<p class="yy-fatal__text">{body}</p>
<p class="yy-fatal__text">{call} {label} <a class="yy-fatal__phone" href="tel:{helpline}">{helpline}</a></p>
</section>"#,
            lang = locale.as_str(),
            tag = heading_tag,
            title = title(kind).text(locale),
            body = body.text(locale),
            call = Msg::FatalCall.text(locale),
            label = Msg::HelplineLabel.text(locale),
        )
    };
    format!(
        r#"<div class="yy-app yy-fatal" data-yy-fatal="{kind}">
<main class="yy-fatal__main">
{ko}
<form class="yy-fatal__form" method="get" action="">
<button class="yy-button yy-button--primary" type="submit">{reload_ko} <span lang="en">/ {reload_en}</span></button>
</form>
{en}
</main>
</div>"#,
        kind = match kind {
            FatalKind::Panic => "panic",
            FatalKind::Config => "config",
        },
        ko = section(Locale::Ko, "yy-fatal-heading", "h1"),
        en = section(Locale::En, "", "h2"),
        reload_ko = Msg::Reload.text(Locale::Ko),
        reload_en = Msg::Reload.text(Locale::En),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fatal_page_speaks_both_languages_and_offers_a_way_forward() {
        let html = markup(FatalKind::Panic, "1339");
        assert!(html.contains("일시적인 오류가 발생했습니다"));
        assert!(html.contains("Something went wrong"));
        assert!(html.contains(r#"href="tel:1339""#));
        assert!(
            html.contains(r#"type="submit""#),
            "reload must work without script"
        );
        assert_eq!(html.matches("<h1").count(), 1);
    }

    #[test]
    fn config_page_names_the_settings_problem() {
        let html = markup(FatalKind::Config, "1339");
        assert!(html.contains("서비스 설정을 불러오지 못했습니다"));
        assert!(html.contains(r#"data-yy-fatal="config""#));
    }

    #[test]
    fn helpline_cannot_inject_markup() {
        let html = markup(FatalKind::Panic, r#"1339"><script>"#);
        assert!(!html.contains("<script>"));
        assert!(html.contains(r#"href="tel:1339""#));
    }
}

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

/// Replaces the whole page with the fatal page, Korean first and English beside it. Built
/// node by node: no markup string reaches the DOM (the page's Trusted Types policy would
/// rightly question one).
pub fn show(kind: FatalKind) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    while let Some(child) = body.first_child() {
        let _ = body.remove_child(&child);
    }
    if let Some(page) = build(&document, &page(kind, helpline())) {
        let _ = body.append_child(&page);
    }
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

/// A piece of the fatal page: an element with attributes and children, or text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// `<tag attr="value"…>children</tag>`.
    Element(&'static str, Vec<(&'static str, String)>, Vec<Node>),
    /// Text (never parsed as markup).
    Text(String),
}

fn el(tag: &'static str, attrs: &[(&'static str, &str)], children: Vec<Node>) -> Node {
    let attrs = attrs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
    Node::Element(tag, attrs, children)
}

fn text(value: &str) -> Node {
    Node::Text(value.to_owned())
}

fn build(document: &web_sys::Document, node: &Node) -> Option<web_sys::Node> {
    match node {
        Node::Text(value) => Some(document.create_text_node(value).into()),
        Node::Element(tag, attrs, children) => {
            let element = document.create_element(tag).ok()?;
            for (name, value) in attrs {
                element.set_attribute(name, value).ok()?;
            }
            for child in children {
                element.append_child(&build(document, child)?).ok()?;
            }
            Some(element.into())
        }
    }
}

/// The fatal page; `helpline` is digits and dashes (checked when the config is read).
pub fn page(kind: FatalKind, helpline: &str) -> Node {
    let body = match kind {
        FatalKind::Panic => Msg::FatalBody,
        FatalKind::Config => Msg::ConfigBody,
    };
    let helpline: String = helpline
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    let tel = format!("tel:{helpline}");
    let section = |locale: Locale, first: bool| {
        let heading = if first {
            el(
                "h1",
                &[
                    ("class", "yy-fatal__title"),
                    ("id", "yy-fatal-heading"),
                    ("tabindex", "-1"),
                ],
                vec![text(title(kind).text(locale))],
            )
        } else {
            el(
                "h2",
                &[("class", "yy-fatal__title")],
                vec![text(title(kind).text(locale))],
            )
        };
        el(
            "section",
            &[("class", "yy-fatal__section"), ("lang", locale.as_str())],
            vec![
                heading,
                el(
                    "p",
                    &[("class", "yy-fatal__text")],
                    vec![text(body.text(locale))],
                ),
                el(
                    "p",
                    &[("class", "yy-fatal__text")],
                    vec![
                        text(&format!(
                            "{} {} ",
                            Msg::FatalCall.text(locale),
                            Msg::HelplineLabel.text(locale)
                        )),
                        el(
                            "a",
                            &[("class", "yy-fatal__phone"), ("href", &tel)],
                            vec![text(&helpline)],
                        ),
                    ],
                ),
            ],
        )
    };
    let reload = el(
        "form",
        &[
            ("class", "yy-fatal__form"),
            ("method", "get"),
            ("action", ""),
        ],
        vec![el(
            "button",
            &[
                ("class", "yy-button yy-button--primary"),
                ("type", "submit"),
            ],
            vec![
                text(&format!("{} ", Msg::Reload.text(Locale::Ko))),
                el(
                    "span",
                    &[("lang", "en")],
                    vec![text(&format!("/ {}", Msg::Reload.text(Locale::En)))],
                ),
            ],
        )],
    );
    let kind = match kind {
        FatalKind::Panic => "panic",
        FatalKind::Config => "config",
    };
    el(
        "div",
        &[("class", "yy-app yy-fatal"), ("data-yy-fatal", kind)],
        vec![el(
            "main",
            &[("class", "yy-fatal__main")],
            vec![
                section(Locale::Ko, true),
                reload,
                section(Locale::En, false),
            ],
        )],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page as HTML-like text, to read in assertions.
    fn render(node: &Node) -> String {
        match node {
            Node::Text(value) => value.clone(),
            Node::Element(tag, attrs, children) => {
                let attrs: String = attrs.iter().map(|(k, v)| format!(" {k}=\"{v}\"")).collect();
                let inner: String = children.iter().map(render).collect();
                format!("<{tag}{attrs}>{inner}</{tag}>")
            }
        }
    }

    #[test]
    fn fatal_page_speaks_both_languages_and_offers_a_way_forward() {
        let html = render(&page(FatalKind::Panic, "1339"));
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
        let html = render(&page(FatalKind::Config, "1339"));
        assert!(html.contains("서비스 설정을 불러오지 못했습니다"));
        assert!(html.contains(r#"data-yy-fatal="config""#));
    }

    #[test]
    fn helpline_cannot_inject_markup() {
        let node = page(FatalKind::Panic, r#"1339"><script>"#);
        assert!(!render(&node).contains("<script>"));
        assert!(render(&node).contains(r#"href="tel:1339""#));
    }
}

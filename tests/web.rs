//! Browser component tests: components mounted in headless Chromium, asserted on the DOM.
#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yeyak::boot::config::RuntimeConfig;
use yeyak::components::page_frame::PageFrame;
use yeyak::i18n::{I18n, Locale};
use yeyak::state::preferences::provide_preferences;

wasm_bindgen_test_configure!(run_in_browser);

fn test_config() -> RuntimeConfig {
    RuntimeConfig::parse(
        r#"{"api_base_url":"/api/v1","base_path":"/","helpline":"1339","default_locale":"ko"}"#,
    )
    .expect("test config parses")
}

fn host() -> web_sys::HtmlElement {
    let document = document();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    host.unchecked_into()
}

fn text_of(host: &web_sys::HtmlElement, selector: &str) -> String {
    host.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} is not on the page"))
        .text_content()
        .unwrap_or_default()
}

fn mount_frame(host: &web_sys::HtmlElement) -> impl Drop {
    mount_to(host.clone(), || {
        provide_context(test_config());
        let i18n = I18n {
            locale: RwSignal::new(Locale::Ko),
        };
        provide_context(i18n);
        provide_preferences(i18n.locale);
        view! { <Router><PageFrame><h1>"본문"</h1></PageFrame></Router> }
    })
}

#[wasm_bindgen_test]
async fn frame_has_skip_link_main_landmark_and_helpline() {
    let host = host();
    let _mounted = mount_frame(&host);
    assert_eq!(text_of(&host, "a.yy-skip-link"), "본문 바로가기");
    let skip_target = host
        .query_selector("a.yy-skip-link")
        .unwrap()
        .unwrap()
        .get_attribute("href");
    assert_eq!(skip_target.as_deref(), Some("#yy-main"));
    assert_eq!(text_of(&host, "main#yy-main h1"), "본문");
    let phone = host.query_selector("footer a[href='tel:1339']").unwrap();
    assert!(phone.is_some(), "footer must link the helpline");
}

#[wasm_bindgen_test]
async fn language_switch_turns_the_frame_into_english_and_back() {
    let host = host();
    let _mounted = mount_frame(&host);
    let switch: web_sys::HtmlElement = host
        .query_selector("button.yy-header__language")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(switch.get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(switch.text_content().as_deref(), Some("English"));

    switch.click();
    tick().await;
    assert_eq!(text_of(&host, "a.yy-skip-link"), "Skip to main content");
    assert_eq!(switch.text_content().as_deref(), Some("한국어"));
    assert_eq!(switch.get_attribute("lang").as_deref(), Some("ko"));

    switch.click();
    tick().await;
    assert_eq!(text_of(&host, "a.yy-skip-link"), "본문 바로가기");
}

#[wasm_bindgen_test]
async fn the_contrast_toggle_is_a_pressed_button_that_restyles_the_app() {
    let host = host();
    let _mounted = mount_frame(&host);
    let toggle: web_sys::HtmlElement = host
        .query_selector("button.yy-header__contrast")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let app = host.query_selector(".yy-app").unwrap().unwrap();
    let pressed_before = toggle.get_attribute("aria-pressed");
    let styled_before = app.class_list().contains("yy-app--contrast");
    assert_eq!(pressed_before.as_deref() == Some("true"), styled_before);
    assert_eq!(toggle.text_content().as_deref(), Some("선명한 화면"));
    toggle.click();
    tick().await;
    assert_ne!(toggle.get_attribute("aria-pressed"), pressed_before);
    assert_ne!(app.class_list().contains("yy-app--contrast"), styled_before);
    // Back as it was, for the other tests sharing this browser's storage.
    toggle.click();
    tick().await;
    assert_eq!(app.class_list().contains("yy-app--contrast"), styled_before);
}

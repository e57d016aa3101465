//! Moving focus without moving a portal's page. A plain `focus()` inside a frame scrolls every
//! page around it until the element shows, so a portal framing the service would jump about on
//! each step. Focus moves with `preventScroll`; outside a frame the element is then scrolled
//! into view; inside one the portal decides (it hears each step).

/// Whether embedded mode is on (`web/embed.js` marks the root once the portal is a listed one).
pub fn embedded() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .is_some_and(|root| root.class_name().split(' ').any(|c| c == "yy-embedded"))
}

/// Focuses `element`; outside a frame it is also scrolled into view.
pub fn focus(element: &web_sys::HtmlElement) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = element.focus_with_options(&options);
    if !embedded() {
        element.scroll_into_view();
    }
}

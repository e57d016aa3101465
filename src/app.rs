//! The root component: contexts, routes and the page frame.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::page_frame::PageFrame;
use crate::config::RuntimeConfig;
use crate::i18n::I18n;
use crate::pages::forced_panic::ForcedPanicPage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::start::StartPage;

/// The whole client, configured by the runtime config.
#[component]
pub fn App(config: RuntimeConfig) -> impl IntoView {
    let i18n = I18n {
        locale: RwSignal::new(config.default_locale),
    };
    provide_context(i18n);
    let base = config.base_path.clone();
    provide_context(config);
    Effect::new(move |_| {
        let lang = i18n.locale.get().as_str();
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", lang);
        }
    });
    view! {
        <Router base=base>
            <PageFrame>
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=path!("/") view=StartPage/>
                    <Route path=path!("/__panic") view=ForcedPanicPage/>
                </Routes>
            </PageFrame>
        </Router>
    }
}

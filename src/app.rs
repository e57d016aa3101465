//! The root component: contexts, routes and the page frame.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::api::Api;
use crate::boot::config::RuntimeConfig;
use crate::browser::tabs::provide_tabs;
use crate::components::page_frame::PageFrame;
use crate::components::page_title::provide_title;
use crate::i18n::I18n;
use crate::pages::accessibility::AccessibilityPage;
use crate::pages::forced_panic::ForcedPanicPage;
use crate::pages::later::{Later, LaterPage};
use crate::pages::not_found::NotFoundPage;
use crate::pages::start::StartPage;
use crate::pages::verify::PersonDraft;
use crate::state::journey::provide_journey;
use crate::state::preferences::{provide_preferences, saved_locale};
use crate::state::tab_sync::TabSync;

/// The whole client, configured by the runtime config.
#[component]
pub fn App(config: RuntimeConfig) -> impl IntoView {
    let i18n = I18n {
        locale: RwSignal::new(saved_locale().unwrap_or(config.default_locale)),
    };
    provide_context(i18n);
    provide_preferences(i18n.locale);
    provide_context(Api::new(&config.api_base_url));
    provide_context(PersonDraft::new());
    provide_journey();
    provide_tabs();
    provide_title();
    let base = config.base_path.clone();
    crate::boot::config::mount_at(&base);
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
            <TabSync/>
            <PageFrame>
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=path!("/") view=StartPage/>
                    <Route path=path!("/verify") view=|| view! { <Later page=LaterPage::Provider/> }/>
                    <Route path=path!("/verify/details") view=|| view! { <Later page=LaterPage::Verify/> }/>
                    <Route path=path!("/verify/approve") view=|| view! { <Later page=LaterPage::Approve/> }/>
                    <Route path=path!("/locked") view=|| view! { <Later page=LaterPage::Locked/> }/>
                    <Route path=path!("/queue") view=|| view! { <Later page=LaterPage::Queue/> }/>
                    <Route path=path!("/book") view=|| view! { <Later page=LaterPage::Book/> }/>
                    <Route path=path!("/review") view=|| view! { <Later page=LaterPage::Review/> }/>
                    <Route path=path!("/done") view=|| view! { <Later page=LaterPage::Done/> }/>
                    <Route path=path!("/manage") view=|| view! { <Later page=LaterPage::Manage/> }/>
                    <Route path=path!("/operator") view=|| view! { <Later page=LaterPage::Operator/> }/>
                    <Route path=path!("/accessibility") view=AccessibilityPage/>
                    <Route path=path!("/__panic") view=ForcedPanicPage/>
                </Routes>
            </PageFrame>
        </Router>
    }
}

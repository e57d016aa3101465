//! `/__panic`: panics on purpose when the config enables test hooks, so the suite can prove the
//! panic page appears; without test hooks it is an ordinary unknown address.

use leptos::prelude::*;

use crate::boot::config::RuntimeConfig;
use crate::pages::not_found::NotFoundPage;

/// Panics when `test_hooks` is on; otherwise shows the not-found page.
#[component]
pub fn ForcedPanicPage() -> impl IntoView {
    if expect_context::<RuntimeConfig>().test_hooks {
        panic!("forced panic requested through the /__panic test hook");
    }
    view! { <NotFoundPage/> }
}

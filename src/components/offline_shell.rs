//! The page came from the offline shell (the service worker answered because the origin failed
//! or was too slow; `web/sw.js` marks such a page with `data-yy-offline`): say that the service
//! is busy, that the page keeps trying by itself, and that reloading does not help; ask the
//! server again with a widening, jittered pause (and its `Retry-After`) until it answers.

use leptos::prelude::*;

use crate::browser::timing::{sleep, use_alive};
use crate::components::notice::{Notice, NoticeKind};
use crate::i18n::{use_i18n, Msg};
use crate::pages::use_api;

/// The document's `<html>` element, where the offline shell leaves its mark.
fn root() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

/// The pause before asking again after `failures` failed tries: 3 s doubling to 30 s, each
/// spread by ±30 % so a neighbourhood that reloaded together does not ask together.
pub fn pause_ms(failures: u32, retry_after_ms: Option<u64>, u: f64) -> u32 {
    let base = (3_000.0 * 2f64.powi(failures.min(4) as i32)).min(30_000.0);
    let spread = base * (0.7 + 0.6 * u.clamp(0.0, 1.0));
    spread.max(retry_after_ms.unwrap_or(0) as f64).round() as u32
}

/// The notice, shown only on a page the offline shell served, until the server answers.
#[component]
pub fn OfflineShellNotice() -> impl IntoView {
    let busy = RwSignal::new(root().is_some_and(|r| r.has_attribute("data-yy-offline")));
    if busy.get_untracked() {
        let api = use_api();
        let alive = use_alive();
        leptos::task::spawn_local(async move {
            let mut failures = 0;
            let mut retry_after = None;
            loop {
                sleep(pause_ms(failures, retry_after, js_sys::Math::random())).await;
                if !alive.get() {
                    return;
                }
                match api.campaign().await {
                    Ok(_) => break,
                    Err(err) => {
                        failures += 1;
                        retry_after = err.retry_after_ms();
                    }
                }
            }
            if let Some(root) = root() {
                let _ = root.remove_attribute("data-yy-offline");
            }
            busy.set(false);
        });
    }
    let i18n = use_i18n();
    view! {
        <Show when=move || busy.get()>
            <div role="status" class="yy-offline-shell">
                <Notice kind=NoticeKind::Warning>
                    <p class="yy-offline-shell__text">{i18n.t(Msg::OfflineShell)}</p>
                </Notice>
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pause_widens_to_half_a_minute_spreads_and_honours_retry_after() {
        assert_eq!(pause_ms(0, None, 0.5), 3_000);
        assert_eq!(pause_ms(1, None, 0.5), 6_000);
        assert_eq!(pause_ms(9, None, 0.5), 30_000);
        assert_eq!(pause_ms(0, None, 0.0), 2_100);
        assert_eq!(pause_ms(0, None, 1.0), 3_900);
        assert_eq!(pause_ms(0, Some(20_000), 0.5), 20_000);
    }
}

//! Start-up: the panic page first, then the runtime configuration, then the app (or the page
//! that says the configuration could not be read).

pub mod config;
pub mod fatal;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use self::config::{ConfigError, RuntimeConfig};

/// Entry point: panic page first, then the runtime config, then the app (or the config error page).
pub fn start() {
    fatal::install_panic_hook();
    wasm_bindgen_futures::spawn_local(async {
        match load_config().await {
            Ok(config) => {
                fatal::remember_helpline(&config.helpline);
                remove_boot_placeholder();
                leptos::mount::mount_to_body(move || {
                    leptos::view! { <crate::app::App config=config/> }
                });
            }
            Err(err) => {
                web_sys::console::error_1(&err.to_string().into());
                fatal::show(fatal::FatalKind::Config);
            }
        }
    });
}

/// Fetches `config.json` relative to the page's base URL, bypassing stale caches.
async fn load_config() -> Result<RuntimeConfig, ConfigError> {
    let unreachable = |e: wasm_bindgen::JsValue| ConfigError::Unreachable(format!("{e:?}"));
    let window = web_sys::window().ok_or_else(|| ConfigError::Unreachable("no window".into()))?;
    let init = web_sys::RequestInit::new();
    init.set_cache(web_sys::RequestCache::NoCache);
    let request =
        web_sys::Request::new_with_str_and_init("config.json", &init).map_err(unreachable)?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(unreachable)?
        .dyn_into()
        .map_err(unreachable)?;
    if !response.ok() {
        return Err(ConfigError::Unreachable(format!(
            "HTTP {}",
            response.status()
        )));
    }
    let text = JsFuture::from(response.text().map_err(unreachable)?)
        .await
        .map_err(unreachable)?
        .as_string()
        .unwrap_or_default();
    RuntimeConfig::parse(&text)
}

/// Removes the "loading" text index.html shows until the app mounts.
fn remove_boot_placeholder() {
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("yy-boot"))
    {
        boot.remove();
    }
}

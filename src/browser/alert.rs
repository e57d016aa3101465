//! Telling a person who looked away that their turn came: a short sound and a system
//! notification, both only if they asked for it. Permission is requested only from their own
//! click, and every failure (no permission, no audio) is silent: the page itself still says it.

use std::cell::RefCell;

use wasm_bindgen::JsCast;

thread_local! {
    /// Made during the click that opted in, so browsers let it play later.
    static AUDIO: RefCell<Option<web_sys::AudioContext>> = const { RefCell::new(None) };
}

/// Whether this browser can show system notifications at all.
pub fn notifications_supported() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::has(&w, &"Notification".into()).ok())
        .unwrap_or(false)
}

/// Whether notifications were refused for this site.
pub fn notifications_denied() -> bool {
    notifications_supported()
        && web_sys::Notification::permission() == web_sys::NotificationPermission::Denied
}

/// Call from the click that opts in: prepares the sound and asks for notification permission
/// (once; the browser remembers the answer). `on_answer` runs when the person answered.
pub fn opt_in(on_answer: impl FnOnce() + 'static) {
    AUDIO.with(|audio| {
        if audio.borrow().is_none() {
            *audio.borrow_mut() = web_sys::AudioContext::new().ok();
        }
    });
    if notifications_supported()
        && web_sys::Notification::permission() == web_sys::NotificationPermission::Default
    {
        if let Ok(promise) = web_sys::Notification::request_permission() {
            wasm_bindgen_futures::spawn_local(async move {
                let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
                on_answer();
            });
            return;
        }
    }
    on_answer();
}

/// Two short tones.
fn chime() {
    AUDIO.with(|audio| {
        let mut audio = audio.borrow_mut();
        if audio.is_none() {
            *audio = web_sys::AudioContext::new().ok();
        }
        let Some(context) = audio.as_ref() else {
            return;
        };
        let _ = context.resume();
        let start = context.current_time();
        for (i, frequency) in [880.0_f32, 1_175.0].into_iter().enumerate() {
            let (Ok(tone), Ok(gain)) = (context.create_oscillator(), context.create_gain()) else {
                return;
            };
            tone.frequency().set_value(frequency);
            let at = start + i as f64 * 0.25;
            gain.gain().set_value(0.0);
            let _ = gain.gain().linear_ramp_to_value_at_time(0.2, at + 0.02);
            let _ = gain.gain().linear_ramp_to_value_at_time(0.0, at + 0.22);
            let _ = tone.connect_with_audio_node(&gain);
            let _ = gain.connect_with_audio_node(&context.destination());
            let _ = tone.start_with_when(at);
            let _ = tone.stop_with_when(at + 0.25);
        }
    });
}

/// Tells the person their turn came, the ways they asked for: a sound, and a notification if
/// the page is in the background (a visible page says it itself).
pub fn turn_came(title: &str, body: &str) {
    chime();
    let hidden = crate::browser::timing::page_hidden();
    if hidden
        && notifications_supported()
        && web_sys::Notification::permission() == web_sys::NotificationPermission::Granted
    {
        let options = web_sys::NotificationOptions::new();
        options.set_body(body);
        options.set_tag("yy-turn");
        if let Ok(notification) = web_sys::Notification::new_with_options(title, &options) {
            let focus = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(|| {
                if let Some(window) = web_sys::window() {
                    let _ = window.focus();
                }
            });
            notification.set_onclick(Some(focus.as_ref().unchecked_ref()));
            focus.forget();
        }
    }
}

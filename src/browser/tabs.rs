//! The tabs of one browser talking to each other over a `BroadcastChannel`: a second tab learns
//! the place in line instead of joining again, only one tab polls while the others mirror it,
//! and an admission or an extension reaches every tab at once.
//!
//! One channel per tab, opened at the app root; pages subscribe for as long as they live.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yeyak_protocol::QueueProgressResponse;

const CHANNEL: &str = "yy-tabs";

/// An admission as the tabs share it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedAdmission {
    /// Admission bearer token.
    pub token: String,
    /// Booking deadline (RFC 3339).
    pub expires_at: String,
    /// Extensions left.
    pub extensions_left: u32,
}

/// A place in line as the tabs share it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedPlace {
    /// Signed ticket.
    pub ticket: String,
    /// Its number.
    pub sequence: u64,
    /// People ahead when it was issued.
    pub ahead_at_join: Option<u64>,
    /// The admission, once the number came up.
    pub admission: Option<SharedAdmission>,
}

/// What the polling tab last saw, sent every couple of seconds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Beat {
    /// The sender.
    pub tab: String,
    /// Whether the sender is a background tab (a visible tab takes over from it).
    pub hidden: bool,
    /// The ticket it polls for.
    pub ticket: String,
    /// The last good progress answer.
    pub progress: Option<QueueProgressResponse>,
    /// How long ago (ms) it last heard from the server; tabs' clocks are the same device's.
    pub last_contact_ms: Option<f64>,
    /// Consecutive failed polls.
    pub failures: u32,
    /// The browser is offline.
    pub offline: bool,
}

/// A message between tabs. Externally tagged (serde's default): an internally tagged enum
/// buffers every message through serde's generic `Content` and cost 15 KB of wasm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TabMessage {
    /// A tab that just opened asks whether another one holds a place.
    Ask,
    /// The answer: this browser's place (and admission).
    Share(SharedPlace),
    /// The polling tab's heartbeat.
    Beat(Beat),
    /// The person left the line.
    Left {
        /// The ticket given up.
        ticket: String,
    },
    /// The number came up and was redeemed.
    Admitted {
        /// The ticket that was served.
        ticket: String,
        /// The admission.
        admission: SharedAdmission,
    },
    /// The booking window was extended.
    Extended(SharedAdmission),
}

type Listener = Rc<dyn Fn(&TabMessage)>;

struct Inner {
    channel: Option<web_sys::BroadcastChannel>,
    listeners: RefCell<Vec<(u64, Listener)>>,
    next_id: std::cell::Cell<u64>,
    _on_message: Option<Closure<dyn FnMut(web_sys::MessageEvent)>>,
}

/// This tab's end of the channel, provided as context.
#[derive(Clone)]
pub struct Tabs {
    inner: SendWrapper<Rc<Inner>>,
    /// This tab's random id.
    pub id: SendWrapper<Rc<str>>,
}

impl Tabs {
    /// Opens the channel (a browser without BroadcastChannel simply has lone tabs).
    fn open() -> Self {
        let channel = web_sys::BroadcastChannel::new(CHANNEL).ok();
        let inner = Rc::new_cyclic(|weak: &std::rc::Weak<Inner>| {
            let weak = weak.clone();
            let on_message = channel.as_ref().map(|channel| {
                let closure = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
                    move |event: web_sys::MessageEvent| {
                        let Some(inner) = weak.upgrade() else { return };
                        let Some(text) = event.data().as_string() else {
                            return;
                        };
                        let Ok(message) = serde_json::from_str::<TabMessage>(&text) else {
                            return;
                        };
                        // Copy the list first: a listener may subscribe or leave while called.
                        let listeners: Vec<Listener> = inner
                            .listeners
                            .borrow()
                            .iter()
                            .map(|(_, l)| l.clone())
                            .collect();
                        for listener in listeners {
                            listener(&message);
                        }
                    },
                );
                channel.set_onmessage(Some(closure.as_ref().unchecked_ref()));
                closure
            });
            Inner {
                channel,
                listeners: RefCell::new(Vec::new()),
                next_id: std::cell::Cell::new(0),
                _on_message: on_message,
            }
        });
        Self {
            inner: SendWrapper::new(inner),
            id: SendWrapper::new(Rc::from(crate::api::random_id())),
        }
    }

    /// Sends `message` to every other tab of this site.
    pub fn post(&self, message: &TabMessage) {
        if let (Some(channel), Ok(text)) = (&self.inner.channel, serde_json::to_string(message)) {
            let _ = channel.post_message(&JsValue::from_str(&text));
        }
    }

    /// Calls `listener` for every message from other tabs while the current owner lives.
    pub fn subscribe(&self, listener: impl Fn(&TabMessage) + 'static) {
        let id = self.inner.next_id.get();
        self.inner.next_id.set(id + 1);
        self.inner
            .listeners
            .borrow_mut()
            .push((id, Rc::new(listener)));
        let inner = self.inner.clone();
        on_cleanup(move || {
            inner.listeners.borrow_mut().retain(|(i, _)| *i != id);
        });
    }
}

/// Opens this tab's channel and provides it to the app.
pub fn provide_tabs() {
    provide_context(Tabs::open());
}

/// This tab's channel.
pub fn use_tabs() -> Tabs {
    expect_context::<Tabs>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_keep_their_shape_across_tabs() {
        let admitted = TabMessage::Admitted {
            ticket: "t.1".into(),
            admission: SharedAdmission {
                token: "a".into(),
                expires_at: "2026-11-22T10:00:00+09:00".into(),
                extensions_left: 3,
            },
        };
        let text = serde_json::to_string(&admitted).unwrap();
        assert!(text.starts_with(r#"{"Admitted":{"ticket":"t.1""#), "{text}");
        assert_eq!(serde_json::from_str::<TabMessage>(&text).unwrap(), admitted);
        assert_eq!(
            serde_json::from_str::<TabMessage>(r#""Ask""#).unwrap(),
            TabMessage::Ask
        );
        assert!(
            serde_json::from_str::<TabMessage>(r#"{"Unknown":{}}"#).is_err(),
            "a message from another version is ignored, not misread"
        );
    }
}

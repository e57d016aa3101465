//! A provider's status light: text, a shape and a colour, so it never depends on colour alone.

use leptos::prelude::*;
use yeyak_protocol::ProviderStatus;

use crate::i18n::{use_i18n, Msg};

/// The words of a status.
pub fn status_text(status: ProviderStatus) -> Msg {
    match status {
        ProviderStatus::Smooth => Msg::StatusSmooth,
        ProviderStatus::Delayed => Msg::StatusDelayed,
        ProviderStatus::Congested => Msg::StatusCongested,
        ProviderStatus::Unavailable => Msg::StatusUnavailable,
    }
}

/// A distinct shape per status (hidden from screen readers: the text says it).
fn icon(status: ProviderStatus) -> &'static str {
    match status {
        ProviderStatus::Smooth => "●",
        ProviderStatus::Delayed => "▲",
        ProviderStatus::Congested => "■",
        ProviderStatus::Unavailable => "—",
    }
}

/// A non-interactive tag for a provider's status.
#[component]
pub fn StatusTag(status: ProviderStatus) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("yy-status-tag yy-status-tag--{}", status.as_str())>
            <span class="yy-status-tag__icon" aria-hidden="true">{icon(status)}</span>
            {i18n.t(status_text(status))}
        </span>
    }
}

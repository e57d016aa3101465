//! A notification banner: information, success, warning or error, with text (never colour alone).

use leptos::prelude::*;

/// The banner's kind, also its CSS modifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// Neutral information.
    Info,
    /// Something went well.
    Success,
    /// Take care.
    Warning,
    /// Something went wrong.
    Error,
}

impl NoticeKind {
    /// CSS modifier.
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::Info => "info",
            NoticeKind::Success => "success",
            NoticeKind::Warning => "warning",
            NoticeKind::Error => "error",
        }
    }
}

/// A banner; errors are announced (role=alert), others are not.
#[component]
pub fn Notice(kind: NoticeKind, children: Children) -> impl IntoView {
    let role = (kind == NoticeKind::Error).then_some("alert");
    view! {
        <div class=format!("yy-notice yy-notice--{}", kind.as_str()) role=role>
            {children()}
        </div>
    }
}

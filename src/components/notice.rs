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

/// A failure that can be tried again: what happened, in words, and a button that retries.
/// The button reads "다시 시도" and stays put while the retry runs, so focus is not lost.
#[component]
pub fn Failed(
    /// What the citizen is told.
    #[prop(into)]
    message: Signal<crate::i18n::Msg>,
    /// Tries the failed call again.
    on_retry: Callback<()>,
) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    view! {
        <Notice kind=NoticeKind::Error>
            <p>{move || message.get().text(i18n.locale.get())}</p>
            <button type="button" class="yy-button yy-button--secondary" on:click=move |_| on_retry.run(())>
                {i18n.t(crate::i18n::Msg::Retry)}
            </button>
        </Notice>
    }
}

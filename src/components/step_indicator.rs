//! Where the person is in a multi-step task (after USWDS's step indicator).

use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};

/// The steps as labels; `current` counts from 0.
#[component]
pub fn StepIndicator(steps: Vec<Msg>, #[prop(into)] current: Signal<usize>) -> impl IntoView {
    let i18n = use_i18n();
    let total = steps.len();
    let counter = move || {
        let locale = i18n.locale.get();
        Msg::StepOf.fill(
            locale,
            &[&total.to_string(), &(current.get() + 1).to_string()],
        )
    };
    view! {
        <div class="yy-steps">
            <p class="yy-steps__counter">{counter}</p>
            <ol class="yy-steps__list">
                {steps
                    .into_iter()
                    .enumerate()
                    .map(|(index, label)| {
                        let state = move || {
                            let current = current.get();
                            if index < current {
                                "yy-steps__item yy-steps__item--done"
                            } else if index == current {
                                "yy-steps__item yy-steps__item--current"
                            } else {
                                "yy-steps__item"
                            }
                        };
                        view! {
                            <li class=state aria-current=move || (index == current.get()).then_some("step")>
                                {i18n.t(label)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </div>
    }
}

//! "Approve in your app": polls the verification until approved, then joins the queue.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use yeyak_protocol::VerificationStatus;

use crate::browser::timing::{sleep, use_alive};
use crate::components::notice::{Failed, Notice, NoticeKind};
use crate::components::page_title::use_page_title;
use crate::components::spinner::Spinner;
use crate::i18n::{use_i18n, LaterMsg, Locale, Msg};
use crate::pages::use_api;
use crate::state::journey::use_journey;

/// `/verify/approve`.
#[component]
pub fn ApprovePage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let journey = use_journey();
    let navigate = use_navigate();
    use_page_title(Msg::ApproveTitle);
    // The waiting room comes next: its code is on its way while the person approves.
    crate::pages::later::prefetch(crate::pages::later::Chunk::Journey);
    let failure = RwSignal::new(None::<Msg>);
    let alive = use_alive();

    // A failure that a retry can mend (joining the queue failed); the reconnecting note while
    // the approval polls fail and are retried on their own.
    let retryable = RwSignal::new(None::<Msg>);
    let reconnecting = RwSignal::new(false);
    let attempt = RwSignal::new(0u32);

    let poll_api = api.clone();
    let to_queue = navigate.clone();
    Effect::new(move |_| {
        attempt.track();
        let (api, to_queue, alive) = (poll_api.clone(), to_queue.clone(), alive.clone());
        leptos::task::spawn_local(async move {
            let Some(session_id) = journey.get_untracked().session_id else {
                failure.set(Some(Msg::ApproveRejected));
                return;
            };
            let mut errors = 0u32;
            while alive.get() {
                let polled = api.verification(&session_id).await;
                if !alive.get() {
                    return;
                }
                reconnecting.set(matches!(&polled, Err(err) if err.is_transient()));
                match polled {
                    Ok(session) => match (session.status, session.token) {
                        (VerificationStatus::Approved, Some(token)) => {
                            let joined = api.join_queue(&token).await;
                            if !alive.get() {
                                return;
                            }
                            match joined {
                                Ok(ticket) => {
                                    journey.update(|j| {
                                        j.auth_token = Some(token);
                                        j.ticket = Some(ticket.ticket);
                                        j.sequence = Some(ticket.sequence);
                                        j.ahead_at_join = None;
                                    });
                                    to_queue("/queue", Default::default());
                                }
                                Err(err) if err.is_transient() => {
                                    retryable.set(Some(err.message()))
                                }
                                Err(err) => failure.set(Some(err.message())),
                            }
                            return;
                        }
                        (VerificationStatus::Pending, _) => {
                            errors = 0;
                            sleep(session.poll_after_ms.unwrap_or(1_000).max(500)).await;
                        }
                        _ => {
                            failure.set(Some(Msg::ApproveRejected));
                            return;
                        }
                    },
                    Err(err) if err.is_transient() => {
                        errors += 1;
                        sleep((1_000 * 2u32.pow(errors.min(5))).min(30_000)).await;
                    }
                    Err(err) => {
                        failure.set(Some(err.message()));
                        return;
                    }
                }
            }
        });
    });
    let retry = Callback::new(move |()| {
        retryable.set(None);
        attempt.update(|n| *n += 1);
    });

    // The provider's name as the person saw it when choosing (its id means nothing to them).
    let provider_name = move || {
        let locale = i18n.locale.get();
        journey
            .with(|j| j.provider_names.clone())
            .map(|(ko, en)| if locale == Locale::Ko { ko } else { en })
            .unwrap_or_else(|| LaterMsg::ApproveYourApp.text(locale).to_owned())
    };
    let cancel = move |_| {
        let api = api.clone();
        let navigate = navigate.clone();
        if let Some(id) = journey.get_untracked().session_id {
            leptos::task::spawn_local(async move {
                let _ = api.cancel_verification(&id).await;
            });
        }
        journey.update(|j| j.session_id = None);
        navigate("/verify", Default::default());
    };

    view! {
        <div class="yy-page">
            <h1 class="yy-page__title">{i18n.t(Msg::ApproveTitle)}</h1>
            <p>{move || Msg::ApproveBody.fill(i18n.locale.get(), &[&provider_name()])}</p>
            {move || match (failure.get(), retryable.get()) {
                (Some(msg), _) => view! { <Notice kind=NoticeKind::Error><p>{i18n.t(msg)}</p></Notice> }.into_any(),
                (None, Some(msg)) => view! { <Failed message=msg on_retry=retry/> }.into_any(),
                (None, None) => view! {
                    <Spinner label=Msg::ApproveWaiting/>
                    <Show when=move || reconnecting.get()>
                        <Notice kind=NoticeKind::Warning><p>{i18n.t(LaterMsg::ApproveReconnecting)}</p></Notice>
                    </Show>
                }.into_any(),
            }}
            <button type="button" class="yy-button yy-button--secondary" on:click=cancel>{i18n.t(LaterMsg::ApproveCancel)}</button>
        </div>
    }
}

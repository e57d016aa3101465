//! The pages after the start page live in a chunk of their own in release builds (`cargo xtask
//! build` splits the wasm at `render`): a phone downloads them when the citizen gets there, not
//! on the first screen. A chunk that fails to arrive shows a retry, never a crashed app; the
//! failure is not cached, so the retry fetches again.

use leptos::prelude::*;

use crate::boot::config::RuntimeConfig;
use crate::components::notice::{Notice, NoticeKind};
use crate::components::spinner::Spinner;
use crate::domain::standing::{self, Step};
use crate::i18n::{use_i18n, Msg};
use crate::pages::approve::ApprovePage;
use crate::pages::blocked::{holdings, BlockedPage};
use crate::pages::book::BookPage;
use crate::pages::done::DonePage;
use crate::pages::locked::LockedPage;
use crate::pages::manage::ManagePage;
use crate::pages::operator::OperatorPage;
use crate::pages::provider::ProviderPage;
use crate::pages::review::ReviewPage;
use crate::pages::verify::VerifyPage;
use crate::pages::waiting_room::WaitingRoomPage;
use crate::state::journey::use_journey;

/// A route whose page is in the on-demand chunk.
#[repr(u8)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LaterPage {
    /// `/verify`
    Provider,
    /// `/verify/details`
    Verify,
    /// `/verify/approve`
    Approve,
    /// `/locked`
    Locked,
    /// `/queue`
    Queue,
    /// `/book`
    Book,
    /// `/review`
    Review,
    /// `/done`
    Done,
    /// `/manage`
    Manage,
    /// `/operator` (the operator's page, outside the citizen journey)
    Operator,
}

/// Why a chunk did not load (the loader logs the details to the console).
#[derive(Debug, Clone, Copy)]
pub struct ChunkMissing;

#[cfg(yeyak_split)]
impl From<leptos::wasm_split::SplitLoaderError> for ChunkMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkMissing
    }
}

impl LaterPage {
    /// What the route needs first (`domain::standing`); the manage page needs nothing.
    pub fn step(self) -> Option<Step> {
        Some(match self {
            LaterPage::Provider => Step::ProviderChoice,
            LaterPage::Verify => Step::Details,
            LaterPage::Approve => Step::Approve,
            LaterPage::Locked => Step::Locked,
            LaterPage::Queue => Step::Queue,
            LaterPage::Book => Step::Book,
            LaterPage::Review => Step::Review,
            LaterPage::Done => Step::Done,
            LaterPage::Manage | LaterPage::Operator => return None,
        })
    }

    /// Which chunk holds it: verifying (the step after the start page, kept small so that
    /// opening it directly is quick) or the rest of the journey.
    pub fn chunk(self) -> Chunk {
        match self {
            LaterPage::Provider | LaterPage::Verify | LaterPage::Approve | LaterPage::Locked => {
                Chunk::Verify
            }
            LaterPage::Operator => Chunk::Operator,
            _ => Chunk::Journey,
        }
    }
}

/// The on-demand chunks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chunk {
    /// Provider choice, details, approval, device lock.
    Verify,
    /// Waiting room, booking, review, confirmation, manage.
    Journey,
    /// The operator's page: no citizen's page asks for it.
    Operator,
}

/// The verification pages; in a split build, what only they reach moves to their chunk.
#[cfg_attr(
    yeyak_split,
    leptos::wasm_split::wasm_split(
        verify,
        fallible,
        wasm_split_path = ::leptos::wasm_split,
        preload(fetch_verify)
    )
)]
#[allow(improper_ctypes_definitions)]
fn render_verify(page: LaterPage) -> Result<AnyView, ChunkMissing> {
    Ok(match page {
        LaterPage::Provider => view! { <ProviderPage/> }.into_any(),
        LaterPage::Verify => view! { <VerifyPage/> }.into_any(),
        LaterPage::Approve => view! { <ApprovePage/> }.into_any(),
        _ => view! { <LockedPage/> }.into_any(),
    })
}

/// The pages from the waiting room on.
#[cfg_attr(
    yeyak_split,
    leptos::wasm_split::wasm_split(
        journey,
        fallible,
        wasm_split_path = ::leptos::wasm_split,
        preload(fetch_journey)
    )
)]
#[allow(improper_ctypes_definitions)]
fn render_journey(page: LaterPage) -> Result<AnyView, ChunkMissing> {
    Ok(match page {
        LaterPage::Queue => view! { <WaitingRoomPage/> }.into_any(),
        LaterPage::Book => view! { <BookPage/> }.into_any(),
        LaterPage::Review => view! { <ReviewPage/> }.into_any(),
        LaterPage::Done => view! { <DonePage/> }.into_any(),
        _ => view! { <ManagePage/> }.into_any(),
    })
}

/// The operator's page, in a chunk of its own (its words too: `OperatorMsg`).
#[cfg_attr(
    yeyak_split,
    leptos::wasm_split::wasm_split(
        operator,
        fallible,
        wasm_split_path = ::leptos::wasm_split,
        preload(fetch_operator)
    )
)]
#[allow(improper_ctypes_definitions)]
fn render_operator(_page: LaterPage) -> Result<AnyView, ChunkMissing> {
    Ok(view! { <OperatorPage/> }.into_any())
}

/// The page, once its chunk is here.
async fn load(page: LaterPage) -> Result<AnyView, ChunkMissing> {
    #[cfg(yeyak_split)]
    {
        match page.chunk() {
            Chunk::Verify => render_verify(page).await,
            Chunk::Journey => render_journey(page).await,
            Chunk::Operator => render_operator(page).await,
        }
    }
    #[cfg(not(yeyak_split))]
    {
        match page.chunk() {
            Chunk::Verify => render_verify(page),
            Chunk::Journey => render_journey(page),
            Chunk::Operator => render_operator(page),
        }
    }
}

/// Starts fetching a chunk in the background, so the next page is usually here before it is
/// asked for (the start page asks for the verification chunk once a birth date checks out; the
/// approval page for the journey's).
pub fn prefetch(chunk: Chunk) {
    #[cfg(yeyak_split)]
    leptos::task::spawn_local(async move {
        let _ = match chunk {
            Chunk::Verify => fetch_verify().await,
            Chunk::Journey => fetch_journey().await,
            Chunk::Operator => fetch_operator().await,
        };
    });
    #[cfg(not(yeyak_split))]
    let _ = chunk;
}

/// Shows a page from the chunk once the route's needs are met (checked as the route opens, so
/// back, forward and reload are checked too): a loading line while the code comes, a retry if
/// it does not.
#[component]
pub fn Later(page: LaterPage) -> impl IntoView {
    let journey = use_journey();
    let blocked = page
        .step()
        .and_then(|step| journey.with_untracked(|j| standing::blocked(step, holdings(j))));
    if let Some(blocked) = blocked {
        return view! { <BlockedPage blocked=blocked/> }.into_any();
    }
    let i18n = use_i18n();
    let helpline = expect_context::<RuntimeConfig>().helpline;
    let attempt = RwSignal::new(0u32);
    let shown = move || {
        attempt.track();
        let helpline = helpline.clone();
        Suspend::new(async move {
            match load(page).await {
                Ok(view) => view,
                Err(ChunkMissing) => {
                    web_sys::console::error_1(&"yeyak: the page's code did not load".into());
                    view! {
                        <div class="yy-page">
                            <h1 class="yy-page__title">{i18n.t(Msg::ChunkFailedTitle)}</h1>
                            <Notice kind=NoticeKind::Error>
                                <p>{Msg::ChunkFailed.fill(i18n.locale.get_untracked(), &[&helpline])}</p>
                                <button
                                    type="button"
                                    class="yy-button yy-button--primary"
                                    on:click=move |_| attempt.update(|a| *a += 1)
                                >
                                    {i18n.t(Msg::Retry)}
                                </button>
                            </Notice>
                        </div>
                    }
                    .into_any()
                }
            }
        })
    };
    // While the chunk comes, the loading line keeps a screen's height, so the footer stays below
    // the fold and does not jump when the page arrives.
    view! {
        <Suspense fallback=|| view! { <div class="yy-later__loading"><Spinner label=Msg::Loading/></div> }>
            {shown}
        </Suspense>
    }
    .into_any()
}

//! One module per route.

pub mod accessibility;
pub mod approve;
pub mod blocked;
pub mod book;
pub mod done;
pub mod forced_panic;
pub mod later;
pub mod locked;
pub mod manage;
pub mod not_found;
pub mod operator;
pub mod provider;
pub mod review;
pub mod start;
pub mod verify;
pub mod waiting_room;

use leptos::prelude::*;

use crate::api::Api;

/// The API client from context.
pub fn use_api() -> Api {
    expect_context::<Api>()
}

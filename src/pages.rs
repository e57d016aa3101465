//! One module per route.

pub mod forced_panic;
pub mod not_found;
pub mod start;

//! Pure logic with native tests: no DOM, no network.

pub mod dates;
pub mod eligibility;
pub mod fields;
pub mod queue_view;
pub mod standing;

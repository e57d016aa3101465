//! Reusable pieces of the interface.

pub mod page_frame;
pub mod page_title;

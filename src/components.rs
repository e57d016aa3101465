//! Reusable pieces of the interface.

pub mod admission_timer;
pub mod choice_list;
pub mod countdown;
pub mod error_summary;
pub mod live_region;
pub mod notice;
pub mod offline_shell;
pub mod page_frame;
pub mod page_title;
pub mod spinner;
pub mod status_tag;
pub mod step_indicator;
pub mod text_field;

//! What the journey keeps and the background work that keeps it current: the journey itself
//! (sessionStorage), the display preferences (localStorage), the sync between tabs and the
//! watch on one's place in line.

pub mod journey;
pub mod preferences;
pub mod queue_watch;
pub mod stored;
pub mod tab_sync;

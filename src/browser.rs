//! Browser services the app builds on: time and timers, the channel between tabs, focus that
//! leaves a portal's page still, and the sound and notification for an admission. No journey logic here.

pub mod alert;
pub mod focus;
pub mod tabs;
pub mod timing;

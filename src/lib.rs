//! yeyak, the citizen web client of the vaccination pre-reservation service.
//!
//! `boot` installs the panic page, reads `config.json`, then mounts the app. The rest is grouped
//! by what it is: `browser` wraps browser services (timers, tabs, sound), `state` holds what the
//! journey keeps and the background work that keeps it current, `i18n` every word, `api` the
//! HTTP calls, `domain` pure rules with native tests, `pages` the routes, `components` the
//! reusable pieces.

pub mod api;
pub mod app;
pub mod boot;
pub mod browser;
pub mod components;
pub mod domain;
pub mod i18n;
pub mod pages;
pub mod state;

pub use boot::start;

//! The reference backend over real HTTP against temporary database files.

mod concurrency;
mod flow;
mod fuzz;
mod headers;
mod offline_shell;
mod openapi;
mod restart;
mod rules;
mod service;
mod support;

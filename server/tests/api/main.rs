//! The reference backend over real HTTP against temporary databases: SQLite files, or new
//! databases on a PostgreSQL server when `YEYAK_TEST_POSTGRES` names one.

mod concurrency;
mod flow;
mod fuzz;
mod headers;
mod instances;
mod metrics;
mod offline_shell;
mod openapi;
mod restart;
mod rules;
mod service;
mod support;

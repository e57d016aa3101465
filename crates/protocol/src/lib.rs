//! Request and response types shared by the yeyak client and the reference server.
//!
//! Both sides compile these same types, so the JSON on the wire cannot drift between them; the
//! server's OpenAPI document is generated from them too (feature `openapi`). Dates are
//! `YYYY-MM-DD`, times `HH:MM`, instants RFC 3339 in Korea time (`+09:00`).

mod booking;
mod campaign;
mod identity;
mod problem;
mod queue;
pub mod rules;

pub use booking::*;
pub use campaign::*;
pub use identity::*;
pub use problem::*;
pub use queue::*;

use serde::{Deserialize, Serialize};

/// Answer of `GET /api/v1/health`: the server is up and its database answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthResponse {
    /// `"ok"` when the database answered a query.
    pub status: String,
    /// Version of the server build (`CARGO_PKG_VERSION`).
    pub version: String,
    /// Schema version the database was migrated to.
    pub schema_version: u32,
}

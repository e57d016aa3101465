//! The waiting room: tickets, shared progress, admission and its booking window.

use serde::{Deserialize, Serialize};

/// Answer of `POST /api/v1/queue/tickets`: the same ticket for the same person every time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueTicketResponse {
    /// Signed ticket; holds the sequence number, so position needs no origin call.
    pub ticket: String,
    /// The person's number in the line.
    pub sequence: u64,
    /// When the ticket was first issued (RFC 3339).
    pub issued_at: String,
}

/// Answer of `GET /api/v1/queue/progress`: the same for everyone, cacheable for a second.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueProgressResponse {
    /// Every ticket with a sequence up to this one has been served.
    pub served: u64,
    /// The last sequence issued.
    pub tail: u64,
    /// Operator's admission rate.
    pub admissions_per_minute: u32,
    /// True while the operator has paused admission.
    pub paused: bool,
    /// Server's hint: the shortest interval for asking again.
    pub poll_after_ms: u32,
    /// When these numbers were computed (RFC 3339).
    pub updated_at: String,
}

/// Answer of `POST /api/v1/queue/tickets/{ticket}/admission` and `POST /api/v1/admission/extend`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdmissionResponse {
    /// Bearer token for booking.
    pub admission_token: String,
    /// Booking must be done by then (RFC 3339).
    pub expires_at: String,
    /// How many more times the window can be extended.
    pub extensions_left: u32,
}

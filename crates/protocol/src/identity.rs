//! Identity providers, their status lights, and verification sessions.

use serde::{Deserialize, Serialize};

/// A provider's status light.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProviderStatus {
    /// Green, 원활.
    Smooth,
    /// Yellow, 지연.
    Delayed,
    /// Red, 혼잡.
    Congested,
    /// Gray, 선택 불가: cannot be chosen now.
    Unavailable,
}

impl ProviderStatus {
    /// The wire name, also the CSS modifier.
    pub fn as_str(self) -> &'static str {
        match self {
            ProviderStatus::Smooth => "smooth",
            ProviderStatus::Delayed => "delayed",
            ProviderStatus::Congested => "congested",
            ProviderStatus::Unavailable => "unavailable",
        }
    }
}

/// One identity provider as the chooser shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProviderInfo {
    /// Stable id (`kakao`, `naver`, `pass`, `toss`, `phone`, `ipin`, `joint_cert`, `financial_cert`).
    pub id: String,
    /// Korean name.
    pub name_ko: String,
    /// English name.
    pub name_en: String,
    /// The light.
    pub status: ProviderStatus,
    /// Expected seconds from start to approval at the current load.
    pub estimated_wait_seconds: u32,
    /// Why it is unavailable or slow (operator's words), if known.
    pub reason: Option<String>,
}

/// Answer of `GET /api/v1/providers` (cacheable, with `ETag`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProvidersResponse {
    /// Every provider, in display order.
    pub providers: Vec<ProviderInfo>,
    /// When the lights were computed (RFC 3339).
    pub updated_at: String,
    /// Ask again no sooner than this.
    pub poll_after_ms: u32,
}

/// Body of `POST /api/v1/auth/sessions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StartVerificationRequest {
    /// Provider id.
    pub provider: String,
    /// Name as registered with the provider.
    pub name: String,
    /// `YYYY-MM-DD`; also read as people type it (`19700319`, `1970.03.19`, full-width digits).
    pub birth_date: String,
    /// Mobile number, `010-1234-5678` or `01012345678`; full-width digits and the usual
    /// separators (spaces, dots, dashes) are accepted.
    pub phone: String,
    /// A random id the browser keeps for this device (not personal data).
    pub device_id: String,
}

/// Where a verification stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum VerificationStatus {
    /// Waiting for the person to approve in the provider's app.
    Pending,
    /// Approved: `token` is the bearer token for the queue.
    Approved,
    /// The provider refused or failed; start again.
    Rejected,
    /// Too old; start again.
    Expired,
}

/// Answer of `POST /api/v1/auth/sessions` and `GET /api/v1/auth/sessions/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerificationResponse {
    /// Session id to poll.
    pub session_id: String,
    /// Where it stands.
    pub status: VerificationStatus,
    /// Provider id.
    pub provider: String,
    /// While pending: poll again no sooner than this.
    pub poll_after_ms: Option<u32>,
    /// When approved: the bearer token for `POST /queue/tickets`.
    pub token: Option<String>,
    /// When the token stops working (RFC 3339).
    pub token_expires_at: Option<String>,
    /// When rejected: why (provider's words).
    pub reason: Option<String>,
}

//! The one error type of API calls, each variant knowing its message and way forward.

use yeyak_protocol::Problem;

use crate::i18n::Msg;

/// Why an API call failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// No answer: offline, refused, or aborted.
    #[error("the server could not be reached")]
    Network,
    /// No answer within the client's time limit for this kind of call (the request may still
    /// have reached the server).
    #[error("no answer in time")]
    Timeout,
    /// The server answered with a problem document.
    #[error("{}: {}", .0.code, .0.detail.clone().unwrap_or_default())]
    Problem(Box<Problem>),
    /// The server answered an error without a problem document (a proxy, a CDN).
    #[error("HTTP {status}")]
    Http {
        /// Status code.
        status: u16,
        /// `Retry-After`, if sent.
        retry_after_ms: Option<u64>,
    },
    /// The answer was not the JSON this client reads.
    #[error("unreadable answer: {0}")]
    Decode(String),
}

impl ApiError {
    /// The problem's stable code, if the server sent one.
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Problem(problem) => Some(&problem.code),
            _ => None,
        }
    }

    /// The problem document, if any.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            ApiError::Problem(problem) => Some(problem),
            _ => None,
        }
    }

    /// The HTTP status of a refusal (with or without a problem document), if the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Problem(problem) => Some(problem.status),
            ApiError::Http { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// How long the server asked us to wait (`Retry-After`), if it did.
    pub fn retry_after_ms(&self) -> Option<u64> {
        match self {
            ApiError::Problem(problem) => problem.retry_after_ms,
            ApiError::Http { retry_after_ms, .. } => *retry_after_ms,
            _ => None,
        }
    }

    /// Worth trying again by itself (network, overload, server fault).
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Network | ApiError::Timeout | ApiError::Decode(_) => true,
            ApiError::Http { status, .. } => *status >= 500 || *status == 429,
            ApiError::Problem(problem) => problem.status >= 500 || problem.status == 429,
        }
    }

    /// What the citizen is told.
    pub fn message(&self) -> Msg {
        match self.code() {
            Some("not_your_day") => Msg::ErrNotYourDay,
            Some("outside_window") => Msg::ErrOutsideWindow,
            Some("not_in_cohort") => Msg::ErrNotInCohort,
            Some("provider_unavailable") => Msg::ErrProviderUnavailable,
            Some("device_locked") => Msg::ErrDeviceLocked,
            Some("slot_full") => Msg::ErrSlotFull,
            Some("already_reserved") => Msg::ErrAlreadyReserved,
            Some("admission_expired" | "ticket_expired" | "ticket_left") => {
                Msg::ErrAdmissionExpired
            }
            Some("reservation_not_found") => Msg::ErrReservationNotFound,
            Some("change_cutoff_passed") => Msg::ErrCutoff,
            Some("invalid_field") => Msg::ErrInvalidField,
            _ if *self == ApiError::Timeout => Msg::ErrTimeout,
            _ if self.is_transient() => Msg::ErrNetwork,
            _ => Msg::ErrUnknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(status: u16, code: &str) -> ApiError {
        ApiError::Problem(Box::new(Problem::new(status, code, "t", None)))
    }

    #[test]
    fn each_problem_code_has_its_own_message() {
        assert_eq!(problem(403, "not_your_day").message(), Msg::ErrNotYourDay);
        assert_eq!(problem(409, "slot_full").message(), Msg::ErrSlotFull);
        assert_eq!(
            problem(410, "ticket_expired").message(),
            Msg::ErrAdmissionExpired
        );
        assert_eq!(
            problem(423, "device_locked").message(),
            Msg::ErrDeviceLocked
        );
    }

    #[test]
    fn transient_failures_say_to_try_again() {
        assert!(ApiError::Network.is_transient());
        assert_eq!(ApiError::Network.message(), Msg::ErrNetwork);
        assert_eq!(problem(503, "unavailable").message(), Msg::ErrNetwork);
        let proxy = ApiError::Http {
            status: 502,
            retry_after_ms: None,
        };
        assert!(proxy.is_transient());
        assert!(!problem(404, "not_found").is_transient());
        assert_eq!(problem(404, "not_found").message(), Msg::ErrUnknown);
    }
}

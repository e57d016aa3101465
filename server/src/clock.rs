//! The server's notion of now, in Korea time; tests and demos can move it.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, FixedOffset, Utc};

/// Korea Standard Time (UTC+9, no daylight saving).
pub fn kst() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).expect("+09:00 is a valid offset")
}

/// Real time plus an adjustable offset, shared by every handler.
#[derive(Clone, Default)]
pub struct Clock {
    offset: Arc<Mutex<Duration>>,
}

impl Clock {
    /// A clock that reads `start` now and runs at real speed from there.
    pub fn starting_at(start: DateTime<FixedOffset>) -> Self {
        let clock = Self::default();
        clock.set(start);
        clock
    }

    /// The current instant in Korea time.
    pub fn now(&self) -> DateTime<FixedOffset> {
        let offset = *self.offset.lock().unwrap_or_else(|p| p.into_inner());
        (Utc::now() + offset).with_timezone(&kst())
    }

    /// Jumps to `instant` (it keeps running from there).
    pub fn set(&self, instant: DateTime<FixedOffset>) {
        *self.offset.lock().unwrap_or_else(|p| p.into_inner()) =
            instant.with_timezone(&Utc) - Utc::now();
    }

    /// Moves forward by `by`.
    pub fn advance(&self, by: Duration) {
        *self.offset.lock().unwrap_or_else(|p| p.into_inner()) += by;
    }
}

/// RFC 3339 with seconds, in Korea time: the one timestamp format of the API.
pub fn rfc3339(instant: DateTime<FixedOffset>) -> String {
    instant
        .with_timezone(&kst())
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_clock_reads_the_set_time_and_advances() {
        let start = DateTime::parse_from_rfc3339("2026-08-09T20:00:00+09:00").unwrap();
        let clock = Clock::starting_at(start);
        assert!((clock.now() - start).num_seconds().abs() <= 1);
        clock.advance(Duration::minutes(90));
        assert_eq!(rfc3339(clock.now())[..16], *"2026-08-09T21:30");
    }
}

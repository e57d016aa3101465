//! What the waiting room shows: people ahead and behind, progress, and an honest ETA range.

/// Estimates never claim more than this; beyond it the page says "over an hour".
pub const ETA_CAP_MINUTES: u64 = 60;

/// The waiting room's numbers for one ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueView {
    /// People ahead (0 once served).
    pub ahead: u64,
    /// People behind.
    pub behind: u64,
    /// Share of the way from joining to the front, 0-100.
    pub percent: u8,
    /// True once the ticket's number is served.
    pub served: bool,
}

/// The view for `sequence` given the shared progress, and the ahead-count when the person joined.
pub fn view(sequence: u64, served: u64, tail: u64, ahead_at_join: u64) -> QueueView {
    let ahead = sequence.saturating_sub(served + 1);
    let is_served = served >= sequence;
    let percent = if is_served || ahead_at_join == 0 {
        100
    } else {
        (100 - (ahead.min(ahead_at_join) * 100 / ahead_at_join)) as u8
    };
    QueueView {
        ahead: if is_served { 0 } else { ahead },
        behind: tail.saturating_sub(sequence),
        percent,
        served: is_served,
    }
}

/// An ETA as a range in minutes, or `None` when it would be over [`ETA_CAP_MINUTES`]
/// (or the queue is paused): say "over an hour", never an absurd number.
pub fn eta_minutes(ahead: u64, admissions_per_minute: u32, paused: bool) -> Option<(u64, u64)> {
    if paused || admissions_per_minute == 0 {
        return None;
    }
    let minutes = ahead as f64 / f64::from(admissions_per_minute);
    let low = (minutes * 0.8).floor() as u64;
    let high = ((minutes * 1.3).ceil() as u64).max(1);
    (high <= ETA_CAP_MINUTES).then_some((low, high))
}

/// How long a served number stays redeemable (the server's grace), in milliseconds.
pub const GRACE_MS: f64 = 10.0 * 60_000.0;

/// The served number `elapsed_ms` after an answer that said `served`, moving at the observed
/// rate; never past the number just before `sequence` (only the server says "your turn").
pub fn estimate_served(
    served: u64,
    admissions_per_minute: u32,
    paused: bool,
    elapsed_ms: f64,
    sequence: u64,
) -> u64 {
    if paused || served >= sequence {
        return served;
    }
    let moved = (f64::from(admissions_per_minute) * elapsed_ms.max(0.0) / 60_000.0).floor() as u64;
    (served + moved).min(sequence.saturating_sub(1)).max(served)
}

/// Until when the place is certainly kept, however the line moves, counted from the last
/// contact: even if the number came up right then, it is held for [`GRACE_MS`].
pub fn held_until_ms(last_contact_ms: f64) -> f64 {
    last_contact_ms + GRACE_MS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_estimate_moves_at_the_rate_and_stops_short_of_the_turn() {
        // 600 a minute: 10 a second.
        assert_eq!(estimate_served(100, 600, false, 0.0, 1_000), 100);
        assert_eq!(estimate_served(100, 600, false, 4_500.0, 1_000), 145);
        assert_eq!(
            estimate_served(100, 600, false, 600_000.0, 1_000),
            999,
            "never claims the turn came"
        );
        assert_eq!(
            estimate_served(100, 600, true, 60_000.0, 1_000),
            100,
            "paused"
        );
        assert_eq!(estimate_served(1_000, 600, false, 9_000.0, 1_000), 1_000);
        assert_eq!(held_until_ms(1_000.0), 601_000.0);
    }

    #[test]
    fn counts_people_ahead_and_behind() {
        let v = view(120, 19, 500, 100);
        assert_eq!((v.ahead, v.behind, v.served), (100, 380, false));
        assert_eq!(v.percent, 0);
        let halfway = view(120, 69, 500, 100);
        assert_eq!((halfway.ahead, halfway.percent), (50, 50));
        let served = view(120, 120, 500, 100);
        assert_eq!(
            (served.ahead, served.percent, served.served),
            (0, 100, true)
        );
    }

    #[test]
    fn eta_is_a_range_and_caps_at_an_hour() {
        assert_eq!(eta_minutes(1_000, 500, false), Some((1, 3)));
        assert_eq!(eta_minutes(0, 500, false), Some((0, 1)));
        assert_eq!(
            eta_minutes(10_000_000, 33_334, false),
            None,
            "2021's 47 hours becomes 'over an hour'"
        );
        assert_eq!(eta_minutes(10, 500, true), None);
    }
}

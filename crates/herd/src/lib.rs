//! The herd rules as pure code: when a waiting client asks the server again.
//!
//! The client (in the browser) and `cargo xtask bench-herd` (natively, for ten million simulated
//! clients) run this same code. Randomness comes in as a uniform number in `[0, 1)`, so every
//! function is deterministic and testable.
//!
//! The rules: never faster than the server says (`poll_after_ms`, `Retry-After`); the farther
//! back, the rarer (a tenth of the expected wait, between [`PollPolicy::near_ms`] and
//! [`PollPolicy::far_ms`]); ±20% jitter; a random first delay; full-jitter exponential backoff
//! on errors, never more often than the usual pace; slower while the tab is hidden;
//! `Retry-After` above everything.

/// The tuning of the policy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PollPolicy {
    /// Interval near the front of the line.
    pub near_ms: u32,
    /// Interval far back (the cap).
    pub far_ms: u32,
    /// Share of the expected wait between polls (0.1: ten polls over the remaining wait).
    pub wait_share: f64,
    /// ± jitter as a share of the interval.
    pub jitter: f64,
    /// First retry ceiling after an error; doubles per consecutive error.
    pub backoff_base_ms: u32,
    /// Ceiling of the backoff.
    pub backoff_cap_ms: u32,
    /// Multiplier while the page is hidden (the ticket stays alive; nobody is watching).
    pub hidden_factor: f64,
    /// Ceiling of the random delay before the first poll of a page.
    pub first_delay_ms: u32,
}

impl Default for PollPolicy {
    fn default() -> Self {
        Self {
            near_ms: 1_600,
            far_ms: 120_000,
            wait_share: 0.1,
            jitter: 0.2,
            backoff_base_ms: 1_000,
            backoff_cap_ms: 60_000,
            hidden_factor: 3.0,
            first_delay_ms: 2_000,
        }
    }
}

/// What the client knows when it plans the next poll.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PollInput {
    /// People ahead, from the last good answer.
    pub ahead: u64,
    /// Admissions per minute, from the last good answer (0: no answer yet). While the queue is
    /// paused, the configured rate still applies: the server's longer hint slows the poll.
    pub admissions_per_minute: u32,
    /// The server's `poll_after_ms` from the last good answer.
    pub server_hint_ms: u32,
    /// `Retry-After` of the last answer, if it had one.
    pub retry_after_ms: Option<u64>,
    /// Consecutive failed polls (network, 5xx, 429, 503).
    pub failures: u32,
    /// The page is hidden.
    pub hidden: bool,
}

impl PollPolicy {
    /// The interval for someone `ahead` people back at this admission rate, before jitter.
    pub fn interval_for(&self, ahead: u64, admissions_per_minute: u32) -> f64 {
        if admissions_per_minute == 0 {
            // Unknown (no answer yet): assume the front; the server's hint is the floor.
            return f64::from(self.near_ms);
        }
        let wait_ms = ahead as f64 * 60_000.0 / f64::from(admissions_per_minute);
        (wait_ms * self.wait_share).clamp(f64::from(self.near_ms), f64::from(self.far_ms))
    }

    /// Milliseconds until the next poll; `u` is uniform in `[0, 1)`.
    pub fn next_delay_ms(&self, input: &PollInput, u: f64) -> u64 {
        let u = u.clamp(0.0, 1.0);
        let base = self.interval_for(input.ahead, input.admissions_per_minute);
        // The usual pace, jittered ±20%.
        let usual = base * (1.0 + self.jitter * (2.0 * u - 1.0));
        let delay = if input.failures > 0 {
            // Full jitter: anywhere up to the doubled ceiling, so a crowd that failed together
            // does not come back together; but never more often than this client's usual
            // (still jittered) pace, or an outage would make the far back of the line poll
            // faster, and in step.
            let ceiling =
                f64::from(self.backoff_base_ms) * 2f64.powi(input.failures.min(16) as i32);
            (u * ceiling.min(f64::from(self.backoff_cap_ms))).max(usual)
        } else {
            usual
        };
        let delay = if input.hidden {
            delay * self.hidden_factor
        } else {
            delay
        };
        // Never faster than the server asked, and Retry-After above everything.
        let floor = f64::from(input.server_hint_ms).max(input.retry_after_ms.unwrap_or(0) as f64);
        delay.max(floor).round() as u64
    }

    /// The delay before a page's first poll, so a crowd that loads together spreads out.
    pub fn first_delay_ms(&self, u: f64) -> u64 {
        (u.clamp(0.0, 1.0) * f64::from(self.first_delay_ms)).round() as u64
    }
}

/// A small deterministic random source (xorshift64*), for the benchmark and tests.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// Seeded; a zero seed is replaced.
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    /// Uniform in `[0, 1)`.
    pub fn uniform(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(ahead: u64) -> PollInput {
        PollInput {
            ahead,
            admissions_per_minute: 33_334,
            server_hint_ms: 2_000,
            ..PollInput::default()
        }
    }

    #[test]
    fn never_faster_than_the_server_asks() {
        let policy = PollPolicy::default();
        for u in [0.0, 0.25, 0.5, 0.999] {
            assert!(policy.next_delay_ms(&input(0), u) >= 2_000);
            let mut busy = input(0);
            busy.server_hint_ms = 10_000;
            assert!(policy.next_delay_ms(&busy, u) >= 10_000);
        }
    }

    #[test]
    fn the_farther_back_the_rarer_up_to_the_cap() {
        let policy = PollPolicy::default();
        let near = policy.interval_for(100, 33_334);
        let middle = policy.interval_for(100_000, 33_334);
        let far = policy.interval_for(10_000_000, 33_334);
        assert_eq!(near, 1_600.0, "about 2 s at the front");
        assert!(middle > near && middle < far, "{near} {middle} {far}");
        assert_eq!(far, 120_000.0, "capped");
        assert_eq!(
            policy.interval_for(5, 0),
            1_600.0,
            "rate unknown: the front's pace"
        );
    }

    #[test]
    fn jitter_stays_within_twenty_percent() {
        let policy = PollPolicy::default();
        let mut far = input(10_000_000);
        far.server_hint_ms = 0;
        let low = policy.next_delay_ms(&far, 0.0);
        let high = policy.next_delay_ms(&far, 0.999_999);
        assert_eq!(low, 96_000);
        assert!((143_999..=144_000).contains(&high), "{high}");
        let mut rng = Rng::new(7);
        for _ in 0..10_000 {
            let d = policy.next_delay_ms(&far, rng.uniform());
            assert!((96_000..=144_000).contains(&d), "{d}");
        }
    }

    #[test]
    fn errors_back_off_with_full_jitter_and_a_cap() {
        let policy = PollPolicy::default();
        let mut failing = input(50);
        failing.server_hint_ms = 0;
        let ceilings: Vec<u64> = (1..=8)
            .map(|n| {
                failing.failures = n;
                policy.next_delay_ms(&failing, 0.999_999)
            })
            .collect();
        assert_eq!(ceilings[..5], [2_000, 4_000, 8_000, 16_000, 32_000]);
        assert!(ceilings[5..].iter().all(|c| *c == 60_000), "{ceilings:?}");
        failing.failures = 3;
        assert_eq!(
            policy.next_delay_ms(&failing, 0.0),
            1_280,
            "down to the usual pace's low end"
        );
        assert_eq!(policy.next_delay_ms(&failing, 0.5), 4_000);
        // Far back, an error never makes a client poll sooner than it usually would.
        let mut far = input(10_000_000);
        far.server_hint_ms = 0;
        far.failures = 1;
        assert_eq!(policy.next_delay_ms(&far, 0.0), 96_000);
    }

    #[test]
    fn retry_after_wins_over_everything() {
        let policy = PollPolicy::default();
        let mut told = input(0);
        told.retry_after_ms = Some(30_000);
        told.failures = 1;
        for u in [0.0, 0.5, 0.99] {
            assert!(policy.next_delay_ms(&told, u) >= 30_000);
        }
        told.failures = 0;
        assert!(policy.next_delay_ms(&told, 0.0) >= 30_000);
    }

    #[test]
    fn hidden_pages_poll_less_and_first_polls_spread() {
        let policy = PollPolicy::default();
        // Mid-queue (six minutes away), where the server's 2 s floor does not decide.
        let mut hidden = input(200_000);
        hidden.hidden = true;
        let visible = policy.next_delay_ms(&input(200_000), 0.5);
        let slowed = policy.next_delay_ms(&hidden, 0.5);
        assert!(
            slowed.abs_diff(3 * visible) <= 2,
            "{slowed} vs 3 x {visible}"
        );
        assert_eq!(policy.first_delay_ms(0.0), 0);
        assert_eq!(policy.first_delay_ms(0.5), 1_000);
        let mut rng = Rng::new(42);
        let mean = (0..100_000).map(|_| rng.uniform()).sum::<f64>() / 100_000.0;
        assert!((mean - 0.5).abs() < 0.01, "{mean}");
    }
}

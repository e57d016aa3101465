//! `cargo xtask bench-herd`: the client's own poll policy (crate `yeyak-herd`) for millions of
//! waiting clients against a model of the server, printing what the origin and the CDN see.
//!
//! The model: `clients` people already waiting (steady state: each at a random phase of its
//! poll cycle), numbers served at `per_hour`, the progress response cached for one second (as a
//! CDN would), and optionally an error burst of 60 s every 10 minutes in which every request
//! fails. A stratified sample of clients is simulated poll by poll, each standing for
//! `clients / sample` people when requests per second are counted.

use yeyak_herd::{PollInput, PollPolicy, Rng};

/// The scenario.
#[derive(Debug, Clone, Copy)]
pub struct Scenario {
    /// People waiting at the start.
    pub clients: u64,
    /// Admissions per hour.
    pub per_hour: u64,
    /// Simulated clients (the rest are represented by them).
    pub sample: u64,
    /// Whether error bursts happen.
    pub bursts: bool,
}

/// What a run measured.
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    /// Requests to the origin (join + redeem attempts) per admitted person.
    pub origin_per_admitted: f64,
    /// Highest progress requests per second over any 10-second window.
    pub peak_progress_per_s: f64,
    /// Progress requests per second over the whole run.
    pub mean_progress_per_s: f64,
    /// Median delay from "your number is served" to "the client noticed", seconds.
    pub notice_p50_s: f64,
    /// 99th percentile of that delay, seconds.
    pub notice_p99_s: f64,
    /// 99th percentile counted from when the server could be reached again (a number served
    /// during an outage cannot be noticed before it ends), seconds.
    pub reachable_p99_s: f64,
}

const CACHE_S: f64 = 1.0;
const BUCKET_S: f64 = 10.0;

fn in_burst(bursts: bool, t: f64) -> bool {
    bursts && t.rem_euclid(600.0) >= 540.0
}

/// The first moment at or after `t` outside a burst.
fn reachable_from(bursts: bool, t: f64) -> f64 {
    if in_burst(bursts, t) {
        (t / 600.0).floor() * 600.0 + 600.0
    } else {
        t
    }
}

/// Runs one scenario.
pub fn run(scenario: Scenario, seed: u64) -> Measured {
    let policy = PollPolicy::default();
    let rate_s = scenario.per_hour as f64 / 3600.0;
    let per_minute = (scenario.per_hour / 60) as u32;
    let weight = scenario.clients as f64 / scenario.sample as f64;
    let horizon_s = scenario.clients as f64 / rate_s + 3_600.0;
    let mut buckets = vec![0f64; (horizon_s / BUCKET_S) as usize + 2];
    let mut rng = Rng::new(seed);
    let mut delays = Vec::with_capacity(scenario.sample as usize);
    let mut reachable_delays = Vec::with_capacity(scenario.sample as usize);
    let mut origin = 0u64;
    // The CDN's copy is refreshed each second: what a poll at `t` sees was served by `floor(t)`.
    let observed = |t: f64| ((t / CACHE_S).floor() * CACHE_S * rate_s).floor() as u64;

    for i in 0..scenario.sample {
        let sequence = (((i as f64 + rng.uniform()) * weight).floor() as u64).max(1);
        let served_at = sequence as f64 / rate_s;
        origin += 1; // joined once, ticket kept
        let mut input = PollInput {
            ahead: sequence - 1,
            admissions_per_minute: per_minute,
            server_hint_ms: 2_000,
            ..PollInput::default()
        };
        // Steady state: somewhere inside its first interval.
        let mut t = rng.uniform() * policy.next_delay_ms(&input, rng.uniform()) as f64 / 1000.0;
        loop {
            buckets[(t / BUCKET_S) as usize] += weight;
            if in_burst(scenario.bursts, t) {
                input.failures += 1;
            } else {
                let served = observed(t);
                input.failures = 0;
                if served >= sequence {
                    // Noticed: redeem at the origin, retrying through any burst.
                    delays.push(t - served_at);
                    reachable_delays.push(t - reachable_from(scenario.bursts, served_at));
                    origin += 1;
                    let mut redeem_at = t;
                    let mut failures = 0;
                    while in_burst(scenario.bursts, redeem_at) {
                        failures += 1;
                        let retry = PollInput { failures, ..input };
                        redeem_at +=
                            policy.next_delay_ms(&retry, rng.uniform()).max(250) as f64 / 1000.0;
                        origin += 1;
                    }
                    break;
                }
                input.ahead = sequence - served - 1;
            }
            t += policy.next_delay_ms(&input, rng.uniform()).max(1) as f64 / 1000.0;
        }
    }
    delays.sort_by(|a, b| a.total_cmp(b));
    reachable_delays.sort_by(|a, b| a.total_cmp(b));
    let pick = |q: f64| delays[((delays.len() - 1) as f64 * q).round() as usize];
    let reachable_p99 =
        reachable_delays[((reachable_delays.len() - 1) as f64 * 0.99).round() as usize];
    let last_bucket = buckets.iter().rposition(|b| *b > 0.0).unwrap_or(0) + 1;
    let total: f64 = buckets.iter().sum();
    Measured {
        origin_per_admitted: origin as f64 / scenario.sample as f64,
        peak_progress_per_s: buckets.iter().cloned().fold(0.0, f64::max) / BUCKET_S,
        mean_progress_per_s: total / (last_bucket as f64 * BUCKET_S),
        notice_p50_s: pick(0.5),
        notice_p99_s: pick(0.99),
        reachable_p99_s: reachable_p99,
    }
}

/// Parses `--clients N --per-hour N --sample N` and prints both scenarios.
pub fn bench(args: &[String]) -> Result<(), String> {
    let mut scenario = Scenario {
        clients: 10_000_000,
        per_hour: 2_000_000,
        sample: 20_000,
        bursts: false,
    };
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let value: u64 = args
            .next()
            .and_then(|v| v.replace('_', "").parse().ok())
            .ok_or_else(|| format!("`{flag}` needs a whole number"))?;
        match flag.as_str() {
            "--clients" => scenario.clients = value,
            "--per-hour" => scenario.per_hour = value,
            "--sample" => scenario.sample = value.max(100),
            other => {
                return Err(format!(
                    "unknown option `{other}` (--clients, --per-hour, --sample)"
                ))
            }
        }
    }
    println!(
        "bench-herd: {} waiting, {} admitted per hour, {} simulated clients, progress cached 1 s",
        scenario.clients, scenario.per_hour, scenario.sample
    );
    println!(
        "{:<30} {:>14} {:>16} {:>16} {:>8} {:>8} {:>16}",
        "scenario",
        "origin/person",
        "peak progress/s",
        "mean progress/s",
        "p50 s",
        "p99 s",
        "p99 reachable s"
    );
    for bursts in [false, true] {
        let started = std::time::Instant::now();
        let m = run(Scenario { bursts, ..scenario }, 2021);
        println!(
            "{:<30} {:>14.2} {:>16.0} {:>16.0} {:>8.2} {:>8.2} {:>16.2}   ({:.1} s)",
            if bursts {
                "60 s error burst every 10 min"
            } else {
                "no errors"
            },
            m.origin_per_admitted,
            m.peak_progress_per_s,
            m.mean_progress_per_s,
            m.notice_p50_s,
            m.notice_p99_s,
            m.reachable_p99_s,
            started.elapsed().as_secs_f64()
        );
    }
    let n = scenario.clients as f64;
    println!(
        "for comparison: a fixed 5 s poll makes {:.0} requests/s, a 30 s cap {:.0}/s",
        n / 5.0,
        n / 30.0
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_herd_meets_the_limits_and_bursts_cost_retries() {
        let base = Scenario {
            clients: 600_000,
            per_hour: 2_000_000,
            sample: 2_000,
            bursts: false,
        };
        let calm = run(base, 1);
        assert!(
            (calm.origin_per_admitted - 2.0).abs() < 1e-9,
            "join + redeem: {calm:?}"
        );
        assert!(calm.notice_p99_s <= 3.0, "{calm:?}");
        assert!(calm.notice_p50_s > 0.0);
        // A short line (18 minutes, so two bursts happen) polls more often per person, yet
        // stays far below a fixed 5 s poll.
        assert!(calm.peak_progress_per_s < 600_000.0 / 5.0 / 2.0, "{calm:?}");
        let stormy = run(
            Scenario {
                bursts: true,
                ..base
            },
            1,
        );
        assert!(
            stormy.origin_per_admitted >= calm.origin_per_admitted,
            "{stormy:?}"
        );
        // An outage must not make the line poll harder than it does in calm.
        assert!(
            stormy.peak_progress_per_s <= calm.peak_progress_per_s * 1.5,
            "{stormy:?} vs {calm:?}"
        );
        assert!(
            stormy.notice_p99_s > calm.notice_p99_s,
            "bursts delay some notices: {stormy:?}"
        );
    }
}

//! Building and starting the reference server for `run` and for the end-to-end suite.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::paths;
use crate::process;

/// Cargo profile the server is built with: optimised but unwinding (see the root Cargo.toml).
pub const PROFILE: &str = "server";

/// Builds `yeyak-server` with the server profile; returns the binary's path.
pub fn build() -> Result<PathBuf, String> {
    let ok = process::run(&mut process::cargo(&[
        "build",
        "--package",
        "yeyak-server",
        "--profile",
        PROFILE,
    ]));
    if !ok {
        return Err("cargo build of yeyak-server failed".into());
    }
    Ok(paths::target_dir().join(PROFILE).join("yeyak-server"))
}

/// A server started for the tests; killed when dropped.
pub struct RunningServer {
    child: Child,
    /// `http://127.0.0.1:PORT`, read from the server's first line.
    pub base_url: String,
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Settings of the server the suites run against: booking open at any hour, quick simulated
/// approvals that never fail at random, no per-address limit (every test comes from
/// 127.0.0.1), an operator token ([`TEST_OPERATOR_TOKEN`]), and the clock hook the tests use
/// to arrange cases.
pub const TEST_ARGS: &[&str] = &[
    "--window=always",
    "--auth-delay-scale=0.3",
    "--auth-failure-rate=0",
    "--rate-limit=0",
    "--admin-token=e2e-operator-token",
    "--test-hooks=on",
];

/// The operator token of every test server.
pub const TEST_OPERATOR_TOKEN: &str = "e2e-operator-token";

/// What `cargo xtask run` gives the server unless told `--production-rules`: a demonstration
/// (booking open at any hour, the client's demo ribbon, a sample birth date on the start page)
/// whose simulated providers never reject at random, on a database of its own for each day
/// ([`demo_db`], unless the caller names one) so the campaign a newcomer tries starts today.
pub fn demo_args(caller_names_db: bool) -> Vec<String> {
    let mut args = vec!["--demo=on".to_owned(), "--auth-failure-rate=0".to_owned()];
    if !caller_names_db {
        args.push(format!("--db={}", demo_db()));
    }
    args
}

/// `data/demo-YYYY-MM-DD.sqlite3` for today in Korea.
pub fn demo_db() -> String {
    format!("data/demo-{}.sqlite3", today_in_korea())
}

/// Today's date in Korea, `YYYY-MM-DD`.
pub fn today_in_korea() -> String {
    let unix = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let (year, month, day) = civil_date((unix + 9 * 3600).div_euclid(86_400));
    format!("{year:04}-{month:02}-{day:02}")
}

/// 10:00 Korea time of today's date in Korea, RFC 3339: the instant every test server starts
/// at. The suites move the server's clock forward (an expired booking window, a dialog near
/// its end); starting at a fixed morning keeps those moves on one day, so a run that begins
/// at 23:50 in Seoul does not see "today" change under it.
pub fn test_morning() -> String {
    format!("{}T10:00:00+09:00", today_in_korea())
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's algorithm).
fn civil_date(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Starts the binary on a free port with the given database and client, [`TEST_ARGS`],
/// a clock starting at [`test_morning`] and `extra`; waits for its URL line.
pub fn start(
    binary: &Path,
    db: &Path,
    dist: &Path,
    log: &Path,
    extra: &[&str],
) -> Result<RunningServer, String> {
    let mut args = vec![
        "--port=0".to_owned(),
        format!("--db={}", db.display()),
        format!("--dist={}", dist.display()),
    ];
    args.extend(TEST_ARGS.iter().map(|a| a.to_string()));
    args.push(format!("--now={}", test_morning()));
    args.extend(extra.iter().map(|a| a.to_string()));
    start_with(binary, &args, log)
}

/// Starts the binary with exactly `args` (stderr to `log`); waits for its URL line.
pub fn start_with(binary: &Path, args: &[String], log: &Path) -> Result<RunningServer, String> {
    let log_file = std::fs::File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
    let mut child = Command::new(binary)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(log_file)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
    let stdout = child.stdout.take().expect("stdout is piped");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut first = String::new();
        let _ = BufReader::new(stdout).read_line(&mut first);
        let _ = tx.send(first);
    });
    let line = rx.recv_timeout(Duration::from_secs(60)).unwrap_or_default();
    match line.trim().rsplit_once(' ') {
        Some((_, url)) if url.starts_with("http://") => Ok(RunningServer {
            child,
            base_url: url.to_owned(),
        }),
        _ => {
            let _ = child.kill();
            let _ = child.wait();
            let logs = std::fs::read_to_string(log).unwrap_or_default();
            Err(format!("server did not start; it said {line:?}\n{logs}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_counts_become_calendar_dates() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(59), (1970, 3, 1));
        assert_eq!(civil_date(11_016), (2000, 2, 29));
        assert_eq!(civil_date(20_790), (2026, 12, 3));
        assert_eq!(civil_date(-1), (1969, 12, 31));
    }
}

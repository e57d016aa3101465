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
/// 127.0.0.1), an operator token, and the clock hook the tests use to arrange cases.
pub const TEST_ARGS: &[&str] = &[
    "--window=always",
    "--auth-delay-scale=0.3",
    "--auth-failure-rate=0",
    "--rate-limit=0",
    "--admin-token=e2e-operator-token",
    "--test-hooks=on",
];

/// Starts the binary on a free port with the given database and client, [`TEST_ARGS`] and
/// `extra`; waits for its URL line.
pub fn start(
    binary: &Path,
    db: &Path,
    dist: &Path,
    log: &Path,
    extra: &[&str],
) -> Result<RunningServer, String> {
    let log_file = std::fs::File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
    let mut child = Command::new(binary)
        .arg("--port=0")
        .arg(format!("--db={}", db.display()))
        .arg(format!("--dist={}", dist.display()))
        .args(TEST_ARGS)
        .args(extra)
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

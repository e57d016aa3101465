//! Running child commands with the project's environment, and reading what they print.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::paths;

/// A command with the project's PATH and target dir already set, run from the repository root.
pub fn command(program: &str) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(paths::repo_root())
        .env("PATH", paths::tool_path())
        .env("CARGO_TARGET_DIR", paths::target_dir());
    cmd
}

/// `cargo` with the project's environment.
pub fn cargo(args: &[&str]) -> Command {
    let mut cmd = command("cargo");
    cmd.args(args);
    cmd
}

/// Runs to completion with output shown; true when it exited 0.
pub fn run(cmd: &mut Command) -> bool {
    eprintln!("  $ {}", describe(cmd));
    match cmd.status() {
        Ok(status) => status.success(),
        Err(err) => {
            eprintln!(
                "  cannot start {}: {err}",
                cmd.get_program().to_string_lossy()
            );
            false
        }
    }
}

/// Runs with stdout streamed through (and kept), stderr shown; returns (success, stdout).
pub fn run_capturing(cmd: &mut Command) -> (bool, String) {
    eprintln!("  $ {}", describe(cmd));
    let mut child = match cmd.stdout(Stdio::piped()).spawn() {
        Ok(child) => child,
        Err(err) => {
            eprintln!(
                "  cannot start {}: {err}",
                cmd.get_program().to_string_lossy()
            );
            return (false, String::new());
        }
    };
    let mut captured = String::new();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            captured.push_str(&line);
            captured.push('\n');
        }
    }
    let ok = child.wait().map(|s| s.success()).unwrap_or(false);
    (ok, captured)
}

/// First line of a command's stdout, or None when it cannot run or fails.
pub fn output_line(program: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).output().ok()?;
    if !output.status.success() {
        return None;
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .next()
        .map(|l| l.trim().to_owned())
}

fn describe(cmd: &Command) -> String {
    let mut text = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

//! `cargo xtask setup`: installs what is missing, and nothing that is already there.
//!
//! Each step first checks for the exact tool it needs and only installs on a miss, so a second
//! run on the same machine only runs the checks (a few seconds).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::paths;
use crate::process::{self, output_line};

/// The trunk release line that builds with the machine's rustc (0.22 needs a newer one).
const TRUNK_SERIES: &str = "0.21.";
/// The wasm-opt that produces modules Chromium accepts (Debian's 108 does not).
const BINARYEN_VERSION: &str = "132";
/// The JS minifier for the wasm-bindgen glue and the boot scripts (trunk's own cannot parse the glue).
const TERSER_VERSION: &str = "5.51.4";
/// What the browser tests run.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// The driver wasm-bindgen-test-runner talks to.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Runs every step in order; the first failure ends setup with its reason.
pub fn setup() -> Result<(), String> {
    paths::claim_target_dir()?;
    let steps: [(&str, Step); 9] = [
        ("wasm32 target", wasm_target),
        ("trunk", trunk),
        ("wasm-bindgen-cli", wasm_bindgen_cli),
        ("wasm-opt (npm binaryen)", wasm_opt),
        ("terser (npm)", terser),
        ("chromium + chromedriver + Korean font", chromium),
        ("end-to-end npm packages", e2e_packages),
        ("PostgreSQL server (Debian)", postgresql),
        (
            "OpenAPI validator and schemathesis (PyPI, in a venv)",
            python_tools,
        ),
    ];
    for (name, step) in steps {
        match step() {
            Ok(Outcome::Present(what)) => eprintln!("setup: {name}: present ({what})"),
            Ok(Outcome::Installed(what)) => eprintln!("setup: {name}: installed ({what})"),
            Err(reason) => return Err(format!("setup step `{name}` failed: {reason}")),
        }
    }
    Ok(())
}

/// One setup step: checks, installs on a miss, and says which it did.
type Step = fn() -> Result<Outcome, String>;

/// What a step found or did.
pub enum Outcome {
    Present(String),
    Installed(String),
}

fn wasm_target() -> Result<Outcome, String> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| format!("rustup: {e}"))?;
    let target = "wasm32-unknown-unknown";
    if String::from_utf8_lossy(&installed.stdout)
        .lines()
        .any(|l| l.trim() == target)
    {
        return Ok(Outcome::Present(target.into()));
    }
    ensure(
        process::run(Command::new("rustup").args(["target", "add", target])),
        "rustup target add",
    )?;
    Ok(Outcome::Installed(target.into()))
}

fn tool_bin(name: &str) -> PathBuf {
    paths::tools_root().join("bin").join(name)
}

fn trunk() -> Result<Outcome, String> {
    let bin = tool_bin("trunk");
    let found = || {
        output_line(&bin, &["--version"])
            .filter(|v| v.starts_with(&format!("trunk {TRUNK_SERIES}")))
    };
    if let Some(version) = found() {
        return Ok(Outcome::Present(version));
    }
    eprintln!(
        "setup: building trunk {TRUNK_SERIES}x from crates.io (10-18 minutes the first time)"
    );
    cargo_install(&["--locked", "trunk", "--version", "~0.21"])?;
    found()
        .map(Outcome::Installed)
        .ok_or_else(|| "trunk still not found after install".into())
}

/// The wasm-bindgen version Cargo.lock resolved: the CLI must match it exactly.
pub fn locked_wasm_bindgen_version() -> Result<String, String> {
    let lock = fs::read_to_string(paths::repo_root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e} (run `cargo generate-lockfile`)"))?;
    parse_locked_version(&lock, "wasm-bindgen")
        .ok_or_else(|| "Cargo.lock has no wasm-bindgen package".into())
}

fn parse_locked_version(lock: &str, package: &str) -> Option<String> {
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == format!("name = \"{package}\"") {
            let version = lines.next()?.trim();
            return version
                .strip_prefix("version = \"")
                .and_then(|v| v.strip_suffix('"'))
                .map(str::to_owned);
        }
    }
    None
}

fn wasm_bindgen_cli() -> Result<Outcome, String> {
    let version = locked_wasm_bindgen_version()?;
    let wanted = format!("wasm-bindgen {version}");
    let found = || {
        let cli = output_line(&tool_bin("wasm-bindgen"), &["--version"])?;
        let runner = tool_bin("wasm-bindgen-test-runner");
        (cli == wanted && runner.exists()).then_some(cli)
    };
    if let Some(v) = found() {
        return Ok(Outcome::Present(v));
    }
    eprintln!("setup: building wasm-bindgen-cli {version} (about 5 minutes the first time)");
    // The crate's own lockfile is tried first; when one of its pins has been pulled from the
    // registry (webpki-roots 1.0.11 was, in 2026-11), fall back to a fresh resolution.
    let pinned = format!("={version}");
    if cargo_install(&["--locked", "wasm-bindgen-cli", "--version", &pinned]).is_err() {
        eprintln!("setup: the locked install failed; retrying without --locked");
        cargo_install(&["wasm-bindgen-cli", "--version", &pinned])?;
    }
    found()
        .map(Outcome::Installed)
        .ok_or_else(|| format!("{wanted} still not found after install"))
}

fn cargo_install(args: &[&str]) -> Result<(), String> {
    let root = paths::tools_root();
    let root = root.to_string_lossy();
    let mut cmd = Command::new("cargo");
    cmd.arg("install").args(args).args(["--root", &root]);
    // The install has its own target dir: it must not share locks or artifacts with the project.
    cmd.env_remove("CARGO_TARGET_DIR");
    ensure(process::run(&mut cmd), "cargo install")
}

fn wasm_opt() -> Result<Outcome, String> {
    let dir = paths::binaryen_dir();
    let bin = dir.join("node_modules").join(".bin").join("wasm-opt");
    let wanted = format!("version {BINARYEN_VERSION}");
    let found = || output_line(&bin, &["--version"]).filter(|v| v.contains(&wanted));
    if let Some(v) = found() {
        return Ok(Outcome::Present(v));
    }
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut npm = Command::new("npm");
    npm.args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&dir)
        .arg(format!("binaryen@{BINARYEN_VERSION}"));
    ensure(process::run(&mut npm), "npm install binaryen")?;
    found()
        .map(Outcome::Installed)
        .ok_or_else(|| format!("wasm-opt {wanted} still not found"))
}

/// terser's command line.
pub fn terser_bin() -> PathBuf {
    paths::cache_dir()
        .join("terser")
        .join("node_modules")
        .join(".bin")
        .join("terser")
}

fn terser() -> Result<Outcome, String> {
    let bin = terser_bin();
    let found = || output_line(&bin, &["--version"]).filter(|v| v.contains(TERSER_VERSION));
    if let Some(v) = found() {
        return Ok(Outcome::Present(v));
    }
    let dir = paths::cache_dir().join("terser");
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut npm = Command::new("npm");
    npm.args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&dir)
        .arg(format!("terser@{TERSER_VERSION}"));
    ensure(process::run(&mut npm), "npm install terser")?;
    found()
        .map(Outcome::Installed)
        .ok_or_else(|| format!("terser {TERSER_VERSION} still not found"))
}

fn chromium() -> Result<Outcome, String> {
    // fonts-nanum: a Korean system font, so pages and screenshots show Hangul, not boxes.
    let font = Path::new("/usr/share/fonts/truetype/nanum");
    let present =
        || Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() && font.exists();
    let version = || output_line(Path::new(CHROMIUM), &["--version"]).unwrap_or_default();
    if present() {
        return Ok(Outcome::Present(version()));
    }
    ensure(apt(&["update", "-q"]), "apt-get update")?;
    ensure(
        apt(&[
            "install",
            "-y",
            "-q",
            "chromium",
            "chromium-driver",
            "fonts-nanum",
        ]),
        "apt-get install chromium chromium-driver fonts-nanum",
    )?;
    if present() {
        Ok(Outcome::Installed(version()))
    } else {
        Err(format!(
            "{CHROMIUM} or {CHROMEDRIVER} missing after apt-get install"
        ))
    }
}

/// `apt-get ARGS`, through `sudo -n` unless we are root.
fn apt(args: &[&str]) -> bool {
    let mut cmd = if is_root() {
        Command::new("apt-get")
    } else {
        let mut sudo = Command::new("sudo");
        sudo.arg("-n").arg("apt-get");
        sudo
    };
    cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
    process::run(&mut cmd)
}

/// Debian's PostgreSQL server: the tests and the benchmark start throw-away clusters of it.
fn postgresql() -> Result<Outcome, String> {
    let version = || {
        crate::postgres::bin_dir()
            .and_then(|bin| output_line(&bin.join("postgres"), &["--version"]))
            .unwrap_or_default()
    };
    if crate::postgres::bin_dir().is_some() {
        return Ok(Outcome::Present(version()));
    }
    ensure(apt(&["update", "-q"]), "apt-get update")?;
    ensure(
        apt(&["install", "-y", "-q", "postgresql"]),
        "apt-get install postgresql",
    )?;
    match crate::postgres::bin_dir() {
        Some(_) => Ok(Outcome::Installed(version())),
        None => Err("no /usr/lib/postgresql/*/bin/initdb after apt-get install".into()),
    }
}

pub fn is_root() -> bool {
    output_line(Path::new("id"), &["-u"]).as_deref() == Some("0")
}

fn e2e_packages() -> Result<Outcome, String> {
    npm_ci(&paths::e2e_dir())
}

/// `npm ci` in `dir` from its committed lockfile, unless `node_modules` already matches it.
pub fn npm_ci(dir: &Path) -> Result<Outcome, String> {
    let lock =
        fs::read(dir.join("package-lock.json")).map_err(|e| format!("package-lock.json: {e}"))?;
    // npm ci leaves a copy of the lockfile it installed from; equal bytes mean nothing to do.
    let installed = dir.join("node_modules").join(".package-lock.json");
    let stamp = dir.join("node_modules").join(".yeyak-installed-lock.json");
    if installed.exists() && fs::read(&stamp).ok().as_deref() == Some(&lock[..]) {
        return Ok(Outcome::Present(
            "node_modules matches package-lock.json".into(),
        ));
    }
    let mut npm = Command::new("npm");
    npm.args(["ci", "--no-audit", "--no-fund", "--prefer-offline"])
        .current_dir(dir);
    ensure(
        process::run(&mut npm),
        &format!("npm ci in {}", dir.display()),
    )?;
    fs::write(&stamp, &lock).map_err(|e| format!("{}: {e}", stamp.display()))?;
    Ok(Outcome::Installed("npm ci".into()))
}

/// The Python tools the contract checks run, pinned: the document's validator and the
/// property-based contract tester.
const PYTHON_TOOLS: [(&str, &str); 2] = [
    ("openapi-spec-validator", "0.9.0"),
    ("schemathesis", "4.32.5"),
];

/// The venv's Python, which has the validator.
pub fn venv_python() -> PathBuf {
    paths::cache_dir().join("venv").join("bin").join("python")
}

/// A command the venv installed (`schemathesis`).
pub fn venv_bin(name: &str) -> PathBuf {
    paths::cache_dir().join("venv").join("bin").join(name)
}

fn python_tools() -> Result<Outcome, String> {
    let python = venv_python();
    let installed = |package: &str| {
        output_line(
            &python,
            &[
                "-c",
                &format!("import importlib.metadata as m; print(m.version('{package}'))"),
            ],
        )
    };
    let missing = || -> Vec<String> {
        PYTHON_TOOLS
            .iter()
            .filter(|(package, version)| installed(package).as_deref() != Some(*version))
            .map(|(package, version)| format!("{package}=={version}"))
            .collect()
    };
    let listed = PYTHON_TOOLS
        .iter()
        .map(|(package, version)| format!("{package} {version}"))
        .collect::<Vec<_>>()
        .join(", ");
    let wanted = missing();
    if wanted.is_empty() {
        return Ok(Outcome::Present(listed));
    }
    let venv = paths::cache_dir().join("venv");
    if !python.exists() {
        ensure(
            process::run(Command::new("python3").arg("-m").arg("venv").arg(&venv)),
            "python3 -m venv",
        )?;
    }
    ensure(
        process::run(
            Command::new(&python)
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                ])
                .args(&wanted),
        ),
        &format!("pip install {}", wanted.join(" ")),
    )?;
    if missing().is_empty() {
        Ok(Outcome::Installed(listed))
    } else {
        Err(format!(
            "still missing after pip install: {}",
            missing().join(", ")
        ))
    }
}

fn ensure(ok: bool, what: &str) -> Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{what}` exited with an error (see its output above)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_version_of_the_named_package_only() {
        let lock = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"0.1.0\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        assert_eq!(
            parse_locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(parse_locked_version(lock, "trunk"), None);
    }

    #[test]
    fn the_workspace_lock_pins_the_version_the_manifest_demands() {
        let manifest = fs::read_to_string(paths::repo_root().join("Cargo.toml")).unwrap();
        let version = locked_wasm_bindgen_version().unwrap();
        assert!(
            manifest.contains(&format!("wasm-bindgen = \"={version}\"")),
            "Cargo.toml must pin wasm-bindgen to exactly {version}"
        );
    }
}

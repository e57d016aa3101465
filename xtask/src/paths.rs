//! Where things live: the repository, and the caches kept outside it so reruns are fast.

use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The repository root (the workspace that contains `xtask/`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the repository root")
        .to_path_buf()
}

/// Everything installed or built outside the clone: `$YEYAK_CACHE`, else `~/.cache/yeyak`.
pub fn cache_dir() -> PathBuf {
    if let Some(dir) = env::var_os("YEYAK_CACHE").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let home = env::var_os("HOME").unwrap_or_else(|| OsString::from("."));
    PathBuf::from(home).join(".cache").join("yeyak")
}

/// `cargo install --root` of trunk and wasm-bindgen-cli; binaries in `bin/`.
pub fn tools_root() -> PathBuf {
    cache_dir().join("tools")
}

/// The folder holding the npm `binaryen` package (the wasm-opt trunk runs).
pub fn binaryen_dir() -> PathBuf {
    cache_dir().join("binaryen")
}

/// The cargo target directory: `$CARGO_TARGET_DIR` if set, else one in the cache.
pub fn target_dir() -> PathBuf {
    env::var_os("CARGO_TARGET_DIR")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| cache_dir().join("target"))
}

/// Makes the shared target directory build this checkout. Cargo keys a workspace's own crates
/// by their path relative to the workspace, so two checkouts share their entries, and it
/// decides freshness by file times: after another checkout built there, an older checkout's
/// sources look older than the build and its stale artifacts would be used. So when the last
/// checkout to build here was another one, this checkout's sources are touched first.
pub fn claim_target_dir() -> Result<(), String> {
    let target = target_dir();
    std::fs::create_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))?;
    let stamp = target.join(".yeyak-checkout");
    let root = repo_root();
    let me = root.display().to_string();
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(me.as_str()) {
        return Ok(());
    }
    let now = std::time::SystemTime::now();
    let mut touched = 0;
    for dir in ["src", "crates", "server", "tests", "xtask"] {
        touched += touch_sources(&root.join(dir), now);
    }
    touched += touch_sources(&root.join("Cargo.toml"), now);
    eprintln!(
        "setup: target dir {} last built another checkout: touched {touched} sources",
        target.display()
    );
    std::fs::write(&stamp, me).map_err(|e| format!("{}: {e}", stamp.display()))
}

/// Sets the modification time of every `.rs` and `Cargo.toml` under `path` (skipping
/// `node_modules`); returns how many.
fn touch_sources(path: &Path, now: std::time::SystemTime) -> usize {
    if path.is_dir() {
        if path.ends_with("node_modules") {
            return 0;
        }
        return std::fs::read_dir(path)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| touch_sources(&e.path(), now))
                    .sum()
            })
            .unwrap_or(0);
    }
    let is_source = path.extension().is_some_and(|e| e == "rs")
        || path.file_name().is_some_and(|n| n == "Cargo.toml");
    let touched = is_source
        && std::fs::File::options()
            .append(true)
            .open(path)
            .and_then(|f| f.set_modified(now))
            .is_ok();
    usize::from(touched)
}

/// The built client, served by the server and measured by `size`.
pub fn dist_dir() -> PathBuf {
    repo_root().join("dist")
}

/// The end-to-end suite (Playwright project with its own package.json).
pub fn e2e_dir() -> PathBuf {
    repo_root().join("tests").join("e2e")
}

/// PATH with the project's tools first, so trunk finds the pinned wasm-bindgen and wasm-opt.
pub fn tool_path() -> OsString {
    let mut dirs = vec![
        tools_root().join("bin"),
        binaryen_dir().join("node_modules").join(".bin"),
    ];
    if let Some(path) = env::var_os("PATH") {
        dirs.extend(env::split_paths(&path));
    }
    env::join_paths(dirs).expect("PATH entries contain no separator")
}

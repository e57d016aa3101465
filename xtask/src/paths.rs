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

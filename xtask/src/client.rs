//! Building the client with trunk, and checking what the build ships.

use std::fs;
use std::path::{Path, PathBuf};

use crate::paths;
use crate::process;

/// The release build into `dist/`: trunk for the page, styles and copied files (minified; see
/// Trunk.toml and index.html), `wasm_build` for the split wasm and its scripts, then the
/// finishing steps of `dist::finish` (one stylesheet, content names, precompressed copies).
pub fn build_release() -> bool {
    let mut trunk = process::command("trunk");
    trunk.args(["build", "--release"]);
    if !process::run(&mut trunk) {
        return false;
    }
    if let Err(err) = crate::wasm_build::build_into(&paths::dist_dir()) {
        eprintln!("xtask: building the wasm failed: {err}");
        return false;
    }
    match crate::dist::finish(&paths::dist_dir()) {
        Ok(names) => {
            eprintln!("xtask: dist finished: {}", names.join(", "));
            true
        }
        Err(err) => {
            eprintln!("xtask: finishing dist/ failed: {err}");
            false
        }
    }
}

/// The `.wasm` files in `dist/`.
pub fn wasm_files(dist: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dist)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "wasm"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Checks no release wasm (the main module and each chunk) carries a `name` section (function
/// names are bytes phones download).
pub fn check_shipped_wasm() -> Result<String, String> {
    let dist = paths::dist_dir();
    let files = wasm_files(&dist);
    if files.len() < 2 {
        return Err(format!(
            "expected the main wasm and its chunks in {}, found {} file(s)",
            dist.display(),
            files.len()
        ));
    }
    let mut report = Vec::new();
    for file in &files {
        let bytes = fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let names = custom_sections(&bytes)?;
        if names.iter().any(|n| n == "name") {
            return Err(format!("{} ships a `name` section", file.display()));
        }
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        report.push(format!(
            "{name}: {} bytes, custom sections {names:?}",
            bytes.len()
        ));
    }
    Ok(report.join("; "))
}

/// Names of the custom sections of a wasm module.
fn custom_sections(bytes: &[u8]) -> Result<Vec<String>, String> {
    if bytes.get(..4) != Some(b"\0asm") {
        return Err("not a wasm module".into());
    }
    let mut names = Vec::new();
    let mut at = 8;
    while at < bytes.len() {
        let id = bytes[at];
        at += 1;
        let (size, next) = read_leb(bytes, at)?;
        let end = next + size;
        if end > bytes.len() {
            return Err("truncated section".into());
        }
        if id == 0 {
            let (len, name_at) = read_leb(bytes, next)?;
            let name = bytes.get(name_at..name_at + len).ok_or("truncated name")?;
            names.push(String::from_utf8_lossy(name).into_owned());
        }
        at = end;
    }
    Ok(names)
}

fn read_leb(bytes: &[u8], mut at: usize) -> Result<(usize, usize), String> {
    let mut value = 0usize;
    let mut shift = 0;
    loop {
        let byte = *bytes.get(at).ok_or("truncated LEB128")?;
        at += 1;
        value |= usize::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok((value, at));
        }
        shift += 7;
        if shift > 35 {
            return Err("LEB128 too long".into());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module_with_custom(name: &str) -> Vec<u8> {
        let mut module = b"\0asm\x01\0\0\0".to_vec();
        // A type section (id 1) with no types, then a custom section holding `name`.
        module.extend([1, 1, 0]);
        let mut payload = vec![name.len() as u8];
        payload.extend(name.as_bytes());
        payload.extend([0xAA, 0xBB]);
        module.push(0);
        module.push(payload.len() as u8);
        module.extend(payload);
        module
    }

    #[test]
    fn finds_custom_section_names() {
        assert_eq!(
            custom_sections(&module_with_custom("name")).unwrap(),
            vec!["name"]
        );
        assert_eq!(
            custom_sections(&module_with_custom("producers")).unwrap(),
            vec!["producers"]
        );
    }

    #[test]
    fn refuses_what_is_not_wasm() {
        assert!(custom_sections(b"<html>").is_err());
        let mut truncated = module_with_custom("name");
        truncated.truncate(12);
        assert!(custom_sections(&truncated).is_err());
    }
}

//! What happens to `dist/` after trunk, so that it is what a phone should receive:
//! 1. the stylesheets become one file (one render-blocking request instead of six);
//! 2. every hashed file is named by a digest of its own final bytes, and every reference and
//!    `integrity` attribute rewritten to match (trunk 0.21 names the JS after the wasm's digest,
//!    so a rebuild could publish other bytes under an old, year-cached name);
//! 3. the offline shell's worker (`sw.js`, copied from `web/sw.js`) gets this build's id and
//!    the list of its files to keep;
//! 4. every text and wasm file gets a `.br` (quality 11) and a `.gz` (level 9) beside it, which
//!    the server sends as they are.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine;
use sha2::{Digest, Sha256, Sha384};

/// The worker's file name: fixed, since a browser finds a registered worker by its URL.
pub const WORKER: &str = "sw.js";

/// Extensions that get precompressed copies.
pub const COMPRESSED_KINDS: [&str; 7] = ["html", "js", "css", "wasm", "json", "svg", "txt"];

/// Runs every step on `dist` and returns the final file names of the page's assets.
pub fn finish(dist: &Path) -> Result<Vec<String>, String> {
    let index = dist.join("index.html");
    let mut html = read_text(&index)?;
    html = merge_stylesheets(dist, &html)?;
    // A file is renamed only once every hashed file it names has its final name, so its own
    // bytes (and so its digest) no longer change: the wasm before the link file that fetches
    // it, the link file before the glue that imports it, the glue before the boot script.
    let mut pending = hashed_files(dist)?;
    while !pending.is_empty() {
        let ready = pending
            .iter()
            .position(|name| {
                let text = text_of(dist, name);
                !pending
                    .iter()
                    .any(|other| other != name && text.contains(other.as_str()))
            })
            .ok_or_else(|| format!("these files name each other: {pending:?}"))?;
        let name = pending.remove(ready);
        let renamed = rename_by_content(dist, &name)?;
        if renamed != name {
            html = html.replace(&name, &renamed);
            replace_in_js(dist, &name, &renamed)?;
        }
    }
    html = refresh_integrity(dist, &html)?;
    fs::write(&index, &html).map_err(|e| format!("{}: {e}", index.display()))?;
    if dist.join(WORKER).exists() {
        write_worker(dist)?;
    }
    remove_stale_compressed(dist)?;
    compress_all(dist)?;
    hashed_files(dist)
}

/// The files the worker keeps: the page, its runtime config and every hashed file.
pub fn kept_files(dist: &Path) -> Result<Vec<String>, String> {
    let mut files = vec!["index.html".to_owned(), "config.json".to_owned()];
    files.extend(hashed_files(dist)?);
    Ok(files)
}

/// Fills the copied `web/sw.js` with this build's id (a digest of the page, the config and
/// every kept name, so any change to what is served is a new build) and its file list, then
/// minifies it. Refuses a worker that was filled already.
fn write_worker(dist: &Path) -> Result<(), String> {
    let path = dist.join(WORKER);
    let template = read_text(&path)?;
    if !template.contains("'/* build */'") || !template.contains("/* files */ []") {
        return Err(format!(
            "{WORKER}: no place for the build id or the file list"
        ));
    }
    let files = kept_files(dist)?;
    let mut identity = Vec::new();
    for name in ["index.html", "config.json"] {
        identity.extend(fs::read(dist.join(name)).map_err(|e| format!("{name}: {e}"))?);
    }
    identity.extend(files.join("\n").into_bytes());
    let list: Vec<String> = files.iter().map(|f| format!("'./{f}'")).collect();
    let worker = template
        .replace("'/* build */'", &format!("'{}'", content_digest(&identity)))
        .replace("/* files */ []", &format!("[{}]", list.join(", ")));
    fs::write(&path, worker).map_err(|e| format!("{WORKER}: {e}"))?;
    crate::wasm_build::minify_script(&path)
}

/// Copies the files of a finished build (not its folders) from `from` into a fresh `to`.
pub fn copy_build(from: &Path, to: &Path) -> Result<(), String> {
    let _ = fs::remove_dir_all(to);
    fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in fs::read_dir(from).map_err(|e| format!("{}: {e} (build first)", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        if entry.path().is_file() {
            fs::copy(entry.path(), to.join(entry.file_name()))
                .map_err(|e| format!("{}: {e}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// Another build made from a finished one, for the deploy test: its stylesheet gains a rule
/// that says `marker` (`html { --yy-build: "B" }`) and its main wasm a custom section, and it
/// is finished as a real build is (new names, references, digests, worker list).
pub fn variant(from: &Path, to: &Path, marker: &str) -> Result<(), String> {
    copy_build(from, to)?;
    for name in hashed_files(to)? {
        let path = to.join(&name);
        if name.starts_with("app-") && name.ends_with(".css") {
            let css = read_text(&path)? + &format!("html{{--yy-build:\"{marker}\"}}\n");
            fs::write(&path, css).map_err(|e| format!("{name}: {e}"))?;
        } else if name.starts_with("yeyak-") && name.ends_with("_bg.wasm") {
            let mut wasm = fs::read(&path).map_err(|e| format!("{name}: {e}"))?;
            // A custom section (id 0): size, then the name and its payload.
            let label = b"yeyak-build";
            let payload = marker.as_bytes();
            let size = 1 + label.len() + payload.len();
            if size > 127 || label.len() > 127 {
                return Err("marker too long for a one-byte section size".into());
            }
            wasm.extend([0, size as u8, label.len() as u8]);
            wasm.extend(label);
            wasm.extend(payload);
            fs::write(&path, wasm).map_err(|e| format!("{name}: {e}"))?;
        }
    }
    let template = crate::paths::repo_root().join("web").join(WORKER);
    fs::copy(template, to.join(WORKER)).map_err(|e| format!("web/{WORKER}: {e}"))?;
    finish(to).map(|_| ())
}

/// Checks that every hashed file of `dist` is named by a digest of its bytes.
pub fn names_match_digests(dist: &Path) -> Result<usize, String> {
    let names = hashed_files(dist)?;
    for name in &names {
        let bytes = fs::read(dist.join(name)).map_err(|e| format!("{name}: {e}"))?;
        let (_, hex, _) = split_hashed(name).ok_or_else(|| format!("{name}: not hashed"))?;
        if hex != content_digest(&bytes) {
            return Err(format!(
                "{name} holds bytes whose digest is {}",
                content_digest(&bytes)
            ));
        }
    }
    Ok(names.len())
}

/// The differences between two finished builds: names only in one, or names with other bytes.
pub fn differences(a: &Path, b: &Path) -> Result<Vec<String>, String> {
    let list = |dir: &Path| -> Result<Vec<String>, String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(Result::ok)
            .filter(|e| e.path().is_file())
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        names.sort();
        Ok(names)
    };
    let (left, right) = (list(a)?, list(b)?);
    let mut out = Vec::new();
    for name in left.iter().filter(|n| !right.contains(n)) {
        out.push(format!("only in the first build: {name}"));
    }
    for name in right.iter().filter(|n| !left.contains(n)) {
        out.push(format!("only in the second build: {name}"));
    }
    for name in left.iter().filter(|n| right.contains(n)) {
        let same = fs::read(a.join(name)).ok() == fs::read(b.join(name)).ok();
        if !same {
            out.push(format!("other bytes under one name: {name}"));
        }
    }
    Ok(out)
}

/// A file's text, or nothing for a binary one (wasm names no other file).
fn text_of(dist: &Path, name: &str) -> String {
    if name.ends_with(".wasm") {
        return String::new();
    }
    fs::read_to_string(dist.join(name)).unwrap_or_default()
}

/// The digest part of a content name: the first 16 hex digits of the file's SHA-256.
pub fn content_digest(bytes: &[u8]) -> String {
    Sha256::digest(bytes)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Splits `stem-<hex>[_bg].ext` into (`stem`, `hex`, `_bg.ext` or `.ext`).
pub fn split_hashed(name: &str) -> Option<(&str, &str, &str)> {
    let dot = name.find('.')?;
    let (base, ext) = name.split_at(dot);
    let (base, tail) = match base.strip_suffix("_bg") {
        Some(b) => (b, &name[b.len()..]),
        None => (base, ext),
    };
    let (stem, hex) = base.rsplit_once('-')?;
    (hex.len() >= 8 && hex.chars().all(|c| c.is_ascii_hexdigit())).then_some((stem, hex, tail))
}

/// Files directly in `dist` with a hashed name (wasm, js, css).
pub fn hashed_files(dist: &Path) -> Result<Vec<String>, String> {
    let mut names: Vec<String> = fs::read_dir(dist)
        .map_err(|e| format!("{}: {e}", dist.display()))?
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| {
            [".wasm", ".js", ".css"].iter().any(|x| n.ends_with(x)) && split_hashed(n).is_some()
        })
        .collect();
    names.sort();
    Ok(names)
}

/// Renames a hashed file after its own bytes; returns the new name.
fn rename_by_content(dist: &Path, name: &str) -> Result<String, String> {
    let (stem, _, tail) = split_hashed(name).ok_or_else(|| format!("{name}: not hashed"))?;
    let bytes = fs::read(dist.join(name)).map_err(|e| format!("{name}: {e}"))?;
    let renamed = format!("{stem}-{}{tail}", content_digest(&bytes));
    if renamed != name {
        fs::rename(dist.join(name), dist.join(&renamed)).map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(renamed)
}

/// wasm-bindgen's glue names its wasm as a default; keep it true after a rename.
fn replace_in_js(dist: &Path, from: &str, to: &str) -> Result<(), String> {
    for js in hashed_files(dist)?.iter().filter(|n| n.ends_with(".js")) {
        let path = dist.join(js);
        let text = read_text(&path)?;
        if text.contains(from) {
            fs::write(&path, text.replace(from, to)).map_err(|e| format!("{js}: {e}"))?;
        }
    }
    Ok(())
}

/// One stylesheet in place of several: their text in page order, under the first's name.
fn merge_stylesheets(dist: &Path, html: &str) -> Result<String, String> {
    let sheets: Vec<(usize, usize, String)> = tags(html, "link")
        .into_iter()
        .filter(|(start, end)| attr(&html[*start..*end], "rel").as_deref() == Some("stylesheet"))
        .filter_map(|(start, end)| attr(&html[start..end], "href").map(|h| (start, end, h)))
        .collect();
    if sheets.len() < 2 {
        return Ok(html.to_owned());
    }
    let mut merged = String::new();
    for (_, _, href) in &sheets {
        let path = dist.join(href.trim_start_matches("./"));
        merged.push_str(read_text(&path)?.trim());
        merged.push('\n');
        fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let name = format!("app-{}.css", content_digest(merged.as_bytes()));
    fs::write(dist.join(&name), &merged).map_err(|e| format!("{name}: {e}"))?;
    let mut out = String::new();
    let mut at = 0;
    for (i, (start, end, _)) in sheets.iter().enumerate() {
        out.push_str(&html[at..*start]);
        if i == 0 {
            out.push_str(&format!(
                "<link rel=\"stylesheet\" href=\"./{name}\" integrity=\"\">"
            ));
        }
        at = *end;
    }
    out.push_str(&html[at..]);
    Ok(out)
}

/// Every `integrity` attribute recomputed (sha384) from the file its tag names.
fn refresh_integrity(dist: &Path, html: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut at = 0;
    let mut all = tags(html, "link");
    all.extend(tags(html, "script"));
    all.sort();
    for (start, end) in all {
        let tag = &html[start..end];
        if attr(tag, "integrity").is_none() {
            continue;
        }
        let Some(target) = attr(tag, "href").or_else(|| attr(tag, "src")) else {
            continue;
        };
        let path = dist.join(target.trim_start_matches("./").trim_start_matches('/'));
        let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let hash = base64::engine::general_purpose::STANDARD.encode(Sha384::digest(&bytes));
        out.push_str(&html[at..start]);
        out.push_str(&set_attr(tag, "integrity", &format!("sha384-{hash}")));
        at = end;
    }
    out.push_str(&html[at..]);
    Ok(out)
}

/// `(start, end)` of every `<name …>` opening tag in `html`.
fn tags(html: &str, name: &str) -> Vec<(usize, usize)> {
    let open = format!("<{name}");
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = html[from..].find(&open) {
        let start = from + at;
        let after = html[start + open.len()..].chars().next();
        if !after.is_some_and(|c| c.is_whitespace() || c == '>' || c == '/') {
            from = start + open.len();
            continue;
        }
        let Some(close) = html[start..].find('>') else {
            break;
        };
        found.push((start, start + close + 1));
        from = start + close + 1;
    }
    found
}

/// The value of attribute `name` in one tag, quoted or not (minified HTML drops quotes).
fn attr(tag: &str, name: &str) -> Option<String> {
    attr_span(tag, name).map(|(s, e)| tag[s..e].to_owned())
}

/// Byte range of the value of `name` in `tag`.
fn attr_span(tag: &str, name: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(at) = tag[from..].find(name) {
        let start = from + at;
        let before = tag[..start].chars().last();
        let rest = &tag[start + name.len()..];
        from = start + name.len();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let Some(value) = rest.strip_prefix('=') else {
            if rest.starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/') {
                return Some((from, from));
            }
            continue;
        };
        let value_at = from + 1;
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let end = value[1..].find(q).map_or(value.len(), |e| e + 1);
                (value_at + 1, value_at + end)
            }
            _ => {
                let end = value
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .unwrap_or(value.len());
                let end = if value[..end].ends_with('/') {
                    end - 1
                } else {
                    end
                };
                (value_at, value_at + end)
            }
        });
    }
    None
}

/// The tag with attribute `name` set to `value` (quoted).
fn set_attr(tag: &str, name: &str, value: &str) -> String {
    match attr_span(tag, name) {
        Some((start, end)) => {
            let quoted = tag[..start].ends_with(['"', '\'']);
            if quoted {
                format!("{}{value}{}", &tag[..start], &tag[end..])
            } else {
                let eq = start;
                format!("{}\"{value}\"{}", &tag[..eq], &tag[end..])
            }
        }
        None => tag.to_owned(),
    }
}

/// Compressed copies of files that no longer exist (an earlier build's) are removed.
fn remove_stale_compressed(dist: &Path) -> Result<(), String> {
    for path in files(dist)? {
        let name = path.to_string_lossy();
        if let Some(original) = name
            .strip_suffix(".br")
            .or_else(|| name.strip_suffix(".gz"))
        {
            if !Path::new(original).exists() {
                fs::remove_file(&path).map_err(|e| format!("{name}: {e}"))?;
            }
        }
    }
    Ok(())
}

/// A `.br` and a `.gz` beside every text and wasm file.
fn compress_all(dist: &Path) -> Result<(), String> {
    for path in files(dist)? {
        let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        if !COMPRESSED_KINDS.contains(&ext) {
            continue;
        }
        let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let with = |suffix: &str| PathBuf::from(format!("{}.{suffix}", path.display()));
        fs::write(with("br"), brotli(&bytes)).map_err(|e| format!("{}: {e}", path.display()))?;
        fs::write(with("gz"), gzip(&bytes)).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// Every file under `dist` (the screenshots folder excepted).
fn files(dist: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut pending = vec![dist.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "screenshots") {
                    pending.push(path);
                }
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Brotli at quality 11 with a 4 MiB window, as a CDN's best setting.
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(bytes).expect("writing to memory");
    }
    out
}

/// gzip at level 9.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut writer = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    writer.write_all(bytes).expect("writing to memory");
    writer.finish().expect("writing to memory")
}

fn read_text(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_split_into_stem_digest_and_tail() {
        assert_eq!(
            split_hashed("yeyak-0123456789abcdef_bg.wasm"),
            Some(("yeyak", "0123456789abcdef", "_bg.wasm"))
        );
        assert_eq!(
            split_hashed("app-0123456789abcdef.css"),
            Some(("app", "0123456789abcdef", ".css"))
        );
        assert_eq!(split_hashed("config.json"), None);
        assert_eq!(split_hashed("page-frame.css"), None);
    }

    #[test]
    fn attributes_are_read_quoted_or_not() {
        let tag = r#"<link rel=stylesheet href="./a-1.css" integrity='sha384-x' crossorigin>"#;
        assert_eq!(attr(tag, "rel").as_deref(), Some("stylesheet"));
        assert_eq!(attr(tag, "href").as_deref(), Some("./a-1.css"));
        assert_eq!(attr(tag, "integrity").as_deref(), Some("sha384-x"));
        assert_eq!(attr(tag, "crossorigin").as_deref(), Some(""));
        assert_eq!(
            set_attr(tag, "integrity", "sha384-y"),
            tag.replace("sha384-x", "sha384-y")
        );
        let bare = "<script src=./b.js integrity=sha384-old type=module>";
        assert_eq!(
            set_attr(bare, "integrity", "sha384-new"),
            "<script src=./b.js integrity=\"sha384-new\" type=module>"
        );
    }

    #[test]
    fn a_built_folder_is_renamed_by_content_merged_and_compressed() {
        let dir = std::env::temp_dir().join(format!("yeyak-dist-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let write = |n: &str, b: &str| fs::write(dir.join(n), b).unwrap();
        write("a-1111111111111111.css", ".a{color:red}");
        write("b-2222222222222222.css", ".b{color:blue}");
        write("yeyak-3333333333333333_bg.wasm", "\0asm wasm bytes");
        write(
            "yeyak-3333333333333333.js",
            "fetch('yeyak-3333333333333333_bg.wasm')",
        );
        write(
            "index.html",
            "<link rel=stylesheet href=./a-1111111111111111.css integrity=sha384-a>\
             <link rel=\"stylesheet\" href=\"./b-2222222222222222.css\" integrity=\"sha384-b\">\
             <link rel=modulepreload href=./yeyak-3333333333333333.js integrity=sha384-c>\
             <script type=module>import('./yeyak-3333333333333333.js')</script>",
        );
        let names = finish(&dir).unwrap();
        assert_eq!(names.len(), 3, "{names:?}");
        for name in &names {
            let bytes = fs::read(dir.join(name)).unwrap();
            let (_, digest, _) = split_hashed(name).unwrap();
            assert_eq!(
                digest,
                content_digest(&bytes),
                "{name} is named by its bytes"
            );
            assert!(dir.join(format!("{name}.br")).exists());
            assert!(dir.join(format!("{name}.gz")).exists());
        }
        let html = fs::read_to_string(dir.join("index.html")).unwrap();
        assert_eq!(html.matches("stylesheet").count(), 1, "{html}");
        assert!(!html.contains("3333333333333333"), "{html}");
        let css = names.iter().find(|n| n.ends_with(".css")).unwrap();
        assert_eq!(
            fs::read_to_string(dir.join(css)).unwrap(),
            ".a{color:red}\n.b{color:blue}\n"
        );
        let js = names.iter().find(|n| n.ends_with(".js")).unwrap();
        let wasm = names.iter().find(|n| n.ends_with(".wasm")).unwrap();
        assert!(fs::read_to_string(dir.join(js))
            .unwrap()
            .contains(wasm.as_str()));
        let expected = base64::engine::general_purpose::STANDARD
            .encode(Sha384::digest(fs::read(dir.join(js)).unwrap()));
        assert!(
            html.contains(&format!("integrity=\"sha384-{expected}\"")),
            "{html}"
        );
        // The brotli copy decodes to the file itself.
        let mut decoded = Vec::new();
        brotli::BrotliDecompress(
            &mut fs::read(dir.join("index.html.br")).unwrap().as_slice(),
            &mut decoded,
        )
        .unwrap();
        assert_eq!(decoded, html.as_bytes());
        // A second run changes nothing.
        assert_eq!(finish(&dir).unwrap(), names);
        let _ = fs::remove_dir_all(&dir);
    }
}

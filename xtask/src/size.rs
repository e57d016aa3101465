//! `cargo xtask size`: what a phone downloads: the release build's wasm, js, css, html and the
//! small files, raw, gzip (level 9) and brotli (quality 11). The compressed figures are the
//! sizes of the `.gz` and `.br` files the build wrote and the server sends as they are.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::paths;

/// Sizes of one kind of file, in bytes.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    /// As built.
    pub raw: usize,
    /// gzip -9.
    pub gzip: usize,
    /// brotli -q 11.
    pub brotli: usize,
}

impl Sizes {
    fn add(&mut self, other: Sizes) {
        self.raw += other.raw;
        self.gzip += other.gzip;
        self.brotli += other.brotli;
    }
}

/// The one budget for the first load: every byte a phone receives for `/` (all requests, bodies
/// and headers, as Lighthouse counts them): 200 KiB, the unit Lighthouse reports byte weight in.
/// `cargo xtask test` fails above it.
pub const FIRST_LOAD_BUDGET: usize = 200 * 1024;

/// Measures one file: its bytes, and the compressed copies beside it when the build wrote them.
pub fn measure_file(path: &Path) -> Result<Sizes, String> {
    let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let beside = |suffix: &str| fs::metadata(format!("{}.{suffix}", path.display())).ok();
    match (beside("gz"), beside("br")) {
        (Some(gz), Some(br)) => Ok(Sizes {
            raw: bytes.len(),
            gzip: gz.len() as usize,
            brotli: br.len() as usize,
        }),
        _ => Ok(measure(&bytes)),
    }
}

/// Measures bytes by compressing them as the build does.
pub fn measure(bytes: &[u8]) -> Sizes {
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gzip.write_all(bytes).expect("writing to memory");
    let gzip = gzip.finish().expect("writing to memory").len();
    let mut brotli = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut brotli, 4096, 11, 22);
        writer.write_all(bytes).expect("writing to memory");
    }
    Sizes {
        raw: bytes.len(),
        gzip,
        brotli: brotli.len(),
    }
}

/// The kinds counted, in order.
const KINDS: [&str; 6] = ["wasm", "js", "css", "html", "json", "svg"];

/// Wasm chunks the page fetches only later (named in the chunk loader `split-*.js`).
pub fn later_chunks(dist: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(dist) else {
        return Vec::new();
    };
    let mut chunks = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with("split-") && name.ends_with(".js")) {
            continue;
        }
        let text = fs::read_to_string(entry.path()).unwrap_or_default();
        for piece in text.split(['"', '\'']) {
            let file = piece.trim_start_matches("./");
            if file.ends_with(".wasm") && !file.contains('/') {
                chunks.push(file.to_owned());
            }
        }
    }
    chunks.sort();
    chunks.dedup();
    chunks
}

/// Embedded mode's script and stylesheet, which the page loads only inside a portal's frame.
fn framed_only(name: &str) -> bool {
    name.starts_with("embed-") && (name.ends_with(".js") || name.ends_with(".css"))
}

/// Sizes per kind for the files the first load of `/` fetches (everything directly in `dist`
/// but the chunks fetched later and the script only a frame loads).
pub fn measure_dist(dist: &Path) -> Result<Vec<(&'static str, usize, Sizes)>, String> {
    let later = later_chunks(dist);
    let entries =
        fs::read_dir(dist).map_err(|e| format!("{}: {e} (build first)", dist.display()))?;
    let mut rows: Vec<(&'static str, usize, Sizes)> =
        KINDS.iter().map(|k| (*k, 0, Sizes::default())).collect();
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        let name = entry.file_name().to_string_lossy().into_owned();
        if later.contains(&name) || framed_only(&name) {
            continue;
        }
        if let Some(row) = rows.iter_mut().find(|(kind, _, _)| *kind == ext) {
            row.1 += 1;
            row.2.add(measure_file(&path)?);
        }
    }
    Ok(rows)
}

/// Prints the table and the totals.
pub fn report() -> Result<(), String> {
    let rows = measure_dist(&paths::dist_dir())?;
    let kb = |b: usize| format!("{:.1} KB", b as f64 / 1000.0);
    println!(
        "{:<6} {:>5} {:>11} {:>11} {:>11}",
        "kind", "files", "raw", "gzip", "brotli"
    );
    let mut total = Sizes::default();
    for (kind, files, sizes) in &rows {
        println!(
            "{kind:<6} {files:>5} {:>11} {:>11} {:>11}",
            kb(sizes.raw),
            kb(sizes.gzip),
            kb(sizes.brotli)
        );
        total.add(*sizes);
    }
    println!(
        "{:<6} {:>5} {:>11} {:>11} {:>11}",
        "total",
        "",
        kb(total.raw),
        kb(total.gzip),
        kb(total.brotli)
    );
    println!(
        "first load on the wire (brotli bodies, before headers): {} of a {} budget",
        kb(total.brotli),
        kb(FIRST_LOAD_BUDGET)
    );
    let framed = fs::read_dir(paths::dist_dir())
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| framed_only(name));
    let later = later_chunks(&paths::dist_dir())
        .into_iter()
        .map(|chunk| ("later, when the journey goes on", chunk))
        .chain(framed.map(|name| ("only inside a portal's frame", name)));
    for (when, file) in later {
        let sizes = measure_file(&paths::dist_dir().join(&file))?;
        println!(
            "{when}: {file} {} raw, {} gzip, {} brotli",
            kb(sizes.raw),
            kb(sizes.gzip),
            kb(sizes.brotli)
        );
    }
    Ok(())
}

/// The brotli bytes of everything `/` loads, for the budget check in `cargo xtask test`.
pub fn first_load_brotli(dist: &Path) -> Result<usize, String> {
    Ok(measure_dist(dist)?.iter().map(|(_, _, s)| s.brotli).sum())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compression_is_measured_not_guessed() {
        let repetitive = "코로나19 백신 사전예약 ".repeat(500);
        let sizes = measure(repetitive.as_bytes());
        assert_eq!(sizes.raw, repetitive.len());
        assert!(sizes.gzip < sizes.raw / 10, "{sizes:?}");
        assert!(sizes.brotli <= sizes.gzip, "{sizes:?}");
    }

    #[test]
    fn counts_each_kind_in_a_dist_folder() {
        let dir = std::env::temp_dir().join(format!("yeyak-size-test-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("a.js"), "console.log(1)").unwrap();
        fs::write(dir.join("b.js"), "console.log(2)").unwrap();
        fs::write(dir.join("index.html"), "<!DOCTYPE html>").unwrap();
        fs::write(dir.join("config.json"), "{}").unwrap();
        fs::write(dir.join("a-0123456789abcdef.wasm"), "\0asm").unwrap();
        fs::write(dir.join("split_x-0123456789abcdef.wasm"), "\0asm later").unwrap();
        fs::write(
            dir.join("split-0123456789abcdef.js"),
            "fetch(new URL(\"./split_x-0123456789abcdef.wasm\", import.meta.url))",
        )
        .unwrap();
        let rows = measure_dist(&dir).unwrap();
        fs::remove_dir_all(&dir).unwrap();
        let js = rows.iter().find(|r| r.0 == "js").unwrap();
        assert_eq!(js.1, 3);
        assert_eq!(rows.iter().find(|r| r.0 == "html").unwrap().1, 1);
        let wasm = rows.iter().find(|r| r.0 == "wasm").unwrap();
        assert_eq!(
            (wasm.1, wasm.2.raw),
            (1, 4),
            "the later chunk is not in the first load"
        );
    }
}

//! `cargo xtask size`: what a phone downloads: the release build's wasm, js, css and html,
//! raw, gzip (level 9) and brotli (quality 11), as a CDN would serve them.

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

/// Measures one file's bytes.
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
const KINDS: [&str; 4] = ["wasm", "js", "css", "html"];

/// Sizes per kind for the files directly in `dist`.
pub fn measure_dist(dist: &Path) -> Result<Vec<(&'static str, usize, Sizes)>, String> {
    let entries =
        fs::read_dir(dist).map_err(|e| format!("{}: {e} (build first)", dist.display()))?;
    let mut rows: Vec<(&'static str, usize, Sizes)> =
        KINDS.iter().map(|k| (*k, 0, Sizes::default())).collect();
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        if let Some(row) = rows.iter_mut().find(|(kind, _, _)| *kind == ext) {
            let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            row.1 += 1;
            row.2.add(measure(&bytes));
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
    Ok(())
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
        let rows = measure_dist(&dir).unwrap();
        fs::remove_dir_all(&dir).unwrap();
        let js = rows.iter().find(|r| r.0 == "js").unwrap();
        assert_eq!((js.1, js.2.raw), (2, 28));
        assert_eq!(rows.iter().find(|r| r.0 == "html").unwrap().1, 1);
        assert_eq!(rows.iter().find(|r| r.0 == "wasm").unwrap().1, 0);
    }
}

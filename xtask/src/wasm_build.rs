//! The release wasm, built here rather than by trunk because trunk 0.21 cannot split it: cargo
//! (with relocations kept), `wasm_split_cli_support` (the split points are `#[wasm_split]`
//! functions, see `src/pages/later.rs`), wasm-bindgen on the main module, wasm-opt on every
//! module, then the files into `dist/` with the boot script `web/boot.js`. `dist::finish` names
//! them by content afterwards.

use std::fs;
use std::path::{Path, PathBuf};

use crate::{paths, process};

/// wasm-opt's settings for every module: size first, and the features rustc 1.95 emits.
pub const WASM_OPT_ARGS: &[&str] = &[
    "-Oz",
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// The module name the main wasm imports the chunk loaders from (the link file).
const LINK_FILE: &str = "split.js";

/// Builds, splits, binds and shrinks the client's wasm, and puts it into `dist`.
pub fn build_into(dist: &Path) -> Result<(), String> {
    let mut cargo = process::cargo(&[
        "build",
        "--release",
        "--package",
        "yeyak",
        "--bin",
        "yeyak",
        "--target",
        "wasm32-unknown-unknown",
    ]);
    // The same cfgs as .cargo/config.toml, plus the split build's own.
    cargo.env(
        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
        "--cfg erase_components --cfg yeyak_split -Clink-args=--emit-relocs",
    );
    if !process::run(&mut cargo) {
        return Err("cargo build of the client wasm failed".into());
    }
    let built = paths::target_dir()
        .join("wasm32-unknown-unknown")
        .join("release")
        .join("yeyak.wasm");
    let work = paths::target_dir().join("yeyak-split");
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let input = fs::read(&built).map_err(|e| format!("{}: {e}", built.display()))?;
    let main = work.join("main.wasm");
    let split = wasm_split_cli_support::transform({
        let mut opts = wasm_split_cli_support::Options::new(&input);
        opts.output_dir = &work;
        opts.main_out_path = &main;
        opts.link_name = LINK_FILE;
        opts.main_module = "./yeyak.js";
        opts
    })
    .map_err(|e| format!("wasm-split: {e}"))?;
    let bindgen = work.join("bindgen");
    let mut wasm_bindgen = process::command("wasm-bindgen");
    wasm_bindgen
        .args(["--target", "web", "--keep-lld-exports", "--no-demangle"])
        .args(["--no-typescript", "--out-name", "yeyak", "--out-dir"])
        .arg(&bindgen)
        .arg(&main);
    if !process::run(&mut wasm_bindgen) {
        return Err("wasm-bindgen failed".into());
    }
    let mut modules: Vec<PathBuf> = vec![bindgen.join("yeyak_bg.wasm")];
    modules.extend(split.split_modules.iter().cloned());
    for module in &modules {
        let mut opt = process::command("wasm-opt");
        opt.args(WASM_OPT_ARGS).arg(module).arg("-o").arg(module);
        if !process::run(&mut opt) {
            return Err(format!("wasm-opt failed on {}", module.display()));
        }
    }
    copy(
        &bindgen.join("yeyak.js"),
        &dist.join("yeyak-0000000000000000.js"),
    )?;
    copy(
        &bindgen.join("yeyak_bg.wasm"),
        &dist.join("yeyak-0000000000000000_bg.wasm"),
    )?;
    for chunk in &split.split_modules {
        let stem = chunk
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or("chunk without a name")?;
        copy(chunk, &dist.join(format!("{stem}-0000000000000000.wasm")))?;
    }
    let loader =
        fs::read_to_string(work.join(LINK_FILE)).map_err(|e| format!("{LINK_FILE}: {e}"))?;
    fs::write(
        dist.join("split-0000000000000000.js"),
        link_file_for_dist(&loader, &split.split_modules)?,
    )
    .map_err(|e| format!("split.js: {e}"))?;
    // The glue imports the link file by its module name; point it at the file's name in dist.
    let glue_path = dist.join("yeyak-0000000000000000.js");
    let glue = fs::read_to_string(&glue_path).map_err(|e| format!("glue: {e}"))?;
    let glue = glue
        .replace(
            &format!("from \"{LINK_FILE}\""),
            "from \"./split-0000000000000000.js\"",
        )
        .replace(
            &format!("from '{LINK_FILE}'"),
            "from './split-0000000000000000.js'",
        );
    if !glue.contains("./split-0000000000000000.js") {
        return Err("the glue does not import the chunk loader".into());
    }
    fs::write(&glue_path, glue).map_err(|e| format!("glue: {e}"))?;
    let boot = fs::read_to_string(paths::repo_root().join("web").join("boot.js"))
        .map_err(|e| format!("web/boot.js: {e}"))?;
    let boot = boot.replace("/* chunks */ {}", &chunk_map(&split.prefetch_map));
    if !boot.contains("split_") {
        return Err("web/boot.js: no place for the chunk map (`/* chunks */ {}`)".into());
    }
    fs::write(dist.join("boot-0000000000000000.js"), boot).map_err(|e| format!("boot: {e}"))?;
    // Embedded mode (its script and its stylesheet), which the boot script loads only inside
    // a frame.
    fs::copy(
        paths::repo_root().join("web").join("embed.js"),
        dist.join("embed-0000000000000000.js"),
    )
    .map_err(|e| format!("web/embed.js: {e}"))?;
    fs::copy(
        paths::repo_root().join("style").join("embedded.css"),
        dist.join("embed-0000000000000000.css"),
    )
    .map_err(|e| format!("style/embedded.css: {e}"))?;
    // The offline shell's worker: one fixed name (a worker is found again by its URL), its
    // build id and file list filled in by dist::finish once every name is final.
    fs::copy(
        paths::repo_root().join("web").join("sw.js"),
        dist.join(crate::dist::WORKER),
    )
    .map_err(|e| format!("web/sw.js: {e}"))?;
    for js in ["yeyak", "split", "boot", "embed"] {
        minify(&dist.join(format!("{js}-0000000000000000.js")))?;
    }
    let index = dist.join("index.html");
    let html = fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    fs::write(&index, with_start_tags(&html)?).map_err(|e| format!("{}: {e}", index.display()))
}

/// The link file as served: it reaches the glue through the global the boot script sets
/// (importing the glue by name would make the two files name each other, and no name could
/// then be a digest of its own bytes), and names each chunk as it lies in dist.
fn link_file_for_dist(loader: &str, chunks: &[PathBuf]) -> Result<String, String> {
    let import_line = loader
        .lines()
        .find(|l| l.starts_with("import { initSync }"))
        .ok_or("split.js: no initSync import")?;
    let mut out = loader.replace(
        import_line,
        "const initSync = (...args) => globalThis.__yeyakGlue.initSync(...args);",
    );
    for chunk in chunks {
        let stem = chunk
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        out = out.replace(
            &format!("\"./{stem}.wasm\""),
            &format!("\"./{stem}-0000000000000000.wasm\""),
        );
    }
    Ok(out)
}

/// `{"verify": ["./chunk_3-….wasm", "./split_verify-….wasm"], …}`: each split point's files
/// as they lie in dist, for the boot script.
fn chunk_map(prefetch: &std::collections::HashMap<String, Vec<String>>) -> String {
    let mut splits: Vec<_> = prefetch.iter().collect();
    splits.sort();
    let entries: Vec<String> = splits
        .into_iter()
        .map(|(split, stems)| {
            let files: Vec<String> = stems
                .iter()
                .map(|stem| format!("\"./{stem}-0000000000000000.wasm\""))
                .collect();
            format!("\"{split}\": [{}]", files.join(", "))
        })
        .collect();
    format!("{{ {} }}", entries.join(", "))
}

/// The page's start: the glue and the main wasm fetched at once, then the boot module.
fn with_start_tags(html: &str) -> Result<String, String> {
    let tags = concat!(
        "<link rel=\"modulepreload\" href=\"./yeyak-0000000000000000.js\" integrity=\"\">",
        "<link rel=\"modulepreload\" href=\"./split-0000000000000000.js\" integrity=\"\">",
        "<link rel=\"preload\" href=\"./yeyak-0000000000000000_bg.wasm\" as=\"fetch\" ",
        "type=\"application/wasm\" crossorigin=\"anonymous\" integrity=\"\">",
        "<script type=\"module\" src=\"./boot-0000000000000000.js\" integrity=\"\"></script>",
    );
    let at = html.find("</head>").ok_or("index.html has no </head>")?;
    Ok(format!("{}{tags}{}", &html[..at], &html[at..]))
}

/// terser on one ES module, in place: compressed and mangled, top-level await allowed.
fn minify(file: &Path) -> Result<(), String> {
    terser(file, true)
}

/// terser on a classic script (the service worker), in place.
pub fn minify_script(file: &Path) -> Result<(), String> {
    terser(file, false)
}

fn terser(file: &Path, module: bool) -> Result<(), String> {
    let mut terser = process::command(&crate::setup::terser_bin().to_string_lossy());
    terser.arg(file);
    if module {
        terser.arg("--module");
    }
    terser
        .args(["--ecma", "2020", "--compress", "--mangle", "--output"])
        .arg(file);
    process::run(&mut terser)
        .then_some(())
        .ok_or_else(|| format!("terser failed on {}", file.display()))
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("{} -> {}: {e}", from.display(), to.display()))
}

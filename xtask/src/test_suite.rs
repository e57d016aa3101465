//! `cargo xtask test`: every check and test the project has, ending in one summary line.

use std::fs;
use std::path::PathBuf;
use std::time::Instant;

use crate::tally::{self, Tally};
use crate::{client, paths, portal, process, server, setup, size};

/// One stage's outcome, for the closing table.
struct Stage {
    name: &'static str,
    tally: Tally,
    seconds: f64,
}

/// Runs all stages (later ones still run after an earlier failure, so one run shows every
/// problem) and returns the total.
pub fn run_all() -> Tally {
    let mut stages = Vec::new();
    let mut stage = |name: &'static str, work: &mut dyn FnMut() -> Tally| {
        eprintln!("\n== {name}");
        let started = Instant::now();
        let tally = work();
        stages.push(Stage {
            name,
            tally,
            seconds: started.elapsed().as_secs_f64(),
        });
        tally
    };

    stage("format (cargo fmt --check)", &mut || {
        Tally::check(process::run(&mut process::cargo(&[
            "fmt", "--all", "--check",
        ])))
    });
    stage("clippy native", &mut || {
        Tally::check(process::run(&mut process::cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])))
    });
    stage("clippy wasm32", &mut || {
        Tally::check(process::run(&mut process::cargo(&[
            "clippy",
            "--package",
            "yeyak",
            "--target",
            "wasm32-unknown-unknown",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])))
    });
    stage("native unit + server integration tests", &mut || {
        let (ok, out) = process::run_capturing(&mut process::cargo(&["test", "--workspace"]));
        tally::from_libtest(&out, ok)
    });
    stage(
        "server integration tests on PostgreSQL (a throw-away cluster; two instances too)",
        &mut || {
            let Some(cluster) = or_say(crate::postgres::Cluster::start("test")) else {
                return Tally::check(false);
            };
            let mut cmd = process::cargo(&[
                "test",
                "--package",
                "yeyak-server",
                "--test",
                "api",
                "--",
                "--include-ignored",
            ]);
            cmd.env("YEYAK_TEST_POSTGRES", cluster.url("postgres"));
            let (ok, out) = process::run_capturing(&mut cmd);
            tally::from_libtest(&out, ok)
        },
    );
    stage(
        "browser component tests (wasm-bindgen-test, headless Chromium)",
        &mut || {
            let mut cmd = process::cargo(&[
                "test",
                "--package",
                "yeyak",
                "--target",
                "wasm32-unknown-unknown",
                "--test",
                "web",
            ]);
            cmd.env("CHROMEDRIVER", setup::CHROMEDRIVER);
            let (ok, out) = process::run_capturing(&mut cmd);
            tally::from_libtest(&out, ok)
        },
    );
    let built = stage("release build of the client (trunk)", &mut || {
        Tally::check(client::build_release())
    });
    if built.failed == 0 {
        stage("release wasm ships no name section", &mut || {
            let result = client::check_shipped_wasm();
            match &result {
                Ok(info) => eprintln!("  {info}"),
                Err(err) => eprintln!("  {err}"),
            }
            Tally::check(result.is_ok())
        });
        stage("first load within the wire budget (brotli)", &mut || {
            let result = size::first_load_brotli(&paths::dist_dir());
            match &result {
                Ok(bytes) => eprintln!(
                    "  {bytes} bytes of brotli bodies; budget {} bytes for everything",
                    size::FIRST_LOAD_BUDGET
                ),
                Err(err) => eprintln!("  {err}"),
            }
            Tally::check(result.is_ok_and(|b| b <= size::FIRST_LOAD_BUDGET))
        });
        stage(
            "two release builds of one commit publish the same names and bytes",
            &mut reproducible,
        );
        stage(
            "OpenAPI document validates (openapi-spec-validator)",
            &mut openapi_valid,
        );
        stage(
            "API contract (schemathesis, every check, against a fresh server)",
            &mut contract,
        );
        stage("end-to-end (Playwright + axe, real server)", &mut || {
            end_to_end(&[])
        });
    }

    eprintln!("\n== summary");
    let mut total = Tally::default();
    for s in &stages {
        eprintln!(
            "  {:>4} passed {:>3} failed {:>7.1}s  {}",
            s.tally.passed, s.tally.failed, s.seconds, s.name
        );
        total.add(s.tally);
    }
    total
}

/// The value, or its reason printed: a stage that cannot start has failed.
fn or_say<T>(result: Result<T, String>) -> Option<T> {
    result.map_err(|err| eprintln!("  {err}")).ok()
}

/// A fresh server on a free port with its own scratch folder (removed by the caller), started
/// with `extra` flags beside the test settings.
fn fresh_server(name: &str, extra: &[&str]) -> Result<(server::RunningServer, PathBuf), String> {
    let binary = server::build()?;
    let work = std::env::temp_dir().join(format!("yeyak-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let log = paths::target_dir().join(format!("{name}-server.log"));
    let running = server::start(
        &binary,
        &work.join("db.sqlite3"),
        &paths::dist_dir(),
        &log,
        extra,
    )?;
    eprintln!("  server at {} (log: {})", running.base_url, log.display());
    Ok((running, work))
}

/// Builds the client a second time and compares it with the first, file by file; checks that
/// every hashed name is a digest of its file.
fn reproducible() -> Tally {
    let first = paths::target_dir().join("dist-first-build");
    let result = crate::dist::copy_build(&paths::dist_dir(), &first)
        .and_then(|()| {
            if client::build_release() {
                Ok(())
            } else {
                Err("the second build failed".to_owned())
            }
        })
        .and_then(|()| crate::dist::differences(&first, &paths::dist_dir()))
        .and_then(|differences| {
            if differences.is_empty() {
                crate::dist::names_match_digests(&paths::dist_dir())
            } else {
                Err(differences.join("\n  "))
            }
        });
    let _ = fs::remove_dir_all(&first);
    match result {
        Ok(files) => {
            eprintln!("  identical; {files} hashed files, each named by its own digest");
            Tally::check(true)
        }
        Err(err) => {
            eprintln!("  {err}");
            Tally::check(false)
        }
    }
}

/// The validator run against the served document (OpenAPI 3.1 JSON Schema, `$ref`s resolved).
const OPENAPI_CHECK: &str = r#"import json, sys, urllib.request
from openapi_spec_validator import validate
doc = json.load(urllib.request.urlopen(sys.argv[1]))
validate(doc)
print(f"OpenAPI {doc['openapi']}: {len(doc['paths'])} paths, {len(doc['components']['schemas'])} schemas, valid")
"#;

/// Fetches the served OpenAPI document and validates it.
fn openapi_valid() -> Tally {
    let Some((running, work)) = or_say(fresh_server("openapi", &[])) else {
        return Tally::check(false);
    };
    let url = format!("{}/api/v1/openapi.json", running.base_url);
    let mut python = std::process::Command::new(setup::venv_python());
    let ok = process::run(python.args(["-c", OPENAPI_CHECK, &url]));
    drop(running);
    let _ = fs::remove_dir_all(&work);
    Tally::check(ok)
}

/// Examples schemathesis makes per operation and phase: enough to reach every documented
/// answer, bounded so the stage takes about a minute on two cores.
const CONTRACT_EXAMPLES: &str = "60";

/// schemathesis with every check against a fresh server: every answer the server gives is in
/// its document (status, media type, schema, headers), and nothing outside the document is
/// accepted. The protected operations get real tokens (`tests/contract/hooks.py`); the
/// refusals the schema cannot state are listed per operation in
/// `tests/contract/schemathesis.toml`. One test case per operation in the tally.
fn contract() -> Tally {
    let Some((running, work)) = or_say(fresh_server("contract", &[])) else {
        return Tally::check(false);
    };
    let dir = paths::repo_root().join("tests").join("contract");
    let api = format!("{}/api/v1", running.base_url);
    let report = work.join("contract.xml");
    let mut schemathesis = std::process::Command::new(setup::venv_bin("schemathesis"));
    schemathesis
        .current_dir(&work)
        .env("SCHEMATHESIS_HOOKS", dir.join("hooks.py"))
        .env("YEYAK_CONTRACT_API", &api)
        .env("YEYAK_CONTRACT_OPERATOR_TOKEN", server::TEST_OPERATOR_TOKEN)
        .arg("--config-file")
        .arg(dir.join("schemathesis.toml"))
        .args([
            "run",
            &format!("{api}/openapi.json"),
            "--checks",
            "all",
            "--max-examples",
            CONTRACT_EXAMPLES,
            "--seed",
            "20261205",
            "--workers",
            "2",
            "--report",
            "junit",
        ])
        .arg("--report-junit-path")
        .arg(&report);
    let ok = process::run(&mut schemathesis);
    drop(running);
    let tally = tally::from_junit(fs::read_to_string(&report).ok().as_deref(), ok);
    let _ = fs::remove_dir_all(&work);
    tally
}

/// The end-to-end suite against its servers; `filter` narrows the Playwright run (files,
/// `--project`, `--grep`), empty for all of it.
pub fn end_to_end(filter: &[String]) -> Tally {
    let Some((running, work)) = or_say(fresh_server("e2e", &[])) else {
        return Tally::check(false);
    };
    // The same build served under a sub-path by configuration alone (subpath.spec.ts).
    let Some((nested, nested_work)) =
        or_say(fresh_server("e2e-subpath", &["--base-path=/vaccine"]))
    else {
        return Tally::check(false);
    };
    // The example portal on another origin, framing a server whose config lists it.
    let Some(portal) = or_say(portal::start()) else {
        return Tally::check(false);
    };
    let framed = portal::embedded_dist(&work, &portal.origin).and_then(|dist| {
        let binary = server::build()?;
        let log = paths::target_dir().join("e2e-embedded-server.log");
        server::start(&binary, &work.join("embedded.sqlite3"), &dist, &log, &[])
    });
    let Some(framed) = or_say(framed) else {
        return Tally::check(false);
    };
    // Deploys on one server (deploy.spec.ts): build A is dist, build B another build made from
    // it; the test copies either into the folder the server serves.
    let deploy = work.join("deploy");
    let deployed = crate::dist::copy_build(&paths::dist_dir(), &deploy.join("a"))
        .and_then(|()| crate::dist::variant(&paths::dist_dir(), &deploy.join("b"), "B"))
        .and_then(|()| crate::dist::copy_build(&paths::dist_dir(), &deploy.join("live")))
        .and_then(|()| {
            let binary = server::build()?;
            let log = paths::target_dir().join("e2e-deploy-server.log");
            server::start(
                &binary,
                &work.join("deploy.sqlite3"),
                &deploy.join("live"),
                &log,
                &[],
            )
        });
    let Some(deployed) = or_say(deployed) else {
        return Tally::check(false);
    };
    // What `cargo xtask run` starts (demo.spec.ts): the same flags, a real clock, and the real
    // hours beside it (`--production-rules`) at 19:00 of a first day, when booking is closed.
    let demo = server::build().and_then(|binary| {
        let dist = format!("--dist={}", paths::dist_dir().display());
        let mut args = vec!["--port=0".to_owned(), dist.clone()];
        args.extend(server::demo_args(true));
        args.push(format!("--db={}", work.join("demo.sqlite3").display()));
        let demo = server::start_with(
            &binary,
            &args,
            &paths::target_dir().join("e2e-demo-server.log"),
        )?;
        let closed = server::start_with(
            &binary,
            &[
                "--port=0".to_owned(),
                dist,
                format!("--db={}", work.join("closed.sqlite3").display()),
                format!("--now={}T19:00:00+09:00", server::today_in_korea()),
            ],
            &paths::target_dir().join("e2e-closed-server.log"),
        )?;
        Ok((demo, closed))
    });
    let Some((demo, closed)) = or_say(demo) else {
        return Tally::check(false);
    };
    let report = work.join("playwright.json");
    let mut npx = process::command("npx");
    npx.current_dir(paths::e2e_dir())
        .args(["playwright", "test", "--reporter=list,json"])
        .args(filter)
        .env("PLAYWRIGHT_JSON_OUTPUT_NAME", &report)
        .env("YEYAK_BASE_URL", &running.base_url)
        .env("YEYAK_SUBPATH_URL", format!("{}/vaccine/", nested.base_url))
        .env(
            "YEYAK_PORTAL_URL",
            portal.page_url(&format!("{}/", framed.base_url)),
        )
        .env("YEYAK_DEPLOY_URL", &deployed.base_url)
        .env("YEYAK_DEMO_URL", &demo.base_url)
        .env("YEYAK_CLOSED_URL", &closed.base_url)
        .env("YEYAK_DEPLOY_DIR", &deploy)
        .env("YEYAK_WIRE_BUDGET", size::FIRST_LOAD_BUDGET.to_string())
        .env(
            "YEYAK_SCREENSHOT_DIR",
            paths::dist_dir().join("screenshots"),
        );
    let ok = process::run(&mut npx);
    drop(running);
    drop(nested);
    drop(framed);
    drop(deployed);
    drop(demo);
    drop(closed);
    drop(portal);
    let _ = fs::remove_dir_all(&nested_work);
    let text = fs::read_to_string(&report).ok();
    let tally = tally::from_playwright_json(text.as_deref(), ok);
    let _ = fs::remove_dir_all(&work);
    tally
}

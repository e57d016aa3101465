//! `cargo xtask <command>`: the project's own setup, run, build and test commands.

mod bench_herd;
mod bench_server;
mod client;
mod dist;
mod docs_links;
mod lighthouse;
mod paths;
mod portal;
mod postgres;
mod process;
mod server;
mod setup;
mod size;
mod tally;
mod test_suite;
mod wasm_build;

use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "\
usage: cargo xtask <command>
  setup          install what is missing (wasm target, trunk, wasm-bindgen-cli, wasm-opt,
                 Chromium + chromedriver, the end-to-end npm packages); idempotent
  run [ARGS]     setup, release build of the client, then serve it and /api on
                 http://127.0.0.1:8080 as a demonstration (open at any hour, a demo ribbon, a
                 sample birth date on the start page, data/demo-DATE.sqlite3);
                 --production-rules keeps the real hours and data/yeyak.sqlite3; ARGS go to the
                 server (--port=N, --db FILE, --host ADDR, --base-path /vaccine); --portal also
                 serves the example portal on a second origin, framing the service, and prints
                 both URLs
  build          setup, then the release build of the client into dist/
  bench-herd     the client's poll policy for 10,000,000 simulated waiting clients at
                 2,000,000 admitted per hour: origin load, progress load, notice delay
                 (options: --clients N --per-hour N --sample N)
  bench-server   the reference backend per store (SQLite; PostgreSQL with 1 and 2 instances on
                 a throw-away cluster): durable bookings/s with p50/p99 for many distinct
                 admitted people, progress and provider reads/s (options: --people N
                 --concurrency N --seconds N)
  size           build, then print the payload (wasm, js, css, html, json, svg: raw, gzip,
                 brotli as the server sends them) against the first-load budget
  lighthouse     build, start a fresh server, run Lighthouse's mobile preset 3 times on /,
                 /accessibility and /verify; prints the median score, FCP, LCP, TBT, CLS and
                 bytes (options: --slow-3g for the time to the first h1 at 400 ms/400 kbit/s,
                 --runs N)
  deploy-variant FROM TO
                 another build made from the finished build in FROM (a different stylesheet and
                 wasm, renamed and re-listed as a real build is) into TO: build B of the deploy
                 test, for trying a deploy and a rollback by hand
  e2e [ARGS]     setup, release build, then only the end-to-end suite with its servers; ARGS go
                 to Playwright (a spec file, --project mobile, --grep TEXT, --no-deps)
  test           setup, then fmt, clippy (native + wasm32), native tests, browser component
                 tests, server integration tests (on SQLite, then on a throw-away PostgreSQL
                 with two instances), the API contract and the end-to-end suite; ends
                 `N passed, N failed`";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = args.first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let result = match command.as_str() {
        "setup" => setup::setup(),
        "build" => setup::setup().and_then(|()| build()),
        "run" => setup::setup()
            .and_then(|()| build())
            .and_then(|()| run(&args[1..])),
        "bench-herd" => bench_herd::bench(&args[1..]),
        "bench-server" => setup::setup().and_then(|()| bench_server::bench(&args[1..])),
        "lighthouse" => setup::setup().and_then(|()| lighthouse::bench(&args[1..])),
        "size" => setup::setup()
            .and_then(|()| build())
            .and_then(|()| size::report()),
        "deploy-variant" => match &args[1..] {
            [from, to] => dist::variant(std::path::Path::new(from), std::path::Path::new(to), "B"),
            _ => Err(format!(
                "usage: cargo xtask deploy-variant FROM TO\n{USAGE}"
            )),
        },
        "test" => return test(),
        "e2e" => {
            return match setup::setup().and_then(|()| build()) {
                Ok(()) => {
                    let tally = test_suite::end_to_end(&args[1..]);
                    println!("{}", tally.summary_line());
                    if tally.failed == 0 {
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::FAILURE
                    }
                }
                Err(err) => {
                    eprintln!("xtask: {err}");
                    ExitCode::FAILURE
                }
            }
        }
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: {err}");
            ExitCode::FAILURE
        }
    }
}

fn build() -> Result<(), String> {
    if client::build_release() {
        Ok(())
    } else {
        Err("trunk build --release failed".into())
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let binary = server::build()?;
    let with_portal = args.iter().any(|a| a == "--portal");
    let production = args.iter().any(|a| a == "--production-rules");
    let server_args: Vec<&String> = args
        .iter()
        .filter(|a| *a != "--portal" && *a != "--production-rules")
        .collect();
    let mut cmd = std::process::Command::new(binary);
    cmd.current_dir(paths::repo_root());
    if !production {
        // A demonstration unless told otherwise; the caller's own flags come after and win.
        let names_db = server_args
            .iter()
            .any(|a| *a == "--db" || a.starts_with("--db="))
            || std::env::var_os("YEYAK_DB").is_some();
        cmd.args(server::demo_args(names_db));
        eprintln!(
            "xtask: a demonstration server (cargo xtask run --production-rules for the real hours)"
        );
    }
    cmd.args(&server_args);
    if with_portal {
        // The example portal on a second origin, framing a copy of the build that lists it.
        let portal = portal::start()?;
        let work = paths::target_dir().join("portal-run");
        let dist = portal::embedded_dist(&work, &portal.origin)?;
        let port = server_args
            .iter()
            .enumerate()
            .find_map(|(i, a)| match a.strip_prefix("--port") {
                Some("") => server_args.get(i + 1).map(|p| p.as_str()),
                Some(rest) => rest.strip_prefix('='),
                None => None,
            })
            .unwrap_or("8080");
        println!("service: http://127.0.0.1:{port}/");
        println!(
            "portal:  {}",
            portal.page_url(&format!("http://127.0.0.1:{port}/"))
        );
        cmd.arg(format!("--dist={}", dist.display()));
        eprintln!("xtask: starting the server and the portal; Ctrl-C stops both");
        let status = cmd
            .status()
            .map_err(|e| format!("cannot start the server: {e}"))?;
        drop(portal);
        return status
            .success()
            .then_some(())
            .ok_or_else(|| "the server exited with an error".into());
    }
    cmd.arg(format!("--dist={}", paths::dist_dir().display()));
    eprintln!("xtask: starting the server; Ctrl-C stops it");
    #[cfg(unix)]
    {
        // Replace this process with the server, so Ctrl-C and SIGTERM go to it alone and it
        // shuts down cleanly without an orphan.
        use std::os::unix::process::CommandExt;
        let err = cmd.exec();
        Err(format!("cannot start the server: {err}"))
    }
    #[cfg(not(unix))]
    {
        let status = cmd
            .status()
            .map_err(|e| format!("cannot start the server: {e}"))?;
        status
            .success()
            .then_some(())
            .ok_or_else(|| "the server exited with an error".into())
    }
}

fn test() -> ExitCode {
    let started = Instant::now();
    if let Err(err) = setup::setup() {
        eprintln!("xtask: {err}");
        println!("0 passed, 1 failed");
        return ExitCode::FAILURE;
    }
    let total = test_suite::run_all();
    eprintln!("  total time {:.0}s", started.elapsed().as_secs_f64());
    println!("{}", total.summary_line());
    if total.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

//! `cargo xtask bench-server`: what the reference backend sustains on this machine, per store.
//!
//! For each setup (SQLite, one instance; PostgreSQL, one instance; PostgreSQL, two instances
//! sharing the load request by request) a fresh database and release-built servers, then:
//! 1. `people` distinct people are verified, queued and admitted (not timed);
//! 2. each books a different slot, `concurrency` requests in flight: durable bookings per
//!    second (SQLite `synchronous=FULL`; PostgreSQL `fsync` and `synchronous_commit` on) with
//!    the median and 99th percentile latency as the load generator saw them;
//! 3. `GET /queue/progress` and `GET /providers` for `seconds` each at the same concurrency:
//!    reads per second at the origin (a CDN answers most of them on a real night).
//!
//! The load generator runs on the same 2 cores as the servers and PostgreSQL, so the figures
//! are a floor for what a separate database machine would give.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::{paths, postgres, server};

/// The server's clock and campaign for the run: the first booking day at 21:00, when people
/// born on a day ending in 9 book.
const NOW: &str = "2026-08-09T21:00:00+09:00";
const BIRTH_DATE: &str = "1970-03-19";

/// What one setup measured.
struct Figures {
    setup: String,
    bookings_per_s: f64,
    p50_ms: f64,
    p99_ms: f64,
    progress_per_s: f64,
    providers_per_s: f64,
}

/// Options: `--people N` (2,000), `--concurrency N` (64), `--seconds N` (3).
pub fn bench(args: &[String]) -> Result<(), String> {
    let mut people = 2_000usize;
    let mut concurrency = 64usize;
    let mut seconds = 3u64;
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest
            .next()
            .and_then(|v| v.parse::<u64>().ok())
            .ok_or_else(|| format!("{flag} needs a whole number"))?;
        match flag.as_str() {
            "--people" => people = value as usize,
            "--concurrency" => concurrency = value.max(1) as usize,
            "--seconds" => seconds = value.max(1),
            other => return Err(format!("unknown option {other}")),
        }
    }
    let binary = server::build()?;
    let cluster = postgres::Cluster::start("bench")?;
    let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    let mut table = Vec::new();
    let work = std::env::temp_dir().join(format!("yeyak-bench-{}", std::process::id()));
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let setups: [(&str, String, usize); 3] = [
        (
            "SQLite, 1 instance",
            work.join("bench.sqlite3").display().to_string(),
            1,
        ),
        ("PostgreSQL, 1 instance", cluster.url("bench_one"), 1),
        ("PostgreSQL, 2 instances", cluster.url("bench_two"), 2),
    ];
    for (setup, db, instances) in setups {
        if db.starts_with("postgres://") {
            cluster.create_database(db.rsplit('/').next().unwrap_or_default())?;
        }
        eprintln!("\n== {setup}: {people} people, {concurrency} in flight");
        let running = (0..instances)
            .map(|i| start(&binary, &db, setup, i))
            .collect::<Result<Vec<_>, _>>()?;
        let bases: Vec<String> = running
            .iter()
            .map(|r| format!("{}/api/v1", r.base_url))
            .collect();
        let figures = runtime.block_on(measure(setup, bases, people, concurrency, seconds))?;
        drop(running);
        table.push(figures);
    }
    let _ = std::fs::remove_dir_all(&work);
    println!(
        "\n{:<26} {:>11} {:>8} {:>8} {:>11} {:>12}",
        "setup", "bookings/s", "p50 ms", "p99 ms", "progress/s", "providers/s"
    );
    for f in &table {
        println!(
            "{:<26} {:>11.0} {:>8.1} {:>8.1} {:>11.0} {:>12.0}",
            f.setup, f.bookings_per_s, f.p50_ms, f.p99_ms, f.progress_per_s, f.providers_per_s
        );
    }
    Ok(())
}

fn start(
    binary: &std::path::Path,
    db: &str,
    setup: &str,
    index: usize,
) -> Result<server::RunningServer, String> {
    let log: PathBuf = paths::target_dir().join(format!(
        "bench-{}-{index}.log",
        setup.replace([' ', ','], "-").to_lowercase()
    ));
    let args: Vec<String> = [
        "--port=0".to_owned(),
        format!("--db={db}"),
        format!("--now={NOW}"),
        "--campaign-start=2026-08-09".to_owned(),
        "--auth-delay-scale=0".to_owned(),
        "--auth-failure-rate=0".to_owned(),
        "--rate-limit=0".to_owned(),
        "--admission-rate=6000000".to_owned(),
    ]
    .into();
    server::start_with(binary, &args, &log)
}

/// Person `i`: a Korean name, the birth date that books today, a unique phone number.
fn person(i: usize) -> Value {
    const FAMILY: [char; 10] = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임'];
    const GIVEN: [char; 20] = [
        '민', '서', '지', '현', '준', '우', '예', '도', '하', '윤', '수', '영', '진', '호', '은',
        '혜', '성', '재', '연', '아',
    ];
    let name = format!(
        "{}{}{}",
        FAMILY[i % 10],
        GIVEN[(i / 10) % 20],
        GIVEN[(i / 200) % 20]
    );
    json!({
        "provider": "toss",
        "name": name,
        "birth_date": BIRTH_DATE,
        "phone": format!("010-{:04}-{:04}", 1000 + i / 10_000, i % 10_000),
        "device_id": format!("bench-device-{i:06}"),
    })
}

async fn measure(
    setup: &str,
    bases: Vec<String>,
    people: usize,
    concurrency: usize,
    seconds: u64,
) -> Result<Figures, String> {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .timeout(Duration::from_secs(60))
        .build()
        .map_err(|e| e.to_string())?;
    let bases = Arc::new(bases);
    let gate = Arc::new(Semaphore::new(concurrency));

    // Slots: one per person, from as many centres as it takes.
    let mut slots = Vec::new();
    let mut centre = 1;
    while slots.len() < people {
        let days: Value = client
            .get(format!(
                "{}/centers/{centre}/availability?from=2026-08-10&to=2026-08-23",
                bases[0]
            ))
            .send()
            .await
            .and_then(|r| r.error_for_status())
            .map_err(|e| format!("availability of centre {centre}: {e}"))?
            .json()
            .await
            .map_err(|e| e.to_string())?;
        for day in days["days"].as_array().into_iter().flatten() {
            for slot in day["slots"].as_array().into_iter().flatten() {
                slots.extend(slot["slot_id"].as_i64());
            }
        }
        centre += 1;
    }

    // 1. Admitted people (not timed).
    let started = Instant::now();
    let mut admitting = JoinSet::new();
    for i in 0..people {
        let (client, bases, gate) = (client.clone(), bases.clone(), gate.clone());
        admitting.spawn(async move {
            let _turn = gate.acquire().await.expect("open semaphore");
            admit(&client, &bases[i % bases.len()], i).await
        });
    }
    let admissions = admitting
        .join_all()
        .await
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?;
    eprintln!(
        "  {people} admitted in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    // 2. Bookings, timed one by one.
    let started = Instant::now();
    let mut booking = JoinSet::new();
    for (i, admission) in admissions.into_iter().enumerate() {
        let (client, bases, gate) = (client.clone(), bases.clone(), gate.clone());
        let slot = slots[i];
        booking.spawn(async move {
            let _turn = gate.acquire().await.expect("open semaphore");
            let sent = Instant::now();
            let response = client
                .post(format!("{}/reservations", bases[i % bases.len()]))
                .bearer_auth(&admission)
                .header("Idempotency-Key", format!("bench-{i}"))
                .json(&json!({ "slot_id": slot }))
                .send()
                .await
                .map_err(|e| e.to_string())?;
            let status = response.status().as_u16();
            if status != 201 {
                return Err(format!(
                    "booking {i}: {status} {}",
                    response.text().await.unwrap_or_default()
                ));
            }
            Ok(sent.elapsed().as_secs_f64() * 1000.0)
        });
    }
    let mut latencies = booking
        .join_all()
        .await
        .into_iter()
        .collect::<Result<Vec<f64>, _>>()?;
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort_by(f64::total_cmp);
    let at = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    let figures = Figures {
        setup: setup.to_owned(),
        bookings_per_s: people as f64 / elapsed,
        p50_ms: at(0.50),
        p99_ms: at(0.99),
        progress_per_s: reads(&client, &bases, "/queue/progress", concurrency, seconds).await?,
        providers_per_s: reads(&client, &bases, "/providers", concurrency, seconds).await?,
    };
    eprintln!(
        "  {people} bookings in {elapsed:.2} s: {:.0}/s, p50 {:.1} ms, p99 {:.1} ms; progress {:.0}/s, providers {:.0}/s",
        figures.bookings_per_s, figures.p50_ms, figures.p99_ms, figures.progress_per_s, figures.providers_per_s
    );
    Ok(figures)
}

/// Verified (approved at once: the simulated providers' delay is 0), queued and admitted.
async fn admit(client: &reqwest::Client, base: &str, i: usize) -> Result<String, String> {
    let fail = |what: &str, e: String| format!("person {i}, {what}: {e}");
    let session: Value = client
        .post(format!("{base}/auth/sessions"))
        .json(&person(i))
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(|e| fail("verification", e.to_string()))?
        .json()
        .await
        .map_err(|e| fail("verification", e.to_string()))?;
    let token = session["token"]
        .as_str()
        .ok_or_else(|| fail("verification", format!("no token in {session}")))?;
    let ticket: Value = client
        .post(format!("{base}/queue/tickets"))
        .bearer_auth(token)
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(|e| fail("join", e.to_string()))?
        .json()
        .await
        .map_err(|e| fail("join", e.to_string()))?;
    let ticket = ticket["ticket"].as_str().unwrap_or_default().to_owned();
    for _ in 0..1_000 {
        let response = client
            .post(format!("{base}/queue/tickets/{ticket}/admission"))
            .send()
            .await
            .map_err(|e| fail("admission", e.to_string()))?;
        if response.status().is_success() {
            let admission: Value = response
                .json()
                .await
                .map_err(|e| fail("admission", e.to_string()))?;
            return admission["admission_token"]
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| fail("admission", format!("no token in {admission}")));
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    Err(fail("admission", "never admitted".into()))
}

/// `GET path` as fast as `concurrency` callers can for `seconds`; requests per second.
async fn reads(
    client: &reqwest::Client,
    bases: &Arc<Vec<String>>,
    path: &str,
    concurrency: usize,
    seconds: u64,
) -> Result<f64, String> {
    let until = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut callers = JoinSet::new();
    for caller in 0..concurrency {
        let (client, bases, path) = (client.clone(), bases.clone(), path.to_owned());
        callers.spawn(async move {
            let mut done = 0u64;
            while Instant::now() < until {
                let base = &bases[(caller + done as usize) % bases.len()];
                let response = client
                    .get(format!("{base}{path}"))
                    .send()
                    .await
                    .map_err(|e| e.to_string())?;
                if !response.status().is_success() {
                    return Err(format!("{path}: {}", response.status()));
                }
                response.bytes().await.map_err(|e| e.to_string())?;
                done += 1;
            }
            Ok(done)
        });
    }
    let total: u64 = callers
        .join_all()
        .await
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .sum();
    Ok(total as f64 / started.elapsed().as_secs_f64())
}

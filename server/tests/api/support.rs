//! A server on a free port with a temporary database, a controllable clock, and helpers that
//! walk a person through verification, the queue and admission over HTTP.

use std::time::Duration;

use reqwest::{Client, Method, Response, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use yeyak_protocol::{AdmissionResponse, Problem, QueueTicketResponse, VerificationResponse};
use yeyak_server::campaign::Window;
use yeyak_server::{AppState, BoundServer, DbTarget, ServerConfig};

/// The campaign's first day; at 21:00 it is the digit-9 day.
pub const NOW: &str = "2026-08-09T21:00:00+09:00";
/// Born on the 19th: today's digit, in the 1967-1976 cohort.
pub const BIRTH_TODAY: &str = "1970-03-19";
/// The operator token of test servers.
pub const ADMIN: &str = "test-operator-token";

/// The API of a running server as a caller reaches it: its address and an HTTP client.
pub struct Api {
    pub base: String,
    pub client: Client,
}

impl Api {
    /// A client for the server at `base` (`http://127.0.0.1:PORT`).
    pub fn new(base: String) -> Self {
        Self {
            base,
            client: Client::builder()
                .pool_max_idle_per_host(64)
                .build()
                .unwrap(),
        }
    }
}

/// A running test server, in this process: its API and its state.
pub struct TestServer {
    pub api: Api,
    pub state: AppState,
    _dir: tempfile::TempDir,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The store of a new test server: a SQLite file in `dir`, or, when `YEYAK_TEST_POSTGRES`
/// names a PostgreSQL server (`cargo xtask test` runs the suite a second time that way), a
/// new empty database on it.
pub fn fresh_store(dir: &std::path::Path) -> DbTarget {
    match std::env::var("YEYAK_TEST_POSTGRES") {
        Ok(server) if !server.is_empty() => DbTarget::Postgres(new_database(&server)),
        _ => DbTarget::Sqlite(dir.join("db/yeyak.sqlite3")),
    }
}

/// Creates an empty database on the server at `server_url`; its URL.
pub fn new_database(server_url: &str) -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let name = format!(
        "yeyak_t{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let (admin, create) = (server_url.to_owned(), format!("CREATE DATABASE {name}"));
    // The blocking client runs its own runtime: on a thread of its own, outside the test's.
    std::thread::spawn(move || {
        let mut client = postgres::Client::connect(&admin, postgres::NoTls)
            .expect("the test PostgreSQL server answers");
        client.batch_execute(&create).unwrap();
    })
    .join()
    .unwrap();
    let base = server_url
        .rsplit_once('/')
        .map_or(server_url, |(base, _)| base);
    format!("{base}/{name}")
}

/// The settings every test starts from: instant, always-successful simulated providers, no
/// rate limit, a fast queue, and a clock at [`NOW`].
pub fn test_config(dir: &std::path::Path) -> ServerConfig {
    ServerConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        db: fresh_store(dir),
        now: Some(chrono::DateTime::parse_from_rfc3339(NOW).unwrap()),
        campaign_start: Some(chrono::NaiveDate::from_ymd_opt(2026, 8, 9).unwrap()),
        window: Window::standard(),
        admissions_per_minute: 6_000_000,
        auth_delay_scale: 0.0,
        auth_failure_rate: 0.0,
        rate_limit_per_second: 0,
        admin_token: Some(ADMIN.into()),
        ..ServerConfig::default()
    }
}

/// Starts a test server, letting the test adjust the settings first.
pub async fn start_with(adjust: impl FnOnce(&mut ServerConfig)) -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let mut config = test_config(dir.path());
    adjust(&mut config);
    let server = BoundServer::bind(&config).await.unwrap();
    let base = format!("http://{}", server.local_addr());
    let state = server.state();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(server.serve(async {
        let _ = stopped.await;
    }));
    TestServer {
        api: Api::new(base),
        state,
        _dir: dir,
        stop: Some(stop),
    }
}

/// Starts a test server with the default test settings.
pub async fn start() -> TestServer {
    start_with(|_| {}).await
}

/// A person's details, unique per index.
pub fn person(i: usize) -> (String, String, String) {
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
    let phone = format!("010-{:04}-{:04}", 1000 + i / 10_000, i % 10_000);
    (name, BIRTH_TODAY.into(), phone)
}

/// The problem body of a response, checking its media type.
pub async fn problem(response: Response) -> Problem {
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        content_type, "application/problem+json",
        "errors are problem+json"
    );
    response.json().await.unwrap()
}

impl std::ops::Deref for TestServer {
    type Target = Api;

    fn deref(&self) -> &Api {
        &self.api
    }
}

impl Api {
    /// `base` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base)
    }

    /// `GET path`; the raw response.
    pub async fn get(&self, path: &str) -> Response {
        self.send(Method::GET, path).await
    }

    /// `GET path`, read as JSON.
    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> T {
        self.get(path).await.json().await.unwrap()
    }

    /// A request without body or headers; the raw response.
    pub async fn send(&self, method: Method, path: &str) -> Response {
        self.client
            .request(method, self.url(path))
            .send()
            .await
            .unwrap()
    }

    /// Starts a verification; the raw response.
    pub async fn start_verification(&self, i: usize, device: &str, provider: &str) -> Response {
        let (name, birth_date, phone) = person(i);
        self.client
            .post(self.url("/auth/sessions"))
            .json(&json!({"provider": provider, "name": name, "birth_date": birth_date, "phone": phone, "device_id": device}))
            .send()
            .await
            .unwrap()
    }

    /// Verifies person `i` on `device` and returns the bearer token.
    pub async fn verify(&self, i: usize, device: &str) -> String {
        let response = self.start_verification(i, device, "kakao").await;
        assert_eq!(
            response.status(),
            StatusCode::CREATED,
            "{:?}",
            response.text().await
        );
        let mut session: VerificationResponse = response.json().await.unwrap();
        while session.token.is_none() {
            tokio::time::sleep(Duration::from_millis(20)).await;
            session = self
                .get_json(&format!("/auth/sessions/{}", session.session_id))
                .await;
        }
        session.token.unwrap()
    }

    /// Asks to join the queue with a verification token; the raw response.
    pub async fn join_raw(&self, token: &str) -> Response {
        self.client
            .post(self.url("/queue/tickets"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    /// Joins the queue with a verification token.
    pub async fn join(&self, token: &str) -> (StatusCode, QueueTicketResponse) {
        let response = self.join_raw(token).await;
        let status = response.status();
        assert!(
            status.is_success(),
            "join: {status} {:?}",
            response.text().await
        );
        (status, response.json().await.unwrap())
    }

    /// Redeems a ticket; the raw response.
    pub async fn redeem(&self, ticket: &str) -> Response {
        self.send(Method::POST, &format!("/queue/tickets/{ticket}/admission"))
            .await
    }

    /// Redeems a ticket, waiting while its number has not come up.
    pub async fn admit(&self, ticket: &str) -> AdmissionResponse {
        loop {
            let response = self.redeem(ticket).await;
            if response.status().is_success() {
                return response.json().await.unwrap();
            }
            let problem = problem(response).await;
            assert_eq!(problem.code, "not_yet_served", "{problem:?}");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Person `i` verified, queued and admitted: the admission token.
    pub async fn admitted(&self, i: usize) -> String {
        let token = self.verify(i, &format!("device-{i:06}")).await;
        let (_, ticket) = self.join(&token).await;
        self.admit(&ticket.ticket).await.admission_token
    }

    /// Books `slot_id` with `key`; the raw response.
    pub async fn reserve(&self, admission: &str, key: &str, slot_id: i64) -> Response {
        self.client
            .post(self.url("/reservations"))
            .bearer_auth(admission)
            .header("Idempotency-Key", key)
            .json(&json!({"slot_id": slot_id}))
            .send()
            .await
            .unwrap()
    }

    /// An operator call.
    pub async fn admin(&self, method: reqwest::Method, path: &str, body: Value) -> Response {
        self.client
            .request(method, self.url(path))
            .bearer_auth(ADMIN)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    /// The first slot of the first centre of the first district on `date`.
    pub async fn first_slot(&self, date: &str) -> (i64, i64) {
        let availability: Value = self
            .get_json(&format!("/centers/1/availability?from={date}&to={date}"))
            .await;
        (
            1,
            availability["days"][0]["slots"][0]["slot_id"]
                .as_i64()
                .unwrap(),
        )
    }
}

impl TestServer {
    /// Sets a slot's capacity (arranging a fixture; the booking code is what is tested).
    pub async fn set_capacity(&self, slot_id: i64, capacity: u32) {
        self.state
            .db
            .run(move |tx| {
                tx.execute(
                    "UPDATE slots SET capacity = $1 WHERE id = $2",
                    yeyak_server::args![capacity, slot_id],
                )
            })
            .await
            .unwrap();
    }

    /// The first column of the first row of `sql` as an integer (checking what was stored).
    pub async fn count(&self, sql: &'static str, slot_id: i64) -> (i64, i64) {
        self.state
            .db
            .run(move |tx| {
                let row = tx.one(sql, yeyak_server::args![slot_id])?;
                Ok::<_, yeyak_server::db::DbError>((row.get(0)?, row.get(1).unwrap_or(0)))
            })
            .await
            .unwrap()
    }
}

/// Starts the real `yeyak-server` binary with `args`; returns it and the URL it printed first.
pub fn spawn_binary<I, S>(args: I) -> (std::process::Child, String)
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_yeyak-server"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .to_owned();
    (child, url)
}

/// A `yeyak-server` process of its own (the real binary); killed when dropped.
pub struct Spawned {
    pub child: std::process::Child,
    pub api: Api,
}

impl std::ops::Deref for Spawned {
    type Target = Api;

    fn deref(&self) -> &Api {
        &self.api
    }
}

impl Drop for Spawned {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The real binary on `db` with the test settings (the clock at [`NOW`], instant simulated
/// approvals that never fail, no rate limit, a fast queue) and `extra` flags after them.
pub fn spawn_server(db: &str, extra: &[String]) -> Spawned {
    let mut args = vec![
        "--port=0".to_owned(),
        format!("--db={db}"),
        format!("--now={NOW}"),
        "--campaign-start=2026-08-09".to_owned(),
        "--auth-delay-scale=0".to_owned(),
        "--auth-failure-rate=0".to_owned(),
        "--rate-limit=0".to_owned(),
        "--admission-rate=6000000".to_owned(),
    ];
    args.extend(extra.iter().cloned());
    let (child, base) = spawn_binary(args);
    assert!(base.starts_with("http://"), "the server started: {base:?}");
    Spawned {
        child,
        api: Api::new(base),
    }
}

/// The flag that turns the operator API (and `/metrics`) on with [`ADMIN`].
pub fn operator() -> String {
    format!("--admin-token={ADMIN}")
}

//! The yeyak reference backend: the REST API under `/api/v1` and the built client at `/`.
//!
//! Pure rules live in `campaign` and `validate`; `api/` holds the handlers, one module per
//! resource; `db` and `seed` own the SQLite file.

pub mod api;
pub mod campaign;
pub mod clock;
pub mod config;
mod contract;
pub mod db;
pub mod extract;
pub mod metrics;
pub mod problem;
mod rate_limit;
mod routes;
pub mod security;
pub mod seed;
pub mod static_files;
pub mod tokens;
pub mod validate;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use chrono::NaiveDate;
use tokio::net::TcpListener;

use crate::campaign::Campaign;
use crate::clock::Clock;
pub use crate::config::ServerConfig;
pub use crate::db::{Db, DbTarget};
use crate::db::{DbError, Tx};
use crate::tokens::TicketSigner;

/// Settings fixed at start-up that handlers read.
pub struct Settings {
    /// Cohort, window, schedule.
    pub campaign: Campaign,
    /// Published helpline.
    pub helpline: String,
    /// Operator token; `None` hides the operator API.
    pub admin_token: Option<String>,
    /// Scale of simulated approval delays.
    pub auth_delay_scale: f64,
    /// Share of simulated rejections.
    pub auth_failure_rate: f64,
    /// A demonstration server (`--demo on`).
    pub demo: bool,
}

/// State every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The one database.
    pub db: Db,
    /// Now, in Korea time.
    pub clock: Clock,
    /// Start-up settings.
    pub settings: Arc<Settings>,
    /// Signs and checks queue tickets.
    pub signer: TicketSigner,
}

/// A server bound to its port with its database open and seeded, not yet serving.
pub struct BoundServer {
    listener: TcpListener,
    router: Router,
    state: AppState,
}

impl BoundServer {
    /// Opens, migrates and seeds the database and binds the address; fails early with a reason.
    pub async fn bind(config: &ServerConfig) -> Result<Self, String> {
        let clock = match config.now {
            Some(start) => Clock::starting_at(start),
            None => Clock::default(),
        };
        let now = clock.now();
        // Opening blocks (and PostgreSQL's client runs its own runtime): off the async threads.
        let opening = config.clone();
        let (db, secret, campaign_start) = tokio::task::spawn_blocking(move || {
            let db = Db::open(&opening.db)?;
            let (secret, start) = db.transaction(|tx| {
                prepare(tx, &opening, now.date_naive(), now.timestamp_millis())
            })?;
            Ok::<_, DbError>((db, secret, start))
        })
        .await
        .map_err(|e| format!("database {}: {e}", config.db))?
        .map_err(|e| format!("database {}: {e}", config.db))?;
        let settings = Settings {
            campaign: Campaign {
                start: campaign_start,
                cohort: config.cohort,
                window: config.window,
            },
            helpline: config.helpline.clone(),
            admin_token: config.admin_token.clone(),
            auth_delay_scale: config.auth_delay_scale,
            auth_failure_rate: config.auth_failure_rate,
            demo: config.demo,
        };
        let providers: Vec<&str> = api::identity::PROVIDERS.iter().map(|p| p.id).collect();
        metrics::install(&providers);
        let state = AppState {
            db,
            clock,
            settings: Arc::new(settings),
            signer: TicketSigner::new(secret),
        };
        let listener = TcpListener::bind(config.addr)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
        let router = routes::router(
            state.clone(),
            config.dist_dir.as_deref(),
            config.rate_limit_per_second,
            config.test_hooks,
            &config.base_path,
            config.offline_shell,
        );
        Ok(Self {
            listener,
            router,
            state,
        })
    }

    /// The address actually bound (the chosen port when the config asked for port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// On a demonstration server, the one line that tells a newcomer what to try.
    pub fn demo_hint(&self) -> Option<String> {
        if !self.state.settings.demo {
            return None;
        }
        let now = self.state.clock.now();
        Some(match self.state.settings.campaign.sample_birth_date(now) {
            Some(birth) => format!(
                "demo (시연용): book with birth date {birth}, any Korean name and an 010 mobile number \
                 (생년월일 {birth}, 아무 이름과 010 번호로 예약해 보세요)"
            ),
            None => "demo (시연용): this campaign's booking days are over; start with a new --db file".into(),
        })
    }

    /// The state handlers see (tests move its clock).
    pub fn state(&self) -> AppState {
        self.state.clone()
    }

    /// Serves until `shutdown` completes, then lets requests in flight finish.
    pub async fn serve(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await
    }
}

/// First-start work, idempotent: the ticket secret, the campaign's first day, the seed data
/// and the queue's state row.
///
/// Every instance on one database shares what the first one wrote here: the ticket secret
/// (so a ticket signed by one is honoured by all), the campaign's first day and the queue.
fn prepare(
    tx: &mut Tx,
    config: &ServerConfig,
    today: NaiveDate,
    now_ms: i64,
) -> Result<(Vec<u8>, NaiveDate), DbError> {
    tx.startup_lock()?;
    let meta = |tx: &mut Tx, key: &str| -> Result<Option<String>, DbError> {
        tx.find_value("SELECT value FROM server_meta WHERE key = $1", args![key])
    };
    let secret = match meta(tx, "ticket_secret")? {
        Some(secret) => secret,
        None => {
            let secret = tokens::random_token(32);
            tx.execute(
                "INSERT INTO server_meta (key, value) VALUES ('ticket_secret', $1)",
                args![secret],
            )?;
            secret
        }
    };
    let stored_start =
        meta(tx, "campaign_start")?.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    let start = config.campaign_start.or(stored_start).unwrap_or(today);
    if stored_start.is_none() {
        tx.execute(
            "INSERT INTO server_meta (key, value) VALUES ('campaign_start', $1)",
            args![start.to_string()],
        )?;
    }
    seed::seed_if_empty(tx, stored_start.unwrap_or(start))?;
    tx.execute(
        "INSERT INTO queue_state (id, served, rate, paused, advanced_at, credit_ms)
         VALUES (1, 0, $1, 0, $2, 0) ON CONFLICT (id) DO NOTHING",
        args![config.admissions_per_minute, now_ms],
    )?;
    Ok((secret.into_bytes(), start))
}

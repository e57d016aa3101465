//! The yeyak reference backend: the REST API under `/api/v1` and the built client at `/`.

pub mod config;
pub mod db;
pub mod problem;
mod routes;

use std::future::Future;
use std::net::SocketAddr;

use axum::Router;
use tokio::net::TcpListener;

pub use config::ServerConfig;
pub use db::Db;

/// State every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The one database.
    pub db: Db,
}

/// A server bound to its port with its database open, not yet serving.
pub struct BoundServer {
    listener: TcpListener,
    router: Router,
}

impl BoundServer {
    /// Opens the database and binds the address; fails early with a readable reason.
    pub async fn bind(config: &ServerConfig) -> Result<Self, String> {
        let db = Db::open(&config.db_path)
            .map_err(|e| format!("database {}: {e}", config.db_path.display()))?;
        let listener = TcpListener::bind(config.addr)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
        let router = routes::router(AppState { db }, config.dist_dir.as_deref());
        Ok(Self { listener, router })
    }

    /// The address actually bound (the chosen port when the config asked for port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Serves until `shutdown` completes, then lets requests in flight finish.
    pub async fn serve(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(shutdown)
            .await
    }
}

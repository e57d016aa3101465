//! Server settings from command-line flags, falling back to `YEYAK_*` environment variables.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

/// Everything the server needs to start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerConfig {
    /// Address to listen on; port 0 picks a free port (tests use this).
    pub addr: SocketAddr,
    /// The SQLite database file; created with its folder on first start.
    pub db_path: PathBuf,
    /// Folder holding the built client (`index.html`, `config.json`, wasm); `None` serves only `/api`.
    pub dist_dir: Option<PathBuf>,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            addr: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 8080),
            db_path: PathBuf::from("data/yeyak.sqlite3"),
            dist_dir: None,
        }
    }
}

/// The usage text printed for `--help` and after a bad flag.
pub const USAGE: &str = "\
usage: yeyak-server [--host ADDR] [--port N] [--db FILE] [--dist DIR]
  --host ADDR   address to listen on (YEYAK_HOST, default 127.0.0.1)
  --port N      port; 0 picks a free one (YEYAK_PORT, default 8080)
  --db FILE     SQLite database file, created if missing (YEYAK_DB, default data/yeyak.sqlite3)
  --dist DIR    built client to serve at / (YEYAK_DIST, default: none, API only)";

impl ServerConfig {
    /// Reads flags (`--port 8080` or `--port=8080`), then environment variables for the rest.
    pub fn from_args_and_env(
        args: impl IntoIterator<Item = String>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, String> {
        let mut config = Self::default();
        let mut host = env("YEYAK_HOST");
        let mut port = env("YEYAK_PORT");
        let mut db = env("YEYAK_DB");
        let mut dist = env("YEYAK_DIST");
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let (flag, inline) = match arg.split_once('=') {
                Some((flag, value)) => (flag.to_owned(), Some(value.to_owned())),
                None => (arg.clone(), None),
            };
            let slot = match flag.as_str() {
                "--host" => &mut host,
                "--port" => &mut port,
                "--db" => &mut db,
                "--dist" => &mut dist,
                _ => return Err(format!("unknown argument `{arg}`")),
            };
            let value = inline
                .or_else(|| args.next())
                .ok_or_else(|| format!("`{flag}` needs a value"))?;
            *slot = Some(value);
        }
        let ip: IpAddr = match host {
            Some(h) => h
                .parse()
                .map_err(|_| format!("`{h}` is not an IP address"))?,
            None => config.addr.ip(),
        };
        let port: u16 = match port {
            Some(p) => p
                .parse()
                .map_err(|_| format!("`{p}` is not a port number"))?,
            None => config.addr.port(),
        };
        config.addr = SocketAddr::new(ip, port);
        if let Some(db) = db {
            config.db_path = PathBuf::from(db);
        }
        config.dist_dir = dist.map(PathBuf::from);
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str], env: &[(&str, &str)]) -> Result<ServerConfig, String> {
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        ServerConfig::from_args_and_env(args.iter().map(|s| s.to_string()), |key| {
            env.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
        })
    }

    #[test]
    fn defaults_listen_on_loopback_8080() {
        let config = parse(&[], &[]).unwrap();
        assert_eq!(config.addr.to_string(), "127.0.0.1:8080");
        assert_eq!(config.db_path, PathBuf::from("data/yeyak.sqlite3"));
        assert_eq!(config.dist_dir, None);
    }

    #[test]
    fn flags_win_over_environment() {
        let config = parse(&["--port", "9000", "--db=x.db"], &[("YEYAK_PORT", "7000")]).unwrap();
        assert_eq!(config.addr.port(), 9000);
        assert_eq!(config.db_path, PathBuf::from("x.db"));
    }

    #[test]
    fn environment_is_used_without_flags() {
        let config = parse(&[], &[("YEYAK_PORT", "7000"), ("YEYAK_DIST", "dist")]).unwrap();
        assert_eq!(config.addr.port(), 7000);
        assert_eq!(config.dist_dir, Some(PathBuf::from("dist")));
    }

    #[test]
    fn bad_values_are_reported() {
        assert!(parse(&["--port", "eighty"], &[])
            .unwrap_err()
            .contains("eighty"));
        assert!(parse(&["--port"], &[])
            .unwrap_err()
            .contains("needs a value"));
        assert!(parse(&["--verbose"], &[])
            .unwrap_err()
            .contains("--verbose"));
    }
}

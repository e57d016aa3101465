//! Server settings from command-line flags, falling back to `YEYAK_*` environment variables.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::campaign::Window;
use crate::db::DbTarget;

/// Everything the server needs to start.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerConfig {
    /// Address to listen on; port 0 picks a free port (tests use this).
    pub addr: SocketAddr,
    /// The store: a SQLite file (created with its folder on first start) or a PostgreSQL URL.
    pub db: DbTarget,
    /// Folder holding the built client (`index.html`, `config.json`, wasm); `None` serves only `/api`.
    pub dist_dir: Option<PathBuf>,
    /// Start the clock at this instant instead of real time (demos, tests).
    pub now: Option<DateTime<FixedOffset>>,
    /// First booking day; by default the date of the database's first start.
    pub campaign_start: Option<NaiveDate>,
    /// Eligible birth years, inclusive.
    pub cohort: (i32, i32),
    /// Daily booking hours.
    pub window: Window,
    /// Queue admissions per minute (2,000,000 an hour by default).
    pub admissions_per_minute: u32,
    /// Multiplies the simulated providers' approval delay (0 approves at once).
    pub auth_delay_scale: f64,
    /// Share of simulated verifications the provider rejects.
    pub auth_failure_rate: f64,
    /// Requests per second allowed per client address (burst twice that); 0 turns it off.
    pub rate_limit_per_second: u32,
    /// Bearer token of the operator endpoints; `None` disables them.
    pub admin_token: Option<String>,
    /// The helpline published in the campaign.
    pub helpline: String,
    /// Serves `POST /api/v1/test/clock` (moves the clock) for the end-to-end suite. Never in
    /// production.
    pub test_hooks: bool,
    /// A demonstration server: booking open at any hour (unless `--window` says otherwise),
    /// the client's "시연용 / demo" ribbon, and a sample birth date on the start page.
    pub demo: bool,
    /// The path everything is served under: `""` for the root, `/vaccine` for a sub-path.
    pub base_path: String,
    /// Serves the offline shell's worker (`sw.js`); off, `sw.js` is a worker that removes
    /// itself and everything it kept from every browser that asks (the operators' kill switch).
    pub offline_shell: bool,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            addr: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 8080),
            db: DbTarget::Sqlite(PathBuf::from("data/yeyak.sqlite3")),
            dist_dir: None,
            now: None,
            campaign_start: None,
            cohort: (1967, 1976),
            window: Window::standard(),
            admissions_per_minute: 33_334,
            auth_delay_scale: 1.0,
            auth_failure_rate: 0.02,
            rate_limit_per_second: 50,
            admin_token: None,
            helpline: "1339".into(),
            test_hooks: false,
            demo: false,
            base_path: String::new(),
            offline_shell: true,
        }
    }
}

/// Each setting's flag, environment variable and help line.
const SETTINGS: &[(&str, &str, &str)] = &[
    (
        "host",
        "YEYAK_HOST",
        "address to listen on (default 127.0.0.1)",
    ),
    (
        "port",
        "YEYAK_PORT",
        "port; 0 picks a free one (default 8080)",
    ),
    (
        "db",
        "YEYAK_DB",
        "SQLite file, created if missing (default data/yeyak.sqlite3), or a postgres:// URL",
    ),
    (
        "dist",
        "YEYAK_DIST",
        "built client to serve at / (default: API only)",
    ),
    (
        "now",
        "YEYAK_NOW",
        "start the clock at this RFC 3339 instant (demos, tests)",
    ),
    (
        "campaign-start",
        "YEYAK_CAMPAIGN_START",
        "first booking day YYYY-MM-DD (default: first start)",
    ),
    (
        "cohort",
        "YEYAK_COHORT",
        "eligible birth years FROM-TO (default 1967-1976)",
    ),
    (
        "window",
        "YEYAK_WINDOW",
        "daily hours HH:MM-HH:MM or `always` (default 20:00-18:00)",
    ),
    (
        "admission-rate",
        "YEYAK_ADMISSION_RATE",
        "queue admissions per minute (default 33334)",
    ),
    (
        "auth-delay-scale",
        "YEYAK_AUTH_DELAY_SCALE",
        "scale of simulated approval delays (default 1)",
    ),
    (
        "auth-failure-rate",
        "YEYAK_AUTH_FAILURE_RATE",
        "share of simulated rejections (default 0.02)",
    ),
    (
        "rate-limit",
        "YEYAK_RATE_LIMIT",
        "requests/s per client address, 0 = off (default 50)",
    ),
    (
        "admin-token",
        "YEYAK_ADMIN_TOKEN",
        "operator bearer token (default: operator API off)",
    ),
    (
        "helpline",
        "YEYAK_HELPLINE",
        "helpline number (default 1339)",
    ),
    (
        "base-path",
        "YEYAK_BASE_PATH",
        "serve the client and the API under this path, e.g. /vaccine (default /)",
    ),
    (
        "offline-shell",
        "YEYAK_OFFLINE_SHELL",
        "`off` makes sw.js remove the offline shell from every browser (default on)",
    ),
    (
        "demo",
        "YEYAK_DEMO",
        "`on`: a demonstration (open at any hour, a demo ribbon, a sample birth date; default off)",
    ),
    (
        "test-hooks",
        "YEYAK_TEST_HOOKS",
        "`on` serves POST /api/v1/test/clock for test suites (default off)",
    ),
];

/// A base path as the router wants it: `""` for `/`, else `/segment[/segment]` without a
/// trailing slash, made of URL-safe characters only.
fn base_path(text: &str) -> Result<String, String> {
    let trimmed = text.trim_end_matches('/');
    let segments_ok = trimmed.split('/').skip(1).all(|s| {
        !s.is_empty()
            && s != "."
            && s != ".."
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    });
    if !text.starts_with('/') || !segments_ok || (trimmed == "/api" || trimmed.starts_with("/api/"))
    {
        return Err(format!(
            "--base-path: `{text}` is not a path like /vaccine (letters, digits, - _ .; not /api)"
        ));
    }
    Ok(trimmed.to_owned())
}

/// The usage text printed for `--help` and after a bad flag.
pub fn usage() -> String {
    let mut text = String::from("usage: yeyak-server [--FLAG VALUE]...\n");
    for (flag, env, help) in SETTINGS {
        text.push_str(&format!("  --{flag:<18} {help} [{env}]\n"));
    }
    text
}

impl ServerConfig {
    /// Reads flags (`--port 8080` or `--port=8080`), then environment variables for the rest.
    pub fn from_args_and_env(
        args: impl IntoIterator<Item = String>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, String> {
        let mut values: HashMap<&str, String> = HashMap::new();
        for (flag, var, _) in SETTINGS {
            if let Some(value) = env(var) {
                values.insert(flag, value);
            }
        }
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((name, value)) => (name.to_owned(), Some(value.to_owned())),
                None => (arg.clone(), None),
            };
            let flag = name
                .strip_prefix("--")
                .and_then(|n| SETTINGS.iter().find(|(flag, _, _)| *flag == n))
                .map(|(flag, _, _)| *flag)
                .ok_or_else(|| format!("unknown argument `{arg}`"))?;
            let value = inline
                .or_else(|| args.next())
                .ok_or_else(|| format!("`{name}` needs a value"))?;
            values.insert(flag, value);
        }
        Self::from_values(&values)
    }

    fn from_values(values: &HashMap<&str, String>) -> Result<Self, String> {
        fn parse<T: std::str::FromStr>(
            values: &HashMap<&str, String>,
            key: &str,
            what: &str,
        ) -> Result<Option<T>, String> {
            values
                .get(key)
                .map(|v| {
                    v.parse()
                        .map_err(|_| format!("--{key}: `{v}` is not {what}"))
                })
                .transpose()
        }
        let mut config = Self::default();
        let ip: IpAddr = parse(values, "host", "an IP address")?.unwrap_or(config.addr.ip());
        let port: u16 = parse(values, "port", "a port number")?.unwrap_or(config.addr.port());
        config.addr = SocketAddr::new(ip, port);
        if let Some(db) = values.get("db") {
            config.db = DbTarget::parse(db);
        }
        config.dist_dir = values.get("dist").map(PathBuf::from);
        config.now = values
            .get("now")
            .map(|v| {
                DateTime::parse_from_rfc3339(v)
                    .map_err(|_| format!("--now: `{v}` is not an RFC 3339 instant"))
            })
            .transpose()?;
        config.campaign_start = values
            .get("campaign-start")
            .map(|v| {
                NaiveDate::parse_from_str(v, "%Y-%m-%d")
                    .map_err(|_| format!("--campaign-start: `{v}` is not YYYY-MM-DD"))
            })
            .transpose()?;
        if let Some(cohort) = values.get("cohort") {
            let years = cohort
                .split_once('-')
                .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
                .filter(|(a, b)| a <= b)
                .ok_or_else(|| format!("--cohort: `{cohort}` is not FROM-TO birth years"))?;
            config.cohort = years;
        }
        if let Some(window) = values.get("window") {
            config.window = Window::parse(window).map_err(|e| format!("--window: {e}"))?;
        }
        if let Some(rate) = parse(values, "admission-rate", "a whole number")? {
            config.admissions_per_minute = rate;
        }
        if let Some(scale) = parse::<f64>(values, "auth-delay-scale", "a number")? {
            if !(0.0..=100.0).contains(&scale) {
                return Err(format!(
                    "--auth-delay-scale: {scale} is not within 0 to 100"
                ));
            }
            config.auth_delay_scale = scale;
        }
        if let Some(rate) = parse::<f64>(values, "auth-failure-rate", "a number")? {
            if !(0.0..=1.0).contains(&rate) {
                return Err(format!("--auth-failure-rate: {rate} is not within 0 to 1"));
            }
            config.auth_failure_rate = rate;
        }
        if let Some(limit) = parse(values, "rate-limit", "a whole number")? {
            config.rate_limit_per_second = limit;
        }
        config.admin_token = values.get("admin-token").filter(|t| !t.is_empty()).cloned();
        config.test_hooks = match values.get("test-hooks").map(String::as_str) {
            None | Some("off") => false,
            Some("on") => true,
            Some(other) => return Err(format!("--test-hooks: `{other}` is not on or off")),
        };
        config.demo = match values.get("demo").map(String::as_str) {
            None | Some("off") => false,
            Some("on") => true,
            Some(other) => return Err(format!("--demo: `{other}` is not on or off")),
        };
        if config.demo && !values.contains_key("window") {
            config.window = Window::AlwaysOpen;
        }
        config.offline_shell = match values.get("offline-shell").map(String::as_str) {
            None | Some("on") => true,
            Some("off") => false,
            Some(other) => return Err(format!("--offline-shell: `{other}` is not on or off")),
        };
        if let Some(helpline) = values.get("helpline") {
            config.helpline = helpline.clone();
        }
        if let Some(path) = values.get("base-path") {
            config.base_path = base_path(path)?;
        }
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
        assert_eq!(
            config.db,
            DbTarget::Sqlite(PathBuf::from("data/yeyak.sqlite3"))
        );
        assert_eq!(config.dist_dir, None);
        assert_eq!(config.window, Window::standard());
        assert_eq!(config.admin_token, None);
    }

    #[test]
    fn flags_win_over_environment() {
        let config = parse(&["--port", "9000", "--db=x.db"], &[("YEYAK_PORT", "7000")]).unwrap();
        assert_eq!(config.addr.port(), 9000);
        assert_eq!(config.db, DbTarget::Sqlite(PathBuf::from("x.db")));
    }

    #[test]
    fn environment_is_used_without_flags() {
        let config = parse(
            &[],
            &[
                ("YEYAK_PORT", "7000"),
                ("YEYAK_DIST", "dist"),
                ("YEYAK_WINDOW", "always"),
            ],
        )
        .unwrap();
        assert_eq!(config.addr.port(), 7000);
        assert_eq!(config.dist_dir, Some(PathBuf::from("dist")));
        assert_eq!(config.window, Window::AlwaysOpen);
    }

    #[test]
    fn campaign_settings_parse() {
        let config = parse(
            &[
                "--cohort=1970-1979",
                "--now=2026-08-09T21:00:00+09:00",
                "--campaign-start=2026-08-09",
                "--admission-rate=600",
            ],
            &[],
        )
        .unwrap();
        assert_eq!(config.cohort, (1970, 1979));
        assert_eq!(config.campaign_start.unwrap().to_string(), "2026-08-09");
        assert_eq!(config.admissions_per_minute, 600);
        assert!(!config.test_hooks, "test hooks are off unless asked for");
        assert!(parse(&["--test-hooks=on"], &[]).unwrap().test_hooks);
        assert!(config.now.is_some());
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
        assert!(parse(&["--cohort=1980-1970"], &[]).is_err());
        assert!(parse(&["--now=yesterday"], &[]).is_err());
        assert!(parse(&["--auth-failure-rate=2"], &[]).is_err());
        assert!(parse(&["--test-hooks=maybe"], &[]).is_err());
        assert_eq!(
            parse(&["--base-path=/vaccine/"], &[]).unwrap().base_path,
            "/vaccine"
        );
        assert_eq!(parse(&["--base-path=/"], &[]).unwrap().base_path, "");
        assert_eq!(parse(&["--base-path=/a/b"], &[]).unwrap().base_path, "/a/b");
        for bad in ["vaccine", "/a//b", "/../x", "/a b", "/api", "/x?y"] {
            assert!(
                parse(&[&format!("--base-path={bad}")], &[]).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn demo_opens_booking_at_any_hour_unless_the_window_is_given() {
        let config = parse(&["--demo", "on"], &[]).unwrap();
        assert!(config.demo);
        assert_eq!(config.window, Window::AlwaysOpen);
        let config = parse(&["--demo=on", "--window=20:00-18:00"], &[]).unwrap();
        assert_eq!(config.window, Window::standard());
        assert!(!parse(&[], &[]).unwrap().demo);
        assert!(parse(&["--demo=maybe"], &[]).is_err());
    }
}

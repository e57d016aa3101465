//! The runtime configuration (`config.json` beside `index.html`), so one build serves many portals.

use serde::Deserialize;

use crate::i18n::Locale;

/// The helpline shown when nothing better is known (the config failed to load).
pub const DEFAULT_HELPLINE: &str = "1339";

/// Where the app is mounted (`""`, `/vaccine`), set once at start.
static BASE: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Remembers the base path for [`at`].
pub fn mount_at(base: &str) {
    let _ = BASE.set(base.to_owned());
}

/// An in-app link's address: `path` under the base path (`/verify` → `/vaccine/verify`). The
/// router adds the base when it navigates, but an `<A href>` written from the root is taken
/// as it is.
pub fn at(path: &str) -> String {
    format!(
        "{}{path}",
        BASE.get().map(String::as_str).unwrap_or_default()
    )
}

/// Settings a portal operator edits without rebuilding the client.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct RuntimeConfig {
    /// Where the REST API lives, absolute or relative to the page (`/api/v1`).
    pub api_base_url: String,
    /// The path the client is mounted under (`/`, `/vaccine`); routes are relative to it.
    pub base_path: String,
    /// The phone number citizens are told to call (`1339`).
    pub helpline: String,
    /// The language the page starts in.
    pub default_locale: Locale,
    /// Enables routes that exist only for the test suite (`/__panic`). Off in production.
    #[serde(default)]
    pub test_hooks: bool,
}

/// Why the configuration cannot be used; shown to operators in the console, not to citizens.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be fetched (network, 404).
    #[error("config.json could not be fetched: {0}")]
    Unreachable(String),
    /// The file is not the JSON this client reads.
    #[error("config.json is malformed: {0}")]
    Malformed(String),
    /// The JSON parsed but a value is unusable.
    #[error("config.json has an invalid value: {0}")]
    Invalid(String),
}

impl RuntimeConfig {
    /// Parses and checks the file's text.
    pub fn parse(text: &str) -> Result<Self, ConfigError> {
        let mut config: RuntimeConfig =
            serde_json::from_str(text).map_err(|e| ConfigError::Malformed(e.to_string()))?;
        if config.api_base_url.trim().is_empty() {
            return Err(ConfigError::Invalid("api_base_url is empty".into()));
        }
        if !config.base_path.starts_with('/') {
            return Err(ConfigError::Invalid(format!(
                "base_path `{}` must start with /",
                config.base_path
            )));
        }
        // The router wants "" for the root and "/vaccine" (no trailing slash) otherwise.
        config.base_path = config.base_path.trim_end_matches('/').to_owned();
        let helpline_ok = !config.helpline.is_empty()
            && config
                .helpline
                .chars()
                .all(|c| c.is_ascii_digit() || c == '-');
        if !helpline_ok {
            return Err(ConfigError::Invalid(format!(
                "helpline `{}` must be digits and dashes",
                config.helpline
            )));
        }
        Ok(config)
    }

    /// The route a browser path names, without the base path (`/vaccine/queue` → `/queue`).
    pub fn route<'a>(&self, pathname: &'a str) -> &'a str {
        match pathname.strip_prefix(self.base_path.as_str()) {
            Some("") => "/",
            Some(route) if route.starts_with('/') => route,
            _ => pathname,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str =
        r#"{"api_base_url":"/api/v1","base_path":"/","helpline":"1339","default_locale":"ko"}"#;

    #[test]
    fn reads_the_shipped_file() {
        let shipped = include_str!("../../public/config.json");
        let config = RuntimeConfig::parse(shipped).unwrap();
        assert_eq!(config.helpline, "1339");
        assert_eq!(config.default_locale, Locale::Ko);
        assert!(
            !config.test_hooks,
            "the shipped config must not enable test hooks"
        );
    }

    #[test]
    fn normalises_the_base_path() {
        assert_eq!(RuntimeConfig::parse(GOOD).unwrap().base_path, "");
        let nested = GOOD.replace(r#""base_path":"/""#, r#""base_path":"/vaccine/""#);
        assert_eq!(RuntimeConfig::parse(&nested).unwrap().base_path, "/vaccine");
        let nested = RuntimeConfig::parse(&nested).unwrap();
        assert_eq!(nested.route("/vaccine/queue"), "/queue");
        assert_eq!(nested.route("/vaccine/"), "/");
        assert_eq!(nested.route("/vaccine"), "/");
        assert_eq!(
            RuntimeConfig::parse(GOOD).unwrap().route("/queue"),
            "/queue"
        );
    }

    #[test]
    fn refuses_what_it_cannot_use() {
        assert!(matches!(
            RuntimeConfig::parse("{"),
            Err(ConfigError::Malformed(_))
        ));
        assert!(matches!(
            RuntimeConfig::parse("<html>"),
            Err(ConfigError::Malformed(_))
        ));
        let no_helpline = GOOD.replace("1339", "call us");
        assert!(matches!(
            RuntimeConfig::parse(&no_helpline),
            Err(ConfigError::Invalid(_))
        ));
        let relative = GOOD.replace(r#""base_path":"/""#, r#""base_path":"vaccine""#);
        assert!(matches!(
            RuntimeConfig::parse(&relative),
            Err(ConfigError::Invalid(_))
        ));
        let locale = GOOD.replace(r#""ko""#, r#""fr""#);
        assert!(matches!(
            RuntimeConfig::parse(&locale),
            Err(ConfigError::Malformed(_))
        ));
    }
}

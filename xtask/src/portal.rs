//! The example portal (`examples/portal/`) on a second loopback origin, and a copy of the built
//! client configured to be framed by it (`embed.parent_origins`, the portal's theme). For
//! `cargo xtask run --portal` and the embedded-mode suite.

use std::fs;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::paths;

/// The portal's static server; stopped when dropped.
pub struct Portal {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub origin: String,
}

impl Drop for Portal {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Portal {
    /// The portal's page framing the service at `app` (`http://127.0.0.1:PORT/`).
    pub fn page_url(&self, app: &str) -> String {
        format!("{}/?app={app}", self.origin)
    }
}

/// A port free right now on 127.0.0.1.
fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

/// Serves `examples/portal/` with Python's standard static server (the portal is plain files,
/// as a real portal's would be on its own web server).
pub fn start() -> Result<Portal, String> {
    let port = free_port()?;
    let dir = paths::repo_root().join("examples").join("portal");
    let child = Command::new("python3")
        .args([
            "-m",
            "http.server",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--directory",
        ])
        .arg(&dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start the example portal (python3 -m http.server): {e}"))?;
    let portal = Portal {
        child,
        origin: format!("http://127.0.0.1:{port}"),
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            return Err(format!("the example portal did not start on port {port}"));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(portal)
}

/// A copy of `dist` under `work` whose `config.json` lets `portal_origin` frame it and applies
/// the example portal's theme; the build's own files are the same bytes.
pub fn embedded_dist(work: &Path, portal_origin: &str) -> Result<PathBuf, String> {
    let from = paths::dist_dir();
    let to = work.join("dist-embedded");
    let _ = fs::remove_dir_all(&to);
    fs::create_dir_all(&to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in
        fs::read_dir(&from).map_err(|e| format!("{}: {e} (build first)", from.display()))?
    {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // config.json is written below; its build-time compressed copies would be stale.
        if entry.path().is_file() && !name.starts_with("config.json") {
            fs::copy(entry.path(), to.join(&name)).map_err(|e| format!("{name}: {e}"))?;
        }
    }
    let text =
        fs::read_to_string(from.join("config.json")).map_err(|e| format!("config.json: {e}"))?;
    let mut config: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("config.json: {e}"))?;
    config["embed"] = serde_json::json!({
        "parent_origins": [portal_origin],
        "theme": "theme.css",
    });
    let pretty = serde_json::to_string_pretty(&config).map_err(|e| e.to_string())?;
    fs::write(to.join("config.json"), pretty).map_err(|e| format!("config.json: {e}"))?;
    let theme = paths::repo_root()
        .join("examples")
        .join("portal")
        .join("theme.css");
    fs::copy(&theme, to.join("theme.css")).map_err(|e| format!("{}: {e}", theme.display()))?;
    Ok(to)
}

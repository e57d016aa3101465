//! A throw-away PostgreSQL server for the tests and the benchmark: Debian's `postgresql`
//! binaries, a fresh cluster in a temporary folder, a free port on 127.0.0.1, fsync and
//! synchronous commit on (a booking is durable when it is acknowledged). PostgreSQL refuses
//! to run as root, so as root the cluster belongs to the `postgres` user the package made.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The newest installed server's `bin` folder (`/usr/lib/postgresql/15/bin`).
pub fn bin_dir() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let version = entry.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

/// A running cluster; stopped (immediately) and removed when dropped.
pub struct Cluster {
    bin: PathBuf,
    dir: PathBuf,
    as_postgres: bool,
    /// The port it listens on.
    pub port: u16,
}

impl Cluster {
    /// `initdb` and `pg_ctl start` in a new folder named after `name`; waits until it accepts
    /// connections. The superuser is `yeyak`, trusted on 127.0.0.1 (nothing else can reach it).
    pub fn start(name: &str) -> Result<Self, String> {
        let bin = bin_dir().ok_or(
            "PostgreSQL is not installed (cargo xtask setup installs Debian's postgresql)",
        )?;
        let as_postgres = crate::setup::is_root();
        let dir = std::env::temp_dir().join(format!("yeyak-pg-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        if as_postgres {
            let owned = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(&dir)
                .status()
                .is_ok_and(|s| s.success());
            if !owned {
                return Err(format!(
                    "cannot give {} to the postgres user",
                    dir.display()
                ));
            }
        }
        let port = free_port()?;
        let mut cluster = Self {
            bin,
            dir,
            as_postgres,
            port,
        };
        let data = cluster.dir.join("data");
        let initdb = cluster.tool(
            "initdb",
            &[
                "-D",
                &data.to_string_lossy(),
                "-U",
                "yeyak",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
        );
        if !run_quiet(initdb) {
            return Err("initdb failed".into());
        }
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c max_connections=300 \
             -c shared_buffers=256MB -c fsync=on -c synchronous_commit=on",
            cluster.dir.display()
        );
        let log = cluster.dir.join("server.log");
        let start = cluster.tool(
            "pg_ctl",
            &[
                "-D",
                &data.to_string_lossy(),
                "-o",
                &options,
                "-l",
                &log.to_string_lossy(),
                "-w",
                "-t",
                "60",
                "start",
            ],
        );
        if !run_quiet(start) {
            let said = fs::read_to_string(&log).unwrap_or_default();
            // Nothing to stop: forget the folder only.
            cluster.port = 0;
            return Err(format!("PostgreSQL did not start:\n{said}"));
        }
        eprintln!(
            "  PostgreSQL {} on 127.0.0.1:{port} (data in {})",
            cluster
                .bin
                .parent()
                .and_then(Path::file_name)
                .map_or_else(String::new, |v| v.to_string_lossy().into_owned()),
            cluster.dir.display()
        );
        Ok(cluster)
    }

    /// The URL of `database` on this server.
    pub fn url(&self, database: &str) -> String {
        format!("postgres://yeyak@127.0.0.1:{}/{database}", self.port)
    }

    /// Creates an empty database.
    pub fn create_database(&self, name: &str) -> Result<(), String> {
        let created = self.tool(
            "createdb",
            &[
                "-h",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-U",
                "yeyak",
                name,
            ],
        );
        if run_quiet(created) {
            Ok(())
        } else {
            Err(format!("createdb {name} failed"))
        }
    }

    fn tool(&self, name: &str, args: &[&str]) -> Command {
        let program = self.bin.join(name);
        let mut cmd = if self.as_postgres {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", "postgres", "--"]).arg(program);
            cmd
        } else {
            Command::new(program)
        };
        // The postgres user may not enter the caller's folder.
        cmd.args(args).current_dir("/");
        cmd
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if self.port != 0 {
            let data = self.dir.join("data");
            let stop = self.tool(
                "pg_ctl",
                &[
                    "-D",
                    &data.to_string_lossy(),
                    "-m",
                    "immediate",
                    "-w",
                    "stop",
                ],
            );
            run_quiet(stop);
        }
        let _ = fs::remove_dir_all(&self.dir);
    }
}

fn run_quiet(mut cmd: Command) -> bool {
    match cmd.output() {
        Ok(out) if out.status.success() => true,
        Ok(out) => {
            eprintln!(
                "  {:?} failed:\n{}{}",
                cmd.get_program(),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            false
        }
        Err(err) => {
            eprintln!("  cannot run {:?}: {err}", cmd.get_program());
            false
        }
    }
}

fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free port: {e}"))
}

//! The SQLite file: opening it durably and bringing its schema up to date.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::Connection;

/// Schema changes in order; entry `i` takes the database from version `i` to `i + 1`.
/// Never edit a shipped entry: append a new one.
const MIGRATIONS: &[&str] = &["CREATE TABLE server_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    INSERT INTO server_meta (key, value) VALUES ('created_at', datetime('now'));"];

/// Shared handle to the one database connection (SQLite serialises writers anyway).
#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
}

/// Why the database could not be opened.
#[derive(Debug)]
pub struct DbError(pub String);

impl std::fmt::Display for DbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DbError {}

impl From<rusqlite::Error> for DbError {
    fn from(err: rusqlite::Error) -> Self {
        Self(err.to_string())
    }
}

impl Db {
    /// Opens (creating if needed) the file in WAL mode with full fsync, then migrates it.
    pub fn open(path: &Path) -> Result<Self, DbError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|e| DbError(format!("cannot create {}: {e}", parent.display())))?;
        }
        let mut conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrate(&mut conn)?;
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Locks the connection; a panic while it was held does not poison it for everyone else.
    pub fn lock(&self) -> MutexGuard<'_, Connection> {
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The schema version the file is at.
    pub fn schema_version(&self) -> Result<u32, rusqlite::Error> {
        self.lock()
            .pragma_query_value(None, "user_version", |row| row.get(0))
    }
}

/// The number of migrations this build knows: the version a migrated file reports.
pub fn latest_schema_version() -> u32 {
    MIGRATIONS.len() as u32
}

fn migrate(conn: &mut Connection) -> Result<(), DbError> {
    let current: u32 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if current > latest_schema_version() {
        return Err(DbError(format!(
            "database schema version {current} is newer than this server ({})",
            latest_schema_version()
        )));
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as u32 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_creates_the_file_and_migrates_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/yeyak.sqlite3");
        let db = Db::open(&path).unwrap();
        assert!(path.exists());
        assert_eq!(db.schema_version().unwrap(), latest_schema_version());
        drop(db);
        // A second open finds the schema current and runs nothing again (no duplicate insert).
        let db = Db::open(&path).unwrap();
        let rows: i64 = db
            .lock()
            .query_row("SELECT count(*) FROM server_meta", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 1);
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("future.sqlite3");
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", 999)
            .unwrap();
        let err = Db::open(&path).err().expect("newer schema must be refused");
        assert!(err.0.contains("newer"), "{err}");
    }
}

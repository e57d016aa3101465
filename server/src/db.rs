//! The SQLite file: opening it durably and bringing its schema up to date.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::Connection;

/// Schema changes in order; entry `i` takes the database from version `i` to `i + 1`.
/// Never edit a shipped entry: append a new one.
const MIGRATIONS: &[&str] = &[
    "CREATE TABLE server_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    INSERT INTO server_meta (key, value) VALUES ('created_at', datetime('now'));",
    // Instants are Unix milliseconds; dates `YYYY-MM-DD` and times `HH:MM` in Korea time.
    "CREATE TABLE people (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        birth_date TEXT NOT NULL,
        phone      TEXT NOT NULL,
        UNIQUE (name, birth_date, phone)
    );
    CREATE TABLE auth_sessions (
        id               TEXT PRIMARY KEY,
        person_id        INTEGER NOT NULL REFERENCES people(id),
        provider         TEXT NOT NULL,
        device_id        TEXT NOT NULL,
        created_at       INTEGER NOT NULL,
        approve_at       INTEGER NOT NULL,
        rejected         INTEGER NOT NULL,
        cancelled        INTEGER NOT NULL DEFAULT 0,
        token            TEXT UNIQUE,
        token_expires_at INTEGER
    );
    CREATE INDEX auth_sessions_by_person ON auth_sessions (person_id, created_at);
    CREATE INDEX auth_sessions_by_provider ON auth_sessions (provider, approve_at);
    CREATE TABLE provider_overrides (
        provider TEXT PRIMARY KEY,
        status   TEXT NOT NULL,
        reason   TEXT
    );
    CREATE TABLE queue_state (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        served      INTEGER NOT NULL,
        rate        INTEGER NOT NULL,
        paused      INTEGER NOT NULL,
        advanced_at INTEGER NOT NULL,
        credit_ms   INTEGER NOT NULL
    );
    CREATE TABLE tickets (
        seq       INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES people(id),
        issued_at INTEGER NOT NULL,
        served_at INTEGER,
        left_at   INTEGER
    );
    CREATE UNIQUE INDEX tickets_one_per_person ON tickets (person_id) WHERE left_at IS NULL;
    CREATE TABLE admissions (
        token           TEXT PRIMARY KEY,
        seq             INTEGER NOT NULL UNIQUE REFERENCES tickets(seq),
        person_id       INTEGER NOT NULL REFERENCES people(id),
        created_at      INTEGER NOT NULL,
        expires_at      INTEGER NOT NULL,
        extensions_used INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE regions (
        code     TEXT PRIMARY KEY,
        name     TEXT NOT NULL,
        position INTEGER NOT NULL
    );
    CREATE TABLE districts (
        code        TEXT PRIMARY KEY,
        region_code TEXT NOT NULL REFERENCES regions(code),
        name        TEXT NOT NULL,
        position    INTEGER NOT NULL
    );
    CREATE TABLE centers (
        id            INTEGER PRIMARY KEY,
        district_code TEXT NOT NULL REFERENCES districts(code),
        name          TEXT NOT NULL,
        address       TEXT NOT NULL,
        phone         TEXT NOT NULL,
        vaccine       TEXT NOT NULL,
        wheelchair    INTEGER NOT NULL,
        elevator      INTEGER NOT NULL,
        parking       INTEGER NOT NULL
    );
    CREATE INDEX centers_by_district ON centers (district_code);
    CREATE TABLE slots (
        id        INTEGER PRIMARY KEY,
        center_id INTEGER NOT NULL REFERENCES centers(id),
        date      TEXT NOT NULL,
        time      TEXT NOT NULL,
        capacity  INTEGER NOT NULL,
        booked    INTEGER NOT NULL DEFAULT 0,
        CHECK (booked >= 0 AND booked <= capacity),
        UNIQUE (center_id, date, time)
    );
    CREATE INDEX slots_by_date ON slots (date, time);
    CREATE TABLE reservations (
        number            TEXT PRIMARY KEY,
        person_id         INTEGER NOT NULL REFERENCES people(id),
        slot_id           INTEGER NOT NULL REFERENCES slots(id),
        status            TEXT NOT NULL CHECK (status IN ('active', 'cancelled')),
        second_date       TEXT NOT NULL,
        created_at        INTEGER NOT NULL,
        cancelled_at      INTEGER,
        manage_token      TEXT,
        manage_expires_at INTEGER
    );
    CREATE UNIQUE INDEX reservations_one_active ON reservations (person_id) WHERE status = 'active';
    CREATE TABLE idempotency (
        person_id    INTEGER NOT NULL,
        key          TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        status       INTEGER NOT NULL,
        body         TEXT NOT NULL,
        created_at   INTEGER NOT NULL,
        PRIMARY KEY (person_id, key)
    );",
];

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

    /// Runs `work` with the connection on a blocking thread, so async handlers never wait on
    /// SQLite.
    pub async fn run<T, E>(
        &self,
        work: impl FnOnce(&mut Connection) -> Result<T, E> + Send + 'static,
    ) -> Result<T, E>
    where
        T: Send + 'static,
        E: Send + 'static + From<DbError>,
    {
        let db = self.clone();
        tokio::task::spawn_blocking(move || work(&mut db.lock()))
            .await
            .unwrap_or_else(|join| Err(E::from(DbError(format!("database task failed: {join}")))))
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

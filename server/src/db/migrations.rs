//! Each database's schema, brought up to date in order. Both lists describe the same tables;
//! PostgreSQL's spells integers `BIGINT` and its generated keys `BIGSERIAL` (a sequence: unique
//! across instances, with gaps where a transaction rolled back).
//!
//! Entry `i` takes the database from version `i` to `i + 1`. Never edit a shipped entry:
//! append a new one to both lists.

use super::{DbError, Dialect, Tx};

/// SQLite's schema; its version is `PRAGMA user_version`.
const SQLITE: &[&str] = &[
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

/// PostgreSQL's schema; its version is the row of `schema_version`.
const POSTGRES: &[&str] = &[
    "CREATE TABLE server_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    INSERT INTO server_meta (key, value) VALUES ('created_at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'));",
    // Instants are Unix milliseconds; dates `YYYY-MM-DD` and times `HH:MM` in Korea time.
    "CREATE TABLE people (
        id         BIGSERIAL PRIMARY KEY,
        name       TEXT NOT NULL,
        birth_date TEXT NOT NULL,
        phone      TEXT NOT NULL,
        UNIQUE (name, birth_date, phone)
    );
    CREATE TABLE auth_sessions (
        id               TEXT PRIMARY KEY,
        person_id        BIGINT NOT NULL REFERENCES people(id),
        provider         TEXT NOT NULL,
        device_id        TEXT NOT NULL,
        created_at       BIGINT NOT NULL,
        approve_at       BIGINT NOT NULL,
        rejected         BIGINT NOT NULL,
        cancelled        BIGINT NOT NULL DEFAULT 0,
        token            TEXT UNIQUE,
        token_expires_at BIGINT
    );
    CREATE INDEX auth_sessions_by_person ON auth_sessions (person_id, created_at);
    CREATE INDEX auth_sessions_by_provider ON auth_sessions (provider, approve_at);
    CREATE TABLE provider_overrides (
        provider TEXT PRIMARY KEY,
        status   TEXT NOT NULL,
        reason   TEXT
    );
    CREATE TABLE queue_state (
        id          BIGINT PRIMARY KEY CHECK (id = 1),
        served      BIGINT NOT NULL,
        rate        BIGINT NOT NULL,
        paused      BIGINT NOT NULL,
        advanced_at BIGINT NOT NULL,
        credit_ms   BIGINT NOT NULL
    );
    CREATE TABLE tickets (
        seq       BIGSERIAL PRIMARY KEY,
        person_id BIGINT NOT NULL REFERENCES people(id),
        issued_at BIGINT NOT NULL,
        served_at BIGINT,
        left_at   BIGINT
    );
    CREATE UNIQUE INDEX tickets_one_per_person ON tickets (person_id) WHERE left_at IS NULL;
    CREATE TABLE admissions (
        token           TEXT PRIMARY KEY,
        seq             BIGINT NOT NULL UNIQUE REFERENCES tickets(seq),
        person_id       BIGINT NOT NULL REFERENCES people(id),
        created_at      BIGINT NOT NULL,
        expires_at      BIGINT NOT NULL,
        extensions_used BIGINT NOT NULL DEFAULT 0
    );
    CREATE TABLE regions (
        code     TEXT PRIMARY KEY,
        name     TEXT NOT NULL,
        position BIGINT NOT NULL
    );
    CREATE TABLE districts (
        code        TEXT PRIMARY KEY,
        region_code TEXT NOT NULL REFERENCES regions(code),
        name        TEXT NOT NULL,
        position    BIGINT NOT NULL
    );
    CREATE TABLE centers (
        id            BIGSERIAL PRIMARY KEY,
        district_code TEXT NOT NULL REFERENCES districts(code),
        name          TEXT NOT NULL,
        address       TEXT NOT NULL,
        phone         TEXT NOT NULL,
        vaccine       TEXT NOT NULL,
        wheelchair    BIGINT NOT NULL,
        elevator      BIGINT NOT NULL,
        parking       BIGINT NOT NULL
    );
    CREATE INDEX centers_by_district ON centers (district_code);
    CREATE TABLE slots (
        id        BIGSERIAL PRIMARY KEY,
        center_id BIGINT NOT NULL REFERENCES centers(id),
        date      TEXT NOT NULL,
        time      TEXT NOT NULL,
        capacity  BIGINT NOT NULL,
        booked    BIGINT NOT NULL DEFAULT 0,
        CHECK (booked >= 0 AND booked <= capacity),
        UNIQUE (center_id, date, time)
    );
    CREATE INDEX slots_by_date ON slots (date, time);
    CREATE TABLE reservations (
        number            TEXT PRIMARY KEY,
        person_id         BIGINT NOT NULL REFERENCES people(id),
        slot_id           BIGINT NOT NULL REFERENCES slots(id),
        status            TEXT NOT NULL CHECK (status IN ('active', 'cancelled')),
        second_date       TEXT NOT NULL,
        created_at        BIGINT NOT NULL,
        cancelled_at      BIGINT,
        manage_token      TEXT,
        manage_expires_at BIGINT
    );
    CREATE UNIQUE INDEX reservations_one_active ON reservations (person_id) WHERE status = 'active';
    CREATE TABLE idempotency (
        person_id    BIGINT NOT NULL,
        key          TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        status       BIGINT NOT NULL,
        body         TEXT NOT NULL,
        created_at   BIGINT NOT NULL,
        PRIMARY KEY (person_id, key)
    );",
];

/// The number of migrations this build knows: the version a migrated database reports.
pub fn latest_schema_version() -> u32 {
    SQLITE.len() as u32
}

/// The version the database is at (0 for an empty one).
pub fn current_version(tx: &mut Tx) -> Result<u32, DbError> {
    match tx.dialect() {
        Dialect::Sqlite => tx.value("PRAGMA user_version", &[]),
        Dialect::Postgres => {
            tx.batch("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)")?;
            Ok(tx
                .opt("SELECT version FROM schema_version", &[])?
                .map(|row| row.get(0))
                .transpose()?
                .unwrap_or(0))
        }
    }
}

/// Applies what is missing, in one transaction. On PostgreSQL an advisory lock makes instances
/// that start together migrate one after the other (the second finds nothing to do).
pub fn migrate(tx: &mut Tx) -> Result<(), DbError> {
    tx.startup_lock()?;
    let current = current_version(tx)?;
    if current > latest_schema_version() {
        return Err(DbError::new(format!(
            "database schema version {current} is newer than this server ({})",
            latest_schema_version()
        )));
    }
    let list = match tx.dialect() {
        Dialect::Sqlite => SQLITE,
        Dialect::Postgres => POSTGRES,
    };
    for (index, sql) in list.iter().enumerate().skip(current as usize) {
        tx.batch(sql)?;
        let version = index as u32 + 1;
        match tx.dialect() {
            Dialect::Sqlite => tx.batch(&format!("PRAGMA user_version = {version}"))?,
            Dialect::Postgres => {
                tx.execute("DELETE FROM schema_version", &[])?;
                tx.execute(
                    "INSERT INTO schema_version (version) VALUES ($1)",
                    crate::args![version],
                )?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_databases_have_every_migration() {
        assert_eq!(SQLITE.len(), POSTGRES.len());
        for (sqlite, postgres) in SQLITE.iter().zip(POSTGRES) {
            let tables = |sql: &str| sql.matches("CREATE TABLE").count();
            let indexes = |sql: &str| {
                sql.matches("CREATE INDEX").count() + sql.matches("CREATE UNIQUE INDEX").count()
            };
            assert_eq!(tables(sqlite), tables(postgres));
            assert_eq!(indexes(sqlite), indexes(postgres));
        }
    }
}

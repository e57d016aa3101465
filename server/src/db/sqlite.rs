//! The SQLite file: opened durably (WAL, full fsync), one connection, serial writers.

use std::borrow::Cow;
use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, TransactionBehavior};

use super::{migrations, DbError, Row, Tx, TxInner, Value};

impl From<rusqlite::Error> for DbError {
    fn from(err: rusqlite::Error) -> Self {
        Self::new(err.to_string())
    }
}

/// The one connection to the file (SQLite serialises writers anyway).
#[derive(Clone)]
pub struct SqliteStore {
    conn: Arc<Mutex<Connection>>,
}

impl SqliteStore {
    /// Opens (creating if needed) the file in WAL mode with full fsync, then migrates it.
    pub fn open(path: &Path) -> Result<Self, DbError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|e| DbError::new(format!("cannot create {}: {e}", parent.display())))?;
        }
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let store = Self {
            conn: Arc::new(Mutex::new(conn)),
        };
        store.transaction(migrations::migrate)?;
        Ok(store)
    }

    /// One `BEGIN IMMEDIATE` transaction; a panic while the connection was held does not
    /// poison it for everyone else.
    pub fn transaction<T, E>(&self, mut work: impl FnMut(&mut Tx) -> Result<T, E>) -> Result<T, E>
    where
        E: From<DbError>,
    {
        let mut conn = self
            .conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| E::from(e.into()))?;
        let mut tx = Tx {
            inner: TxInner::Sqlite(tx),
            conflicted: false,
        };
        let value = work(&mut tx)?;
        match tx.inner {
            TxInner::Sqlite(tx) => tx.commit().map_err(|e| E::from(e.into()))?,
            TxInner::Postgres(_) => unreachable!("a SQLite store makes SQLite transactions"),
        }
        Ok(value)
    }
}

/// PostgreSQL's row-locking clauses, which end a statement (`FOR UPDATE OF r` too).
const ROW_LOCKS: [&str; 2] = [" FOR UPDATE", " FOR NO KEY UPDATE"];

/// The statement in SQLite's spelling: `$1` becomes `?1`; a row-locking clause goes (writers
/// are serial already).
fn spelled(sql: &str) -> Cow<'_, str> {
    if !sql.contains('$') && !ROW_LOCKS.iter().any(|lock| sql.contains(lock)) {
        return Cow::Borrowed(sql);
    }
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('?');
        } else {
            out.push(c);
        }
    }
    if let Some(at) = ROW_LOCKS.iter().filter_map(|lock| out.find(lock)).min() {
        out.truncate(at);
    }
    Cow::Owned(out)
}

fn bind(args: &[Value]) -> Vec<SqlValue> {
    args.iter()
        .map(|value| match value {
            Value::Null => SqlValue::Null,
            Value::Int(i) => SqlValue::Integer(*i),
            Value::Real(f) => SqlValue::Real(*f),
            Value::Text(s) => SqlValue::Text(s.clone()),
        })
        .collect()
}

pub(super) fn execute(conn: &Connection, sql: &str, args: &[Value]) -> Result<u64, DbError> {
    let mut stmt = conn.prepare_cached(&spelled(sql))?;
    let changed = stmt.execute(rusqlite::params_from_iter(bind(args)))?;
    Ok(changed as u64)
}

pub(super) fn query(conn: &Connection, sql: &str, args: &[Value]) -> Result<Vec<Row>, DbError> {
    let mut stmt = conn.prepare_cached(&spelled(sql))?;
    let columns = stmt.column_count();
    let rows = stmt.query_map(rusqlite::params_from_iter(bind(args)), |r| {
        (0..columns)
            .map(|i| {
                Ok(match r.get::<_, SqlValue>(i)? {
                    SqlValue::Null => Value::Null,
                    SqlValue::Integer(i) => Value::Int(i),
                    SqlValue::Real(f) => Value::Real(f),
                    SqlValue::Text(s) => Value::Text(s),
                    SqlValue::Blob(_) => Value::Null,
                })
            })
            .collect::<rusqlite::Result<Vec<_>>>()
            .map(Row)
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{latest_schema_version, Db, DbTarget};

    #[test]
    fn placeholders_and_row_locks_are_spelled_for_sqlite() {
        assert_eq!(
            spelled("SELECT a FROM t WHERE b = $1 AND c = $12 FOR UPDATE"),
            "SELECT a FROM t WHERE b = ?1 AND c = ?12"
        );
        assert_eq!(
            spelled("SELECT r.a FROM r JOIN s ON s.id = r.s WHERE r.n = $1 FOR UPDATE OF r"),
            "SELECT r.a FROM r JOIN s ON s.id = r.s WHERE r.n = ?1"
        );
        assert_eq!(
            spelled("SELECT id FROM people WHERE id = $1 FOR NO KEY UPDATE"),
            "SELECT id FROM people WHERE id = ?1"
        );
        assert!(matches!(spelled("SELECT 1"), Cow::Borrowed(_)));
    }

    #[tokio::test]
    async fn opening_creates_the_file_and_migrates_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/yeyak.sqlite3");
        let target = DbTarget::Sqlite(path.clone());
        let db = Db::open(&target).unwrap();
        assert!(path.exists());
        assert_eq!(db.schema_version().await.unwrap(), latest_schema_version());
        drop(db);
        // A second open finds the schema current and runs nothing again (no duplicate insert).
        let db = Db::open(&target).unwrap();
        let rows: i64 = db
            .run(|tx| tx.value::<i64>("SELECT count(*) FROM server_meta", &[]))
            .await
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
        let err = Db::open(&DbTarget::Sqlite(path))
            .err()
            .expect("newer schema must be refused");
        assert!(err.message.contains("newer"), "{err}");
    }
}

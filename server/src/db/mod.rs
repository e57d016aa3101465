//! The store: one set of operations over two databases.
//!
//! Handlers write their SQL once, in the dialect both databases share, and run it inside
//! [`Db::run`], one transaction per call:
//! - **SQLite** (a file path, the embedded default): one connection behind a mutex, every
//!   transaction `BEGIN IMMEDIATE`, so writers are serial and a check followed by a write sees
//!   no one in between.
//! - **PostgreSQL** (a `postgres://` URL, for more than one instance): a pool of connections,
//!   `READ COMMITTED`. What must not race says so in its SQL: a conditional `UPDATE` for
//!   inventory, `FOR UPDATE` on the row a decision rests on (the queue's state, the person), and
//!   unique indexes for "one per person". When two instances collide on one of those (a unique
//!   violation, a serialization failure or a deadlock), the whole transaction is run again from
//!   the start, so it then sees what the other committed: the same answer SQLite's serial
//!   writers give.
//!
//! Placeholders are `$1, $2, …`; SQLite's adapter rewrites them (and drops `FOR UPDATE`, which
//! its serial writers do not need).

mod migrations;
mod postgres;
mod sqlite;

use std::fmt;
use std::path::PathBuf;

pub use migrations::latest_schema_version;

/// Where the data lives: a SQLite file or a PostgreSQL database.
#[derive(Debug, Clone, PartialEq)]
pub enum DbTarget {
    /// A SQLite file, created with its folder on first start.
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL (`postgres://user:password@host:port/database`).
    Postgres(String),
}

impl DbTarget {
    /// A URL starting `postgres://` or `postgresql://` is PostgreSQL; anything else is a path.
    pub fn parse(text: &str) -> Self {
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            Self::Postgres(text.to_owned())
        } else {
            Self::Sqlite(PathBuf::from(text))
        }
    }
}

impl DbTarget {
    /// The target as `--db` takes it (a URL with its password).
    pub fn as_arg(&self) -> String {
        match self {
            Self::Sqlite(path) => path.display().to_string(),
            Self::Postgres(url) => url.clone(),
        }
    }
}

impl fmt::Display for DbTarget {
    /// The target as logs may show it: a URL's password is never printed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "{}", path.display()),
            Self::Postgres(url) => match (url.find("://"), url.rfind('@')) {
                (Some(scheme), Some(at)) if at > scheme => {
                    let user = &url[scheme + 3..at];
                    let user = user.split(':').next().unwrap_or_default();
                    write!(f, "{}{user}@{}", &url[..scheme + 3], &url[at + 1..])
                }
                _ => f.write_str(url),
            },
        }
    }
}

/// Which database a transaction speaks to, for the rare statement they write differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// SQLite.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

/// Why the database could not do what was asked.
#[derive(Debug)]
pub struct DbError {
    /// What went wrong, for the log.
    pub message: String,
    /// Another transaction got there first (PostgreSQL: unique violation, serialization failure,
    /// deadlock): running the transaction again will see what it did.
    pub conflict: bool,
}

impl DbError {
    /// An error that running again will not mend.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            conflict: false,
        }
    }
}

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DbError {}

/// A value bound to a placeholder or read from a column.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// SQL `NULL`.
    Null,
    /// Any integer (booleans are stored as 0 and 1).
    Int(i64),
    /// A floating-point number.
    Real(f64),
    /// Text.
    Text(String),
}

/// Turns a Rust value into a [`Value`]; see [`args!`](crate::args).
pub trait ToValue {
    /// The value to bind.
    fn to_value(&self) -> Value;
}

macro_rules! int_to_value {
    ($($t:ty),*) => {$(
        impl ToValue for $t {
            fn to_value(&self) -> Value {
                Value::Int(*self as i64)
            }
        }
    )*};
}
int_to_value!(i32, i64, u32, u64, usize);

impl ToValue for bool {
    fn to_value(&self) -> Value {
        Value::Int(i64::from(*self))
    }
}

impl ToValue for f64 {
    fn to_value(&self) -> Value {
        Value::Real(*self)
    }
}

impl ToValue for str {
    fn to_value(&self) -> Value {
        Value::Text(self.to_owned())
    }
}

impl ToValue for String {
    fn to_value(&self) -> Value {
        Value::Text(self.clone())
    }
}

impl<T: ToValue + ?Sized> ToValue for &T {
    fn to_value(&self) -> Value {
        (**self).to_value()
    }
}

impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToValue::to_value)
    }
}

/// The values for a statement's placeholders, in order: `args![person_id, &name]`.
#[macro_export]
macro_rules! args {
    ($($value:expr),* $(,)?) => {
        &[$($crate::db::ToValue::to_value(&$value)),*]
    };
}

/// Reads a Rust value out of a column.
pub trait FromValue: Sized {
    /// The value, or why it is not of this type.
    fn from_value(value: &Value) -> Result<Self, String>;
}

macro_rules! int_from_value {
    ($($t:ty),*) => {$(
        impl FromValue for $t {
            fn from_value(value: &Value) -> Result<Self, String> {
                match value {
                    Value::Int(i) => <$t>::try_from(*i).map_err(|e| format!("{i}: {e}")),
                    other => Err(format!("expected an integer, found {other:?}")),
                }
            }
        }
    )*};
}
int_from_value!(i32, i64, u16, u32, u64);

impl FromValue for bool {
    fn from_value(value: &Value) -> Result<Self, String> {
        i64::from_value(value).map(|i| i != 0)
    }
}

impl FromValue for f64 {
    fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::Real(f) => Ok(*f),
            Value::Int(i) => Ok(*i as f64),
            other => Err(format!("expected a number, found {other:?}")),
        }
    }
}

impl FromValue for String {
    fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::Text(s) => Ok(s.clone()),
            other => Err(format!("expected text, found {other:?}")),
        }
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::Null => Ok(None),
            other => T::from_value(other).map(Some),
        }
    }
}

/// One result row.
#[derive(Debug, Clone)]
pub struct Row(Vec<Value>);

impl Row {
    /// Column `index` as `T`.
    pub fn get<T: FromValue>(&self, index: usize) -> Result<T, DbError> {
        let value = self
            .0
            .get(index)
            .ok_or_else(|| DbError::new(format!("no column {index}")))?;
        T::from_value(value).map_err(|e| DbError::new(format!("column {index}: {e}")))
    }

    /// The first columns as a tuple: `let (id, name): (i64, String) = row.tuple()?`.
    pub fn tuple<T: FromRow>(&self) -> Result<T, DbError> {
        T::from_row(self)
    }
}

/// A tuple read from a row's first columns.
pub trait FromRow: Sized {
    /// The tuple, or which column did not fit.
    fn from_row(row: &Row) -> Result<Self, DbError>;
}

macro_rules! tuple_from_row {
    ($($name:ident $index:tt),+) => {
        impl<$($name: FromValue),+> FromRow for ($($name,)+) {
            fn from_row(row: &Row) -> Result<Self, DbError> {
                Ok(($(row.get::<$name>($index)?,)+))
            }
        }
    };
}
tuple_from_row!(A 0, B 1);
tuple_from_row!(A 0, B 1, C 2);
tuple_from_row!(A 0, B 1, C 2, D 3);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5);

/// One transaction on either database. Every statement goes through here.
pub struct Tx<'a> {
    inner: TxInner<'a>,
    /// A statement failed because another transaction got there first.
    conflicted: bool,
}

enum TxInner<'a> {
    Sqlite(rusqlite::Transaction<'a>),
    Postgres(postgres::PgTx<'a>),
}

impl Tx<'_> {
    /// Which database this is.
    pub fn dialect(&self) -> Dialect {
        match self.inner {
            TxInner::Sqlite(_) => Dialect::Sqlite,
            TxInner::Postgres(_) => Dialect::Postgres,
        }
    }

    /// Runs a statement; the number of rows it changed.
    pub fn execute(&mut self, sql: &str, args: &[Value]) -> Result<u64, DbError> {
        let result = match &mut self.inner {
            TxInner::Sqlite(tx) => sqlite::execute(tx, sql, args),
            TxInner::Postgres(tx) => tx.execute(sql, args),
        };
        self.note(result)
    }

    /// Runs statements separated by `;`, without arguments (migrations).
    pub fn batch(&mut self, sql: &str) -> Result<(), DbError> {
        let result = match &mut self.inner {
            TxInner::Sqlite(tx) => tx.execute_batch(sql).map_err(DbError::from),
            TxInner::Postgres(tx) => tx.batch(sql),
        };
        self.note(result)
    }

    /// Every row a query returns.
    pub fn query(&mut self, sql: &str, args: &[Value]) -> Result<Vec<Row>, DbError> {
        let result = match &mut self.inner {
            TxInner::Sqlite(tx) => sqlite::query(tx, sql, args),
            TxInner::Postgres(tx) => tx.query(sql, args),
        };
        self.note(result)
    }

    /// The first row, if any.
    pub fn opt(&mut self, sql: &str, args: &[Value]) -> Result<Option<Row>, DbError> {
        Ok(self.query(sql, args)?.into_iter().next())
    }

    /// The first row; none is an error.
    pub fn one(&mut self, sql: &str, args: &[Value]) -> Result<Row, DbError> {
        self.opt(sql, args)?
            .ok_or_else(|| DbError::new(format!("no row from: {sql}")))
    }

    /// The first column of the first row.
    pub fn value<T: FromValue>(&mut self, sql: &str, args: &[Value]) -> Result<T, DbError> {
        self.one(sql, args)?.get(0)
    }

    /// Holds the start-up lock to the end of the transaction: instances starting together on
    /// one PostgreSQL migrate and seed one after the other. SQLite's writers are serial already.
    pub fn startup_lock(&mut self) -> Result<(), DbError> {
        if self.dialect() == Dialect::Postgres {
            self.query("SELECT 1 FROM pg_advisory_xact_lock(7365)", &[])?;
        }
        Ok(())
    }

    /// The first column of the first row, if there is a row.
    pub fn find_value<T: FromValue>(
        &mut self,
        sql: &str,
        args: &[Value],
    ) -> Result<Option<T>, DbError> {
        self.opt(sql, args)?.map(|row| row.get(0)).transpose()
    }

    /// The first row's first columns as a tuple, if there is a row.
    pub fn find<T: FromRow>(&mut self, sql: &str, args: &[Value]) -> Result<Option<T>, DbError> {
        self.opt(sql, args)?.map(|row| row.tuple()).transpose()
    }

    /// The first row's first columns as a tuple; none is an error.
    pub fn fetch<T: FromRow>(&mut self, sql: &str, args: &[Value]) -> Result<T, DbError> {
        self.one(sql, args)?.tuple()
    }

    fn note<T>(&mut self, result: Result<T, DbError>) -> Result<T, DbError> {
        if let Err(err) = &result {
            self.conflicted |= err.conflict;
        }
        result
    }
}

/// The shared handle to the store.
#[derive(Clone)]
pub enum Db {
    /// One SQLite file.
    Sqlite(sqlite::SqliteStore),
    /// A pool of PostgreSQL connections.
    Postgres(postgres::PgStore),
}

impl Db {
    /// Opens the store and brings its schema up to date. Blocks: call it off the async
    /// runtime (the PostgreSQL client runs its own).
    pub fn open(target: &DbTarget) -> Result<Self, DbError> {
        match target {
            DbTarget::Sqlite(path) => sqlite::SqliteStore::open(path).map(Self::Sqlite),
            DbTarget::Postgres(url) => postgres::PgStore::open(url).map(Self::Postgres),
        }
    }

    /// Which database this is.
    pub fn dialect(&self) -> Dialect {
        match self {
            Self::Sqlite(_) => Dialect::Sqlite,
            Self::Postgres(_) => Dialect::Postgres,
        }
    }

    /// Runs `work` in one transaction, committed when it returns `Ok`, rolled back when it
    /// returns `Err`. On PostgreSQL a transaction that lost a race to another one is run
    /// again, so `work` may run more than once. Blocks.
    pub fn transaction<T, E>(&self, work: impl FnMut(&mut Tx) -> Result<T, E>) -> Result<T, E>
    where
        E: From<DbError>,
    {
        match self {
            Self::Sqlite(store) => store.transaction(work),
            Self::Postgres(store) => store.transaction(work),
        }
    }

    /// [`Db::transaction`] on a blocking thread, so async handlers never wait on the database.
    pub async fn run<T, E>(
        &self,
        work: impl FnMut(&mut Tx) -> Result<T, E> + Send + 'static,
    ) -> Result<T, E>
    where
        T: Send + 'static,
        E: Send + 'static + From<DbError>,
    {
        let db = self.clone();
        let started = std::time::Instant::now();
        let store = match self.dialect() {
            Dialect::Sqlite => "sqlite",
            Dialect::Postgres => "postgres",
        };
        let result = tokio::task::spawn_blocking(move || db.transaction(work))
            .await
            .unwrap_or_else(|join| {
                Err(E::from(DbError::new(format!(
                    "database task failed: {join}"
                ))))
            });
        metrics::histogram!(crate::metrics::DB_SECONDS, "store" => store)
            .record(started.elapsed().as_secs_f64());
        result
    }

    /// The schema version the database is at.
    pub async fn schema_version(&self) -> Result<u32, DbError> {
        self.run(migrations::current_version).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_is_postgres_and_anything_else_a_file() {
        assert_eq!(
            DbTarget::parse("postgres://u:p@h:5432/d"),
            DbTarget::Postgres("postgres://u:p@h:5432/d".into())
        );
        assert_eq!(
            DbTarget::parse("postgresql://h/d"),
            DbTarget::Postgres("postgresql://h/d".into())
        );
        assert_eq!(
            DbTarget::parse("data/x.sqlite3"),
            DbTarget::Sqlite(PathBuf::from("data/x.sqlite3"))
        );
    }

    #[test]
    fn a_password_is_never_shown() {
        let shown = DbTarget::parse("postgres://yeyak:s3cret@db:5432/yeyak").to_string();
        assert_eq!(shown, "postgres://yeyak@db:5432/yeyak");
        assert!(!shown.contains("s3cret"));
    }

    #[test]
    fn tuples_and_options_read_from_rows() {
        let row = Row(vec![
            Value::Int(7),
            Value::Text("x".into()),
            Value::Null,
            Value::Int(1),
        ]);
        let (a, b, c, d): (i64, String, Option<i64>, bool) = row.tuple().unwrap();
        assert_eq!((a, b.as_str(), c, d), (7, "x", None, true));
        assert!(row.get::<String>(0).is_err());
        assert!(row.get::<u32>(9).is_err());
        assert_eq!(args![1_i64, "a", None::<i64>, true].len(), 4);
    }
}

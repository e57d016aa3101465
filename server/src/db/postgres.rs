//! PostgreSQL: rust-postgres's async client in deadpool's pool (each connection keeps its
//! prepared statements), driven from the blocking thread a handler's transaction runs on, and
//! transactions run again when they lose a race to another instance.

use std::time::Duration;

use bytes::BytesMut;
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use rand::Rng;
use tokio::runtime::Handle;
use tokio_postgres::error::SqlState;
use tokio_postgres::types::{to_sql_checked, IsNull, ToSql, Type};
use tokio_postgres::{IsolationLevel, NoTls};

use super::{migrations, DbError, Row, Tx, TxInner, Value};

/// How many times a transaction that lost a race is tried in all.
const ATTEMPTS: u32 = 30;
/// Connections per instance unless `YEYAK_DB_POOL` says otherwise.
const DEFAULT_POOL: usize = 16;

impl From<tokio_postgres::Error> for DbError {
    fn from(err: tokio_postgres::Error) -> Self {
        let conflict = err.code().is_some_and(|code| {
            *code == SqlState::UNIQUE_VIOLATION
                || *code == SqlState::T_R_SERIALIZATION_FAILURE
                || *code == SqlState::T_R_DEADLOCK_DETECTED
        });
        let message = match err.as_db_error() {
            Some(db) => format!("{}: {}", db.code().code(), db.message()),
            None => err.to_string(),
        };
        Self { message, conflict }
    }
}

/// The pool every handler shares.
#[derive(Clone)]
pub struct PgStore {
    pool: Pool,
}

/// A transaction and the runtime that drives its connection.
pub struct PgTx<'a> {
    tx: deadpool_postgres::Transaction<'a>,
    handle: Handle,
}

/// The runtime of the calling thread: the blocking threads handlers run their transactions on
/// belong to it.
fn runtime() -> Result<Handle, DbError> {
    Handle::try_current()
        .map_err(|_| DbError::new("PostgreSQL is reached from within the server's runtime"))
}

impl PgStore {
    /// Connects (`YEYAK_DB_POOL` connections at most, 16 by default) and migrates. Call it
    /// from a blocking thread of the runtime (`spawn_blocking`).
    pub fn open(url: &str) -> Result<Self, DbError> {
        let config: tokio_postgres::Config = url
            .parse()
            .map_err(|e| DbError::new(format!("not a PostgreSQL URL: {e}")))?;
        let size = std::env::var("YEYAK_DB_POOL")
            .ok()
            .and_then(|v| v.parse().ok())
            .filter(|n| *n > 0)
            .unwrap_or(DEFAULT_POOL);
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(size)
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(Duration::from_secs(10)))
            .create_timeout(Some(Duration::from_secs(10)))
            .build()
            .map_err(|e| DbError::new(format!("cannot make the pool: {e}")))?;
        let store = Self { pool };
        store.transaction(migrations::migrate)?;
        Ok(store)
    }

    /// One `READ COMMITTED` transaction, run again (after a short random pause) when a
    /// statement in it lost a race: a unique violation, a serialization failure, a deadlock.
    pub fn transaction<T, E>(&self, mut work: impl FnMut(&mut Tx) -> Result<T, E>) -> Result<T, E>
    where
        E: From<DbError>,
    {
        let handle = runtime().map_err(E::from)?;
        let mut client = handle
            .block_on(self.pool.get())
            .map_err(|e| E::from(DbError::new(format!("no database connection: {e}"))))?;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let tx = handle
                .block_on(
                    client
                        .build_transaction()
                        .isolation_level(IsolationLevel::ReadCommitted)
                        .start(),
                )
                .map_err(|e| E::from(e.into()))?;
            let mut tx = Tx {
                inner: TxInner::Postgres(PgTx {
                    tx,
                    handle: handle.clone(),
                }),
                conflicted: false,
            };
            let outcome = work(&mut tx);
            let conflicted = tx.conflicted;
            let TxInner::Postgres(PgTx { tx, .. }) = tx.inner else {
                unreachable!("a PostgreSQL store makes PostgreSQL transactions")
            };
            match outcome {
                Ok(value) => match handle.block_on(tx.commit()) {
                    Ok(()) => return Ok(value),
                    Err(err) => {
                        let err = DbError::from(err);
                        if !err.conflict || attempt >= ATTEMPTS {
                            return Err(E::from(err));
                        }
                    }
                },
                Err(error) => {
                    // Rolled back; a lost race is run again, anything else is the answer.
                    handle.block_on(tx.rollback()).ok();
                    if !conflicted || attempt >= ATTEMPTS {
                        return Err(error);
                    }
                }
            }
            metrics::counter!(crate::metrics::DB_RETRIES).increment(1);
            let pause = rand::thread_rng().gen_range(0..=attempt.min(10) * 2);
            std::thread::sleep(Duration::from_millis(u64::from(pause)));
        }
    }
}

impl PgTx<'_> {
    pub(super) fn execute(&mut self, sql: &str, args: &[Value]) -> Result<u64, DbError> {
        let handle = self.handle.clone();
        handle.block_on(async {
            let statement = self.tx.prepare_cached(sql).await?;
            Ok(self.tx.execute(&statement, &params(args)).await?)
        })
    }

    pub(super) fn query(&mut self, sql: &str, args: &[Value]) -> Result<Vec<Row>, DbError> {
        let handle = self.handle.clone();
        let rows = handle.block_on(async {
            let statement = self.tx.prepare_cached(sql).await?;
            self.tx.query(&statement, &params(args)).await
        })?;
        rows.iter().map(read).collect()
    }

    pub(super) fn batch(&mut self, sql: &str) -> Result<(), DbError> {
        let handle = self.handle.clone();
        Ok(handle.block_on(self.tx.batch_execute(sql))?)
    }
}

fn params(args: &[Value]) -> Vec<&(dyn ToSql + Sync)> {
    args.iter().map(|a| a as &(dyn ToSql + Sync)).collect()
}

/// A row's columns as [`Value`]s.
fn read(row: &tokio_postgres::Row) -> Result<Row, DbError> {
    let mut values = Vec::with_capacity(row.len());
    for (i, column) in row.columns().iter().enumerate() {
        let value = match *column.type_() {
            Type::INT8 => row.try_get::<_, Option<i64>>(i)?.map(Value::Int),
            Type::INT4 => row
                .try_get::<_, Option<i32>>(i)?
                .map(|v| Value::Int(v.into())),
            Type::INT2 => row
                .try_get::<_, Option<i16>>(i)?
                .map(|v| Value::Int(v.into())),
            Type::BOOL => row
                .try_get::<_, Option<bool>>(i)?
                .map(|v| Value::Int(v.into())),
            Type::FLOAT8 => row.try_get::<_, Option<f64>>(i)?.map(Value::Real),
            Type::FLOAT4 => row
                .try_get::<_, Option<f32>>(i)?
                .map(|v| Value::Real(v.into())),
            _ => row.try_get::<_, Option<String>>(i)?.map(Value::Text),
        };
        values.push(value.unwrap_or(Value::Null));
    }
    Ok(Row(values))
}

impl ToSql for Value {
    /// Written as the type the statement expects (PostgreSQL infers each placeholder's type),
    /// so the same arguments serve both databases.
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(i) => match *ty {
                Type::INT8 => i.to_sql(ty, out),
                Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
                Type::BOOL => (*i != 0).to_sql(ty, out),
                Type::FLOAT8 => (*i as f64).to_sql(ty, out),
                Type::FLOAT4 => (*i as f32).to_sql(ty, out),
                _ => i.to_string().to_sql(ty, out),
            },
            Value::Real(f) => match *ty {
                Type::FLOAT4 => (*f as f32).to_sql(ty, out),
                _ => f.to_sql(ty, out),
            },
            Value::Text(s) => match *ty {
                Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => {
                    s.as_str().to_sql(ty, out)
                }
                // Dates and times are stored as text; a statement that wants another type
                // casts the placeholder (`CAST(CAST($1 AS text) AS date)`).
                _ => Err(format!("text bound where the statement expects {ty}").into()),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

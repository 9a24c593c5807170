//! Opening the store: the SQLite file, its settings, and the numbered migrations that bring its schema up to date.

use super::error::FleetError;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The numbered migrations, oldest first; the schema version of a store is how many of them it has applied
/// (SQLite's `user_version`). A new migration is a new file appended here, never an edit of an applied one.
const MIGRATIONS: &[&str] = &[include_str!("migrations/0001_initial.sql")];

/// The schema version this archrules writes and reads.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// How long a writer waits for another one (a second `ingest`) before giving up: ingesting one file takes seconds.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// An open fleet store.
pub struct Store {
    pub(super) conn: Connection,
    pub(super) path: PathBuf,
}

impl Store {
    /// Opens (creating when absent) the store at `path` and applies the migrations it lacks. A store whose schema is
    /// newer than this binary's is refused rather than read wrongly.
    pub fn open(path: &Path) -> Result<Store, FleetError> {
        let open_err = |source| FleetError::Open { path: path.to_path_buf(), source };
        let conn = Connection::open(path).map_err(open_err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        // WAL: readers never block the writer and a killed writer leaves the last committed state readable.
        // synchronous=NORMAL is durable across a killed process (only a power loss can lose the last commits).
        conn.pragma_update(None, "journal_mode", "WAL").map_err(open_err)?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(open_err)?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(open_err)?;
        // 64 MiB of page cache (the default is 2 MiB): an ingest updates three indexes of the uses table at random
        // places, and with the small cache every insert read and wrote pages back through the OS.
        conn.pragma_update(None, "cache_size", -65_536).map_err(open_err)?;
        let mut store = Store { conn, path: path.to_path_buf() };
        store.migrate()?;
        Ok(store)
    }

    /// The schema version of the open store.
    pub fn schema_version(&self) -> Result<i64, FleetError> {
        Ok(self.conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    fn migrate(&mut self) -> Result<(), FleetError> {
        // IMMEDIATE: two processes opening a fresh store at once must not both apply migration 1.
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let found: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
        if found > SCHEMA_VERSION {
            return Err(FleetError::NewerSchema { path: self.path.clone(), found, known: SCHEMA_VERSION });
        }
        let applied = usize::try_from(found).unwrap_or(0);
        for sql in MIGRATIONS.iter().skip(applied) {
            tx.execute_batch(sql)?;
        }
        if found < SCHEMA_VERSION {
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The plan SQLite chooses for `sql`, one line per step (`EXPLAIN QUERY PLAN`), for docs and tests.
    pub fn explain(&self, sql: &str) -> Result<Vec<String>, FleetError> {
        let mut stmt = self.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
        let count = stmt.parameter_count();
        let params: Vec<rusqlite::types::Value> = vec![rusqlite::types::Value::Null; count];
        let rows = stmt.query_map(rusqlite::params_from_iter(params), |row| row.get::<_, String>(3))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

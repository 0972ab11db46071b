//! The SQLite store: opening and migrating the database, articles, claims and sources.
//!
//! The schema lives in `schema.sql` at the package root. Migrations are append-only steps;
//! `PRAGMA user_version` records how many have been applied. Opening a database applies the
//! missing steps in one transaction, so there is no separate `init` a user can forget.

pub mod articles;
pub mod claims;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};

/// The migration steps, in order. Step `n` (1-based) brings the database to version `n`.
/// Append new steps; never edit a released one.
const MIGRATIONS: &[&str] = &[include_str!("../../schema.sql")];

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// How long a writer waits for another process holding the database lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open, migrated whosaid database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Store {
    /// Open (creating if needed) and migrate the database at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        if path.is_dir() {
            return Err(Error::msg(format!(
                "{}: is a directory (expected a database file; see --db)",
                path.display()
            )));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|e| Error::msg(format!("{}: cannot open database: {e}", path.display())))?;
        let named = |e: Error| match e {
            Error::Db(d) => Error::msg(format!(
                "{}: {d} (expected a whosaid database; see --db)",
                path.display()
            )),
            other => other,
        };
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // A database from a newer whosaid is refused before anything (even the journal mode)
        // is written to it.
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| named(e.into()))?;
        check_version(&path.display().to_string(), version)?;
        // WAL lets readers and one writer share the file; it is refused for some file systems,
        // in which case SQLite keeps its rollback journal, which is still correct.
        let _mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| named(e.into()))?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
        };
        store.setup().map_err(named)?;
        Ok(store)
    }

    /// A fresh in-memory database, migrated (for tests).
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: None,
        };
        store.setup()?;
        Ok(store)
    }

    fn setup(&mut self) -> Result<()> {
        self.conn.pragma_update(None, "foreign_keys", true)?;
        self.migrate()
    }

    fn describe(&self) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None => "in-memory database".to_string(),
        }
    }

    /// Apply the missing migration steps in one transaction. Running it again changes nothing.
    pub fn migrate(&mut self) -> Result<()> {
        self.migrate_steps(MIGRATIONS)
    }

    /// `migrate` with the given steps (tests pass a failing one).
    fn migrate_steps(&mut self, steps: &[&str]) -> Result<()> {
        let name = self.describe();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        check_version(&name, version)?;
        for (i, step) in steps.iter().enumerate().skip(version as usize) {
            tx.execute_batch(step)?;
            tx.pragma_update(None, "user_version", i as i64 + 1)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The schema version recorded in the database.
    pub fn version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Run `f` in one write transaction: all of its writes land, or none do.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}

/// Refuse a schema version this binary cannot read, naming both versions.
fn check_version(name: &str, version: i64) -> Result<()> {
    if version > SCHEMA_VERSION {
        return Err(Error::msg(format!(
            "{name}: schema version {version} is newer than this whosaid knows (whosaid {} \
             reads schema versions up to {SCHEMA_VERSION}); use a newer whosaid",
            env!("CARGO_PKG_VERSION")
        )));
    }
    if version < 0 {
        return Err(Error::msg(format!(
            "{name}: bad schema version {version} (expected 0 to {SCHEMA_VERSION})"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests;

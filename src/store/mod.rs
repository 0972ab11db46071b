//! The SQLite store: opening and migrating the database, articles, claims and sources.
//!
//! The schema lives in `schema.sql` at the package root. Migrations are append-only steps;
//! `PRAGMA user_version` records how many have been applied. Opening a database applies the
//! missing steps in one transaction, so there is no separate `init` a user can forget.

pub mod articles;
pub mod claims;
pub mod export;
pub mod merge;
pub mod reports;
pub mod sentences;
pub mod writer;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};

/// The migration steps, in order. Step `n` (1-based) brings the database to version `n`.
/// Append new steps; never edit a released one.
const MIGRATIONS: &[&str] = &[
    include_str!("../../schema.sql"),
    include_str!("../../schema_2.sql"),
    include_str!("../../schema_3.sql"),
    include_str!("../../schema_5.sql"),
];

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// How long a writer waits for another process holding the database lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// How often `open` and `write_retrying` try again when the database stays locked.
const OPEN_RETRIES: u32 = 8;
const WRITE_RETRIES: u32 = 20;

/// Whether `e` is SQLite's "database is busy/locked": another process holds the write lock.
pub fn is_busy(e: &Error) -> bool {
    matches!(
        e,
        Error::Db(rusqlite::Error::SqliteFailure(f, _))
            if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// `path` as SQLite must be given it to read a plain file name: a relative path starting
/// with `file:` (which SQLite, built to accept URIs, would read as one) gets `./` in front.
pub fn plain_path(path: &Path) -> PathBuf {
    if path.is_relative() && path.as_os_str().as_encoded_bytes().starts_with(b"file:") {
        Path::new(".").join(path)
    } else {
        path.to_path_buf()
    }
}

/// An open, migrated whosaid database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// The schema version the database had when it was opened, before migrating.
    opened_at: i64,
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
        // Another process creating or migrating the same file at the same moment can hold
        // the lock past the busy timeout (journal-mode changes do not wait): try again.
        let mut wait = Duration::from_millis(20);
        let mut tries = 0;
        loop {
            match Store::open_once(path) {
                Err(e) if is_busy(&e) && tries < OPEN_RETRIES => {
                    std::thread::sleep(wait);
                    wait = (wait * 2).min(Duration::from_secs(1));
                    tries += 1;
                }
                Err(Error::Db(d)) => {
                    return Err(Error::msg(format!(
                        "{}: {d} (expected a whosaid database; see --db)",
                        path.display()
                    )))
                }
                other => return other,
            }
        }
    }

    fn open_once(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(plain_path(path), flags)
            .map_err(|e| Error::msg(format!("{}: cannot open database: {e}", path.display())))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // A database from a newer whosaid is refused before anything (even the journal mode)
        // is written to it.
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        check_version(&path.display().to_string(), version)?;
        // WAL lets readers and one writer share the file; it is refused for some file systems,
        // in which case SQLite keeps its rollback journal, which is still correct.
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            opened_at: 0,
        };
        store.setup()?;
        Ok(store)
    }

    /// A fresh in-memory database, migrated (for tests).
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: None,
            opened_at: 0,
        };
        store.setup()?;
        Ok(store)
    }

    fn setup(&mut self) -> Result<()> {
        // Migrations run with foreign keys off, so a step that rebuilds a table deletes
        // nothing that refers to it; the pragma cannot change inside a transaction.
        self.conn.pragma_update(None, "foreign_keys", false)?;
        self.migrate()?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        Ok(())
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
        self.opened_at = version;
        Ok(())
    }

    /// Whether the database predates the sentence cache (schema step 2) and so holds
    /// articles without it, to fill in with [`sentences::fill_missing`].
    pub fn lacks_sentences(&self) -> bool {
        self.opened_at < 2
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

    /// Like `write`, for long-running writers that share the file with other processes: when
    /// the lock is still held after the busy timeout, the transaction (which then wrote
    /// nothing) is tried again with a growing pause, up to about a minute more.
    pub fn write_retrying<T>(&mut self, mut f: impl FnMut(&Transaction) -> Result<T>) -> Result<T> {
        let mut wait = Duration::from_millis(50);
        let mut tries = 0;
        loop {
            match self.write(&mut f) {
                Err(e) if is_busy(&e) && tries < WRITE_RETRIES => {
                    std::thread::sleep(wait);
                    wait = (wait * 2).min(Duration::from_secs(3));
                    tries += 1;
                }
                other => return other,
            }
        }
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

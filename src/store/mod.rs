//! The SQLite store: opening and migrating the database, articles, claims and sources.
//!
//! The schema lives in `schema.sql` at the package root. Migrations are append-only steps;
//! `PRAGMA user_version` records how many have been applied. Opening a database for a command
//! that writes applies the missing steps in one transaction, so there is no separate `init` a
//! user can forget; a command that only reads opens it read-only and never changes it. A file
//! that is not a whosaid database is refused before anything touches it (`guard`).

pub mod articles;
pub mod claims;
pub mod export;
pub mod guard;
pub mod merge;
pub mod reports;
pub mod sentences;
pub mod writer;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{params, Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};
use crate::model::Stance;

/// The migration steps, in order. Step `n` (1-based) brings the database to version `n`.
/// Append new steps; never edit a released one.
const MIGRATIONS: &[&str] = &[
    include_str!("../../schema.sql"),
    include_str!("../../schema_2.sql"),
    include_str!("../../schema_3.sql"),
    include_str!("../../schema_4.sql"),
    include_str!("../../schema_5.sql"),
    include_str!("../../schema_6.sql"),
    include_str!("../../schema_7.sql"),
];

/// The step that adds the stance column; the claims stored before it get theirs filled in
/// from their cues ([`fill_stance`]) in the same transaction.
const STANCE_STEP: usize = 6;

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// How often `open` tries to switch a new database to WAL when another process holds it.
const OPEN_RETRIES: u32 = 8;

/// The oldest schema version a reading command reads in place; an older database is read
/// through a migrated copy.
const READ_IN_PLACE_FROM: i64 = 3;

/// Whether `e` is SQLite's "database is busy/locked": another process holds the write lock.
pub fn is_busy(e: &Error) -> bool {
    matches!(e, Error::Db(d) if busy(d))
}

fn busy(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
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

/// `path` as a `file:` URI that opens it read-only and immutable: SQLite neither locks it nor
/// looks for its journal files, which it could not create in a read-only folder.
fn immutable_uri(path: &Path) -> String {
    file_uri(path, "mode=ro&immutable=1")
}

/// `path` as a `file:` URI with the given query (`mode=ro`).
pub(crate) fn file_uri(path: &Path, query: &str) -> String {
    let mut uri = String::from("file:");
    for &b in path.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push('?');
    uri.push_str(query);
    uri
}

/// The schema version recorded in the file, with SQLite's "not a database" said for it.
fn read_version(conn: &Connection, name: &str) -> Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| {
            if read_only(&e) {
                // a WAL database whose folder is read-only
                read_only_error(name)
            } else {
                Error::msg(format!(
                    "{name}: {e} (expected a whosaid database; see --db)"
                ))
            }
        })
}

/// Whether `path` has a rollback journal or a non-empty write-ahead log beside it.
fn unfinished_journal(path: &Path) -> bool {
    let beside = |suffix: &str| {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        std::fs::metadata(PathBuf::from(p)).is_ok_and(|m| m.len() > 0)
    };
    beside("-journal") || beside("-wal")
}

fn cannot_open(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::CannotOpen)
}

fn read_only(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ReadOnly)
}

/// The error of a command that writes on a database it may not write.
fn read_only_error(name: &str) -> Error {
    Error::msg(format!(
        "{name}: cannot write it (the file or its folder is read-only; commands that write \
         need both writable, commands that only read do not)"
    ))
}

/// `path` refused when it is a folder.
fn not_a_folder(path: &Path) -> Result<()> {
    if path.is_dir() {
        return Err(Error::msg(format!(
            "{}: is a directory (expected a database file; see --db)",
            path.display()
        )));
    }
    Ok(())
}

/// An open whosaid database: migrated when opened for writing, read-only when opened for
/// reading.
pub struct Store {
    conn: Connection,
    /// The database as messages name it.
    name: String,
    /// How long a statement waits for another process's lock.
    lock_limit: Duration,
    /// Whether migrating says so on stderr (a user's file, not a fresh or temporary one).
    announce: bool,
    /// The migrated copy a reader of an older schema reads, removed with the store.
    _copy: Option<tempfile::TempDir>,
    /// The schema version the database had when it was opened, before migrating.
    opened_at: i64,
}

impl Store {
    fn new(conn: Connection, name: String, lock_limit: Duration) -> Store {
        Store {
            conn,
            name,
            lock_limit,
            announce: false,
            _copy: None,
            opened_at: 0,
        }
    }

    /// Open (creating if needed) and migrate the database at `path`, for a command that
    /// writes. A file that is not a whosaid database, or one from a newer whosaid, is refused
    /// before anything is written to it; migrating an existing database says so on stderr.
    pub fn open(path: &Path) -> Result<Store> {
        not_a_folder(path)?;
        let name = path.display().to_string();
        let limit = guard::lock_timeout()?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(plain_path(path), flags)
            .map_err(|e| Error::msg(format!("{name}: cannot open database: {e}")))?;
        guard::wait_for_locks(&mut conn, &name, limit)?;
        checked_in_one_snapshot(&conn, || {
            let version = read_version(&conn, &name)?;
            check_version(&name, version)?;
            guard::check_ours(&conn, &name, version)
        })?;
        // WAL lets readers and one writer share the file; it is refused for some file
        // systems, in which case SQLite keeps its rollback journal, which is still correct.
        // Another process creating the same file can hold it past the busy handler (a
        // journal-mode change does not wait): try again.
        let mut wait = Duration::from_millis(20);
        let mut tries = 0;
        loop {
            match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
                Err(e) if busy(&e) && tries < OPEN_RETRIES => {
                    std::thread::sleep(wait);
                    wait = (wait * 2).min(Duration::from_secs(1));
                    tries += 1;
                }
                Err(e) if busy(&e) => return Err(guard::gave_up(&name, limit)),
                Err(e) if read_only(&e) => return Err(read_only_error(&name)),
                Err(e) => {
                    return Err(Error::msg(format!(
                        "{name}: {e} (expected a whosaid database; see --db)"
                    )))
                }
                Ok(_) => break,
            }
        }
        let mut store = Store::new(conn, name, limit);
        store.announce = true;
        store.setup()?;
        Ok(store)
    }

    /// Open the database at `path` for a command that only reads: read-only (also in a
    /// read-only file or folder), never created, never migrated. A database of an older
    /// schema this whosaid reads in place is read as it is; an older one is read through a
    /// migrated temporary copy, with a note saying how to migrate the file itself.
    pub fn open_read(path: &Path) -> Result<Store> {
        not_a_folder(path)?;
        let name = path.display().to_string();
        if !path.exists() {
            return Err(Error::msg(format!(
                "{name}: no such database (expected a whosaid database; `whosaid add` or \
                 `whosaid import` creates one; see --db)"
            )));
        }
        let limit = guard::lock_timeout()?;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let open = |at: &Path, flags: OpenFlags| -> rusqlite::Result<(Connection, i64)> {
            let mut conn = Connection::open_with_flags(at, flags)?;
            guard::wait_for_locks(&mut conn, &name, limit)?;
            let version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            Ok((conn, version))
        };
        let plain = plain_path(path);
        let (conn, version) = match open(&plain, flags) {
            Ok(v) => v,
            // A WAL database in a folder where SQLite cannot create its shared-memory file
            // opens immutable (no process has it open: it would have made that file), unless
            // a journal holds writes that immutable reading would miss.
            Err(e) if (read_only(&e) || cannot_open(&e)) && !unfinished_journal(path) => {
                let uri = immutable_uri(&std::path::absolute(path).unwrap_or(path.into()));
                open(Path::new(&uri), flags | OpenFlags::SQLITE_OPEN_URI)
                    .map_err(|_| Error::msg(format!("{name}: cannot read it: {e} (see --db)")))?
            }
            Err(e) if busy(&e) => return Err(guard::gave_up(&name, limit)),
            Err(e) => {
                return Err(Error::msg(format!(
                    "{name}: {e} (expected a whosaid database; see --db)"
                )))
            }
        };
        check_version(&name, version)?;
        checked_in_one_snapshot(&conn, || {
            // the version again, in the snapshot the tables are read in
            let version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            guard::check_ours(&conn, &name, version)
        })?;
        if version == 0 {
            // An empty file: nothing stored yet.
            let mut store = Store::new(Connection::open_in_memory()?, name, limit);
            store.setup()?;
            return Ok(store);
        }
        if version < READ_IN_PLACE_FROM {
            return Store::read_copy(&conn, name, version, limit);
        }
        conn.pragma_update(None, "query_only", true)?;
        let mut store = Store::new(conn, name, limit);
        store.opened_at = version;
        Ok(store)
    }

    /// A reader's migrated copy of a database at an older schema `version`.
    fn read_copy(conn: &Connection, name: String, version: i64, limit: Duration) -> Result<Store> {
        let dir = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
        let copy = dir.path().join("copy.db");
        conn.execute(
            "VACUUM INTO ?1",
            [copy
                .to_str()
                .ok_or_else(|| Error::msg("temporary folder name is not UTF-8"))?],
        )
        .map_err(|e| Error::msg(format!("{name}: cannot read it into a temporary copy: {e}")))?;
        let mut store = Store::new(Connection::open(&copy)?, name, limit);
        store.setup()?;
        store.conn.pragma_update(None, "query_only", true)?;
        store._copy = Some(dir);
        guard::say(&format!(
            "{}: schema version {version} is older than this whosaid's ({SCHEMA_VERSION}); \
             read through a migrated copy, the file is unchanged (`whosaid --db {} migrate` \
             migrates it)",
            store.name, store.name
        ));
        Ok(store)
    }

    /// A fresh in-memory database, migrated (for tests).
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store::new(
            Connection::open_in_memory()?,
            "in-memory database".into(),
            guard::DEFAULT_LOCK_TIMEOUT,
        );
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

    /// The database as messages name it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// A busy error said as giving up on the lock, a read-only file as such; other errors as
    /// they are.
    fn busy_said(&self, e: Error) -> Error {
        if is_busy(&e) {
            guard::gave_up(&self.name, self.lock_limit)
        } else if matches!(&e, Error::Db(d) if read_only(d)) {
            read_only_error(&self.name)
        } else {
            e
        }
    }

    /// Apply the missing migration steps in one transaction. Running it again changes nothing.
    pub fn migrate(&mut self) -> Result<()> {
        self.migrate_steps(MIGRATIONS)
    }

    /// `migrate` with the given steps (tests pass a failing one).
    fn migrate_steps(&mut self, steps: &[&str]) -> Result<()> {
        let r = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            check_version(&self.name, version)?;
            if self.announce && version >= 1 && (version as usize) < steps.len() {
                guard::say(&format!(
                    "{}: migrating from schema version {version} to {}",
                    self.name,
                    steps.len()
                ));
            }
            for (i, step) in steps.iter().enumerate().skip(version as usize) {
                tx.execute_batch(step)?;
                if i + 1 == STANCE_STEP {
                    fill_stance(&tx)?;
                }
                tx.pragma_update(None, "user_version", i as i64 + 1)?;
            }
            tx.commit()?;
            Ok(version)
        })();
        self.opened_at = r.map_err(|e| self.busy_said(e))?;
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

    /// Set the journal mode of the database (`DELETE`, `WAL`), outside a transaction.
    pub fn journal_mode(&self, mode: &str) -> Result<()> {
        self.conn
            .query_row(&format!("PRAGMA main.journal_mode = {mode}"), [], |r| {
                r.get::<_, String>(0)
            })
            .map_err(|e| self.busy_said(e.into()))?;
        Ok(())
    }

    /// Run `f` in one write transaction: all of its writes land, or none do. Waiting for
    /// another process's lock is said on stderr after a few seconds; past the bound
    /// (`WHOSAID_LOCK_TIMEOUT`) it fails with an error naming the database.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let r = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let out = f(&tx)?;
            tx.commit()?;
            Ok(out)
        })();
        r.map_err(|e| self.busy_said(e))
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

/// Set the stance column of every stored claim from its cue (schema step 6, which adds the
/// column, runs it for the claims stored before).
fn fill_stance(conn: &Connection) -> Result<()> {
    let loaded: Vec<i64> = {
        let mut stmt = conn.prepare("SELECT id, cue FROM claims WHERE cue IS NOT NULL")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        let mut ids = Vec::new();
        for row in rows {
            let (id, cue) = row?;
            if Stance::of_cue(&cue) == Stance::Loaded {
                ids.push(id);
            }
        }
        ids
    };
    let mut set = conn.prepare("UPDATE claims SET stance = 'loaded' WHERE id = ?1")?;
    for id in loaded {
        set.execute(params![id])?;
    }
    Ok(())
}

/// Run `check` inside one read transaction, so the schema version and the tables it reads
/// come from the same snapshot: another process creating the database between two reads
/// must not make a new database look like a foreign one.
fn checked_in_one_snapshot(conn: &Connection, check: impl FnOnce() -> Result<()>) -> Result<()> {
    conn.execute_batch("BEGIN DEFERRED")?;
    let out = check();
    let end = conn.execute_batch("COMMIT");
    out?;
    end?;
    Ok(())
}

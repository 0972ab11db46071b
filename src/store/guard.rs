//! What is checked and said around opening a database file: that it is whosaid's before
//! anything touches it, and how a connection waits for another process's lock.

use std::cell::RefCell;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rusqlite::Connection;

use crate::error::{Error, Result};

/// The tables of a whosaid database at schema `version` (SQLite's own `sqlite_*` tables
/// aside), by name.
fn tables_of(version: i64) -> &'static [&'static str] {
    if version >= 2 {
        &["article_sentences", "articles", "claims", "sources"]
    } else {
        &["articles", "claims", "sources"]
    }
}

/// `names` for a message: quoted (so control characters show as escapes), at most five.
fn listed(names: &[&str]) -> String {
    let mut out: Vec<String> = names.iter().take(5).map(|n| format!("{n:?}")).collect();
    if names.len() > 5 {
        out.push(format!("and {} more", names.len() - 5));
    }
    out.join(", ")
}

/// Refuse a database that is not whosaid's: at schema version 0 it must have no tables (a new
/// or empty file), at a later version exactly the tables of that version. Reads only.
pub fn check_ours(conn: &Connection, name: &str, version: i64) -> Result<()> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite^_%' ESCAPE '^' ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let tables: Vec<&str> = tables.iter().map(String::as_str).collect();
    let refuse = |why: String| {
        Err(Error::msg(format!(
            "{name}: not a whosaid database ({why}); it was left as it was (expected a \
             database made by whosaid, or a new file; see --db)"
        )))
    };
    if version == 0 {
        if tables.is_empty() {
            return Ok(());
        }
        return refuse(format!(
            "it has tables {} but no whosaid schema version",
            listed(&tables)
        ));
    }
    let ours = tables_of(version);
    let foreign: Vec<&str> = tables
        .iter()
        .copied()
        .filter(|t| !ours.contains(t))
        .collect();
    let missing: Vec<&str> = ours
        .iter()
        .copied()
        .filter(|t| !tables.contains(t))
        .collect();
    if !foreign.is_empty() {
        return refuse(format!("tables {} are not whosaid's", listed(&foreign)));
    }
    if !missing.is_empty() {
        return refuse(format!(
            "schema version {version} but tables {} are missing",
            listed(&missing)
        ));
    }
    Ok(())
}

/// How long a connection waits for another process's lock unless `WHOSAID_LOCK_TIMEOUT`
/// (seconds) says otherwise.
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(60);

/// After this long waiting for a lock, the wait is said on stderr.
const NOTE_AFTER: Duration = Duration::from_secs(3);

/// The largest `WHOSAID_LOCK_TIMEOUT`, a day.
const MAX_LOCK_TIMEOUT: u64 = 86_400;

/// `WHOSAID_LOCK_TIMEOUT`, else the default.
pub fn lock_timeout() -> Result<Duration> {
    match std::env::var("WHOSAID_LOCK_TIMEOUT") {
        Err(_) => Ok(DEFAULT_LOCK_TIMEOUT),
        Ok(v) if v.trim().is_empty() => Ok(DEFAULT_LOCK_TIMEOUT),
        Ok(v) => match v.trim().parse::<u64>() {
            Ok(s) if s <= MAX_LOCK_TIMEOUT => Ok(Duration::from_secs(s)),
            _ => Err(Error::usage(format!(
                "WHOSAID_LOCK_TIMEOUT={:?}: expected a whole number of seconds, 0 to \
                 {MAX_LOCK_TIMEOUT}",
                v
            ))),
        },
    }
}

/// The database waited for and the bound. SQLite's busy handler is a plain function, so they
/// live here: the last database opened, as a command works on one at a time (`merge`'s
/// inputs wait without a note).
static WAITED_FOR: Mutex<(String, Duration)> = Mutex::new((String::new(), DEFAULT_LOCK_TIMEOUT));

/// The current thread's wait: when it started, and whether it was said.
struct Wait {
    started: Instant,
    noted: bool,
}

thread_local! {
    static WAIT: RefCell<Wait> = RefCell::new(Wait {
        started: Instant::now(),
        noted: false,
    });
}

/// A note on stderr in the `whosaid: ` voice, control characters shown as `?`.
pub fn say(msg: &str) {
    eprintln!("whosaid: {}", plain(msg));
}

/// `s` with control characters shown as `?`, for a line on the terminal.
fn plain(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

/// SQLite's busy handler: wait with short pauses; after [`NOTE_AFTER`] say once on stderr
/// which database is waited for; give up after the bound.
fn on_busy(count: i32) -> bool {
    let (name, limit) = WAITED_FOR
        .lock()
        .map(|w| w.clone())
        .unwrap_or_else(|_| (String::new(), DEFAULT_LOCK_TIMEOUT));
    WAIT.with(|w| {
        let mut w = w.borrow_mut();
        if count == 0 {
            w.started = Instant::now();
            w.noted = false;
        }
        let waited = w.started.elapsed();
        if waited >= limit {
            return false;
        }
        if waited >= NOTE_AFTER && !w.noted {
            w.noted = true;
            say(&format!(
                "waiting for {name}: another process is writing to it (giving up after {} s; \
                 WHOSAID_LOCK_TIMEOUT sets the wait)",
                limit.as_secs()
            ));
        }
        let pause = Duration::from_millis(match count {
            0..=9 => 2,
            10..=49 => 10,
            _ => 50,
        });
        std::thread::sleep(pause.min(limit - waited));
        true
    })
}

/// Make `conn` wait for locks on the database `name` as [`on_busy`] does, up to `limit`.
pub fn wait_for_locks(conn: &mut Connection, name: &str, limit: Duration) -> rusqlite::Result<()> {
    if let Ok(mut w) = WAITED_FOR.lock() {
        *w = (name.to_string(), limit);
    }
    conn.busy_handler(Some(on_busy))
}

/// The error of a write that gave up waiting for the lock.
pub fn gave_up(name: &str, limit: Duration) -> Error {
    Error::msg(format!(
        "{name}: locked by another process for {} s; gave up and wrote nothing (try again \
         when it has finished; WHOSAID_LOCK_TIMEOUT sets the wait)",
        limit.as_secs()
    ))
}

//! The import pipeline: the items of an input ([`crate::ingest::reader`]) are read in
//! chunks, checked and run through the engine on a pool of worker threads, and each chunk is
//! written in one transaction by the store's batch writer ([`crate::store::writer`]), so
//! memory stays bounded and a run killed at any moment leaves whole batches behind. Running
//! the same import again stores exactly the articles still missing.
//!
//! A CSV or JSONL input is checked whole in a first streamed pass ([`check`]) before anything
//! is written: one bad row refuses the file and nothing of it is stored. The files of a folder
//! are independent articles: one that cannot be read is reported and skipped, the others are
//! stored.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Mutex;

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::extract;
use crate::ingest::reader::{Items, Kind, Raw, Reader};
use crate::ingest::Pending;
use crate::model::{Attribution, Sentence};
use crate::store::writer::{self, Item, NewArticle, Outcome};
use crate::store::{articles, Store};

/// The engine version: the crate version and a fingerprint of the engine's rules, word lists
/// and model (every file under `src/extract/`, hashed by `build.rs`). `analyze --jsonl` writes
/// it with each line, and the database records it with each article's automatic claims.
pub const ENGINE: &str = concat!(
    "whosaid ",
    env!("CARGO_PKG_VERSION"),
    " rules ",
    env!("WHOSAID_RULES")
);

/// What the pipeline tells its caller as it goes (a progress bar, notes on stderr). Every
/// method does nothing unless implemented.
pub trait Progress {
    /// A pass starts: "checking" or "importing", with the number of items when known.
    fn start(&self, _what: &'static str, _total: Option<u64>) {}
    /// `n` more items are done.
    fn advance(&self, _n: u64) {}
    /// Something the user should hear about now (a file skipped, a number taken as text).
    fn note(&self, _msg: &str) {}
    /// The pass is over.
    fn finish(&self) {}
}

/// A progress that shows nothing.
pub struct Silent;

impl Progress for Silent {}

/// How to run an import.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Items per chunk, and articles per transaction.
    pub batch: usize,
    /// Store the texts only; do not run the engine.
    pub no_extract: bool,
    /// How many items the input holds, when known (for the progress shown).
    pub total: Option<u64>,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Articles new to the database.
    pub stored: u64,
    /// Articles whose external id was stored already with the same text.
    pub already: u64,
    /// Articles without an id whose text was stored already.
    pub same_text_count: u64,
    /// The first [`NAMED`] of them, each named with the article that has the text.
    pub same_text: Vec<(String, i64)>,
    /// Files of a folder that could not be read as articles, each named with why.
    pub failed: Vec<String>,
    /// Transactions committed.
    pub batches: u64,
}

/// How many rows left out for their text an import names one by one; the rest are counted.
pub const NAMED: usize = 1000;

/// The ids an input has given so far, with where each was first given, kept in a private
/// temporary SQLite file (on disk, removed when dropped), so that checking an input of any
/// size for repeated ids holds no more than SQLite's page cache in memory.
struct SeenIds {
    conn: rusqlite::Connection,
}

impl SeenIds {
    fn new() -> Result<SeenIds> {
        let conn = rusqlite::Connection::open("")?;
        conn.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
             CREATE TABLE seen (id TEXT PRIMARY KEY, label TEXT NOT NULL) WITHOUT ROWID;",
        )?;
        Ok(SeenIds { conn })
    }

    /// Record `id` given by `label`; where it was given before, if it was.
    fn give(&self, id: &str, label: &str) -> Result<Option<String>> {
        let first: Option<String> = self
            .conn
            .prepare_cached("SELECT label FROM seen WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })?;
        if first.is_none() {
            self.conn
                .prepare_cached("INSERT INTO seen (id, label) VALUES (?1, ?2)")?
                .execute([id, label])?;
        }
        Ok(first)
    }

    /// Group the next writes into one transaction (one per chunk).
    fn begin(&self) -> Result<()> {
        self.conn.execute_batch("BEGIN")?;
        Ok(())
    }

    fn commit(&self) -> Result<()> {
        self.conn.execute_batch("COMMIT")?;
        Ok(())
    }
}

/// Run `source` through `work` on `pool` in chunks of `chunk` items, in input order, and hand
/// each chunk's results to `consume` on the calling thread while the next chunk is worked
/// on. At most three chunks are in memory at once. An error from the source is handed on
/// after the items before it; an error from `consume` stops the reading.
pub fn chunked<S, T>(
    source: S,
    pool: &rayon::ThreadPool,
    chunk: usize,
    work: &(dyn Fn(Raw) -> T + Sync),
    mut consume: impl FnMut(Vec<T>) -> Result<()>,
) -> Result<()>
where
    S: Iterator<Item = Result<Raw>> + Send,
    T: Send,
{
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Result<Vec<T>>>(1);
        s.spawn(move || {
            let mut source = source;
            loop {
                let mut items = Vec::with_capacity(chunk);
                let mut err = None;
                while items.len() < chunk {
                    match source.next() {
                        None => break,
                        Some(Ok(r)) => items.push(r),
                        Some(Err(e)) => {
                            err = Some(e);
                            break;
                        }
                    }
                }
                let last = items.len() < chunk;
                if !items.is_empty() {
                    let out: Vec<T> = pool.install(|| items.into_par_iter().map(work).collect());
                    if tx.send(Ok(out)).is_err() {
                        return;
                    }
                }
                if let Some(e) = err {
                    let _ = tx.send(Err(e));
                    return;
                }
                if last {
                    return;
                }
            }
        });
        for msg in rx {
            consume(msg?)?;
        }
        Ok(())
    })
}

/// What the checking pass keeps of a row: where it is, its external id and (when it has an
/// id) its text's content hash, the reader's note, and for analysed input the engine named.
struct Checked {
    label: String,
    id: Option<String>,
    hash: Option<String>,
    note: Option<String>,
    engine: Option<Option<String>>,
}

/// The engine versions named by analysed input (a few; more are counted under the last).
const ENGINES_KEPT: usize = 16;

/// The first, checking pass over a CSV or JSONL input: every row is checked (texts and
/// files read, dates and sizes checked), ids are unique in the input and not given to
/// another text in the database `db` (when there is one). Returns the number of articles.
/// Nothing is written.
pub fn check(
    reader: &mut Reader,
    pool: &rayon::ThreadPool,
    chunk: usize,
    db: Option<&Store>,
    progress: &dyn Progress,
) -> Result<u64> {
    let source = reader.open()?;
    if let Some(n) = reader.note() {
        progress.note(n);
    }
    progress.start("checking", None);
    let rdr: &Reader = reader;
    let work = |raw: Raw| -> Result<Option<Checked>> {
        let Some(p) = rdr.check(raw)? else {
            return Ok(None);
        };
        let hash = p
            .meta
            .external_id
            .as_ref()
            .map(|_| articles::content_hash(&p.text));
        Ok(Some(Checked {
            label: p.label,
            id: p.meta.external_id,
            hash,
            note: p.note,
            engine: p.found.map(|f| f.engine),
        }))
    };
    let seen = SeenIds::new()?;
    let mut engines: BTreeMap<Option<String>, u64> = BTreeMap::new();
    let mut count = 0u64;
    let mut numbers = 0u64;
    let mut first_number = None;
    let mut check_rows = |rows: Vec<Result<Option<Checked>>>| -> Result<()> {
        for row in rows {
            let Some(Checked {
                label,
                id,
                hash,
                note,
                engine,
            }) = row?
            else {
                continue;
            };
            count += 1;
            if let Some(engine) = engine {
                if engines.len() < ENGINES_KEPT || engines.contains_key(&engine) {
                    *engines.entry(engine).or_default() += 1;
                } else if let Some(mut last) = engines.last_entry() {
                    *last.get_mut() += 1;
                }
            }
            if let Some(note) = note {
                numbers += 1;
                first_number.get_or_insert(note);
            }
            let Some(id) = id else { continue };
            if let (Some(db), Some(hash)) = (db, &hash) {
                if let Some((other, stored)) = articles::hash_of_external_id(db.conn(), &id)? {
                    if &stored != hash {
                        return Err(Error::msg(format!(
                            "{label}, column id: id {id:?} already names article {other}, which has another text \
                             (expected a new id); nothing was stored"
                        )));
                    }
                }
            }
            if let Some(first) = seen.give(&id, &label)? {
                return Err(Error::msg(format!(
                    "{label}, column id: id {id:?} is also used by {first} (expected one id per article)"
                )));
            }
        }
        Ok(())
    };
    chunked(source, pool, chunk, &work, |rows| {
        let n = rows.len() as u64;
        seen.begin()?;
        let done = check_rows(rows);
        seen.commit()?;
        progress.advance(n);
        done
    })?;
    progress.finish();
    for (engine, n) in &engines {
        if engine.as_deref() == Some(ENGINE) {
            continue;
        }
        let by = engine
            .as_deref()
            .unwrap_or("an engine that did not say its version");
        progress.note(&format!(
            "{}: {n} article{} analysed by {by}; this is {ENGINE} (`whosaid extract --all` \
             re-runs it on stored articles)",
            reader.name(),
            if *n == 1 { "" } else { "s" },
        ));
    }
    if let Some(first) = first_number {
        match numbers {
            1 => progress.note(&first),
            n => progress.note(&format!("{first} (and so on for {} more lines)", n - 1)),
        }
    }
    if count == 0 {
        return Err(reader.nothing_to_import());
    }
    Ok(count)
}

/// A checked article ready to write.
struct Ready {
    pending: Pending,
    hash: String,
    /// Its sentences and the engine's attributions, found on the worker; `None` for an
    /// article the database holds already.
    found: Option<(Vec<Sentence>, Vec<Attribution>)>,
    /// The engine version that found them.
    engine: Option<String>,
}

/// The sentences of `text` and, unless `no_extract`, the engine's attributions.
fn analyze(text: &str, no_extract: bool) -> (Vec<Sentence>, Vec<Attribution>) {
    if no_extract {
        (extract::sentences(text), Vec::new())
    } else {
        let a = extract::analyze(text);
        (a.sentences, a.attributions)
    }
}

/// Write a batch of articles; one that the workers took for stored but is not there any
/// more (removed meanwhile by another process) is analysed here and written after them.
pub fn write_articles(store: &mut Store, items: &[Item], no_extract: bool) -> Result<Vec<Outcome>> {
    let mut outcomes = writer::write_batch(store, items)?;
    let missing: Vec<usize> = (0..outcomes.len())
        .filter(|&i| outcomes[i] == Outcome::NeedsAnalysis)
        .collect();
    if missing.is_empty() {
        return Ok(outcomes);
    }
    let again: Vec<Item> = missing
        .iter()
        .filter_map(|&i| match &items[i] {
            Item::Article(a) => Some(Item::Article(Box::new(NewArticle {
                found: Some(analyze(&a.text, no_extract)),
                engine: (!no_extract).then(|| ENGINE.to_string()),
                ..(**a).clone()
            }))),
            Item::Replace { .. } => None,
        })
        .collect();
    for (i, o) in missing.into_iter().zip(writer::write_batch(store, &again)?) {
        outcomes[i] = o;
    }
    Ok(outcomes)
}

/// The second pass: read the input again, check and analyse it on `pool`, and write it in
/// batches to `store`, writing each article's id on `ids` as its batch is committed.
/// `lookup` is a second connection the workers use to skip the engine on articles stored
/// already.
pub fn import(
    reader: &mut Reader,
    pool: &rayon::ThreadPool,
    store: &mut Store,
    lookup: Store,
    opts: Options,
    progress: &dyn Progress,
    ids: &mut dyn Write,
) -> Result<Summary> {
    let source: Items = reader.open()?;
    let folder = reader.kind() == Kind::Folder;
    let lookup = Mutex::new(lookup);
    let rdr: &Reader = reader;
    let work = |raw: Raw| -> Result<Option<Ready>> {
        let Some(mut pending) = rdr.check(raw)? else {
            return Ok(None);
        };
        let hash = articles::content_hash(&pending.text);
        let known = {
            let db = lookup
                .lock()
                .map_err(|_| Error::msg("a worker thread failed"))?;
            writer::known(db.conn(), &pending.label, &pending.meta, &hash)?.is_some()
        };
        let (found, engine) = match (known, pending.found.take()) {
            (true, _) => (None, None),
            // Analysed already: its findings as they are (the text split here only when the
            // line did not carry its sentences).
            (false, Some(f)) => {
                let sentences = f
                    .sentences
                    .unwrap_or_else(|| extract::sentences(&pending.text));
                (Some((sentences, f.attributions)), f.engine)
            }
            (false, None) => (
                Some(analyze(&pending.text, opts.no_extract)),
                (!opts.no_extract).then(|| ENGINE.to_string()),
            ),
        };
        Ok(Some(Ready {
            pending,
            hash,
            found,
            engine,
        }))
    };

    progress.start("importing", opts.total);
    let mut summary = Summary::default();
    let result = chunked(source, pool, opts.batch, &work, |results| {
        let mut items = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(Some(r)) => items.push(Item::Article(Box::new(NewArticle {
                    label: r.pending.label,
                    meta: r.pending.meta,
                    text: r.pending.text,
                    hash: r.hash,
                    found: r.found,
                    engine: r.engine,
                }))),
                Ok(None) => {}
                // A folder's files are independent articles: name the bad one and go on.
                Err(e) if folder => {
                    progress.note(&e.to_string());
                    summary.failed.push(e.to_string());
                    progress.advance(1);
                }
                Err(e) => return Err(e),
            }
        }
        let outcomes = write_articles(store, &items, opts.no_extract)?;
        summary.batches += 1;
        let mut lines = String::new();
        for (item, o) in items.iter().zip(&outcomes) {
            match (item, o) {
                (_, Outcome::Stored { .. }) => summary.stored += 1,
                (_, Outcome::AlreadyStored { .. }) => summary.already += 1,
                (Item::Article(a), Outcome::SameText { id }) => {
                    summary.same_text_count += 1;
                    if summary.same_text.len() < NAMED {
                        summary.same_text.push((a.label.clone(), *id))
                    }
                }
                _ => {}
            }
            lines.push_str(&format!("{}\n", o.id()));
        }
        // a batch's ids are out as soon as it is committed
        ids.write_all(lines.as_bytes())?;
        ids.flush()?;
        progress.advance(outcomes.len() as u64);
        Ok(())
    });
    ids.flush()?;
    progress.finish();
    if let Err(e) = result {
        if summary.batches == 0 {
            return Err(e);
        }
        return Err(Error::msg(format!(
            "{e}; the batches before it are stored ({} new articles): run the same import \
             again after fixing it to store the rest",
            summary.stored
        )));
    }
    Ok(summary)
}

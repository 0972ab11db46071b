//! Analysed output as import input (`whosaid import --analyzed`): the JSON Lines that
//! `whosaid analyze --jsonl` writes (a file, or a folder of Spark `part-*` files read as a
//! whole), each line an article's metadata with the engine's `attributions`, optionally its
//! `text` (`--keep-text`), `sentences` (`--sentences`) and the `engine` that produced it.
//! The text, when the lines do not carry it, comes from the corpus that was analysed
//! (`--texts`), joined by id through an index kept in a temporary SQLite file, so the join
//! holds nothing per article in memory.

use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::error::{shorten, Error, Result};
use crate::ingest::jsonl;
use crate::model::{Attribution, Sentence, Span};

/// What an analysed line brings besides the article: the engine's findings.
#[derive(Debug, Clone)]
pub struct Found {
    /// The sentence spans the engine split the text into, when the line has them.
    pub sentences: Option<Vec<Sentence>>,
    pub attributions: Vec<Attribution>,
    /// The engine version that analysed the text, when the line names it.
    pub engine: Option<String>,
}

/// The files of an analysed input: a file is itself; a folder is Spark's output, its
/// `part-*` files in name order (a folder without `_SUCCESS` is a job that did not finish
/// and is refused), or else its `.jsonl` files in name order.
pub fn files(path: &Path) -> Result<Vec<PathBuf>> {
    let name = path.display();
    let meta = std::fs::metadata(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::msg(format!("{name}: no such file or folder"))
        } else {
            Error::io(path.display().to_string(), e)
        }
    })?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut parts = Vec::new();
    let mut jsonl = Vec::new();
    for e in std::fs::read_dir(path).map_err(|e| Error::io(name.to_string(), e))? {
        let e = e.map_err(|e| Error::io(name.to_string(), e))?;
        let file = e.file_name().to_string_lossy().into_owned();
        if !e.path().is_file() {
            continue;
        }
        if file.starts_with("part-") && !file.ends_with(".crc") {
            parts.push(e.path());
        } else if file.ends_with(".jsonl") || file.ends_with(".ndjson") {
            jsonl.push(e.path());
        }
    }
    if !parts.is_empty() {
        if !path.join("_SUCCESS").is_file() {
            return Err(Error::msg(format!(
                "{name}: a Spark output folder without _SUCCESS: the job that wrote it did not \
                 finish (expected a finished job's folder; run it again)"
            )));
        }
        if let Some(gz) = parts
            .iter()
            .find(|p| p.extension().is_some_and(|e| e != "jsonl"))
        {
            let ext = gz.extension().unwrap_or_default().to_string_lossy();
            return Err(Error::msg(format!(
                "{}: compressed ({ext}) output is not read (expected plain part files)",
                gz.display()
            )));
        }
        parts.sort();
        return Ok(parts);
    }
    if jsonl.is_empty() {
        return Err(Error::msg(format!(
            "{name}: no part-* or .jsonl files (expected analyze --jsonl output: a file, or a \
             Spark output folder)"
        )));
    }
    jsonl.sort();
    Ok(jsonl)
}

/// The id of a line as import stores it: a string, or a whole number's digits.
pub fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) if n.is_i64() || n.is_u64() => Some(n.to_string()),
        _ => None,
    }
}

/// Take the engine's keys out of an analysed line: its attributions (required), and its
/// sentences and engine when it has them. `at` names the line.
pub fn take_found(at: &str, map: &mut Map<String, Value>) -> Result<Found> {
    let attributions = match map.shift_remove("attributions") {
        Some(v) => Vec::<Attribution>::deserialize(v).map_err(|e| {
            Error::msg(format!(
                "{at}, key attributions: {e} (expected the attributions analyze --jsonl writes)"
            ))
        })?,
        None => {
            return Err(Error::msg(format!(
                "{at}: no attributions key (expected a line of `whosaid analyze --jsonl` output)"
            )))
        }
    };
    let sentences = match map.shift_remove("sentences") {
        None | Some(Value::Null) => None,
        Some(v) => {
            let pairs = Vec::<(usize, usize)>::deserialize(v).map_err(|e| {
                Error::msg(format!(
                    "{at}, key sentences: {e} (expected [[start, end], …] in code points)"
                ))
            })?;
            Some(
                pairs
                    .into_iter()
                    .map(|(start, end)| Sentence { start, end })
                    .collect(),
            )
        }
    };
    let engine = match map.shift_remove("engine") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if !s.trim().is_empty() && s.len() <= 200 => Some(s),
        Some(other) => {
            return Err(Error::msg(format!(
                "{at}, key engine: expected the engine's version (a string of at most 200 \
                 bytes), found {}",
                shorten(&other.to_string(), 40)
            )))
        }
    };
    map.shift_remove("breakdown");
    Ok(Found {
        sentences,
        attributions,
        engine,
    })
}

/// Check `found` against `text` and fit it to the stored text: `text` is what was analysed,
/// less `leading` byte-order marks the store drops (every offset moves back by as many code
/// points). Every span must lie in the text and its words be the text's words there, so an
/// analysis joined with another text than its own is refused.
pub fn fit(at: &str, found: &mut Found, text: &str, leading: usize) -> Result<()> {
    // Code point -> byte offset, once per text.
    let bytes_at: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let chars = bytes_at.len() - 1;
    let fix = |span: &mut Option<Span>, what: &str, n: usize| -> Result<()> {
        let Some(s) = span else { return Ok(()) };
        let (start, end) = (
            s.start.saturating_sub(leading),
            s.end.saturating_sub(leading),
        );
        let bad = |why: String| {
            Error::msg(format!(
                "{at}, attribution {n}, {what}: {why} (expected the analysis of this very text; \
                 is the text the one that was analysed?)"
            ))
        };
        if start > end || end > chars {
            return Err(bad(format!(
                "code points {}..{} are outside the text ({chars} code points)",
                s.start, s.end
            )));
        }
        let here = &text[bytes_at[start]..bytes_at[end]];
        if here != s.text {
            return Err(bad(format!(
                "{:?} at code points {}..{}, but the text has {:?} there",
                shorten(&s.text, 40),
                s.start,
                s.end,
                shorten(here, 40)
            )));
        }
        s.start = start;
        s.end = end;
        Ok(())
    };
    for (i, a) in found.attributions.iter_mut().enumerate() {
        let n = i + 1;
        fix(&mut a.mention, "mention", n)?;
        fix(&mut a.cue, "cue", n)?;
        fix(&mut a.content, "content", n)?;
        fix(&mut a.anonymity_reason, "anonymity_reason", n)?;
    }
    if let Some(sentences) = &mut found.sentences {
        let mut last = 0;
        for (i, s) in sentences.iter_mut().enumerate() {
            let (start, end) = (
                s.start.saturating_sub(leading),
                s.end.saturating_sub(leading),
            );
            // The stored text has no trailing white space: a sentence may have ended in it.
            let end = end.min(chars);
            if start > end || start < last {
                return Err(Error::msg(format!(
                    "{at}, key sentences: sentence {} at {}..{} is out of order or outside the \
                     text ({chars} code points; expected ordered spans within it)",
                    i + 1,
                    s.start,
                    s.end
                )));
            }
            last = end;
            *s = Sentence { start, end };
        }
    }
    Ok(())
}

/// The texts of a corpus (`{"id", "text", …}` lines) by id, for joining analysed lines that
/// do not carry their text. Building it reads the corpus once and records each id's line and
/// byte offset in a temporary SQLite file; looking a text up reads that one line again.
pub struct Texts {
    name: String,
    file: File,
    index: Mutex<Connection>,
    limit: u64,
}

#[derive(Deserialize)]
struct IdOnly {
    #[serde(default)]
    id: Value,
}

impl Texts {
    /// Index the corpus at `path`; its lines are at most `limit` bytes. Each id must be
    /// given once; lines without one (or not JSON objects) are left out of the index.
    pub fn build(path: &Path, limit: u64) -> Result<Texts> {
        let name = path.display().to_string();
        let file = File::open(path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::msg(format!(
                    "{name}: no such file (expected the corpus for --texts)"
                ))
            } else {
                Error::io(&name, e)
            }
        })?;
        if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
            return Err(Error::msg(format!(
                "{name}: is a directory (expected the JSON Lines corpus that was analysed)"
            )));
        }
        // An empty file name: SQLite's private temporary database, on disk, removed on close.
        let mut index = Connection::open("")?;
        index.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
             CREATE TABLE texts (id TEXT PRIMARY KEY, line INTEGER NOT NULL,
                                 offset INTEGER NOT NULL) WITHOUT ROWID;",
        )?;
        let lines = jsonl::Lines::new(
            &name,
            file.try_clone().map_err(|e| Error::io(&name, e))?,
            limit,
        );
        let mut tx = index.transaction()?;
        let mut pending = 0usize;
        for line in lines {
            let line = line?;
            // A line that is not an object with an id cannot have been analysed (analyze
            // skipped it or stopped at it): no analysed line can ask for it.
            let Ok(text) = std::str::from_utf8(&line.bytes) else {
                continue;
            };
            let Ok(row) = serde_json::from_str::<IdOnly>(text) else {
                continue;
            };
            let Some(id) = id_text(&row.id) else {
                continue;
            };
            let first: Option<i64> = tx
                .prepare_cached("SELECT line FROM texts WHERE id = ?1")?
                .query_row(params![id], |r| r.get(0))
                .optional()?;
            if let Some(first) = first {
                return Err(Error::msg(format!(
                    "{name}: line {}: id {id:?} is also the id of line {first} (expected one text \
                     per id)",
                    line.no
                )));
            }
            tx.prepare_cached("INSERT INTO texts (id, line, offset) VALUES (?1, ?2, ?3)")?
                .execute(params![id, line.no as i64, line.offset as i64])?;
            pending += 1;
            if pending == 10_000 {
                tx.commit()?;
                tx = index.transaction()?;
                pending = 0;
            }
        }
        tx.commit()?;
        Ok(Texts {
            name,
            file,
            index: Mutex::new(index),
            limit,
        })
    }

    /// The corpus's name, for messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The text of the corpus line with this id, with the line's number; `None` when no
    /// line has it.
    pub fn get(&self, id: &str) -> Result<Option<(usize, String)>> {
        let found: Option<(i64, i64)> = {
            let index = self
                .index
                .lock()
                .map_err(|_| Error::msg("a worker thread failed"))?;
            let row = index
                .prepare_cached("SELECT line, offset FROM texts WHERE id = ?1")?
                .query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            row
        };
        let Some((line_no, offset)) = found else {
            return Ok(None);
        };
        let (line_no, offset) = (line_no as usize, offset as u64);
        let bytes = self.line_at(offset)?;
        let Some(mut map) = jsonl::parse_object(&self.name, line_no, offset as usize, &bytes)?
        else {
            return Err(Error::msg(format!(
                "{}: line {line_no}: blank (the corpus changed while it was read)",
                self.name
            )));
        };
        match map.shift_remove("text") {
            Some(Value::String(s)) => Ok(Some((line_no, s))),
            _ => Err(Error::msg(format!(
                "{}: line {line_no}: no text string (expected {{\"id\", \"text\", …}})",
                self.name
            ))),
        }
    }

    /// The bytes of the line starting at `offset`, without its line end.
    fn line_at(&self, mut offset: u64) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = self
                .file
                .read_at(&mut buf, offset)
                .map_err(|e| Error::io(&self.name, e))?;
            if n == 0 {
                return Ok(out);
            }
            if let Some(i) = buf[..n].iter().position(|&b| b == b'\n' || b == b'\r') {
                out.extend_from_slice(&buf[..i]);
                return Ok(out);
            }
            out.extend_from_slice(&buf[..n]);
            offset += n as u64;
            if out.len() as u64 > self.limit {
                return Err(Error::msg(format!(
                    "{}: a line longer than {} bytes (see --max-bytes)",
                    self.name, self.limit
                )));
            }
        }
    }
}

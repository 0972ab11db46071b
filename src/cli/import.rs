//! `whosaid import FILE|DIR`: store the articles of a .csv or .jsonl file, or every .txt, .md
//! and .html file under a folder, extracting on all cores with one writer committing batches.
//!
//! The input is streamed: rows are read in chunks, checked and extracted in parallel, and
//! each chunk is written in one transaction (`--batch`), so memory stays bounded and a run
//! killed at any moment leaves whole batches behind; running the same import again stores
//! exactly the articles still missing (texts are recognized by content hash).
//!
//! A CSV or JSONL file is checked whole in a first streamed pass before anything is written:
//! one bad row refuses the file and nothing of it is stored. The files of a folder are
//! independent articles: one that cannot be read as an article is named on stderr and
//! skipped, the others are stored, and the command exits 1.

use std::collections::{HashMap, VecDeque};
use std::fs::File;
use std::io::{BufRead, BufReader, IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde_json::Value;

use crate::cli::add::{self, Outcome, Pending};
use crate::cli::{input, note, Context};
use crate::error::{Error, Result};
use crate::extract;
use crate::ingest::quotes::QuoteTracker;
use crate::model::{check_date, ArticleMeta};
use crate::report::table::shorten;
use crate::store::{articles, Store};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A .csv file (header row; columns id,title,outlet,date,url,text, or path instead of
    /// text, relative to the CSV's folder; author optional), a .jsonl file (one object per
    /// line with the same keys), or a folder (every .txt, .md and .html file under it).
    #[arg(value_name = "FILE|DIR")]
    pub file: PathBuf,

    /// Store the texts only; do not run the extraction engine.
    #[arg(long)]
    pub no_extract: bool,

    /// Worker threads reading, checking and extracting [default: all cores].
    #[arg(short = 'j', long, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..))]
    pub jobs: Option<u32>,

    /// Articles written per transaction.
    #[arg(long, value_name = "N", default_value_t = 500,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub batch: u32,

    /// Refuse an article (file, text cell or JSONL text) larger than N bytes.
    #[arg(long, value_name = "N", default_value_t = input::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,

    /// No progress bar and no summary on stderr (errors are still printed).
    #[arg(short = 'q', long)]
    pub quiet: bool,

    /// Let a CSV `path` cell (or JSONL `path` key) name any file: an absolute path or one
    /// outside the input's folder. Without it such a path is refused.
    #[arg(long)]
    pub allow_paths: bool,
}

/// The columns (CSV) or keys (JSONL) an import reads.
const KNOWN: &[&str] = &[
    "id", "title", "outlet", "author", "date", "url", "text", "path",
];

/// Reads the file a CSV `path` cell or JSONL `path` key names, at most the given number of
/// bytes: `import` reads from disk ([`input::read_bytes_limited`]); fuzzing passes its own.
pub type Loader = fn(&Path, u64) -> Result<Vec<u8>>;

/// One unit of input as read, before checking: the checking and parsing happen on the
/// worker threads.
enum Raw {
    /// A CSV record with its row number and line (counting LF, CRLF and lone CR).
    Record {
        row_no: usize,
        line: usize,
        record: csv::ByteRecord,
    },
    /// A JSONL line with its number and the byte offset where it starts.
    Line {
        line_no: usize,
        offset: usize,
        bytes: Vec<u8>,
    },
    /// A file of a folder.
    File(PathBuf),
}

/// What is being imported.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Csv,
    Jsonl,
    Folder,
}

/// Where the bytes of a CSV or JSONL input come from.
enum Source {
    File(PathBuf),
    Memory(Arc<[u8]>),
}

/// The shared settings of the checking step.
struct Reader {
    name: String,
    kind: Kind,
    source: Source,
    /// The folder `path` columns are relative to.
    base: PathBuf,
    /// A `path` column may leave `base` (an absolute path, or "..").
    allow_paths: bool,
    max_bytes: u64,
    load: Loader,
    /// For CSV: which known column each field is.
    columns: Vec<Option<&'static str>>,
    /// For CSV: a note for each unknown column of the header.
    notes: Vec<String>,
}

impl Reader {
    fn new(path: &Path, max_bytes: u64) -> Result<Reader> {
        let name = path.display().to_string();
        let kind = if path.is_dir() {
            Kind::Folder
        } else {
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            match ext.as_str() {
                "csv" => Kind::Csv,
                "jsonl" | "ndjson" => Kind::Jsonl,
                _ => {
                    return Err(Error::msg(format!(
                        "{name}: unsupported import file (expected a .csv or .jsonl file or a folder; for a text file use `whosaid add`)"
                    )))
                }
            }
        };
        if kind != Kind::Folder {
            match std::fs::metadata(path) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Err(Error::msg(format!("{name}: no such file")))
                }
                Err(e) => return Err(Error::io(&name, e)),
                Ok(_) => {}
            }
        }
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(Reader {
            name,
            kind,
            source: Source::File(path.to_path_buf()),
            base,
            allow_paths: false,
            max_bytes,
            load: input::read_bytes_limited,
            columns: Vec::new(),
            notes: Vec::new(),
        })
    }

    /// The folder being imported.
    fn folder(&self) -> &Path {
        match &self.source {
            Source::File(p) => p,
            Source::Memory(_) => Path::new(""),
        }
    }

    /// The bytes of a CSV or JSONL input, from the start.
    fn bytes(&self) -> Result<Box<dyn Read + Send>> {
        match &self.source {
            Source::File(p) => Ok(Box::new(
                File::open(p).map_err(|e| Error::io(&self.name, e))?,
            )),
            Source::Memory(b) => Ok(Box::new(std::io::Cursor::new(Arc::clone(b)))),
        }
    }

    /// Open the input as a lazy stream of raw items. For CSV this reads and checks the
    /// header, and keeps a note for each unknown column in `notes`.
    fn open(&mut self) -> Result<Box<dyn Iterator<Item = Result<Raw>> + Send>> {
        match self.kind {
            Kind::Folder => Ok(Box::new(folder_files(self.folder()))),
            Kind::Jsonl => Ok(Box::new(JsonlLines {
                name: self.name.clone(),
                reader: BufReader::with_capacity(1 << 16, self.bytes()?),
                line_no: 0,
                offset: 0,
                limit: self.max_bytes.saturating_mul(6).saturating_add(1 << 20),
                after_cr: false,
                done: false,
            })),
            Kind::Csv => {
                let mut rdr = csv::ReaderBuilder::new()
                    .has_headers(true)
                    .flexible(false)
                    .from_reader(LineEnds::new(self.bytes()?));
                (self.columns, self.notes) = csv_columns(&self.name, &mut rdr)?;
                Ok(Box::new(CsvRows {
                    name: self.name.clone(),
                    rdr,
                    row_no: 0,
                    last_line: 1,
                    done: false,
                }))
            }
        }
    }

    /// The error for an input that holds no article.
    fn nothing_to_import(&self) -> Error {
        Error::msg(match self.kind {
            Kind::Csv => format!(
                "{}: no rows after the header (expected one article per row)",
                self.name
            ),
            Kind::Jsonl => format!(
                "{}: no articles (expected one JSON object per line)",
                self.name
            ),
            Kind::Folder => format!(
                "{}: a folder without article files (expected .txt, .md or .html files under it)",
                self.name
            ),
        })
    }

    /// Check one raw item and turn it into a pending article (`None` for a blank JSONL line).
    fn check(&self, raw: Raw) -> Result<Option<Pending>> {
        match raw {
            Raw::Record {
                row_no,
                line,
                record,
            } => {
                let at = format!("{}: row {row_no} (line {line})", self.name);
                let mut fields = HashMap::new();
                for (i, (field, col)) in record.iter().zip(&self.columns).enumerate() {
                    let Some(col) = col else { continue };
                    let value = std::str::from_utf8(field).map_err(|e| {
                        Error::msg(format!(
                            "{at}, column {col}: invalid UTF-8 at byte {} of field {} (the row starts at byte offset {}; expected UTF-8 text)",
                            e.valid_up_to(),
                            i + 1,
                            record.position().map(|p| p.byte()).unwrap_or(0),
                        ))
                    })?;
                    fields.insert(*col, value.to_string());
                }
                self.check_row(&at, fields).map(Some)
            }
            Raw::Line {
                line_no,
                offset,
                bytes,
            } => {
                let at = format!("{}: line {line_no}", self.name);
                let line = std::str::from_utf8(&bytes).map_err(|e| {
                    Error::msg(format!(
                        "{at}: invalid UTF-8 at byte offset {} (expected UTF-8 text)",
                        offset + e.valid_up_to()
                    ))
                })?;
                let line = line.trim();
                if line.is_empty() {
                    return Ok(None);
                }
                let value: Value = serde_json::from_str(line)
                    .map_err(|e| Error::msg(format!("{at}: invalid JSON: {e}")))?;
                let Value::Object(map) = value else {
                    return Err(Error::msg(format!(
                        "{at}: expected a JSON object with a text key"
                    )));
                };
                let mut fields = HashMap::new();
                for (k, v) in map {
                    let Some(key) = KNOWN.iter().copied().find(|x| *x == k) else {
                        continue;
                    };
                    let s = match v {
                        Value::Null => continue,
                        Value::String(s) => s,
                        Value::Number(n) if key == "id" => n.to_string(),
                        other => {
                            return Err(Error::msg(format!(
                                "{at}, key {key}: expected a string, found {}",
                                shorten(&other.to_string(), 40)
                            )))
                        }
                    };
                    fields.insert(key, s);
                }
                if !fields.contains_key("text") && !fields.contains_key("path") {
                    return Err(Error::msg(format!(
                        "{at}: no text or path key (expected {{\"id\", \"title\", …, \"text\"}})"
                    )));
                }
                self.check_row(&at, fields).map(Some)
            }
            Raw::File(path) => {
                let shown = path.display().to_string();
                let bytes = input::read_bytes_limited(&path, self.max_bytes)?;
                let file = input::article_from_bytes(&shown, &path, bytes)?;
                Ok(Some(Pending {
                    label: shown,
                    meta: ArticleMeta {
                        title: file.title,
                        author: file.byline,
                        ..ArticleMeta::default()
                    },
                    text: file.text,
                }))
            }
        }
    }

    /// Check one row's fields. `at` names the row ("FILE: row 3 (line 4)").
    fn check_row(&self, at: &str, mut f: HashMap<&'static str, String>) -> Result<Pending> {
        let mut take = |k: &str| f.remove(k).filter(|v| !v.trim().is_empty());
        let mut meta = ArticleMeta {
            external_id: take("id").map(|s| s.trim().to_string()),
            title: take("title"),
            outlet: take("outlet"),
            author: take("author"),
            date: take("date").map(|s| s.trim().to_string()),
            url: take("url"),
        };
        input::check_meta(at, &meta, |f| format!("column {f}"))?;
        if let Some(d) = &meta.date {
            check_date(d).map_err(|e| Error::msg(format!("{at}, column date: {e}")))?;
        }
        let text = match (take("text"), take("path")) {
            (Some(text), _) => {
                let shown = format!("{at}, column text");
                input::check_size(&shown, text.len() as u64, self.max_bytes)?;
                input::article_text(&shown, &text)?
            }
            (None, Some(path)) => {
                if path.chars().any(char::is_control) {
                    return Err(Error::msg(format!(
                        "{at}, column path: {:?} has control characters (expected a file name)",
                        shorten(&path, 60)
                    )));
                }
                let named = Path::new(path.trim());
                let leaves = named.is_absolute()
                    || named.components().any(|c| {
                        matches!(
                            c,
                            std::path::Component::ParentDir | std::path::Component::Prefix(_)
                        )
                    });
                if leaves && !self.allow_paths {
                    return Err(Error::msg(format!(
                        "{at}, column path: {} is outside the input's folder (expected a file \
                         name inside it; --allow-paths lets a path name any file)",
                        shorten(&path, 60)
                    )));
                }
                let full = self.base.join(named);
                let shown = format!("{at}, column path: {}", full.display());
                let bytes = (self.load)(&full, self.max_bytes)
                    .map_err(|e| Error::msg(format!("{at}, column path: {e}")))?;
                let file = input::article_from_bytes(&shown, &full, bytes)?;
                meta.title = meta.title.or(file.title);
                meta.author = meta.author.or(file.byline);
                file.text
            }
            (None, None) => {
                return Err(Error::msg(format!(
                "{at}: empty article (expected some text in column text, or a file in column path)"
            )))
            }
        };
        Ok(Pending {
            label: at.to_string(),
            meta,
            text,
        })
    }
}

/// Check a CSV (`csv`) or JSONL input held in memory the way `import` checks a file, without
/// touching the database: every row is read and checked, and the file named by a `path` cell
/// (relative to `base`) is read by `load`. Returns the articles and, for CSV, a note for each
/// unknown column. Rows are checked in order on the calling thread; this is the entry of
/// the `readers` fuzz target.
pub fn check_bytes(
    name: &str,
    csv: bool,
    bytes: &[u8],
    base: &Path,
    load: Loader,
) -> Result<(Vec<Pending>, Vec<String>)> {
    let mut reader = Reader {
        name: name.to_string(),
        kind: if csv { Kind::Csv } else { Kind::Jsonl },
        source: Source::Memory(Arc::from(bytes)),
        base: base.to_path_buf(),
        allow_paths: false,
        max_bytes: input::DEFAULT_MAX_BYTES,
        load,
        columns: Vec::new(),
        notes: Vec::new(),
    };
    let source = reader.open()?;
    let mut out = Vec::new();
    for raw in source {
        if let Some(p) = reader.check(raw?)? {
            out.push(p);
        }
    }
    if out.is_empty() {
        return Err(reader.nothing_to_import());
    }
    Ok((out, std::mem::take(&mut reader.notes)))
}

/// Read and check a CSV header: which known column each field is, and a note for each
/// unknown one.
fn csv_columns<R: Read>(
    name: &str,
    rdr: &mut csv::Reader<R>,
) -> Result<(Vec<Option<&'static str>>, Vec<String>)> {
    let header = rdr
        .byte_headers()
        .map_err(|e| Error::msg(format!("{name}: header row: {e}")))?
        .clone();
    if header.is_empty() {
        return Err(Error::msg(format!(
            "{name}: empty file (expected a header row with id,title,outlet,date,url,text)"
        )));
    }
    let mut columns: Vec<Option<&'static str>> = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    for (i, h) in header.iter().enumerate() {
        let h = std::str::from_utf8(h).map_err(|e| {
            Error::msg(format!(
                "{name}: header, column {}: invalid UTF-8 at byte {} of the field (expected UTF-8 text)",
                i + 1,
                e.valid_up_to()
            ))
        })?;
        let h = h.trim().trim_start_matches('\u{feff}').to_lowercase();
        let known = KNOWN.iter().copied().find(|k| *k == h);
        if known.is_none() {
            unknown.push(h.clone());
        }
        if known.is_some() && columns.contains(&known) {
            return Err(Error::msg(format!(
                "{name}: header: column {h:?} appears twice"
            )));
        }
        columns.push(known);
    }
    if !columns.contains(&Some("text")) && !columns.contains(&Some("path")) {
        let found: Vec<String> = header
            .iter()
            .map(|h| format!("{:?}", shorten(&String::from_utf8_lossy(h), 20)))
            .collect();
        return Err(Error::msg(format!(
            "{name}: line 1: the header row has no text or path column (found {}; expected a \
             header row naming columns id,title,outlet,date,url and text, or path to a text file)",
            found.join(",")
        )));
    }
    let notes = unknown
        .into_iter()
        .map(|h| {
            format!(
                "{name}: ignored unknown column {h:?} (known: {})",
                KNOWN.join(", ")
            )
        })
        .collect();
    Ok((columns, notes))
}

/// A reader that counts line ends as the bytes go by, LF, CRLF and a lone CR one each (the
/// csv crate counts LF only), so a record's byte offset can be turned into its line. Only
/// the line ends not yet asked about are kept: those in the csv reader's buffer.
struct LineEnds {
    inner: Box<dyn Read + Send>,
    /// Bytes read so far.
    at: u64,
    /// The last byte read was a CR.
    prev_cr: bool,
    /// Offsets of the line ends read but not yet counted.
    ends: VecDeque<u64>,
    /// Line ends counted.
    counted: usize,
    /// The quoting of the bytes read, to find a quoted cell that never closes.
    quotes: QuoteTracker,
}

impl LineEnds {
    fn new(inner: Box<dyn Read + Send>) -> LineEnds {
        LineEnds {
            inner,
            at: 0,
            prev_cr: false,
            ends: VecDeque::new(),
            counted: 0,
            quotes: QuoteTracker::default(),
        }
    }

    /// The 1-based line of byte offset `byte`; offsets are asked for in increasing order.
    fn line_at(&mut self, byte: u64) -> usize {
        while self.ends.front().is_some_and(|&e| e < byte) {
            self.ends.pop_front();
            self.counted += 1;
        }
        self.counted + 1
    }
}

impl Read for LineEnds {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.quotes.feed(&buf[..n]);
        for &b in &buf[..n] {
            let ends_line = match b {
                b'\r' => true,
                b'\n' => !self.prev_cr,
                _ => false,
            };
            if ends_line {
                self.ends.push_back(self.at);
            }
            self.prev_cr = b == b'\r';
            self.at += 1;
        }
        Ok(n)
    }
}

/// The records of a CSV file, one at a time.
struct CsvRows {
    name: String,
    rdr: csv::Reader<LineEnds>,
    row_no: usize,
    /// The line of the last record read.
    last_line: usize,
    done: bool,
}

impl Iterator for CsvRows {
    type Item = Result<Raw>;

    fn next(&mut self) -> Option<Result<Raw>> {
        if self.done {
            return None;
        }
        self.row_no += 1;
        let row_no = self.row_no;
        let mut record = csv::ByteRecord::new();
        match self.rdr.read_byte_record(&mut record) {
            Ok(false) => {
                self.done = true;
                let ends = self.rdr.get_mut();
                let opened = ends.quotes.unclosed()?;
                let line = ends.line_at(opened);
                let name = &self.name;
                let row = match row_no - 1 {
                    0 => "header row".to_string(),
                    r => format!("row {r} (line {})", self.last_line),
                };
                Some(Err(Error::msg(format!(
                    "{name}: {row}: the quoted cell opened at line {line} never closes \
                     (expected a closing \" before the end of the file)"
                ))))
            }
            Ok(true) => {
                let line = match record.position() {
                    Some(p) => self.rdr.get_mut().line_at(p.byte()),
                    None => 0,
                };
                self.last_line = line;
                Some(Ok(Raw::Record {
                    row_no,
                    line,
                    record,
                }))
            }
            Err(e) => {
                self.done = true;
                let name = &self.name;
                Some(Err(Error::msg(match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        pos,
                        expected_len,
                        len,
                    } => format!(
                        "{name}: row {row_no}{}: {len} fields, expected {expected_len} like the header",
                        pos.as_ref()
                            .map(|p| format!(" (line {})", self.rdr.get_mut().line_at(p.byte())))
                            .unwrap_or_default()
                    ),
                    _ => format!("{name}: row {row_no}: {e}"),
                })))
            }
        }
    }
}

/// The lines of a JSONL file, one at a time. A line ends at LF, CRLF or a lone CR (a JSON
/// string cannot hold a raw CR, so no object is split), and a byte-order mark before the
/// first line is skipped (offsets still count it). A line longer than `limit` bytes is an
/// error (it could not hold an article within `--max-bytes`).
struct JsonlLines {
    name: String,
    reader: BufReader<Box<dyn Read + Send>>,
    line_no: usize,
    offset: usize,
    limit: u64,
    /// The last line ended with a CR: a LF right after it belongs to that line end.
    after_cr: bool,
    done: bool,
}

impl JsonlLines {
    /// Read one line into `bytes`, without its line end, stopping early once it is longer
    /// than `limit`; returns the number of bytes consumed (0 at the end of the input).
    fn read_line(&mut self, bytes: &mut Vec<u8>) -> std::io::Result<usize> {
        let mut consumed = 0usize;
        loop {
            let buf = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                return Ok(consumed);
            }
            if std::mem::take(&mut self.after_cr) && buf[0] == b'\n' {
                self.reader.consume(1);
                self.offset += 1;
                continue;
            }
            match buf.iter().position(|&b| b == b'\n' || b == b'\r') {
                Some(i) => {
                    bytes.extend_from_slice(&buf[..i]);
                    self.after_cr = buf[i] == b'\r';
                    self.reader.consume(i + 1);
                    return Ok(consumed + i + 1);
                }
                None => {
                    let n = buf.len();
                    bytes.extend_from_slice(buf);
                    self.reader.consume(n);
                    consumed += n;
                    if bytes.len() as u64 > self.limit {
                        return Ok(consumed);
                    }
                }
            }
        }
    }
}

impl Iterator for JsonlLines {
    type Item = Result<Raw>;

    fn next(&mut self) -> Option<Result<Raw>> {
        if self.done {
            return None;
        }
        let mut bytes = Vec::new();
        let read = self.read_line(&mut bytes);
        self.line_no += 1;
        match read {
            Err(e) => {
                self.done = true;
                Some(Err(Error::io(&self.name, e)))
            }
            Ok(0) => {
                self.done = true;
                None
            }
            Ok(n) => {
                if bytes.len() as u64 > self.limit {
                    self.done = true;
                    return Some(Err(Error::msg(format!(
                        "{}: line {}: longer than {} bytes, too long for an article within the limit (see --max-bytes)",
                        self.name, self.line_no, self.limit
                    ))));
                }
                let mut offset = self.offset;
                self.offset += n;
                if self.line_no == 1 && bytes.starts_with(b"\xef\xbb\xbf") {
                    bytes.drain(..3);
                    offset += 3;
                }
                Some(Ok(Raw::Line {
                    line_no: self.line_no,
                    offset,
                    bytes,
                }))
            }
        }
    }
}

/// The article files under `dir`, recursively, in sorted order, walked lazily.
fn folder_files(dir: &Path) -> impl Iterator<Item = Result<Raw>> + Send {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|entry| match entry {
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                Some(Err(Error::msg(format!("{path}: cannot read: {e}"))))
            }
            Ok(entry) => {
                let ext = entry
                    .path()
                    .extension()
                    .map(|e| e.to_string_lossy().to_lowercase())
                    .unwrap_or_default();
                let wanted = entry.file_type().is_file()
                    && (input::TEXT_EXTENSIONS.contains(&ext.as_str())
                        || input::HTML_EXTENSIONS.contains(&ext.as_str()));
                wanted.then(|| Ok(Raw::File(entry.into_path())))
            }
        })
}

/// Run `source` through `work` on `pool` in chunks of `chunk` items, in input order, and hand
/// each chunk's results to `consume` on the calling thread while the next chunk is worked
/// on. At most three chunks are in memory at once. An error from the source is handed on
/// after the items before it; an error from `consume` stops the reading.
fn pipeline<T: Send>(
    source: Box<dyn Iterator<Item = Result<Raw>> + Send>,
    pool: &rayon::ThreadPool,
    chunk: usize,
    work: &(dyn Fn(Raw) -> T + Sync),
    mut consume: impl FnMut(Vec<T>) -> Result<()>,
) -> Result<()> {
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

/// A checked article ready to write: its content hash and, unless it was already stored or
/// extraction is off, the engine's attributions.
struct Ready {
    pending: Pending,
    hash: String,
    /// The engine's attributions (none with `--no-extract`) and the text's sentences, found
    /// on the worker; `None` for a text already stored.
    found: Option<extract::Analysis>,
}

/// The progress bar: on stderr when it is a terminal and not `--quiet`, else hidden.
fn progress(show: bool, total: Option<u64>, what: &'static str) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
    let template = if total.is_some() {
        "{msg} {wide_bar} {human_pos}/{human_len} articles ({rate}, ETA {eta})"
    } else {
        "{msg} {spinner} {human_pos} articles ({rate})"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.with_key(
            "rate",
            |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0}/s", s.per_sec());
            },
        ));
    }
    bar.set_message(what);
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// What the checking pass keeps of a row: where it is, its external id, and (when it has an
/// id) its text's content hash.
struct Checked {
    label: String,
    id: Option<String>,
    hash: Option<String>,
}

/// The first, checking pass over a CSV or JSONL file: every row is checked (texts and files
/// read, dates and sizes checked), ids are unique in the file and not taken in the database
/// by another text. Returns the number of articles. Nothing is written.
fn check_all(
    reader: &mut Reader,
    pool: &rayon::ThreadPool,
    chunk: usize,
    db: Option<&Store>,
    show: bool,
) -> Result<u64> {
    let source = reader.open()?;
    for n in &reader.notes {
        note(n);
    }
    let bar = progress(show, None, "checking");
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
        }))
    };
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut count = 0u64;
    pipeline(source, pool, chunk, &work, |rows| {
        for row in rows {
            let Some(Checked { label, id, hash }) = row? else {
                continue;
            };
            count += 1;
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
            if let Some(first) = seen.get(&id) {
                return Err(Error::msg(format!(
                    "{label}, column id: id {id:?} is also used by {first} (expected one id per article)"
                )));
            }
            seen.insert(id, label);
        }
        bar.set_position(count);
        Ok(())
    })?;
    bar.finish_and_clear();
    if count == 0 {
        return Err(reader.nothing_to_import());
    }
    Ok(count)
}

/// What an import did.
#[derive(Default)]
struct Tally {
    stored: u64,
    duplicates: u64,
    failed: Vec<String>,
    batches: u64,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let started = Instant::now();
    let mut reader = Reader::new(&args.file, args.max_bytes)?;
    reader.allow_paths = args.allow_paths;
    let name = reader.name.clone();
    let jobs = match args.jobs {
        Some(n) => n as usize,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::msg(format!("cannot start {jobs} worker threads: {e}")))?;
    let chunk = args.batch as usize;
    let show = !args.quiet && std::io::stderr().is_terminal();

    // First pass (CSV/JSONL): check everything before the database is written.
    let total = if reader.kind == Kind::Folder {
        if folder_files(reader.folder()).next().is_none() {
            return Err(reader.nothing_to_import());
        }
        if show {
            Some(folder_files(reader.folder()).count() as u64)
        } else {
            None
        }
    } else {
        let existing = if ctx.db_path().exists() {
            Some(ctx.store()?)
        } else {
            None
        };
        Some(check_all(
            &mut reader,
            &pool,
            chunk,
            existing.as_ref(),
            show,
        )?)
    };

    let mut store = ctx.store()?;
    // The workers look up texts already stored (to skip extracting them) on their own
    // connection; the writer has its own.
    let lookup = Mutex::new(ctx.store()?);
    let source = reader.open()?;
    let rdr: &Reader = &reader;
    let no_extract = args.no_extract;
    let work = |raw: Raw| -> Result<Option<Ready>> {
        let Some(pending) = rdr.check(raw)? else {
            return Ok(None);
        };
        let hash = articles::content_hash(&pending.text);
        let known = {
            let db = lookup
                .lock()
                .map_err(|_| Error::msg("a worker thread failed"))?;
            articles::find_by_hash(db.conn(), &hash)?.is_some()
        };
        let found = (!known).then(|| {
            if no_extract {
                extract::Analysis {
                    attributions: Vec::new(),
                    sentences: extract::sentences(&pending.text),
                }
            } else {
                extract::analyze(&pending.text)
            }
        });
        Ok(Some(Ready {
            pending,
            hash,
            found,
        }))
    };

    let bar = progress(show, total, "importing");
    let mut tally = Tally::default();
    let mut out = std::io::stdout().lock();
    let result = pipeline(source, &pool, chunk, &work, |items| {
        let mut ready = Vec::with_capacity(items.len());
        for item in items {
            match item {
                Ok(Some(r)) => ready.push(r),
                Ok(None) => {}
                // A folder's files are independent articles: name the bad one and go on.
                Err(e) if reader.kind == Kind::Folder => {
                    bar.suspend(|| note(&e));
                    tally.failed.push(e.to_string());
                    bar.inc(1);
                }
                Err(e) => return Err(e),
            }
        }
        let outcomes = store.write_retrying(|tx| {
            let mut outcomes = Vec::with_capacity(ready.len());
            for r in &ready {
                let outcome = match &r.found {
                    Some(found) => add::write_one_split(
                        tx,
                        &r.pending,
                        &r.hash,
                        &found.attributions,
                        Some(&found.sentences),
                    )?,
                    // Looked up as stored, but gone since: the engine runs here.
                    None if no_extract => add::write_one(tx, &r.pending, &r.hash, &[])?,
                    None => {
                        let attrs = if articles::find_by_hash(tx, &r.hash)?.is_some() {
                            Vec::new()
                        } else {
                            extract::extract(&r.pending.text)
                        };
                        add::write_one(tx, &r.pending, &r.hash, &attrs)?
                    }
                };
                outcomes.push(outcome);
            }
            Ok(outcomes)
        })?;
        tally.batches += 1;
        for o in &outcomes {
            match o {
                Outcome::Stored { .. } => tally.stored += 1,
                Outcome::AlreadyStored { .. } => tally.duplicates += 1,
            }
        }
        let ids: String = outcomes.iter().map(|o| format!("{}\n", o.id())).collect();
        std::io::Write::write_all(&mut out, ids.as_bytes())?;
        bar.inc(outcomes.len() as u64);
        Ok(())
    });
    std::io::Write::flush(&mut out)?;
    bar.finish_and_clear();
    if let Err(e) = result {
        if tally.batches == 0 {
            return Err(e);
        }
        return Err(Error::msg(format!(
            "{e}; the batches before it are stored ({} new articles): run the same import \
             again after fixing it to store the rest",
            tally.stored
        )));
    }

    let secs = started.elapsed().as_secs_f64();
    let done = tally.stored + tally.duplicates;
    let summary = format!(
        "{name}: imported {} article{} ({} already stored, {} failed) in {secs:.1} s, {:.0} articles/s",
        tally.stored,
        if tally.stored == 1 { "" } else { "s" },
        tally.duplicates,
        tally.failed.len(),
        done as f64 / secs.max(1e-9),
    );
    if !tally.failed.is_empty() {
        return Err(Error::msg(format!(
            "{summary}; the failed files are named above"
        )));
    }
    if !args.quiet {
        note(summary);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out one byte per read, so every line end straddles a buffer.
    struct ByteByByte(std::io::Cursor<Vec<u8>>);

    impl Read for ByteByByte {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(1);
            self.0.read(&mut buf[..n])
        }
    }

    fn no_files(path: &Path, _max: u64) -> Result<Vec<u8>> {
        Err(Error::msg(format!("{}: no such file", path.display())))
    }

    #[test]
    fn jsonl_lines_end_at_lf_crlf_or_lone_cr_across_reads() {
        let text = b"\xef\xbb\xbf{\"text\":\"A.\"}\r\n{\"text\":\"B.\"}\r\r{\"text\":\"C.\"}\n";
        let lines = JsonlLines {
            name: "x.jsonl".into(),
            reader: BufReader::with_capacity(
                1,
                Box::new(ByteByByte(std::io::Cursor::new(text.to_vec()))),
            ),
            line_no: 0,
            offset: 0,
            limit: 1000,
            after_cr: false,
            done: false,
        };
        let got: Vec<(usize, usize, Vec<u8>)> = lines
            .map(|r| match r.unwrap() {
                Raw::Line {
                    line_no,
                    offset,
                    bytes,
                } => (line_no, offset, bytes),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (1, 3, b"{\"text\":\"A.\"}".to_vec()),
                (2, 18, b"{\"text\":\"B.\"}".to_vec()),
                (3, 32, Vec::new()),
                (4, 33, b"{\"text\":\"C.\"}".to_vec()),
            ]
        );
    }

    #[test]
    fn csv_line_numbers_count_crlf_and_lone_cr_across_reads() {
        let text = b"id,text\r\na,\"One\r\nsaid so.\"\rb,Two said so.\nc,x,y\n";
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(LineEnds::new(Box::new(ByteByByte(std::io::Cursor::new(
                text.to_vec(),
            )))));
        rdr.byte_headers().unwrap();
        let mut record = csv::ByteRecord::new();
        let mut lines = Vec::new();
        while let Ok(true) = rdr.read_byte_record(&mut record) {
            let byte = record.position().unwrap().byte();
            lines.push(rdr.get_mut().line_at(byte));
        }
        assert_eq!(lines, vec![2, 4]);
    }

    #[test]
    fn check_bytes_reads_memory_and_refuses_what_import_refuses() {
        let base = Path::new("/nonexistent");
        let (items, notes) = check_bytes(
            "m.csv",
            true,
            b"id,text,x\na,Officials said so.,1\n",
            base,
            no_files,
        )
        .unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].text, "Officials said so.");
        assert_eq!(
            notes,
            vec!["m.csv: ignored unknown column \"x\" (known: id, title, outlet, author, date, url, text, path)"]
        );
        let err = |csv: bool, bytes: &[u8]| {
            check_bytes("m", csv, bytes, base, no_files)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert_eq!(
            err(true, b"id,text\n"),
            "m: no rows after the header (expected one article per row)"
        );
        assert_eq!(
            err(false, b"\n\r\n"),
            "m: no articles (expected one JSON object per line)"
        );
        assert!(err(true, b"id,path\na,\"f\x01.txt\"\n")
            .starts_with("m: row 1 (line 2), column path: \"f\\u{1}.txt\" has control characters"));
        assert_eq!(
            err(true, b"id,path\na,gone.txt\n"),
            "m: row 1 (line 2), column path: /nonexistent/gone.txt: no such file"
        );
        let long = format!("{{\"text\": [\"{}\"]}}", "a".repeat(200));
        let msg = err(false, long.as_bytes());
        assert!(
            msg.starts_with("m: line 1, key text: expected a string, found [\"aaa"),
            "{msg}"
        );
        assert!(msg.len() < 120, "{msg}");
    }
}

//! The inputs of `whosaid import`: a CSV file, a JSON Lines file or a folder of article
//! files, read as a lazy stream of raw items and checked one item at a time into articles
//! ready to store. Reading is sequential and cheap; checking (UTF-8, sizes, dates, reading
//! the files a `path` column names, HTML pages) is done by the caller, on any thread.

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use crate::error::{shorten, Error, Result};
use crate::ingest::analyzed::{self, Texts};
use crate::ingest::{csv, folder, jsonl, text, Pending};
use crate::model::{check_date, ArticleMeta};

/// The columns (CSV) or keys (JSONL) an import reads.
pub const KNOWN: &[&str] = &[
    "id", "title", "outlet", "author", "date", "url", "text", "path",
];

/// Reads the file a CSV `path` cell or JSONL `path` key names, at most the given number of
/// bytes: `import` reads from disk ([`text::read_bytes_limited`]); fuzzing passes its own.
pub type Loader = fn(&Path, u64) -> Result<Vec<u8>>;

/// One unit of input as read, before checking.
pub enum Raw {
    /// A CSV record.
    Record(csv::Record),
    /// A JSONL line.
    Line(jsonl::Line),
    /// A file of a folder.
    File(PathBuf),
    /// A line of analysed output, with the name of its file.
    Analyzed(Arc<str>, jsonl::Line),
}

/// What is being imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Csv,
    Jsonl,
    Folder,
    /// `analyze --jsonl` output: a file or the files of a folder.
    Analyzed,
}

/// Where the bytes of a CSV or JSONL input come from.
enum Source {
    File(PathBuf),
    Memory(Arc<[u8]>),
    /// The files of analysed output, read one after another.
    Files(Vec<PathBuf>),
}

/// A lazy stream of raw items.
pub type Items = Box<dyn Iterator<Item = Result<Raw>> + Send>;

/// An import input and the settings of its checking step.
pub struct Reader {
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
    /// For CSV: a note naming the unknown columns of the header.
    note: Option<String>,
    /// For analysed output without its texts: the corpus that was analysed, by id.
    texts: Option<Arc<Texts>>,
}

impl Reader {
    /// The input at `path`: a folder, a `.csv` file or a `.jsonl` (`.ndjson`) file.
    pub fn new(path: &Path, max_bytes: u64, allow_paths: bool) -> Result<Reader> {
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
            allow_paths,
            max_bytes,
            load: text::read_bytes_limited,
            columns: Vec::new(),
            note: None,
            texts: None,
        })
    }

    /// `analyze --jsonl` output at `path` (a file, or a folder of Spark `part-*` files read as
    /// a whole); its lines carry their text (`--keep-text`) or `texts` names the corpus that
    /// was analysed, whose lines are joined with them by id.
    pub fn analyzed(path: &Path, texts: Option<&Path>, max_bytes: u64) -> Result<Reader> {
        let files = analyzed::files(path)?;
        let limit = Reader::line_limit(max_bytes);
        let texts = texts
            .map(|t| Texts::build(t, limit).map(Arc::new))
            .transpose()?;
        Ok(Reader {
            name: path.display().to_string(),
            kind: Kind::Analyzed,
            source: Source::Files(files),
            base: PathBuf::new(),
            allow_paths: false,
            max_bytes,
            load: text::read_bytes_limited,
            columns: Vec::new(),
            note: None,
            texts,
        })
    }

    /// The longest JSONL line read: an article of `max_bytes` with every character escaped,
    /// and room for its metadata and analysis.
    fn line_limit(max_bytes: u64) -> u64 {
        max_bytes.saturating_mul(6).saturating_add(1 << 20)
    }

    /// A CSV (`csv`) or JSONL input held in memory; the files `path` cells name (relative to
    /// `base`) are read by `load`.
    pub fn in_memory(name: &str, csv: bool, bytes: &[u8], base: &Path, load: Loader) -> Reader {
        Reader {
            name: name.to_string(),
            kind: if csv { Kind::Csv } else { Kind::Jsonl },
            source: Source::Memory(Arc::from(bytes)),
            base: base.to_path_buf(),
            allow_paths: false,
            max_bytes: text::DEFAULT_MAX_BYTES,
            load,
            columns: Vec::new(),
            note: None,
            texts: None,
        }
    }

    /// The input's name, for messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// For CSV, after [`Reader::open`]: a note naming the header's unknown columns.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// The folder being imported.
    fn folder(&self) -> &Path {
        match &self.source {
            Source::File(p) => p,
            Source::Memory(_) | Source::Files(_) => Path::new(""),
        }
    }

    /// Whether the input holds no item at all (a folder without article files); a CSV or
    /// JSONL input is known to hold some only once read.
    pub fn count_files(&self) -> Option<u64> {
        (self.kind == Kind::Folder).then(|| folder::files(self.folder()).count() as u64)
    }

    /// Whether a folder input has at least one article file.
    pub fn has_files(&self) -> bool {
        folder::files(self.folder()).next().is_some()
    }

    /// The bytes of a CSV or JSONL input, from the start.
    fn bytes(&self) -> Result<Box<dyn Read + Send>> {
        match &self.source {
            Source::File(p) => Ok(Box::new(
                File::open(p).map_err(|e| Error::io(&self.name, e))?,
            )),
            Source::Memory(b) => Ok(Box::new(std::io::Cursor::new(Arc::clone(b)))),
            Source::Files(_) => Err(Error::msg("analysed output is read file by file")),
        }
    }

    /// Open the input as a lazy stream of raw items, from the start. For CSV this reads and
    /// checks the header, and keeps a note naming its unknown columns.
    pub fn open(&mut self) -> Result<Items> {
        match self.kind {
            Kind::Folder => Ok(Box::new(
                folder::files(self.folder()).map(|f| f.map(Raw::File)),
            )),
            Kind::Jsonl => {
                let limit = Reader::line_limit(self.max_bytes);
                Ok(Box::new(
                    jsonl::Lines::new(&self.name, self.bytes()?, limit).map(|l| l.map(Raw::Line)),
                ))
            }
            Kind::Analyzed => {
                let Source::Files(files) = &self.source else {
                    return Err(Error::msg("analysed output without its files"));
                };
                let limit = Reader::line_limit(self.max_bytes);
                // One file after another, each opened when the one before is done.
                let lines = files.clone().into_iter().flat_map(move |path| {
                    let name: Arc<str> = Arc::from(path.display().to_string());
                    let lines: Box<dyn Iterator<Item = Result<Raw>> + Send> =
                        match File::open(&path) {
                            Err(e) => Box::new(std::iter::once(Err(Error::io(&*name, e)))),
                            Ok(f) => Box::new(
                                jsonl::Lines::new(&name, f, limit)
                                    .map(move |l| l.map(|l| Raw::Analyzed(Arc::clone(&name), l))),
                            ),
                        };
                    lines
                });
                Ok(Box::new(lines))
            }
            Kind::Csv => {
                let (rows, columns) =
                    csv::Rows::open(&self.name, self.bytes()?, KNOWN, &["text", "path"])?;
                self.columns = columns.known;
                self.note = columns.note;
                Ok(Box::new(rows.map(|r| r.map(Raw::Record))))
            }
        }
    }

    /// The error for an input that holds no article.
    pub fn nothing_to_import(&self) -> Error {
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
            Kind::Analyzed => format!(
                "{}: no analysed articles (expected the lines of `whosaid analyze --jsonl`)",
                self.name
            ),
        })
    }

    /// Check one raw item and turn it into a pending article (`None` for a blank JSONL line).
    pub fn check(&self, raw: Raw) -> Result<Option<Pending>> {
        match raw {
            Raw::Record(csv::Record {
                row_no,
                line,
                record,
            }) => {
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
                self.check_row(&at, fields, None).map(Some)
            }
            Raw::Line(line) => {
                let at = format!("{}: line {}", self.name, line.no);
                let Some(map) = line.object(&self.name)? else {
                    return Ok(None);
                };
                let (fields, note) = fields_of(&at, map)?;
                if !fields.contains_key("text") && !fields.contains_key("path") {
                    return Err(Error::msg(format!(
                        "{at}: no text or path key (expected {{\"id\", \"title\", …, \"text\"}})"
                    )));
                }
                self.check_row(&at, fields, note).map(Some)
            }
            Raw::Analyzed(file, line) => self.check_analyzed(&file, line),
            Raw::File(path) => {
                let shown = path.display().to_string();
                let bytes = text::read_bytes_limited(&path, self.max_bytes)?;
                let file = text::article_from_bytes(&shown, &path, bytes)?;
                Ok(Some(Pending {
                    label: shown,
                    meta: ArticleMeta {
                        title: file.title,
                        author: file.byline,
                        ..ArticleMeta::default()
                    },
                    text: file.text,
                    note: None,
                    found: None,
                }))
            }
        }
    }

    /// Check one row's fields. `at` names the row ("FILE: row 3 (line 4)").
    fn check_row(
        &self,
        at: &str,
        mut f: HashMap<&'static str, String>,
        note: Option<String>,
    ) -> Result<Pending> {
        let mut meta = meta_of(at, &mut f)?;
        let mut take = |k: &str| f.remove(k).filter(|v| !v.trim().is_empty());
        let text = match (take("text"), take("path")) {
            (Some(body), _) => {
                let shown = format!("{at}, column text");
                text::check_size(&shown, body.len() as u64, self.max_bytes)?;
                text::article_text(&shown, &body)?
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
                    || named
                        .components()
                        .any(|c| matches!(c, Component::ParentDir | Component::Prefix(_)));
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
                let file = text::article_from_bytes(&shown, &full, bytes)?;
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
            note,
            found: None,
        })
    }

    /// Check one line of analysed output: its metadata as a JSONL import line's, its text
    /// (the line's own, else the `--texts` corpus line of its id), and the engine's findings
    /// against that text.
    fn check_analyzed(&self, file: &str, line: jsonl::Line) -> Result<Option<Pending>> {
        let at = format!("{file}: line {}", line.no);
        let Some(mut map) = line.object(file)? else {
            return Ok(None);
        };
        let mut found = analyzed::take_found(&at, &mut map)?;
        map.shift_remove("path");
        let (mut fields, note) = fields_of(&at, map)?;
        let meta = meta_of(&at, &mut fields)?;
        let (shown, given) = match (fields.remove("text"), &self.texts) {
            (Some(t), _) => (format!("{at}, key text"), t),
            (None, Some(texts)) => {
                let Some(id) = &meta.external_id else {
                    return Err(Error::msg(format!(
                        "{at}: no id, so no text can be found in {} (expected an id, or the text \
                         itself: analyze --jsonl --keep-text)",
                        texts.name()
                    )));
                };
                let Some((no, t)) = texts.get(id)? else {
                    return Err(Error::msg(format!(
                        "{at}: id {id:?} is not in {} (expected the corpus that was analysed)",
                        texts.name()
                    )));
                };
                (format!("{}: line {no}, key text", texts.name()), t)
            }
            (None, None) => {
                return Err(Error::msg(format!(
                    "{at}: no text (expected analyze --jsonl --keep-text output, or --texts \
                     CORPUS.jsonl naming the corpus that was analysed)"
                )))
            }
        };
        text::check_size(&shown, given.len() as u64, self.max_bytes)?;
        let stored = text::article_text(&shown, &given)?;
        let leading = given.len() - given.trim_start_matches('\u{feff}').len();
        analyzed::fit(&at, &mut found, &stored, leading / '\u{feff}'.len_utf8())?;
        Ok(Some(Pending {
            label: at,
            meta,
            text: stored,
            note,
            found: Some(found),
        }))
    }
}

/// An article's metadata from a row's or line's fields (taken out of `f`), checked: sizes and
/// the date. `at` names the row.
fn meta_of(at: &str, f: &mut HashMap<&'static str, String>) -> Result<ArticleMeta> {
    let mut take = |k: &str| f.remove(k).filter(|v| !v.trim().is_empty());
    let meta = ArticleMeta {
        external_id: take("id").map(|s| s.trim().to_string()),
        title: take("title"),
        outlet: take("outlet"),
        author: take("author"),
        date: take("date").map(|s| s.trim().to_string()),
        url: take("url"),
    };
    text::check_meta(at, &meta, |f| format!("column {f}"))?;
    if let Some(d) = &meta.date {
        check_date(d).map_err(|e| Error::msg(format!("{at}, column date: {e}")))?;
    }
    Ok(meta)
}

/// The known keys of a JSONL line as text, with a note when a whole-number id was taken as
/// its digits. `at` names the line.
fn fields_of(
    at: &str,
    map: serde_json::Map<String, Value>,
) -> Result<(HashMap<&'static str, String>, Option<String>)> {
    let mut fields = HashMap::new();
    let mut note = None;
    for (k, v) in map {
        let Some(key) = KNOWN.iter().copied().find(|x| *x == k) else {
            continue;
        };
        let s = match v {
            Value::Null => continue,
            Value::String(s) => s,
            // An id written as a whole number is that number's digits; any other number
            // (1.5, 1e3) has no one text and is refused.
            Value::Number(n) if key == "id" && (n.is_i64() || n.is_u64()) => {
                let s = n.to_string();
                note = Some(format!(
                    "{at}, key id: the number {s} is stored as the text \"{s}\""
                ));
                s
            }
            other => {
                let hint = if key == "id" && other.is_number() {
                    " or a whole number"
                } else {
                    ""
                };
                return Err(Error::msg(format!(
                    "{at}, key {key}: expected a string{hint}, found {}",
                    shorten(&other.to_string(), 40)
                )));
            }
        };
        fields.insert(key, s);
    }
    Ok((fields, note))
}

/// Check a CSV (`csv`) or JSONL input held in memory the way `import` checks a file, without
/// touching the database: every row is read and checked, and the file named by a `path` cell
/// (relative to `base`) is read by `load`. Returns the articles and, for CSV, a note naming
/// the unknown columns. Rows are checked in order on the calling thread; this is the entry
/// of the `readers` fuzz target.
pub fn check_bytes(
    name: &str,
    csv: bool,
    bytes: &[u8],
    base: &Path,
    load: Loader,
) -> Result<(Vec<Pending>, Vec<String>)> {
    let mut reader = Reader::in_memory(name, csv, bytes, base, load);
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
    Ok((out, reader.note.take().into_iter().collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_files(path: &Path, _max: u64) -> Result<Vec<u8>> {
        Err(Error::msg(format!("{}: no such file", path.display())))
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

    #[test]
    fn a_whole_number_id_is_its_digits_with_a_note_and_other_numbers_are_refused() {
        let base = Path::new("/nonexistent");
        let (items, _) = check_bytes(
            "m",
            false,
            b"{\"id\": 17, \"text\": \"A said.\"}",
            base,
            no_files,
        )
        .unwrap();
        assert_eq!(items[0].meta.external_id.as_deref(), Some("17"));
        assert_eq!(
            items[0].note.as_deref(),
            Some("m: line 1, key id: the number 17 is stored as the text \"17\"")
        );
        let err = check_bytes(
            "m",
            false,
            b"{\"id\": 1.5, \"text\": \"A said.\"}",
            base,
            no_files,
        )
        .err()
        .unwrap()
        .to_string();
        assert_eq!(
            err,
            "m: line 1, key id: expected a string or a whole number, found 1.5"
        );
    }
}

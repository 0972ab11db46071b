//! `whosaid import FILE`: store the articles of a .csv or .jsonl file. Every row is read and
//! checked first; one bad row refuses the whole file, and nothing of it is stored.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::cli::add::{self, Pending};
use crate::cli::{input, note, Context};
use crate::error::{Error, Result};
use crate::model::{check_date, ArticleMeta};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A .csv file (header row; columns id,title,outlet,date,url,text, or path instead of
    /// text, relative to the CSV's folder; author optional) or a .jsonl file (one object per
    /// line with the same keys).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Store the texts only; do not run the extraction engine.
    #[arg(long)]
    pub no_extract: bool,
}

/// The columns (CSV) or keys (JSONL) an import reads.
const KNOWN: &[&str] = &[
    "id", "title", "outlet", "author", "date", "url", "text", "path",
];

/// One row's fields, before checking.
#[derive(Default)]
struct Row {
    fields: HashMap<&'static str, String>,
}

/// Reads the file a row's path column names; `import` reads from disk ([`read_file`]), tests
/// and fuzzing pass their own.
pub type Loader<'a> = &'a dyn Fn(&Path) -> Result<Vec<u8>>;

/// The loader `import` uses: the file's bytes from disk.
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    input::read_bytes(path)
}

/// Check one row and turn it into a pending article. `at` names the row ("FILE: row 3").
fn check_row(at: &str, row: Row, base: &Path, load: Loader) -> Result<Pending> {
    let mut f = row.fields;
    let mut take = |k: &str| f.remove(k).filter(|v| !v.trim().is_empty());
    let meta = ArticleMeta {
        external_id: take("id").map(|s| s.trim().to_string()),
        title: take("title"),
        outlet: take("outlet"),
        author: take("author"),
        date: take("date").map(|s| s.trim().to_string()),
        url: take("url"),
    };
    if let Some(d) = &meta.date {
        check_date(d).map_err(|e| Error::msg(format!("{at}, column date: {e}")))?;
    }
    let text = match (take("text"), take("path")) {
        (Some(text), _) => input::article_text(&format!("{at}, column text"), &text)?,
        (None, Some(path)) => {
            if path.chars().any(char::is_control) {
                return Err(Error::msg(format!(
                    "{at}, column path: {:?} has control characters (expected a file name)",
                    crate::report::table::shorten(&path, 60)
                )));
            }
            let full = base.join(path.trim());
            let shown = format!("{at}, column path: {}", full.display());
            let bytes = load(&full).map_err(|e| Error::msg(format!("{at}, column path: {e}")))?;
            let text = input::decode(&shown, bytes)?;
            input::article_text(&shown, &text)?
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

/// Read and check every row of a CSV file (`name` for messages, `base` the folder that path
/// cells are relative to). Unknown columns are ignored; the second value holds a note for
/// each, for the caller to print.
pub fn read_csv(
    name: &str,
    bytes: &[u8],
    base: &Path,
    load: Loader,
) -> Result<(Vec<Pending>, Vec<String>)> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(bytes);
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
            .map(|h| {
                format!(
                    "{:?}",
                    crate::report::table::shorten(&String::from_utf8_lossy(h), 20)
                )
            })
            .collect();
        return Err(Error::msg(format!(
            "{name}: line 1: the header row has no text or path column (found {}; expected a \
             header row naming columns id,title,outlet,date,url and text, or path to a text file)",
            found.join(",")
        )));
    }
    let mut out = Vec::new();
    let mut record = csv::ByteRecord::new();
    let mut row_no = 0usize;
    let mut lines_before = LineCounter::default();
    loop {
        row_no += 1;
        match rdr.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                return Err(Error::msg(match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        pos,
                        expected_len,
                        len,
                    } => format!(
                    "{name}: row {row_no}{}: {len} fields, expected {expected_len} like the header",
                    pos.as_ref()
                        .map(|p| format!(
                            " (line {})",
                            lines_before.line_at(bytes, p.byte() as usize)
                        ))
                        .unwrap_or_default()
                ),
                    _ => format!("{name}: row {row_no}: {e}"),
                }))
            }
        }
        let line = record
            .position()
            .map(|p| lines_before.line_at(bytes, p.byte() as usize))
            .unwrap_or(0);
        let at = format!("{name}: row {row_no} (line {line})");
        let mut row = Row::default();
        for (i, (field, col)) in record.iter().zip(&columns).enumerate() {
            let Some(col) = col else { continue };
            let value = std::str::from_utf8(field).map_err(|e| {
                Error::msg(format!(
                    "{at}, column {col}: invalid UTF-8 at byte {} of field {} (the row starts at byte offset {}; expected UTF-8 text)",
                    e.valid_up_to(),
                    i + 1,
                    record.position().map(|p| p.byte()).unwrap_or(0),
                ))
            })?;
            row.fields.insert(col, value.to_string());
        }
        out.push(check_row(&at, row, base, load)?);
    }
    if out.is_empty() {
        return Err(Error::msg(format!(
            "{name}: no rows after the header (expected one article per row)"
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
    Ok((out, notes))
}

/// Line numbers of byte offsets, counting LF, CRLF and a lone CR as one line end each (the
/// csv crate counts LF only). Offsets are asked for in increasing order.
#[derive(Default)]
struct LineCounter {
    /// Bytes counted so far.
    at: usize,
    /// Line ends before `at`.
    ends: usize,
}

impl LineCounter {
    /// The 1-based line of byte offset `byte`.
    fn line_at(&mut self, bytes: &[u8], byte: usize) -> usize {
        let byte = byte.min(bytes.len());
        while self.at < byte {
            let ends_line = match bytes[self.at] {
                b'\r' => true,
                b'\n' => self.at == 0 || bytes[self.at - 1] != b'\r',
                _ => false,
            };
            self.ends += usize::from(ends_line);
            self.at += 1;
        }
        self.ends + 1
    }
}

/// The lines of `bytes` with their 1-based numbers and byte offsets; a line ends at LF, CRLF
/// or a lone CR (a JSON string cannot hold a raw CR, so no object is split).
fn lines(bytes: &[u8]) -> Vec<(usize, usize, &[u8])> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push((out.len() + 1, start, &bytes[start..i]));
                i += 1;
                start = i;
            }
            b'\r' => {
                out.push((out.len() + 1, start, &bytes[start..i]));
                i += if bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < bytes.len() {
        out.push((out.len() + 1, start, &bytes[start..]));
    }
    out
}

/// Read and check every line of a JSONL file (one object per line; blank lines are skipped).
pub fn read_jsonl(name: &str, bytes: &[u8], base: &Path, load: Loader) -> Result<Vec<Pending>> {
    let mut out = Vec::new();
    // A byte-order mark before the first object is skipped; offsets still count it.
    let bom = if bytes.starts_with(b"\xef\xbb\xbf") {
        3
    } else {
        0
    };
    for (line_no, offset, raw) in lines(&bytes[bom..]) {
        let offset = offset + bom;
        let at = format!("{name}: line {line_no}");
        let line = std::str::from_utf8(raw).map_err(|e| {
            Error::msg(format!(
                "{at}: invalid UTF-8 at byte offset {} (expected UTF-8 text)",
                offset + e.valid_up_to()
            ))
        })?;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(line)
            .map_err(|e| Error::msg(format!("{at}: invalid JSON: {e}")))?;
        let Value::Object(map) = value else {
            return Err(Error::msg(format!(
                "{at}: expected a JSON object with a text key"
            )));
        };
        let mut row = Row::default();
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
                        crate::report::table::shorten(&other.to_string(), 40)
                    )))
                }
            };
            row.fields.insert(key, s);
        }
        if !row.fields.contains_key("text") && !row.fields.contains_key("path") {
            return Err(Error::msg(format!(
                "{at}: no text or path key (expected {{\"id\", \"title\", …, \"text\"}})"
            )));
        }
        out.push(check_row(&at, row, base, load)?);
    }
    if out.is_empty() {
        return Err(Error::msg(format!(
            "{name}: no articles (expected one JSON object per line)"
        )));
    }
    Ok(out)
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let name = args.file.display().to_string();
    let ext = args
        .file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext != "csv" && ext != "jsonl" && ext != "ndjson" {
        return Err(Error::msg(format!(
            "{name}: unsupported import file (expected a .csv or .jsonl file; for a text file use `whosaid add`)"
        )));
    }
    let bytes = input::read_bytes(&args.file)?;
    let base = args
        .file
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let items = if ext == "csv" {
        let (items, notes) = read_csv(&name, &bytes, &base, &read_file)?;
        notes.into_iter().for_each(note);
        items
    } else {
        read_jsonl(&name, &bytes, &base, &read_file)?
    };
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for p in &items {
        if let Some(x) = &p.meta.external_id {
            if let Some(first) = seen.insert(x, &p.label) {
                return Err(Error::msg(format!(
                    "{}, column id: id {x:?} is also used by {first} (expected one id per article)",
                    p.label
                )));
            }
        }
    }
    let mut store = ctx.store()?;
    let outcomes = add::store_all(&mut store, &items, args.no_extract)?;
    let stored = outcomes
        .iter()
        .filter(|o| matches!(o, add::Outcome::Stored { .. }))
        .count();
    add::tell(&items, &outcomes, true)?;
    note(format!(
        "{name}: imported {stored} article{} ({} already stored)",
        if stored == 1 { "" } else { "s" },
        outcomes.len() - stored
    ));
    Ok(())
}

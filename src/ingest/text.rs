//! Reading article text from files and standard input, with errors that say where and why.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

/// Where a text came from, for messages: the path, or "<stdin>" for `-`.
pub fn display_name(path: &Path) -> String {
    if is_stdin(path) {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// Whether `path` is `-`, standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The bytes of a file that is not an article (a worksheet, a gold file), or of standard
/// input for `-`, refusing one larger than `max` bytes before reading more than that: `what`
/// names it in the message ("a.csv: the sheet is over the limit of 100000000 bytes"). A
/// missing file or a directory is an error that says so.
pub fn read_bytes(path: &Path, max: u64, what: &str) -> Result<Vec<u8>> {
    read_within(path, max, &|name, _| {
        Error::msg(format!("{name}: {what} is over the limit of {max} bytes"))
    })
}

/// `bytes` as UTF-8 text; the error names the byte offset of the first bad byte, or of the
/// first NUL byte (binary data, not text).
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        Error::msg(format!(
            "{name}: invalid UTF-8 at byte offset {at} (expected UTF-8 text)"
        ))
    })?;
    check_no_nul(name, &text)?;
    Ok(text)
}

/// Text with a NUL character is binary data; the error names its byte offset.
fn check_no_nul(name: &str, text: &str) -> Result<()> {
    match text.find('\0') {
        Some(at) => Err(Error::msg(format!(
            "{name}: NUL byte at byte offset {at}: binary data (expected UTF-8 text)"
        ))),
        None => Ok(()),
    }
}

/// An article's text as stored: without a byte-order mark or trailing white space, so the
/// same article from a file or a CSV cell is recognized as the same text. Blank text is an
/// error, and so is a NUL character (binary data). Line endings are kept as they are (LF,
/// CRLF or a lone CR), so offsets index the text exactly as it was given.
pub fn article_text(name: &str, text: &str) -> Result<String> {
    check_no_nul(name, text)?;
    // Every leading mark: text pasted from two BOM-marked files can carry more than one.
    let text = text.trim_start_matches('\u{feff}').trim_end();
    if text.trim().is_empty() {
        return Err(Error::msg(format!(
            "{name}: empty article (expected some text)"
        )));
    }
    Ok(text.to_string())
}

/// The file types `add` reads as text.
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown"];

/// The file types read as HTML pages (their readable text is stored).
pub const HTML_EXTENSIONS: &[&str] = &["html", "htm"];

/// The default of `--max-bytes`: an article (file, CSV cell or JSONL text) larger than this is
/// refused.
pub const DEFAULT_MAX_BYTES: u64 = 10_000_000;

/// An error unless `len` bytes is within the limit; `name` names the file, row or line.
pub fn check_size(name: &str, len: u64, max: u64) -> Result<()> {
    if len > max {
        return Err(Error::msg(format!(
            "{name}: article is {len} bytes, over the limit of {max} bytes (see --max-bytes)"
        )));
    }
    Ok(())
}

/// The bytes of a file, or of standard input for `-`, refusing one larger than `max` bytes
/// before reading more than that; a missing file or a directory is an error that says so.
pub fn read_bytes_limited(path: &Path, max: u64) -> Result<Vec<u8>> {
    read_within(path, max, &|name, len| match len {
        Some(len) => Error::msg(format!(
            "{name}: article is {len} bytes, over the limit of {max} bytes (see --max-bytes)"
        )),
        None => Error::msg(format!(
            "{name}: article is over the limit of {max} bytes (see --max-bytes)"
        )),
    })
}

/// At most `max` + 1 bytes of `path` (or standard input), whatever it is; `over` makes the
/// error for an input over `max` (given its size when known beforehand).
fn read_within(
    path: &Path,
    max: u64,
    over: &dyn Fn(&str, Option<u64>) -> Error,
) -> Result<Vec<u8>> {
    let name = display_name(path);
    let bounded = |reader: &mut dyn Read| -> Result<Vec<u8>> {
        let mut buf = Vec::new();
        reader
            .take(max.saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(|e| Error::io(&name, e))?;
        if buf.len() as u64 > max {
            return Err(over(&name, None));
        }
        Ok(buf)
    };
    if is_stdin(path) {
        return bounded(&mut std::io::stdin().lock());
    }
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::msg(format!("{name}: no such file")));
        }
        Err(e) => return Err(Error::io(&name, e)),
        Ok(m) if m.is_dir() => {
            return Err(Error::msg(format!(
                "{name}: is a directory (expected a file)"
            )));
        }
        Ok(m) if m.is_file() && m.len() > max => return Err(over(&name, Some(m.len()))),
        Ok(_) => {}
    }
    // a device, a FIFO or a file growing as it is read is bounded the same way
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(&name, e))?;
    bounded(&mut file)
}

/// The longest metadata field (id, title, outlet, author, date, url) accepted, in bytes.
pub const MAX_META_BYTES: usize = 4096;

/// An error unless every metadata field of `meta` is within [`MAX_META_BYTES`]; `at` names
/// the file or row and `field` turns a field's name into its column, key or flag.
pub fn check_meta(
    at: &str,
    meta: &crate::model::ArticleMeta,
    field: impl Fn(&str) -> String,
) -> Result<()> {
    for (name, value) in [
        ("id", &meta.external_id),
        ("title", &meta.title),
        ("outlet", &meta.outlet),
        ("author", &meta.author),
        ("date", &meta.date),
        ("url", &meta.url),
    ] {
        if let Some(v) = value.as_deref().filter(|v| v.len() > MAX_META_BYTES) {
            return Err(Error::msg(format!(
                "{at}, {}: {} bytes, over the limit of {MAX_META_BYTES} bytes for a metadata field \
                 (expected at most 4 KB)",
                field(name),
                v.len()
            )));
        }
    }
    Ok(())
}

/// An article read from a file, with what an HTML page says about itself.
#[derive(Debug, Clone)]
pub struct ArticleFile {
    pub text: String,
    /// The page's title (HTML only).
    pub title: Option<String>,
    /// The page's byline (HTML only).
    pub byline: Option<String>,
}

/// Whether `path` names an HTML page by its extension.
pub fn is_html(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| HTML_EXTENSIONS.contains(&e.as_str()))
}

/// Turn a file's bytes into an article: HTML pages (by extension) become their readable text,
/// other files are UTF-8 text. `name` is used in messages.
pub fn article_from_bytes(name: &str, path: &Path, bytes: Vec<u8>) -> Result<ArticleFile> {
    let raw = decode(name, bytes)?;
    if is_html(path) {
        let page =
            crate::ingest::html::article(&raw).map_err(|e| Error::msg(format!("{name}: {e}")))?;
        return Ok(ArticleFile {
            text: article_text(name, &page.text)?,
            title: page.title,
            byline: page.byline,
        });
    }
    Ok(ArticleFile {
        text: article_text(name, &raw)?,
        title: None,
        byline: None,
    })
}

/// Read an article file for `add`: `.txt`, `.md` (or no extension), `.html`, or `-` for
/// stdin (text), refusing one over `max` bytes.
pub fn read_article_file(path: &Path, max: u64) -> Result<ArticleFile> {
    let name = display_name(path);
    if !is_stdin(path) {
        if let Some(ext) = path.extension() {
            let ext = ext.to_string_lossy().to_lowercase();
            if !TEXT_EXTENSIONS.contains(&ext.as_str()) && !HTML_EXTENSIONS.contains(&ext.as_str())
            {
                let hint = if ext == "csv" || ext == "jsonl" {
                    "; to store the articles of a .csv or .jsonl file use `whosaid import`"
                } else {
                    ""
                };
                return Err(Error::msg(format!(
                    "{name}: unsupported file type .{ext} (expected a .txt, .md or .html file{hint})"
                )));
            }
        }
    }
    let bytes = read_bytes_limited(path, max)?;
    article_from_bytes(&name, path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_utf8_names_the_byte_offset() {
        let err = decode("x.txt", b"ab\xffcd".to_vec())
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "x.txt: invalid UTF-8 at byte offset 2 (expected UTF-8 text)"
        );
    }

    #[test]
    fn nul_bytes_are_binary_data() {
        let err = decode("x.txt", b"ab\0cd".to_vec()).unwrap_err().to_string();
        assert_eq!(
            err,
            "x.txt: NUL byte at byte offset 2: binary data (expected UTF-8 text)"
        );
        assert!(article_text("x", "a\u{0}b").is_err());
    }

    #[test]
    fn article_text_is_trimmed_at_the_end_only() {
        assert_eq!(article_text("x", "\u{feff}  A b.\n\n").unwrap(), "  A b.");
        // Found by the `readers` fuzz target: a CSV cell starting with two marks kept one.
        assert_eq!(article_text("x", "\u{feff}\u{feff}A b.").unwrap(), "A b.");
        assert!(article_text("x", "\u{feff}\u{feff}").is_err());
        assert!(article_text("x", " \n\t").is_err());
    }
}

//! CSV sheets filled in by hand, as a spreadsheet saves them (`claim import` reads its
//! worksheet here): UTF-8 or UTF-16 with a byte-order mark (a Windows-1252 save refused with
//! a hint), cells separated by `,`, `;` or tabs (whichever gives the header the columns the
//! caller needs), header cells named in any case with the values after them ignored, and
//! rows numbered as the spreadsheet shows them: the header is row 1 and a blank line is a
//! row. A quoted cell that never closes refuses the sheet, naming its row and line.

use crate::error::{Error, Result};
use crate::ingest::quotes::unclosed_quote_with;

/// The Windows-1252 character of a byte that is not UTF-8, for the hint.
fn cp1252(b: u8) -> Option<char> {
    const HIGH: [Option<char>; 32] = [
        Some('€'),
        None,
        Some('‚'),
        Some('ƒ'),
        Some('„'),
        Some('…'),
        Some('†'),
        Some('‡'),
        Some('ˆ'),
        Some('‰'),
        Some('Š'),
        Some('‹'),
        Some('Œ'),
        None,
        Some('Ž'),
        None,
        None,
        Some('‘'),
        Some('’'),
        Some('“'),
        Some('”'),
        Some('•'),
        Some('–'),
        Some('—'),
        Some('˜'),
        Some('™'),
        Some('š'),
        Some('›'),
        Some('œ'),
        None,
        Some('ž'),
        Some('Ÿ'),
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        0xa0..=0xff => char::from_u32(u32::from(b)),
        _ => None,
    }
}

const SAVE_AS: &str = "save the sheet as \u{201c}CSV UTF-8\u{201d} and import it again";

/// A sheet's text: UTF-8 (a byte-order mark skipped) or UTF-16 with a byte-order mark; a
/// Windows-1252 or unmarked UTF-16 save is an error with a hint.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String> {
    let utf16 = |bytes: &[u8], little: bool| -> Result<String> {
        let units: Vec<u16> = bytes
            .chunks(2)
            .map(|c| {
                let pair = [c[0], *c.get(1).unwrap_or(&0)];
                if little {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| {
            Error::msg(format!(
                "{name}: invalid UTF-16 (the file starts with a UTF-16 byte-order mark; {SAVE_AS})"
            ))
        })
    };
    let text = match bytes.as_slice() {
        [0xff, 0xfe, rest @ ..] => utf16(rest, true)?,
        [0xfe, 0xff, rest @ ..] => utf16(rest, false)?,
        // Text in UTF-16 without a mark has a NUL in every other byte.
        b if b.iter().take(4096).filter(|&&x| x == 0).count() * 4 >= b.len().min(4096)
            && !b.is_empty() =>
        {
            return Err(Error::msg(format!(
                "{name}: looks like UTF-16 without a byte-order mark (expected UTF-8 text; \
                 {SAVE_AS})"
            )))
        }
        _ => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let bytes = e.into_bytes();
                let at = std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), |_| 0);
                let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                let b = bytes[at];
                let as_1252 = match cp1252(b) {
                    Some(c) => format!(", where it is \u{201c}{c}\u{201d}"),
                    None => String::new(),
                };
                return Err(Error::msg(format!(
                    "{name}: line {line}: byte 0x{b:02X} at byte offset {at} is not UTF-8: the \
                     sheet looks saved as Windows-1252 (CP-1252){as_1252} (expected UTF-8 text; \
                     {SAVE_AS})"
                )));
            }
        },
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
    if let Some(at) = text.find('\0') {
        return Err(Error::msg(format!(
            "{name}: NUL byte at byte offset {at}: binary data (expected a CSV sheet)"
        )));
    }
    Ok(text)
}

/// A header cell as a column name: trimmed, any case, without the values in brackets or
/// after a colon ("Identity (named | …)" is `identity`).
pub fn column_name(cell: &str) -> String {
    let cell = cell.trim().trim_start_matches('\u{feff}');
    let cut = cell.find(['(', ':']).unwrap_or(cell.len());
    cell[..cut].trim().to_lowercase()
}

/// The delimiter whose header has every column of `needed`, with that header's column
/// names ([`column_name`]); `None` when no delimiter gives them. A quoted cell that never
/// closes is an error naming its row and line.
pub fn header(name: &str, text: &str, needed: &[&str]) -> Result<Option<(u8, Vec<String>)>> {
    let found = [b',', b';', b'\t'].into_iter().find_map(|d| {
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(d)
            .flexible(true)
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut record = csv::StringRecord::new();
        rdr.read_record(&mut record).ok()?;
        let names: Vec<String> = record.iter().map(column_name).collect();
        needed
            .iter()
            .all(|c| names.iter().any(|n| n == c))
            .then_some((d, names))
    });
    if let Some((delimiter, _)) = &found {
        if let Some(opened) = unclosed_quote_with(text.as_bytes(), *delimiter) {
            return Err(unclosed_error(name, text, opened as usize, *delimiter));
        }
    }
    Ok(found)
}

/// The error for a sheet whose quoted cell opened at byte `opened` never closes: it names
/// the row holding that cell (the header is row 1) and the line of the quote.
fn unclosed_error(name: &str, text: &str, opened: usize, delimiter: u8) -> Error {
    let line = text[..opened].matches('\n').count() + 1;
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut record = csv::ByteRecord::new();
    let mut row = 0usize;
    let mut rows = 0usize;
    while let Ok(true) = rdr.read_byte_record(&mut record) {
        if record
            .position()
            .is_some_and(|p| p.byte() as usize <= opened)
        {
            row = rows;
        }
        rows += 1;
    }
    Error::msg(format!(
        "{name}: row {}: the quoted cell opened at line {line} never closes \
         (expected a closing \" before the end of the file)",
        row + 1
    ))
}

/// How many blank lines the csv reader skipped before a record whose position is `at`:
/// the position is where the reader went on after the record before, which may be the
/// line feed of that record's CRLF.
fn blank_lines_at(text: &[u8], at: usize) -> u64 {
    let mut i = at;
    if i > 0 && text.get(i - 1) == Some(&b'\r') && text.get(i) == Some(&b'\n') {
        i += 1;
    }
    let mut n = 0;
    loop {
        match (text.get(i), text.get(i + 1)) {
            (Some(b'\r'), Some(b'\n')) => i += 2,
            (Some(b'\n' | b'\r'), _) => i += 1,
            _ => return n,
        }
        n += 1;
    }
}

/// The rows of a sheet under its header, each with the number a spreadsheet shows for it
/// (the header is row 1; blank lines, which the csv reader skips, count), whatever its
/// number of cells.
pub fn rows(text: &str, delimiter: u8) -> Rows<'_> {
    Rows {
        text: text.as_bytes(),
        records: csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(text.as_bytes())
            .into_records(),
        index: 0,
        blank: 0,
    }
}

/// The iterator of [`rows`].
pub struct Rows<'a> {
    text: &'a [u8],
    records: csv::StringRecordsIntoIter<&'a [u8]>,
    /// Records read so far, the header included.
    index: u64,
    /// Blank lines seen so far.
    blank: u64,
}

impl Iterator for Rows<'_> {
    type Item = (u64, std::result::Result<csv::StringRecord, csv::Error>);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let record = self.records.next()?;
            let i = self.index;
            self.index += 1;
            let record = match record {
                Ok(r) => r,
                Err(e) => return Some((i + 1 + self.blank, Err(e))),
            };
            // The csv reader's line numbers do not say where a record after a blank line
            // starts; its byte offsets do.
            if let Some(p) = record.position() {
                self.blank += blank_lines_at(self.text, p.byte() as usize);
            }
            if i == 0 {
                continue; // the header
            }
            return Some((i + 1 + self.blank, Ok(record)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_and_utf16_saves_are_told_apart() {
        assert_eq!(decode("s", b"\xef\xbb\xbfa,b\n".to_vec()).unwrap(), "a,b\n");
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("a\tcaf\u{e9}\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode("s", le).unwrap(), "a\tcaf\u{e9}\n");
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain("x".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode("s", be).unwrap(), "x");
        let err = decode("s", b"a,b\nIt\x92s,caf\xe9\n".to_vec())
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("s: line 2: byte 0x92 at byte offset 6 is not UTF-8")
                && err.contains("Windows-1252")
                && err.contains("\u{201c}\u{2019}\u{201d}")
                && err.contains("CSV UTF-8"),
            "{err}"
        );
        let bare: Vec<u8> = "a,b\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let err = decode("s", bare).unwrap_err().to_string();
        assert!(err.contains("UTF-16 without a byte-order mark"), "{err}");
    }

    #[test]
    fn header_cells_name_their_column_whatever_the_spreadsheet_did() {
        assert_eq!(
            column_name("identity (named | anonymous | unspecified)"),
            "identity"
        );
        assert_eq!(column_name("\u{feff} Form: direct quote"), "form");
        assert_eq!(column_name("Cue"), "cue");
    }

    #[test]
    fn the_delimiter_is_the_one_that_gives_the_columns_and_rows_count_blank_lines() {
        let text = "Article;Sentence;Source\n\n7;1;\"the \n mayor\"\n8;2;x\n";
        let (d, names) = header("s", text, &["article", "sentence"])
            .unwrap()
            .unwrap();
        assert_eq!(d, b';');
        assert_eq!(names, ["article", "sentence", "source"]);
        let got: Vec<(u64, String)> = rows(text, d)
            .map(|(n, r)| (n, r.unwrap()[0].to_string()))
            .collect();
        // row 2 is the blank line; the cell over two lines is one row
        assert_eq!(got, [(3, "7".to_string()), (4, "8".to_string())]);
        // the same with CRLF line ends, and blank lines after a record and at the end
        let text = "Article;Sentence\r\n\r\n\r\n7;1\r\n8;2\r\n\r\n9;3\r\n\r\n";
        let got: Vec<(u64, String)> = rows(text, b';')
            .map(|(n, r)| (n, r.unwrap()[0].to_string()))
            .collect();
        assert_eq!(
            got,
            [
                (4, "7".to_string()),
                (5, "8".to_string()),
                (7, "9".to_string())
            ]
        );
        let text = "a,b\n7,1\n\n8,2\n";
        let got: Vec<u64> = rows(text, b',').map(|(n, _)| n).collect();
        assert_eq!(got, [2, 4]);
        assert!(header("s", "a,b\n", &["article"]).unwrap().is_none());
        let err = header("s", "article,sentence\n1,\"open\n2,x\n", &["article"])
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("s: row 2: the quoted cell opened at line 2 never closes"),
            "{err}"
        );
    }
}

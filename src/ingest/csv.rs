//! CSV input with a header row, streamed one record at a time: each record with its row
//! number and the line it starts on (counting LF, CRLF and a lone CR), the header's columns
//! matched against the names a reader knows, and a quoted cell that never closes refused
//! naming its row (the csv crate would read it to the end of the input).

use std::collections::{HashSet, VecDeque};
use std::io::Read;

use crate::error::{shorten, Error, Result};
use crate::ingest::quotes::QuoteTracker;

/// How many unknown column names a note or message lists before "and N more".
const LISTED: usize = 10;

/// One record of a CSV input.
#[derive(Debug, Clone)]
pub struct Record {
    /// 1-based, the header not counted.
    pub row_no: usize,
    /// The line the record starts on.
    pub line: usize,
    pub record: csv::ByteRecord,
}

/// The columns of a header: which known name each field is (`None` for an unknown one),
/// and a note naming the unknown ones, if any.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    pub known: Vec<Option<&'static str>>,
    pub note: Option<String>,
}

/// The records of a CSV input, after its header.
pub struct Rows<R: Read> {
    name: String,
    rdr: csv::Reader<LineEnds<R>>,
    row_no: usize,
    /// The line of the last record read.
    last_line: usize,
    done: bool,
}

impl<R: Read> Rows<R> {
    /// Read the header of `input` (named `name` in messages) and match its columns against
    /// `known`; `needed` lists the columns of which at least one must be there.
    pub fn open(
        name: &str,
        input: R,
        known: &'static [&'static str],
        needed: &[&str],
    ) -> Result<(Rows<R>, Columns)> {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(LineEnds::new(input));
        let columns = columns(name, &mut rdr, known, needed)?;
        Ok((
            Rows {
                name: name.to_string(),
                rdr,
                row_no: 0,
                last_line: 1,
                done: false,
            },
            columns,
        ))
    }
}

/// Read and check a CSV header: which known column each field is, and a note naming the
/// unknown ones. A known column given twice is an error.
fn columns<R: Read>(
    name: &str,
    rdr: &mut csv::Reader<LineEnds<R>>,
    known: &'static [&'static str],
    needed: &[&str],
) -> Result<Columns> {
    let header = match rdr.byte_headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            // A header whose quote never closes swallows the whole file.
            if let Some(line) = rdr.get_mut().unclosed_line() {
                return Err(unclosed(name, "header row", line));
            }
            return Err(Error::msg(format!("{name}: header row: {e}")));
        }
    };
    if header.is_empty() {
        return Err(Error::msg(format!(
            "{name}: empty file (expected a header row with {})",
            known.join(",")
        )));
    }
    let mut columns: Vec<Option<&'static str>> = Vec::with_capacity(header.len());
    let mut seen: HashSet<&'static str> = HashSet::new();
    let mut unknown: Vec<String> = Vec::new();
    let mut unknown_count = 0usize;
    for (i, h) in header.iter().enumerate() {
        let h = std::str::from_utf8(h).map_err(|e| {
            Error::msg(format!(
                "{name}: header, column {}: invalid UTF-8 at byte {} of the field (expected UTF-8 text)",
                i + 1,
                e.valid_up_to()
            ))
        })?;
        let h = h.trim().trim_start_matches('\u{feff}').to_lowercase();
        let found = known.iter().copied().find(|k| *k == h);
        match found {
            None => {
                unknown_count += 1;
                if unknown.len() < LISTED {
                    unknown.push(format!("{:?}", shorten(&h, 40)));
                }
            }
            Some(k) if !seen.insert(k) => {
                return Err(Error::msg(format!(
                    "{name}: header: column {h:?} appears twice"
                )));
            }
            Some(_) => {}
        }
        columns.push(found);
    }
    if !needed.iter().any(|n| seen.contains(n)) {
        let found: Vec<String> = header
            .iter()
            .take(LISTED)
            .map(|h| format!("{:?}", shorten(&String::from_utf8_lossy(h), 20)))
            .collect();
        let more = match header.len().saturating_sub(LISTED) {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        return Err(Error::msg(format!(
            "{name}: line 1: the header row has no {} column (found {}{more}; expected a \
             header row naming columns {})",
            needed.join(" or "),
            found.join(","),
            known.join(",")
        )));
    }
    let note = (unknown_count > 0).then(|| {
        let more = match unknown_count - unknown.len() {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        format!(
            "{name}: ignored unknown column{} {}{more} (known: {})",
            if unknown_count == 1 { "" } else { "s" },
            unknown.join(", "),
            known.join(", ")
        )
    });
    Ok(Columns {
        known: columns,
        note,
    })
}

/// The error for a quoted cell that never closes.
fn unclosed(name: &str, row: &str, line: usize) -> Error {
    Error::msg(format!(
        "{name}: {row}: the quoted cell opened at line {line} never closes \
         (expected a closing \" before the end of the file)"
    ))
}

impl<R: Read> Iterator for Rows<R> {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Result<Record>> {
        if self.done {
            return None;
        }
        self.row_no += 1;
        let row_no = self.row_no;
        let mut record = csv::ByteRecord::new();
        match self.rdr.read_byte_record(&mut record) {
            Ok(false) => {
                self.done = true;
                let line = self.rdr.get_mut().unclosed_line()?;
                let row = match row_no - 1 {
                    0 => "header row".to_string(),
                    r => format!("row {r} (line {})", self.last_line),
                };
                Some(Err(unclosed(&self.name, &row, line)))
            }
            Ok(true) => {
                let line = match record.position() {
                    Some(p) => self.rdr.get_mut().line_at(p.byte()),
                    None => 0,
                };
                self.last_line = line;
                Some(Ok(Record {
                    row_no,
                    line,
                    record,
                }))
            }
            Err(e) => {
                self.done = true;
                if let csv::ErrorKind::UnequalLengths { pos: Some(p), .. } = e.kind() {
                    // A quoted cell that never closes swallows the rest of the input into
                    // its row, which then looks short: say what is really wrong.
                    let start = p.byte();
                    let line = self.rdr.get_mut().line_at(start);
                    if let Some(opened) = self.unclosed_after(start) {
                        let row = format!("row {row_no} (line {line})");
                        return Some(Err(unclosed(&self.name, &row, opened)));
                    }
                }
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

impl<R: Read> Rows<R> {
    /// After a short row starting at byte `start`: the line of a quote at or after `start`
    /// that opened a cell never closed, found by reading on to the end of the input (the
    /// reader has already read there when the cell swallowed the rest).
    fn unclosed_after(&mut self, start: u64) -> Option<usize> {
        let mut rest = csv::ByteRecord::new();
        if !matches!(self.rdr.read_byte_record(&mut rest), Ok(false)) {
            return None;
        }
        let ends = self.rdr.get_mut();
        let opened = ends.quotes.unclosed().filter(|&at| at >= start)?;
        Some(ends.line_at(opened))
    }
}

/// A reader that counts line ends as the bytes go by, LF, CRLF and a lone CR one each (the
/// csv crate counts LF only), so a record's byte offset can be turned into its line. Only
/// the line ends not yet asked about are kept: those in the csv reader's buffer.
pub struct LineEnds<R> {
    inner: R,
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

impl<R: Read> LineEnds<R> {
    pub fn new(inner: R) -> LineEnds<R> {
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
    pub fn line_at(&mut self, byte: u64) -> usize {
        while self.ends.front().is_some_and(|&e| e < byte) {
            self.ends.pop_front();
            self.counted += 1;
        }
        self.counted + 1
    }

    /// At the end of the input: the line of the quote that opened a cell never closed.
    fn unclosed_line(&mut self) -> Option<usize> {
        let opened = self.quotes.unclosed()?;
        Some(self.line_at(opened))
    }
}

impl<R: Read> Read for LineEnds<R> {
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

#[cfg(test)]
mod tests {
    use super::*;

    use crate::ingest::byte_reader::ByteByByte;

    const KNOWN: &[&str] = &["id", "text"];

    #[test]
    fn line_numbers_count_crlf_and_lone_cr_across_reads() {
        let text = b"id,text\r\na,\"One\r\nsaid so.\"\rb,Two said so.\n";
        let (rows, _) = Rows::open(
            "x.csv",
            ByteByByte(std::io::Cursor::new(text.to_vec())),
            KNOWN,
            &["text"],
        )
        .unwrap();
        let lines: Vec<usize> = rows.map(|r| r.unwrap().line).collect();
        assert_eq!(lines, vec![2, 4]);
    }

    #[test]
    fn a_wide_header_is_read_in_one_pass_and_named_briefly() {
        let mut header: Vec<String> = (0..100_000).map(|i| format!("c{i}")).collect();
        header.push("text".into());
        let csv = format!("{}\n", header.join(","));
        let (_, cols) = Rows::open("w.csv", csv.as_bytes(), KNOWN, &["text"]).unwrap();
        let note = cols.note.unwrap();
        assert!(note.contains("\"c9\" and 99990 more"), "{note}");
        assert!(note.len() < 300, "{note}");
        let err = Rows::open(
            "w.csv",
            "a,b,c,d,e,f,g,h,i,j,k,l\n".as_bytes(),
            KNOWN,
            &["text"],
        )
        .err()
        .unwrap()
        .to_string();
        assert!(err.contains("\"j\" and 2 more"), "{err}");
    }
}

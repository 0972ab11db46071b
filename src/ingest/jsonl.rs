//! JSON Lines input, read one way for every command (`import`, `analyze --jsonl`, `eval` and
//! the examples): lines end at LF, CRLF or a lone CR (a JSON string cannot hold a raw CR, so
//! no object is split); byte-order marks at the start of a line are skipped (offsets still
//! count them); a blank line holds nothing; every other line is one JSON object whose keys
//! are each given once. A line longer than the reader's limit is an error, found before the
//! whole line is held in memory.

use std::collections::BTreeSet;
use std::fmt;
use std::io::{BufRead, BufReader, Read};

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// One line of a JSON Lines input, as read: its 1-based number, the byte offset where its
/// content starts (after any byte-order marks) and its bytes without the line end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub no: usize,
    pub offset: usize,
    pub bytes: Vec<u8>,
}

impl Line {
    /// The line's JSON object, or `None` for a blank line. `name` names the input in
    /// messages ("a.jsonl: line 3: …").
    pub fn object(&self, name: &str) -> Result<Option<Map<String, Value>>> {
        parse_object(name, self.no, self.offset, &self.bytes)
    }

    /// `object` with what is wrong said without the input's name and line number (for a
    /// caller that records those apart, as `analyze --jsonl --on-error skip` does).
    pub fn parsed(&self) -> std::result::Result<Option<Map<String, Value>>, String> {
        parse(self.offset, &self.bytes)
    }
}

/// The lines of a JSON Lines input, one at a time.
pub struct Lines<R: Read> {
    name: String,
    reader: BufReader<R>,
    line_no: usize,
    offset: usize,
    limit: u64,
    /// The last line ended with a CR: a LF right after it belongs to that line end.
    after_cr: bool,
    done: bool,
}

impl<R: Read> Lines<R> {
    /// Read `reader` as JSON Lines named `name`, refusing a line longer than `limit` bytes.
    pub fn new(name: &str, reader: R, limit: u64) -> Lines<R> {
        Lines::with_capacity(name, reader, limit, 1 << 16)
    }

    /// `new` with a read buffer of `capacity` bytes (tests use tiny ones).
    pub fn with_capacity(name: &str, reader: R, limit: u64, capacity: usize) -> Lines<R> {
        Lines {
            name: name.to_string(),
            reader: BufReader::with_capacity(capacity.max(1), reader),
            line_no: 0,
            offset: 0,
            limit,
            after_cr: false,
            done: false,
        }
    }

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

impl<R: Read> Iterator for Lines<R> {
    type Item = Result<Line>;

    fn next(&mut self) -> Option<Result<Line>> {
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
                // Files joined end to end can each bring their own mark, even several.
                let marks = bytes
                    .chunks(3)
                    .take_while(|c| *c == b"\xef\xbb\xbf")
                    .count();
                if marks > 0 {
                    bytes.drain(..3 * marks);
                    offset += 3 * marks;
                }
                Some(Ok(Line {
                    no: self.line_no,
                    offset,
                    bytes,
                }))
            }
        }
    }
}

/// The JSON objects of a whole input held in memory, with their line numbers; blank lines
/// are skipped. The first bad line is the error.
pub fn objects(name: &str, bytes: &[u8]) -> Result<Vec<(usize, Map<String, Value>)>> {
    let mut out = Vec::new();
    for line in Lines::new(name, bytes, u64::MAX) {
        let line = line?;
        if let Some(obj) = line.object(name)? {
            out.push((line.no, obj));
        }
    }
    Ok(out)
}

/// Parse one line: UTF-8 text, then one JSON object without repeated keys, or nothing when
/// the line is blank. `offset` is where the line starts in the input, for the byte offset
/// of bad UTF-8.
pub fn parse_object(
    name: &str,
    line_no: usize,
    offset: usize,
    bytes: &[u8],
) -> Result<Option<Map<String, Value>>> {
    parse(offset, bytes).map_err(|e| Error::msg(format!("{name}: line {line_no}: {e}")))
}

/// [`parse_object`] with what is wrong said without the input's name and line number.
fn parse(offset: usize, bytes: &[u8]) -> std::result::Result<Option<Map<String, Value>>, String> {
    let line = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "invalid UTF-8 at byte offset {} (expected UTF-8 text)",
            offset + e.valid_up_to()
        )
    })?;
    let line = line.trim();
    if line.is_empty() {
        return Ok(None);
    }
    let mut de = serde_json::Deserializer::from_str(line);
    let value = Strict
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| {
            // A line is one line: its column is what says where.
            let msg = e.to_string().replace(" at line 1 column ", " at column ");
            match e.classify() {
                serde_json::error::Category::Data => msg,
                _ => format!("invalid JSON: {msg}"),
            }
        })?;
    match value {
        Value::Object(map) => Ok(Some(map)),
        _ => Err("expected a JSON object".to_string()),
    }
}

/// A JSON value whose objects give each key once, at any depth: a repeated key would
/// silently keep one of two values.
struct Strict;

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Value, D::Error> {
        d.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> std::result::Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> std::result::Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> std::result::Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> std::result::Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> std::result::Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> std::result::Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Value, D::Error> {
        Strict.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(Strict)? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Value, A::Error> {
        let mut out = Map::new();
        let mut seen = BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!(
                    "key {key:?} appears twice (expected each key once)"
                )));
            }
            let value = map.next_value_seed(Strict)?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::ingest::byte_reader::ByteByByte;

    #[test]
    fn lines_end_at_lf_crlf_or_lone_cr_across_reads() {
        let text = b"\xef\xbb\xbf{\"text\":\"A.\"}\r\n{\"text\":\"B.\"}\r\r{\"text\":\"C.\"}\n";
        let lines = Lines::with_capacity(
            "x.jsonl",
            ByteByByte(std::io::Cursor::new(text.to_vec())),
            1000,
            1,
        );
        let got: Vec<(usize, usize, Vec<u8>)> = lines
            .map(|r| r.unwrap())
            .map(|l| (l.no, l.offset, l.bytes))
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
    fn marks_at_the_start_of_any_line_are_skipped() {
        let text = b"\xef\xbb\xbf\xef\xbb\xbf{\"a\":1}\n\xef\xbb\xbf{\"a\":2}\n";
        let got = objects("x", text).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].0, 2);
    }

    #[test]
    fn repeated_keys_are_refused_at_any_depth() {
        let err = |s: &str| objects("x.jsonl", s.as_bytes()).unwrap_err().to_string();
        assert_eq!(
            err("{\"text\": \"a\"}\n{\"text\": \"a\", \"id\": 1, \"text\": \"b\"}"),
            "x.jsonl: line 2: key \"text\" appears twice (expected each key once) at column 29"
        );
        assert!(err("{\"a\": [{\"b\": 1, \"b\": 2}]}").contains("key \"b\" appears twice"));
        assert!(err("{\"a\": 1,}").starts_with("x.jsonl: line 1: invalid JSON: trailing comma"));
        assert_eq!(err("[1]"), "x.jsonl: line 1: expected a JSON object");
        // the same key in two objects is fine
        assert_eq!(
            objects("x", b"{\"a\": {\"b\": 1}, \"c\": {\"b\": 2}}").unwrap()[0].1["c"]["b"],
            2
        );
    }
}

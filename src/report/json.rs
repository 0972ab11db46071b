//! The JSON printers: the documented contract of `report --format json` and `analyze`.

use std::io::Write;

use serde::Serialize;

use crate::error::Result;
use crate::report::{Analysis, ArticleReport};

/// Write `value` as pretty JSON and a final newline.
pub fn write_pretty<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// A pretty JSON array written one element at a time, byte for byte what `write_pretty` writes
/// for the whole array, so a long report is never held in memory.
#[derive(Debug, Default)]
pub struct ArrayWriter {
    written: usize,
}

impl ArrayWriter {
    /// Write the next element.
    pub fn item<T: Serialize + ?Sized>(&mut self, out: &mut dyn Write, value: &T) -> Result<()> {
        let text = serde_json::to_string_pretty(value)?;
        out.write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
        // Strings are escaped, so every line break is the printer's: indent each line.
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(b"  ")?;
            out.write_all(line.as_bytes())?;
        }
        self.written += 1;
        Ok(())
    }

    /// Close the array.
    pub fn finish(self, out: &mut dyn Write) -> Result<()> {
        out.write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?;
        Ok(())
    }
}

/// `report --format json`: an array with one `{"article", "annotator", "breakdown"}` per article.
pub fn reports(out: &mut dyn Write, reports: &[ArticleReport]) -> Result<()> {
    write_pretty(out, reports)
}

/// `analyze --format json`: `{"attributions": [...], "breakdown": {...}}`.
pub fn analysis(out: &mut dyn Write, analysis: &Analysis) -> Result<()> {
    write_pretty(out, analysis)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_array_writer_writes_what_write_pretty_writes() {
        let values = [
            serde_json::json!({"a": 1, "b": [1, 2], "c": {"d": "x\ny"}, "e": []}),
            serde_json::json!({"a": null}),
        ];
        for n in 0..=values.len() {
            let mut whole = Vec::new();
            write_pretty(&mut whole, &values[..n]).unwrap();
            let mut streamed = Vec::new();
            let mut w = ArrayWriter::default();
            for v in &values[..n] {
                w.item(&mut streamed, v).unwrap();
            }
            w.finish(&mut streamed).unwrap();
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                String::from_utf8(whole).unwrap()
            );
        }
    }
}

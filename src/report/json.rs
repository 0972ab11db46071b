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

/// `report --format json`: an array with one `{"article", "annotator", "breakdown"}` per article.
pub fn reports(out: &mut dyn Write, reports: &[ArticleReport]) -> Result<()> {
    write_pretty(out, reports)
}

/// `analyze --format json`: `{"attributions": [...], "breakdown": {...}}`.
pub fn analysis(out: &mut dyn Write, analysis: &Analysis) -> Result<()> {
    write_pretty(out, analysis)
}

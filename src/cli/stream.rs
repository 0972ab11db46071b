//! Streamed output for long results (`report --all`, `export`): rows are written as they are
//! computed. Standard output gets them at once; `-o FILE` gets a temporary file in the same
//! folder, renamed over FILE only when the command succeeds, so a failed run leaves no
//! half-written file.

use std::io::{BufWriter, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// Run `print` on a buffered writer to stdout, or to `output` through a temporary file.
pub fn to_output(
    output: Option<&Path>,
    print: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    match output {
        None => {
            let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            print(&mut out)?;
            out.flush()?;
            Ok(())
        }
        Some(path) => {
            let dir = match path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            };
            let tmp = tempfile::Builder::new()
                .prefix(".whosaid-")
                .suffix(".tmp")
                .tempfile_in(dir)
                .map_err(|e| crate::cli::output_error(path, e))?;
            let mut out = BufWriter::with_capacity(1 << 16, tmp);
            print(&mut out)?;
            let tmp = out
                .into_inner()
                .map_err(|e| Error::io(path, e.into_error()))?;
            tmp.persist(path)
                .map_err(|e| crate::cli::output_error(path, e.error))?;
            Ok(())
        }
    }
}

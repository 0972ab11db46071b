//! The one way every command writes its output: to standard output (no `-o`, or `-o -`), or
//! to `-o FILE`.
//!
//! A regular file (or a name not yet taken) is written through a temporary file in the same
//! folder, renamed over FILE only when the command succeeds, so a failed run leaves no
//! half-written file and the old one stays. The new file gets the mode any new file gets
//! (0666 less the umask), or the old file's mode when it replaces one. A device or a FIFO
//! (`/dev/null`, `/dev/stdout`, a named pipe) is written directly: it cannot be replaced.
//! That `-o` never names the database is checked before any command runs (`cli::settle`).

use std::io::{BufWriter, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// Run `print` on a buffered writer to stdout, or to `output` (`-o -` is stdout, as `-` is
/// stdin for the inputs).
pub fn streamed(
    output: Option<&Path>,
    print: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let Some(path) = output.filter(|p| p.as_os_str() != "-") else {
        let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        print(&mut out)?;
        out.flush()?;
        return Ok(());
    };
    let existing = std::fs::metadata(path).ok();
    if let Some(m) = &existing {
        if !m.is_file() && !m.is_dir() {
            // a device or a FIFO: written in place
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| output_error(path, e))?;
            let mut out = BufWriter::with_capacity(1 << 16, file);
            print(&mut out)?;
            out.flush().map_err(|e| Error::io(path, e))?;
            return Ok(());
        }
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".whosaid-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // the mode of a new file: the kernel takes the umask off it
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let tmp = builder
        .tempfile_in(dir)
        .map_err(|e| output_error(path, e))?;
    if let Some(m) = existing.filter(|m| m.is_file()) {
        std::fs::set_permissions(tmp.path(), m.permissions()).map_err(|e| output_error(path, e))?;
    }
    let mut out = BufWriter::with_capacity(1 << 16, tmp);
    print(&mut out)?;
    let tmp = out
        .into_inner()
        .map_err(|e| Error::io(path, e.into_error()))?;
    tmp.persist(path).map_err(|e| output_error(path, e.error))?;
    Ok(())
}

/// Write `bytes`, rendered whole beforehand, to stdout or `output` as [`streamed`] does.
pub fn write_all(output: Option<&Path>, bytes: &[u8]) -> Result<()> {
    streamed(output, |w| Ok(w.write_all(bytes)?))
}

/// A failed write to `-o FILE`, saying which part of the path is wrong.
fn output_error(path: &std::path::Path, e: std::io::Error) -> Error {
    let shown = path.display();
    if path.is_dir() {
        return Error::msg(format!("-o {shown}: is a directory (expected a file name)"));
    }
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) if !dir.is_dir() => Error::msg(format!(
            "-o {shown}: folder {} does not exist (expected a file in an existing folder)",
            dir.display()
        )),
        _ => Error::io(format!("-o {shown}"), e),
    }
}

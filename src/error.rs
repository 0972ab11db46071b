//! One error type for the whole tool. Messages are lowercase phrases that name the file,
//! line, row or byte offset and say what was expected; `main` prints them once as
//! `whosaid: <message>`.

use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A bad combination of flags or arguments: exit code 2.
    #[error("{0}")]
    Usage(String),
    /// Bad input or a failed operation, already phrased for the user: exit code 1.
    #[error("{0}")]
    Msg(String),
    /// An I/O failure on a named file.
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A failure writing the output (stdout or `-o FILE`).
    #[error("writing output: {0}")]
    Output(#[source] std::io::Error),
    /// A database failure.
    #[error("database: {0}")]
    Db(#[from] rusqlite::Error),
}

impl From<std::io::Error> for Error {
    /// Bare I/O errors come from writing the output; reads name their file with `Error::io`.
    fn from(e: std::io::Error) -> Self {
        Error::Output(e)
    }
}

impl From<csv::Error> for Error {
    fn from(e: csv::Error) -> Self {
        if !e.is_io_error() {
            return Error::Msg(format!("csv: {e}"));
        }
        match e.into_kind() {
            csv::ErrorKind::Io(io) => Error::Output(io),
            _ => Error::msg("csv: output failed"),
        }
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        if e.is_io() {
            let kind = e.io_error_kind().unwrap_or(std::io::ErrorKind::Other);
            Error::Output(std::io::Error::new(kind, e))
        } else {
            Error::Msg(format!("json: {e}"))
        }
    }
}

impl Error {
    pub fn msg(m: impl Into<String>) -> Self {
        Error::Msg(m.into())
    }

    pub fn usage(m: impl Into<String>) -> Self {
        Error::Usage(m.into())
    }

    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().display().to_string(),
            source,
        }
    }

    /// Whether this is a closed output pipe (`| head -1`), which is not an error.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// `s` on one line and at most `max` characters, for quoting user input in a message: white
/// space becomes a space, and a longer text is cut with "…".
pub fn shorten(s: &str, max: usize) -> String {
    let flat = s.chars().map(|c| if c.is_whitespace() { ' ' } else { c });
    if s.chars().count() <= max {
        flat.collect()
    } else {
        let mut cut: String = flat.take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

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
    /// A database failure.
    #[error("database: {0}")]
    Db(#[from] rusqlite::Error),
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

    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

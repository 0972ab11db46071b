//! Every input reader: article text from files and standard input (`text`), HTML pages
//! (`html`), CSV (`csv`) and JSON Lines (`jsonl`) files, folders of article files
//! (`folder`), `analyze --jsonl` output (`analyzed`), the import inputs built on them
//! (`reader`), and sheets saved by a
//! spreadsheet (`sheet`). Readers run in time and memory linear in their input, and their
//! errors name the file, line or row and say what was expected. No database, no engine and
//! no terminal here.

pub mod analyzed;
pub mod csv;
pub mod folder;
pub mod html;
pub mod jsonl;
pub mod quotes;
pub mod reader;
pub mod sheet;
pub mod text;

#[cfg(test)]
pub(crate) mod byte_reader;

use crate::model::ArticleMeta;

/// An article read and checked, waiting to be stored.
#[derive(Debug, Clone)]
pub struct Pending {
    /// Where it came from, for messages ("a.txt", "list.csv: row 3 (line 4)").
    pub label: String,
    pub meta: ArticleMeta,
    pub text: String,
    /// What the reader made of the input that the user should hear about (a numeric JSON
    /// id taken as text).
    pub note: Option<String>,
    /// For analysed input (`import --analyzed`): the engine's findings the line carries, fitted
    /// to `text`; `None` for an article the engine has still to read.
    pub found: Option<analyzed::Found>,
}

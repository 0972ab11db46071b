//! Claims recorded by people: the words of a claim found in its article
//! ([`locate`]), the worksheet a class fills in ([`worksheet`]) and the file the annotation
//! page downloads ([`file`]). No database: articles are handed in, claims handed back.

pub mod file;
pub mod locate;
pub mod worksheet;

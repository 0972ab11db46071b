//! A folder of article files: every .txt, .md and .html file under it, recursively, in
//! sorted order, walked lazily (a folder of a million files is never listed whole).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::ingest::text::{HTML_EXTENSIONS, TEXT_EXTENSIONS};

/// Whether `path` names a file a folder import reads, by its extension.
pub fn is_article_file(path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    TEXT_EXTENSIONS.contains(&ext.as_str()) || HTML_EXTENSIONS.contains(&ext.as_str())
}

/// The article files under `dir`; an entry that cannot be read is an error naming it.
pub fn files(dir: &Path) -> impl Iterator<Item = Result<PathBuf>> + Send {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|entry| match entry {
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                Some(Err(Error::msg(format!("{path}: cannot read: {e}"))))
            }
            Ok(entry) => (entry.file_type().is_file() && is_article_file(entry.path()))
                .then(|| Ok(entry.into_path())),
        })
}

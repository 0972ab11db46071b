//! Articles: one per external id, or (without an id) one per text by content hash; found by
//! numeric or external id.

use rusqlite::{params, Connection, OptionalExtension, Row};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::model::{Article, ArticleMeta, Sentence};

/// The content hash that identifies an article: SHA-256 of its text, lowercase hex.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Which articles to list or report.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub outlet: Option<String>,
    /// Published on or after this date (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Published on or before this date (`YYYY-MM-DD`).
    pub until: Option<String>,
}

const COLUMNS: &str = "id, external_id, title, outlet, author, published, url, text, added_at";

fn from_row(r: &Row) -> rusqlite::Result<Article> {
    Ok(Article {
        id: r.get(0)?,
        meta: ArticleMeta {
            external_id: r.get(1)?,
            title: r.get(2)?,
            outlet: r.get(3)?,
            author: r.get(4)?,
            date: r.get(5)?,
            url: r.get(6)?,
        },
        text: r.get(7)?,
        added_at: r.get(8)?,
    })
}

/// The id of the article with this exact text, if stored.
pub fn find_by_text(conn: &Connection, text: &str) -> Result<Option<i64>> {
    find_by_hash(conn, &content_hash(text))
}

/// The id of the article whose text has this content hash, if stored.
pub fn find_by_hash(conn: &Connection, hash: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM articles WHERE content_hash = ?1 ORDER BY id LIMIT 1",
            params![hash],
            |r| r.get(0),
        )
        .optional()?)
}

/// The id and content hash of the article with this external id, if stored.
pub fn hash_of_external_id(conn: &Connection, external_id: &str) -> Result<Option<(i64, String)>> {
    Ok(conn
        .query_row(
            "SELECT id, content_hash FROM articles WHERE external_id = ?1",
            params![external_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// The id of the article with this external id, if stored.
pub fn find_by_external_id(conn: &Connection, external_id: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM articles WHERE external_id = ?1",
            params![external_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Store a new article and return its id, with its sentences when given (an article
/// without them is split when a report reads it). The caller checks for duplicates first.
pub fn insert(
    conn: &Connection,
    meta: &ArticleMeta,
    text: &str,
    sentences: Option<&[Sentence]>,
) -> Result<i64> {
    insert_hashed(conn, meta, text, &content_hash(text), sentences)
}

/// `insert` for a caller that has the text's content hash already.
pub fn insert_hashed(
    conn: &Connection,
    meta: &ArticleMeta,
    text: &str,
    hash: &str,
    sentences: Option<&[Sentence]>,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO articles (external_id, title, outlet, author, published, url, text, content_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        meta.external_id,
        meta.title,
        meta.outlet,
        meta.author,
        meta.date,
        meta.url,
        text,
        hash
    ])?;
    let id = conn.last_insert_rowid();
    if let Some(sentences) = sentences {
        super::sentences::store(conn, id, sentences)?;
    }
    Ok(id)
}

/// The article with this numeric id.
pub fn get(conn: &Connection, id: i64) -> Result<Option<Article>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM articles WHERE id = ?1"),
            params![id],
            from_row,
        )
        .optional()?)
}

/// The article named by `key`: `#N` is the article with numeric id N; anything else is the
/// article whose numeric id or external id it is. A key that is one article's numeric id and
/// another's external id is an error naming both, never a guess.
pub fn resolve(conn: &Connection, key: &str) -> Result<Article> {
    if let Some(n) = key.strip_prefix('#').and_then(|n| n.parse::<i64>().ok()) {
        return get(conn, n)?.ok_or_else(|| {
            Error::msg(format!(
                "no article with numeric id {n} (see `whosaid articles`)"
            ))
        });
    }
    let by_id = match key.parse::<i64>() {
        Ok(id) => get(conn, id)?,
        Err(_) => None,
    };
    let by_external = match find_by_external_id(conn, key)? {
        Some(id) => get(conn, id)?,
        None => None,
    };
    match (by_id, by_external) {
        (Some(a), Some(b)) if a.id != b.id => Err(Error::msg(format!(
            "article {key:?} is ambiguous: it is the numeric id of article {} and the external \
             id of article {} (expected one article: write #{} or #{})",
            a.id, b.id, a.id, b.id
        ))),
        (Some(a), _) | (None, Some(a)) => Ok(a),
        (None, None) => Err(Error::msg(format!(
            "no article with id {key:?} (expected a numeric id or an external id, or #N for \
             numeric id N; see `whosaid articles`)"
        ))),
    }
}

/// The articles matching `filter`, by id.
pub fn list(conn: &Connection, filter: &Filter) -> Result<Vec<Article>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM articles
         WHERE (?1 IS NULL OR outlet = ?1)
           AND (?2 IS NULL OR published >= ?2)
           AND (?3 IS NULL OR published <= ?3)
         ORDER BY id"
    ))?;
    let rows = stmt.query_map(params![filter.outlet, filter.since, filter.until], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Claim counts of one article: (automatic, hand-recorded).
pub fn claim_counts(conn: &Connection, article_id: i64) -> Result<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT coalesce(sum(origin = 'auto'), 0), coalesce(sum(origin = 'manual'), 0)
         FROM claims WHERE article_id = ?1",
        params![article_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

//! The sentence spans of each article, cached in `article_sentences` (schema step 2) so
//! that reports over many articles do not split every text again.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::model::Sentence;

/// The spans as little-endian `u32` pairs `(start, end)`.
pub fn encode(sentences: &[Sentence]) -> Vec<u8> {
    let mut out = Vec::with_capacity(sentences.len() * 8);
    for s in sentences {
        // Offsets are code points of an article: far below 4 G.
        out.extend_from_slice(&u32::try_from(s.start).unwrap_or(u32::MAX).to_le_bytes());
        out.extend_from_slice(&u32::try_from(s.end).unwrap_or(u32::MAX).to_le_bytes());
    }
    out
}

/// The spans stored by `encode`; `None` when the blob is not a whole number of pairs.
pub fn decode(blob: &[u8]) -> Option<Vec<Sentence>> {
    if !blob.len().is_multiple_of(8) {
        return None;
    }
    Some(
        blob.chunks_exact(8)
            .map(|c| {
                let start = u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize;
                let end = u32::from_le_bytes([c[4], c[5], c[6], c[7]]) as usize;
                Sentence { start, end }
            })
            .collect(),
    )
}

/// How a caller splits a text into sentences (`extract::sentences`): the store holds the
/// spans but does not find them.
pub type Split = fn(&str) -> Vec<Sentence>;

/// The sentences of a stored article: from the cache, else split from `text` by `split`.
pub fn cached_or_split(
    article_id: i64,
    blob: Option<&[u8]>,
    text: Option<&str>,
    split: Split,
) -> Result<Vec<Sentence>> {
    if let Some(s) = blob.and_then(decode) {
        return Ok(s);
    }
    match text {
        Some(t) => Ok(split(t)),
        None => Err(Error::msg(format!(
            "article {article_id}: no sentence spans and no text (expected a whosaid database)"
        ))),
    }
}

/// Cache the sentences of a stored article.
pub fn store(conn: &Connection, article_id: i64, sentences: &[Sentence]) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO article_sentences (article_id, sentences, spans) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![article_id, sentences.len() as i64, encode(sentences)])?;
    Ok(())
}

/// The cached sentences of a stored article, if it has them.
pub fn cached(conn: &Connection, article_id: i64) -> Result<Option<Vec<Sentence>>> {
    let blob: Option<Vec<u8>> = conn
        .prepare_cached("SELECT spans FROM article_sentences WHERE article_id = ?1")?
        .query_row(params![article_id], |r| r.get(0))
        .optional()?;
    Ok(blob.as_deref().and_then(decode))
}

/// Fill the cache of every article that lacks it, splitting with `split` (after the
/// migration to step 2). Returns how many articles were filled.
pub fn fill_missing(conn: &Connection, split: Split) -> Result<usize> {
    let ids: Vec<i64> = {
        let mut stmt = conn.prepare(
            "SELECT id FROM articles
             WHERE NOT EXISTS (SELECT 1 FROM article_sentences WHERE article_id = articles.id)
             ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut read = conn.prepare("SELECT text FROM articles WHERE id = ?1")?;
    for &id in &ids {
        let text: String = read.query_row(params![id], |r| r.get(0))?;
        store(conn, id, &split(&text))?;
    }
    Ok(ids.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_round_trip() {
        let s = vec![
            Sentence { start: 0, end: 5 },
            Sentence {
                start: 6,
                end: 70_000,
            },
        ];
        assert_eq!(decode(&encode(&s)), Some(s));
        assert_eq!(decode(&[1, 2, 3]), None);
        assert_eq!(decode(&[]), Some(vec![]));
    }
}

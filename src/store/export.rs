//! Every claim with its article's metadata, streamed in one query (for `whosaid export`).

use rusqlite::params;

use crate::error::Result;
use crate::model::{ArticleInfo, Claim};
use crate::store::articles::Filter;
use crate::store::claims;

/// Call `f` with every claim of the articles matching `filter` (only `annotator`'s when
/// given) and its article, by article id and then in text order. Returns how many claims.
pub fn each(
    conn: &rusqlite::Connection,
    filter: &Filter,
    annotator: Option<&str>,
    mut f: impl FnMut(&ArticleInfo, &Claim) -> Result<()>,
) -> Result<usize> {
    let claim_columns: Vec<String> = claims::COLUMNS
        .split(',')
        .map(|c| format!("c.{}", c.trim()))
        .collect();
    let n = claim_columns.len();
    let mut stmt = conn.prepare(&format!(
        "SELECT {}, a.external_id, a.title, a.outlet, a.author, a.published, a.url
         FROM claims c JOIN articles a ON a.id = c.article_id
         WHERE (?1 IS NULL OR a.outlet = ?1)
           AND (?2 IS NULL OR a.published >= ?2)
           AND (?3 IS NULL OR a.published <= ?3)
           AND (?4 IS NULL OR c.annotator = ?4)
         ORDER BY c.article_id,
                  coalesce(c.content_start, c.cue_start, c.mention_start, 9223372036854775807),
                  coalesce(c.cue_start, 9223372036854775807),
                  coalesce(c.mention_start, 9223372036854775807), c.id",
        claim_columns.join(", ")
    ))?;
    let mut rows = stmt.query(params![
        filter.outlet,
        filter.since,
        filter.until,
        annotator
    ])?;
    let mut count = 0;
    while let Some(r) = rows.next()? {
        let claim = claims::from_row(r)?;
        let article = ArticleInfo {
            id: claim.article_id,
            external_id: r.get(n)?,
            title: r.get(n + 1)?,
            outlet: r.get(n + 2)?,
            author: r.get(n + 3)?,
            date: r.get(n + 4)?,
            url: r.get(n + 5)?,
        };
        f(&article, &claim)?;
        count += 1;
    }
    Ok(count)
}

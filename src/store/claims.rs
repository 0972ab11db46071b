//! Claims (stored attributions) and the per-article sources they rest on.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::{Error, Result};
use crate::model::{Attribution, Claim, Origin, Span};

/// The columns of schema steps 1 and 2, in `from_row` order.
macro_rules! base_columns {
    () => {
        "id, article_id, source, mention, mention_start, mention_end, cue, cue_start, cue_end, \
         content, content_start, content_end, identity, role, form, hedged, via, rule, \
         trigger, origin, annotator, created_at"
    };
}

/// Every column of a claim, in `from_row` order.
pub(crate) const COLUMNS: &str = concat!(
    base_columns!(),
    ", anonymity_reason, anonymity_reason_start, anonymity_reason_end"
);

/// The same for a database before schema step 3, which has no reason: read as null.
const COLUMNS_BEFORE_3: &str = concat!(base_columns!(), ", NULL, NULL, NULL");

fn span(r: &Row, i: usize) -> rusqlite::Result<Option<Span>> {
    let text: Option<String> = r.get(i)?;
    let start: Option<i64> = r.get(i + 1)?;
    let end: Option<i64> = r.get(i + 2)?;
    Ok(match (text, start, end) {
        (Some(text), Some(start), Some(end)) => Some(Span {
            start: usize::try_from(start).unwrap_or(0),
            end: usize::try_from(end).unwrap_or(0),
            text,
        }),
        _ => None,
    })
}

fn label<T: std::str::FromStr<Err = String>>(r: &Row, i: usize) -> rusqlite::Result<T> {
    let s: String = r.get(i)?;
    s.parse().map_err(|e: String| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
    })
}

pub(crate) fn from_row(r: &Row) -> rusqlite::Result<Claim> {
    Ok(Claim {
        id: r.get(0)?,
        article_id: r.get(1)?,
        attribution: Attribution {
            source: r.get(2)?,
            mention: span(r, 3)?,
            cue: span(r, 6)?,
            content: span(r, 9)?,
            identity: label(r, 12)?,
            role: label(r, 13)?,
            form: label(r, 14)?,
            hedged: r.get(15)?,
            via: r.get(16)?,
            rule: r.get(17)?,
            trigger: r.get(18)?,
            anonymity_reason: span(r, 22)?,
        },
        origin: label(r, 19)?,
        annotator: r.get(20)?,
        created_at: r.get(21)?,
    })
}

fn parts(s: &Option<Span>) -> (Option<&str>, Option<i64>, Option<i64>) {
    match s {
        Some(s) => (
            Some(s.text.as_str()),
            Some(s.start as i64),
            Some(s.end as i64),
        ),
        None => (None, None, None),
    }
}

/// The id of the article's source row for this attribution, created if needed; none for an
/// attribution without a source name.
fn source_id(conn: &Connection, article_id: i64, a: &Attribution) -> Result<Option<i64>> {
    let name = a.source.trim();
    if name.is_empty() {
        return Ok(None);
    }
    conn.prepare_cached(
        "INSERT OR IGNORE INTO sources (article_id, name, identity, role) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        article_id,
        name,
        a.identity.as_str(),
        a.role.as_str()
    ])?;
    Ok(Some(conn.prepare_cached(
        "SELECT id FROM sources WHERE article_id = ?1 AND name = ?2 AND identity = ?3 AND role = ?4",
    )?
    .query_row(
        params![article_id, name, a.identity.as_str(), a.role.as_str()],
        |r| r.get(0),
    )?))
}

/// Remove the article's sources that no claim rests on any more.
fn prune_sources(conn: &Connection, article_id: i64) -> Result<()> {
    conn.execute(
        "DELETE FROM sources WHERE article_id = ?1
           AND NOT EXISTS (SELECT 1 FROM claims WHERE claims.source_id = sources.id)",
        params![article_id],
    )?;
    Ok(())
}

/// The values `insert` and `update` bind, in the order of their statements: `key` (the
/// article for an insert, the claim for an update), the source row, then every field.
fn claim_params<'a>(
    key: i64,
    source_id: Option<i64>,
    a: &'a Attribution,
    origin: Origin,
    annotator: &'a str,
) -> [Box<dyn rusqlite::ToSql + 'a>; 25] {
    let (mention, mention_start, mention_end) = parts(&a.mention);
    let (cue, cue_start, cue_end) = parts(&a.cue);
    let (content, content_start, content_end) = parts(&a.content);
    let (reason, reason_start, reason_end) = parts(&a.anonymity_reason);
    [
        Box::new(key),
        Box::new(source_id),
        Box::new(a.source.trim()),
        Box::new(mention),
        Box::new(mention_start),
        Box::new(mention_end),
        Box::new(cue),
        Box::new(cue_start),
        Box::new(cue_end),
        Box::new(content),
        Box::new(content_start),
        Box::new(content_end),
        Box::new(a.identity.as_str()),
        Box::new(a.role.as_str()),
        Box::new(a.form.as_str()),
        Box::new(a.hedged),
        Box::new(a.via.as_deref()),
        Box::new(a.rule.as_str()),
        Box::new(a.trigger.as_str()),
        Box::new(origin.as_str()),
        Box::new(annotator),
        Box::new(reason),
        Box::new(reason_start),
        Box::new(reason_end),
        Box::new(a.stance().as_str()),
    ]
}

/// Store one attribution of an article as a claim and return the claim's id.
pub fn insert(
    conn: &Connection,
    article_id: i64,
    a: &Attribution,
    origin: Origin,
    annotator: &str,
) -> Result<i64> {
    let source_id = source_id(conn, article_id, a)?;
    conn.prepare_cached(
        "INSERT INTO claims (article_id, source_id, source, mention, mention_start, mention_end,
             cue, cue_start, cue_end, content, content_start, content_end, identity, role, form,
             hedged, via, rule, trigger, origin, annotator, anonymity_reason,
             anonymity_reason_start, anonymity_reason_end, stance)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
             ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
    )?
    .execute(rusqlite::params_from_iter(claim_params(
        article_id, source_id, a, origin, annotator,
    )))?;
    Ok(conn.last_insert_rowid())
}

/// The claim with this id.
pub fn get(conn: &Connection, id: i64) -> Result<Option<Claim>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM claims WHERE id = ?1"),
            params![id],
            from_row,
        )
        .optional()?)
}

/// The claim with this id, or an error that names it.
pub fn resolve(conn: &Connection, key: &str) -> Result<Claim> {
    let id: i64 = key.parse().map_err(|_| {
        Error::msg(format!(
            "bad claim id {key:?} (expected a number; see `whosaid claims`)"
        ))
    })?;
    get(conn, id)?.ok_or_else(|| {
        Error::msg(format!(
            "no claim with id {id} (see `whosaid claims ARTICLE`)"
        ))
    })
}

/// Rewrite a stored claim (its id and article stay).
pub fn update(conn: &Connection, c: &Claim) -> Result<()> {
    let a = &c.attribution;
    let source_id = source_id(conn, c.article_id, a)?;
    // An automatic claim corrected by hand remembers the engine's span (the right-hand
    // sides read the row as it was), so `replace_auto` does not store it again.
    conn.execute(
        &format!(
            "UPDATE claims SET source_id = ?2, source = ?3, mention = ?4, mention_start = ?5,
             mention_end = ?6, cue = ?7, cue_start = ?8, cue_end = ?9, content = ?10,
             content_start = ?11, content_end = ?12, identity = ?13, role = ?14, form = ?15,
             hedged = ?16, via = ?17, rule = ?18, trigger = ?19, origin = ?20, annotator = ?21,
             anonymity_reason = ?22, anonymity_reason_start = ?23, anonymity_reason_end = ?24,
             stance = ?25,
             replaces_start = CASE WHEN origin = 'auto' AND ?20 = 'manual'
                 THEN {KEY_START} ELSE replaces_start END,
             replaces_end = CASE WHEN origin = 'auto' AND ?20 = 'manual'
                 THEN {KEY_END} ELSE replaces_end END
         WHERE id = ?1"
        ),
        rusqlite::params_from_iter(claim_params(c.id, source_id, a, c.origin, &c.annotator)),
    )?;
    prune_sources(conn, c.article_id)
}

/// Delete one claim.
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    let article_id: Option<i64> = conn
        .query_row(
            "DELETE FROM claims WHERE id = ?1 RETURNING article_id",
            params![id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(article_id) = article_id {
        prune_sources(conn, article_id)?;
    }
    Ok(())
}

/// The span that identifies a claim for `replace_auto`: its content, else its cue, else its
/// mention, as SQL over a row of `claims` and as a function of an attribution.
const KEY_START: &str = "CASE WHEN content_start IS NOT NULL THEN content_start \
     WHEN cue_start IS NOT NULL THEN cue_start ELSE mention_start END";
const KEY_END: &str = "CASE WHEN content_start IS NOT NULL THEN content_end \
     WHEN cue_start IS NOT NULL THEN cue_end ELSE mention_end END";

fn key_span(a: &Attribution) -> Option<(i64, i64)> {
    [&a.content, &a.cue, &a.mention]
        .into_iter()
        .flatten()
        .next()
        .map(|s| (s.start as i64, s.end as i64))
}

/// The spans of the article the engine must not claim again: each corrected automatic
/// claim's original span and its span now.
fn corrected_spans(conn: &Connection, article_id: i64) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT replaces_start, replaces_end FROM claims
         WHERE article_id = ?1 AND replaces_start IS NOT NULL
         UNION
         SELECT {KEY_START}, {KEY_END} FROM claims
         WHERE article_id = ?1 AND replaces_start IS NOT NULL AND {KEY_START} IS NOT NULL"
    ))?;
    let rows = stmt.query_map(params![article_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Replace the article's automatic claims with the engine's `found` attributions, leaving out
/// those a corrected claim stands in for (the engine's span of an automatic claim corrected by
/// hand, or the corrected claim's own span), so no attribution is counted twice. Returns how
/// many claims were deleted and how many stored.
pub fn replace_auto(
    conn: &Connection,
    article_id: i64,
    found: &[Attribution],
) -> Result<(usize, usize)> {
    let deleted = delete_auto(conn, article_id)?;
    let corrected = corrected_spans(conn, article_id)?;
    let mut stored = 0;
    for a in found {
        if key_span(a).is_some_and(|k| corrected.contains(&k)) {
            continue;
        }
        insert(conn, article_id, a, Origin::Auto, "auto")?;
        stored += 1;
    }
    Ok((deleted, stored))
}

/// The engine's span a corrected claim replaces (see `replace_auto`), if any; none on a
/// database before schema step 4.
pub fn replaces(conn: &Connection, id: i64, version: i64) -> Result<Option<(i64, i64)>> {
    if version < 4 {
        return Ok(None);
    }
    Ok(conn
        .prepare_cached("SELECT replaces_start, replaces_end FROM claims WHERE id = ?1")?
        .query_row(params![id], |r| {
            Ok(match (r.get(0)?, r.get(1)?) {
                (Some(s), Some(e)) => Some((s, e)),
                _ => None,
            })
        })
        .optional()?
        .flatten())
}

/// Record the engine's span that a corrected claim replaces.
pub fn set_replaces(conn: &Connection, id: i64, span: Option<(i64, i64)>) -> Result<()> {
    conn.prepare_cached("UPDATE claims SET replaces_start = ?2, replaces_end = ?3 WHERE id = ?1")?
        .execute(params![id, span.map(|s| s.0), span.map(|s| s.1)])?;
    Ok(())
}

/// Delete the article's automatic claims that a corrected claim stands in for (as
/// `replace_auto` leaves them out). Returns how many were deleted.
pub fn delete_replaced_auto(conn: &Connection, article_id: i64) -> Result<usize> {
    let corrected = corrected_spans(conn, article_id)?;
    let mut n = 0;
    for (start, end) in corrected {
        n += conn
            .prepare_cached(&format!(
                "DELETE FROM claims WHERE article_id = ?1 AND origin = 'auto'
                 AND {KEY_START} = ?2 AND {KEY_END} = ?3"
            ))?
            .execute(params![article_id, start, end])?;
    }
    if n > 0 {
        prune_sources(conn, article_id)?;
    }
    Ok(n)
}

/// Delete the article's automatic claims (origin `auto`); hand-recorded ones stay.
/// Returns how many were deleted.
pub fn delete_auto(conn: &Connection, article_id: i64) -> Result<usize> {
    let n = conn.execute(
        "DELETE FROM claims WHERE article_id = ?1 AND origin = 'auto'",
        params![article_id],
    )?;
    prune_sources(conn, article_id)?;
    Ok(n)
}

/// The article's claims, in text order; only `annotator`'s when given.
pub fn list(conn: &Connection, article_id: i64, annotator: Option<&str>) -> Result<Vec<Claim>> {
    list_in_version(conn, article_id, annotator, crate::store::SCHEMA_VERSION)
}

/// `list` on a database at schema `version`, which may be older than this binary's (an input
/// of `merge`, opened read-only and not migrated).
pub fn list_in_version(
    conn: &Connection,
    article_id: i64,
    annotator: Option<&str>,
    version: i64,
) -> Result<Vec<Claim>> {
    let columns = if version >= 3 {
        COLUMNS
    } else {
        COLUMNS_BEFORE_3
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {columns} FROM claims
         WHERE article_id = ?1 AND (?2 IS NULL OR annotator = ?2)
         ORDER BY coalesce(content_start, cue_start, mention_start, 9223372036854775807),
                  coalesce(cue_start, 9223372036854775807),
                  coalesce(mention_start, 9223372036854775807), id"
    ))?;
    let rows = stmt.query_map(params![article_id, annotator], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The annotator whose claims `claims` and `report` show by default: `auto` when the article
/// has automatic claims, else `manual`.
pub fn default_annotator(conn: &Connection, article_id: i64) -> Result<&'static str> {
    let has_auto: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM claims WHERE article_id = ?1 AND annotator = 'auto')",
        params![article_id],
        |r| r.get(0),
    )?;
    Ok(if has_auto { "auto" } else { "manual" })
}

/// The number of source rows of an article (for tests and checks).
pub fn source_count(conn: &Connection, article_id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM sources WHERE article_id = ?1",
        params![article_id],
        |r| r.get(0),
    )?)
}

/// Who annotated what: per annotator, how many articles and claims (of one article when
/// given), by annotator name.
pub fn annotators(conn: &Connection, article_id: Option<i64>) -> Result<Vec<(String, i64, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT annotator, count(DISTINCT article_id), count(*) FROM claims
         WHERE (?1 IS NULL OR article_id = ?1)
         GROUP BY annotator ORDER BY annotator",
    )?;
    let rows = stmt.query_map(params![article_id], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The ids of the articles `annotator` has claims on, by id.
pub fn articles_of(conn: &Connection, annotator: &str) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT article_id FROM claims WHERE annotator = ?1 ORDER BY article_id",
    )?;
    let rows = stmt.query_map(params![annotator], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

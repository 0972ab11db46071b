//! Combining databases built on shards (`whosaid merge`): articles deduplicated by content
//! hash, claims kept with their origin and annotator, sources remapped to the output's rows.

use std::path::Path;

use rusqlite::{params, Connection, OpenFlags, Transaction};

use crate::error::{Error, Result};
use crate::model::{ArticleMeta, Claim, Origin};
use crate::store::sentences::{self, Split};
use crate::store::{articles, claims, writer, SCHEMA_VERSION};

/// What merging one input did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Articles new to the output.
    pub articles_added: usize,
    /// Articles whose text the output held already.
    pub articles_known: usize,
    pub claims_added: usize,
    /// Claims left out: the same claim was there, or the article had its automatic claims.
    pub claims_skipped: usize,
    /// The output's automatic claims removed because a corrected claim of the input stands
    /// in for them.
    pub auto_replaced: usize,
}

/// Open an input database read-only, refusing one that is missing, not a whosaid database or
/// written by a newer whosaid.
pub fn open_input(path: &Path) -> Result<Connection> {
    let name = path.display();
    if !path.is_file() {
        return Err(Error::msg(format!(
            "{name}: no such database file (expected a whosaid database to merge)"
        )));
    }
    let conn = Connection::open_with_flags(
        super::plain_path(path),
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| Error::msg(format!("{name}: cannot open database: {e}")))?;
    conn.busy_timeout(super::guard::lock_timeout()?)?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| Error::msg(format!("{name}: {e} (expected a whosaid database)")))?;
    if version > SCHEMA_VERSION {
        return Err(Error::msg(format!(
            "{name}: schema version {version} is newer than this whosaid knows \
             (version {SCHEMA_VERSION}); use a newer whosaid"
        )));
    }
    super::guard::check_ours(&conn, &name.to_string(), version)?;
    if version < 1 {
        return Err(Error::msg(format!(
            "{name}: not a whosaid database (schema version {version}, expected 1 to {SCHEMA_VERSION})"
        )));
    }
    Ok(conn)
}

/// Whether the output's article already has this very claim.
fn has_claim(tx: &Transaction, article_id: i64, c: &Claim) -> Result<bool> {
    let a = &c.attribution;
    let part = |s: &Option<crate::model::Span>| match s {
        Some(s) => (
            Some(s.text.clone()),
            Some(s.start as i64),
            Some(s.end as i64),
        ),
        None => (None, None, None),
    };
    let (m, ms, me) = part(&a.mention);
    let (cu, cs, ce) = part(&a.cue);
    let (co, cos, coe) = part(&a.content);
    let (ar, ars, are) = part(&a.anonymity_reason);
    Ok(tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM claims WHERE article_id = ?1 AND annotator = ?2
             AND origin = ?3 AND source = ?4 AND mention IS ?5 AND mention_start IS ?6
             AND mention_end IS ?7 AND cue IS ?8 AND cue_start IS ?9 AND cue_end IS ?10
             AND content IS ?11 AND content_start IS ?12 AND content_end IS ?13
             AND identity = ?14 AND role = ?15 AND form = ?16 AND hedged = ?17 AND via IS ?18
             AND rule = ?19 AND trigger = ?20 AND anonymity_reason IS ?21
             AND anonymity_reason_start IS ?22 AND anonymity_reason_end IS ?23)",
        )?
        .query_row(
            params![
                article_id,
                c.annotator,
                c.origin.as_str(),
                a.source.trim(),
                m,
                ms,
                me,
                cu,
                cs,
                ce,
                co,
                cos,
                coe,
                a.identity.as_str(),
                a.role.as_str(),
                a.form.as_str(),
                a.hedged,
                a.via,
                a.rule,
                a.trigger,
                ar,
                ars,
                are
            ],
            |r| r.get(0),
        )?)
}

/// Copy `input`'s articles and claims into the output (in `tx`). An article whose text the
/// output holds keeps the output's metadata and automatic claims (when it has any); its
/// hand-recorded claims are added unless the same claim is there. An article is known to
/// the output by its external id, or by its text when it has none. `name` and `out` name the
/// databases in messages; an input article without cached sentences is split by `split`.
pub fn merge_from(
    tx: &Transaction,
    input: &Connection,
    name: &str,
    out: &str,
    split: Split,
) -> Result<Summary> {
    let mut summary = Summary::default();
    let version: i64 = input.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    // Which engine found the input's automatic claims, where its schema records it.
    let has_engine: bool = input.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info('articles') WHERE name = 'engine')",
        [],
        |r| r.get(0),
    )?;
    let mut stmt = input.prepare(if has_engine {
        "SELECT id, external_id, title, outlet, author, published, url, text, engine
         FROM articles ORDER BY id"
    } else {
        "SELECT id, external_id, title, outlet, author, published, url, text, NULL
         FROM articles ORDER BY id"
    })?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let in_id: i64 = r.get(0)?;
        let meta = ArticleMeta {
            external_id: r.get(1)?,
            title: r.get(2)?,
            outlet: r.get(3)?,
            author: r.get(4)?,
            date: r.get(5)?,
            url: r.get(6)?,
        };
        let text: String = r.get(7)?;
        let engine: Option<String> = r.get(8)?;
        // The hash of the text itself, not the input's record of it.
        let hash = articles::content_hash(&text);
        if let Some(x) = &meta.external_id {
            if let Some((other, theirs)) = articles::hash_of_external_id(tx, x)? {
                if theirs != hash {
                    return Err(Error::msg(format!(
                        "{name}: article {in_id} has external id {x:?}, which {out} gives to \
                         another text (article {other}); nothing of {name} was merged"
                    )));
                }
            }
        }
        let label = format!("{name}: article {in_id}");
        let added_before = summary.articles_added;
        let (out_id, keep_auto) = match writer::known(tx, &label, &meta, &hash)? {
            Some(known) => {
                summary.articles_known += 1;
                let id = known.id();
                let has_auto: bool = tx
                    .prepare_cached(
                        "SELECT EXISTS (SELECT 1 FROM claims WHERE article_id = ?1 AND origin = 'auto')",
                    )?
                    .query_row(params![id], |r| r.get(0))?;
                (id, !has_auto)
            }
            None => {
                summary.articles_added += 1;
                let cached = if version >= 2 {
                    sentences::cached(input, in_id)?
                } else {
                    None
                };
                let sentences = cached.unwrap_or_else(|| split(&text));
                let item = writer::Item::Article(Box::new(writer::NewArticle {
                    label,
                    meta,
                    text,
                    hash,
                    found: Some((sentences, Vec::new())),
                    engine: engine.clone(),
                }));
                (writer::write_item(tx, &item)?.id(), true)
            }
        };
        // An article new to the output has only the claims added here: a repeat is found
        // among them, without asking the output.
        let fresh = summary.articles_added > added_before;
        let mut added: Vec<(Origin, String, crate::model::Attribution)> = Vec::new();
        let mut auto_added = false;
        for c in claims::list_in_version(input, in_id, None, version)? {
            let repeated = if fresh {
                added
                    .iter()
                    .any(|(o, who, a)| *o == c.origin && *who == c.annotator && *a == c.attribution)
            } else {
                has_claim(tx, out_id, &c)?
            };
            let skip = (c.origin == Origin::Auto && !keep_auto) || repeated;
            if skip {
                summary.claims_skipped += 1;
                continue;
            }
            auto_added |= c.origin == Origin::Auto;
            if fresh {
                added.push((c.origin, c.annotator.clone(), c.attribution.clone()));
            }
            let id = claims::insert(tx, out_id, &c.attribution, c.origin, &c.annotator)?;
            tx.prepare_cached("UPDATE claims SET created_at = ?2 WHERE id = ?1")?
                .execute(params![id, c.created_at])?;
            let replaces = claims::replaces(input, c.id, version)?;
            if replaces.is_some() {
                claims::set_replaces(tx, id, replaces)?;
            }
            summary.claims_added += 1;
        }
        // The automatic claims now there are the input's: so is the engine that found them.
        if auto_added && engine.is_some() {
            writer::set_engine(tx, out_id, engine.as_deref())?;
        }
        // A corrected claim stands in for the engine's claim of its span, whichever database
        // each came from.
        summary.auto_replaced += claims::delete_replaced_auto(tx, out_id)?;
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attribution, Span};
    use crate::store::Store;

    fn at(source: &str) -> Attribution {
        Attribution {
            cue: Some(Span {
                start: 10,
                end: 14,
                text: "said".into(),
            }),
            ..Attribution::of(source)
        }
    }

    fn shard(texts: &[&str], claims_of: &[(usize, &str, Origin, &str)]) -> Store {
        let mut s = Store::open_in_memory().unwrap();
        s.write(|tx| {
            let ids: Vec<i64> = texts
                .iter()
                .map(|t| articles::insert(tx, &ArticleMeta::default(), t, None))
                .collect::<Result<_>>()?;
            for &(i, source, origin, annotator) in claims_of {
                claims::insert(tx, ids[i], &at(source), origin, annotator)?;
            }
            Ok(())
        })
        .unwrap();
        s
    }

    #[test]
    fn shards_merge_by_content_hash_without_duplicate_claims() {
        let shared = "Police chief said the bridge is safe. Engineers disagree.";
        let a = shard(
            &[shared, "Only in a. Said nobody."],
            &[
                (0, "Police chief", Origin::Auto, "auto"),
                (0, "Police chief", Origin::Manual, "ann"),
            ],
        );
        let b = shard(
            &["Only in b. Nothing said.", shared],
            &[
                (1, "Engineers", Origin::Auto, "auto"),
                (1, "Police chief", Origin::Manual, "ann"),
                (1, "Engineers", Origin::Manual, "bob"),
            ],
        );
        let mut out = Store::open_in_memory().unwrap();
        let sa = out
            .write(|tx| merge_from(tx, a.conn(), "a", "out", |_| Vec::new()))
            .unwrap();
        let sb = out
            .write(|tx| merge_from(tx, b.conn(), "b", "out", |_| Vec::new()))
            .unwrap();
        assert_eq!((sa.articles_added, sa.claims_added), (2, 2));
        assert_eq!(sb.articles_added, 1);
        assert_eq!(sb.articles_known, 1);
        // b's automatic set and its copy of ann's claim are left out; bob's claim is added.
        assert_eq!((sb.claims_added, sb.claims_skipped), (1, 2));
        let id = articles::find_by_text(out.conn(), shared).unwrap().unwrap();
        let kept = claims::list(out.conn(), id, None).unwrap();
        let who: Vec<(&str, &str)> = kept
            .iter()
            .map(|c| (c.annotator.as_str(), c.attribution.source.as_str()))
            .collect();
        assert_eq!(
            who,
            [
                ("auto", "Police chief"),
                ("ann", "Police chief"),
                ("bob", "Engineers")
            ]
        );
        // Sources are the output's rows: one per name and labels.
        assert_eq!(claims::source_count(out.conn(), id).unwrap(), 2);
    }
}

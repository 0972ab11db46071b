//! The one way articles and automatic claims are written (`add`, `import`, `extract` and
//! `merge`): items are written in batches, each batch in one transaction, so a caller can
//! stream any number of them in bounded memory, and a run stopped at any moment leaves whole
//! batches behind.
//!
//! An article's identity is its external id when it has one: the same text under two ids is
//! two articles, each with its own outlet and date. Only an article without an id is
//! recognized by its text (content hash): it is not stored again when the same text is.
//!
//! The store neither splits texts nor runs the engine: the caller hands in each article's
//! sentences and the engine's attributions, found before the transaction opens.

use rusqlite::{params, Connection, Transaction};

use crate::error::{Error, Result};
use crate::model::{ArticleMeta, Attribution, Origin, Sentence};
use crate::store::{articles, claims, Store};

/// One thing to write.
#[derive(Debug, Clone)]
pub enum Item {
    /// A new article with its sentences and the engine's attributions.
    Article(Box<NewArticle>),
    /// A stored article's automatic claims, replaced by the engine's new ones, less those a
    /// hand-corrected claim stands in for ([`claims::replace_auto`]).
    Replace {
        article_id: i64,
        found: Vec<Attribution>,
        /// The engine version that found them.
        engine: String,
    },
}

/// An article to store.
#[derive(Debug, Clone)]
pub struct NewArticle {
    /// Where it came from, for messages ("a.txt", "list.csv: row 3 (line 4)").
    pub label: String,
    pub meta: ArticleMeta,
    pub text: String,
    /// The content hash of `text` ([`articles::content_hash`]).
    pub hash: String,
    /// The text's sentences and the engine's attributions (none with `--no-extract`), or
    /// `None` when the caller expected the article to be there already and did not look.
    pub found: Option<(Vec<Sentence>, Vec<Attribution>)>,
    /// The engine version that found the attributions (`pipeline::ENGINE` for this one, or
    /// the one analysed output names); `None` when not known or the engine did not run.
    pub engine: Option<String>,
}

/// What writing one item did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A new article, with this many automatic claims.
    Stored { id: i64, claims: usize },
    /// The article's external id is there already, with the same text.
    AlreadyStored { id: i64 },
    /// An article without an id whose text is stored already (as article `id`): skipped.
    SameText { id: i64 },
    /// A stored article's automatic claims replaced: how many went, how many came.
    Replaced {
        id: i64,
        deleted: usize,
        stored: usize,
    },
    /// An article that must be stored but came without its sentences (`found` was `None`):
    /// nothing was written for it; the caller analyses it and writes it again.
    NeedsAnalysis,
}

impl Outcome {
    /// The article's id (0 for `NeedsAnalysis`).
    pub fn id(self) -> i64 {
        match self {
            Outcome::Stored { id, .. }
            | Outcome::AlreadyStored { id }
            | Outcome::SameText { id }
            | Outcome::Replaced { id, .. } => id,
            Outcome::NeedsAnalysis => 0,
        }
    }
}

/// What is stored already for an article of this external id and text: `Some` when writing
/// it would store nothing (its id is there with this text, or it has no id and its text is
/// there), `None` when it would be stored. An id already given to another text is an error.
pub fn known(
    conn: &Connection,
    label: &str,
    meta: &ArticleMeta,
    hash: &str,
) -> Result<Option<Outcome>> {
    match &meta.external_id {
        Some(x) => match articles::hash_of_external_id(conn, x)? {
            None => Ok(None),
            Some((id, stored)) if stored == hash => Ok(Some(Outcome::AlreadyStored { id })),
            Some((other, _)) => Err(Error::msg(format!(
                "{label}: id {x:?} already names article {other}, which has another text \
                 (expected a new id)"
            ))),
        },
        None => Ok(articles::find_by_hash(conn, hash)?.map(|id| Outcome::SameText { id })),
    }
}

/// Record which engine found an article's automatic claims.
pub fn set_engine(conn: &Connection, article_id: i64, engine: Option<&str>) -> Result<()> {
    conn.prepare_cached("UPDATE articles SET engine = ?2 WHERE id = ?1")?
        .execute(params![article_id, engine])?;
    Ok(())
}

/// The engine version recorded for an article (`None`: not known).
pub fn engine_of(conn: &Connection, article_id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT engine FROM articles WHERE id = ?1")?
        .query_row(params![article_id], |r| r.get(0))?)
}

/// Write one item inside the caller's transaction.
pub fn write_item(tx: &Transaction, item: &Item) -> Result<Outcome> {
    match item {
        Item::Article(a) => {
            if let Some(o) = known(tx, &a.label, &a.meta, &a.hash)? {
                return Ok(o);
            }
            let Some((sentences, found)) = &a.found else {
                return Ok(Outcome::NeedsAnalysis);
            };
            let id = articles::insert_hashed(tx, &a.meta, &a.text, &a.hash, Some(sentences))?;
            if a.engine.is_some() {
                set_engine(tx, id, a.engine.as_deref())?;
            }
            for at in found {
                claims::insert(tx, id, at, Origin::Auto, "auto")?;
            }
            Ok(Outcome::Stored {
                id,
                claims: found.len(),
            })
        }
        Item::Replace {
            article_id,
            found,
            engine,
        } => {
            let (deleted, stored) = claims::replace_auto(tx, *article_id, found)?;
            set_engine(tx, *article_id, Some(engine))?;
            Ok(Outcome::Replaced {
                id: *article_id,
                deleted,
                stored,
            })
        }
    }
}

/// Write a batch of items in one transaction: all of it lands, or none of it. A batch that
/// finds another process holding the lock waits for it (see [`Store::write`]).
pub fn write_batch(store: &mut Store, items: &[Item]) -> Result<Vec<Outcome>> {
    store.write(|tx| items.iter().map(|i| write_item(tx, i)).collect())
}

/// The stored articles, `batch` at a time in id order, as (id, text), without holding more
/// than one batch of texts: for re-running the engine over a whole database.
pub fn each_text_batch(
    store: &mut Store,
    batch: usize,
    mut f: impl FnMut(&mut Store, Vec<(i64, String)>) -> Result<()>,
) -> Result<()> {
    let mut after = 0i64;
    loop {
        let rows: Vec<(i64, String)> = {
            let mut stmt = store.conn().prepare_cached(
                "SELECT id, text FROM articles WHERE id > ?1 ORDER BY id LIMIT ?2",
            )?;
            let rows =
                stmt.query_map(params![after, batch as i64], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let Some(&(last, _)) = rows.last() else {
            return Ok(());
        };
        after = last;
        f(store, rows)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(label: &str, id: Option<&str>, text: &str) -> Item {
        Item::Article(Box::new(NewArticle {
            label: label.into(),
            meta: ArticleMeta {
                external_id: id.map(String::from),
                ..ArticleMeta::default()
            },
            text: text.into(),
            hash: articles::content_hash(text),
            found: Some((vec![Sentence { start: 0, end: 3 }], Vec::new())),
            engine: None,
        }))
    }

    #[test]
    fn an_external_id_is_the_identity_and_only_articles_without_one_go_by_text() {
        let mut store = Store::open_in_memory().unwrap();
        let got = write_batch(
            &mut store,
            &[
                article("r1", Some("a"), "One."),
                article("r2", Some("b"), "One."),
                article("r3", None, "One."),
                article("r4", None, "One."),
                article("r5", Some("a"), "One."),
            ],
        )
        .unwrap();
        assert_eq!(
            got,
            [
                Outcome::Stored { id: 1, claims: 0 },
                Outcome::Stored { id: 2, claims: 0 },
                // without an id, a stored text (under any id or none) is the article
                Outcome::SameText { id: 1 },
                Outcome::SameText { id: 1 },
                Outcome::AlreadyStored { id: 1 },
            ]
        );
        // An id given to another text refuses the batch, which then writes nothing.
        let err = write_batch(
            &mut store,
            &[
                article("r6", None, "Two."),
                article("r7", Some("b"), "Three."),
            ],
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            err,
            "r7: id \"b\" already names article 2, which has another text (expected a new id)"
        );
        assert_eq!(articles::find_by_text(store.conn(), "Two.").unwrap(), None);
    }

    #[test]
    fn texts_come_a_batch_at_a_time_in_id_order() {
        let mut store = Store::open_in_memory().unwrap();
        let items: Vec<Item> = (0..5)
            .map(|i| article("r", None, &format!("Text {i}.")))
            .collect();
        write_batch(&mut store, &items).unwrap();
        let mut seen = Vec::new();
        each_text_batch(&mut store, 2, |_, rows| {
            seen.push(rows.iter().map(|(id, _)| *id).collect::<Vec<_>>());
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, [vec![1, 2], vec![3, 4], vec![5]]);
    }
}

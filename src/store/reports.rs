//! Per-article reports over many articles, streamed: one pass over the selected articles and
//! one over the claims, both ordered by article id, with the sentences from the cache
//! (`sentences.rs`), so no text is split again and the engine is never run.

use rusqlite::{params, Row};

use crate::error::{Error, Result};
use crate::model::breakdown::{ArticleReport, Breakdown};
use crate::model::{ArticleInfo, Attribution, Sentence, Span};
use crate::store::articles::Filter;
use crate::store::sentences::{self, Split};

/// One article's report with what it was computed from (for grouping).
#[derive(Debug, Clone)]
pub struct Item {
    pub report: ArticleReport,
    pub sentences: Vec<Sentence>,
    /// The counted claims, in text order; spans carry offsets only (empty text) except the
    /// cue, and `rule` and `trigger` are empty.
    pub attributions: Vec<Attribution>,
}

/// A claim as the breakdown needs it.
struct ClaimRow {
    article_id: i64,
    /// Whether its annotator is `auto`, `manual` or another.
    annotator: Who,
    id: i64,
    attribution: Attribution,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Auto,
    Manual,
    Other,
}

fn span(r: &Row, i: usize) -> rusqlite::Result<Option<Span>> {
    let start: Option<i64> = r.get(i)?;
    let end: Option<i64> = r.get(i + 1)?;
    Ok(match (start, end) {
        (Some(s), Some(e)) => Some(Span {
            start: usize::try_from(s).unwrap_or(0),
            end: usize::try_from(e).unwrap_or(0),
            text: String::new(),
        }),
        _ => None,
    })
}

fn label<T: std::str::FromStr<Err = String>>(r: &Row, i: usize, claim: i64) -> Result<T> {
    let s = r.get_ref(i)?.as_str().map_err(rusqlite::Error::from)?;
    s.parse()
        .map_err(|e: String| Error::msg(format!("claim {claim}: {e}")))
}

fn claim_row(r: &Row) -> Result<ClaimRow> {
    let id: i64 = r.get(2)?;
    Ok(ClaimRow {
        article_id: r.get(0)?,
        annotator: match r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)? {
            "auto" => Who::Auto,
            "manual" => Who::Manual,
            _ => Who::Other,
        },
        id,
        attribution: Attribution {
            source: r.get(3)?,
            identity: label(r, 4, id)?,
            role: label(r, 5, id)?,
            form: label(r, 6, id)?,
            hedged: r.get(7)?,
            mention: span(r, 8)?,
            // the cue's words, which its stance is read from
            cue: match (span(r, 10)?, r.get::<_, Option<String>>(16)?) {
                (Some(s), Some(text)) => Some(Span { text, ..s }),
                (s, _) => s,
            },
            content: span(r, 12)?,
            via: None,
            rule: String::new(),
            trigger: String::new(),
            anonymity_reason: span(r, 14)?,
        },
    })
}

/// Where a claim stands in the text, as `claims::list` orders them.
fn position(a: &Attribution) -> usize {
    [&a.content, &a.cue, &a.mention]
        .into_iter()
        .flatten()
        .map(|s| s.start)
        .next()
        .unwrap_or(0)
}

/// Call `f` with the report of every article matching `filter`, by id, counting `annotator`'s
/// claims (by default `auto`, or `manual` for an article without automatic claims). An
/// article stored without its sentences is split by `split`. Returns how many articles were
/// reported.
pub fn each(
    conn: &rusqlite::Connection,
    filter: &Filter,
    annotator: Option<&str>,
    split: Split,
    mut f: impl FnMut(Item) -> Result<()>,
) -> Result<usize> {
    let mut articles = conn.prepare(
        "SELECT a.id, a.external_id, a.title, a.outlet, a.author, a.published, a.url, s.spans
         FROM articles a LEFT JOIN article_sentences s ON s.article_id = a.id
         WHERE (?1 IS NULL OR a.outlet = ?1)
           AND (?2 IS NULL OR a.published >= ?2)
           AND (?3 IS NULL OR a.published <= ?3)
         ORDER BY a.id",
    )?;
    let mut text_of = conn.prepare("SELECT text FROM articles WHERE id = ?1")?;
    let mut claims = conn.prepare(
        "SELECT article_id, annotator, id, source, identity, role, form, hedged,
                mention_start, mention_end, cue_start, cue_end, content_start, content_end,
                anonymity_reason_start, anonymity_reason_end, cue
         FROM claims
         WHERE (?1 IS NULL OR annotator = ?1)
         ORDER BY article_id",
    )?;
    let mut article_rows = articles.query(params![filter.outlet, filter.since, filter.until])?;
    let mut claim_rows = claims.query(params![annotator])?;
    let mut pending: Option<ClaimRow> = match claim_rows.next()? {
        Some(r) => Some(claim_row(r)?),
        None => None,
    };
    let mut count = 0;
    let mut mine: Vec<ClaimRow> = Vec::new();
    while let Some(r) = article_rows.next()? {
        let id: i64 = r.get(0)?;
        let info = ArticleInfo {
            id,
            external_id: r.get(1)?,
            title: r.get(2)?,
            outlet: r.get(3)?,
            author: r.get(4)?,
            date: r.get(5)?,
            url: r.get(6)?,
        };
        let blob: Option<Vec<u8>> = r.get(7)?;
        // An article stored without its sentences (by an older whosaid) is split here.
        let text: Option<String> = match blob {
            Some(_) => None,
            None => Some(text_of.query_row(params![id], |r| r.get(0))?),
        };
        let sentences = sentences::cached_or_split(id, blob.as_deref(), text.as_deref(), split)?;

        mine.clear();
        while let Some(c) = pending.take() {
            if c.article_id > id {
                pending = Some(c);
                break;
            }
            if c.article_id == id {
                mine.push(c);
            }
            pending = match claim_rows.next()? {
                Some(r) => Some(claim_row(r)?),
                None => None,
            };
        }
        // With an annotator, the query picked its claims; else auto's, or manual's.
        let who = match annotator {
            Some(a) => a.to_string(),
            None => {
                let kind = if mine.iter().any(|c| c.annotator == Who::Auto) {
                    Who::Auto
                } else {
                    Who::Manual
                };
                mine.retain(|c| c.annotator == kind);
                if kind == Who::Auto { "auto" } else { "manual" }.to_string()
            }
        };
        mine.sort_by_key(|c| (position(&c.attribution), c.id));
        let attributions: Vec<Attribution> = mine.drain(..).map(|c| c.attribution).collect();
        let breakdown = Breakdown::from_sentences(&sentences, &attributions);
        f(Item {
            report: ArticleReport {
                article: info,
                annotator: who,
                breakdown,
            },
            sentences,
            attributions,
        })?;
        count += 1;
    }
    Ok(count)
}

//! Reports: one `Breakdown` per article, rendered by the table, CSV and JSON printers, each
//! writing to a caller-supplied `&mut dyn Write` so the formats cannot disagree.

pub mod breakdown;
pub mod csv;
pub mod entities;
pub mod feedback;
pub mod groups;
pub mod html;
pub mod json;
pub mod marks;
pub mod records;
pub mod show;
pub mod table;
pub mod terminal;

use serde::Serialize;

pub use breakdown::Breakdown;

use crate::model::{Article, Attribution, Entity};

/// What a report says about an article: the stored fields a reader needs, without the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleInfo {
    pub id: i64,
    pub external_id: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
}

impl From<&Article> for ArticleInfo {
    fn from(a: &Article) -> Self {
        ArticleInfo {
            id: a.id,
            external_id: a.meta.external_id.clone(),
            title: a.meta.title.clone(),
            outlet: a.meta.outlet.clone(),
            author: a.meta.author.clone(),
            date: a.meta.date.clone(),
            url: a.meta.url.clone(),
        }
    }
}

/// One article's report: whose claims were counted, and the breakdown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleReport {
    pub article: ArticleInfo,
    /// The annotator whose claims the breakdown counts.
    pub annotator: String,
    pub breakdown: Breakdown,
}

/// What `analyze` prints for one text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    pub attributions: Vec<Attribution>,
    pub breakdown: Breakdown,
    /// The people and organisations of the text, when asked for (`analyze` always asks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entities: Option<Vec<Entity>>,
}

impl Analysis {
    /// Run nothing: compute the breakdown of `text` for these attributions.
    pub fn new(text: &str, attributions: Vec<Attribution>) -> Analysis {
        let breakdown = Breakdown::compute(text, &attributions);
        Analysis {
            attributions,
            breakdown,
            entities: None,
        }
    }

    /// The same for a text already split into `sentences` (`extract::analyze` gives both).
    pub fn from_sentences(
        sentences: &[crate::extract::Sentence],
        attributions: Vec<Attribution>,
    ) -> Analysis {
        let breakdown = Breakdown::from_sentences(sentences, &attributions);
        Analysis {
            attributions,
            breakdown,
            entities: None,
        }
    }
}

/// A share in [0, 1] with three decimals; empty when undefined.
pub fn share_text(share: Option<f64>) -> String {
    share.map(|s| format!("{s:.3}")).unwrap_or_default()
}

/// A share as a percentage for the table; empty when undefined.
pub fn percent_text(share: Option<f64>) -> String {
    share
        .map(|s| format!("{:.1}%", s * 100.0))
        .unwrap_or_default()
}

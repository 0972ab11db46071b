//! Reports: one `Breakdown` per article, rendered by the table, CSV and JSON printers, each
//! writing to a caller-supplied `&mut dyn Write` so the formats cannot disagree.

pub mod annotate;
pub mod compare;
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

pub use crate::model::breakdown::{self, ArticleReport, Breakdown};
pub use crate::model::ArticleInfo;

use crate::model::{Attribution, Entity};

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
        let breakdown = breakdown_of(text, &attributions);
        Analysis {
            attributions,
            breakdown,
            entities: None,
        }
    }

    /// The same for a text already split into `sentences` (`extract::analyze` gives both).
    pub fn from_sentences(
        sentences: &[crate::model::Sentence],
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

/// The breakdown of `text` given its attributions (the text is split into sentences here).
pub fn breakdown_of(text: &str, attributions: &[Attribution]) -> Breakdown {
    Breakdown::from_sentences(&crate::extract::sentences(text), attributions)
}

//! The extraction engine: article text in, attributions out.
//!
//! Pure and deterministic: no files, no SQL, no terminal. Offsets are Unicode code points.
//! The text is tokenised once (`doc`), the rules propose candidates (`rules`), and the
//! labeller resolves their sources and labels them (`label`). Word lists live in `lexicon/`.

mod doc;
mod entities;
mod label;
mod lexicon;
mod rule;
mod rules;
mod sentences;
pub mod tagger;

pub use rule::Rule;
pub use sentences::{sentences, Sentence};

use crate::model::Attribution;

/// Find every attribution in `text`, in text order.
pub fn extract(text: &str) -> Vec<Attribution> {
    analyze(text).attributions
}

/// The engine's full result for one text: the attributions, and the sentences it split the
/// text into (the same as `sentences(text)`), so that callers need not split again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    pub attributions: Vec<Attribution>,
    pub sentences: Vec<Sentence>,
}

/// Find every attribution in `text` and keep the sentences found on the way.
pub fn analyze(text: &str) -> Analysis {
    let lex = &*lexicon::LEXICON;
    let mut d = doc::Doc::new(text, lex);
    let cands = rules::Finder::new(&d).run();
    let attributions = label::Labeler::new(&d).label(&cands);
    let sentences = std::mem::take(&mut d.split);
    Analysis {
        attributions,
        sentences,
    }
}

/// `analyze`, and the people and organisations the text mentions (its entity table), in
/// order of first mention.
pub fn analyze_with_entities(text: &str) -> (Analysis, Vec<crate::model::Entity>) {
    let lex = &*lexicon::LEXICON;
    let mut d = doc::Doc::new(text, lex);
    let cands = rules::Finder::new(&d).run();
    let (attributions, entities) = label::Labeler::new(&d).label_with_entities(&cands);
    let sentences = std::mem::take(&mut d.split);
    let analysis = Analysis {
        attributions,
        sentences,
    };
    (analysis, entities)
}

#[cfg(test)]
mod tests;

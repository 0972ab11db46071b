//! The extraction engine: article text in, attributions out.
//!
//! Pure and deterministic: no files, no SQL, no terminal. Offsets are Unicode code points.
//! The text is tokenised once (`doc`), the rules propose candidates (`rules`), and the
//! labeller resolves their sources and labels them (`label`). Word lists live in `lexicon/`.

mod doc;
mod label;
mod lexicon;
mod rules;
mod sentences;

pub use sentences::{sentences, Sentence};

use crate::model::Attribution;

/// Find every attribution in `text`, in text order.
pub fn extract(text: &str) -> Vec<Attribution> {
    let lex = &*lexicon::LEXICON;
    let d = doc::Doc::new(text, lex);
    let cands = rules::Finder::new(&d).run();
    label::Labeler::new(&d).label(&cands)
}

#[cfg(test)]
mod tests;

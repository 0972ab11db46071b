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

/// The longest text the engine reads in one pass. A longer one (a book, many articles in
/// one file) is read in parts cut at paragraph breaks, so that memory stays bounded (about
/// 35 MB a part); a person named in one part and spoken of in another is then not linked.
const MAX_PASS_BYTES: usize = 1 << 20;

/// Find every attribution in `text` and keep the sentences found on the way.
pub fn analyze(text: &str) -> Analysis {
    in_parts(text, MAX_PASS_BYTES, false).0
}

/// `analyze`, and the people and organisations the text mentions (its entity table), in
/// order of first mention.
pub fn analyze_with_entities(text: &str) -> (Analysis, Vec<crate::model::Entity>) {
    in_parts(text, MAX_PASS_BYTES, true)
}

/// The engine over `text` read in parts of at most `max` bytes, offsets shifted back to the
/// whole text; an entity named alike in two parts is one. The entity table is built only
/// when asked for.
fn in_parts(text: &str, max: usize, with_entities: bool) -> (Analysis, Vec<crate::model::Entity>) {
    let mut analysis = Analysis {
        attributions: Vec::new(),
        sentences: Vec::new(),
    };
    let mut entities: Vec<crate::model::Entity> = Vec::new();
    let mut shift = 0usize;
    for part in parts(text, max) {
        let (a, es) = one_pass(part, with_entities);
        let moved = |s: &mut Option<crate::model::Span>| {
            if let Some(s) = s {
                s.start += shift;
                s.end += shift;
            }
        };
        for mut at in a.attributions {
            moved(&mut at.mention);
            moved(&mut at.cue);
            moved(&mut at.content);
            moved(&mut at.anonymity_reason);
            analysis.attributions.push(at);
        }
        analysis
            .sentences
            .extend(a.sentences.into_iter().map(|s| Sentence {
                start: s.start + shift,
                end: s.end + shift,
            }));
        for e in es {
            match entities
                .iter_mut()
                .find(|x| x.name == e.name && x.kind == e.kind)
            {
                Some(x) => {
                    x.mentions += e.mentions;
                    x.claims += e.claims;
                    for f in e.forms {
                        if !x.forms.contains(&f) {
                            x.forms.push(f);
                        }
                    }
                }
                None => entities.push(e),
            }
        }
        shift += part.chars().count();
    }
    (analysis, entities)
}

/// `text` cut into consecutive parts of at most `max` bytes (a longer paragraph-free run
/// is cut at a line break, a space, or any character boundary, in that order of choice),
/// each cut in the second half of its part.
fn parts(text: &str, max: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while rest.len() > max {
        let boundary = |mut b: usize| {
            while !rest.is_char_boundary(b) {
                b -= 1;
            }
            b
        };
        // at least one character a part, however small `max`
        let first = rest.chars().next().map_or(1, char::len_utf8);
        let (half, cut) = (boundary(max / 2), boundary(max).max(first));
        let at = ["\n\n", "\n", " "]
            .iter()
            .find_map(|sep| {
                rest[half.min(cut)..cut]
                    .rfind(sep)
                    .map(|k| half.min(cut) + k + sep.len())
            })
            .filter(|&at| at > 0)
            .unwrap_or(cut);
        out.push(&rest[..at]);
        rest = &rest[at..];
    }
    out.push(rest);
    out
}

/// One pass of the engine over a text.
fn one_pass(text: &str, with_entities: bool) -> (Analysis, Vec<crate::model::Entity>) {
    let lex = &*lexicon::LEXICON;
    let mut d = doc::Doc::new(text, lex);
    let cands = rules::Finder::new(&d).run();
    let labeler = label::Labeler::new(&d);
    let (attributions, entities) = if with_entities {
        labeler.label_with_entities(&cands)
    } else {
        (labeler.label(&cands), Vec::new())
    };
    let sentences = std::mem::take(&mut d.split);
    let analysis = Analysis {
        attributions,
        sentences,
    };
    (analysis, entities)
}

#[cfg(test)]
mod tests;

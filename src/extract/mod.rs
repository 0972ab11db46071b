//! The extraction engine: article text in, attributions out.
//!
//! Pure and deterministic: no files, no SQL, no terminal. Offsets are Unicode code points.
//! The text is tokenised once (`doc`), the rules propose candidates (`rules`), and the
//! labeller resolves their sources and labels them (`label`). Word lists live in `lexicon/`.

mod doc;
mod entities;
mod label;
mod lexicon;
mod lower;
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
/// `sentences` reads a text in the same parts.
const MAX_PASS_BYTES: usize = 1 << 20;

/// The most tokens the engine reads in one pass, as counted by [`tokens_within`]. Prose holds
/// about one token every five bytes, so a part of prose is cut for its length first; a text
/// of punctuation (a run of `<`, of quotation marks, of dots) holds one token a byte and is
/// cut for its tokens, so that a part costs no more memory than a part of prose.
const MAX_PASS_TOKENS: usize = 1 << 18;

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
        analysis.attributions.reserve(a.attributions.len());
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

/// `text` cut into consecutive parts of at most `max` bytes and [`MAX_PASS_TOKENS`] tokens.
fn parts(text: &str, max: usize) -> Vec<&str> {
    parts_of(text, max, MAX_PASS_TOKENS)
}

/// `text` cut into consecutive parts of at most `max` bytes and `max_tokens` tokens (as
/// [`tokens_within`] counts them), each cut in the second half of its part: at a paragraph
/// break, else at a line break, after a sentence's end mark and its space, at a space, or
/// at any character boundary, in that order of choice.
fn parts_of(text: &str, max: usize, max_tokens: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        // a text of no more bytes than `max_tokens` holds no more tokens
        let limit = if rest.len() > max_tokens {
            tokens_within(rest, max_tokens, max)
        } else {
            rest.len()
        }
        .min(max);
        if rest.len() <= limit {
            break;
        }
        let boundary = |mut b: usize| {
            while !rest.is_char_boundary(b) {
                b -= 1;
            }
            b
        };
        // at least one character a part, however small `max`
        let first = rest.chars().next().map_or(1, char::len_utf8);
        let cut = boundary(limit).max(first);
        let half = boundary(limit / 2).min(cut);
        let window = &rest[half..cut];
        let at = ["\n\n", "\n"]
            .iter()
            .find_map(|sep| window.rfind(sep).map(|k| half + k + sep.len()))
            .or_else(|| after_sentence_end(window).map(|k| half + k))
            .or_else(|| window.rfind(' ').map(|k| half + k + 1))
            .filter(|&at| at > 0)
            .unwrap_or(cut);
        out.push(&rest[..at]);
        rest = &rest[at..];
    }
    out.push(rest);
    out
}

/// The byte offset just after the last space in `window` that follows an end mark (". ! ?
/// …", with closing quotation marks or brackets between them).
fn after_sentence_end(window: &str) -> Option<usize> {
    let mut k = window.len();
    while let Some(sp) = window[..k].rfind(' ') {
        let before = window[..sp].trim_end_matches(['"', '\'', '”', '’', '»', ')', ']']);
        if before.ends_with(['.', '!', '?', '…']) {
            return Some(sp + 1);
        }
        k = sp;
    }
    None
}

/// The byte length of the longest start of `text` that holds at most `max` tokens, or any
/// length above `cap` when that start is longer than `cap` bytes. A token is counted for
/// each run of letters and digits and for each other character but white space, a count
/// never below the tokenizer's (a word it keeps whole, such as "U.S." or "well-known",
/// counts as several; "isn't", two tokens, counts as three).
fn tokens_within(text: &str, max: usize, cap: usize) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0usize;
    let mut in_word = false;
    let mut b = 0usize;
    while b < bytes.len() {
        if b > cap {
            return b;
        }
        // ASCII read as bytes (the white space of `char::is_whitespace`: tab to carriage
        // return, and the space), any other character decoded
        let x = bytes[b];
        let (word, space, len) = if x.is_ascii() {
            (
                x.is_ascii_alphanumeric(),
                matches!(x, b'\t'..=b'\r' | b' '),
                1,
            )
        } else {
            let c = text[b..].chars().next().unwrap_or(' ');
            (c.is_alphanumeric(), c.is_whitespace(), c.len_utf8())
        };
        if space {
            in_word = false;
        } else {
            if !(word && in_word) {
                count += 1;
                if count > max {
                    return b;
                }
            }
            in_word = word;
        }
        b += len;
    }
    bytes.len()
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

#[cfg(test)]
mod part_tests {
    use super::{analyze, doc::Doc, lexicon::LEXICON, parts_of, sentences, tokens_within};

    /// The tokenizer's count of tokens in `text`.
    fn tokens(text: &str) -> usize {
        Doc::untagged(text, &LEXICON).toks.len()
    }

    const MIXED: &str = "U.S. officials' plan isn't ''free'': Trump’s “deal” cost $45,756 at \
                         9 a.m. on Acme.com, al-Rashid said. ‘Yes,’ she said… (2.5%) <<>> \"\" «x»";

    #[test]
    fn the_token_count_is_never_below_the_tokenizers() {
        let sample = include_str!("../../samples/cartels.txt");
        let spaces =
            "tab\there\x0bvt\x0cff\r\nnbsp\u{a0}x em\u{2003}y élan Ωμέγα 東京 ٣٤, x\u{85}y";
        for text in [
            MIXED, sample, spaces, "<<<<", "\"\"\"", "a<a<a<", "....", "isn't",
        ] {
            let n = tokens(text);
            // a count below the tokenizer's would let `n - 1` tokens take the whole text
            assert!(
                tokens_within(text, n - 1, usize::MAX) < text.len(),
                "{text}"
            );
            for max in 1..n {
                let b = tokens_within(text, max, usize::MAX);
                assert!(tokens(&text[..b]) <= max, "{max}: {:?}", &text[..b]);
            }
        }
    }

    #[test]
    fn a_run_of_punctuation_is_cut_for_its_tokens() {
        for text in ["<".repeat(10_000), "a<".repeat(5_000), "\"".repeat(10_000)] {
            let parts = parts_of(&text, 1 << 20, 1_000);
            assert_eq!(parts.concat(), text);
            assert!(parts.iter().all(|p| tokens(p) <= 1_000));
            // each cut falls in the second half of its part
            assert!((10..=20).contains(&parts.len()), "{}", parts.len());
        }
    }

    #[test]
    fn prose_is_cut_for_its_length_alone() {
        // prose holds a token about every five bytes: a bound of one every four bytes never
        // cuts it before its length does
        let sample = include_str!("../../samples/cartels.txt");
        let text = [sample; 40].join("\n\n");
        let max = 16 * 1024;
        assert!(text.len() > 8 * max);
        assert_eq!(
            parts_of(&text, max, max / 4),
            parts_of(&text, max, usize::MAX)
        );
        let run_on = text.replace('\n', " ");
        assert_eq!(
            parts_of(&run_on, max, max / 4),
            parts_of(&run_on, max, usize::MAX)
        );
    }

    #[test]
    fn a_run_on_text_is_cut_after_a_sentence_end_before_any_other_space() {
        let text = "The council met on Monday and talked for hours. Nothing was decided, \
                    members said. \"We will meet again,\" the chair said. "
            .repeat(40);
        let parts = parts_of(&text, 200, usize::MAX);
        assert_eq!(parts.concat(), text);
        for p in &parts[..parts.len() - 1] {
            assert!(
                p.ends_with(". ") || p.ends_with(".\" "),
                "cut inside a sentence: {p:?}"
            );
        }
    }

    #[test]
    fn sentences_are_those_of_analyze_on_a_text_read_in_parts() {
        // 600,000 marks are more tokens than one part holds, then a paragraph of prose
        let text = format!(
            "{}\n\nThe mayor said the bridge would reopen in May. Critics doubt it.",
            "<".repeat(600_000)
        );
        let split = sentences(&text);
        assert!(split.len() >= 4, "{split:?}");
        assert_eq!(split, analyze(&text).sentences);
        let chars: Vec<char> = text.chars().collect();
        let last: String = chars[split[split.len() - 1].start..split[split.len() - 1].end]
            .iter()
            .collect();
        assert_eq!(last, "Critics doubt it.");
    }
}

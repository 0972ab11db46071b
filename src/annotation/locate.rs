//! A claim's words found in its article, for claims recorded by hand (`claim add` and
//! `claim edit`).
//!
//! Content, cue and mention are given as words copied from the article; their code-point
//! offsets are found in its text. Absent or ambiguous content is an error that says which.
//! Cue and mention are matched as whole words outside the content: the nearest occurrence
//! before the content in its sentence, else the nearest after it; `--cue-occurrence` and
//! `--mention-occurrence` pick another, and a missing or ambiguous one is an error listing
//! the candidates.

use crate::error::{Error, Result};
use crate::extract;
use crate::model::{nearest_outside, occurrences, span_at, whole_words, Article, Span};
use crate::report::table::shorten;

/// An error when `s` is blank: `what` (a flag) names it.
pub fn nonblank(what: &str, s: &str) -> Result<()> {
    if s.trim().is_empty() {
        return Err(Error::usage(format!(
            "{what} is empty (expected words from the article)"
        )));
    }
    Ok(())
}

/// Find the content in the article: the only occurrence, or the one `occurrence` picks.
pub fn locate_content(article: &Article, content: &str, occurrence: Option<u32>) -> Result<Span> {
    nonblank("--content", content)?;
    let found = occurrences(&article.text, content);
    let shown = shorten(content, 60);
    match (found.len(), occurrence) {
        (0, _) => Err(Error::msg(format!(
            "content {shown:?} does not occur in article {} (expected words copied exactly \
             from its text)",
            article.id
        ))),
        (1, None) => Ok(span_at(found[0], content)),
        (n, None) => Err(Error::msg(format!(
            "content {shown:?} is ambiguous: it occurs {n} times in article {} (at code points \
             {}); pick one with --occurrence 1..{n}",
            article.id,
            found
                .iter()
                .map(|o| o.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
        (n, Some(k)) => match found.get(k as usize - 1) {
            Some(&at) => Ok(span_at(at, content)),
            None => Err(Error::msg(format!(
                "--occurrence {k}: content {shown:?} occurs only {n} time{} in article {}",
                if n == 1 { "" } else { "s" },
                article.id
            ))),
        },
    }
}

/// The first and last code point of the sentences that hold `span`.
fn sentences_around(text: &str, span: &Span) -> (usize, usize) {
    let sentences = extract::sentences(text);
    let lo = sentences
        .iter()
        .filter(|s| s.start <= span.start)
        .map(|s| s.start)
        .max()
        .unwrap_or(0);
    let hi = sentences
        .iter()
        .filter(|s| s.end >= span.end)
        .map(|s| s.end)
        .min()
        .unwrap_or(usize::MAX);
    (lo, hi)
}

/// Occurrence `number` (from 1) at code point `at`, with a little of the text around it.
fn candidate(chars: &[char], number: usize, at: usize, len: usize) -> String {
    let from = at.saturating_sub(20);
    let to = (at + len + 20).min(chars.len());
    let around: String = chars[from..to].iter().collect();
    let around = shorten(around.trim(), 60);
    format!("{number} at {at} (“{around}”)")
}

/// The whole-word occurrences of `words` written in another case ("She" for "she"): where
/// each starts and its text as the article has it.
fn in_another_case(chars: &[char], words: &str) -> Vec<(usize, String)> {
    // one character for one, so that offsets stay those of the article
    let fold = |c: char| {
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) => l,
            _ => c,
        }
    };
    let lower: Vec<char> = chars.iter().map(|&c| fold(c)).collect();
    let text: String = lower.iter().collect();
    let needle: String = words.chars().map(fold).collect();
    let len = words.chars().count();
    whole_words(&lower, &text, &needle)
        .into_iter()
        .map(|at| (at, chars[at..at + len].iter().collect()))
        .collect()
}

/// Find a cue or mention (`what`) in the article: the whole-word occurrence `occurrence`
/// picks, else the rule of [`nearest_outside`] in the content's sentence, else the only
/// occurrence outside the content; otherwise an error listing the candidates.
pub fn locate_word(
    article: &Article,
    what: &str,
    words: &str,
    content: Option<&Span>,
    occurrence: Option<u32>,
) -> Result<Span> {
    nonblank(&format!("--{what}"), words)?;
    let chars: Vec<char> = article.text.chars().collect();
    let found = whole_words(&chars, &article.text, words);
    let len = words.chars().count();
    let shown = shorten(words, 60);
    let list = |picks: &[usize]| {
        let mut items: Vec<String> = picks
            .iter()
            .take(10)
            .map(|&at| {
                let n = found.iter().position(|&f| f == at).unwrap_or(0) + 1;
                candidate(&chars, n, at, len)
            })
            .collect();
        if picks.len() > 10 {
            items.push(format!("… {} more", picks.len() - 10));
        }
        items.join(", ")
    };
    if let Some(k) = occurrence {
        return match found.get(k as usize - 1) {
            Some(&at) => Ok(span_at(at, words)),
            None => Err(Error::msg(format!(
                "--{what}-occurrence {k}: {what} {shown:?} occurs {} time{} as whole words in \
                 article {}",
                found.len(),
                if found.len() == 1 { "" } else { "s" },
                article.id
            ))),
        };
    }
    if found.is_empty() {
        let inside = occurrences(&article.text, words);
        if inside.is_empty() {
            let cased = in_another_case(&chars, words);
            let hint = match cased.is_empty() {
                true => String::new(),
                false => format!(
                    "; in another case it occurs as {}",
                    cased
                        .iter()
                        .take(10)
                        .map(|(at, text)| format!("{text:?} at code point {at}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            return Err(Error::msg(format!(
                "{what} {shown:?} does not occur in article {} (expected words copied exactly \
                 from its text{hint})",
                article.id
            )));
        }
        return Err(Error::msg(format!(
            "{what} {shown:?} does not occur in article {} as whole words: only inside other \
             words, at code point{} {} (expected whole words copied exactly from its text)",
            article.id,
            if inside.len() == 1 { "" } else { "s" },
            inside
                .iter()
                .take(10)
                .map(|o| o.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let outside: Vec<usize> = match content {
        Some(c) => {
            let (lo, hi) = sentences_around(&article.text, c);
            if let Some(at) = nearest_outside(&found, len, c, lo, hi) {
                return Ok(span_at(at, words));
            }
            found
                .iter()
                .copied()
                .filter(|&s| s + len <= c.start || s >= c.end)
                .collect()
        }
        None => found.clone(),
    };
    match outside.len() {
        1 => Ok(span_at(outside[0], words)),
        0 => Err(Error::msg(format!(
            "{what} {shown:?} occurs only inside the content in article {}: {}; pick one with \
             --{what}-occurrence N if it is meant",
            article.id,
            list(&found)
        ))),
        n => Err(Error::msg(format!(
            "{what} {shown:?} is ambiguous: not in the content's sentence, and {n} times \
             elsewhere in article {}: {}; pick one with --{what}-occurrence N",
            article.id,
            list(&outside)
        ))),
    }
}

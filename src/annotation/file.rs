//! The annotation file: what the page of `whosaid annotate` downloads and `whosaid claim
//! import FILE` reads.
//!
//! The annotation file is JSON:
//!
//! ```json
//! {"format": "whosaid-annotation", "version": 1, "article": "cartels", "title": "…",
//!  "sha256": "<SHA-256 of the article text>",
//!  "claims": [{"source": "Officials", "identity": "anonymous", "role": "official",
//!              "form": "paraphrase", "hedged": false, "via": null,
//!              "content": {"start": 120, "end": 198, "text": "…"},
//!              "mention": {"start": 100, "end": 109, "text": "Officials"}, "cue": null}]}
//! ```
//!
//! Offsets are Unicode code points, end exclusive, as everywhere in whosaid; each span's
//! `text` must be the article's text at its offsets. The article is the stored one whose text
//! has the file's hash: a file made for another text of the article is refused.

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::{Article, Attribution, Form, Identity, Role, Span};
use crate::report::annotate::{FORMAT, VERSION};
use crate::report::table::shorten;

/// Whether a file read by `claim import` is an annotation file rather than a worksheet: its
/// first character, past a byte-order mark and blanks, opens a JSON object.
pub fn is_annotation(bytes: &[u8]) -> bool {
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// An annotation file as read: every field is checked by [`parse`] and [`attributions`].
#[derive(Deserialize)]
pub struct File {
    pub format: Option<String>,
    pub version: Option<u32>,
    /// The article's external id (or number) on the page it was saved from.
    pub article: Option<String>,
    /// The SHA-256 of the article's text, in hex.
    pub sha256: Option<String>,
    pub claims: Option<Vec<FileClaim>>,
}

/// One claim of an annotation file.
#[derive(Deserialize)]
pub struct FileClaim {
    #[serde(default)]
    source: String,
    content: Option<FileSpan>,
    mention: Option<FileSpan>,
    cue: Option<FileSpan>,
    #[serde(default)]
    identity: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    form: String,
    #[serde(default)]
    hedged: bool,
    via: Option<String>,
}

/// A span of an annotation file: code points, end exclusive, and the text there.
#[derive(Deserialize)]
pub struct FileSpan {
    start: usize,
    end: usize,
    text: String,
}

/// The first 12 hex digits of a hash, as messages show it.
pub fn short(hash: &str) -> String {
    let h: String = hash.chars().take(12).collect();
    if hash.chars().count() > 12 {
        format!("{h}…")
    } else {
        h
    }
}

/// A span of the file checked against the article (`chars` its characters).
fn span(chars: &[char], part: &str, s: &FileSpan) -> std::result::Result<Span, String> {
    if s.start >= s.end || s.end > chars.len() {
        return Err(format!(
            "{part}: code points {}..{} are not a span of the article (expected start < end \
             <= {})",
            s.start,
            s.end,
            chars.len()
        ));
    }
    let there: String = chars[s.start..s.end].iter().collect();
    if there != s.text {
        return Err(format!(
            "{part}: code points {}..{} of the article are {:?}, not {:?} (expected the text \
             at those offsets)",
            s.start,
            s.end,
            shorten(&there, 60),
            shorten(&s.text, 60)
        ));
    }
    Ok(Span {
        start: s.start,
        end: s.end,
        text: s.text.clone(),
    })
}

/// One claim of the file as an attribution, or every problem it has.
fn claim(chars: &[char], c: &FileClaim) -> std::result::Result<Attribution, Vec<String>> {
    let mut problems = Vec::new();
    let mut checked = |part: &str, s: &Option<FileSpan>| match s {
        Some(s) => span(chars, part, s).map_err(|e| problems.push(e)).ok(),
        None => None,
    };
    let content = checked("content", &c.content);
    let mention = checked("mention", &c.mention);
    let cue = checked("cue", &c.cue);
    if c.content.is_none() {
        problems.push("content: none (expected the attributed words)".into());
    }
    let source = c.source.trim().to_string();
    if source.is_empty() {
        problems.push("source: empty (expected who the claim rests on)".into());
    }
    let identity = c
        .identity
        .parse::<Identity>()
        .map_err(|e| problems.push(format!("identity: {e}")))
        .ok();
    let role = c
        .role
        .parse::<Role>()
        .map_err(|e| problems.push(format!("role: {e}")))
        .ok();
    let form = c
        .form
        .parse::<Form>()
        .map_err(|e| problems.push(format!("form: {e}")))
        .ok();
    match (identity, role, form) {
        (Some(identity), Some(role), Some(form)) if problems.is_empty() => Ok(Attribution {
            mention,
            cue,
            content,
            identity,
            role,
            form,
            hedged: c.hedged,
            via: c
                .via
                .as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string),
            ..Attribution::of(source)
        }),
        _ => Err(problems),
    }
}

/// Read an annotation file (`name` for messages): UTF-8 JSON with its format, version,
/// text hash and claims list.
pub fn parse(name: &str, bytes: &[u8]) -> Result<File> {
    let expected = "expected the JSON file downloaded from the page of `whosaid annotate`";
    let body =
        std::str::from_utf8(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)).map_err(|e| {
            Error::msg(format!(
                "{name}: not UTF-8 at byte {} ({expected})",
                e.valid_up_to()
            ))
        })?;
    let file: File = serde_json::from_str(body).map_err(|e| {
        Error::msg(format!(
            "{name}: line {}, column {}: not an annotation file: {e} ({expected})",
            e.line(),
            e.column()
        ))
    })?;
    if file.format.as_deref() != Some(FORMAT) {
        return Err(Error::msg(format!(
            "{name}: format is {} (expected \"{FORMAT}\": the file downloaded from the page of \
             `whosaid annotate`, or a worksheet CSV)",
            file.format
                .as_deref()
                .map_or("missing".to_string(), |f| format!("{f:?}"))
        )));
    }
    if file.version != Some(VERSION) {
        return Err(Error::msg(format!(
            "{name}: version {} of the annotation file (expected {VERSION}; make the page again \
             with this whosaid)",
            file.version.map_or("missing".into(), |v| v.to_string())
        )));
    }
    let hash_ok = file
        .sha256
        .as_deref()
        .is_some_and(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()));
    if !hash_ok {
        return Err(Error::msg(format!(
            "{name}: sha256 is missing or not 64 hex digits (expected the article text's hash \
             the page wrote)"
        )));
    }
    if file.claims.is_none() {
        return Err(Error::msg(format!("{name}: no claims list ({expected})")));
    }
    Ok(file)
}

/// The file's claims as attributions of `article`, each span checked against its text;
/// every problem of every claim is named in one error.
pub fn attributions(name: &str, file: &File, article: &Article) -> Result<Vec<Attribution>> {
    let list = file.claims.as_deref().unwrap_or_default();
    let chars: Vec<char> = article.text.chars().collect();
    let mut attributions = Vec::with_capacity(list.len());
    let mut errors = Vec::new();
    for (i, c) in list.iter().enumerate() {
        match claim(&chars, c) {
            Ok(a) => attributions.push(a),
            Err(problems) => errors.extend(
                problems
                    .into_iter()
                    .map(|p| format!("claim {}, {p}", i + 1)),
            ),
        }
    }
    match errors.as_slice() {
        [] => {}
        [one] => return Err(Error::msg(format!("{name}: {one}; nothing imported"))),
        many => {
            return Err(Error::msg(format!(
                "{name}: {} problems, nothing imported: {}",
                many.len(),
                many.join("; ")
            )))
        }
    }
    Ok(attributions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_object_is_an_annotation_file_whatever_its_name() {
        assert!(is_annotation(b"{\"format\": 1}"));
        assert!(is_annotation(b"\xef\xbb\xbf \n\t{}"));
        assert!(!is_annotation(b"article,sentence,text\n"));
        assert!(!is_annotation(b""));
        assert!(!is_annotation(b"\"{\",x\n"));
    }

    #[test]
    fn spans_are_checked_in_code_points() {
        // an emoji is one code point (two UTF-16 units), an accent a code point of its own
        let chars: Vec<char> = "Zoe\u{301} 😀 said \u{201c}hi\u{201d}".chars().collect();
        let ok = FileSpan {
            start: 7,
            end: 11,
            text: "said".into(),
        };
        assert_eq!(span(&chars, "cue", &ok).unwrap().start, 7);
        let utf16 = FileSpan {
            start: 8,
            end: 12,
            text: "said".into(),
        };
        let err = span(&chars, "cue", &utf16).unwrap_err();
        assert_eq!(
            err,
            "cue: code points 8..12 of the article are \"aid \", not \"said\" (expected the \
             text at those offsets)"
        );
        let past = FileSpan {
            start: 12,
            end: 99,
            text: "x".into(),
        };
        assert!(span(&chars, "content", &past)
            .unwrap_err()
            .contains("expected start < end <= 16"));
    }

    #[test]
    fn every_problem_of_a_claim_is_named() {
        let chars: Vec<char> = "Officials said no".chars().collect();
        let c = FileClaim {
            source: " ".into(),
            content: None,
            mention: Some(FileSpan {
                start: 0,
                end: 9,
                text: "Officials".into(),
            }),
            cue: None,
            identity: "Named".into(),
            role: "official".into(),
            form: "".into(),
            hedged: false,
            via: None,
        };
        let problems = claim(&chars, &c).unwrap_err();
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[0].starts_with("content: none"));
        assert!(problems[1].starts_with("source: empty"));
        assert!(problems[2].starts_with("identity: unknown identity \"Named\""));
        assert!(problems[3].starts_with("form: unknown form \"\""));
    }
}

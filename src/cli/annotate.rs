//! `whosaid annotate ARTICLE -o page.html`: a page for marking an article's claims in the
//! browser; `whosaid claim import FILE --annotator NAME` reads the file it downloads.
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

use std::path::PathBuf;

use serde::Deserialize;

use crate::cli::{note, print_lines, Context};
use crate::error::{Error, Result};
use crate::ingest::text as input;
use crate::model::{Article, Attribution, Form, Identity, Origin, Role, Span};
use crate::report::annotate::{self as page, Page, FORMAT, VERSION};
use crate::store::{articles, claims, Store};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The article: its numeric id or its external id.
    #[arg(value_name = "ARTICLE", required_unless_present = "file")]
    pub article: Option<String>,

    /// Annotate a text file (.txt, .md or .html, read as `whosaid add` reads it) instead of
    /// a stored article; `claim import` finds the article by its text once it is added.
    #[arg(long, value_name = "PATH", conflicts_with = "article")]
    pub file: Option<PathBuf>,

    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let (reference, title, text) = match (&args.article, &args.file) {
        (_, Some(path)) => {
            let file = input::read_article_file(path, input::DEFAULT_MAX_BYTES)?;
            let title = file.title.unwrap_or_else(|| input::display_name(path));
            (None, title, file.text)
        }
        (Some(key), None) => {
            let store = ctx.reader()?;
            let a = articles::resolve(store.conn(), key)?;
            let reference = a.meta.external_id.clone().unwrap_or(a.id.to_string());
            let title = a
                .meta
                .title
                .clone()
                .unwrap_or_else(|| format!("article {reference}"));
            (Some(reference), title, a.text)
        }
        (None, None) => return Err(Error::usage("expected ARTICLE or --file PATH")),
    };
    let sha256 = articles::content_hash(&text);
    crate::cli::output::streamed(args.output.as_deref(), |out| {
        page::write(
            out,
            &Page {
                reference: reference.as_deref(),
                title: &title,
                text: &text,
                sha256: &sha256,
            },
        )
    })
}

/// Whether a file read by `claim import` is an annotation file rather than a worksheet: its
/// first character, past a byte-order mark and blanks, opens a JSON object.
pub fn is_annotation(bytes: &[u8]) -> bool {
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

#[derive(Deserialize)]
struct File {
    format: Option<String>,
    version: Option<u32>,
    article: Option<String>,
    sha256: Option<String>,
    claims: Option<Vec<FileClaim>>,
}

#[derive(Deserialize)]
struct FileClaim {
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

#[derive(Deserialize)]
struct FileSpan {
    start: usize,
    end: usize,
    text: String,
}

/// The stored article the file was made for: the one its `article` names when that one's
/// text has the file's hash, else the one whose text has it.
fn article_of(store: &Store, name: &str, file: &File) -> Result<Article> {
    let hash = file.sha256.as_deref().unwrap_or_default();
    if let Some(key) = file.article.as_deref() {
        if let Ok(a) = articles::resolve(store.conn(), key) {
            if articles::content_hash(&a.text) == hash {
                return Ok(a);
            }
            if articles::find_by_hash(store.conn(), hash)?.is_none() {
                return Err(Error::msg(format!(
                    "{name}: the file was made for another text of article {key} (its sha256 \
                     {} differs from the stored article's {}); nothing imported (expected a \
                     file saved from a page of `whosaid annotate {key}` made from this database)",
                    short(hash),
                    short(&articles::content_hash(&a.text))
                )));
            }
        }
    }
    match articles::find_by_hash(store.conn(), hash)? {
        Some(id) => articles::get(store.conn(), id)?
            .ok_or_else(|| Error::msg(format!("{name}: article {id} vanished while importing"))),
        None => Err(Error::msg(format!(
            "{name}: no stored article has the file's text (sha256 {}{}); nothing imported \
             (store the article first with `whosaid add`, or use the page made from this \
             database)",
            short(hash),
            file.article
                .as_deref()
                .map(|a| format!(", made for article {a}"))
                .unwrap_or_default()
        ))),
    }
}

/// The first 12 hex digits of a hash, as messages show it.
fn short(hash: &str) -> String {
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
            crate::report::table::shorten(&there, 60),
            crate::report::table::shorten(&s.text, 60)
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

/// `claim import FILE --annotator NAME [--replace]` for an annotation file: check the
/// article's hash and every claim, then store them all in one transaction.
pub fn import(
    ctx: &Context,
    annotator: &str,
    replace: bool,
    name: &str,
    bytes: &[u8],
) -> Result<()> {
    let annotator = annotator.trim();
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
    let Some(list) = &file.claims else {
        return Err(Error::msg(format!("{name}: no claims list ({expected})")));
    };
    let mut store = ctx.store()?;
    let article = article_of(&store, name, &file)?;
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
    let existing = claims::list(store.conn(), article.id, Some(annotator))?;
    if !existing.is_empty() && !replace {
        return Err(Error::msg(format!(
            "{name}: {annotator} already has {} claim{} on article {} (use --replace to \
             replace them with the file's)",
            existing.len(),
            if existing.len() == 1 { "" } else { "s" },
            article.id
        )));
    }
    let ids = store.write(|tx| {
        if replace {
            for c in claims::list(tx, article.id, Some(annotator))? {
                claims::delete(tx, c.id)?;
            }
        }
        attributions
            .iter()
            .map(|a| claims::insert(tx, article.id, a, Origin::Manual, annotator))
            .collect::<Result<Vec<i64>>>()
    })?;
    note(format!(
        "{name}: {} claim{} by {annotator} imported on article {}",
        ids.len(),
        if ids.len() == 1 { "" } else { "s" },
        article.id
    ));
    print_lines(&ids.iter().map(|i| i.to_string()).collect::<Vec<_>>())
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

//! `whosaid worksheet ARTICLE`: a CSV sheet with one row per sentence and empty columns to
//! fill in; `whosaid claim import SHEET --annotator NAME` reads a filled sheet back as claims.
//!
//! Sheet columns: `article, sentence, text, source, identity, role, form, content, cue`. A row
//! with `source` filled is a claim resting on that source in that sentence; its content is the
//! `content` cell (words of the sentence) or else the whole sentence; `cue` (optional) is found
//! in the sentence, nearest the content. Rows left blank are skipped. Errors name the row
//! (1 = the first row under the header) and the column.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::cli::{note, print_lines, Context};
use crate::error::{Error, Result};
use crate::extract;
use crate::ingest::text as input;
use crate::model::{
    occurrences, span_at, Article, Attribution, Form, Identity, Origin, Role, Span,
};
use crate::report::csv::{unneutralize, writer};
use crate::store::{articles, claims};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The article: its numeric id or its external id.
    #[arg(value_name = "ARTICLE")]
    pub article: String,

    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The sheet's columns, in order.
pub const COLUMNS: &[&str] = &[
    "article", "sentence", "text", "source", "identity", "role", "form", "content", "cue",
];

/// The columns a filled sheet must have.
const REQUIRED: &[&str] = &["article", "sentence", "source", "identity", "role", "form"];

/// The columns that make a row a claim when any is filled.
const FILLED: &[&str] = &["source", "identity", "role", "form", "content", "cue"];

fn sentence_text(text: &[char], s: &extract::Sentence) -> String {
    text[s.start..s.end].iter().collect()
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let store = ctx.store()?;
    let article = articles::resolve(store.conn(), &args.article)?;
    let chars: Vec<char> = article.text.chars().collect();
    let mut buf = Vec::new();
    {
        let mut w = writer(&mut buf);
        w.write_record(COLUMNS)?;
        let id = article.id.to_string();
        for (i, s) in extract::sentences(&article.text).iter().enumerate() {
            let n = (i + 1).to_string();
            let t = sentence_text(&chars, s);
            w.write_record([id.as_str(), n.as_str(), t.as_str(), "", "", "", "", "", ""])?;
        }
        w.flush()?;
    }
    crate::cli::output::write_all(args.output.as_deref(), &buf)
}

/// `claim import` flags.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// A filled worksheet (see `whosaid worksheet`).
    #[arg(value_name = "SHEET")]
    pub sheet: PathBuf,

    /// Who filled it in.
    #[arg(long, value_name = "NAME")]
    pub annotator: String,

    /// Replace this annotator's claims on the sheet's articles (else they must have none).
    #[arg(long)]
    pub replace: bool,
}

/// One validated row: the article and its claim.
struct Row {
    article_id: i64,
    attribution: Attribution,
}

/// Find `words` inside the sentence `[s, e)` of the article; the occurrence nearest `near`.
fn find_in(
    article: &Article,
    s: usize,
    e: usize,
    words: &str,
    near: Option<&Span>,
) -> Option<Span> {
    let len = words.chars().count();
    let distance = |start: usize| match near {
        None => 0,
        Some(n) if start + len <= n.start => n.start - (start + len),
        Some(n) if start >= n.end => start - n.end,
        Some(_) => 0,
    };
    occurrences(&article.text, words)
        .into_iter()
        .filter(|&at| at >= s && at + len <= e)
        .min_by_key(|&at| (distance(at), at))
        .map(|at| span_at(at, words))
}

fn parse_row(
    get: &dyn Fn(&str) -> String,
    article: &Article,
) -> std::result::Result<Attribution, (String, String)> {
    let bad = |col: &str, msg: String| (col.to_string(), msg);
    let sentences = extract::sentences(&article.text);
    let raw = get("sentence");
    let n: usize = raw
        .parse()
        .ok()
        .filter(|&n| n >= 1 && n <= sentences.len())
        .ok_or_else(|| {
            bad(
                "sentence",
                format!(
                    "{raw:?} is not a sentence of article {} (expected 1 to {})",
                    article.id,
                    sentences.len()
                ),
            )
        })?;
    let sent = sentences[n - 1];
    let source = get("source");
    if source.is_empty() {
        return Err(bad(
            "source",
            "empty (expected who the claim rests on)".into(),
        ));
    }
    let label = |col: &str| -> std::result::Result<String, (String, String)> {
        let v = get(col);
        if v.is_empty() {
            Err(bad(col, format!("empty (expected the claim's {col})")))
        } else {
            Ok(v)
        }
    };
    let identity: Identity = label("identity")?.parse().map_err(|e| bad("identity", e))?;
    let role: Role = label("role")?.parse().map_err(|e| bad("role", e))?;
    let form: Form = label("form")?.parse().map_err(|e| bad("form", e))?;
    let chars: Vec<char> = article.text.chars().collect();
    let content_words = get("content");
    let content = if content_words.is_empty() {
        span_at(sent.start, &sentence_text(&chars, &sent))
    } else {
        find_in(article, sent.start, sent.end, &content_words, None).ok_or_else(|| {
            bad(
                "content",
                format!(
                    "{:?} does not occur in sentence {n} (expected words copied exactly from it)",
                    crate::report::table::shorten(&content_words, 60)
                ),
            )
        })?
    };
    let cue_words = get("cue");
    let cue = if cue_words.is_empty() {
        None
    } else {
        Some(
            find_in(article, sent.start, sent.end, &cue_words, Some(&content)).ok_or_else(
                || {
                    bad(
                        "cue",
                        format!(
                            "{:?} does not occur in sentence {n} (expected words copied exactly from it)",
                            crate::report::table::shorten(&cue_words, 60)
                        ),
                    )
                },
            )?,
        )
    };
    Ok(Attribution {
        source,
        mention: None,
        cue,
        content: Some(content),
        identity,
        role,
        form,
        hedged: false,
        via: None,
        rule: String::new(),
        trigger: String::new(),
        anonymity_reason: None,
    })
}

/// `whosaid claim import SHEET --annotator NAME`: check every row, then store them all in one
/// transaction.
pub fn import(ctx: &Context, args: ImportArgs) -> Result<()> {
    let annotator = args.annotator.trim().to_string();
    if annotator.is_empty() {
        return Err(Error::usage("--annotator is empty (expected a name)"));
    }
    let name = input::display_name(&args.sheet);
    let bytes = input::read_bytes(&args.sheet)?;
    let text = input::decode(&name, bytes)?;
    let (headers, records) = crate::ingest::csv::loose(&name, &text)?;
    for col in REQUIRED {
        if !headers.iter().any(|h| h == col) {
            return Err(Error::msg(format!(
                "{name}: line 1: no {col} column (expected the worksheet's columns: {})",
                COLUMNS.join(", ")
            )));
        }
    }
    let mut store = ctx.store()?;
    let mut cache: HashMap<String, Article> = HashMap::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    for (i, record) in records.enumerate() {
        let row_no = i + 1;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(e.to_string());
                continue;
            }
        };
        if record.len() != headers.len() {
            errors.push(format!(
                "{name}: row {row_no}: {} cells (expected {}, one per column)",
                record.len(),
                headers.len()
            ));
            continue;
        }
        let get = |col: &str| -> String {
            headers
                .iter()
                .position(|h| h == col)
                .and_then(|i| record.get(i))
                .map(|c| unneutralize(c).trim().to_string())
                .unwrap_or_default()
        };
        if FILLED.iter().all(|c| get(c).is_empty()) {
            continue;
        }
        let key = get("article");
        if !cache.contains_key(&key) {
            match articles::resolve(store.conn(), &key) {
                Ok(a) => {
                    cache.insert(key.clone(), a);
                }
                Err(e) => {
                    errors.push(format!("{name}: row {row_no}, column article: {e}"));
                    continue;
                }
            }
        }
        let Some(article) = cache.get(&key) else {
            continue;
        };
        match parse_row(&get, article) {
            Ok(attribution) => rows.push(Row {
                article_id: article.id,
                attribution,
            }),
            Err((col, msg)) => errors.push(format!("{name}: row {row_no}, column {col}: {msg}")),
        }
    }
    if let Some(first) = errors.first() {
        let more = match errors.len() {
            1 => String::new(),
            n => format!(
                " (and {} more bad row{})",
                n - 1,
                if n == 2 { "" } else { "s" }
            ),
        };
        return Err(Error::msg(format!("{first}{more}")));
    }
    let mut article_ids: Vec<i64> = rows.iter().map(|r| r.article_id).collect();
    article_ids.sort_unstable();
    article_ids.dedup();
    for &id in &article_ids {
        let existing = claims::list(store.conn(), id, Some(&annotator))?;
        if !existing.is_empty() && !args.replace {
            return Err(Error::msg(format!(
                "{name}: {annotator} already has {} claim{} on article {id} (use --replace to \
                 replace them with the sheet's)",
                existing.len(),
                if existing.len() == 1 { "" } else { "s" }
            )));
        }
    }
    let ids = store.write(|tx| {
        if args.replace {
            for &id in &article_ids {
                for c in claims::list(tx, id, Some(&annotator))? {
                    claims::delete(tx, c.id)?;
                }
            }
        }
        rows.iter()
            .map(|r| claims::insert(tx, r.article_id, &r.attribution, Origin::Manual, &annotator))
            .collect::<Result<Vec<i64>>>()
    })?;
    note(format!(
        "{name}: {} claim{} by {annotator} imported",
        ids.len(),
        if ids.len() == 1 { "" } else { "s" }
    ));
    print_lines(&ids.iter().map(|i| i.to_string()).collect::<Vec<_>>())
}

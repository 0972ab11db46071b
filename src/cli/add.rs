//! `whosaid add FILE...`: store articles and their automatic claims.

use std::path::PathBuf;

use rayon::prelude::*;
use rusqlite::Transaction;

use crate::cli::{input, note, parse_date, print_lines, Context};
use crate::error::{Error, Result};
use crate::extract;
use crate::model::{ArticleMeta, Attribution, Origin};
use crate::store::{articles, claims, Store};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Article files: .txt or .md text, or .html pages (their readable text, title and byline
    /// are stored); `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// The article's title (one FILE only).
    #[arg(long)]
    pub title: Option<String>,

    /// The outlet that published it.
    #[arg(long)]
    pub outlet: Option<String>,

    /// Its author.
    #[arg(long)]
    pub author: Option<String>,

    /// Its publication date, YYYY-MM-DD.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<String>,

    /// Its URL (one FILE only).
    #[arg(long)]
    pub url: Option<String>,

    /// An external id to find it by instead of the numeric id (one FILE only).
    #[arg(long)]
    pub id: Option<String>,

    /// Store the text only; do not run the extraction engine.
    #[arg(long)]
    pub no_extract: bool,

    /// Refuse an article file larger than N bytes.
    #[arg(long, value_name = "N", default_value_t = input::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
}

/// An article read and checked, waiting to be stored.
#[derive(Debug, Clone)]
pub struct Pending {
    /// Where it came from, for messages ("a.txt", "list.csv: row 3").
    pub label: String,
    pub meta: ArticleMeta,
    pub text: String,
}

/// What storing an article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Stored { id: i64, claims: usize },
    AlreadyStored { id: i64 },
}

impl Outcome {
    pub fn id(self) -> i64 {
        match self {
            Outcome::Stored { id, .. } | Outcome::AlreadyStored { id } => id,
        }
    }
}

/// Store checked articles in one transaction, with the engine's claims unless `no_extract`.
/// A text already stored is not stored again; an external id already taken by another text
/// is an error, and then nothing is stored.
pub fn store_all(store: &mut Store, items: &[Pending], no_extract: bool) -> Result<Vec<Outcome>> {
    // The engine runs before the write transaction opens, on the texts not yet stored.
    let hashes: Vec<String> = items
        .par_iter()
        .map(|p| articles::content_hash(&p.text))
        .collect();
    let mut known = Vec::with_capacity(items.len());
    for h in &hashes {
        known.push(articles::find_by_hash(store.conn(), h)?);
    }
    // the engine's sentences are stored too, so the text is split once
    let found: Vec<Option<extract::Analysis>> = items
        .par_iter()
        .zip(known.par_iter())
        .map(|(p, k)| (!no_extract && k.is_none()).then(|| extract::analyze(&p.text)))
        .collect();
    store
        .write(|tx| {
            let mut out = Vec::with_capacity(items.len());
            for ((p, h), found) in items.iter().zip(&hashes).zip(&found) {
                out.push(match found {
                    Some(f) => write_one_split(tx, p, h, &f.attributions, Some(&f.sentences))?,
                    None => write_one(tx, p, h, &[])?,
                });
            }
            Ok(out)
        })
        .map_err(|e| match e {
            Error::Msg(m) => Error::Msg(format!("{m}; nothing was stored")),
            other => other,
        })
}

/// Store one checked article (whose text has content hash `hash`) and its automatic claims
/// `attrs`, inside the caller's transaction; a text already stored is left alone.
pub fn write_one(
    tx: &Transaction,
    p: &Pending,
    hash: &str,
    attrs: &[Attribution],
) -> Result<Outcome> {
    write_one_split(tx, p, hash, attrs, None)
}

/// `write_one` for a caller that has the text's sentences already (`extract::analyze`).
pub fn write_one_split(
    tx: &Transaction,
    p: &Pending,
    hash: &str,
    attrs: &[Attribution],
    sentences: Option<&[extract::Sentence]>,
) -> Result<Outcome> {
    if let Some(id) = articles::find_by_hash(tx, hash)? {
        return Ok(Outcome::AlreadyStored { id });
    }
    if let Some(x) = &p.meta.external_id {
        if let Some(other) = articles::find_by_external_id(tx, x)? {
            return Err(Error::msg(format!(
                "{}: id {x:?} already names article {other}, which has another text \
                 (expected a new id)",
                p.label
            )));
        }
    }
    let id = match sentences {
        Some(ss) => articles::insert_with_sentences(tx, &p.meta, &p.text, ss)?,
        None => articles::insert(tx, &p.meta, &p.text)?,
    };
    for a in attrs {
        claims::insert(tx, id, a, Origin::Auto, "auto")?;
    }
    Ok(Outcome::Stored {
        id,
        claims: attrs.len(),
    })
}

/// Report outcomes: each id on stdout, what happened on stderr.
pub fn tell(items: &[Pending], outcomes: &[Outcome], no_extract: bool) -> Result<()> {
    for (p, o) in items.iter().zip(outcomes) {
        match o {
            Outcome::AlreadyStored { id } => note(format!("{}: already stored as {id}", p.label)),
            Outcome::Stored { id, claims } if !no_extract => note(format!(
                "{}: stored as {id} with {claims} automatic claim{}",
                p.label,
                if *claims == 1 { "" } else { "s" }
            )),
            Outcome::Stored { .. } => {}
        }
    }
    let ids: Vec<String> = outcomes.iter().map(|o| o.id().to_string()).collect();
    print_lines(&ids)
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    if args.files.len() > 1 {
        for (flag, given) in [
            ("--title", args.title.is_some()),
            ("--url", args.url.is_some()),
            ("--id", args.id.is_some()),
        ] {
            if given {
                return Err(Error::usage(format!(
                    "{flag} describes one article, but {} files were given; add them one at a \
                     time, or list them in a CSV for `whosaid import`",
                    args.files.len()
                )));
            }
        }
    }
    if args.files.iter().filter(|f| input::is_stdin(f)).count() > 1 {
        return Err(Error::usage("`-` (standard input) can be read only once"));
    }
    if let Some(id) = &args.id {
        if id.trim().is_empty() {
            return Err(Error::usage(
                "--id is empty (expected an external id such as nyt-2025-001)",
            ));
        }
    }
    // Read and check everything before the database is touched.
    let mut items = Vec::with_capacity(args.files.len());
    for f in &args.files {
        let file = input::read_article_file(f, args.max_bytes)?;
        let label = input::display_name(f);
        let meta = ArticleMeta {
            external_id: args.id.clone(),
            title: args.title.clone().or(file.title),
            outlet: args.outlet.clone(),
            author: args.author.clone().or(file.byline),
            date: args.date.clone(),
            url: args.url.clone(),
        };
        input::check_meta(&label, &meta, |f| format!("--{f}"))?;
        items.push(Pending {
            label,
            text: file.text,
            meta,
        });
    }
    let mut store = ctx.store()?;
    let outcomes = store_all(&mut store, &items, args.no_extract)?;
    tell(&items, &outcomes, args.no_extract)
}

//! `whosaid add FILE...`: store articles and their automatic claims.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::cli::{note, parse_date, print_lines, Context};
use crate::error::{Error, Result};
use crate::extract;
use crate::ingest::{text as input, Pending};
use crate::model::ArticleMeta;
use crate::pipeline;
use crate::store::writer::{self, Item, NewArticle, Outcome};
use crate::store::{articles, Store};

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

    /// Refuse an article file larger than N bytes (1 to 10^9).
    #[arg(long, value_name = "N", default_value_t = input::DEFAULT_MAX_BYTES,
          value_parser = crate::cli::MAX_BYTES)]
    pub max_bytes: u64,
}

/// Store checked articles in one transaction, with the engine's claims unless `no_extract`.
/// An article whose external id is stored with the same text, or without an id whose text
/// is stored, is not stored again; an external id already given to another text is an
/// error, and then nothing is stored.
pub fn store_all(store: &mut Store, items: &[Pending], no_extract: bool) -> Result<Vec<Outcome>> {
    // The engine runs before the write transaction opens, on the articles to be stored.
    let hashes: Vec<String> = items
        .par_iter()
        .map(|p| articles::content_hash(&p.text))
        .collect();
    let mut known = Vec::with_capacity(items.len());
    for (p, h) in items.iter().zip(&hashes) {
        known.push(writer::known(store.conn(), &p.label, &p.meta, h)?.is_some());
    }
    // the engine's sentences are stored too, so the text is split once
    let batch: Vec<Item> = items
        .par_iter()
        .zip(hashes)
        .zip(known.par_iter())
        .map(|((p, hash), &known)| {
            let found = (!known).then(|| {
                if no_extract {
                    (extract::sentences(&p.text), Vec::new())
                } else {
                    let a = extract::analyze(&p.text);
                    (a.sentences, a.attributions)
                }
            });
            Item::Article(Box::new(NewArticle {
                label: p.label.clone(),
                meta: p.meta.clone(),
                text: p.text.clone(),
                hash,
                found,
                engine: (!no_extract).then(|| pipeline::ENGINE.to_string()),
            }))
        })
        .collect();
    pipeline::write_articles(store, &batch, no_extract).map_err(|e| match e {
        Error::Msg(m) => Error::Msg(format!("{m}; nothing was stored")),
        other => other,
    })
}

/// Report outcomes: each id on stdout, what happened on stderr.
pub fn tell(items: &[Pending], outcomes: &[Outcome], no_extract: bool) -> Result<()> {
    for (p, o) in items.iter().zip(outcomes) {
        match o {
            Outcome::AlreadyStored { id } | Outcome::SameText { id } => {
                note(format!("{}: already stored as {id}", p.label))
            }
            Outcome::Stored { id, claims } if !no_extract => note(format!(
                "{}: stored as {id} with {claims} automatic claim{}",
                p.label,
                if *claims == 1 { "" } else { "s" }
            )),
            _ => {}
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
            note: None,
            found: None,
        });
    }
    let mut store = ctx.store()?;
    let outcomes = store_all(&mut store, &items, args.no_extract)?;
    tell(&items, &outcomes, args.no_extract)
}

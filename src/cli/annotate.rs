//! `whosaid annotate ARTICLE -o page.html`: a page for marking an article's claims in the
//! browser; `whosaid claim import FILE --annotator NAME` reads the file it downloads (its
//! format: [`crate::annotation::file`]).

use std::path::PathBuf;

use crate::annotation::file::{self, File};
use crate::cli::{note, print_lines, Context};
use crate::error::{Error, Result};
use crate::ingest::text as input;
use crate::model::{Article, Origin};
use crate::report::annotate::{self as page, Page};
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
                    file::short(hash),
                    file::short(&articles::content_hash(&a.text))
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
            file::short(hash),
            file.article
                .as_deref()
                .map(|a| format!(", made for article {a}"))
                .unwrap_or_default()
        ))),
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
    let file = file::parse(name, bytes)?;
    let mut store = ctx.store()?;
    let article = article_of(&store, name, &file)?;
    let attributions = file::attributions(name, &file, &article)?;
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

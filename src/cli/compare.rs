//! `whosaid compare`: one annotator's claims against a key (another annotator or `auto`),
//! paired as `eval` pairs them, as a table, CSV, JSON or a feedback page for the student
//! (`--format html`); `--all` gives the class roster, one row per annotator and article and a
//! total row per annotator.

use crate::cli::annotators::{claims_of, no_claims, require_anywhere};
use crate::cli::{Context, OutputArgs, ReportFormat as Format};
use crate::compare::{compare, students, Comparison, Student};
use crate::error::{Error, Result};
use crate::report::compare::{
    comparison_row, roster, roster_table, wrapped, write_one, COLUMNS, ROSTER_LEGEND,
};
use crate::report::records::Records;
use crate::store::{articles, claims, Store};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The article: its numeric id or its external id.
    #[arg(value_name = "ARTICLE", conflicts_with = "all")]
    pub article: Option<String>,

    /// The annotator to compare (with --all: only this annotator's rows).
    #[arg(long, value_name = "NAME")]
    pub annotator: Option<String>,

    /// The key: an annotator's name, or `auto` for the engine's claims.
    #[arg(long, value_name = "KEY")]
    pub key: String,

    /// Every annotator on every article the key annotated: the class roster, with a total row
    /// per annotator.
    #[arg(long)]
    pub all: bool,

    #[command(flatten)]
    pub output: OutputArgs<Format>,
}

fn one(
    store: &Store,
    article_id: i64,
    title: Option<String>,
    name: &str,
    key: &str,
) -> Result<Comparison> {
    let mine = claims::list(store.conn(), article_id, Some(name))?;
    let theirs = claims::list(store.conn(), article_id, Some(key))?;
    Ok(compare(article_id, title, name, &mine, key, &theirs))
}

/// Every comparison of the roster: per article the key annotated (by id), per annotator with
/// claims on it (by name), or only `only`.
fn roster_comparisons(store: &Store, key: &str, only: Option<&str>) -> Result<Vec<Comparison>> {
    require_anywhere(store.conn(), key)?;
    let key_articles = claims::articles_of(store.conn(), key)?;
    if let Some(name) = only {
        let theirs = claims::articles_of(store.conn(), name)?;
        if !key_articles.iter().any(|a| theirs.contains(a)) {
            return Err(match theirs.is_empty() {
                true => no_claims(store.conn(), None, name),
                false => Error::msg(format!(
                    "no article has claims by both {name:?} and the key {key:?} (see `whosaid \
                     annotators`)"
                )),
            });
        }
    }
    let mut out = Vec::new();
    for id in key_articles {
        let title = articles::get(store.conn(), id)?.and_then(|a| a.meta.title);
        for (name, _, _) in claims::annotators(store.conn(), Some(id))? {
            if name == key || only.is_some_and(|o| o != name) {
                continue;
            }
            out.push(one(store, id, title.clone(), &name, key)?);
        }
    }
    // grouped by annotator, articles by id
    out.sort_by(|a, b| (&a.annotator, a.article_id).cmp(&(&b.annotator, b.article_id)));
    Ok(out)
}

/// Says on stderr, per student of the roster, which of the key's articles they have no claims
/// on: those articles are in neither their rows nor their total.
fn unannotated(store: &Store, key: &str, list: &[Student]) -> Result<()> {
    let key_articles = claims::articles_of(store.conn(), key)?;
    for s in list {
        let missing: Vec<String> = key_articles
            .iter()
            .filter(|id| !s.articles.iter().any(|c| c.article_id == **id))
            .map(|id| id.to_string())
            .collect();
        if missing.is_empty() {
            continue;
        }
        crate::cli::note(format!(
            "no claims by {:?} on {} of the key's {} articles (article{} {}); their total \
             counts only the articles they annotated",
            s.annotator,
            missing.len(),
            key_articles.len(),
            if missing.len() == 1 { "" } else { "s" },
            missing.join(", ")
        ));
    }
    Ok(())
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let key = args.key.trim().to_string();
    if key.is_empty() {
        return Err(Error::usage(
            "--key is empty (expected an annotator's name or auto)",
        ));
    }
    let width = args.output.width();
    let store = ctx.reader()?;
    if args.all {
        let only = args.annotator.as_deref().map(str::trim);
        let list = students(roster_comparisons(&store, &key, only)?);
        unannotated(&store, &key, &list)?;
        if list.is_empty() {
            crate::cli::note(format!(
                "nothing to compare: no article has claims by {key:?} and another annotator \
                 (see `whosaid annotators`)"
            ));
        }
        return args.output.emit(|w| match args.output.format {
            Format::Table => {
                if list.is_empty() {
                    return Ok(());
                }
                roster_table(&list).write_table(w, width, &[("annotator", 16)])?;
                wrapped(w, ROSTER_LEGEND, width, "")
            }
            Format::Csv => roster(&list).write_csv(w),
            Format::Json => crate::report::json::write_pretty(w, &list),
            Format::Html => Err(Error::usage(
                "--format html: `compare --all` has no HTML output (expected table, csv or \
                 json; the feedback page is one student's: compare ARTICLE --annotator NAME \
                 --key KEY --format html)",
            )),
        });
    }
    let Some(article) = &args.article else {
        return Err(Error::usage(
            "which article? name it (ARTICLE), or use --all for the roster",
        ));
    };
    let Some(name) = &args.annotator else {
        return Err(Error::usage(
            "--annotator NAME is required with ARTICLE (whose claims to compare with the key)",
        ));
    };
    let name = name.trim();
    let article = articles::resolve(store.conn(), article)?;
    let theirs = claims_of(store.conn(), article.id, &key)?;
    let mine = claims_of(store.conn(), article.id, name)?;
    let c = compare(
        article.id,
        article.meta.title.clone(),
        name,
        &mine,
        &key,
        &theirs,
    );
    args.output.emit(|w| match args.output.format {
        Format::Table => write_one(w, &c, width),
        Format::Csv => {
            let mut r = Records::new(COLUMNS.to_vec());
            r.push(comparison_row(&c));
            r.write_csv(w)
        }
        Format::Json => crate::report::json::write_pretty(w, &c),
        Format::Html => {
            let attributions = |list: &[crate::model::Claim]| {
                list.iter()
                    .map(|c| c.attribution.clone())
                    .collect::<Vec<_>>()
            };
            crate::report::feedback::page(
                w,
                article.meta.title.as_deref(),
                &article.text,
                &c,
                &attributions(&mine),
                &attributions(&theirs),
            )
        }
    })
}

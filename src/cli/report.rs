//! `whosaid report`: per-article attribution breakdowns as a table, CSV or JSON.

use crate::cli::{note, parse_date, Context, Format, OutputArgs};
use crate::error::{Error, Result};
use crate::model::Article;
use crate::report::{self, ArticleInfo, ArticleReport, Breakdown};
use crate::store::articles::{self, Filter};
use crate::store::{claims, Store};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Articles to report: numeric ids or external ids.
    #[arg(value_name = "ARTICLE", conflicts_with_all = ["all", "outlet", "since", "until"])]
    pub articles: Vec<String>,

    /// Report every stored article (narrowed by --outlet, --since, --until).
    #[arg(long)]
    pub all: bool,

    /// Only articles from this outlet.
    #[arg(long)]
    pub outlet: Option<String>,

    /// Only articles published on or after this date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub since: Option<String>,

    /// Only articles published on or before this date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub until: Option<String>,

    /// Whose claims to count: `auto`, `manual` or an annotator's name [default: auto, or
    /// manual for an article without automatic claims].
    #[arg(long, value_name = "NAME")]
    pub annotator: Option<String>,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// The report of one stored article for one annotator (the default one when `None`).
pub fn article_report(
    store: &Store,
    article: &Article,
    annotator: Option<&str>,
) -> Result<ArticleReport> {
    let annotator = match annotator {
        Some(a) => a.to_string(),
        None => claims::default_annotator(store.conn(), article.id)?.to_string(),
    };
    let attributions: Vec<_> = claims::list(store.conn(), article.id, Some(&annotator))?
        .into_iter()
        .map(|c| c.attribution)
        .collect();
    Ok(ArticleReport {
        article: ArticleInfo::from(article),
        annotator,
        breakdown: Breakdown::compute(&article.text, &attributions),
    })
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let filtered = args.outlet.is_some() || args.since.is_some() || args.until.is_some();
    if args.articles.is_empty() && !args.all && !filtered {
        return Err(Error::usage(
            "which articles? name them (ARTICLE...), or use --all, --outlet, --since or --until",
        ));
    }
    if let (Some(s), Some(u)) = (&args.since, &args.until) {
        if s > u {
            return Err(Error::usage(format!(
                "--since {s} is after --until {u} (expected since <= until)"
            )));
        }
    }
    let store = ctx.store()?;
    let selected: Vec<Article> = if args.articles.is_empty() {
        let filter = Filter {
            outlet: args.outlet,
            since: args.since,
            until: args.until,
        };
        articles::list(store.conn(), &filter)?
    } else {
        args.articles
            .iter()
            .map(|key| articles::resolve(store.conn(), key))
            .collect::<Result<_>>()?
    };
    if selected.is_empty() {
        note("no stored article matches (store some with `whosaid add` or `whosaid import`)");
    }
    let reports: Vec<ArticleReport> = selected
        .iter()
        .map(|a| article_report(&store, a, args.annotator.as_deref()))
        .collect::<Result<_>>()?;
    let width = args.output.width();
    // One named article gets its own page; a selection gets the index.
    let single_page = args.articles.len() == 1;
    args.output.emit(|w| match args.output.format {
        Format::Table => report::table::reports(w, &reports, width),
        Format::Csv => report::csv::reports(w, &reports),
        Format::Json => report::json::reports(w, &reports),
        Format::Html => match (single_page, selected.first(), reports.first()) {
            (true, Some(article), Some(r)) => {
                let attributions: Vec<_> =
                    claims::list(store.conn(), article.id, Some(&r.annotator))?
                        .into_iter()
                        .map(|c| c.attribution)
                        .collect();
                report::html::article_page(w, r, &article.text, &attributions)
            }
            _ => report::html::index_page(w, &reports),
        },
    })
}

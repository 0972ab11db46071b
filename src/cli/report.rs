//! `whosaid report`: per-article attribution breakdowns as a table, CSV or JSON.
use crate::cli::annotators::{claims_of, require_anywhere};
use crate::cli::{note, output, Context, FilterArgs, OutputArgs, ReportFormat as Format};
use crate::error::{Error, Result};
use crate::extract;
use crate::model::Article;
use crate::report::groups::{share_csv, share_json, share_percent, GroupBy, Groups};
use crate::report::{self, ArticleInfo, ArticleReport};
use crate::store::articles::{self, Filter};
use crate::store::{claims, reports, Store};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Articles to report: numeric ids or external ids.
    #[arg(value_name = "ARTICLE", conflicts_with_all = ["all", "outlet", "since", "until", "by"])]
    pub articles: Vec<String>,

    /// Report every stored article (narrowed by --outlet, --since, --until).
    #[arg(long)]
    pub all: bool,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Whose claims to count: `auto`, `manual` or an annotator's name [default: auto, or
    /// manual for an article without automatic claims].
    #[arg(long, value_name = "NAME")]
    pub annotator: Option<String>,

    /// One row per outlet, source name or month (YYYY-MM) instead of per article: the
    /// selected articles' counts summed, with the same label columns and shares (every article
    /// unless --outlet, --since or --until narrow them).
    #[arg(long, value_enum, value_name = "GROUP")]
    pub by: Option<GroupBy>,

    #[command(flatten)]
    pub output: OutputArgs<Format>,
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
        breakdown: report::breakdown_of(&article.text, &attributions),
    })
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let filtered = args.filters.any();
    if args.articles.is_empty() && !args.all && !filtered && args.by.is_none() {
        return Err(Error::usage(
            "which articles? name them (ARTICLE...), or use --all, --by, --outlet, --since or --until",
        ));
    }
    let filter = args.filters.filter()?;
    if args.by.is_some() && args.output.format == Format::Html {
        return Err(Error::usage(
            "--format html: `report --by` has no HTML output (expected table, csv or json; \
             HTML is for per-article reports)",
        ));
    }
    let store = ctx.reader()?;
    if args.articles.is_empty() {
        // a name given must have claims somewhere
        if let Some(name) = &args.annotator {
            require_anywhere(store.conn(), name)?;
        }
        return match args.by {
            Some(by) => grouped(&store, &filter, by, &args),
            None => streamed(&store, &filter, &args),
        };
    }
    let selected: Vec<Article> = args
        .articles
        .iter()
        .map(|key| articles::resolve(store.conn(), key))
        .collect::<Result<_>>()?;
    // a name given must have claims on every article named
    if let Some(name) = &args.annotator {
        for a in &selected {
            claims_of(store.conn(), a.id, name)?;
        }
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
            _ => report::html::index_page(w, &reports, |r| section(&store, r)),
        },
    })
}

/// What an article's section of the HTML index shows: its text and the claims its report
/// counts.
fn section(store: &Store, r: &ArticleReport) -> Result<(String, Vec<crate::model::Attribution>)> {
    let article = articles::get(store.conn(), r.article.id)?
        .ok_or_else(|| Error::msg(format!("article {} is gone", r.article.id)))?;
    let attributions = claims::list(store.conn(), article.id, Some(&r.annotator))?
        .into_iter()
        .map(|c| c.attribution)
        .collect();
    Ok((article.text, attributions))
}

fn nothing_matches() {
    note("no stored article matches (store some with `whosaid add` or `whosaid import`)");
}

/// `--all` or filters: one report per article, written as it is computed.
fn streamed(store: &Store, filter: &Filter, args: &Args) -> Result<()> {
    let width = args.output.width();
    let annotator = args.annotator.as_deref();
    let named = annotator.is_some();
    let mut empty = Vec::new();
    let mut count = 0;
    output::streamed(args.output.output.as_deref(), |w| {
        count = match args.output.format {
            Format::Table => {
                let mut first = true;
                reports::each(
                    store.conn(),
                    filter,
                    annotator,
                    extract::sentences,
                    without_claims(named, &mut empty, |item| {
                        if !first {
                            writeln!(w)?;
                        }
                        first = false;
                        report::table::reports(w, std::slice::from_ref(&item.report), width)
                    }),
                )?
            }
            Format::Csv => {
                let mut csv = report::csv::writer(w);
                csv.write_record(report::csv::REPORT_COLUMNS)?;
                let n = reports::each(
                    store.conn(),
                    filter,
                    annotator,
                    extract::sentences,
                    without_claims(named, &mut empty, |item| {
                        csv.write_record(report::csv::report_row(&item.report))?;
                        Ok(())
                    }),
                )?;
                csv.flush()?;
                n
            }
            Format::Json => {
                let mut array = report::json::ArrayWriter::default();
                let n = reports::each(
                    store.conn(),
                    filter,
                    annotator,
                    extract::sentences,
                    without_claims(named, &mut empty, |item| array.item(w, &item.report)),
                )?;
                array.finish(w)?;
                n
            }
            // The index holds one chart per outlet, so it needs every report before it starts.
            Format::Html => {
                let mut all = Vec::new();
                let n = reports::each(
                    store.conn(),
                    filter,
                    annotator,
                    extract::sentences,
                    without_claims(named, &mut empty, |item| {
                        all.push(item.report.clone());
                        Ok(())
                    }),
                )?;
                report::html::index_page(w, &all, |r| section(store, r))?;
                n
            }
        };
        Ok(())
    })?;
    if count == 0 {
        nothing_matches();
    }
    if let Some(name) = annotator {
        no_claims_on(name, &empty, count);
    }
    Ok(())
}

/// Passes each item on to `f`, noting in `empty` the articles without claims when an
/// annotator is named.
fn without_claims<'a>(
    named: bool,
    empty: &'a mut Vec<i64>,
    mut f: impl FnMut(reports::Item) -> Result<()> + 'a,
) -> impl FnMut(reports::Item) -> Result<()> + 'a {
    move |item| {
        if named && item.attributions.is_empty() {
            empty.push(item.report.article.id);
        }
        f(item)
    }
}

/// Says on stderr which of the reported articles have no claims by `name`: their rows count
/// nothing, which is not the same as an article without attributions.
fn no_claims_on(name: &str, empty: &[i64], count: usize) {
    if empty.is_empty() {
        return;
    }
    let ids: Vec<String> = empty.iter().take(20).map(|id| id.to_string()).collect();
    let more = if empty.len() > 20 { ", …" } else { "" };
    note(format!(
        "no claims by {name:?} on {} of the {count} articles reported (article{} {}{more}); \
         their rows count no claims",
        empty.len(),
        if empty.len() == 1 { "" } else { "s" },
        ids.join(", ")
    ));
}

/// `--by GROUP`: the articles' breakdowns summed per group.
fn grouped(store: &Store, filter: &Filter, by: GroupBy, args: &Args) -> Result<()> {
    let mut groups = Groups::new(by);
    let mut empty = Vec::new();
    let count = reports::each(
        store.conn(),
        filter,
        args.annotator.as_deref(),
        extract::sentences,
        without_claims(args.annotator.is_some(), &mut empty, |item| {
            groups.add(&item.report, &item.sentences, &item.attributions);
            Ok(())
        }),
    )?;
    if count == 0 {
        nothing_matches();
    }
    if let Some(name) = &args.annotator {
        no_claims_on(name, &empty, count);
    }
    let width = args.output.width();
    let key = by.column();
    args.output.emit(|w| match args.output.format {
        Format::Csv => groups.records(share_csv).write_csv(w),
        Format::Json => groups.records(share_json).write_json(w),
        // The table keeps what fits in 80 columns; CSV and JSON have every column.
        Format::Table => groups
            .records(share_percent)
            .select(&[
                (key, key),
                ("articles", "articles"),
                ("attributions", "claims"),
                ("named_share", "named"),
                ("anonymous_share", "anon."),
                ("unspecified_share", "unspec."),
                ("direct_quote_share", "quoted"),
                ("distinct_sources", "sources"),
            ])
            .write_table(w, width, &[(key, 24)]),
        Format::Html => unreachable!("run refuses --by with --format html"),
    })
}

#[cfg(test)]
mod tests {
    use super::article_report;
    use crate::model::{ArticleMeta, Attribution, Identity, Origin, Span};
    use crate::store::articles::{self, Filter};
    use crate::store::reports::each;
    use crate::store::{claims, Store};

    fn at(source: &str, start: usize, end: usize, identity: Identity) -> Attribution {
        Attribution {
            content: Some(Span {
                start,
                end,
                text: "x".into(),
            }),
            identity,
            ..Attribution::of(source)
        }
    }

    #[test]
    /// The store's streamed reports (sentences from its cache) equal those computed one
    /// article at a time from the text.
    fn streamed_reports_equal_the_per_article_breakdowns() {
        let mut store = Store::open_in_memory().unwrap();
        let texts = [
            "Officials said it. Nothing else. Police agreed.",
            "A plain text. With two sentences.",
            "Residents said so. Experts doubted it.",
        ];
        store
            .write(|tx| {
                for (i, t) in texts.iter().enumerate() {
                    let id = articles::insert(
                        tx,
                        &ArticleMeta::default(),
                        t,
                        Some(&crate::extract::sentences(t)),
                    )?;
                    if i == 0 {
                        // Automatic and hand-recorded: the default is auto.
                        claims::insert(
                            tx,
                            id,
                            &at("Police", 33, 39, Identity::Named),
                            Origin::Auto,
                            "auto",
                        )?;
                        claims::insert(
                            tx,
                            id,
                            &at("Officials", 0, 9, Identity::Anonymous),
                            Origin::Auto,
                            "auto",
                        )?;
                        claims::insert(
                            tx,
                            id,
                            &at("x", 0, 5, Identity::Named),
                            Origin::Manual,
                            "manual",
                        )?;
                    }
                    if i == 2 {
                        claims::insert(
                            tx,
                            id,
                            &at("Residents", 0, 9, Identity::Anonymous),
                            Origin::Manual,
                            "manual",
                        )?;
                        claims::insert(
                            tx,
                            id,
                            &at("Experts", 19, 26, Identity::Anonymous),
                            Origin::Manual,
                            "alice",
                        )?;
                    }
                }
                Ok(())
            })
            .unwrap();
        for annotator in [None, Some("manual"), Some("alice")] {
            let mut seen = Vec::new();
            let n = each(
                store.conn(),
                &Filter::default(),
                annotator,
                crate::extract::sentences,
                |item| {
                    seen.push(item.report);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(n, 3);
            for r in &seen {
                let a = articles::get(store.conn(), r.article.id).unwrap().unwrap();
                let expected = article_report(&store, &a, annotator).unwrap();
                assert_eq!(r, &expected, "{annotator:?}");
            }
            if annotator.is_none() {
                assert_eq!(seen[0].annotator, "auto");
                assert_eq!(seen[0].breakdown.attributions, 2);
                assert_eq!(seen[0].breakdown.sources[0].source, "Officials");
                assert_eq!(seen[2].annotator, "manual");
            }
        }
    }
}

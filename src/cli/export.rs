//! `whosaid export`: every stored claim with its article's metadata, as CSV or JSON lines,
//! streamed.

use std::path::PathBuf;

use clap::ValueEnum;
use serde::Serialize;

use crate::cli::{note, output, Context, FilterArgs};
use crate::error::Result;
use crate::model::Claim;
use crate::report::csv::{
    attribution_row, reason_row, writer, ATTRIBUTION_COLUMNS, REASON_COLUMNS,
};
use crate::report::ArticleInfo;
use crate::store::export;

/// The formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// CSV with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,

    /// Write to FILE instead of standard output (replaced only when the export succeeds).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Only this annotator's claims (`auto`, `manual` or a name) [default: every claim].
    #[arg(long, value_name = "NAME")]
    pub annotator: Option<String>,
}

/// The article columns, then the claim's: `ATTRIBUTION_COLUMNS`, its record, and
/// `REASON_COLUMNS` last.
const ARTICLE_COLUMNS: &[&str] = &[
    "article_id",
    "external_id",
    "title",
    "outlet",
    "date",
    "url",
];
const RECORD_COLUMNS: &[&str] = &["origin", "annotator", "created_at"];

/// Every column of `export`, in order.
pub fn columns() -> Vec<&'static str> {
    let mut c = ARTICLE_COLUMNS.to_vec();
    c.push("claim_id");
    c.extend_from_slice(ATTRIBUTION_COLUMNS);
    c.extend_from_slice(RECORD_COLUMNS);
    c.extend_from_slice(REASON_COLUMNS);
    c
}

/// One exported claim as a JSON line: the keys of `columns()`, in order.
#[derive(Serialize)]
struct Line<'a> {
    article_id: i64,
    external_id: &'a Option<String>,
    title: &'a Option<String>,
    outlet: &'a Option<String>,
    date: &'a Option<String>,
    url: &'a Option<String>,
    claim_id: i64,
    #[serde(flatten)]
    attribution: &'a crate::model::Attribution,
    origin: &'static str,
    annotator: &'a str,
    created_at: &'a str,
}

fn line<'a>(a: &'a ArticleInfo, c: &'a Claim) -> Line<'a> {
    Line {
        article_id: a.id,
        external_id: &a.external_id,
        title: &a.title,
        outlet: &a.outlet,
        date: &a.date,
        url: &a.url,
        claim_id: c.id,
        attribution: &c.attribution,
        origin: c.origin.as_str(),
        annotator: &c.annotator,
        created_at: &c.created_at,
    }
}

/// One exported claim as a CSV row, in `columns()` order.
fn row(a: &ArticleInfo, c: &Claim) -> Vec<String> {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut r = vec![
        a.id.to_string(),
        s(&a.external_id),
        s(&a.title),
        s(&a.outlet),
        s(&a.date),
        s(&a.url),
        c.id.to_string(),
    ];
    r.extend(attribution_row(&c.attribution));
    r.extend([
        c.origin.as_str().to_string(),
        c.annotator.clone(),
        c.created_at.clone(),
    ]);
    r.extend(reason_row(&c.attribution));
    r
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let store = ctx.reader()?;
    let filter = args.filters.filter()?;
    let annotator = args.annotator.as_deref();
    // a name given must have claims somewhere
    if let Some(name) = annotator {
        crate::cli::annotators::require_anywhere(store.conn(), name)?;
    }
    let columns = columns();
    let mut count = 0;
    output::streamed(args.output.as_deref(), |w| {
        count = match args.format {
            ExportFormat::Csv => {
                let mut csv = writer(w);
                csv.write_record(&columns)?;
                let n = export::each(store.conn(), &filter, annotator, |a, c| {
                    csv.write_record(row(a, c))?;
                    Ok(())
                })?;
                csv.flush()?;
                n
            }
            ExportFormat::Jsonl => export::each(store.conn(), &filter, annotator, |a, c| {
                serde_json::to_writer(&mut *w, &line(a, c))?;
                w.write_all(b"\n")?;
                Ok(())
            })?,
        };
        Ok(())
    })?;
    if count == 0 {
        note("no stored claim matches");
    }
    Ok(())
}

//! `whosaid export`: every stored claim with its article's metadata, as CSV or JSON lines,
//! streamed.

use std::path::PathBuf;

use clap::ValueEnum;
use serde_json::{Map, Value};

use crate::cli::{note, parse_date, stream, Context};
use crate::error::{Error, Result};
use crate::model::Claim;
use crate::report::csv::{writer, ATTRIBUTION_COLUMNS};
use crate::report::records::cell;
use crate::report::ArticleInfo;
use crate::store::articles::Filter;
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

    /// Only articles from this outlet.
    #[arg(long)]
    pub outlet: Option<String>,

    /// Only articles published on or after this date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub since: Option<String>,

    /// Only articles published on or before this date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub until: Option<String>,

    /// Only this annotator's claims (`auto`, `manual` or a name) [default: every claim].
    #[arg(long, value_name = "NAME")]
    pub annotator: Option<String>,
}

/// The article columns, then the claim's: `ATTRIBUTION_COLUMNS` and its record.
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
    c
}

/// One exported claim as a JSON object with `columns()` as keys, in order.
pub fn object(a: &ArticleInfo, c: &Claim) -> Result<Map<String, Value>> {
    let s = |v: &Option<String>| v.clone().map(Value::String).unwrap_or(Value::Null);
    let mut m = Map::new();
    m.insert("article_id".into(), a.id.into());
    m.insert("external_id".into(), s(&a.external_id));
    m.insert("title".into(), s(&a.title));
    m.insert("outlet".into(), s(&a.outlet));
    m.insert("date".into(), s(&a.date));
    m.insert("url".into(), s(&a.url));
    m.insert("claim_id".into(), c.id.into());
    match serde_json::to_value(&c.attribution)? {
        Value::Object(fields) => m.extend(fields),
        other => return Err(Error::msg(format!("claim {}: bad record {other}", c.id))),
    }
    m.insert("origin".into(), c.origin.as_str().into());
    m.insert("annotator".into(), c.annotator.clone().into());
    m.insert("created_at".into(), c.created_at.clone().into());
    Ok(m)
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    if let (Some(s), Some(u)) = (&args.since, &args.until) {
        if s > u {
            return Err(Error::usage(format!(
                "--since {s} is after --until {u} (expected since <= until)"
            )));
        }
    }
    let store = ctx.store()?;
    let filter = Filter {
        outlet: args.outlet.clone(),
        since: args.since.clone(),
        until: args.until.clone(),
    };
    let annotator = args.annotator.as_deref();
    let columns = columns();
    let mut count = 0;
    stream::to_output(args.output.as_deref(), |w| {
        count = match args.format {
            ExportFormat::Csv => {
                let mut csv = writer(w);
                csv.write_record(&columns)?;
                let n = export::each(store.conn(), &filter, annotator, |a, c| {
                    let m = object(a, c)?;
                    csv.write_record(
                        columns
                            .iter()
                            .map(|k| m.get(*k).map(cell).unwrap_or_default()),
                    )?;
                    Ok(())
                })?;
                csv.flush()?;
                n
            }
            ExportFormat::Jsonl => export::each(store.conn(), &filter, annotator, |a, c| {
                serde_json::to_writer(&mut *w, &object(a, c)?)?;
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

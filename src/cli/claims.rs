//! `whosaid claims ARTICLE`: one article's claims, of one annotator.

use serde_json::{json, Value};

use crate::cli::annotators::chosen_claims;
use crate::cli::{Context, Format, OutputArgs};
use crate::error::Result;
use crate::model::{Claim, Span};
use crate::report::records::Records;
use crate::store::articles;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The article: its numeric id or its external id.
    #[arg(value_name = "ARTICLE")]
    pub article: String,

    /// Whose claims: `auto` (the engine's), `manual`, or an annotator's name
    /// [default: auto, or manual for an article without automatic claims].
    #[arg(long, value_name = "NAME")]
    pub annotator: Option<String>,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// The columns of a claim listing (CSV and JSON): the claim and article ids, the columns of
/// `analyze --format csv` before its reason, who recorded it and when, then the reason and
/// the stance. The table shows a readable subset.
pub fn columns() -> Vec<&'static str> {
    ["id", "article_id"]
        .into_iter()
        .chain(crate::report::csv::ATTRIBUTION_COLUMNS.iter().copied())
        .chain(["origin", "annotator", "created_at"])
        .chain(crate::report::csv::REASON_COLUMNS.iter().copied())
        .collect()
}

fn span_values(s: &Option<Span>) -> [Value; 3] {
    match s {
        Some(s) => [json!(s.text), json!(s.start), json!(s.end)],
        None => [Value::Null, Value::Null, Value::Null],
    }
}

/// Claims as a listing with [`columns`].
pub fn records(list: &[Claim]) -> Records {
    let mut r = Records::new(columns());
    for c in list {
        let a = &c.attribution;
        let mut row = vec![json!(c.id), json!(c.article_id), json!(a.source)];
        row.extend(span_values(&a.mention));
        row.extend(span_values(&a.cue));
        row.extend(span_values(&a.content));
        row.extend([
            json!(a.identity),
            json!(a.role),
            json!(a.form),
            json!(a.hedged),
            json!(a.via),
            json!(a.rule),
            json!(a.trigger),
            json!(c.origin),
            json!(c.annotator),
            json!(c.created_at),
        ]);
        row.extend(span_values(&a.anonymity_reason));
        row.push(json!(a.stance()));
        r.push(row);
    }
    r
}

/// The readable subset the table shows: the claim's number (its place in text order, as
/// `show` and the HTML page number it), its id, labels in one cell.
fn table_records(list: &[Claim]) -> Records {
    let mut r = Records::new(vec!["#", "id", "source", "labels", "cue", "content"]);
    for (i, c) in list.iter().enumerate() {
        let a = &c.attribution;
        let mut labels = format!("{}\n{}\n{}", a.identity, a.role, a.form);
        if a.hedged {
            labels.push_str("\nhedged");
        }
        if let Some(v) = &a.via {
            labels.push_str(&format!("\nvia {v}"));
        }
        r.push(vec![
            json!(i + 1),
            json!(c.id),
            json!(a.source),
            json!(labels),
            json!(crate::report::table::cue_cell(a, usize::MAX)),
            json!(a.content.as_ref().map(|s| s.text.as_str())),
        ]);
    }
    r
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let store = ctx.reader()?;
    let article = articles::resolve(store.conn(), &args.article)?;
    let (annotator, list) = chosen_claims(store.conn(), article.id, args.annotator.as_deref())?;
    let records = records(&list);
    let width = args.output.width();
    args.output.emit(|w| match args.output.format {
        Format::Table => {
            writeln!(
                w,
                "article {}: {} claim{} by {}",
                article.id,
                list.len(),
                if list.len() == 1 { "" } else { "s" },
                crate::report::terminal::line(&annotator)
            )?;
            if list.is_empty() {
                return Ok(());
            }
            table_records(&list).write_table(
                w,
                width,
                &[("content", 90), ("source", 45), ("cue", 20)],
            )
        }
        Format::Csv => records.write_csv(w),
        Format::Json => records.write_json(w),
    })
}

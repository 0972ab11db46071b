//! `whosaid articles`: the stored articles, one row each, with claim counts.

use serde_json::{json, Value};

use crate::cli::{Context, FilterArgs, Format, OutputArgs};
use crate::error::Result;
use crate::report::records::Records;
use crate::store::articles;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub filters: FilterArgs,

    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let filter = args.filters.filter()?;
    let store = ctx.reader()?;
    let mut records = Records::new(vec![
        "id",
        "external_id",
        "title",
        "outlet",
        "author",
        "date",
        "url",
        "added_at",
        "auto_claims",
        "manual_claims",
    ]);
    for a in articles::list(store.conn(), &filter)? {
        let (auto, manual) = articles::claim_counts(store.conn(), a.id)?;
        let m = &a.meta;
        let opt = |s: &Option<String>| s.clone().map(Value::String).unwrap_or(Value::Null);
        records.push(vec![
            json!(a.id),
            opt(&m.external_id),
            opt(&m.title),
            opt(&m.outlet),
            opt(&m.author),
            opt(&m.date),
            opt(&m.url),
            json!(a.added_at),
            json!(auto),
            json!(manual),
        ]);
    }
    let width = args.output.width();
    args.output.emit(|w| match args.output.format {
        Format::Table => records
            .select(&[
                ("id", "id"),
                ("external_id", "external id"),
                ("title", "title"),
                ("outlet", "outlet"),
                ("date", "date"),
                ("auto_claims", "auto"),
                ("manual_claims", "manual"),
            ])
            .write_table(
                w,
                width,
                &[("title", 40), ("external id", 20), ("outlet", 20)],
            ),
        Format::Csv => records.write_csv(w),
        Format::Json => records.write_json(w),
    })
}

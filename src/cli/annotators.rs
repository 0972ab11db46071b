//! `whosaid annotators [ARTICLE]`: who annotated what, with their article and claim counts.

use serde_json::json;

use crate::cli::{Context, Format, OutputArgs};
use crate::error::Result;
use crate::report::records::Records;
use crate::store::{articles, claims};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this article's annotators: its numeric id or its external id.
    #[arg(value_name = "ARTICLE")]
    pub article: Option<String>,

    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let store = ctx.reader()?;
    let article = match &args.article {
        Some(key) => Some(articles::resolve(store.conn(), key)?.id),
        None => None,
    };
    let mut records = Records::new(vec!["annotator", "articles", "claims"]);
    for (name, n_articles, n_claims) in claims::annotators(store.conn(), article)? {
        records.push(vec![json!(name), json!(n_articles), json!(n_claims)]);
    }
    let width = args.output.width();
    args.output.emit(|w| match args.output.format {
        Format::Table => {
            if records.rows.is_empty() {
                writeln!(w, "no claims recorded yet")?;
                return Ok(());
            }
            records.write_table(w, width, &[("annotator", 40)])
        }
        Format::Csv => records.write_csv(w),
        Format::Json => records.write_json(w),
    })
}

//! `whosaid eval GOLD.jsonl [-v]`: run the engine on every gold article and score it with the
//! matching rule of the shared scorer (`score.py`).

use std::path::PathBuf;

use crate::cli::Context;
use crate::error::Result;
use crate::eval;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A gold file: one `{"id", "text", "attributions": [...]}` object per line.
    #[arg(value_name = "GOLD.jsonl")]
    pub gold: PathBuf,

    /// Also print every missed gold attribution and every extra prediction.
    #[arg(short, long)]
    pub verbose: bool,

    /// Print the figures as one JSON object instead of `key=value` pairs.
    #[arg(long)]
    pub json: bool,
}

pub fn run(_ctx: &Context, args: Args) -> Result<()> {
    let gold = eval::load_gold(&args.gold)?;
    let (scores, misses, extras) = eval::evaluate(&gold);
    crate::cli::output::streamed(None, |out| {
        if args.json {
            let value = if args.verbose {
                serde_json::json!({ "scores": scores, "misses": misses, "extras": extras })
            } else {
                serde_json::to_value(&scores).map_err(std::io::Error::from)?
            };
            writeln!(out, "{value}")?;
        } else {
            eval::print_scores(&scores, &misses, &extras, args.verbose, out)?;
        }
        Ok(())
    })
}

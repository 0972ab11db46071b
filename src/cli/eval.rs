//! `whosaid eval GOLD.jsonl [-v]`: run the engine on every gold article and score it with the
//! matching rule of the shared scorer (`score.py`).

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::cli::Context;
use crate::error::Result;
use crate::eval::{self, GoldDoc};
use crate::extract;

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

/// The engine's predictions for each gold article, in the `analyze` JSON contract.
pub fn predict(gold: &[GoldDoc]) -> HashMap<String, Vec<serde_json::Value>> {
    gold.par_iter()
        .map(|doc| (doc.id.clone(), eval::preds_of(&extract::extract(&doc.text))))
        .collect()
}

pub fn run(_ctx: &Context, args: Args) -> Result<()> {
    let gold = eval::load_gold(&args.gold)?;
    let preds = predict(&gold);
    let (scores, misses, extras) = eval::score(&gold, &preds);
    let mut out = std::io::stdout().lock();
    if args.json {
        let value = if args.verbose {
            serde_json::json!({ "scores": scores, "misses": misses, "extras": extras })
        } else {
            serde_json::to_value(&scores).map_err(std::io::Error::from)?
        };
        writeln!(out, "{value}")?;
    } else {
        eval::print_scores(&scores, &misses, &extras, args.verbose, &mut out)?;
    }
    Ok(())
}

//! `whosaid merge OUT.db IN.db...`: combine databases built on shards.

use std::path::PathBuf;

use crate::cli::print_lines;
use crate::error::{Error, Result};
use crate::store::{merge, Store};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The database to merge into (created if missing; --db is not used).
    #[arg(value_name = "OUT.db")]
    pub out: PathBuf,

    /// The databases to merge from (read only, never changed).
    #[arg(value_name = "IN.db", required = true)]
    pub inputs: Vec<PathBuf>,
}

pub fn run(_ctx: &crate::cli::Context, args: Args) -> Result<()> {
    // Every input is checked before the output is touched.
    let same = |a: &PathBuf, b: &PathBuf| match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    };
    let mut inputs = Vec::new();
    for (i, p) in args.inputs.iter().enumerate() {
        if same(p, &args.out) {
            return Err(Error::usage(format!(
                "{}: is the output database too (expected OUT.db and different IN.db files)",
                p.display()
            )));
        }
        if args.inputs[..i].iter().any(|q| same(p, q)) {
            return Err(Error::usage(format!("{}: given twice", p.display())));
        }
        inputs.push(merge::open_input(p)?);
    }
    // A new output is written with a rollback journal, which writes each new page once
    // (the write-ahead log writes it twice: to the log, then to the file) and is as safe: a
    // merge cut short leaves the inputs merged before it, or none. It goes back to WAL at the
    // end, as every whosaid database.
    let new = std::fs::symlink_metadata(&args.out).is_err();
    let mut store = Store::open(&args.out)?;
    if new {
        store.journal_mode("DELETE")?;
    }
    let merged = merge_all(&mut store, &args, &inputs);
    if new {
        // Best effort: with another connection open the mode stays, which is as safe, and
        // the next command that writes sets WAL.
        let _ = store.journal_mode("WAL");
    }
    merged
}

fn merge_all(store: &mut Store, args: &Args, inputs: &[rusqlite::Connection]) -> Result<()> {
    let out = args.out.display().to_string();
    let mut lines = Vec::new();
    for (path, input) in args.inputs.iter().zip(inputs) {
        let name = path.display().to_string();
        let s = merge::merge_into(store, input, path, &name, &out, crate::extract::sentences)
            .map_err(|e| {
                // Every message names the input that failed; nothing of it was merged.
                let msg = e.to_string();
                if msg.starts_with(&name) || msg.starts_with(&out) {
                    e
                } else {
                    Error::msg(format!("{name}: {msg}; nothing of {name} was merged"))
                }
            })?;
        let mut line = format!(
            "{name}: {} articles added, {} already stored; {} claims added, {} skipped",
            s.articles_added, s.articles_known, s.claims_added, s.claims_skipped
        );
        if s.auto_replaced > 0 {
            line.push_str(&format!(
                "; {} automatic claims replaced by corrected ones",
                s.auto_replaced
            ));
        }
        lines.push(line);
    }
    print_lines(&lines)
}

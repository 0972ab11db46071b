//! `whosaid extract`: re-run the engine on stored articles, replacing their automatic claims;
//! hand-recorded claims are never touched, and an attribution a hand-corrected automatic
//! claim stands in for is not stored again. With `--all` the articles are read, analysed and
//! written a batch at a time, so no more than one batch of texts is held.

use std::io::Write;

use rayon::prelude::*;

use crate::cli::{output, Context};
use crate::error::{Error, Result};
use crate::extract;
use crate::store::writer::{self, Item, Outcome};
use crate::store::{articles, Store};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Articles: numeric ids or external ids.
    #[arg(value_name = "ARTICLE", conflicts_with = "all")]
    pub articles: Vec<String>,

    /// Every stored article.
    #[arg(long)]
    pub all: bool,
}

/// Articles read, analysed and written per transaction with `--all`.
const BATCH: usize = 200;

/// Run the engine on `texts` in parallel, write the claims in one transaction and print a
/// line for each article.
fn replace(store: &mut Store, texts: &[(i64, String)], out: &mut dyn Write) -> Result<()> {
    let items: Vec<Item> = texts
        .par_iter()
        .map(|(id, text)| Item::Replace {
            article_id: *id,
            found: extract::extract(text),
            engine: crate::pipeline::ENGINE.to_string(),
        })
        .collect();
    let outcomes = writer::write_batch(store, &items)?;
    let mut lines = String::new();
    for (item, o) in items.iter().zip(outcomes) {
        if let (
            Item::Replace { found, .. },
            Outcome::Replaced {
                id,
                deleted,
                stored,
            },
        ) = (item, o)
        {
            // The engine's attributions a hand-corrected claim stands in for are not stored.
            let corrected = found.len() - stored;
            let kept = if corrected > 0 {
                format!(", {corrected} left to the hand-corrected claims")
            } else {
                String::new()
            };
            lines.push_str(&format!(
                "article {id}: {stored} automatic claim{} (replacing {deleted}{kept})\n",
                if stored == 1 { "" } else { "s" }
            ));
        }
    }
    out.write_all(lines.as_bytes())?;
    out.flush()?;
    Ok(())
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    if args.articles.is_empty() && !args.all {
        return Err(Error::usage(
            "which articles? name them (ARTICLE...) or use --all",
        ));
    }
    let mut store = ctx.store()?;
    if args.all {
        return output::streamed(None, |out| {
            writer::each_text_batch(&mut store, BATCH, |store, texts| {
                replace(store, &texts, out)
            })
        });
    }
    // Named articles are all resolved first, then replaced in one transaction.
    let texts: Vec<(i64, String)> = args
        .articles
        .iter()
        .map(|key| articles::resolve(store.conn(), key).map(|a| (a.id, a.text)))
        .collect::<Result<_>>()?;
    output::streamed(None, |out| replace(&mut store, &texts, out))
}

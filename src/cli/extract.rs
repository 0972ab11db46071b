//! `whosaid extract`: re-run the engine on stored articles, replacing their automatic claims;
//! hand-recorded claims are never touched.

use rayon::prelude::*;

use crate::cli::{print_lines, Context};
use crate::error::{Error, Result};
use crate::extract;
use crate::model::{Article, Attribution};
use crate::store::{articles, claims};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Articles: numeric ids or external ids.
    #[arg(value_name = "ARTICLE", conflicts_with = "all")]
    pub articles: Vec<String>,

    /// Every stored article.
    #[arg(long)]
    pub all: bool,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    if args.articles.is_empty() && !args.all {
        return Err(Error::usage(
            "which articles? name them (ARTICLE...) or use --all",
        ));
    }
    let mut store = ctx.store()?;
    let selected: Vec<Article> = if args.all {
        articles::list(store.conn(), &Default::default())?
    } else {
        args.articles
            .iter()
            .map(|key| articles::resolve(store.conn(), key))
            .collect::<Result<_>>()?
    };
    let found: Vec<Vec<Attribution>> = selected
        .par_iter()
        .map(|a| extract::extract(&a.text))
        .collect();
    let replaced = store.write(|tx| {
        selected
            .iter()
            .zip(&found)
            .map(|(a, attrs)| claims::replace_auto(tx, a.id, attrs))
            .collect::<Result<Vec<_>>>()
    })?;
    let lines: Vec<String> = selected
        .iter()
        .zip(&found)
        .zip(&replaced)
        .map(|((a, attrs), &(old, new))| {
            let corrected = attrs.len() - new;
            let kept = if corrected > 0 {
                format!(", {corrected} left to the hand-corrected claims")
            } else {
                String::new()
            };
            format!(
                "article {}: {new} automatic claim{} (replacing {old}{kept})",
                a.id,
                if new == 1 { "" } else { "s" }
            )
        })
        .collect();
    print_lines(&lines)
}

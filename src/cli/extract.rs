//! `whosaid extract`: re-run the engine on stored articles, replacing their automatic claims;
//! hand-recorded claims are never touched.

use rayon::prelude::*;

use crate::cli::{print_lines, Context};
use crate::error::{Error, Result};
use crate::extract;
use crate::model::{Article, Attribution, Origin};
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
        let mut replaced = Vec::with_capacity(selected.len());
        for (a, attrs) in selected.iter().zip(&found) {
            replaced.push(claims::delete_auto(tx, a.id)?);
            for at in attrs {
                claims::insert(tx, a.id, at, Origin::Auto, "auto")?;
            }
        }
        Ok(replaced)
    })?;
    let lines: Vec<String> = selected
        .iter()
        .zip(&found)
        .zip(&replaced)
        .map(|((a, attrs), old)| {
            format!(
                "article {}: {} automatic claim{} (replacing {old})",
                a.id,
                attrs.len(),
                if attrs.len() == 1 { "" } else { "s" }
            )
        })
        .collect();
    print_lines(&lines)
}

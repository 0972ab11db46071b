//! `whosaid show ARTICLE`: the article with its attributions highlighted, a numbered source
//! list and a legend (see `report::show`).

use std::io::Write;

use crate::cli::annotators::chosen_claims;
use crate::cli::{use_color, width, Context};
use crate::error::Result;
use crate::report::show::{render, wrap_into, ShowOptions};
use crate::report::terminal::safe;
use crate::store::articles;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The article: its numeric id or its external id.
    #[arg(value_name = "ARTICLE")]
    pub article: String,

    /// Whose claims to show: `auto`, `manual` or an annotator's name [default: auto, or
    /// manual for an article without automatic claims].
    #[arg(long, value_name = "NAME")]
    pub annotator: Option<String>,
}

/// The options for printing to standard output.
pub fn stdout_options() -> ShowOptions {
    ShowOptions {
        width: usize::from(width(true)),
        color: use_color(),
    }
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let store = ctx.reader()?;
    let article = articles::resolve(store.conn(), &args.article)?;
    let (annotator, list) = chosen_claims(store.conn(), article.id, args.annotator.as_deref())?;
    let attributions: Vec<_> = list.into_iter().map(|c| c.attribution).collect();
    let mut buf = Vec::new();
    let mut heading = format!("article {}", article.id);
    if let Some(t) = &article.meta.title {
        heading.push_str(&format!(": {t}"));
    }
    let opts = stdout_options();
    wrap_into(&mut buf, &safe(&heading), opts.width, "  ")?;
    writeln!(buf, "claims by {}", safe(&annotator))?;
    writeln!(buf)?;
    render(&mut buf, &article.text, &attributions, opts)?;
    crate::cli::output::write_all(None, &buf)
}

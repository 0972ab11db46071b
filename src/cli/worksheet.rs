//! `whosaid worksheet ARTICLE`: the sheet of an article ([`crate::annotation::worksheet`]) to
//! fill in; `whosaid claim import SHEET --annotator NAME` reads a filled sheet back as claims
//! (or the file the page of `whosaid annotate` downloads).

use std::path::PathBuf;

use crate::annotation::worksheet::{self, Filled, MAX_SHEET_BYTES};
use crate::cli::{note, print_lines, Context};
use crate::error::{Error, Result};
use crate::ingest::text as input;
use crate::model::{Origin, Stance};
use crate::store::{articles, claims};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The article: its numeric id or its external id.
    #[arg(value_name = "ARTICLE")]
    pub article: String,

    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let store = ctx.reader()?;
    let article = articles::resolve(store.conn(), &args.article)?;
    let buf = worksheet::write(&article)?;
    crate::cli::output::write_all(args.output.as_deref(), &buf)
}

/// `claim import` flags.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// A filled worksheet (see `whosaid worksheet`), or the file downloaded from the page of
    /// `whosaid annotate` (recognised by its content: a JSON object).
    #[arg(value_name = "SHEET")]
    pub sheet: PathBuf,

    /// Who filled it in.
    #[arg(long, value_name = "NAME")]
    pub annotator: String,

    /// Replace this annotator's claims on the sheet's articles (else they must have none).
    #[arg(long)]
    pub replace: bool,
}

/// `whosaid claim import SHEET --annotator NAME`: check every row, then store them all in one
/// transaction.
pub fn import(ctx: &Context, args: ImportArgs) -> Result<()> {
    let annotator = args.annotator.trim().to_string();
    if annotator.is_empty() {
        return Err(Error::usage("--annotator is empty (expected a name)"));
    }
    let name = input::display_name(&args.sheet);
    let bytes = input::read_bytes(&args.sheet, MAX_SHEET_BYTES, "the sheet")?;
    if crate::annotation::file::is_annotation(&bytes) {
        return crate::cli::annotate::import(ctx, &args.annotator, args.replace, &name, &bytes);
    }
    let sheet = Filled::read(&name, bytes)?;
    let mut store = ctx.store()?;
    let rows = sheet.rows(|key| articles::resolve(store.conn(), key))?;
    let mut article_ids: Vec<i64> = rows.iter().map(|r| r.article_id).collect();
    article_ids.sort_unstable();
    article_ids.dedup();
    for &id in &article_ids {
        let existing = claims::list(store.conn(), id, Some(&annotator))?;
        if !existing.is_empty() && !args.replace {
            return Err(Error::msg(format!(
                "{name}: {annotator} already has {} claim{} on article {id} (use --replace to \
                 replace them with the sheet's)",
                existing.len(),
                if existing.len() == 1 { "" } else { "s" }
            )));
        }
    }
    let ids = store.write(|tx| {
        if args.replace {
            for &id in &article_ids {
                for c in claims::list(tx, id, Some(&annotator))? {
                    claims::delete(tx, c.id)?;
                }
            }
        }
        rows.iter()
            .map(|r| claims::insert(tx, r.article_id, &r.attribution, Origin::Manual, &annotator))
            .collect::<Result<Vec<i64>>>()
    })?;
    let loaded = rows
        .iter()
        .filter(|r| r.attribution.stance() == Stance::Loaded)
        .count();
    note(format!(
        "{name}: {} claim{} by {annotator} imported ({loaded} with a loaded cue)",
        ids.len(),
        if ids.len() == 1 { "" } else { "s" }
    ));
    print_lines(&ids.iter().map(|i| i.to_string()).collect::<Vec<_>>())
}

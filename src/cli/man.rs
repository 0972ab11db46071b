//! `whosaid man [COMMAND…]`: a manual page in roff, generated from the command-line
//! definition: `whosaid(1)`, or a subcommand's page (`whosaid-claim-add(1)`); `--dir DIR`
//! writes every page into a folder instead.

use std::path::PathBuf;

use crate::cli::{names_database, output, Context};
use crate::error::{Error, Result};

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Read it with `whosaid man | man -l -`, or install every page with \
                        `whosaid man --dir ~/.local/share/man/man1`."
)]
pub struct Args {
    /// The subcommand whose page to print (e.g. `analyze`, or `claim add`) [default: the
    /// page of whosaid itself].
    #[arg(value_name = "COMMAND", conflicts_with = "dir")]
    pub command: Vec<String>,

    /// Write every page (whosaid.1, whosaid-analyze.1, …) into this existing folder, replacing
    /// pages of those names.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// `cmd` (the whole command line, `Cli::command()`), built, without clap's `help`
/// subcommand.
fn built(cmd: clap::Command) -> clap::Command {
    let mut cmd = cmd.disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// Print the page `args` names, or write them all, of `cmd`, the whole command line. No page
/// is written over the database.
pub fn run(ctx: &Context, args: Args, cmd: clap::Command) -> Result<()> {
    let root = built(cmd);
    if let Some(dir) = &args.dir {
        if !dir.is_dir() {
            return Err(Error::msg(format!(
                "--dir {}: not a folder (expected an existing folder for the pages)",
                dir.display()
            )));
        }
        let mut pages = Vec::new();
        render_pages(&root, dir, &mut pages)?;
        let db = ctx.db_path();
        if let Some((path, what)) = pages
            .iter()
            .find_map(|(path, _)| names_database(path, &db).map(|what| (path, what)))
        {
            return Err(Error::usage(format!(
                "--dir {}: page {} is {what} (expected a folder without the database)",
                dir.display(),
                path.display()
            )));
        }
        for (path, page) in &pages {
            output::write_all(Some(path), page)?;
        }
        crate::cli::note(format!(
            "{} manual pages written to {}",
            pages.len(),
            dir.display()
        ));
        return Ok(());
    }
    let mut cmd = &root;
    for (i, name) in args.command.iter().enumerate() {
        cmd = cmd
            .get_subcommands()
            .find(|c| c.get_name() == name)
            .ok_or_else(|| {
                let path = std::iter::once("whosaid")
                    .chain(args.command[..i].iter().map(String::as_str))
                    .collect::<Vec<_>>()
                    .join(" ");
                let names: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).collect();
                Error::usage(if names.is_empty() {
                    format!("`{path}` has no subcommand {name:?}")
                } else {
                    format!(
                        "`{path}` has no subcommand {name:?} (expected one of: {})",
                        names.join(", ")
                    )
                })
            })?;
    }
    let mut buf = Vec::new();
    page(cmd).render(&mut buf)?;
    output::write_all(None, &buf)
}

/// The page of `cmd`, its source line naming whosaid and its version.
fn page(cmd: &clap::Command) -> clap_mangen::Man {
    clap_mangen::Man::new(cmd.clone()).source(format!("whosaid {}", env!("CARGO_PKG_VERSION")))
}

/// The page of `cmd` and of each of its subcommands, each with its file in `dir`.
fn render_pages(
    cmd: &clap::Command,
    dir: &std::path::Path,
    pages: &mut Vec<(PathBuf, Vec<u8>)>,
) -> Result<()> {
    let man = page(cmd);
    let path = dir.join(man.get_filename());
    let mut buf = Vec::new();
    man.render(&mut buf)?;
    pages.push((path, buf));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        render_pages(sub, dir, pages)?;
    }
    Ok(())
}

//! The parsed command line: the global flags, the subcommands and their dispatch, and the
//! checks every command's shared flags get before any work starts.

use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand};

use crate::cli::{
    add, analyze, annotate, annotators, articles, claim, claims, compare, completions, eval,
    export, extract, import, man, merge, migrate, names_database, note, report, same_file, show,
    worksheet, ColorChoice, Context, COLOR,
};
use crate::error::{Error, Result};

/// Find and record attributions in news articles: on whose word does each claim rest?
#[derive(Debug, Parser)]
#[command(name = "whosaid", version, about, max_term_width = 100)]
pub struct Cli {
    /// The database file [default: $WHOSAID_DB, else ./whosaid.db]; created by the first
    /// command that writes.
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// When to colour the output: `auto` (on a terminal, unless NO_COLOR is set), `always`
    /// or `never`.
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        default_value = "auto"
    )]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands. Each variant's `Args` and `run` live in `src/cli/<name>.rs`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Find the attributions in a text and print them with its breakdown (no database).
    Analyze(analyze::Args),
    /// Store articles (.txt, .md, .html or - for stdin) and extract their claims.
    Add(add::Args),
    /// Store the articles of a .csv or .jsonl file or a folder, and extract their claims.
    Import(import::Args),
    /// List the stored articles with their claim counts.
    Articles(articles::Args),
    /// Record, correct or remove a claim by hand.
    Claim(claim::Args),
    /// List one article's claims.
    Claims(claims::Args),
    /// Print per-article attribution breakdowns.
    Report(report::Args),
    /// Re-run the extraction engine on stored articles, replacing their automatic claims.
    Extract(extract::Args),
    /// Score the engine against a gold file (the shared scorer's matching rule).
    Eval(eval::Args),
    /// List who annotated what: annotators with their articles and claims.
    Annotators(annotators::Args),
    /// Compare an annotator's claims with a key (another annotator or `auto`), as `eval` does.
    Compare(compare::Args),
    /// Print an article with its attributions highlighted and a numbered source list.
    Show(show::Args),
    /// Write a worksheet: one CSV row per sentence with empty columns to fill in.
    Worksheet(worksheet::Args),
    /// Write a page for marking an article's claims in the browser; `claim import` reads
    /// the file it downloads.
    Annotate(annotate::Args),
    /// Write every claim with its article's metadata as CSV or JSON lines, streamed.
    Export(export::Args),
    /// Combine databases built on shards: articles by content hash, claims with annotators.
    Merge(merge::Args),
    /// Migrate the database to this whosaid's schema (commands that write do it themselves).
    Migrate(migrate::Args),
    /// Print the completion script for bash, zsh, fish, elvish or PowerShell.
    Completions(completions::Args),
    /// Print a manual page (roff), or write them all with --dir.
    Man(man::Args),
}

/// Parse the process's command line, with clap's own help and messages coloured as
/// `--color` says (a pass over the raw arguments, since clap styles them while it parses).
pub fn parse() -> std::result::Result<Cli, clap::Error> {
    use clap::FromArgMatches;
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let mut choice = clap::ColorChoice::Auto;
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(w) = words.next() {
        let value = match w.as_ref() {
            "--" => break,
            "--color" => words.next().map(|v| v.into_owned()),
            w => w.strip_prefix("--color=").map(str::to_string),
        };
        match value.as_deref() {
            Some("always") => choice = clap::ColorChoice::Always,
            Some("never") => choice = clap::ColorChoice::Never,
            Some(_) => choice = clap::ColorChoice::Auto,
            None => {}
        }
    }
    let mut matches = Cli::command().color(choice).try_get_matches_from(args)?;
    Cli::from_arg_matches_mut(&mut matches)
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    let _ = COLOR.set(cli.color);
    let ctx = Context { db: cli.db };
    let mut command = cli.command;
    settle(&ctx, &mut command)?;
    match command {
        Command::Analyze(a) => analyze::run(&ctx, a),
        Command::Add(a) => add::run(&ctx, a),
        Command::Import(a) => import::run(&ctx, a),
        Command::Articles(a) => articles::run(&ctx, a),
        Command::Claim(a) => claim::run(&ctx, a),
        Command::Claims(a) => claims::run(&ctx, a),
        Command::Report(a) => report::run(&ctx, a),
        Command::Extract(a) => extract::run(&ctx, a),
        Command::Eval(a) => eval::run(&ctx, a),
        Command::Annotators(a) => annotators::run(&ctx, a),
        Command::Compare(a) => compare::run(&ctx, a),
        Command::Show(a) => show::run(&ctx, a),
        Command::Worksheet(a) => worksheet::run(&ctx, a),
        Command::Annotate(a) => annotate::run(&ctx, a),
        Command::Export(a) => export::run(&ctx, a),
        Command::Merge(a) => merge::run(&ctx, a),
        Command::Migrate(a) => migrate::run(&ctx, a),
        Command::Completions(a) => completions::run(a, Cli::command()),
        Command::Man(a) => man::run(&ctx, a, Cli::command()),
    }
}

impl Command {
    /// The files a command writes, each with the flag that names it: `-o FILE`, and
    /// `analyze --errors FILE`.
    fn outputs(&self) -> Vec<(&'static str, &std::path::Path)> {
        let o = match self {
            Command::Analyze(a) => a.output.output.as_deref(),
            Command::Articles(a) => a.output.output.as_deref(),
            Command::Claims(a) => a.output.output.as_deref(),
            Command::Report(a) => a.output.output.as_deref(),
            Command::Annotators(a) => a.output.output.as_deref(),
            Command::Compare(a) => a.output.output.as_deref(),
            Command::Worksheet(a) => a.output.as_deref(),
            Command::Annotate(a) => a.output.as_deref(),
            Command::Export(a) => a.output.as_deref(),
            _ => None,
        };
        let mut outputs: Vec<(&'static str, &std::path::Path)> =
            o.into_iter().map(|p| ("-o", p)).collect();
        if let Command::Analyze(a) = self {
            outputs.extend(a.errors.as_deref().map(|p| ("--errors", p)));
        }
        outputs
    }

    /// The files a command with an output reads besides the database (standard input, `-`,
    /// is none).
    fn inputs(&self) -> Vec<&std::path::Path> {
        match self {
            Command::Analyze(a) if a.file.as_os_str() != "-" => vec![a.file.as_path()],
            _ => Vec::new(),
        }
    }

    /// The `-j N` of a command that has one.
    fn jobs_mut(&mut self) -> Option<&mut u32> {
        match self {
            Command::Analyze(a) => a.jobs.as_mut(),
            Command::Import(a) => a.jobs.as_mut(),
            _ => None,
        }
    }
}

/// Check and settle the flags several commands share before any work starts: no file a
/// command writes may be the database (or its journal), an input of the same command or
/// another of its outputs, and `-j` is reduced to [`MAX_JOBS_PER_CORE`] times the cores.
fn settle(ctx: &Context, command: &mut Command) -> Result<()> {
    let db = ctx.db_path();
    let outputs = command.outputs();
    for (n, &(flag, out)) in outputs.iter().enumerate() {
        let clash = |what: String| {
            Err(Error::usage(format!(
                "{flag} {}: is {what} (expected a file of its own)",
                out.display()
            )))
        };
        if let Some(what) = names_database(out, &db) {
            return clash(what);
        }
        if let Some(input) = command.inputs().into_iter().find(|i| same_file(out, i)) {
            return clash(format!("the input {}", input.display()));
        }
        if let Some((other, _)) = outputs[..n].iter().find(|(_, o)| same_file(out, o)) {
            return clash(format!("the {other} file"));
        }
    }
    if let Some(jobs) = command.jobs_mut() {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let max = u32::try_from(cores.saturating_mul(MAX_JOBS_PER_CORE)).unwrap_or(u32::MAX);
        if *jobs > max {
            note(format!(
                "-j {jobs}: reduced to {max} ({MAX_JOBS_PER_CORE} worker threads per core, \
                 {cores} cores)"
            ));
            *jobs = max;
        }
    }
    Ok(())
}

/// `-j N` larger than this many threads per core is reduced to it.
pub const MAX_JOBS_PER_CORE: usize = 4;

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}

//! The command line: one file per subcommand, each with its own `Args` and `run`; the flags
//! every reading command shares (`--format`, `-o`) and the database location live here.

pub mod add;
pub mod analyze;
pub mod annotators;
pub mod articles;
pub mod claim;
pub mod claims;
pub mod compare;
pub mod eval;
pub mod export;
pub mod extract;
pub mod import;
pub mod merge;
pub mod output;
pub mod report;
pub mod show;
pub mod worksheet;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::error::{Error, Result};
use crate::report::table::DEFAULT_WIDTH;
use crate::store::Store;

/// Find and record attributions in news articles: on whose word does each claim rest?
#[derive(Debug, Parser)]
#[command(name = "whosaid", version, about, max_term_width = 100)]
pub struct Cli {
    /// The database file [default: $WHOSAID_DB, else ./whosaid.db]; created on first use.
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

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
    /// Write every claim with its article's metadata as CSV or JSON lines, streamed.
    Export(export::Args),
    /// Combine databases built on shards: articles by content hash, claims with annotators.
    Merge(merge::Args),
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> Result<()> {
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
        Command::Export(a) => export::run(&ctx, a),
        Command::Merge(a) => merge::run(&ctx, a),
    }
}

impl Command {
    /// The `-o FILE` of a command that has one.
    fn output(&self) -> Option<&std::path::Path> {
        match self {
            Command::Analyze(a) => a.output.output.as_deref(),
            Command::Articles(a) => a.output.output.as_deref(),
            Command::Claims(a) => a.output.output.as_deref(),
            Command::Report(a) => a.output.output.as_deref(),
            Command::Annotators(a) => a.output.output.as_deref(),
            Command::Compare(a) => a.output.output.as_deref(),
            Command::Worksheet(a) => a.output.as_deref(),
            Command::Export(a) => a.output.as_deref(),
            _ => None,
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

/// Check and settle the flags several commands share before any work starts: `-o` may not
/// name the database, and `-j` is reduced to [`MAX_JOBS_PER_CORE`] times the cores.
fn settle(ctx: &Context, command: &mut Command) -> Result<()> {
    if let Some(out) = command.output() {
        let db = ctx.db_path();
        if same_file(out, &db) {
            return Err(Error::usage(format!(
                "-o {}: is the database {} (expected an output file other than the database)",
                out.display(),
                db.display()
            )));
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

/// Whether `a` and `b` name the same file: the same device and inode when both exist (so a
/// symlink or a hard link counts), else the same absolute path with `.`/`..` and the
/// symlinks of its folder resolved.
pub fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    match (resolved(a), resolved(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// `path` made absolute: canonical when it exists, else its folder's canonical path joined
/// with its file name.
fn resolved(path: &std::path::Path) -> Option<PathBuf> {
    if let Ok(p) = path.canonicalize() {
        return Some(p);
    }
    let name = path.file_name()?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => std::path::Path::new("."),
    };
    Some(dir.canonicalize().ok()?.join(name))
}

/// What every command may need besides its own flags.
#[derive(Debug, Clone)]
pub struct Context {
    pub db: Option<PathBuf>,
}

impl Context {
    /// `--db`, else `$WHOSAID_DB`, else `./whosaid.db`.
    pub fn db_path(&self) -> PathBuf {
        if let Some(p) = &self.db {
            return p.clone();
        }
        match std::env::var_os("WHOSAID_DB") {
            Some(p) if !p.is_empty() => PathBuf::from(p),
            _ => PathBuf::from("whosaid.db"),
        }
    }

    /// Open (creating and migrating as needed) the database. Articles stored before the
    /// sentence cache existed get theirs here, split by the engine's splitter.
    pub fn store(&self) -> Result<Store> {
        let mut store = Store::open(&self.db_path())?;
        if store.lacks_sentences() {
            store
                .write(|tx| crate::store::sentences::fill_missing(tx, crate::extract::sentences))?;
        }
        Ok(store)
    }
}

/// The article filters `articles`, `report` and `export` share.
#[derive(Debug, Clone, clap::Args)]
pub struct FilterArgs {
    /// Only articles from this outlet.
    #[arg(long)]
    pub outlet: Option<String>,

    /// Only articles published on or after this date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub since: Option<String>,

    /// Only articles published on or before this date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub until: Option<String>,
}

impl FilterArgs {
    /// Whether any filter is given.
    pub fn any(&self) -> bool {
        self.outlet.is_some() || self.since.is_some() || self.until.is_some()
    }

    /// The store's filter; a usage error when --since is after --until.
    pub fn filter(&self) -> Result<crate::store::articles::Filter> {
        if let (Some(s), Some(u)) = (&self.since, &self.until) {
            if s > u {
                return Err(Error::usage(format!(
                    "--since {s} is after --until {u} (expected since <= until)"
                )));
            }
        }
        Ok(crate::store::articles::Filter {
            outlet: self.outlet.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
        })
    }
}

/// The output formats of the reading commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table for the terminal.
    Table,
    /// CSV with a header row.
    Csv,
    /// JSON (pretty-printed).
    Json,
    /// One self-contained HTML page (`report` only).
    Html,
}

/// The output flags every reading command shares.
#[derive(Debug, Clone, clap::Args)]
pub struct OutputArgs {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl OutputArgs {
    /// The usage error for `--format html` on a command that has no HTML output.
    pub fn no_html(command: &str) -> Error {
        Error::usage(format!(
            "--format html: `{command}` has no HTML output (expected table, csv or json; \
             HTML is for `report`)"
        ))
    }

    /// The table width: `$COLUMNS`, else the terminal's, else 80.
    pub fn width(&self) -> u16 {
        width(self.output.is_none())
    }

    /// Render with `print` into memory, then write it all to stdout or `-o FILE`
    /// ([`output::write_all`]), so a failed command writes nothing.
    pub fn emit(&self, print: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
        let mut buf: Vec<u8> = Vec::new();
        print(&mut buf)?;
        output::write_all(self.output.as_deref(), &buf)
    }
}

/// The output width: `$COLUMNS`, else the terminal's (when writing to stdout), else 80.
pub fn width(to_stdout: bool) -> u16 {
    if let Some(w) = std::env::var("COLUMNS")
        .ok()
        .and_then(|s| s.trim().parse::<u16>().ok())
        .filter(|&w| w >= 20)
    {
        return w;
    }
    if to_stdout && std::io::stdout().is_terminal() {
        if let Some(w) = comfy_table::Table::new().width() {
            return w;
        }
    }
    DEFAULT_WIDTH
}

/// Whether to colour standard output: only on a terminal, and never when `NO_COLOR` is set
/// (to anything non-empty, as no-color.org says).
pub fn use_color() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color && std::io::stdout().is_terminal()
}

/// A failed write to `-o FILE`, saying which part of the path is wrong.
pub(crate) fn output_error(path: &std::path::Path, e: std::io::Error) -> Error {
    let shown = path.display();
    if path.is_dir() {
        return Error::msg(format!("-o {shown}: is a directory (expected a file name)"));
    }
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) if !dir.is_dir() => Error::msg(format!(
            "-o {shown}: folder {} does not exist (expected a file in an existing folder)",
            dir.display()
        )),
        _ => Error::io(format!("-o {shown}"), e),
    }
}

/// Write lines to stdout (for the ids and summaries of the writing commands).
pub fn print_lines(lines: &[String]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    for l in lines {
        writeln!(out, "{l}")?;
    }
    out.flush()?;
    Ok(())
}

/// A note on stderr, in the `whosaid: ` voice.
pub fn note(msg: impl std::fmt::Display) {
    eprintln!(
        "whosaid: {}",
        crate::report::terminal::safe(&msg.to_string())
    );
}

/// A command-line error from clap as one line: its message, the possible values or the
/// missing arguments, and where to read more ("see `whosaid claim add --help`").
pub fn usage_line(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let mut parts: Vec<String> = Vec::new();
    let mut usage = None;
    for line in text.lines().map(str::trim) {
        if let Some(u) = line.strip_prefix("Usage: ") {
            usage = Some(u.to_string());
            break;
        }
        if line.is_empty() || line.starts_with("For more information") {
            continue;
        }
        let line = line.strip_prefix("error: ").unwrap_or(line);
        parts.push(line.to_string());
    }
    let mut msg = parts.join(" ");
    // "Usage: whosaid claim add [OPTIONS] ..." -> the subcommand path, for the --help hint.
    if let Some(u) = usage {
        let words: Vec<&str> = u
            .split_whitespace()
            .take_while(|w| !w.starts_with(['[', '<', '-']))
            .collect();
        if !words.is_empty() {
            msg.push_str(&format!(" (see `{} --help`)", words.join(" ")));
        }
    }
    msg
}

/// A clap value parser for `YYYY-MM-DD` dates.
pub fn parse_date(s: &str) -> std::result::Result<String, String> {
    crate::model::check_date(s)?;
    Ok(s.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}

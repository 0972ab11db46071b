//! The command line: one file per subcommand, each with its own `Args` and `run`, and the
//! parsed command line that dispatches to them (`command`); the flags every reading command
//! shares (`--format`, `-o`) and the database location live here.

pub mod add;
pub mod analyze;
pub mod annotate;
pub mod annotators;
pub mod articles;
pub mod claim;
pub mod claims;
pub mod command;
pub mod compare;
pub mod completions;
pub mod eval;
pub mod export;
pub mod extract;
pub mod import;
pub mod man;
pub mod merge;
pub mod migrate;
pub mod output;
pub mod report;
pub mod show;
pub mod worksheet;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::ValueEnum;

use crate::error::{Error, Result};
use crate::report::table::DEFAULT_WIDTH;
use crate::store::Store;

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

/// What `out` is when it names the database `db` or one of its journal files (`-wal`,
/// `-shm`, `-journal`), said for a message ("the database whosaid.db"); None otherwise.
pub fn names_database(out: &std::path::Path, db: &std::path::Path) -> Option<String> {
    if same_file(out, db) {
        return Some(format!("the database {}", db.display()));
    }
    ["-wal", "-shm", "-journal"].into_iter().find_map(|suffix| {
        let mut side = db.as_os_str().to_owned();
        side.push(suffix);
        same_file(out, std::path::Path::new(&side)).then(|| {
            format!(
                "the database's journal {}",
                std::path::Path::new(&side).display()
            )
        })
    })
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

    /// Open (creating and migrating as needed) the database, for a command that writes.
    /// Articles stored before the sentence cache existed get theirs here, split by the
    /// engine's splitter.
    pub fn store(&self) -> Result<Store> {
        let mut store = Store::open(&self.db_path())?;
        if store.lacks_sentences() {
            store
                .write(|tx| crate::store::sentences::fill_missing(tx, crate::extract::sentences))?;
        }
        Ok(store)
    }

    /// Open the database read-only, for a command that only reads: never created or
    /// migrated.
    pub fn reader(&self) -> Result<Store> {
        Store::open_read(&self.db_path())
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

/// The output formats of the reading commands without an HTML page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table for the terminal.
    Table,
    /// CSV with a header row.
    Csv,
    /// JSON (pretty-printed).
    Json,
}

/// The output formats of `report`: those of [`Format`] and one self-contained HTML page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// A table for the terminal.
    Table,
    /// CSV with a header row.
    Csv,
    /// JSON (pretty-printed).
    Json,
    /// One self-contained HTML page.
    Html,
}

/// The output flags every reading command shares. `F` is the command's own list of formats,
/// so that `--help` and a wrong value list exactly the formats that command writes.
#[derive(Debug, Clone, clap::Args)]
pub struct OutputArgs<F = Format>
where
    F: ValueEnum + Clone + Send + Sync + 'static,
{
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "table")]
    pub format: F,

    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl<F> OutputArgs<F>
where
    F: ValueEnum + Clone + Send + Sync + 'static,
{
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

/// The values of `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always colour, even into a pipe or a file.
    Always,
    /// Never colour.
    Never,
}

/// The `--color` of this run, set once by [`command::run`].
pub(crate) static COLOR: std::sync::OnceLock<ColorChoice> = std::sync::OnceLock::new();

/// Whether to colour standard output: as `--color` says; by default only on a terminal, and
/// never when `NO_COLOR` is set (to anything non-empty, as no-color.org says).
pub fn use_color() -> bool {
    match COLOR.get().copied().unwrap_or(ColorChoice::Auto) {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            !no_color && std::io::stdout().is_terminal()
        }
    }
}

/// Write lines to stdout (for the ids and summaries of the writing commands), each kept to
/// one line with its control characters shown.
pub fn print_lines(lines: &[String]) -> Result<()> {
    output::streamed(None, |out| {
        for l in lines {
            writeln!(out, "{}", crate::report::terminal::line(l))?;
        }
        Ok(())
    })
}

/// A note on stderr, in the `whosaid: ` voice.
pub fn note(msg: impl std::fmt::Display) {
    eprintln!(
        "whosaid: {}",
        crate::report::terminal::line(&msg.to_string())
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

/// A clap value parser for a whole number in `min..=max`, for every numeric flag: anything
/// else (a negative number, a fraction, a word, a number too large for any type) is a usage
/// error naming the flag and the range, e.g. `invalid value '0' for '--batch <N>': expected a
/// whole number in 1..=10000`.
#[derive(Debug, Clone, Copy)]
pub struct Bounded {
    pub min: u64,
    pub max: u64,
}

/// [`Bounded`] for `min..=max`.
pub const fn bounded(min: u64, max: u64) -> Bounded {
    Bounded { min, max }
}

impl clap::builder::TypedValueParser for Bounded {
    type Value = u64;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> std::result::Result<u64, clap::Error> {
        let text = value.to_string_lossy();
        let digits = text.trim();
        let n = (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse::<u64>().unwrap_or(u64::MAX))
            .filter(|n| (self.min..=self.max).contains(n));
        n.ok_or_else(|| {
            let flag = arg.map_or_else(|| "the value".to_string(), |a| a.to_string());
            clap::Error::raw(
                clap::error::ErrorKind::ValueValidation,
                format!(
                    "invalid value '{}' for '{flag}': expected a whole number in {}..={}\n",
                    crate::report::terminal::safe(&text),
                    self.min,
                    self.max
                ),
            )
            .with_cmd(cmd)
        })
    }
}

impl Bounded {
    /// The same parser giving a `u32` (its `max` is at most `u32::MAX`).
    pub fn u32(self) -> impl clap::builder::TypedValueParser<Value = u32> {
        use clap::builder::TypedValueParser;
        debug_assert!(self.max <= u64::from(u32::MAX));
        self.map(|n| u32::try_from(n).unwrap_or(u32::MAX))
    }
}

/// The range of `-j N`: more than [`command::MAX_JOBS_PER_CORE`] threads a core is reduced to
/// that, with a note.
pub const JOBS: Bounded = bounded(1, 1_000_000);
/// The range of `--occurrence N` and its kin.
pub const OCCURRENCE: Bounded = bounded(1, u32::MAX as u64);
/// The range of `import --batch N`: at most three batches are held in memory at once.
pub const BATCH: Bounded = bounded(1, 10_000);
/// The range of `--max-bytes N`: up to 1 GB, the longest text SQLite stores by default.
pub const MAX_BYTES: Bounded = bounded(1, 1_000_000_000);

//! `whosaid import FILE|DIR`: store the articles of a .csv or .jsonl file, or every .txt, .md
//! and .html file under a folder. The reading is `ingest::reader`'s, the parallel checking,
//! extraction and batched writing `pipeline`'s; this file parses the flags, shows progress
//! and prints the summary.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::{note, output, Context};
use crate::error::{Error, Result};
use crate::ingest::reader::{Kind, Reader};
use crate::ingest::text;
use crate::pipeline::{self, Options, Progress};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A .csv file (header row; columns id,title,outlet,date,url,text, or path instead of
    /// text, relative to the CSV's folder; author optional), a .jsonl file (one object per
    /// line with the same keys), or a folder (every .txt, .md and .html file under it).
    #[arg(value_name = "FILE|DIR")]
    pub file: PathBuf,

    /// Store the texts only; do not run the extraction engine.
    #[arg(long)]
    pub no_extract: bool,

    /// FILE|DIR is `whosaid analyze --jsonl` output (a file, or a Spark output folder whose
    /// part-* files are read as a whole): store its articles with the attributions it holds,
    /// without running the engine, and record the engine version that found them. The text
    /// comes from each line (analyze --jsonl --keep-text) or from --texts.
    #[arg(long, conflicts_with_all = ["no_extract", "allow_paths"])]
    pub analyzed: bool,

    /// With --analyzed: the JSON Lines corpus that was analysed, whose texts are joined with
    /// the analysed lines by id (for output written without --keep-text).
    #[arg(long, value_name = "CORPUS.jsonl", requires = "analyzed")]
    pub texts: Option<PathBuf>,

    /// Worker threads reading, checking and extracting [default: all cores].
    #[arg(short = 'j', long, value_name = "N", value_parser = crate::cli::JOBS.u32())]
    pub jobs: Option<u32>,

    /// Articles written per transaction (1 to 10,000).
    #[arg(long, value_name = "N", default_value_t = 500, value_parser = crate::cli::BATCH.u32())]
    pub batch: u32,

    /// Refuse an article (file, text cell or JSONL text) larger than N bytes (1 to 10^9).
    #[arg(long, value_name = "N", default_value_t = text::DEFAULT_MAX_BYTES,
          value_parser = crate::cli::MAX_BYTES)]
    pub max_bytes: u64,

    /// No progress bar and no summary on stderr (errors are still printed).
    #[arg(short = 'q', long)]
    pub quiet: bool,

    /// Let a CSV `path` cell (or JSONL `path` key) name any file: an absolute path or one
    /// outside the input's folder. Without it such a path is refused.
    #[arg(long)]
    pub allow_paths: bool,
}

/// The progress bar on stderr (hidden when stderr is no terminal or with `--quiet`), and
/// the notes printed above it.
struct Bar {
    show: bool,
    bar: std::cell::RefCell<ProgressBar>,
}

impl Progress for Bar {
    fn start(&self, what: &'static str, total: Option<u64>) {
        *self.bar.borrow_mut() = progress_bar(self.show, total, what);
    }

    fn advance(&self, n: u64) {
        self.bar.borrow().inc(n);
    }

    fn note(&self, msg: &str) {
        self.bar.borrow().suspend(|| note(msg));
    }

    fn finish(&self) {
        self.bar.borrow().finish_and_clear();
    }
}

fn progress_bar(show: bool, total: Option<u64>, what: &'static str) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
    let template = if total.is_some() {
        "{msg} {wide_bar} {human_pos}/{human_len} articles ({rate}, ETA {eta})"
    } else {
        "{msg} {spinner} {human_pos} articles ({rate})"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.with_key(
            "rate",
            |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0}/s", s.per_sec());
            },
        ));
    }
    bar.set_message(what);
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let started = Instant::now();
    let mut reader = if args.analyzed {
        Reader::analyzed(&args.file, args.texts.as_deref(), args.max_bytes)?
    } else {
        Reader::new(&args.file, args.max_bytes, args.allow_paths)?
    };
    let name = reader.name().to_string();
    let jobs = match args.jobs {
        Some(n) => n as usize,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::msg(format!("cannot start {jobs} worker threads: {e}")))?;
    let mut opts = Options {
        batch: args.batch as usize,
        no_extract: args.no_extract,
        total: None,
    };
    let show = !args.quiet && std::io::stderr().is_terminal();
    let bar = Bar {
        show,
        bar: std::cell::RefCell::new(ProgressBar::hidden()),
    };

    // First pass (CSV/JSONL): check everything before the database is written.
    opts.total = if reader.kind() == Kind::Folder {
        if !reader.has_files() {
            return Err(reader.nothing_to_import());
        }
        if show {
            reader.count_files()
        } else {
            None
        }
    } else {
        let existing = if ctx.db_path().exists() {
            Some(ctx.store()?)
        } else {
            None
        };
        Some(pipeline::check(
            &mut reader,
            &pool,
            opts.batch,
            existing.as_ref(),
            &bar,
        )?)
    };

    let mut store = ctx.store()?;
    // The workers look up the articles stored already on their own connection.
    let lookup = ctx.store()?;
    // The ids go to stdout as their batches are committed.
    let mut summary = None;
    output::streamed(None, |out| {
        summary = Some(pipeline::import(
            &mut reader,
            &pool,
            &mut store,
            lookup,
            opts,
            &bar,
            out,
        )?);
        Ok(())
    })?;
    let summary = summary.unwrap_or_default();

    let secs = started.elapsed().as_secs_f64();
    // Both kinds of article already there: its id with its text, or (no id) its text.
    let already = summary.already + summary.same_text_count;
    let text = format!(
        "{name}: imported {} article{} ({already} already stored, {} failed) in {secs:.1} s, {:.0} articles/s",
        summary.stored,
        if summary.stored == 1 { "" } else { "s" },
        summary.failed.len(),
        (summary.stored + already) as f64 / secs.max(1e-9),
    );
    if !summary.failed.is_empty() {
        return Err(Error::msg(format!(
            "{text}; the failed files are named above"
        )));
    }
    if !args.quiet {
        note(text);
        // Every row left out because its text is stored (and it has no id) is named.
        for (label, id) in &summary.same_text {
            note(format!(
                "{label}: not stored again: no id, and the same text as article {id}"
            ));
        }
        let more = summary.same_text_count - summary.same_text.len() as u64;
        if more > 0 {
            note(format!(
                "{name}: and {more} more rows not stored again for the same reason"
            ));
        }
    }
    Ok(())
}

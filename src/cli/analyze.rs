//! `whosaid analyze FILE|-`: the engine's attributions in one text with its breakdown, no
//! database needed; `--jsonl` streams one result line per input line, in input order.

use std::io::{Read, Write};
use std::path::PathBuf;

use rayon::prelude::*;

use crate::analysis::{analyze_line, analyze_with_entities, Extras, BATCH_PER_JOB};
use crate::cli::{note, output, Context, Format, OutputArgs};
use crate::error::{Error, Result};
use crate::ingest::{jsonl, text as input};
use crate::report;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The article (any text file), or `-` for standard input. With --jsonl: a JSON Lines file
    /// of `{"id", "text", …}` objects.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Stream JSON Lines: for each input line, its fields but `text` (`id`, `title`,
    /// `outlet`, … in input order) followed by the engine's `attributions` and `breakdown`,
    /// and the `engine` version that found them.
    #[arg(long, conflicts_with = "format")]
    pub jsonl: bool,

    /// With --jsonl: keep each line's `text` in its output line, so that `whosaid import
    /// --analyzed` can store the articles from the output alone.
    #[arg(long, requires = "jsonl")]
    pub keep_text: bool,

    /// With --jsonl: also write the `sentences` the text was split into, as [[start, end], …]
    /// in code points, so that `import --analyzed` need not split the text again and
    /// per-source sums can count the sentences each source's claims touch.
    #[arg(long, requires = "jsonl")]
    pub sentences: bool,

    /// With --jsonl, what a line that cannot be analysed does: `fail` stops with a message
    /// naming its line; `skip` writes an error record `{"line", "id", "error"}` (the line
    /// number in the input) to --errors FILE, else to stderr, and goes on.
    #[arg(
        long,
        value_enum,
        value_name = "WHAT",
        default_value = "fail",
        requires = "jsonl"
    )]
    pub on_error: OnError,

    /// With --on-error skip: write the error records (JSON Lines) to FILE instead of stderr.
    #[arg(long, value_name = "FILE", requires = "jsonl")]
    pub errors: Option<PathBuf>,

    /// Print the text with its attributions highlighted (as `whosaid show` does) instead of
    /// the table.
    #[arg(long, conflicts_with_all = ["jsonl", "format", "output"])]
    pub show: bool,

    /// Under the table, say for each attribution which rule found it and which words decided
    /// its labels (the `rule` and `trigger` of the JSON and CSV output).
    #[arg(long, conflicts_with_all = ["jsonl", "show"])]
    pub explain: bool,

    /// List the people and organisations of the text instead of the attributions: name, type
    /// (person or organization), role, how many mentions and which forms, how many claims.
    /// (`--format json` always has them, under `entities`.)
    #[arg(long, conflicts_with_all = ["jsonl", "show", "explain"])]
    pub entities: bool,

    /// Refuse a text (the file, standard input, or with --jsonl a line's `text`) larger than
    /// N bytes (1 to 10^9).
    #[arg(long, value_name = "N", default_value_t = input::DEFAULT_MAX_BYTES,
          value_parser = crate::cli::MAX_BYTES)]
    pub max_bytes: u64,

    /// Worker threads for --jsonl [default: all cores].
    #[arg(short = 'j', long, value_name = "N", requires = "jsonl",
          value_parser = crate::cli::JOBS.u32())]
    pub jobs: Option<u32>,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// What `analyze --jsonl` does with a line it cannot analyse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OnError {
    /// Stop with a message naming the line.
    Fail,
    /// Write an error record for the line and go on.
    Skip,
}

fn stream(args: &Args) -> Result<()> {
    let name = input::display_name(&args.file);
    if args.errors.is_some() && args.on_error != OnError::Skip {
        return Err(Error::usage(
            "--errors FILE: only with --on-error skip (with fail, the first bad line stops the \
             run and is named on stderr)",
        ));
    }
    let reader: Box<dyn Read> = if input::is_stdin(&args.file) {
        Box::new(std::io::stdin().lock())
    } else {
        // Checks existence and directories with a clear message; then stream the file.
        let meta = std::fs::metadata(&args.file);
        match meta {
            Ok(m) if m.is_dir() => {
                return Err(Error::msg(format!(
                    "{name}: is a directory (expected a file)"
                )))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::msg(format!("{name}: no such file")))
            }
            _ => {}
        }
        Box::new(std::fs::File::open(&args.file).map_err(|e| Error::io(&name, e))?)
    };
    let extras = Extras {
        keep_text: args.keep_text,
        sentences: args.sentences,
    };
    let jobs = match args.jobs {
        Some(n) => n as usize,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::msg(format!("cannot start {jobs} worker threads: {e}")))?;
    // A line can hold the largest article with every character escaped.
    let limit = args.max_bytes.saturating_mul(6).saturating_add(1 << 20);
    let mut lines = jsonl::Lines::new(&name, reader, limit);
    let batch_size = BATCH_PER_JOB * jobs;
    let mut skipped = 0usize;
    let mut lines_read = 0usize;
    // A line the reader cannot hand out (unreadable input, a line over the limit) stops the
    // run whatever --on-error says: the lines after it cannot be told apart.
    let mut run = |out: &mut dyn Write, errors: &mut dyn Write| -> Result<()> {
        loop {
            let batch: Vec<jsonl::Line> = lines.by_ref().take(batch_size).collect::<Result<_>>()?;
            let Some(last) = batch.last() else {
                break;
            };
            lines_read = last.no;
            let results: Vec<_> = pool.install(|| {
                batch
                    .par_iter()
                    .map(|l| analyze_line(l, extras, args.max_bytes))
                    .collect()
            });
            // With fail, a bad line stops the stream before any line of its batch is written.
            if args.on_error == OnError::Fail {
                if let Some(Err(e)) = results.iter().find(|r| r.is_err()) {
                    return Err(Error::msg(format!(
                        "{name}: line {}: {} (--on-error skip goes on past bad lines)",
                        e.line, e.error
                    )));
                }
            }
            for result in results {
                match result {
                    Ok(Some(line)) => {
                        out.write_all(line.as_bytes())?;
                        out.write_all(b"\n")?;
                    }
                    Ok(None) => {}
                    Err(e) => {
                        skipped += 1;
                        let record = serde_json::to_string(&e)?;
                        writeln!(errors, "{}", report::terminal::json_line(&record))?;
                    }
                }
            }
        }
        Ok(())
    };
    match &args.errors {
        Some(path) => output::streamed(Some(path), |errors| {
            output::streamed(args.output.output.as_deref(), |out| run(out, errors))
        })?,
        None => {
            let mut errors = std::io::stderr().lock();
            output::streamed(args.output.output.as_deref(), |out| run(out, &mut errors))?
        }
    }
    if skipped > 0 {
        let whither = match &args.errors {
            Some(p) => format!("error records in {}", p.display()),
            None => "error records above".to_string(),
        };
        note(format!(
            "{name}: {skipped} of {lines_read} lines skipped ({whither})"
        ));
    }
    Ok(())
}

pub fn run(_ctx: &Context, args: Args) -> Result<()> {
    if args.jsonl {
        return stream(&args);
    }
    let name = input::display_name(&args.file);
    let text = input::decode(
        &name,
        input::read_bytes_limited(&args.file, args.max_bytes)?,
    )?;
    if text.trim().is_empty() {
        return Err(Error::msg(format!(
            "{name}: empty article (expected some text)"
        )));
    }
    let result = analyze_with_entities(&text);
    if args.show {
        let mut buf = Vec::new();
        report::show::render(
            &mut buf,
            &text,
            &result.attributions,
            crate::cli::show::stdout_options(),
        )?;
        return output::write_all(None, &buf);
    }
    let width = args.output.width();
    if args.entities {
        let entities = result.entities.as_deref().unwrap_or_default();
        return args.output.emit(|w| match args.output.format {
            Format::Table => report::entities::table(w, entities, width),
            Format::Csv => report::entities::csv(w, entities),
            Format::Json => report::entities::json(w, entities),
        });
    }
    args.output.emit(|w| match args.output.format {
        Format::Table => report::table::analysis(w, &result, width, args.explain),
        Format::Csv => report::csv::analysis(w, &result),
        Format::Json => report::json::analysis(w, &result),
    })
}

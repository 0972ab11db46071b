//! `whosaid analyze FILE|-`: the engine's attributions in one text with its breakdown, no
//! database needed; `--jsonl` streams one result line per input line, in input order.

use std::io::Read;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

use crate::cli::{output, Context, Format, OutputArgs};
use crate::error::{shorten, Error, Result};
use crate::extract;
use crate::ingest::{jsonl, text as input};
use crate::model::Attribution;
use crate::report::{self, Analysis, Breakdown};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The article (any text file), or `-` for standard input. With --jsonl: a JSON Lines file
    /// of `{"id", "text", …}` objects.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Stream JSON Lines: one `{"id", "attributions", "breakdown"}` line per input line.
    #[arg(long, conflicts_with = "format")]
    pub jsonl: bool,

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

    /// Worker threads for --jsonl [default: all cores].
    #[arg(short = 'j', long, value_name = "N", requires = "jsonl",
          value_parser = clap::value_parser!(u32).range(1..))]
    pub jobs: Option<u32>,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// The engine's result for one text.
pub fn analyze(text: &str) -> Analysis {
    let found = extract::analyze(text);
    Analysis::from_sentences(&found.sentences, found.attributions)
}

/// The same with the text's entities.
pub fn analyze_with_entities(text: &str) -> Analysis {
    let (found, entities) = extract::analyze_with_entities(text);
    Analysis {
        entities: Some(entities),
        ..Analysis::from_sentences(&found.sentences, found.attributions)
    }
}

#[derive(Serialize)]
struct Line<'a> {
    id: &'a Value,
    attributions: &'a [Attribution],
    breakdown: &'a Breakdown,
}

/// How many input lines each parallel batch holds, per worker.
const BATCH_PER_JOB: usize = 256;

/// Analyze one JSON Lines input line; blank lines give nothing.
fn analyze_line(name: &str, line: &jsonl::Line) -> Result<Option<String>> {
    let Some(map) = line.object(name)? else {
        return Ok(None);
    };
    let at = format!("{name}: line {}", line.no);
    let text = match map.get("text") {
        Some(Value::String(s)) => s.as_str(),
        Some(other) => {
            return Err(Error::msg(format!(
                "{at}, key text: expected a string, found {}",
                shorten(&other.to_string(), 40)
            )))
        }
        None => {
            return Err(Error::msg(format!(
                "{at}: no text key (expected {{\"id\", \"text\"}})"
            )))
        }
    };
    let id = map.get("id").cloned().unwrap_or(Value::Null);
    let result = analyze(text);
    let out = serde_json::to_string(&Line {
        id: &id,
        attributions: &result.attributions,
        breakdown: &result.breakdown,
    })?;
    Ok(Some(out))
}

fn stream(args: &Args) -> Result<()> {
    let name = input::display_name(&args.file);
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
    let jobs = match args.jobs {
        Some(n) => n as usize,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::msg(format!("cannot start {jobs} worker threads: {e}")))?;
    // A line can hold the largest article with every character escaped.
    let limit = input::DEFAULT_MAX_BYTES
        .saturating_mul(6)
        .saturating_add(1 << 20);
    let mut lines = jsonl::Lines::new(&name, reader, limit);
    let batch_size = BATCH_PER_JOB * jobs;
    output::streamed(args.output.output.as_deref(), |out| {
        loop {
            let batch: Vec<jsonl::Line> = lines.by_ref().take(batch_size).collect::<Result<_>>()?;
            if batch.is_empty() {
                break;
            }
            let results: Vec<Result<Option<String>>> = pool.install(|| {
                batch
                    .par_iter()
                    .map(|line| analyze_line(&name, line))
                    .collect()
            });
            // A bad line stops the stream before any line of its batch is written.
            let done: Vec<Option<String>> = results.into_iter().collect::<Result<_>>()?;
            for line in done.into_iter().flatten() {
                out.write_all(line.as_bytes())?;
                out.write_all(b"\n")?;
            }
        }
        Ok(())
    })
}

pub fn run(_ctx: &Context, args: Args) -> Result<()> {
    if args.jsonl {
        return stream(&args);
    }
    let name = input::display_name(&args.file);
    let text = input::decode(&name, input::read_bytes(&args.file)?)?;
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
            Format::Html => Err(OutputArgs::no_html("analyze")),
        });
    }
    args.output.emit(|w| match args.output.format {
        Format::Table => report::table::analysis(w, &result, width, args.explain),
        Format::Csv => report::csv::analysis(w, &result),
        Format::Json => report::json::analysis(w, &result),
        Format::Html => Err(OutputArgs::no_html("analyze")),
    })
}

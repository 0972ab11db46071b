//! Train the part-of-speech tagger on Universal Dependencies treebanks:
//!
//! ```text
//! cargo run --release --example train_tagger -- [UD_DIR] [OUT]
//! ```
//!
//! Trains on every `*.conllu` in UD_DIR (default `../shared/corpora/ud`) except
//! `en_pud-ud-test.conllu`, which is held out; writes the model to OUT (default
//! `src/extract/tagger/model.bin`), then prints the model's accuracy on the held-out and the
//! training sentences and its tagging speed on the held-out sentences.
//!
//! With `--speed-only` as the first argument it trains nothing: it loads OUT (default the
//! committed model), and prints the tagging speed on the held-out sentences, several times.

use std::path::{Path, PathBuf};
use std::time::Instant;
use whosaid::extract::tagger::conllu::{self, Alignment, TaggedSentence};
use whosaid::extract::tagger::train::{self, TrainOptions};
use whosaid::extract::tagger::Tagger;

const HELD_OUT: &str = "en_pud-ud-test.conllu";

fn read(path: &Path, stats: &mut Alignment) -> Result<Vec<TaggedSentence>, String> {
    let src = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let sents = conllu::parse(&src).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(sents
        .iter()
        .map(|s| TaggedSentence::from_ud(s, stats))
        .collect())
}

/// This thread's CPU time in seconds, where the system tells it (Linux); on a busy machine
/// it measures the tagger better than the wall clock.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let fields: Vec<&str> = stat.get(stat.rfind(')')? + 2..)?.split(' ').collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0) // clock ticks, 100 a second on Linux
}

/// Tag `sents` over and over for at least `secs` seconds: (tokens, tokens/s by the wall
/// clock, tokens/s by the thread's CPU time, a checksum of the tags).
fn speed(tagger: &Tagger, sents: &[Vec<&str>], secs: f64) -> (usize, f64, Option<f64>, usize) {
    let mut tags = Vec::new();
    let (mut tokens, mut checksum) = (0usize, 0usize);
    let t0 = Instant::now();
    let cpu0 = thread_cpu_seconds();
    while t0.elapsed().as_secs_f64() < secs {
        for s in sents {
            tagger.tag(s, &mut tags);
            tokens += tags.len();
            checksum += tags.last().map_or(0, |t| t.index());
        }
    }
    let wall = tokens as f64 / t0.elapsed().as_secs_f64();
    let cpu = cpu0
        .zip(thread_cpu_seconds())
        .filter(|(a, b)| b > a)
        .map(|(a, b)| tokens as f64 / (b - a));
    (tokens, wall, cpu, checksum)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1).peekable();
    let speed_only = args.next_if(|a| a == "--speed-only").is_some();
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "../shared/corpora/ud".into()));
    let out = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "src/extract/tagger/model.bin".into()),
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .collect();
    files.sort();
    let held_path = dir.join(HELD_OUT);
    if !files.contains(&held_path) {
        return Err(format!("{}: the held-out file is missing", held_path.display()).into());
    }
    if speed_only {
        let bytes = std::fs::read(&out).map_err(|e| format!("{}: {e}", out.display()))?;
        let tagger = Tagger::from_bytes(&bytes)?;
        let held = read(&held_path, &mut Alignment::default())?;
        let sents: Vec<Vec<&str>> = held
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        for _ in 0..5 {
            let (tokens, wall, cpu, checksum) = speed(&tagger, &sents, 2.0);
            let cpu = cpu.map_or(String::new(), |s| format!(", {:.2} by CPU time", s / 1e6));
            println!(
                "speed: {:.2} million tokens/s by the wall clock{cpu} ({tokens} tokens, check {checksum})",
                wall / 1e6
            );
        }
        return Ok(());
    }
    let mut stats = Alignment::default();
    let mut training = Vec::new();
    for f in files.iter().filter(|f| **f != held_path) {
        let sents = read(f, &mut stats)?;
        eprintln!("read {} ({} sentences)", f.display(), sents.len());
        training.extend(sents);
    }
    let mut held_stats = Alignment::default();
    let held = read(&held_path, &mut held_stats)?;
    eprintln!(
        "training tokens: {} ({} cover several treebank words, {} are pieces of one)",
        stats.tokens, stats.merged, stats.split
    );

    let opts = TrainOptions::default();
    let started = Instant::now();
    let (bytes, ts) = train::train(&training, &opts, |pass, acc| {
        eprintln!("pass {pass}: {:.2}% right while training", 100.0 * acc);
    });
    let train_secs = started.elapsed().as_secs_f64();
    std::fs::write(&out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;

    let tagger = Tagger::from_bytes(&bytes)?;
    let vocab = train::vocabulary(&training);
    let on_held = train::evaluate(&tagger, &held, &vocab);
    let on_train = train::evaluate(&tagger, &training, &vocab);

    // speed: tag the held-out sentences over and over for at least two seconds
    let sents: Vec<Vec<&str>> = held
        .iter()
        .map(|s| s.words.iter().map(String::as_str).collect())
        .collect();
    let (tokens, speed, cpu_speed, checksum) = speed(&tagger, &sents, 2.0);

    println!("model:        {} ({} bytes)", out.display(), bytes.len());
    println!(
        "training:     {} sentences, {} tokens, {} passes, {:.1} s",
        training.len(),
        stats.tokens,
        opts.iterations,
        train_secs
    );
    println!(
        "features:     {} kept of {} (|weight| >= {}), dictionary words: {}, known words: {}",
        ts.features_kept, ts.features_seen, opts.min_weight, ts.dict_words, ts.known_words
    );
    println!(
        "held out:     {HELD_OUT}: {} tokens, UPOS accuracy {:.2}% (known words {:.2}% of {}, unknown {:.2}% of {})",
        on_held.total,
        100.0 * on_held.accuracy(),
        100.0 * on_held.known_accuracy(),
        on_held.known_total,
        100.0 * on_held.unknown_accuracy(),
        on_held.total - on_held.known_total
    );
    println!(
        "training set: UPOS accuracy {:.2}%",
        100.0 * on_train.accuracy()
    );
    let errors: Vec<String> = on_held
        .top_confusions(8)
        .iter()
        .map(|(g, p, n)| format!("{g}->{p} {n}"))
        .collect();
    println!("held-out errors (gold->tagged): {}", errors.join(", "));
    let by_cpu = cpu_speed.map_or(String::new(), |s| {
        format!(", {:.2} million by the thread's CPU time", s / 1e6)
    });
    println!(
        "speed:        {:.2} million tokens/s by the wall clock{by_cpu} ({tokens} tokens, one thread, check {checksum})",
        speed / 1e6,
    );
    Ok(())
}

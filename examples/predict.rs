//! Run the engine over JSONL articles: `cargo run --release --example predict < in.jsonl > out.jsonl`.
//!
//! Each input line is an object with `id` and `text` (read as `whosaid analyze --jsonl` reads
//! it); each output line is `{"id": ..., "attributions": [...]}` in the JSON contract of
//! `Attribution`.

use std::io::{self, BufWriter, Write};

use whosaid::ingest::jsonl::Lines;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut out = BufWriter::new(io::stdout().lock());
    for line in Lines::new("<stdin>", io::stdin().lock(), u64::MAX) {
        let line = line?;
        let Some(v) = line.object("<stdin>")? else {
            continue;
        };
        let text = v.get("text").and_then(|t| t.as_str()).unwrap_or("");
        let attributions = whosaid::extract::extract(text);
        let obj = serde_json::json!({
            "id": v.get("id").cloned().unwrap_or(serde_json::Value::Null),
            "attributions": attributions,
        });
        serde_json::to_writer(&mut out, &obj)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

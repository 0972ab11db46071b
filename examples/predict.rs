//! Run the engine over JSONL articles: `cargo run --release --example predict < in.jsonl > out.jsonl`.
//!
//! Each input line is an object with `id` and `text`; each output line is
//! `{"id": ..., "attributions": [...]}` in the JSON contract of `Attribution`.

use std::io::{self, BufRead, BufWriter, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let stdin = io::stdin();
    let mut out = BufWriter::new(io::stdout().lock());
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line)
            .map_err(|e| format!("line {}: not a JSON object: {e}", n + 1))?;
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

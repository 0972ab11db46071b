//! The engine's analysis of texts outside the database (`analyze`): one text with its
//! breakdown, or a JSON Lines input a line at a time, each output line carrying the input's
//! fields, the attributions, the breakdown and the engine's version.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::shorten;
use crate::extract;
use crate::ingest::jsonl;
use crate::model::Attribution;
use crate::pipeline::ENGINE;
use crate::report::{Analysis, Breakdown};

/// The engine's result for one text, with the text's entities.
pub fn analyze_with_entities(text: &str) -> Analysis {
    let (found, entities) = extract::analyze_with_entities(text);
    Analysis {
        entities: Some(entities),
        ..Analysis::from_sentences(&found.sentences, found.attributions)
    }
}

/// One output line: the input's fields but `text` (unless kept), in input order (`id`
/// first, null, when the input has none), then the engine's attributions and breakdown, the
/// sentence spans when asked for, and the engine's version.
#[derive(Serialize)]
struct Line<'a> {
    #[serde(flatten)]
    fields: &'a Map<String, Value>,
    attributions: &'a [Attribution],
    breakdown: &'a Breakdown,
    #[serde(skip_serializing_if = "Option::is_none")]
    sentences: Option<Vec<(usize, usize)>>,
    engine: &'static str,
}

/// What `analyze --jsonl` adds to each line besides the attributions and breakdown.
#[derive(Debug, Clone, Copy)]
pub struct Extras {
    pub keep_text: bool,
    pub sentences: bool,
}

/// A line that could not be analysed: its line number in the input (from 1), its `id` when
/// it has one, and what is wrong. With `--on-error skip` it is written as one JSON line.
#[derive(Debug, Serialize)]
pub struct LineError {
    pub line: usize,
    pub id: Value,
    pub error: String,
}

/// How many input lines each parallel batch holds, per worker.
pub const BATCH_PER_JOB: usize = 256;

/// The engine's panic message, when it has one.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "no message".to_string()
    }
}

/// Analyze one JSON Lines input line, its text at most `max_bytes` long; blank lines give
/// nothing.
pub fn analyze_line(
    line: &jsonl::Line,
    extras: Extras,
    max_bytes: u64,
) -> std::result::Result<Option<String>, LineError> {
    let fail = |id: Value, error: String| LineError {
        line: line.no,
        id,
        error,
    };
    let Some(mut fields) = line.parsed().map_err(|e| fail(Value::Null, e))? else {
        return Ok(None);
    };
    let id = fields.get("id").cloned().unwrap_or(Value::Null);
    let taken = if extras.keep_text {
        fields.get("text").cloned()
    } else {
        fields.shift_remove("text")
    };
    let text = match taken {
        Some(Value::String(s)) => s,
        Some(other) => {
            let shown = shorten(&other.to_string(), 60);
            return Err(fail(
                id,
                format!("key text: expected a string, found {shown}"),
            ));
        }
        None => {
            return Err(fail(
                id,
                "no text key (expected {\"id\", \"text\"})".to_string(),
            ))
        }
    };
    if text.len() as u64 > max_bytes {
        return Err(fail(
            id,
            format!(
                "text is {} bytes, over the limit of {max_bytes} bytes (see --max-bytes)",
                text.len()
            ),
        ));
    }
    // The engine's own fields replace input fields of the same name (a gold file's).
    for key in ["attributions", "breakdown", "sentences", "engine"] {
        fields.shift_remove(key);
    }
    if !fields.contains_key("id") {
        fields.shift_insert(0, "id".to_string(), Value::Null);
    }
    let found = std::panic::catch_unwind(|| extract::analyze(&text)).map_err(|p| {
        fail(
            id.clone(),
            format!("the engine failed: {}", panic_message(&*p)),
        )
    })?;
    let sentences = extras
        .sentences
        .then(|| found.sentences.iter().map(|s| (s.start, s.end)).collect());
    let result = Analysis::from_sentences(&found.sentences, found.attributions);
    let out = serde_json::to_string(&Line {
        fields: &fields,
        attributions: &result.attributions,
        breakdown: &result.breakdown,
        sentences,
        engine: ENGINE,
    })
    .map_err(|e| fail(id, format!("cannot write the result: {e}")))?;
    Ok(Some(out))
}

//! Scoring predicted attributions against a gold file: the algorithm of the project's shared
//! scorer (`tests/data/score.py`), reproduced so that both give the same numbers wherever the
//! scorer's greedy matching is already optimal.
//!
//! Attribution level: a prediction matches a gold attribution when their cues overlap, or
//! (gold with content) the prediction's content covers at least 30% of the gold content, or
//! (gold without content) their mentions overlap. Matching is one-to-one: an optimal
//! assignment ([`crate::matching`]), which is score.py's greedy one (gold taken by (optional,
//! first span start), each with the first unused prediction that matches) wherever greedy is
//! already optimal; predictions matching an optional gold item count neither way. Label accuracies are over matched non-optional pairs whose gold label is
//! present. Span level: exact-match F1 of the source, cue and content spans, each trimmed of
//! edge spaces and punctuation, and content of a leading complementizer "that".
//!
//! Gold and predictions are read loosely as JSON objects, so extra keys are fine. Gold may
//! name the source span `mention*` (gold-dev.jsonl) or `source_text`/`source_start`/
//! `source_end` (gum.jsonl); predictions use the `analyze` JSON contract.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::matching::{self, Reference, Sp, Spans};
use crate::model::Attribution;

/// Characters trimmed from both edges of every span.
const TRIM: &[char] = &[' ', '\t', '\n', '.', ',', ';', ':'];

/// Python's `[\w’']+` on a lowercased string: `\w` there is a letter, a number or `_`.
static WORDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}_’']+").expect("the word pattern is valid"));

/// Python's `[\w’'.-]+`, the tokens of a source for its head word.
static HEAD_TOKENS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}_’'.\-]+").expect("the head pattern is valid"));

/// A character Python's `str.isprintable` rejects (and `repr` escapes).
static UNPRINTABLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$")
        .expect("the printable pattern is valid")
});

/// One article of a gold file.
#[derive(Debug, Clone)]
pub struct GoldDoc {
    /// The article id (a non-string id is kept as its JSON text).
    pub id: String,
    /// The article text, for running the engine on it.
    pub text: String,
    /// The gold attributions, as read.
    pub attributions: Vec<Value>,
}

/// The figures of one evaluation, in score.py's key order. Absent figures (no gold label of
/// that kind) are `None` and left out of the JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strict_f1: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_acc: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity_acc: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_acc: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub form_acc: Option<f64>,
    pub source_exact_f1: f64,
    pub cue_exact_f1: f64,
    pub content_exact_f1: f64,
}

impl Scores {
    /// The figures as `(key, value)` pairs in score.py's order, absent ones left out.
    pub fn entries(&self) -> Vec<(&'static str, Figure)> {
        let mut out = vec![
            ("precision", Figure::Float(self.precision)),
            ("recall", Figure::Float(self.recall)),
            ("f1", Figure::Float(self.f1)),
            ("tp", Figure::Count(self.tp)),
            ("fp", Figure::Count(self.fp)),
            ("fn", Figure::Count(self.fn_)),
        ];
        let optional = [
            ("strict_f1", self.strict_f1),
            ("source_acc", self.source_acc),
            ("identity_acc", self.identity_acc),
            ("role_acc", self.role_acc),
            ("form_acc", self.form_acc),
        ];
        out.extend(
            optional
                .into_iter()
                .filter_map(|(k, v)| v.map(|v| (k, Figure::Float(v)))),
        );
        out.extend([
            ("source_exact_f1", Figure::Float(self.source_exact_f1)),
            ("cue_exact_f1", Figure::Float(self.cue_exact_f1)),
            ("content_exact_f1", Figure::Float(self.content_exact_f1)),
        ]);
        out
    }
}

/// One figure of [`Scores`]: a ratio or a count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Figure {
    Float(f64),
    Count(usize),
}

/// A gold attribution no prediction matched, or a prediction matching no gold attribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unmatched {
    /// The article id.
    pub doc: String,
    /// The mention (gold: mention, source_text or source; prediction: mention or source).
    pub mention: Option<String>,
    /// The cue as written.
    pub cue: Option<String>,
    /// The first 60 characters of the content ("" when absent).
    pub content: String,
}

/// A gold attribution that no prediction matched.
pub type Miss = Unmatched;
/// A prediction that matched no gold attribution.
pub type Extra = Unmatched;

impl Unmatched {
    /// Python's repr of the tuple `(doc, mention, cue, content)`, as score.py prints it.
    pub fn py_repr(&self) -> String {
        let opt = |s: &Option<String>| s.as_deref().map_or_else(|| "None".to_string(), py_repr);
        format!(
            "({}, {}, {}, {})",
            py_repr(&self.doc),
            opt(&self.mention),
            opt(&self.cue),
            py_repr(&self.content)
        )
    }
}

/// The largest gold or prediction file read (it is held in memory whole).
pub const MAX_JSONL_BYTES: u64 = 200_000_000;

/// A JSON Lines file as text, at most [`MAX_JSONL_BYTES`] long.
fn read_jsonl(path: &Path, what: &str) -> Result<String> {
    let name = path.display().to_string();
    let bytes = crate::ingest::text::read_bytes(path, MAX_JSONL_BYTES, what)?;
    crate::ingest::text::decode(&name, bytes)
}

/// Reads a gold JSONL file: one object per non-blank line with `id`, `text` and
/// `attributions`. Errors name the file and line.
pub fn load_gold(path: &Path) -> Result<Vec<GoldDoc>> {
    let text = read_jsonl(path, "the gold file")?;
    parse_gold(&text, &path.display().to_string())
}

/// Parses gold JSONL text; `name` is used in error messages.
pub fn parse_gold(text: &str, name: &str) -> Result<Vec<GoldDoc>> {
    let mut docs = Vec::new();
    for (n, obj) in jsonl_objects(text, name)? {
        let at = |what: &str| Error::msg(format!("{name}: line {n}: {what}"));
        let id = obj.get("id").ok_or_else(|| at("missing \"id\""))?;
        let id = id_key(id).ok_or_else(|| at("\"id\" should be a string or a number"))?;
        let text = match obj.get("text") {
            Some(Value::String(s)) => s.clone(),
            _ => return Err(at("missing \"text\" (a string)")),
        };
        let attributions = match obj.get("attributions") {
            Some(Value::Array(a)) => a.clone(),
            _ => return Err(at("missing \"attributions\" (an array)")),
        };
        if let Some(i) = attributions.iter().position(|a| !a.is_object()) {
            return Err(at(&format!("attribution {} is not an object", i + 1)));
        }
        docs.push(GoldDoc {
            id,
            text,
            attributions,
        });
    }
    Ok(docs)
}

/// Reads a prediction JSONL file (`{"id", "attributions", …}` per line, as `analyze --jsonl`
/// writes it) into attributions by article id. A later line with the same id wins.
pub fn load_preds(path: &Path) -> Result<HashMap<String, Vec<Value>>> {
    let text = read_jsonl(path, "the prediction file")?;
    parse_preds(&text, &path.display().to_string())
}

/// Parses prediction JSONL text; `name` is used in error messages.
pub fn parse_preds(text: &str, name: &str) -> Result<HashMap<String, Vec<Value>>> {
    let mut out = HashMap::new();
    for (n, obj) in jsonl_objects(text, name)? {
        let at = |what: &str| Error::msg(format!("{name}: line {n}: {what}"));
        let id = obj.get("id").ok_or_else(|| at("missing \"id\""))?;
        let id = id_key(id).ok_or_else(|| at("\"id\" should be a string or a number"))?;
        let attributions = match obj.get("attributions") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(a)) => a.clone(),
            Some(_) => return Err(at("\"attributions\" should be an array")),
        };
        out.insert(id, attributions);
    }
    Ok(out)
}

/// The engine's attributions in the JSON contract, ready for [`score`].
pub fn preds_of(attributions: &[Attribution]) -> Vec<Value> {
    attributions
        .iter()
        .map(|a| serde_json::to_value(a).unwrap_or(Value::Null))
        .collect()
}

/// Runs the engine on every gold article: its predictions by article id, for [`score`].
pub fn run_engine(gold: &[GoldDoc]) -> HashMap<String, Vec<Value>> {
    use rayon::prelude::*;
    gold.par_iter()
        .map(|doc| {
            (
                doc.id.clone(),
                preds_of(&crate::extract::extract(&doc.text)),
            )
        })
        .collect()
}

/// Scores the engine against gold articles: `whosaid eval` in one call.
pub fn evaluate(gold: &[GoldDoc]) -> (Scores, Vec<Miss>, Vec<Extra>) {
    score(gold, &run_engine(gold))
}

/// The objects of a JSON Lines text, read as every JSON Lines input is
/// ([`crate::ingest::jsonl`]).
fn jsonl_objects(text: &str, name: &str) -> Result<Vec<(usize, Map<String, Value>)>> {
    crate::ingest::jsonl::objects(name, text.as_bytes())
}

fn id_key(id: &Value) -> Option<String> {
    match id {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------
// The algorithm

#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Source,
    Cue,
    Content,
}

/// `d.get(key)` in Python: a missing key and `null` are both `None`.
fn get<'a>(d: &'a Value, key: &str) -> Option<&'a Value> {
    d.get(key).filter(|v| !v.is_null())
}

/// `d.get(key, d.get(fallback))`: the fallback only when the key is missing, not when null.
fn get_or<'a>(d: &'a Value, key: &str, fallback: &str) -> Option<&'a Value> {
    match d.get(key) {
        Some(v) => Some(v).filter(|v| !v.is_null()),
        None => get(d, fallback),
    }
}

fn get_str<'a>(d: &'a Value, key: &str) -> Option<&'a str> {
    get(d, key).and_then(Value::as_str)
}

/// Python truthiness of a JSON value.
fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|x| x != 0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

/// Python's `a or b or …`: the first truthy value, else the last.
fn py_or<'a>(vals: &[Option<&'a Value>]) -> Option<&'a Value> {
    vals.iter()
        .copied()
        .find(|v| truthy(*v))
        .or_else(|| vals.last().copied())
        .flatten()
}

/// A JSON value as display text for misses and extras.
fn display(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// Python `==` on two JSON values (numbers and booleans compare by value).
fn py_eq(a: Option<&Value>, b: Option<&Value>) -> bool {
    fn num(v: &Value) -> Option<f64> {
        match v {
            Value::Number(n) => n.as_f64(),
            Value::Bool(b) => Some(f64::from(u8::from(*b))),
            _ => None,
        }
    }
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => match (num(x), num(y)) {
            (Some(p), Some(q)) => p == q,
            _ => x == y,
        },
        _ => false,
    }
}

/// Python's `\s` in a str pattern (`str.isspace`).
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `\w` in a str pattern: a letter, a number or `_`.
fn py_word(c: char) -> bool {
    c == '_' || (c.is_alphanumeric() && WORDS.is_match(c.encode_utf8(&mut [0; 4])))
}

/// The length in characters of a leading complementizer `that\b[\s,]*` (any case), or 0.
fn complementizer(chars: &[char]) -> usize {
    if chars.len() < 4
        || !chars[..4]
            .iter()
            .zip("that".chars())
            .all(|(c, t)| c.to_ascii_lowercase() == t)
    {
        return 0;
    }
    if chars.get(4).is_some_and(|&c| py_word(c)) {
        return 0;
    }
    4 + chars[4..]
        .iter()
        .take_while(|&&c| py_space(c) || c == ',')
        .count()
}

/// The trimmed span of one part of an attribution, or `None` when absent or trimmed away.
fn span(d: &Value, part: Part) -> Option<Sp> {
    let (s, e, txt) = match part {
        Part::Source => (
            get_or(d, "mention_start", "source_start"),
            get_or(d, "mention_end", "source_end"),
            get_or(d, "mention", "source_text"),
        ),
        Part::Cue => (get(d, "cue_start"), get(d, "cue_end"), get(d, "cue")),
        Part::Content => (
            get(d, "content_start"),
            get(d, "content_end"),
            get(d, "content"),
        ),
    };
    let s = offset(s?)?;
    let e = offset(e?)?;
    let chars: Vec<char> = txt?.as_str()?.chars().collect();
    let mut lead = chars.iter().take_while(|c| TRIM.contains(c)).count();
    if part == Part::Content {
        lead += complementizer(&chars[lead..]);
    }
    let tail = chars.iter().rev().take_while(|c| TRIM.contains(c)).count();
    let (lead, tail) = (lead as f64, tail as f64);
    if lead + tail >= e - s {
        return None;
    }
    Some((s + lead, e - tail))
}

fn offset(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        _ => None,
    }
}

/// The trimmed spans of an attribution read as JSON (gold or prediction), for
/// [`crate::matching`].
pub fn spans(d: &Value) -> Spans {
    Spans {
        mention: span(d, Part::Source),
        cue: span(d, Part::Cue),
        content: span(d, Part::Content),
    }
}

/// A gold attribution read as JSON as a matching reference: its spans and `optional` flag.
pub fn reference(g: &Value) -> Reference {
    Reference {
        spans: spans(g),
        optional: truthy(get(g, "optional")),
    }
}

/// Whether prediction `p` matches gold `g` (both as JSON): their cues overlap, or (gold with
/// content) the prediction's content covers at least 30% of the gold content, or (gold without
/// content) their mentions overlap; spans trimmed as score.py trims them.
pub fn matches(p: &Value, g: &Value) -> bool {
    matching::matches(&spans(p), &spans(g))
}

fn words(s: Option<&str>) -> HashSet<String> {
    let lower = s.unwrap_or("").to_lowercase();
    WORDS
        .find_iter(&lower)
        .map(|m| m.as_str().to_string())
        .collect()
}

/// The head word of a source: its last token before "in", "of", "at", … (lowercased).
fn head_of(source: Option<&str>) -> Option<String> {
    let mut ws: Vec<&str> = HEAD_TOKENS
        .find_iter(source.unwrap_or(""))
        .map(|m| m.as_str())
        .collect();
    for stop in ["in", "of", "at", "for", "from", "with", "familiar", "who"] {
        if ws.len() > 1 && ws[1..].contains(&stop) {
            // Python's list.index: the first occurrence, even at position 0.
            let at = ws.iter().position(|w| *w == stop).unwrap_or(ws.len());
            ws.truncate(at);
            break;
        }
    }
    ws.last().map(|w| w.to_lowercase())
}

/// Precision, recall and F1 from true positives and the prediction and gold counts (0 when
/// undefined, as score.py gives).
pub fn prf(tp: usize, npred: usize, ngold: usize) -> (f64, f64, f64) {
    let p = if npred > 0 {
        tp as f64 / npred as f64
    } else {
        0.0
    };
    let r = if ngold > 0 {
        tp as f64 / ngold as f64
    } else {
        0.0
    };
    let f = if p + r != 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn span_key(s: Sp) -> (u64, u64) {
    // + 0.0 folds -0.0 into 0.0, as Python's equality would.
    ((s.0 + 0.0).to_bits(), (s.1 + 0.0).to_bits())
}

fn content_prefix(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.chars().take(60).collect(),
        _ => String::new(),
    }
}

/// The one-to-one matching of one article's predictions to its gold attributions (both as
/// JSON), by [`matching::align`]: the optimal assignment, which is score.py's greedy one
/// wherever greedy is already optimal. Labels (identity, role, form and the source's head
/// word) break the last ties. Returns every gold index in score.py's order (non-optional
/// first, then by first span start) with its prediction's index, if any; predictions left
/// out are the extras.
pub fn align(preds: &[Value], gold: &[Value]) -> Vec<(usize, Option<usize>)> {
    let pred_spans: Vec<Spans> = preds.iter().map(spans).collect();
    let refs: Vec<Reference> = gold.iter().map(reference).collect();
    align_spans(preds, gold, &pred_spans, &refs)
}

fn align_spans(
    preds: &[Value],
    gold: &[Value],
    pred_spans: &[Spans],
    refs: &[Reference],
) -> Vec<(usize, Option<usize>)> {
    matching::align(pred_spans, refs, |p, g| {
        let (p, g) = (&preds[p], &gold[g]);
        let labels = ["identity", "role", "form"]
            .iter()
            .filter(|k| get(g, k).is_some() && py_eq(get(p, k), get(g, k)))
            .count();
        labels as u32 + u32::from(source_ok(p, g) == Some(true))
    })
}

/// The scorer's greedy matching, for comparison with [`align`]: the same shape of result.
pub fn align_greedy(preds: &[Value], gold: &[Value]) -> Vec<(usize, Option<usize>)> {
    let pred_spans: Vec<Spans> = preds.iter().map(spans).collect();
    let refs: Vec<Reference> = gold.iter().map(reference).collect();
    let hit = matching::greedy(&pred_spans, &refs);
    matching::gold_order(&refs)
        .into_iter()
        .map(|g| (g, hit[g]))
        .collect()
}

/// Whether the source of prediction `p` is gold `g`'s: the gold head word (its `head`, else
/// the last word of its source before "in", "of", …) is a word of the prediction's source or
/// mention. `None` when the gold has no head word.
fn source_ok(p: &Value, g: &Value) -> Option<bool> {
    let head = match get(g, "head") {
        Some(h) if truthy(Some(h)) => Some(h.clone()),
        _ => head_of(py_or(&[get(g, "source"), get(g, "source_text")]).and_then(Value::as_str))
            .map(Value::String),
    }?;
    Some(match head.as_str() {
        Some(h) => {
            words(get_str(p, "source")).contains(h) || words(get_str(p, "mention")).contains(h)
        }
        None => false,
    })
}

/// Scores predictions (by article id, in the `analyze` JSON contract) against gold articles.
/// Returns the figures, the missed gold attributions and the extra predictions, in order.
/// Predictions for ids not in the gold are ignored.
pub fn score(
    gold: &[GoldDoc],
    preds: &HashMap<String, Vec<Value>>,
) -> (Scores, Vec<Miss>, Vec<Extra>) {
    let (mut tp, mut fp, mut fn_, mut strict) = (0usize, 0usize, 0usize, 0usize);
    // ok, n for source, identity, role, form
    let mut lab = [(0usize, 0usize); 4];
    const LABELS: [&str; 3] = ["identity", "role", "form"];
    // tp, npred, ngold for source, cue, content
    let mut spans = [(0usize, 0usize, 0usize); 3];
    let parts = [Part::Source, Part::Cue, Part::Content];
    let (mut misses, mut extras) = (Vec::new(), Vec::new());
    let empty: Vec<Value> = Vec::new();
    for doc in gold {
        let preds = preds.get(&doc.id).unwrap_or(&empty);
        let mut used = vec![false; preds.len()];
        for (gi, hit) in align(preds, &doc.attributions) {
            let g = &doc.attributions[gi];
            let optional = truthy(get(g, "optional"));
            let Some(hit) = hit else {
                if !optional {
                    fn_ += 1;
                    misses.push(Unmatched {
                        doc: doc.id.clone(),
                        mention: display(py_or(&[
                            get(g, "mention"),
                            get(g, "source_text"),
                            get(g, "source"),
                        ])),
                        cue: display(get(g, "cue")),
                        content: content_prefix(py_or(&[get(g, "content")])),
                    });
                }
                continue;
            };
            used[hit] = true;
            if optional {
                continue;
            }
            let p = &preds[hit];
            tp += 1;
            let s_ok = source_ok(p, g);
            if let Some(ok) = s_ok {
                lab[0].0 += usize::from(ok);
                lab[0].1 += 1;
            }
            let s_ok = s_ok == Some(true);
            for (i, k) in LABELS.iter().enumerate() {
                if let Some(gv) = get(g, k) {
                    lab[i + 1].0 += usize::from(py_eq(get(p, k), Some(gv)));
                    lab[i + 1].1 += 1;
                }
            }
            if let Some(gi) = get(g, "identity") {
                strict += usize::from(s_ok && py_eq(get(p, "identity"), Some(gi)));
            }
        }
        for (i, p) in preds.iter().enumerate() {
            if !used[i] {
                fp += 1;
                extras.push(Unmatched {
                    doc: doc.id.clone(),
                    mention: display(py_or(&[get(p, "mention"), get(p, "source")])),
                    cue: display(get(p, "cue")),
                    content: content_prefix(py_or(&[get(p, "content")])),
                });
            }
        }
        for (r, &part) in parts.iter().enumerate() {
            let gs: HashSet<(u64, u64)> = doc
                .attributions
                .iter()
                .filter(|g| !truthy(get(g, "optional")))
                .filter_map(|g| span(g, part))
                .map(span_key)
                .collect();
            let ps: HashSet<(u64, u64)> = preds
                .iter()
                .filter_map(|p| span(p, part))
                .map(span_key)
                .collect();
            spans[r].0 += gs.intersection(&ps).count();
            spans[r].1 += ps.len();
            spans[r].2 += gs.len();
        }
    }
    let (precision, recall, f1) = prf(tp, tp + fp, tp + fn_);
    let acc = |(ok, n): (usize, usize)| (n > 0).then(|| ok as f64 / n as f64);
    let exact = |(t, np, ng): (usize, usize, usize)| prf(t, np, ng).2;
    let scores = Scores {
        precision,
        recall,
        f1,
        tp,
        fp,
        fn_,
        strict_f1: (lab[1].1 > 0).then(|| prf(strict, tp + fp, tp + fn_).2),
        source_acc: acc(lab[0]),
        identity_acc: acc(lab[1]),
        role_acc: acc(lab[2]),
        form_acc: acc(lab[3]),
        source_exact_f1: exact(spans[0]),
        cue_exact_f1: exact(spans[1]),
        content_exact_f1: exact(spans[2]),
    };
    (scores, misses, extras)
}

/// Prints the scores as score.py does: with `verbose`, first a `MISS  (…)` line per miss and
/// an `EXTRA (…)` line per extra, then one line of `key=value` (ratios with 3 decimals).
pub fn print_scores(
    scores: &Scores,
    misses: &[Miss],
    extras: &[Extra],
    verbose: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    if verbose {
        for m in misses {
            writeln!(out, "MISS  {}", m.py_repr())?;
        }
        for e in extras {
            writeln!(out, "EXTRA {}", e.py_repr())?;
        }
    }
    writeln!(out, "{}", format_scores(scores))
}

/// The one-line `key=value` form of the scores.
pub fn format_scores(scores: &Scores) -> String {
    scores
        .entries()
        .into_iter()
        .map(|(k, v)| match v {
            Figure::Float(x) => format!("{k}={x:.3}"),
            Figure::Count(n) => format!("{k}={n}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Python's `repr` of a string.
fn py_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if (c as u32) < 0x7f => out.push(c),
            c if UNPRINTABLE.is_match(c.encode_utf8(&mut [0; 4])) => {
                let n = c as u32;
                if n <= 0xff {
                    out.push_str(&format!("\\x{n:02x}"));
                } else if n <= 0xffff {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc(id: &str, attributions: Vec<Value>) -> GoldDoc {
        GoldDoc {
            id: id.into(),
            text: String::new(),
            attributions,
        }
    }

    fn preds(id: &str, attributions: Vec<Value>) -> HashMap<String, Vec<Value>> {
        HashMap::from([(id.to_string(), attributions)])
    }

    /// An attribution with cue and content spans (mention spans optional via `extra`).
    fn attr(cue: (i64, i64), content: (i64, i64)) -> Value {
        json!({
            "cue": "c".repeat((cue.1 - cue.0) as usize), "cue_start": cue.0, "cue_end": cue.1,
            "content": "x".repeat((content.1 - content.0) as usize),
            "content_start": content.0, "content_end": content.1,
        })
    }

    fn with(mut v: Value, extra: Value) -> Value {
        if let (Some(o), Value::Object(e)) = (v.as_object_mut(), extra) {
            o.extend(e);
        }
        v
    }

    #[test]
    fn spans_are_trimmed_of_edge_punctuation() {
        let d = json!({"cue": " said,", "cue_start": 10, "cue_end": 16});
        assert_eq!(span(&d, Part::Cue), Some((11.0, 15.0)));
        let d = json!({"content": "it rained.\n", "content_start": 0, "content_end": 11});
        assert_eq!(span(&d, Part::Content), Some((0.0, 9.0)));
        // nothing left
        let d = json!({"cue": ", .", "cue_start": 0, "cue_end": 3});
        assert_eq!(span(&d, Part::Cue), None);
        // absent parts
        assert_eq!(
            span(&json!({"cue": "said", "cue_start": 3}), Part::Cue),
            None
        );
    }

    #[test]
    fn a_leading_that_is_dropped_from_content_only() {
        let d = json!({"content": "that, he said, it rained", "content_start": 100, "content_end": 124});
        assert_eq!(span(&d, Part::Content), Some((106.0, 124.0)));
        let d = json!({"content": " That it rained", "content_start": 0, "content_end": 15});
        assert_eq!(span(&d, Part::Content), Some((6.0, 15.0)));
        // a word that starts with "that" keeps it
        let d = json!({"content": "Thatcher won", "content_start": 0, "content_end": 12});
        assert_eq!(span(&d, Part::Content), Some((0.0, 12.0)));
        // "that" alone is nothing
        let d = json!({"content": "that", "content_start": 0, "content_end": 4});
        assert_eq!(span(&d, Part::Content), None);
        // not on cues
        let d = json!({"cue": "that is", "cue_start": 0, "cue_end": 7});
        assert_eq!(span(&d, Part::Cue), Some((0.0, 7.0)));
    }

    #[test]
    fn source_spans_read_mention_or_source_text() {
        let gum = json!({"source_text": "Bos", "source_start": 5, "source_end": 8});
        assert_eq!(span(&gum, Part::Source), Some((5.0, 8.0)));
        let ours =
            json!({"mention": "Bos", "mention_start": 1, "mention_end": 4, "source_start": 5});
        assert_eq!(span(&ours, Part::Source), Some((1.0, 4.0)));
        // a null mention_start does not fall back to source_start (as in score.py)
        let null = json!({"mention_start": null, "mention_end": null, "mention": null,
                          "source_text": "Bos", "source_start": 5, "source_end": 8});
        assert_eq!(span(&null, Part::Source), None);
    }

    #[test]
    fn matching_by_cue_content_or_mention() {
        let g = attr((10, 14), (15, 35)); // content of 20 characters
                                          // cue overlap alone
        assert!(matches(&attr((13, 20), (100, 110)), &g));
        // no cue overlap, content covers 6 of 20 = 30%
        assert!(matches(&attr((0, 4), (29, 40)), &g));
        // 5 of 20 is too little
        assert!(!matches(&attr((0, 4), (30, 40)), &g));
        // gold with content: mentions do not count
        let m = json!({"mention": "Jane", "mention_start": 0, "mention_end": 4});
        assert!(!matches(
            &with(attr((50, 54), (60, 70)), m.clone()),
            &with(g, m.clone())
        ));
        // gold without content: mention overlap
        let g = with(
            json!({"cue": "said", "cue_start": 10, "cue_end": 14}),
            m.clone(),
        );
        assert!(matches(&with(attr((50, 54), (60, 70)), m), &g));
        let other = json!({"mention": "Doe", "mention_start": 5, "mention_end": 8});
        assert!(!matches(&with(attr((50, 54), (60, 70)), other), &g));
    }

    #[test]
    fn one_to_one_in_gold_order() {
        // two gold items whose contents the one prediction covers; gold is listed out of
        // text order, and the earlier one (by cue start) takes the prediction
        let g1 = with(attr((40, 44), (45, 65)), json!({"identity": "named"}));
        let g2 = with(attr((10, 14), (15, 35)), json!({"identity": "anonymous"}));
        let p = with(
            attr((0, 2), (15, 65)),
            json!({"identity": "anonymous", "source": "x"}),
        );
        let (s, misses, extras) = score(&[doc("a", vec![g1, g2])], &preds("a", vec![p]));
        assert_eq!((s.tp, s.fp, s.fn_), (1, 0, 1));
        assert_eq!(s.identity_acc, Some(1.0)); // matched to g2
        assert_eq!(misses.len(), 1);
        assert!(extras.is_empty());
        assert_eq!((s.precision, s.recall), (1.0, 0.5));
        assert!((s.f1 - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn optional_gold_counts_neither_way() {
        let opt = with(attr((10, 14), (15, 35)), json!({"optional": true}));
        let opt_missed = with(attr((60, 64), (65, 85)), json!({"optional": true}));
        let real = attr((40, 44), (45, 55));
        let gold = [doc("a", vec![real, opt, opt_missed])];
        let p = vec![attr((10, 14), (15, 35)), attr((40, 44), (45, 55))];
        let (s, misses, extras) = score(&gold, &preds("a", p));
        assert_eq!((s.tp, s.fp, s.fn_), (1, 0, 0));
        assert!(misses.is_empty() && extras.is_empty());
        // optional items are left out of span scores too: one exact cue of two predicted
        assert!((s.cue_exact_f1 - prf(1, 2, 1).2).abs() < 1e-12);
    }

    #[test]
    fn optional_gold_is_matched_after_required_ones() {
        // the optional item comes first in the text but is matched last
        let opt = with(attr((10, 14), (15, 35)), json!({"optional": true}));
        let real = attr((12, 16), (40, 50));
        let p = vec![attr((12, 14), (15, 35))]; // overlaps both cues
        let (s, _, _) = score(&[doc("a", vec![opt, real])], &preds("a", p));
        assert_eq!((s.tp, s.fp, s.fn_), (1, 0, 0));
    }

    #[test]
    fn labels_and_source_accuracy() {
        let g = with(
            attr((10, 14), (15, 35)),
            json!({"source": "officials in Washington", "identity": "anonymous",
                   "role": "official", "form": "paraphrase"}),
        );
        let g2 = with(
            attr((40, 44), (45, 65)),
            json!({"head": "sheinbaum", "role": "official"}),
        );
        let p = with(
            attr((10, 14), (15, 35)),
            json!({"source": "U.S. Officials", "identity": "anonymous", "role": "official",
                   "form": "direct_quote"}),
        );
        let p2 = with(
            attr((40, 44), (45, 65)),
            json!({"source": "she", "mention": "Claudia Sheinbaum's", "role": "expert"}),
        );
        let (s, _, _) = score(&[doc("a", vec![g, g2])], &preds("a", vec![p, p2]));
        // "officials" found in "U.S. Officials"; the head "sheinbaum" is not a word of
        // "claudia sheinbaum's" (the apostrophe belongs to the word)
        assert_eq!(s.source_acc, Some(0.5));
        assert_eq!(s.identity_acc, Some(1.0));
        assert_eq!(s.role_acc, Some(0.5));
        assert_eq!(s.form_acc, Some(0.0));
        assert!((s.strict_f1.unwrap_or(-1.0) - prf(1, 2, 2).2).abs() < 1e-12);
    }

    #[test]
    fn absent_labels_leave_their_figures_out() {
        let (s, _, _) = score(
            &[doc("a", vec![attr((0, 4), (5, 9))])],
            &preds("a", vec![attr((0, 4), (5, 9))]),
        );
        assert_eq!(
            (
                s.strict_f1,
                s.source_acc,
                s.identity_acc,
                s.role_acc,
                s.form_acc
            ),
            (None, None, None, None, None)
        );
        assert_eq!(
            format_scores(&s),
            "precision=1.000 recall=1.000 f1=1.000 tp=1 fp=0 fn=0 source_exact_f1=0.000 \
             cue_exact_f1=1.000 content_exact_f1=1.000"
        );
        let json = serde_json::to_value(&s).unwrap_or_default();
        assert_eq!(json.get("fn"), Some(&json!(0)));
        assert!(json.get("role_acc").is_none());
    }

    #[test]
    fn head_words() {
        let h = |s: &str| head_of(Some(s));
        // score.py tries the stop words in order, so "with" cuts before "familiar" does
        assert_eq!(
            h("people familiar with the matter").as_deref(),
            Some("familiar")
        );
        assert_eq!(h("people familiar").as_deref(), Some("people"));
        assert_eq!(h("the head of the agency").as_deref(), Some("head"));
        assert_eq!(h("Claudia Sheinbaum").as_deref(), Some("sheinbaum"));
        assert_eq!(
            h("U.S. officials in Washington").as_deref(),
            Some("officials")
        );
        // the first "in" is at the start: nothing is left
        assert_eq!(h("in talks in Paris"), None);
        assert_eq!(h(""), None);
        assert_eq!(head_of(None), None);
    }

    #[test]
    fn misses_and_extras_print_like_python_tuples() {
        let g = with(
            attr((10, 14), (15, 35)),
            json!({"mention": "O'Brien", "cue": "said"}),
        );
        let p = with(
            attr((50, 54), (60, 70)),
            json!({"source": "Jane \"JD\" Doe", "content": null}),
        );
        let (s, misses, extras) = score(&[doc("a\\b", vec![g])], &preds("a\\b", vec![p]));
        let mut out = Vec::new();
        print_scores(&s, &misses, &extras, true, &mut out).ok();
        let out = String::from_utf8(out).unwrap_or_default();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            "MISS  ('a\\\\b', \"O'Brien\", 'said', 'xxxxxxxxxxxxxxxxxxxx')"
        );
        assert_eq!(lines[1], "EXTRA ('a\\\\b', 'Jane \"JD\" Doe', 'cccc', '')");
        assert!(lines[2].starts_with("precision=0.000 recall=0.000 f1=0.000 tp=0 fp=1 fn=1"));
        assert_eq!(py_repr("it's \"x\"\u{a0}\n"), "'it\\'s \"x\"\\xa0\\n'");
    }

    #[test]
    fn predictions_for_unknown_articles_are_ignored() {
        let (s, _, extras) = score(&[doc("a", vec![])], &preds("b", vec![attr((0, 4), (5, 9))]));
        assert_eq!((s.tp, s.fp, s.fn_), (0, 0, 0));
        assert!(extras.is_empty());
    }

    #[test]
    fn load_errors_name_the_file_and_line() {
        let err = |r: Result<Vec<GoldDoc>>| r.err().map(|e| e.to_string()).unwrap_or_default();
        let e = err(parse_gold(
            "\n{\"id\": \"a\", \"text\": \"\", \"attributions\": []}\n{oops\n",
            "g.jsonl",
        ));
        assert!(e.starts_with("g.jsonl: line 3: invalid JSON"), "{e}");
        let e = err(parse_gold(
            "{\"id\": \"a\", \"attributions\": []}",
            "g.jsonl",
        ));
        assert_eq!(e, "g.jsonl: line 1: missing \"text\" (a string)");
        let e = err(parse_gold("[1]", "g.jsonl"));
        assert_eq!(e, "g.jsonl: line 1: expected a JSON object");
        let p = parse_preds(
            "{\"id\": 7, \"attributions\": null}\n{\"id\": \"x\"}",
            "p.jsonl",
        );
        assert_eq!(p.map(|m| m.len()).ok(), Some(2));
        let e = parse_preds("{\"attributions\": []}", "p.jsonl")
            .err()
            .map(|e| e.to_string());
        assert_eq!(e.as_deref(), Some("p.jsonl: line 1: missing \"id\""));
    }

    #[test]
    fn engine_attributions_convert_to_the_contract() {
        use crate::model::Span;
        let a = Attribution {
            mention: Some(Span {
                start: 0,
                end: 8,
                text: "Jane Doe".into(),
            }),
            cue: Some(Span {
                start: 9,
                end: 13,
                text: "said".into(),
            }),
            rule: "r".into(),
            ..Attribution::of("Jane Doe")
        };
        let p = preds_of(&[a]);
        assert_eq!(span(&p[0], Part::Cue), Some((9.0, 13.0)));
        assert_eq!(get_str(&p[0], "identity"), Some("named"));
    }
}

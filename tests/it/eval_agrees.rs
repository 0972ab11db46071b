//! The Rust scorer agrees with the shared scorer (`tests/data/score.py`) on the gold files of
//! `tests/data/`, for predictions made from the gold with perturbations (drops, shifted
//! offsets, changed labels, extras), on every article where the scorer's greedy matching is
//! already optimal; on the others it matches at least as many gold items. Needs `python3`:
//! runs with `WHOSAID_FULL_TESTS=1`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{data, needs, split_last, Rng, Tool};
use serde_json::{json, Map, Value};
use whosaid::eval::{align, align_greedy, load_gold, print_scores, score, GoldDoc};

fn slice(text: &[char], s: i64, e: i64) -> Value {
    let n = text.len() as i64;
    let (s, e) = (s.clamp(0, n), e.clamp(0, n));
    if s >= e {
        return Value::String(String::new());
    }
    Value::String(text[s as usize..e as usize].iter().collect())
}

/// A gold attribution in the prediction contract.
fn as_pred(g: &Value) -> Map<String, Value> {
    let field = |a: &str, b: &str| {
        g.get(a)
            .or_else(|| g.get(b))
            .cloned()
            .unwrap_or(Value::Null)
    };
    let mut p = Map::new();
    let source = g
        .get("source")
        .or_else(|| g.get("source_text"))
        .cloned()
        .unwrap_or(Value::Null);
    p.insert("source".into(), source);
    p.insert("mention".into(), field("mention", "source_text"));
    p.insert(
        "mention_start".into(),
        field("mention_start", "source_start"),
    );
    p.insert("mention_end".into(), field("mention_end", "source_end"));
    for k in [
        "cue",
        "cue_start",
        "cue_end",
        "content",
        "content_start",
        "content_end",
    ] {
        p.insert(k.into(), g.get(k).cloned().unwrap_or(Value::Null));
    }
    for k in ["identity", "role", "form"] {
        p.insert(k.into(), g.get(k).cloned().unwrap_or(json!("named")));
    }
    p
}

/// Moves one part's span by `by` characters, its text re-read from the article.
fn shift(p: &mut Map<String, Value>, text: &[char], part: &str, ds: i64, de: i64) {
    let (sk, ek) = (format!("{part}_start"), format!("{part}_end"));
    let (Some(s), Some(e)) = (
        p.get(&sk).and_then(Value::as_i64),
        p.get(&ek).and_then(Value::as_i64),
    ) else {
        return;
    };
    let (s, e) = ((s + ds).max(0), (e + de).max(0));
    p.insert(sk, json!(s));
    p.insert(ek, json!(e));
    p.insert(part.into(), slice(text, s, e));
}

fn perturb(doc: &GoldDoc, rng: &mut Rng, level: u64) -> Vec<Value> {
    let text: Vec<char> = doc.text.chars().collect();
    let mut out = Vec::new();
    for g in &doc.attributions {
        if rng.chance(level * 2 / 3) {
            continue; // dropped
        }
        let mut p = as_pred(g);
        if rng.chance(level) {
            let part = ["mention", "cue", "content"][rng.below(3) as usize];
            let ds = rng.below(7) as i64 - 3;
            let de = rng.below(7) as i64 - 3;
            shift(&mut p, &text, part, ds, de);
        }
        if rng.chance(level / 2) {
            // lose the cue: matching then rests on content or mention
            for k in ["cue", "cue_start", "cue_end"] {
                p.insert(k.into(), Value::Null);
            }
        }
        if rng.chance(level / 2) {
            // keep only part of the content, around the 30% threshold
            if let (Some(s), Some(e)) = (
                p.get("content_start").and_then(Value::as_i64),
                p.get("content_end").and_then(Value::as_i64),
            ) {
                let keep = (e - s) * (20 + rng.below(20) as i64) / 100;
                p.insert("content_end".into(), json!(s + keep));
                p.insert("content".into(), slice(&text, s, s + keep));
            }
        }
        if rng.chance(level / 3) {
            let words = ["that ", "That, ", " ", ". ", "that"];
            if let (Some(Value::String(c)), Some(s)) = (
                p.get("content").cloned(),
                p.get("content_start").and_then(Value::as_i64),
            ) {
                let w = words[rng.below(words.len() as u64) as usize];
                p.insert("content".into(), json!(format!("{w}{c}")));
                p.insert("content_start".into(), json!(s - w.chars().count() as i64));
            }
        }
        if rng.chance(level / 2) {
            p.insert(
                "identity".into(),
                json!(["named", "anonymous", "unspecified"][rng.below(3) as usize]),
            );
        }
        if rng.chance(level / 2) {
            let roles = [
                "official",
                "media",
                "expert",
                "organization",
                "public",
                "unknown",
            ];
            p.insert("role".into(), json!(roles[rng.below(6) as usize]));
        }
        if rng.chance(level / 2) {
            p.insert(
                "form".into(),
                json!(["direct_quote", "paraphrase", "document"][rng.below(3) as usize]),
            );
        }
        if rng.chance(level / 2) {
            p.insert(
                "source".into(),
                json!(["officials", "she", "the company", "", "Reuters"][rng.below(5) as usize]),
            );
            if rng.chance(50) {
                p.insert("mention".into(), Value::Null);
            }
        }
        out.push(Value::Object(p));
    }
    // extras: random spans of the text, some landing on gold items
    let n = text.len() as u64;
    for _ in 0..rng.below(level / 10 + 2) {
        let s = rng.below(n) as i64;
        let mut p = Map::new();
        p.insert("source".into(), json!("someone"));
        let mention_at = s.saturating_sub(20);
        p.insert("mention".into(), slice(&text, mention_at, mention_at + 8));
        p.insert("mention_start".into(), json!(mention_at));
        p.insert("mention_end".into(), json!(mention_at + 8));
        p.insert("cue".into(), slice(&text, s, s + 4));
        p.insert("cue_start".into(), json!(s));
        p.insert("cue_end".into(), json!(s + 4));
        p.insert("content".into(), slice(&text, s + 5, s + 60));
        p.insert("content_start".into(), json!(s + 5));
        p.insert("content_end".into(), json!(s + 60));
        p.insert("identity".into(), json!("named"));
        p.insert("role".into(), json!("unknown"));
        p.insert("form".into(), json!("paraphrase"));
        out.push(Value::Object(p));
    }
    // shuffle so that greedy order matters
    for i in (1..out.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        out.swap(i, j);
    }
    out
}

fn run_python(gold: &Path, pred: &Path, flags: &[&str]) -> String {
    let out = Command::new("python3")
        .arg(data("score.py"))
        .arg(gold)
        .arg(pred)
        .args(flags)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "score.py failed on {}: {}",
        pred.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("score.py prints UTF-8")
}

/// Writes `docs` as a gold file and `preds` (for those docs) as a prediction file in `dir`.
fn write_pair(
    dir: &Path,
    name: &str,
    docs: &[&GoldDoc],
    preds: &HashMap<String, Vec<Value>>,
) -> (PathBuf, PathBuf) {
    let (mut gold, mut pred) = (String::new(), String::new());
    for doc in docs {
        gold.push_str(
            &json!({"id": doc.id, "text": doc.text, "attributions": doc.attributions}).to_string(),
        );
        gold.push('\n');
        if let Some(p) = preds.get(&doc.id) {
            pred.push_str(&json!({"id": doc.id, "attributions": p}).to_string());
            pred.push('\n');
        }
    }
    let gold_path = dir.join(format!("{name}-gold.jsonl"));
    let pred_path = dir.join(format!("{name}-pred.jsonl"));
    std::fs::write(&gold_path, gold).expect("write gold");
    std::fs::write(&pred_path, pred).expect("write predictions");
    (gold_path, pred_path)
}

/// score.py's figures as JSON and its MISS/EXTRA lines.
fn python_scores(gold: &Path, pred: &Path) -> (Map<String, Value>, String) {
    // one run: with -v and --json, score.py prints the MISS/EXTRA lines, then JSON
    let out = run_python(gold, pred, &["-v", "--json"]);
    let (lines, last) = split_last(&out);
    let theirs: Value = serde_json::from_str(last).expect("score.py prints JSON");
    (theirs.as_object().unwrap().clone(), lines.to_string())
}

/// Where score.py's greedy matching is optimal (the matching of `eval` is the same on the
/// article), both give the same figures and lines; elsewhere `eval` matches at least as many
/// gold items (and, as many, leaves no more predictions unmatched).
fn check(name: &str, preds: HashMap<String, Vec<Value>>, docs: &[GoldDoc]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let empty = Vec::new();
    let (same, differ): (Vec<&GoldDoc>, Vec<&GoldDoc>) = docs.iter().partition(|d| {
        let p = preds.get(&d.id).unwrap_or(&empty);
        align(p, &d.attributions) == align_greedy(p, &d.attributions)
    });

    let owned = |list: &[&GoldDoc]| list.iter().map(|d| (*d).clone()).collect::<Vec<_>>();
    let (gold_path, pred_path) = write_pair(dir.path(), name, &same, &preds);
    let (scores, misses, extras) = score(&owned(&same), &preds);
    let ours = serde_json::to_value(&scores).expect("scores serialize");
    let (theirs, their_lines) = python_scores(&gold_path, &pred_path);
    let ours = ours.as_object().unwrap();
    let keys = |m: &Map<String, Value>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        keys(ours),
        keys(&theirs),
        "{name}: the same figures, in the same order"
    );
    for (k, v) in &theirs {
        let (a, b) = (ours[k].as_f64().unwrap(), v.as_f64().unwrap());
        assert!(
            (a - b).abs() < 1e-9,
            "{name}: {k}: rust {a} vs score.py {b}"
        );
    }

    // the same MISS / EXTRA lines, and (once per file) the same key=value line
    let mut buf = Vec::new();
    print_scores(&scores, &misses, &extras, true, &mut buf).expect("print");
    let ours = String::from_utf8(buf).expect("utf-8");
    assert_eq!(
        split_last(&ours).0,
        their_lines,
        "{name}: MISS/EXTRA lines differ"
    );
    if name.ends_with("-perturbed-30") {
        let theirs = run_python(&gold_path, &pred_path, &["-v"]);
        assert_eq!(ours, theirs, "{name}: verbose output differs");
    }

    // Where greedy is not optimal: at least as many matches, from the same items.
    let mut better = 0;
    if !differ.is_empty() {
        let (gold_path, pred_path) =
            write_pair(dir.path(), &format!("{name}-differ"), &differ, &preds);
        let (s, _, _) = score(&owned(&differ), &preds);
        let (theirs, _) = python_scores(&gold_path, &pred_path);
        let n = |k: &str| theirs[k].as_u64().unwrap() as usize;
        // more gold items matched, or as many and at least as many predictions taken by
        // optional items (which count neither way)
        assert!(
            s.tp > n("tp") || (s.tp == n("tp") && s.fp <= n("fp")),
            "{name}: a worse matching than greedy: {s:?} vs {theirs:?}"
        );
        assert_eq!(s.tp + s.fn_, n("tp") + n("fn"), "{name}: gold items");
        better = s.tp - n("tp");
    }
    eprintln!(
        "{name}: agree on {} of {} articles ({} misses, {} extras): {}; greedy not optimal on {} \
         ({better} more matches)",
        same.len(),
        docs.len(),
        misses.len(),
        extras.len(),
        ours.lines().last().unwrap_or(""),
        differ.len(),
    );
}

fn agree_on(name: &str, tag: &str, seed: u64) {
    if needs(Tool::Python3).is_none() {
        return;
    }
    let gold_path = data(name);
    let docs = load_gold(&gold_path).expect("gold loads");
    assert!(
        !docs.is_empty(),
        "{} holds no articles",
        gold_path.display()
    );

    // the gold itself, as predictions
    let exact: HashMap<_, _> = docs
        .iter()
        .map(|d| {
            (
                d.id.clone(),
                d.attributions
                    .iter()
                    .map(|g| Value::Object(as_pred(g)))
                    .collect(),
            )
        })
        .collect();
    // the gold scored against itself is perfect: every item paired with itself
    let (s, misses, extras) = score(&docs, &exact);
    assert!(
        misses.is_empty() && extras.is_empty(),
        "{tag}: {misses:?} {extras:?}"
    );
    assert_eq!((s.precision, s.recall), (1.0, 1.0), "{tag}");
    for acc in [s.identity_acc, s.role_acc, s.form_acc]
        .into_iter()
        .flatten()
    {
        assert_eq!(acc, 1.0, "{tag}: {s:?}");
    }
    check(&format!("{tag}-exact"), exact, &docs);

    // nothing predicted, some articles absent
    let none: HashMap<_, _> = docs
        .iter()
        .step_by(2)
        .map(|d| (d.id.clone(), Vec::new()))
        .collect();
    check(&format!("{tag}-none"), none, &docs);

    // perturbed, from light to heavy
    let mut rng = Rng(seed);
    for level in [10, 30, 60, 90] {
        let preds: HashMap<_, _> = docs
            .iter()
            .map(|d| (d.id.clone(), perturb(d, &mut rng, level)))
            .collect();
        check(&format!("{tag}-perturbed-{level}"), preds, &docs);
    }
}

#[test]
fn agrees_with_score_py_on_gold_dev() {
    agree_on("gold-dev.jsonl", "gold-dev", 0x9E37_79B9_7F4A_7C15);
}

#[test]
fn agrees_with_score_py_on_gum() {
    agree_on("gum.jsonl", "gum", 0xD1B5_4A32_D192_ED03);
}

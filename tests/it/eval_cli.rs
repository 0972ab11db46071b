//! `whosaid eval GOLD.jsonl` gives the same figures as the shared scorer
//! (`tests/data/score.py`) run on the output of `whosaid analyze --jsonl` over the same gold
//! texts, on the articles where the scorer's greedy matching is already optimal. The comparisons need `python3`: they run with `WHOSAID_FULL_TESTS=1`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::common::{data, needs, Tool, BIN};
use serde_json::{json, Value};
use whosaid::eval::{align, align_greedy, load_gold, parse_preds, GoldDoc};

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().expect("the command starts");
    assert!(
        out.status.success(),
        "{cmd:?} failed with {}\nstdout:\n{}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("the output is UTF-8")
}

fn python_json(gold: &Path, pred: &Path) -> Value {
    serde_json::from_str(&run(Command::new("python3")
        .arg(data("score.py"))
        .arg(gold)
        .arg(pred)
        .arg("--json")))
    .expect("score.py prints JSON")
}

fn eval_json(gold: &Path) -> Value {
    serde_json::from_str(&run(Command::new(BIN).arg("eval").arg(gold).arg("--json")))
        .expect("whosaid eval --json prints JSON")
}

/// A gold file of the articles of `docs`.
fn gold_file(dir: &Path, name: &str, docs: &[&GoldDoc]) -> PathBuf {
    let path = dir.join(name);
    let lines: String = docs
        .iter()
        .map(|d| {
            json!({"id": d.id, "text": d.text, "attributions": d.attributions}).to_string() + "\n"
        })
        .collect();
    std::fs::write(&path, lines).expect("the gold file is written");
    path
}

/// On the articles where score.py's greedy matching is optimal for the engine's predictions
/// (the matching of `eval` is the same there), `eval` gives score.py's figures; on the others
/// it matches at least as many gold items.
fn agrees_with_score_py(gold: &Path) {
    if needs(Tool::Python3).is_none() {
        return;
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    // analyze --jsonl reads {"id", "text"} lines: the gold lines themselves carry both.
    let pred = run(Command::new(BIN)
        .args(["analyze", "--jsonl"])
        .arg(gold)
        .stdin(Stdio::null()));
    let pred_path = dir.path().join("pred.jsonl");
    std::fs::write(&pred_path, &pred).expect("the predictions are written");
    let preds = parse_preds(&pred, "pred.jsonl").expect("analyze writes valid JSON lines");
    let docs = load_gold(gold).expect("the gold loads");
    let empty = Vec::new();
    let (same, differ): (Vec<&GoldDoc>, Vec<&GoldDoc>) = docs.iter().partition(|d| {
        let p = preds.get(&d.id).unwrap_or(&empty);
        align(p, &d.attributions) == align_greedy(p, &d.attributions)
    });
    eprintln!(
        "{}: greedy is optimal on {} of {} articles",
        gold.display(),
        same.len(),
        docs.len()
    );

    let same_gold = gold_file(dir.path(), "same.jsonl", &same);
    let python = python_json(&same_gold, &pred_path);
    let ours = eval_json(&same_gold);
    let (p, o) = (python.as_object().unwrap(), ours.as_object().unwrap());
    let mut pk: Vec<_> = p.keys().collect();
    let mut ok: Vec<_> = o.keys().collect();
    pk.sort();
    ok.sort();
    assert_eq!(pk, ok, "the same figures are reported");
    for (k, v) in p {
        let (a, b) = (v.as_f64().unwrap(), o[k].as_f64().unwrap());
        assert!((a - b).abs() < 1e-9, "{k}: score.py {a}, whosaid eval {b}");
    }
    assert!(p["tp"].as_f64().unwrap() + p["fn"].as_f64().unwrap() > 0.0);

    if !differ.is_empty() {
        let differ_gold = gold_file(dir.path(), "differ.jsonl", &differ);
        let python = python_json(&differ_gold, &pred_path);
        let ours = eval_json(&differ_gold);
        let n = |v: &Value, k: &str| v[k].as_u64().unwrap();
        assert!(
            n(&ours, "tp") > n(&python, "tp")
                || (n(&ours, "tp") == n(&python, "tp") && n(&ours, "fp") <= n(&python, "fp")),
            "eval {ours} vs score.py {python}"
        );
        assert_eq!(
            n(&ours, "tp") + n(&ours, "fn"),
            n(&python, "tp") + n(&python, "fn")
        );
    }
}

#[test]
fn eval_agrees_with_score_py_on_gold_dev() {
    agrees_with_score_py(&data("gold-dev.jsonl"));
}

#[test]
fn eval_agrees_with_score_py_on_gum() {
    agrees_with_score_py(&data("gum.jsonl"));
}

#[test]
fn eval_names_the_line_of_a_bad_gold_file() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let gold = dir.path().join("gold.jsonl");
    std::fs::write(
        &gold,
        "{\"id\": \"a\", \"text\": \"x\", \"attributions\": []}\nnot json\n",
    )
    .unwrap();
    let out = Command::new(BIN).arg("eval").arg(&gold).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2"), "the message names the line: {err}");
}

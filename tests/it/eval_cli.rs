//! `whosaid eval GOLD.jsonl` gives the same figures as the shared scorer
//! (`tests/data/score.py`) run on the output of `whosaid analyze --jsonl` over the same gold
//! texts. The comparisons need `python3`: they run with `WHOSAID_FULL_TESTS=1`.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::{data, needs, Tool, BIN};
use serde_json::Value;

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
    std::fs::write(&pred_path, pred).expect("the predictions are written");

    let python: Value = serde_json::from_str(&run(Command::new("python3")
        .arg(data("score.py"))
        .arg(gold)
        .arg(&pred_path)
        .arg("--json")))
    .expect("score.py prints JSON");
    let ours: Value =
        serde_json::from_str(&run(Command::new(BIN).arg("eval").arg(gold).arg("--json")))
            .expect("whosaid eval --json prints JSON");

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

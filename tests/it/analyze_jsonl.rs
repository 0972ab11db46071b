//! `analyze --jsonl` as a pipeline step: every input field but the text flows through to the
//! output line, and a bad line either stops the run naming its line (`--on-error fail`) or
//! becomes an error record while the rest goes on (`--on-error skip`).

use serde_json::{json, Value};

use crate::common::{json, Env};

fn lines(s: &str) -> Vec<Value> {
    s.lines().map(json).collect()
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

#[test]
fn every_field_but_the_text_flows_through_in_input_order() {
    let env = Env::empty();
    let input = [
        json!({"url": "https://example.org/1", "id": "a1", "title": "Bridge closed",
               "text": "The bridge will stay closed, the mayor said on Monday.",
               "outlet": "Daily", "author": "R. Lee", "date": "2024-03-01",
               "tags": ["city", "roads"], "score": 0.5}),
        // No id: the output still leads with a null id.
        json!({"outlet": "Weekly", "text": "Police said two people were hurt."}),
        // A gold line's own attributions are replaced by the engine's.
        json!({"id": 7, "text": "Nobody spoke.", "attributions": [{"source": "gold"}],
               "breakdown": "old"}),
    ];
    let text: String = input.iter().map(|v| format!("{v}\n")).collect();
    env.write("in.jsonl", &text);
    let out = lines(&env.ok(&["analyze", "--jsonl", "in.jsonl"]));
    assert_eq!(out.len(), 3);
    assert_eq!(
        keys(&out[0]),
        [
            "url",
            "id",
            "title",
            "outlet",
            "author",
            "date",
            "tags",
            "score",
            "attributions",
            "breakdown",
            "engine"
        ]
    );
    for k in [
        "url", "id", "title", "outlet", "author", "date", "tags", "score",
    ] {
        assert_eq!(out[0][k], input[0][k], "{k}");
    }
    assert_eq!(out[0]["attributions"][0]["source"], "the mayor");
    assert_eq!(out[0]["attributions"][0]["cue"], "said");
    assert_eq!(
        keys(&out[1]),
        ["id", "outlet", "attributions", "breakdown", "engine"]
    );
    assert_eq!(out[1]["id"], Value::Null);
    assert_eq!(out[1]["outlet"], "Weekly");
    assert_eq!(out[1]["attributions"][0]["source"], "Police");
    assert_eq!(keys(&out[2]), ["id", "attributions", "breakdown", "engine"]);
    assert_eq!(out[2]["id"], 7);
    assert_eq!(out[2]["attributions"], json!([]));
    assert_eq!(out[2]["breakdown"]["sentences"], 1);
    // The analysis is the same as without the metadata.
    let bare = format!("{}\n", json!({"id": "a1", "text": input[0]["text"]}));
    env.write("bare.jsonl", bare);
    let plain = json(&env.ok(&["analyze", "--jsonl", "bare.jsonl"]));
    assert_eq!(plain["attributions"], out[0]["attributions"]);
    assert_eq!(plain["breakdown"], out[0]["breakdown"]);
}

/// 600 lines, bad at lines 1, 257 (the first of the second batch with `-j 1`), 300, 412
/// (blank lines around it count) and 600 (a Latin-1 byte, at the returned file offset).
fn mixed_input() -> (Vec<u8>, Vec<(usize, Value)>, usize) {
    let mut text: Vec<u8> = Vec::new();
    let mut latin1_at = 0;
    let mut bad = Vec::new();
    for n in 1..=600usize {
        let line = match n {
            1 => {
                bad.push((1, Value::Null));
                "{\"id\": \"x1\", \"text\": ".to_string()
            }
            257 => {
                bad.push((257, json!("x257")));
                json!({"id": "x257", "text": 257}).to_string()
            }
            300 => {
                bad.push((300, json!(300)));
                json!({"id": 300, "title": "no text"}).to_string()
            }
            410 | 411 => String::new(),
            412 => {
                bad.push((412, Value::Null));
                "[\"not\", \"an object\"]".to_string()
            }
            600 => {
                bad.push((600, Value::Null));
                latin1_at = text.len() + "{\"id\": \"x600\", \"text\": \"caf".len();
                "{\"id\": \"x600\", \"text\": \"caf\u{1}\"}".to_string()
            }
            n => json!({"id": format!("x{n}"), "outlet": "O",
                        "text": format!("Line {n}. The mayor said it was {n}.")})
            .to_string(),
        };
        text.extend(line.bytes().map(|b| if b == 1 { 0xe9 } else { b }));
        text.push(b'\n');
    }
    (text, bad, latin1_at)
}

#[test]
fn skip_writes_one_error_record_per_bad_line_and_goes_on() {
    let env = Env::empty();
    let (text, bad, latin1_at) = mixed_input();
    env.write("in.jsonl", &text);
    for jobs in ["1", "2"] {
        let args = [
            "analyze",
            "--jsonl",
            "in.jsonl",
            "-j",
            jobs,
            "--on-error",
            "skip",
            "--errors",
            "errors.jsonl",
            "-o",
            "out.jsonl",
        ];
        let (stdout, stderr) = env.ok_both(&args);
        assert!(stdout.is_empty(), "{stdout}");
        assert_eq!(
            stderr,
            "whosaid: in.jsonl: 5 of 600 lines skipped (error records in errors.jsonl)\n"
        );
        let out = lines(&std::fs::read_to_string(env.path("out.jsonl")).unwrap());
        // Every good line, in order, with its metadata.
        let want: Vec<String> = (1..=600)
            .filter(|n| ![1, 257, 300, 410, 411, 412, 600].contains(n))
            .map(|n| format!("x{n}"))
            .collect();
        let got: Vec<&str> = out.iter().map(|l| l["id"].as_str().unwrap()).collect();
        assert_eq!(got, want);
        assert!(out.iter().all(|l| l["outlet"] == "O"));
        let errors = lines(&std::fs::read_to_string(env.path("errors.jsonl")).unwrap());
        let at: Vec<(usize, Value)> = errors
            .iter()
            .map(|e| {
                assert_eq!(keys(e), ["line", "id", "error"]);
                (e["line"].as_u64().unwrap() as usize, e["id"].clone())
            })
            .collect();
        assert_eq!(at, bad);
        let said: Vec<&str> = errors
            .iter()
            .map(|e| e["error"].as_str().unwrap())
            .collect();
        assert!(said[0].starts_with("invalid JSON: EOF"), "{}", said[0]);
        assert_eq!(said[1], "key text: expected a string, found 257");
        assert!(said[2].starts_with("no text key"), "{}", said[2]);
        assert!(said[3].starts_with("expected a JSON object"), "{}", said[3]);
        assert_eq!(
            said[4],
            format!("invalid UTF-8 at byte offset {latin1_at} (expected UTF-8 text)")
        );
    }
    // Without --errors the records go to stderr, before the summary.
    let (stdout, stderr) = env.ok_both(&["analyze", "--jsonl", "in.jsonl", "--on-error", "skip"]);
    assert_eq!(stdout.lines().count(), 600 - 7);
    let err: Vec<&str> = stderr.lines().collect();
    assert_eq!(err.len(), 6, "{stderr}");
    assert_eq!(json(err[1])["line"], 257);
    assert_eq!(
        err[5],
        "whosaid: in.jsonl: 5 of 600 lines skipped (error records above)"
    );
    // Nothing bad: no note, an empty error file.
    env.write("good.jsonl", "{\"id\": 1, \"text\": \"Hi.\"}\n");
    let (_, stderr) = env.ok_both(&[
        "analyze",
        "--jsonl",
        "good.jsonl",
        "--on-error",
        "skip",
        "--errors",
        "none.jsonl",
    ]);
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(std::fs::read(env.path("none.jsonl")).unwrap(), b"");
}

#[test]
fn fail_stops_at_the_first_bad_line_and_writes_no_file() {
    let env = Env::empty();
    let (text, _, _) = mixed_input();
    let first = "{\"id\": \"x1\", \"text\": \n".len();
    env.write("in.jsonl", &text[first..]);
    // Line 1 gone: the first bad line is now 256.
    env.fails_with(
        &["analyze", "--jsonl", "in.jsonl", "-o", "out.jsonl"],
        1,
        "in.jsonl: line 256: key text: expected a string, found 257 (--on-error skip",
    );
    assert!(!env.path("out.jsonl").exists());
    // --on-error fail is the default. A bad line's batch (256 lines a worker) is not
    // written; to stdout, the batches before it are.
    let out = env.run(&["analyze", "--jsonl", "in.jsonl", "--on-error", "fail"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let mut late: String = (1..=300)
        .map(|n| format!("{}\n", json!({"id": n, "text": "The mayor said so."})))
        .collect();
    late.push_str("[]\n");
    env.write("late.jsonl", late);
    let out = env.run(&["analyze", "--jsonl", "late.jsonl", "-j", "1"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("whosaid: late.jsonl: line 301: expected a JSON object"),
        "{err}"
    );
    let written = lines(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(written.len(), 256);
    assert_eq!(written[255]["id"], 256);
    // The flags that make no sense are refused before anything runs.
    env.fails_with(
        &["analyze", "--jsonl", "in.jsonl", "--errors", "e.jsonl"],
        2,
        "only with --on-error skip",
    );
    env.fails_with(
        &[
            "analyze",
            "--jsonl",
            "in.jsonl",
            "--on-error",
            "skip",
            "--errors",
            "in.jsonl",
        ],
        2,
        "is the input",
    );
    env.fails_with(
        &[
            "analyze",
            "--jsonl",
            "in.jsonl",
            "--on-error",
            "skip",
            "--errors",
            "o.jsonl",
            "-o",
            "./o.jsonl",
        ],
        2,
        "is the -o file",
    );
    env.write("whosaid.db", "not really a database");
    env.fails_with(
        &[
            "analyze",
            "--jsonl",
            "in.jsonl",
            "--on-error",
            "skip",
            "--errors",
            "whosaid.db",
        ],
        2,
        "--errors whosaid.db: is the database",
    );
    assert_eq!(
        std::fs::read(env.path("whosaid.db")).unwrap(),
        b"not really a database"
    );
    env.fails_with(
        &["analyze", "--jsonl", "in.jsonl", "-o", "in.jsonl"],
        2,
        "is the input",
    );
    env.fails(&["analyze", "in.jsonl", "--on-error", "skip"], 2);
    env.fails(
        &["analyze", "--jsonl", "in.jsonl", "--on-error", "maybe"],
        2,
    );
    // The input is untouched.
    assert_eq!(std::fs::read(env.path("in.jsonl")).unwrap(), &text[first..]);
}

//! The input readers on hostile input: each test runs the real binary on what an attacker
//! or a careless export produces, and each failed before its fix.

use std::time::{Duration, Instant};

use crate::common::{json, Env};

#[test]
fn a_jsonl_line_with_two_byte_order_marks_is_read() {
    let env = Env::empty();
    // Two files joined end to end, each with its mark (the first one even twice).
    env.write(
        "joined.jsonl",
        "\u{feff}\u{feff}{\"id\": \"a\", \"text\": \"Officials said the bridge was safe.\"}\n\
         \u{feff}{\"id\": \"b\", \"text\": \"Residents said the water was brown.\"}\n",
    );
    assert_eq!(env.ok(&["import", "joined.jsonl", "-q"]), "1\n2\n");
    let out = env.ok(&["analyze", "--jsonl", "joined.jsonl"]);
    let ids: Vec<String> = out
        .lines()
        .map(|l| json(l)["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["a", "b"]);
}

#[test]
fn a_numeric_jsonl_id_is_stored_as_text_with_a_note_and_a_fraction_is_refused() {
    let env = Env::empty();
    env.write(
        "n.jsonl",
        "{\"id\": 7, \"text\": \"Officials said it rained.\"}\n\
         {\"id\": 8, \"text\": \"Residents said it did not.\"}\n",
    );
    let (out, err) = env.ok_both(&["import", "n.jsonl"]);
    assert_eq!(out, "1\n2\n");
    assert!(
        err.contains(
            "whosaid: n.jsonl: line 1, key id: the number 7 is stored as the text \"7\" \
             (and so on for 1 more lines)"
        ),
        "{err}"
    );
    let v = json(&env.ok(&["articles", "-f", "json"]));
    assert_eq!(v[1]["external_id"], "8");
    env.write(
        "f.jsonl",
        "{\"id\": 1.5, \"text\": \"Officials said it rained.\"}\n",
    );
    env.refuses_with(
        &["import", "f.jsonl"],
        1,
        &["f.jsonl: line 1, key id: expected a string or a whole number, found 1.5"],
    );
}

#[test]
fn duplicate_json_keys_are_refused_naming_line_and_key() {
    let env = Env::empty();
    let twice = "{\"id\": \"a\", \"text\": \"Officials said so.\"}\n\
                 {\"id\": \"b\", \"text\": \"Police said so.\", \"text\": \"Nobody did.\"}\n";
    env.write("twice.jsonl", twice);
    env.refuses_with(
        &["import", "twice.jsonl"],
        1,
        &["twice.jsonl: line 2: key \"text\" appears twice"],
    );
    assert!(!env.db().exists() || !env.ok(&["articles", "-f", "csv"]).contains("Officials"));
    let err = env.fails(&["analyze", "--jsonl", "twice.jsonl"], 1);
    assert!(
        err.contains("twice.jsonl: line 2: key \"text\" appears twice"),
        "{err}"
    );
    // a gold file too, at any depth
    env.write(
        "gold.jsonl",
        "{\"id\": \"g\", \"text\": \"Officials said so.\", \"attributions\": \
         [{\"source\": \"Officials\", \"source\": \"Police\"}]}\n",
    );
    let err = env.fails(&["eval", "gold.jsonl"], 1);
    assert!(
        err.contains("gold.jsonl: line 1: key \"source\" appears twice"),
        "{err}"
    );
}

/// A page of `n` nested `<div>`s around one sentence.
fn nested_page(n: usize) -> String {
    format!(
        "<html><head><title>Deep</title></head><body>{}<p>Officials said the bridge was \
         safe.</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    )
}

#[test]
fn a_deeply_nested_html_page_is_refused_at_once() {
    let env = Env::empty();
    // 88 KB: Readability took 16 s over it; 1 MB of tags that never close never finished.
    env.write("deep.html", nested_page(8_000));
    env.write("open.html", "<div>".repeat(200_000));
    for page in ["deep.html", "open.html"] {
        let started = Instant::now();
        env.refuses_with(
            &["add", page],
            1,
            &[&format!(
                "{page}: HTML elements nested more than 256 deep at byte offset"
            )],
        );
        // a hang guard only (1 MB of them never finished); the refusal is the check
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{page}: {:?}",
            started.elapsed()
        );
    }
    // In a folder the page is named and skipped; a page nested within the bound is read.
    env.write("news/deep.html", nested_page(8_000));
    env.write("news/fine.html", nested_page(200));
    let out = env.run(&["import", "news", "-q"]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("news/deep.html: HTML elements nested more than 256 deep"),
        "{err}"
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "1\n");
}

#[test]
fn a_csv_header_of_100000_columns_is_read_in_one_pass_with_one_note() {
    let env = Env::empty();
    let mut header: Vec<String> = (0..100_000).map(|i| format!("extra{i}")).collect();
    header.push("text".into());
    let mut row = vec![""; 100_000];
    row.push("Officials said the plan was ready.");
    env.write(
        "wide.csv",
        format!("{}\n{}\n", header.join(","), row.join(",")),
    );
    let started = Instant::now();
    let (out, err) = env.ok_both(&["import", "wide.csv"]);
    // a hang guard only; the one note below is the check
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(out, "1\n");
    // one note naming a few columns, not a line per column
    let notes: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("unknown column"))
        .collect();
    assert_eq!(notes.len(), 1, "{err:.300}");
    assert!(
        notes[0].contains("\"extra9\" and 99990 more (known: id,"),
        "{}",
        notes[0]
    );
    // a header without a text column names a few of its columns, not all of them
    env.write(
        "notext.csv",
        format!("{}\nx\n", header[..100_000].join(",")),
    );
    let err = env.refuses_with(&["import", "notext.csv"], 1, &["and 99990 more"]);
    assert!(err.len() < 600, "{} bytes", err.len());
}

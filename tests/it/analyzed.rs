//! `import --analyzed`: analysed output (a file, or a Spark output folder read as a whole)
//! stores the same articles and claims as importing the corpus itself, without the engine;
//! the text comes from the lines (`--keep-text`) or from the corpus joined by id; the engine
//! version is recorded, and a text that is not the one analysed is refused.

use rusqlite::Connection;
use serde_json::{json, Value};

use crate::common::{data, Env};

/// `n` articles of the dev gold with outlets, dates and ids (some numeric).
fn corpus(n: usize) -> String {
    let gold = std::fs::read_to_string(data("gold-dev.jsonl")).unwrap();
    let mut out = String::new();
    for (i, line) in gold
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(n)
        .enumerate()
    {
        let v: Value = serde_json::from_str(line).unwrap();
        let id = if i % 5 == 0 {
            json!(1000 + i)
        } else {
            json!(format!("art-{i}"))
        };
        let outlet = ["Ledger", "Courier", "Gazette"][i % 3];
        let row = json!({"id": id, "title": format!("Title {i}"),
                         "outlet": outlet,
                         "date": format!("2024-{:02}-{:02}", 1 + i % 4, 1 + i % 27),
                         "text": v["text"]});
        out.push_str(&format!("{row}\n"));
    }
    out
}

/// Every article and claim as the reports and claim lists show them, without the times.
fn contents(env: &Env, db: &str) -> String {
    let mut s = env.ok_on(db, &["report", "--all", "-f", "csv"]);
    for by in ["outlet", "month", "source"] {
        s.push_str(&env.ok_on(db, &["report", "--by", by, "-f", "csv"]));
    }
    let ids = env.ok_on(db, &["articles", "-f", "csv"]);
    for row in ids.lines().skip(1) {
        let id = row.split(',').next().unwrap();
        let mut claims: Value =
            serde_json::from_str(&env.ok_on(db, &["claims", id, "-f", "json"])).unwrap();
        for c in claims.as_array_mut().unwrap() {
            c.as_object_mut().unwrap().remove("created_at");
        }
        s.push_str(&format!("{claims}\n"));
    }
    s
}

/// The two contents are the same, else the first line that differs.
fn same(got: &str, want: &str, what: &str) {
    for (i, (g, w)) in got.lines().zip(want.lines()).enumerate() {
        assert_eq!(g, w, "{what}: line {} differs", i + 1);
    }
    assert_eq!(got.lines().count(), want.lines().count(), "{what}");
}

fn engines(env: &Env, db: &str) -> Vec<(Option<String>, i64)> {
    let conn = Connection::open(env.path(db)).unwrap();
    let mut stmt = conn
        .prepare("SELECT engine, count(*) FROM articles GROUP BY engine ORDER BY engine")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    rows
}

#[test]
fn analysed_output_stores_what_importing_the_corpus_stores() {
    let env = Env::empty();
    env.write("corpus.jsonl", corpus(24));
    env.ok_on("direct.db", &["import", "corpus.jsonl"]);
    let want = contents(&env, "direct.db");
    assert!(
        want.contains("Ledger") && want.lines().count() > 100,
        "{want}"
    );

    // The text in the lines.
    env.ok(&[
        "analyze",
        "--jsonl",
        "corpus.jsonl",
        "--keep-text",
        "-o",
        "kept.jsonl",
    ]);
    let o = env.run_on("kept.db", &["import", "--analyzed", "kept.jsonl"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (out, err) = (
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    );
    assert_eq!(out.lines().count(), 24);
    assert!(err.contains("kept.jsonl: imported 24 articles"), "{err}");
    // the analysis is this whosaid's, so nothing is said about engines
    assert!(!err.contains("analysed by"), "{err}");
    same(&contents(&env, "kept.db"), &want, "kept.db");

    // The texts joined from the corpus by id, the sentences carried by the lines.
    env.ok(&[
        "analyze",
        "--jsonl",
        "corpus.jsonl",
        "--sentences",
        "-o",
        "bare.jsonl",
    ]);
    env.ok_on(
        "joined.db",
        &[
            "import",
            "--analyzed",
            "bare.jsonl",
            "--texts",
            "corpus.jsonl",
        ],
    );
    same(&contents(&env, "joined.db"), &want, "joined.db");

    // A Spark output folder: part files read in name order, as a whole.
    let bare = std::fs::read_to_string(env.path("bare.jsonl")).unwrap();
    let lines: Vec<&str> = bare.lines().collect();
    std::fs::create_dir(env.path("out")).unwrap();
    for (i, chunk) in lines.chunks(10).enumerate() {
        env.write(&format!("out/part-{i:05}"), chunk.join("\n") + "\n");
    }
    env.write("out/.part-00000.crc", "not read");
    let err = env.fails_on(
        "spark.db",
        &["import", "--analyzed", "out", "--texts", "corpus.jsonl"],
        1,
    );
    assert!(
        err.contains("out: a Spark output folder without _SUCCESS"),
        "{err}"
    );
    assert!(!env.path("spark.db").exists() || engines(&env, "spark.db").is_empty());
    env.write("out/_SUCCESS", "");
    env.ok_on(
        "spark.db",
        &["import", "--analyzed", "out", "--texts", "corpus.jsonl"],
    );
    same(&contents(&env, "spark.db"), &want, "spark.db");

    // Every article records the engine that analysed it, the same as `import` records.
    let direct = engines(&env, "direct.db");
    assert_eq!(direct.len(), 1);
    let engine = direct[0].0.clone().unwrap();
    assert!(engine.starts_with("whosaid 0."), "{engine}");
    assert_eq!(engine, json_engine(lines[0]));
    for db in ["kept.db", "joined.db", "spark.db"] {
        assert_eq!(engines(&env, db), direct, "{db}");
    }
    // Importing again stores nothing new.
    let again = env.run_on("kept.db", &["import", "--analyzed", "kept.jsonl"]);
    assert!(again.status.success());
    let err = String::from_utf8(again.stderr).unwrap();
    assert!(
        err.contains("imported 0 articles (24 already stored"),
        "{err}"
    );
}

fn json_engine(line: &str) -> String {
    let v: Value = serde_json::from_str(line).unwrap();
    v["engine"].as_str().unwrap().to_string()
}

#[test]
fn another_engines_analysis_is_stored_as_its_own_and_extract_renews_it() {
    let env = Env::empty();
    env.write("corpus.jsonl", corpus(3));
    let out = env.ok(&["analyze", "--jsonl", "corpus.jsonl", "--keep-text"]);
    // An older engine that found one claim less in the first article.
    let mut lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for l in &mut lines {
        l["engine"] = json!("whosaid 0.0.9 rules 000000000000");
    }
    let found = lines[0]["attributions"].as_array().unwrap().len();
    assert!(found >= 2, "{found}");
    lines[0]["attributions"].as_array_mut().unwrap().pop();
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    env.write("old.jsonl", text);
    let (_, err) = env.ok_both(&["import", "--analyzed", "old.jsonl"]);
    assert!(
        err.contains(
            "old.jsonl: 3 articles analysed by whosaid 0.0.9 rules 000000000000; this is whosaid "
        ) && err.contains("(`whosaid extract --all` re-runs it on stored articles)"),
        "{err}"
    );
    let db = env.db();
    let db = db.to_str().unwrap();
    assert_eq!(
        engines(&env, db),
        [(Some("whosaid 0.0.9 rules 000000000000".to_string()), 3)]
    );
    let claims = |id: &str| env.ok(&["claims", id, "-f", "csv"]).lines().count() - 1;
    assert_eq!(claims("1"), found - 1);
    // `extract` re-runs this engine: the claim comes back, and the version is this one.
    env.ok(&["extract", "--all"]);
    assert_eq!(claims("1"), found);
    let now = engines(&env, db);
    assert_eq!(now.len(), 1);
    assert_eq!(now[0].1, 3);
    assert_eq!(
        now[0].0.as_deref(),
        Some(json_engine(out.lines().next().unwrap()).as_str())
    );
}

#[test]
fn a_text_that_was_not_the_one_analysed_is_refused_naming_the_line() {
    let env = Env::empty();
    env.write("corpus.jsonl", corpus(4));
    env.ok(&["analyze", "--jsonl", "corpus.jsonl", "-o", "bare.jsonl"]);
    // Without a text and without --texts.
    env.fails_with(
        &["import", "--analyzed", "bare.jsonl"],
        1,
        "bare.jsonl: line 1: no text (expected analyze --jsonl --keep-text output, or --texts \
         CORPUS.jsonl naming the corpus that was analysed)",
    );
    // Another corpus under the same ids: the spans do not fit its texts.
    let other: String = corpus(8)
        .lines()
        .skip(4)
        .zip(corpus(4).lines())
        .map(|(o, c)| {
            let mut o: Value = serde_json::from_str(o).unwrap();
            let c: Value = serde_json::from_str(c).unwrap();
            o["id"] = c["id"].clone();
            format!("{o}\n")
        })
        .collect();
    env.write("other.jsonl", other);
    let err = env.fails(
        &[
            "import",
            "--analyzed",
            "bare.jsonl",
            "--texts",
            "other.jsonl",
        ],
        1,
    );
    assert!(
        err.starts_with("whosaid: bare.jsonl: line 1, attribution 1, ")
            && err.contains("is the text the one that was analysed?"),
        "{err}"
    );
    // An id the corpus does not have, and an id it has twice.
    let three: String = corpus(4)
        .lines()
        .take(3)
        .map(|l| format!("{l}\n"))
        .collect();
    env.write("three.jsonl", &three);
    env.fails_with(
        &["import", "--analyzed", "bare.jsonl", "--texts", "three.jsonl"],
        1,
        "bare.jsonl: line 4: id \"art-3\" is not in three.jsonl (expected the corpus that was analysed)",
    );
    env.write(
        "twice.jsonl",
        format!("{three}\n{}", corpus(2).lines().nth(1).unwrap()),
    );
    env.fails_with(
        &[
            "import",
            "--analyzed",
            "bare.jsonl",
            "--texts",
            "twice.jsonl",
        ],
        1,
        "twice.jsonl: line 5: id \"art-1\" is also the id of line 2 (expected one text per id)",
    );
    // A line of the corpus rather than of analysed output.
    env.fails_with(
        &["import", "--analyzed", "corpus.jsonl"],
        1,
        "corpus.jsonl: line 1: no attributions key (expected a line of `whosaid analyze --jsonl` output)",
    );
    // Line numbers are each part file's own.
    std::fs::create_dir(env.path("out")).unwrap();
    let lines: Vec<String> = std::fs::read_to_string(env.path("bare.jsonl"))
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    env.write("out/part-00000", format!("{}\n{}\n", lines[0], lines[1]));
    env.write(
        "out/part-00001",
        format!("{}\n\n{{\"id\": \"x\"\n", lines[2]),
    );
    env.write("out/_SUCCESS", "");
    env.fails_with(
        &["import", "--analyzed", "out", "--texts", "corpus.jsonl"],
        1,
        "part-00001: line 3: invalid JSON: EOF while parsing an object",
    );
    // Nothing was stored by any of these.
    assert!(!env.db().exists() || engines(&env, env.db().to_str().unwrap()).is_empty());
}

//! The distributed path on Apache Spark (local mode): `scripts/spark_analyze.py` writes what
//! `analyze --jsonl --sentences` writes, skips bad lines naming their lines in the input
//! file, refuses to write over a finished run; `scripts/spark_report.py` computes with Spark
//! the same CSV as `report --by outlet|month|source` over the same articles, stored by
//! `import` or by `import --analyzed` from Spark's output. Needs pyspark and Java
//! (`WHOSAID_FULL_TESTS=1`; `.ci/run` installs them).

use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::common::{manifest, needs, show, Env, Tool, BIN};

fn script(python: &Path, env: &Env, name: &str, args: &[&str]) -> Output {
    Command::new(python)
        .arg(manifest().join("scripts").join(name))
        .args(args)
        .current_dir(env.path(""))
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn spark_analyses_and_sums_as_whosaid_does() {
    let Some(python) = needs(Tool::Spark) else {
        return;
    };
    let env = Env::empty();
    let gen = Command::new(&python)
        .arg(manifest().join("scripts/gen_corpus.py"))
        .args(["400", "clean.jsonl"])
        .current_dir(env.path(""))
        .output()
        .unwrap();
    assert!(gen.status.success(), "{}", text(&gen.stderr));
    let clean = std::fs::read_to_string(env.path("clean.jsonl")).unwrap();
    // The corpus Spark gets: a blank line, a line cut short and a line without text.
    let mut lines: Vec<&str> = clean.lines().collect();
    lines.insert(40, "");
    lines.insert(120, "{\"id\": \"cut\", \"text\": \"Officials said");
    lines.insert(300, "{\"id\": \"no-text\", \"outlet\": \"X\"}");
    env.write("corpus.jsonl", lines.join("\n") + "\n");

    let analyse = |extra: &[&str]| {
        let mut args = vec![
            "corpus.jsonl",
            "out",
            "--master",
            "local[2]",
            "--partitions",
            "3",
            "--whosaid",
            BIN,
        ];
        args.extend_from_slice(extra);
        script(&python, &env, "spark_analyze.py", &args)
    };
    let out = analyse(&["--errors", "errors.jsonl", "--check"]);
    let err = text(&out.stderr);
    assert!(
        out.status.success(),
        "{}",
        show(&["spark_analyze.py"], &out)
    );
    assert!(
        err.contains("spark_analyze: 2 lines of corpus.jsonl skipped")
            && err.contains("  corpus.jsonl: line 121: invalid JSON: EOF while parsing")
            && err.contains(
                "  corpus.jsonl: line 301 (id \"no-text\"): no text key (expected {\"id\", \"text\"})"
            )
            && err.contains("check passed: 400 output lines and 2 skipped for 402 input lines"),
        "{err}"
    );
    let records = std::fs::read_to_string(env.path("errors.jsonl")).unwrap();
    assert_eq!(records.lines().count(), 2, "{records}");
    assert!(
        records.starts_with("{\"line\": 121, \"id\": null, "),
        "{records}"
    );

    // The part files, in order, are analyze --jsonl --sentences of the good lines.
    let mut parts: Vec<_> = std::fs::read_dir(env.path("out"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("part-")
        })
        .collect();
    parts.sort();
    assert!(parts.len() >= 3, "{parts:?}");
    let joined: String = parts
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let plain = env.ok(&["analyze", "--jsonl", "clean.jsonl", "--sentences"]);
    assert!(
        joined == plain,
        "Spark's output differs from analyze --jsonl --sentences"
    );

    // A second run over the finished output is refused, naming it; --overwrite replaces it.
    let again = analyse(&[]);
    assert!(!again.status.success());
    assert!(
        text(&again.stderr).contains(
            "spark_analyze: out: the output folder exists and is not empty (a finished or a \
             failed run's output?); pass --overwrite to replace it"
        ),
        "{}",
        text(&again.stderr)
    );

    // The sums, by Spark, against report --by over the same articles.
    let report = script(
        &python,
        &env,
        "spark_report.py",
        &[
            "out",
            "spark-{by}.csv",
            "--by",
            "outlet,month,source",
            "--master",
            "local[2]",
        ],
    );
    assert!(
        report.status.success(),
        "{}",
        show(&["spark_report.py"], &report)
    );
    env.ok_on("plain.db", &["import", "clean.jsonl"]);
    env.ok_on(
        "analysed.db",
        &["import", "--analyzed", "out", "--texts", "corpus.jsonl"],
    );
    for by in ["outlet", "month", "source"] {
        let spark = std::fs::read_to_string(env.path(&format!("spark-{by}.csv"))).unwrap();
        assert!(spark.lines().count() > 10, "{spark}");
        for db in ["plain.db", "analysed.db"] {
            let want = env.ok_on(db, &["report", "--by", by, "-f", "csv"]);
            for (i, (s, w)) in spark.lines().zip(want.lines()).enumerate() {
                assert_eq!(s, w, "--by {by}, {db}: line {}", i + 1);
            }
            assert_eq!(spark.lines().count(), want.lines().count(), "--by {by}");
        }
    }
}

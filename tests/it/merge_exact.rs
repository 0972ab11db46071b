//! `merge` of shards gives the database that importing everything into one gives: the same
//! articles, claims, sources and sentences, with articles in both shards, an article known
//! only by its text, hand-recorded claims and a hand-corrected automatic claim.

use std::path::Path;

use rusqlite::types::Value as Sql;
use serde_json::Value;

use crate::common::{json, manifest, Env, OFFICIALS, REPORTS};

/// The rows of `sql` on `db`, each as text, sorted.
fn rows(db: &Path, sql: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    let mut out: Vec<String> = stmt
        .query_map([], |r| {
            (0..n)
                .map(|i| r.get::<_, Sql>(i).map(|v| format!("{v:?}")))
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .unwrap()
        .map(|r| r.unwrap().join(" | "))
        .collect();
    out.sort();
    out
}

/// How each article is told apart without its row id: its external id, else its text.
const KEY: &str = "coalesce(a.external_id, a.content_hash)";

/// The columns of a claim compared; the others are its row ids and when it was recorded.
const CLAIM_COLUMNS: &[&str] = &[
    "source",
    "mention",
    "mention_start",
    "mention_end",
    "cue",
    "cue_start",
    "cue_end",
    "content",
    "content_start",
    "content_end",
    "identity",
    "role",
    "form",
    "hedged",
    "via",
    "origin",
    "annotator",
    "rule",
    "trigger",
    "anonymity_reason",
    "anonymity_reason_start",
    "anonymity_reason_end",
    "replaces_start",
    "replaces_end",
    "stance",
];

/// Everything a database holds about its articles, without row ids and times.
fn contents(db: &Path) -> Vec<(&'static str, Vec<String>)> {
    let claim_columns: Vec<String> = CLAIM_COLUMNS.iter().map(|c| format!("c.{c}")).collect();
    vec![
        (
            "articles",
            rows(
                db,
                &format!(
                    "SELECT {KEY}, title, outlet, author, published, url, text, content_hash,
                         engine FROM articles a"
                ),
            ),
        ),
        (
            "claims",
            rows(
                db,
                &format!(
                    "SELECT {KEY}, {}, s.name, s.identity, s.role, s.article_id = c.article_id
                     FROM claims c JOIN articles a ON a.id = c.article_id
                     LEFT JOIN sources s ON s.id = c.source_id",
                    claim_columns.join(", ")
                ),
            ),
        ),
        (
            "sources",
            rows(
                db,
                &format!(
                    "SELECT {KEY}, s.name, s.identity, s.role
                     FROM sources s JOIN articles a ON a.id = s.article_id"
                ),
            ),
        ),
        (
            "sentences",
            rows(
                db,
                &format!(
                    "SELECT {KEY}, x.sentences, x.spans
                     FROM article_sentences x JOIN articles a ON a.id = x.article_id"
                ),
            ),
        ),
    ]
}

/// One corpus line: `id` (none: the article is known by its text), outlet, date and text.
fn line(id: Option<&str>, n: usize, text: &str) -> String {
    let outlet = ["The Daily", "The Weekly", "The Wire"][n % 3];
    let mut v = serde_json::json!({
        "title": format!("Article {n}"),
        "outlet": outlet,
        "date": format!("2024-03-{:02}", n + 1),
        "text": text,
    });
    if let Some(id) = id {
        v["id"] = Value::from(id);
    }
    v.to_string()
}

/// The first automatic claim of `cartels` in `db`, corrected by hand.
fn correct_first_claim(env: &Env, db: &str) {
    let auto = json(&env.ok_on(
        db,
        &["claims", "cartels", "-f", "json", "--annotator", "auto"],
    ));
    let first = auto[0]["id"].to_string();
    env.ok_on(
        db,
        &["claim", "edit", &first, "--source", "A corrected source"],
    );
}

fn claim(env: &Env, db: &str, flags: &[&str], annotator: &str) {
    let mut args = vec!["claim", "add", "cartels"];
    args.extend_from_slice(flags);
    args.extend(["--annotator", annotator]);
    env.ok_on(db, &args);
}

#[test]
fn merged_shards_hold_what_one_import_of_everything_holds() {
    let env = Env::new();
    let texts: Vec<String> =
        std::fs::read_to_string(manifest().join("tests/data/constructions.jsonl"))
            .unwrap()
            .lines()
            .take(10)
            .map(|l| json(l)["text"].as_str().unwrap().to_string())
            .collect();
    let cartels = std::fs::read_to_string(env.path("cartels.txt")).unwrap();
    // Article 4 has no id: each shard knows it by its text alone.
    let lines: Vec<String> = texts
        .iter()
        .enumerate()
        .map(|(n, t)| {
            let id = format!("cx-{n}");
            line((n != 4).then_some(id.as_str()), n, t)
        })
        .chain([line(Some("cartels"), 10, &cartels)])
        .collect();
    let (shared, a, b) = (&lines[10..], &lines[..7], &lines[4..10]);
    env.write("a.jsonl", [a, shared].concat().join("\n"));
    env.write("b.jsonl", [b, shared].concat().join("\n"));
    env.write("all.jsonl", lines.join("\n"));
    for (db, file) in [
        ("a.db", "a.jsonl"),
        ("b.db", "b.jsonl"),
        ("all.db", "all.jsonl"),
    ] {
        env.ok_on(db, &["import", file, "-q"]);
    }
    // The same hand-made changes in the shards as in the whole: one shard corrects an
    // automatic claim, both record the same claim by hand, one a claim of its own.
    for db in ["a.db", "all.db"] {
        correct_first_claim(&env, db);
    }
    for db in ["a.db", "b.db", "all.db"] {
        claim(&env, db, OFFICIALS, "ann");
    }
    for db in ["b.db", "all.db"] {
        claim(&env, db, REPORTS, "bob");
    }

    let all = contents(&env.path("all.db"));
    let corrected = |db: &Path| {
        rows(
            db,
            "SELECT source FROM claims WHERE replaces_start IS NOT NULL AND origin = 'manual'",
        )
    };
    assert_eq!(
        corrected(&env.path("all.db")),
        ["Text(\"A corrected source\")"]
    );
    assert!(
        all[1].1.len() > 20,
        "too few claims to compare: {:?}",
        all[1]
    );
    assert_eq!(all[0].1.len(), 11);

    // Either order: the corrected claim comes first, or replaces the other shard's
    // automatic claim for its span when it comes second.
    let ba_replaced = "; 1 automatic claims replaced by corrected ones";
    for (out, first, second, replaced) in [
        ("ab.db", ("a.db", 8), ("b.db", 3), ""),
        ("ba.db", ("b.db", 7), ("a.db", 4), ba_replaced),
    ] {
        let said = env.ok_on("unused.db", &["merge", out, first.0, second.0]);
        assert!(
            said.contains(&format!(
                "{}: {} articles added, 0 already stored",
                first.0, first.1
            )),
            "{said}"
        );
        assert!(
            said.contains(&format!(
                "{}: {} articles added, 4 already stored",
                second.0, second.1
            )),
            "{said}"
        );
        assert!(
            said.trim_end().ends_with(&format!("skipped{replaced}")),
            "{said}"
        );
        let merged = contents(&env.path(out));
        for ((table, want), (_, got)) in all.iter().zip(&merged) {
            assert_eq!(
                want, got,
                "{out}: {table} differ from one import of everything"
            );
        }
    }

    // Every column of a claim is compared, but its ids and time.
    let columns = rows(
        &env.path("all.db"),
        "SELECT name FROM pragma_table_info('claims')",
    );
    for c in columns {
        let c = c.trim_start_matches("Text(\"").trim_end_matches("\")");
        assert!(
            CLAIM_COLUMNS.contains(&c)
                || ["id", "article_id", "source_id", "created_at"].contains(&c),
            "claims.{c} is not compared"
        );
    }
}

#[test]
fn a_claim_not_as_whosaid_writes_it_is_merged_as_every_command_reads_it() {
    let env = Env::new();
    env.ok_on(
        "a.db",
        &["add", "--no-extract", "cartels.txt", "--id", "cartels"],
    );
    // A name with spaces around it, written past whosaid, twice.
    let conn = rusqlite::Connection::open(env.path("a.db")).unwrap();
    for _ in 0..2 {
        conn.execute(
            "INSERT INTO claims (article_id, source, identity, role, form, origin, annotator)
             VALUES (1, ' Residents ', 'anonymous', 'public', 'paraphrase', 'manual', 'carol')",
            [],
        )
        .unwrap();
    }
    drop(conn);
    let said = env.ok_on("unused.db", &["merge", "out.db", "a.db"]);
    assert!(said.contains("1 claims added, 1 skipped"), "{said}");
    assert_eq!(
        rows(
            &env.path("out.db"),
            "SELECT c.source, s.name, s.article_id FROM claims c JOIN sources s ON s.id = c.source_id"
        ),
        ["Text(\"Residents\") | Text(\"Residents\") | Integer(1)"]
    );
}

/// Claims of a shard that break the output's constraints, each written past whosaid (its
/// checks switched off), and whether merge refuses the shard: a cue ending before it starts,
/// an empty annotator, a label whosaid does not know are refused; a mention with no end is
/// read as every command reads it (no mention).
const BROKEN: &[(&str, bool)] = &[
    (
        "UPDATE claims SET cue_start = cue_end + 3 WHERE id = (SELECT min(id) FROM claims
             WHERE cue IS NOT NULL)",
        true,
    ),
    (
        "UPDATE claims SET annotator = '' WHERE id = (SELECT max(id) FROM claims)",
        true,
    ),
    (
        "UPDATE claims SET role = 'oracle' WHERE id = (SELECT max(id) FROM claims)",
        true,
    ),
    (
        "UPDATE claims SET mention_end = NULL WHERE id = (SELECT min(id) FROM claims
             WHERE mention IS NOT NULL)",
        false,
    ),
];

#[test]
fn a_shard_breaking_the_output_constraints_is_refused_and_a_new_output_keeps_the_others() {
    let env = Env::new();
    env.ok_on("good.db", &["add", "cartels.txt", "--id", "cartels"]);
    env.write(
        "other.txt",
        "Police said the road was closed. It reopened at noon, officials said.",
    );
    env.ok_on("bad.db", &["add", "other.txt", "--id", "road"]);
    let count = |db: &Path, sql: &str| rows(db, sql).concat();
    let (good, fresh) = (env.path("good.db"), env.path("bad.db"));
    let claims_in = |db: &Path| count(db, "SELECT count(*) FROM claims");
    for (n, &(sql, refused)) in BROKEN.iter().enumerate() {
        let bad_name = format!("bad-{n}.db");
        let bad = env.path(&bad_name);
        std::fs::copy(&fresh, &bad).unwrap();
        let conn = rusqlite::Connection::open(&bad).unwrap();
        conn.execute_batch("PRAGMA ignore_check_constraints = ON")
            .unwrap();
        assert_eq!(conn.execute(sql, []).unwrap(), 1, "{sql}");
        drop(conn);
        // Into a new output: the good shard is merged; the broken one refused whole, or
        // merged as it reads.
        let out_name = format!("out-{n}.db");
        let out = env.path(&out_name);
        let args = ["merge", out_name.as_str(), "good.db", bad_name.as_str()];
        let ids = if refused {
            let err = env.fails_on("unused.db", &args, 1);
            assert!(
                err.contains(&format!("{bad_name}: ")) && err.contains("nothing of"),
                "{sql}: {err}"
            );
            assert_eq!(claims_in(&out), claims_in(&good), "{sql}");
            ["Text(\"cartels\")"].as_slice()
        } else {
            env.ok_on("unused.db", &args);
            assert_ne!(claims_in(&out), claims_in(&good), "{sql}");
            ["Text(\"cartels\")", "Text(\"road\")"].as_slice()
        };
        assert_eq!(rows(&out, "SELECT external_id FROM articles"), ids, "{sql}");
        // Every constraint holds (SQLite's integrity check tests them all), and the output
        // is a WAL database with no journal left.
        assert_eq!(
            count(&out, "PRAGMA integrity_check"),
            "Text(\"ok\")",
            "{sql}"
        );
        assert_eq!(count(&out, "PRAGMA journal_mode"), "Text(\"wal\")", "{sql}");
        assert!(!env.path(&format!("{out_name}-journal")).exists(), "{sql}");
    }
}

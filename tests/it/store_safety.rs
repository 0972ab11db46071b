//! The database under stress and misuse: corrected claims are not counted twice, claim ids are
//! never reused, reading commands never write, a reader is not blocked by a writer, a writer
//! waiting for the lock says so, a database that is not whosaid's is refused and left alone,
//! `merge` names the input that failed.

use serde_json::Value;

use crate::common::{json, manifest, Env};

/// The claims of `article` by annotator `auto`, as JSON.
fn auto_claims(env: &Env, article: &str) -> Vec<Value> {
    json(&env.ok(&["claims", article, "-f", "json", "--annotator", "auto"]))
        .as_array()
        .unwrap()
        .clone()
}

/// The sample stored with the engine's claims, as `cartels`.
fn with_auto_claims(env: &Env) -> Vec<Value> {
    env.ok(&["add", "cartels.txt", "--id", "cartels"]);
    let auto = auto_claims(env, "cartels");
    assert!(auto.len() >= 2, "the engine found too little: {auto:?}");
    auto
}

fn report_total(env: &Env) -> u64 {
    let r = json(&env.ok(&["report", "cartels", "-f", "json"]));
    r[0]["breakdown"]["attributions"]
        .as_u64()
        .unwrap_or_else(|| panic!("no attribution count in the report: {r}"))
}

#[test]
fn a_corrected_automatic_claim_is_not_counted_twice_after_extract() {
    let env = Env::new();
    let auto = with_auto_claims(&env);
    let n = auto.len();
    let total = report_total(&env);

    // A label corrected: the claim keeps its span.
    let first = auto[0]["id"].to_string();
    env.ok(&["claim", "edit", &first, "--source", "A corrected source"]);
    // A content corrected: the claim moves to a span the engine does not give.
    let second = &auto[1];
    let content = second["content"].as_str().unwrap();
    let shorter: String = content.chars().take(content.chars().count() - 3).collect();
    env.ok(&[
        "claim",
        "edit",
        &second["id"].to_string(),
        "--content",
        &shorter,
        "--occurrence",
        "1",
    ]);
    assert_eq!(auto_claims(&env, "cartels").len(), n);

    for _ in 0..2 {
        let out = env.ok(&["extract", "cartels"]);
        assert!(out.contains(&format!("{} automatic claim", n - 2)), "{out}");
        let after = auto_claims(&env, "cartels");
        assert_eq!(after.len(), n, "{after:#?}");
        let corrected: Vec<&Value> = after.iter().filter(|c| c["origin"] == "manual").collect();
        assert_eq!(corrected.len(), 2, "{after:#?}");
        assert_eq!(
            after
                .iter()
                .filter(|c| c["source"] == "A corrected source")
                .count(),
            1
        );
        // nothing else at the corrected spans
        for c in &auto[..2] {
            let at = |x: &Value| (x["content_start"].clone(), x["content_end"].clone());
            assert_eq!(
                after.iter().filter(|x| at(x) == at(c)).count(),
                usize::from(c["id"] == auto[0]["id"]),
                "{c}"
            );
        }
        assert_eq!(report_total(&env), total);
    }

    // The same holds through `merge`: an input's corrected claim replaces the output's
    // automatic one for that span.
    let fresh = Env::new();
    fresh.ok(&["add", "cartels.txt", "--id", "cartels"]);
    let out = fresh.path("out.db");
    std::fs::copy(fresh.db(), &out).unwrap();
    fresh.ok(&["merge", out.to_str().unwrap(), env.db().to_str().unwrap()]);
    let merged = json(&fresh.ok_on(
        "out.db",
        &["claims", "cartels", "-f", "json", "--annotator", "auto"],
    ));
    assert_eq!(merged.as_array().unwrap().len(), n, "{merged:#}");
}

#[test]
fn claim_ids_are_never_reused_after_claim_rm() {
    let env = Env::new();
    env.add_sample(&[]);
    let mut args = vec!["claim", "add", "cartels"];
    args.extend_from_slice(crate::common::REPORTS);
    let first: i64 = env.ok(&args).trim().parse().unwrap();
    let mut args2 = vec!["claim", "add", "cartels"];
    args2.extend_from_slice(crate::common::OFFICIALS);
    let second: i64 = env.ok(&args2).trim().parse().unwrap();
    assert!(second > first);
    env.ok(&["claim", "rm", &second.to_string()]);
    let third: i64 = env.ok(&args2).trim().parse().unwrap();
    assert!(third > second, "claim id {second} was given again");

    // A database of the schema before ids were kept: its highest id is not reused either
    // once it is migrated.
    let old = Env::empty();
    let sql = std::fs::read_to_string(manifest().join("tests/fixtures/v3.sql")).unwrap();
    rusqlite::Connection::open(old.db())
        .unwrap()
        .execute_batch(&sql)
        .unwrap();
    let top: i64 = rusqlite::Connection::open(old.db())
        .unwrap()
        .query_row("SELECT max(id) FROM claims", [], |r| r.get(0))
        .unwrap();
    old.ok(&["claim", "rm", &top.to_string()]);
    let next: i64 = old
        .ok(&[
            "claim",
            "add",
            "water",
            "--content",
            "the water was brown",
            "--source",
            "Residents",
            "--identity",
            "unspecified",
            "--role",
            "public",
            "--form",
            "paraphrase",
        ])
        .trim()
        .parse()
        .unwrap();
    assert!(next > top, "claim id {top} was given again");
}

// ---------------------------------------------------------------------------------------
// a database that is not whosaid's

/// Every command that opens the database, as arguments (run in a dir holding `cartels.txt`,
/// `sheet.csv` and `rows.csv`).
const EVERY_COMMAND: &[&[&str]] = &[
    &["articles"],
    &["claims", "1"],
    &["report", "--all"],
    &["show", "1"],
    &["export"],
    &["annotators"],
    &["worksheet", "1"],
    &["compare", "1", "--key", "auto"],
    &["add", "cartels.txt"],
    &["import", "rows.csv"],
    &["extract", "--all"],
    &[
        "claim",
        "add",
        "1",
        "--content",
        "x",
        "--source",
        "y",
        "--identity",
        "named",
        "--role",
        "official",
        "--form",
        "paraphrase",
    ],
    &["claim", "edit", "1", "--hedged"],
    &["claim", "rm", "1"],
    &["claim", "import", "sheet.csv", "--annotator", "ann"],
    &["migrate"],
];

fn foreign_env() -> Env {
    let env = Env::new();
    env.write("rows.csv", "text\nThe mayor said the bridge is safe.\n");
    env.write(
        "sheet.csv",
        "article,sentence,text,source,identity,role,form,content,cue,mention,hedged,via\n",
    );
    env
}

#[test]
fn a_database_that_is_not_whosaids_is_refused_and_left_alone() {
    let env = foreign_env();
    // other tables and no schema version; whosaid's tables with one of its own added; a
    // schema version with whosaid's tables missing
    {
        let c = rusqlite::Connection::open(env.path("other.db")).unwrap();
        c.execute_batch("CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('Ana');")
            .unwrap();
    }
    env.ok(&["--db", "extra.db", "add", "cartels.txt"]);
    {
        let c = rusqlite::Connection::open(env.path("extra.db")).unwrap();
        c.execute_batch("CREATE TABLE notes (x); PRAGMA journal_mode = DELETE;")
            .unwrap();
        let c = rusqlite::Connection::open(env.path("partial.db")).unwrap();
        c.execute_batch("CREATE TABLE articles (id INTEGER PRIMARY KEY); PRAGMA user_version = 2;")
            .unwrap();
    }
    for (db, why) in [
        ("other.db", "it has tables \"people\" but no whosaid schema version"),
        ("extra.db", "tables \"notes\" are not whosaid's"),
        (
            "partial.db",
            "schema version 2 but tables \"article_sentences\", \"claims\", \"sources\" are missing",
        ),
    ] {
        let bytes = std::fs::read(env.path(db)).unwrap();
        for args in EVERY_COMMAND {
            let err = env.fails_on(db, args, 1);
            assert!(
                err.contains(&format!("{db}: not a whosaid database ({why})")),
                "{args:?}: {err}"
            );
            assert_eq!(bytes, std::fs::read(env.path(db)).unwrap(), "{db} changed: {args:?}");
        }
        // as an input of merge and as its output
        let path = env.path(db);
        let err = env.fails(&["merge", "out.db", path.to_str().unwrap()], 1);
        assert!(err.contains("not a whosaid database"), "{err}");
        assert!(err.contains(path.to_str().unwrap()), "{err}");
        env.ok(&["--db", "good.db", "add", "cartels.txt"]);
        let good = env.path("good.db");
        let err = env.fails(&["merge", path.to_str().unwrap(), good.to_str().unwrap()], 1);
        assert!(err.contains(&format!("{db}: not a whosaid database")), "{err}");
        assert_eq!(bytes, std::fs::read(env.path(db)).unwrap(), "{db} changed by merge");
        for f in ["-wal", "-shm", "-journal"] {
            assert!(!env.path(&format!("{db}{f}")).exists(), "{db}{f} left behind");
        }
    }
}

//! End-to-end tests of the corpus-scale commands on the real binary: `report --all` streamed,
//! `report --by`, `export`, `merge`, and the sentence cache of schema step 2.

use std::path::Path;

use crate::common::{dump, json, manifest, Env, OFFICIALS, REPORTS};
use serde_json::Value;

impl Env {
    /// Store an article without the engine and return its id.
    fn add_on(&self, db: &str, file: &str, flags: &[&str]) -> String {
        let mut args = vec!["add", "--no-extract", file];
        args.extend_from_slice(flags);
        self.ok_on(db, &args).trim().to_string()
    }

    /// Record a claim by hand.
    fn claim_on(&self, db: &str, article: &str, flags: &[&str]) {
        let mut args = vec!["claim", "add", article];
        args.extend_from_slice(flags);
        self.ok_on(db, &args);
    }
}

const SHEINBAUM: &[&str] = &[
    "--content",
    "“It’s very clear that Mexico collaborates with other countries, but it does not submit itself to them.”",
    "--source",
    "Claudia Sheinbaum",
    "--mention",
    "She",
    "--identity",
    "named",
    "--role",
    "official",
    "--form",
    "direct_quote",
    "--cue",
    "said",
];

const WATER: &str = "Residents said the water was brown. The council denied it. Nobody knows why.";

/// The sample (Example News, March) with three claims, a second article (Gazette, May) with
/// one, and a third (Example News, May) with none.
fn corpus(env: &Env, db: &str) {
    env.add_on(
        db,
        "cartels.txt",
        &[
            "--id",
            "cartels",
            "--outlet",
            "Example News",
            "--date",
            "2025-03-01",
        ],
    );
    for c in [REPORTS, OFFICIALS, SHEINBAUM] {
        env.claim_on(db, "cartels", c);
    }
    env.write("water.txt", WATER);
    env.add_on(
        db,
        "water.txt",
        &[
            "--id",
            "water",
            "--outlet",
            "Gazette",
            "--date",
            "2025-05-02",
        ],
    );
    env.claim_on(
        db,
        "water",
        &[
            "--content",
            "the water was brown",
            "--source",
            "Residents",
            "--mention",
            "Residents",
            "--cue",
            "said",
            "--identity",
            "anonymous",
            "--role",
            "public",
            "--form",
            "paraphrase",
        ],
    );
    env.write(
        "quiet.txt",
        "The bridge opened on Monday. Traffic was light.",
    );
    env.add_on(
        db,
        "quiet.txt",
        &["--outlet", "Example News", "--date", "2025-05-20"],
    );
}

// ---------------------------------------------------------------------------------------
// report --all, streamed

#[test]
fn report_all_streams_what_the_per_article_reports_say() {
    let env = Env::new();
    corpus(&env, "whosaid.db");
    // The streamed path (--all) and the per-article path (ARTICLE...) agree in every format.
    for format in ["csv", "json", "table"] {
        assert_eq!(
            env.ok(&["report", "--all", "-f", format]),
            env.ok(&["report", "1", "2", "3", "-f", format]),
            "{format}"
        );
    }
    let csv = env.ok(&["report", "--all", "-f", "csv"]);
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(
        rows[1],
        "1,,Example News,2025-03-01,32,3,29,3,1,1,1,2,1,0,0,0,0,1,2,0,1,3,0.333,0.333,0.333,0.333,0,cartels,0"
    );
    assert_eq!(
        rows[2],
        "2,,Gazette,2025-05-02,3,1,2,1,0,1,0,0,0,0,0,1,0,0,1,0,0,1,0.000,1.000,0.000,0.000,0,water,0"
    );
    assert_eq!(
        rows[3],
        "3,,Example News,2025-05-20,2,0,2,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,,,,,0,,0"
    );
    // Filters narrow the stream; an empty JSON selection is an empty array.
    let may = env.ok(&["report", "--since", "2025-05-01", "-f", "csv"]);
    assert_eq!(may.lines().count(), 3);
    assert_eq!(
        env.ok(&["report", "--outlet", "Nowhere", "-f", "json"]),
        "[]\n"
    );
}

#[test]
fn report_all_to_a_file_leaves_no_temporary_file() {
    let env = Env::new();
    corpus(&env, "whosaid.db");
    std::fs::create_dir(env.path("out")).unwrap();
    assert_eq!(
        env.ok(&["report", "--all", "-f", "csv", "-o", "out/r.csv"]),
        ""
    );
    let written = std::fs::read_to_string(env.path("out/r.csv")).unwrap();
    assert_eq!(written, env.ok(&["report", "--all", "-f", "csv"]));
    let names: Vec<_> = std::fs::read_dir(env.path("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["r.csv"]);
    // A folder that does not exist: one clear line, nothing written.
    let err = env.fails_on("whosaid.db", &["report", "--all", "-o", "missing/r.csv"], 1);
    assert!(err.contains("missing/r.csv"), "{err}");
}

// ---------------------------------------------------------------------------------------
// report --by

#[test]
fn report_by_outlet_sums_the_articles_of_each_outlet() {
    let env = Env::new();
    corpus(&env, "whosaid.db");
    let csv = env.ok(&["report", "--by", "outlet", "-f", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "outlet,articles,sentences,attributed_sentences,unattributed_sentences,attributions,\
         named,anonymous,unspecified,official,media,expert,organization,public,unknown,\
         direct_quote,paraphrase,document,hedged,distinct_sources,named_share,anonymous_share,\
         unspecified_share,direct_quote_share,anonymous_with_reason,loaded_cues"
    );
    assert_eq!(
        lines[1],
        "Example News,2,34,3,31,3,1,1,1,2,1,0,0,0,0,1,2,0,1,3,0.333,0.333,0.333,0.333,0,0"
    );
    assert_eq!(
        lines[2],
        "Gazette,1,3,1,2,1,0,1,0,0,0,0,0,1,0,0,1,0,0,1,0.000,1.000,0.000,0.000,0,0"
    );
    assert_eq!(lines.len(), 3);
    // Filters apply before grouping.
    let may = env.ok(&[
        "report",
        "--by",
        "outlet",
        "--since",
        "2025-05-01",
        "-f",
        "csv",
    ]);
    assert!(may.contains("\nExample News,1,2,0,2,0,"), "{may}");
}

#[test]
fn report_by_month_and_by_source_in_json_and_table() {
    let env = Env::new();
    corpus(&env, "whosaid.db");
    let months = json(&env.ok(&["report", "--by", "month", "-f", "json"]));
    let months = months.as_array().unwrap();
    assert_eq!(months.len(), 2);
    assert_eq!(months[0]["month"], "2025-03");
    assert_eq!(months[0]["articles"], 1);
    assert_eq!(months[1]["month"], "2025-05");
    assert_eq!(months[1]["articles"], 2);
    assert_eq!(months[1]["sentences"], 5);
    assert_eq!(months[1]["anonymous_share"], 1.0);

    let sources = json(&env.ok(&["report", "--by", "source", "-f", "json"]));
    let sources = sources.as_array().unwrap();
    let names: Vec<&str> = sources
        .iter()
        .map(|s| s["source"].as_str().unwrap())
        .collect();
    // One claim each: by name.
    assert_eq!(
        names,
        ["Claudia Sheinbaum", "Officials", "Residents", "reports"]
    );
    let she = &sources[0];
    assert_eq!(she["articles"], 1);
    assert_eq!(she["attributions"], 1);
    assert_eq!(she["direct_quote"], 1);
    assert_eq!(she["attributed_sentences"], 1);
    assert_eq!(she["sentences"], 32);
    assert_eq!(she["distinct_sources"], 1);
    assert_eq!(she["named_share"], 1.0);

    let table = env.ok(&["report", "--by", "source"]);
    assert!(
        table.contains("│ Officials ┆ 1        ┆ 1      ┆ 0.0%   ┆ 100.0%"),
        "{table}"
    );
    for line in table.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
    // --by is per group, not per named article.
    env.fails_on("whosaid.db", &["report", "1", "--by", "outlet"], 2);
    env.fails_on("whosaid.db", &["report", "--by", "year"], 2);
}

#[test]
fn report_by_takes_an_annotator() {
    let env = Env::new();
    corpus(&env, "whosaid.db");
    let mut alice = REPORTS.to_vec();
    alice.extend(["--annotator", "alice"]);
    env.claim_on("whosaid.db", "cartels", &alice);
    let csv = env.ok(&[
        "report",
        "--by",
        "outlet",
        "--annotator",
        "alice",
        "-f",
        "csv",
    ]);
    assert!(
        csv.contains("\nExample News,2,34,1,33,1,0,0,1,0,1,"),
        "{csv}"
    );
    assert!(csv.contains("\nGazette,1,3,0,3,0,"), "{csv}");
}

// ---------------------------------------------------------------------------------------
// export

#[test]
fn export_writes_every_claim_with_its_article_in_csv_and_jsonl() {
    let env = Env::new();
    corpus(&env, "whosaid.db");
    let csv = env.ok(&["export"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header.join(","),
        "article_id,external_id,title,outlet,date,url,claim_id,source,mention,mention_start,\
         mention_end,cue,cue_start,cue_end,content,content_start,content_end,identity,role,\
         form,hedged,via,rule,trigger,origin,annotator,created_at,anonymity_reason,\
         anonymity_reason_start,anonymity_reason_end,stance"
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 4);
    // By article, then in text order.
    let sources: Vec<&str> = rows.iter().map(|r| &r[7]).collect();
    assert_eq!(
        sources,
        ["reports", "Officials", "Claudia Sheinbaum", "Residents"]
    );
    assert_eq!(&rows[0][1], "cartels");
    assert_eq!(&rows[0][3], "Example News");
    assert_eq!(&rows[0][20], "true");
    assert_eq!(&rows[3][24], "manual");
    assert_eq!(&rows[3][25], "manual");

    let jsonl = env.ok(&["export", "-f", "jsonl", "--outlet", "Example News"]);
    let text = std::fs::read_to_string(env.path("cartels.txt")).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let objects: Vec<Value> = jsonl.lines().map(json).collect();
    assert_eq!(objects.len(), 3);
    for o in &objects {
        let keys: Vec<&String> = o.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), header.len());
        assert_eq!(o["article_id"], 1);
        // The offsets index the stored text.
        let (s, e) = (
            o["content_start"].as_u64().unwrap() as usize,
            o["content_end"].as_u64().unwrap() as usize,
        );
        let content: String = chars[s..e].iter().collect();
        assert_eq!(o["content"].as_str().unwrap(), content);
    }
    assert_eq!(objects[2]["mention"], "She");
    assert_eq!(objects[2]["url"], Value::Null);

    assert_eq!(
        env.ok(&["export", "--until", "2025-04-01", "-o", "e.csv"]),
        ""
    );
    let file = std::fs::read_to_string(env.path("e.csv")).unwrap();
    assert_eq!(file.lines().count(), 4);
    env.fails_with(
        &["export", "--annotator", "nobody", "-f", "jsonl"],
        1,
        "no claims by \"nobody\" on any article; annotators: manual",
    );
    env.fails_on("whosaid.db", &["export", "-f", "table"], 2);
}

// ---------------------------------------------------------------------------------------
// merge

fn count(db: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Two shards sharing the sample: each records claims on it by hand, one the same as the
/// other's; each has an article of its own.
fn shards(env: &Env) {
    env.add_on(
        "a.db",
        "cartels.txt",
        &["--id", "cartels", "--outlet", "Example News"],
    );
    env.claim_on("a.db", "cartels", REPORTS);
    env.claim_on("a.db", "cartels", OFFICIALS);
    env.write("water.txt", WATER);
    env.add_on("a.db", "water.txt", &["--id", "water"]);

    env.write(
        "other.txt",
        "Police said the road was closed. It reopened at noon.",
    );
    env.add_on("b.db", "other.txt", &["--id", "road"]);
    env.add_on("b.db", "cartels.txt", &["--id", "cartels"]);
    env.claim_on("b.db", "cartels", REPORTS);
    let mut bob = SHEINBAUM.to_vec();
    bob.extend(["--annotator", "bob"]);
    env.claim_on("b.db", "cartels", &bob);
}

#[test]
fn merge_combines_shards_with_overlapping_articles_and_manual_claims() {
    let env = Env::new();
    shards(&env);
    let (a, b) = (dump(&env.path("a.db")), dump(&env.path("b.db")));
    let out = env.ok_on("unused.db", &["merge", "all.db", "a.db", "b.db"]);
    assert_eq!(
        out,
        "a.db: 2 articles added, 0 already stored; 2 claims added, 0 skipped\n\
         b.db: 1 articles added, 1 already stored; 1 claims added, 1 skipped\n"
    );
    // The inputs are untouched.
    assert_eq!(a, dump(&env.path("a.db")));
    assert_eq!(b, dump(&env.path("b.db")));
    let all = env.path("all.db");
    assert_eq!(count(&all, "SELECT count(*) FROM articles"), 3);
    assert_eq!(count(&all, "SELECT count(*) FROM claims"), 3);
    assert_eq!(
        count(
            &all,
            "SELECT count(*) FROM claims WHERE annotator = 'bob' AND origin = 'manual'"
        ),
        1
    );
    // Every claim rests on a source row of its own article.
    assert_eq!(
        count(
            &all,
            "SELECT count(*) FROM claims c JOIN sources s ON s.id = c.source_id
             WHERE s.article_id = c.article_id AND s.name = c.source"
        ),
        3
    );
    // The merged database reports what the shards recorded.
    let report = json(&env.ok_on("all.db", &["report", "cartels", "-f", "json"]));
    assert_eq!(report[0]["breakdown"]["attributions"], 2);
    let bob = json(&env.ok_on(
        "all.db",
        &["claims", "cartels", "--annotator", "bob", "-f", "json"],
    ));
    assert_eq!(bob[0]["source"], "Claudia Sheinbaum");
    assert_eq!(
        json(&env.ok_on("all.db", &["report", "road", "-f", "json"]))[0]["breakdown"]["sentences"],
        2
    );
    // Merging again adds nothing.
    let again = env.ok_on("unused.db", &["merge", "all.db", "a.db", "b.db"]);
    assert!(again.contains("a.db: 0 articles added, 2 already stored; 0 claims added, 2 skipped"));
    assert_eq!(count(&all, "SELECT count(*) FROM claims"), 3);
}

#[test]
fn merge_keeps_one_set_of_automatic_claims() {
    let env = Env::new();
    env.add_on("a.db", "cartels.txt", &[]);
    env.add_on("b.db", "cartels.txt", &[]);
    // Stand-ins for the engine's claims: the same article, a different automatic set in each.
    for (db, source) in [("a.db", "NBC News"), ("b.db", "U.S. officials")] {
        let conn = rusqlite::Connection::open(env.path(db)).unwrap();
        conn.execute(
            "INSERT INTO claims (article_id, source, identity, role, form, origin, annotator, rule)
             VALUES (1, ?1, 'named', 'media', 'paraphrase', 'auto', 'auto', 'test')",
            [source],
        )
        .unwrap();
    }
    env.ok_on("unused.db", &["merge", "all.db", "a.db", "b.db"]);
    let all = env.path("all.db");
    assert_eq!(
        count(&all, "SELECT count(*) FROM claims WHERE origin = 'auto'"),
        1
    );
    assert_eq!(
        count(
            &all,
            "SELECT count(*) FROM claims WHERE source = 'NBC News'"
        ),
        1
    );
}

#[test]
fn merge_refuses_bad_inputs_and_leaves_the_output_alone() {
    let env = Env::new();
    shards(&env);
    env.ok_on("unused.db", &["merge", "all.db", "a.db"]);
    let all = env.path("all.db");
    let before = dump(&all);

    // A newer schema.
    std::fs::copy(env.path("b.db"), env.path("new.db")).unwrap();
    rusqlite::Connection::open(env.path("new.db"))
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let err = env.fails_on("unused.db", &["merge", "all.db", "b.db", "new.db"], 1);
    assert!(err.contains("new.db: schema version 99 is newer"), "{err}");
    assert_eq!(before, dump(&all));

    // Missing, not a database, the output itself.
    let err = env.fails_on("unused.db", &["merge", "all.db", "missing.db"], 1);
    assert!(err.contains("missing.db: no such database file"), "{err}");
    env.write(
        "notes.db",
        "not a database at all, just some text that is long enough",
    );
    let err = env.fails_on("unused.db", &["merge", "all.db", "notes.db"], 1);
    assert!(err.contains("notes.db"), "{err}");
    env.fails_on("unused.db", &["merge", "all.db", "all.db"], 2);
    env.fails_on("unused.db", &["merge", "all.db"], 2);

    // The same external id for another text: that input is refused whole.
    env.write(
        "fake.txt",
        "Another text under the same id. Nobody said anything.",
    );
    env.add_on("c.db", "fake.txt", &["--id", "water"]);
    let err = env.fails_on("unused.db", &["merge", "all.db", "c.db"], 1);
    assert!(err.contains("external id \"water\""), "{err}");
    assert_eq!(before, dump(&all));
}

#[test]
fn merge_reads_a_version_1_shard() {
    let env = Env::new();
    let old = env.path("old.db");
    {
        let conn = rusqlite::Connection::open(&old).unwrap();
        let schema = std::fs::read_to_string(manifest().join("schema.sql")).unwrap();
        conn.execute_batch(&schema).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute(
            "INSERT INTO articles (external_id, text, content_hash) VALUES ('w', ?1, 'h')",
            [WATER],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO claims (article_id, source, identity, role, form, origin, annotator)
             VALUES (1, 'Residents', 'anonymous', 'public', 'paraphrase', 'manual', 'carol')",
            [],
        )
        .unwrap();
    }
    let before = dump(&old);
    env.ok_on("unused.db", &["merge", "all.db", "old.db"]);
    // Read only: the shard stays at version 1.
    assert_eq!(before, dump(&old));
    assert_eq!(count(&old, "PRAGMA user_version"), 1);
    let r = json(&env.ok_on(
        "all.db",
        &["report", "w", "-f", "json", "--annotator", "carol"],
    ));
    assert_eq!(r[0]["breakdown"]["sentences"], 3);
    assert_eq!(r[0]["breakdown"]["attributions"], 1);
    // Matched by the text's own hash (the shard's column says "h"): nothing twice.
    let again = env.ok_on("unused.db", &["merge", "all.db", "old.db"]);
    assert!(
        again.contains("0 articles added, 1 already stored"),
        "{again}"
    );
}

// ---------------------------------------------------------------------------------------
// the sentence cache

#[test]
fn a_version_1_database_gets_its_sentence_counts_when_migrated() {
    let env = Env::new();
    let db = env.path("old.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let schema = std::fs::read_to_string(manifest().join("schema.sql")).unwrap();
        conn.execute_batch(&schema).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        let text = std::fs::read_to_string(env.path("cartels.txt")).unwrap();
        conn.execute(
            "INSERT INTO articles (text, content_hash) VALUES (?1, 'x')",
            [&text],
        )
        .unwrap();
    }
    // A report reads it through a migrated copy and leaves the file as it was.
    let csv = env.ok_on("old.db", &["report", "--all", "-f", "csv"]);
    assert!(
        csv.lines().nth(1).unwrap().starts_with("1,,,,32,0,32,0,"),
        "{csv}"
    );
    assert_eq!(count(&db, "PRAGMA user_version"), 1);
    // `migrate` migrates the file itself.
    env.ok_on("old.db", &["migrate"]);
    assert_eq!(count(&db, "SELECT sentences FROM article_sentences"), 32);
    assert_eq!(
        count(&db, "SELECT length(spans) FROM article_sentences"),
        32 * 8
    );
    assert_eq!(
        count(&db, "PRAGMA user_version"),
        whosaid::store::SCHEMA_VERSION
    );
}

#[test]
fn new_commands_have_help_and_are_in_the_readme() {
    let env = Env::new();
    let readme = std::fs::read_to_string(manifest().join("README.md")).unwrap();
    for cmd in ["export", "merge"] {
        let help = env.ok(&[cmd, "--help"]);
        assert!(help.contains("Usage: whosaid"), "{help}");
        assert!(
            readme.contains(&format!("whosaid {cmd}")),
            "README lacks {cmd}"
        );
    }
    assert!(env.ok(&["report", "--help"]).contains("--by"));
    assert!(readme.contains("report --by"));
    assert!(readme.contains("scripts/spark_analyze.py"));
}

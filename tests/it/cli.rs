//! End-to-end tests: the real `whosaid` binary in a fresh temp dir, on the samples.
//!
//! Whole outputs are compared with `tests/expected/*`; run with `UPDATE_EXPECTED=1` to rewrite
//! them after a deliberate change (and read the diff before committing). Those tests use
//! hand-recorded claims (`add --no-extract`, `claim add`), so they do not depend on the engine.

use std::io::Read;
use std::process::Stdio;

use crate::common::{check, dump, expect_file, json, manifest, Env, OFFICIALS, REPORTS};
use serde_json::Value;

fn sample_text() -> String {
    std::fs::read_to_string(manifest().join("samples/cartels.txt")).unwrap()
}

impl Env {
    /// The sample stored without extraction as `cartels`, with three hand-recorded claims.
    fn with_manual_claims(&self) {
        assert_eq!(self.add_sample(&["--date", "2025-03-01"]), "1\n");
        for claim in manual_claims() {
            let mut args = vec!["claim", "add", "cartels"];
            args.extend(claim.iter().copied());
            self.ok(&args);
        }
    }
}

fn manual_claims() -> Vec<Vec<&'static str>> {
    vec![
        REPORTS.to_vec(),
        OFFICIALS.to_vec(),
        vec![
            "--content",
            "“the Trump administration will use a whole-of-government strategy to combat threats from cartels to American citizens.”",
            "--source",
            "a senior official in the Trump administration",
            "--mention",
            "A senior official in the Trump administration",
            "--identity",
            "anonymous",
            "--role",
            "official",
            "--form",
            "direct_quote",
            "--cue",
            "told",
        ],
    ]
}

const BREAKDOWN_KEYS: &[&str] = &[
    "sentences",
    "attributed_sentences",
    "unattributed_sentences",
    "attributions",
    "by_identity",
    "by_role",
    "by_form",
    "hedged",
    "anonymous_with_reason",
    "loaded_cues",
    "distinct_sources",
    "sources",
];

const ATTRIBUTION_KEYS: &[&str] = &[
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
    "rule",
    "anonymity_reason",
    "anonymity_reason_start",
    "anonymity_reason_end",
    "stance",
];

fn keys(v: &Value) -> Vec<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

fn assert_breakdown(b: &Value) {
    assert_eq!(keys(b), BREAKDOWN_KEYS, "breakdown keys");
    assert_eq!(
        keys(&b["by_identity"]),
        ["named", "anonymous", "unspecified"]
    );
    assert_eq!(
        keys(&b["by_role"]),
        [
            "official",
            "media",
            "expert",
            "organization",
            "public",
            "unknown"
        ]
    );
    assert_eq!(
        keys(&b["by_form"]),
        ["direct_quote", "paraphrase", "document"]
    );
    let n = |k: &str| b[k].as_u64().unwrap();
    assert_eq!(
        n("attributed_sentences") + n("unattributed_sentences"),
        n("sentences")
    );
    let sum = |k: &str| -> u64 {
        b[k].as_object()
            .unwrap()
            .values()
            .map(|v| v.as_u64().unwrap())
            .sum()
    };
    for k in ["by_identity", "by_role", "by_form"] {
        assert_eq!(sum(k), n("attributions"), "{k} sums to attributions");
    }
    assert_eq!(
        b["sources"].as_array().unwrap().len() as u64,
        n("distinct_sources")
    );
}

/// Every attribution has the contract's keys, and each span's text is the text at its
/// code-point offsets.
fn assert_attributions(text: &str, attrs: &Value) {
    let chars: Vec<char> = text.chars().collect();
    for a in attrs.as_array().unwrap() {
        for k in ATTRIBUTION_KEYS {
            assert!(a.get(k).is_some(), "attribution lacks {k}: {a}");
        }
        for part in ["mention", "cue", "content", "anonymity_reason"] {
            if a[part].is_null() {
                continue;
            }
            let s = a[format!("{part}_start")].as_u64().unwrap() as usize;
            let e = a[format!("{part}_end")].as_u64().unwrap() as usize;
            assert!(
                s <= e && e <= chars.len(),
                "{part} offsets out of range: {a}"
            );
            let at: String = chars[s..e].iter().collect();
            assert_eq!(at, a[part].as_str().unwrap(), "{part} offsets: {a}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// add

#[test]
fn add_prints_the_id_and_the_same_text_is_stored_once() {
    let env = Env::new();
    assert_eq!(env.ok(&["add", "cartels.txt"]), "1\n");
    let out = env.run(&["add", "cartels.txt"]);
    check(&["add"], &out, Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1\n");
    assert!(String::from_utf8_lossy(&out.stderr).contains("already stored as 1"));
    // The same text with a trailing newline less, from stdin, is the same article.
    let out = env.run_stdin(&["add", "-"], sample_text().trim_end());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1\n");
    assert!(String::from_utf8_lossy(&out.stderr).contains("already stored as 1"));
    let csv = env.ok(&["articles", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 2, "{csv}");
}

#[test]
fn add_reads_stdin_markdown_and_several_files() {
    let env = Env::new();
    env.write(
        "a.md",
        "# Heading\n\nThe mayor said the bridge would open.\n",
    );
    env.write("b.txt", "Residents said the bridge is late.");
    assert_eq!(
        env.ok(&[
            "add",
            "--no-extract",
            "a.md",
            "b.txt",
            "--outlet",
            "Gazette"
        ]),
        "1\n2\n"
    );
    let out = env.run_stdin(&["add", "--no-extract", "-"], "Police said nothing.\n");
    check(&["add", "-"], &out, Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "3\n");
    let v = json(&env.ok(&["articles", "-f", "json", "--outlet", "Gazette"]));
    assert_eq!(v.as_array().unwrap().len(), 2);
}

#[test]
fn add_stores_metadata_and_resolves_external_ids() {
    let env = Env::new();
    env.ok(&[
        "add",
        "cartels.txt",
        "--id",
        "c-1",
        "--title",
        "T",
        "--outlet",
        "O",
        "--date",
        "2025-01-31",
        "--url",
        "https://example.org/a",
        "--author",
        "A. Writer",
    ]);
    let v = json(&env.ok(&["articles", "-f", "json"]));
    let a = &v[0];
    assert_eq!(a["id"], 1);
    assert_eq!(a["external_id"], "c-1");
    assert_eq!(a["title"], "T");
    assert_eq!(a["outlet"], "O");
    assert_eq!(a["author"], "A. Writer");
    assert_eq!(a["date"], "2025-01-31");
    assert_eq!(a["url"], "https://example.org/a");
    let r = json(&env.ok(&["report", "c-1", "-f", "json"]));
    assert_eq!(r[0]["article"]["id"], 1);
    // Another text under a taken id is refused.
    env.write("other.txt", "Something else entirely.");
    env.refuses(
        &["add", "other.txt", "--id", "c-1"],
        "already names article 1",
    );
}

#[test]
fn add_flags_for_one_article_with_many_files_are_usage_errors() {
    let env = Env::new();
    env.write("b.txt", "B said so.");
    let err = env.fails(&["add", "cartels.txt", "b.txt", "--id", "x"], 2);
    assert!(err.contains("--id"), "{err}");
    let err = env.fails(&["add", "cartels.txt", "--date", "2025-02-30"], 2);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    assert!(!env.db().exists());
}

// ---------------------------------------------------------------------------------------
// import

#[test]
fn import_csv_with_text_and_path_columns() {
    let env = Env::new();
    std::fs::create_dir(env.path("data")).unwrap();
    std::fs::copy(env.path("cartels.txt"), env.path("data/cartels.txt")).unwrap();
    env.write("data/b.txt", "Residents said the water was brown.\n");
    env.write(
        "data/list.csv",
        "id,title,outlet,date,url,path\n\
         c1,Cartels,Example,2025-03-01,https://example.org/1,cartels.txt\n\
         b2,\"Water, brown\",Gazette,2025-03-02,,b.txt\n",
    );
    assert_eq!(
        env.ok(&["import", "--no-extract", "data/list.csv"]),
        "1\n2\n"
    );
    let v = json(&env.ok(&["articles", "-f", "json"]));
    assert_eq!(v[1]["title"], "Water, brown");
    assert_eq!(v[1]["url"], Value::Null);
    // Importing again stores nothing new.
    assert_eq!(env.ok(&["import", "data/list.csv"]), "1\n2\n");
    env.write(
        "texts.csv",
        "id,title,outlet,date,url,text\nt1,One,O,2025-01-01,,\"He said, \"\"yes\"\".\"\n",
    );
    assert_eq!(env.ok(&["import", "texts.csv"]), "3\n");
    assert_eq!(
        json(&env.ok(&["articles", "-f", "json"]))
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn import_jsonl() {
    let env = Env::new();
    let text = serde_json::to_string(&sample_text()).unwrap();
    env.write(
        "a.jsonl",
        format!(
            "{{\"id\": \"c\", \"title\": \"Cartels\", \"outlet\": \"Example\", \"date\": \"2025-03-01\", \"text\": {text}}}\n\
             \n\
             {{\"id\": 7, \"text\": \"Officials said it rained.\", \"extra\": true}}\n"
        ),
    );
    assert_eq!(env.ok(&["import", "a.jsonl"]), "1\n2\n");
    let v = json(&env.ok(&["articles", "-f", "json"]));
    assert_eq!(v[0]["external_id"], "c");
    assert_eq!(v[1]["external_id"], "7");
    let r = json(&env.ok(&["report", "c", "-f", "json"]));
    assert_eq!(r[0]["breakdown"]["sentences"], 32);
}

#[test]
fn import_refuses_a_file_with_a_bad_row_before_storing_any() {
    let env = Env::new();
    env.ok(&["add", "--no-extract", "cartels.txt"]);
    env.write("ragged.csv", "id,title,text\na,A,First text.\nb,B\n");
    env.refuses(
        &["import", "ragged.csv"],
        "row 2 (line 3): 2 fields, expected 3",
    );
    env.write("notext.csv", "id,title,body\na,A,First text.\n");
    env.refuses(&["import", "notext.csv"], "no text or path column");
    env.write(
        "date.csv",
        "id,date,text\na,2025-01-01,One.\nb,01/02/2025,Two.\n",
    );
    env.refuses(
        &["import", "date.csv"],
        "row 2 (line 3), column date: bad date \"01/02/2025\"",
    );
    env.write("empty.csv", "id,text\na,One.\nb,  \n");
    env.refuses(&["import", "empty.csv"], "row 2 (line 3): empty article");
    env.write("missing.csv", "id,path\na,nowhere.txt\n");
    env.refuses(&["import", "missing.csv"], "row 1 (line 2), column path");
    env.write("dup.csv", "id,text\na,One.\na,Two.\n");
    env.refuses(&["import", "dup.csv"], "id \"a\" is also used by");
    env.write("utf8.csv", b"id,text\na,One.\nb,T\xffwo.\n");
    env.refuses(
        &["import", "utf8.csv"],
        "row 2 (line 3), column text: invalid UTF-8",
    );
    env.write("bad.jsonl", "{\"text\": \"One.\"}\n{\"text\": \"Two.\"\n");
    env.refuses(&["import", "bad.jsonl"], "bad.jsonl: line 2: invalid JSON");
    env.write("type.jsonl", "{\"text\": \"One.\", \"title\": 5}\n");
    env.refuses(
        &["import", "type.jsonl"],
        "line 1, key title: expected a string",
    );
    env.write("notes.xml", "<a/>");
    env.refuses(&["import", "notes.xml"], "expected a .csv or .jsonl file");
    env.refuses(&["import", "nowhere.csv"], "nowhere.csv: no such file");
}

// ---------------------------------------------------------------------------------------
// claims

#[test]
fn claim_add_finds_offsets_edit_changes_and_rm_removes() {
    let env = Env::new();
    env.with_manual_claims();
    let text = sample_text();
    let v = json(&env.ok(&["claims", "cartels", "-f", "json"]));
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert_attributions(&text, &v);
    assert!(list
        .iter()
        .all(|c| c["origin"] == "manual" && c["annotator"] == "manual"));

    // edit: new labels and source; offsets of a new content are found again.
    env.ok(&[
        "claim",
        "edit",
        "2",
        "--source",
        "U.S. officials",
        "--role",
        "official",
        "--content",
        "no decision had been finalized",
        "--hedged",
    ]);
    let v = json(&env.ok(&["claims", "1", "-f", "json"]));
    let c = v
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == 2)
        .unwrap()
        .clone();
    assert_eq!(c["source"], "U.S. officials");
    assert_eq!(c["hedged"], true);
    assert_eq!(c["content"], "no decision had been finalized");
    assert_attributions(&text, &v);
    let err = env.fails(&["claim", "edit", "2"], 2);
    assert!(err.contains("nothing to change"), "{err}");

    // rm
    env.ok(&["claim", "rm", "1", "3"]);
    let v = json(&env.ok(&["claims", "1", "-f", "json"]));
    assert_eq!(v.as_array().unwrap().len(), 1);
    env.refuses(&["claim", "rm", "2", "99"], "no claim with id 99");
    env.refuses(&["claim", "edit", "99", "--hedged"], "no claim with id 99");
}

#[test]
fn claim_content_must_occur_once_or_be_picked() {
    let env = Env::new();
    env.ok(&["add", "--no-extract", "cartels.txt"]);
    let base = [
        "--source",
        "Trump",
        "--identity",
        "named",
        "--role",
        "official",
        "--form",
        "paraphrase",
    ];
    let with = |extra: &[&'static str]| -> Vec<&str> {
        let mut v = vec!["claim", "add", "1"];
        v.extend_from_slice(extra);
        v.extend_from_slice(&base);
        v
    };
    env.refuses(
        &with(&["--content", "Trump is planning"]),
        "does not occur in article 1",
    );
    env.refuses(&with(&["--content", "cartel"]), "is ambiguous: it occurs");
    let out = env.ok(&with(&["--content", "cartel", "--occurrence", "2"]));
    let id = out.trim();
    let v = json(&env.ok(&["claims", "1", "-f", "json"]));
    let c = &v[0];
    assert_eq!(c["id"].to_string(), id);
    let text = sample_text();
    let second = text.match_indices("cartel").nth(1).unwrap().0;
    assert_eq!(
        c["content_start"].as_u64().unwrap() as usize,
        text[..second].chars().count()
    );
    env.refuses(
        &with(&[
            "--content",
            "targeting cartel strongholds",
            "--cue",
            "whispered",
        ]),
        "cue \"whispered\" does not occur",
    );
    env.fails(&with(&["--content", "cartel", "--occurrence", "0"]), 2);
    env.refuses(
        &with(&["--content", "cartel", "--occurrence", "99"]),
        "occurs only",
    );
}

#[test]
fn claims_and_report_default_to_auto_then_manual_and_take_an_annotator() {
    let env = Env::new();
    env.with_manual_claims();
    env.ok(&[
        "claim",
        "add",
        "1",
        "--content",
        "Trump is still weighing options",
        "--source",
        "Donald Trump",
        "--identity",
        "named",
        "--role",
        "official",
        "--form",
        "paraphrase",
        "--annotator",
        "alice",
    ]);
    let manual = json(&env.ok(&["claims", "1", "-f", "json"]));
    assert_eq!(manual.as_array().unwrap().len(), 3);
    let alice = json(&env.ok(&["claims", "1", "-f", "json", "--annotator", "alice"]));
    assert_eq!(alice.as_array().unwrap().len(), 1);
    let r = json(&env.ok(&["report", "1", "-f", "json", "--annotator", "alice"]));
    assert_eq!(r[0]["annotator"], "alice");
    assert_eq!(r[0]["breakdown"]["attributions"], 1);
}

// ---------------------------------------------------------------------------------------
// report

#[test]
fn report_in_three_formats_matches_expected_output() {
    let env = Env::new();
    env.with_manual_claims();
    expect_file("report.txt", &env.ok(&["report", "cartels"]));
    expect_file(
        "report.csv",
        &env.ok(&["report", "--all", "--format", "csv"]),
    );
    let j = env.ok(&["report", "1", "--format", "json"]);
    expect_file("report.json", &j);
    let v = json(&j);
    assert_eq!(keys(&v[0]), ["article", "annotator", "breakdown"]);
    assert_breakdown(&v[0]["breakdown"]);
    expect_file("claims.txt", &env.ok(&["claims", "cartels"]));
}

#[test]
fn report_csv_has_the_contract_columns() {
    let env = Env::new();
    env.with_manual_claims();
    let csv = env.ok(&["report", "--all", "-f", "csv"]);
    let header = csv.lines().next().unwrap();
    assert_eq!(
        header,
        "article_id,title,outlet,date,sentences,attributed_sentences,unattributed_sentences,\
         attributions,named,anonymous,unspecified,official,media,expert,organization,public,\
         unknown,direct_quote,paraphrase,document,hedged,distinct_sources,named_share,\
         anonymous_share,unspecified_share,direct_quote_share,anonymous_with_reason,external_id,loaded_cues"
    );
}

#[test]
fn report_selects_by_outlet_and_dates_and_writes_to_a_file() {
    let env = Env::new();
    env.with_manual_claims();
    env.write("b.txt", "Residents said the water was brown.");
    env.ok(&[
        "add",
        "--no-extract",
        "b.txt",
        "--outlet",
        "Gazette",
        "--date",
        "2025-05-01",
    ]);
    let ids = |args: &[&str]| -> Vec<i64> {
        let mut a = vec!["report", "-f", "json"];
        a.extend_from_slice(args);
        json(&env.ok(&a))
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["article"]["id"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(ids(&["--all"]), [1, 2]);
    assert_eq!(ids(&["--outlet", "Gazette"]), [2]);
    assert_eq!(ids(&["--since", "2025-04-01"]), [2]);
    assert_eq!(ids(&["--until", "2025-04-01"]), [1]);
    assert_eq!(ids(&["2", "1"]), [2, 1]);
    assert_eq!(
        env.ok(&["report", "--all", "-f", "csv", "-o", "out.csv"]),
        ""
    );
    let written = std::fs::read_to_string(env.path("out.csv")).unwrap();
    assert_eq!(written, env.ok(&["report", "--all", "-f", "csv"]));
    let err = env.fails(&["report"], 2);
    assert!(err.contains("--all"), "{err}");
    env.fails(&["report", "1", "--all"], 2);
}

// ---------------------------------------------------------------------------------------
// bad input

#[test]
fn bad_input_is_one_clear_line_and_leaves_the_database_alone() {
    let env = Env::new();
    env.with_manual_claims();
    env.refuses(&["add", "missing.txt"], "missing.txt: no such file");
    std::fs::create_dir(env.path("folder")).unwrap();
    env.refuses(&["add", "folder"], "folder: is a directory");
    env.write("latin1.txt", b"Caf\xe9 owners said so.");
    env.refuses(
        &["add", "latin1.txt"],
        "latin1.txt: invalid UTF-8 at byte offset 3",
    );
    env.write("blank.txt", "  \n\n");
    env.refuses(&["add", "blank.txt"], "blank.txt: empty article");
    env.write("page.pdf", "%PDF");
    env.refuses(&["add", "page.pdf"], "expected a .txt, .md or .html file");
    env.refuses(&["claims", "nope"], "no article with id \"nope\"");
    env.refuses(&["report", "1", "99"], "no article with id \"99\"");
    env.refuses(
        &[
            "claim",
            "add",
            "1",
            "--content",
            "not in the text",
            "--source",
            "X",
            "--identity",
            "named",
            "--role",
            "official",
            "--form",
            "paraphrase",
        ],
        "does not occur in article 1",
    );
    // An unknown label value is a usage error (exit 2), named by clap.
    let before = dump(&env.db());
    let err = env.fails(
        &[
            "claim",
            "add",
            "1",
            "--content",
            "Officials",
            "--source",
            "X",
            "--identity",
            "famous",
            "--role",
            "official",
            "--form",
            "paraphrase",
        ],
        2,
    );
    assert!(
        err.contains("famous") && err.contains("named, anonymous, unspecified"),
        "{err}"
    );
    assert_eq!(before, dump(&env.db()));
}

#[test]
fn a_closed_stdout_pipe_is_not_an_error() {
    let env = Env::new();
    env.with_manual_claims();
    for _ in 0..3 {
        let mut child = env
            .command(&["report", "--all", "-f", "json"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{err}");
        assert_eq!(err, "");
    }
}

// ---------------------------------------------------------------------------------------
// the database

#[test]
fn the_database_comes_from_the_flag_the_environment_or_the_current_dir() {
    let env = Env::new();
    env.ok(&["add", "--no-extract", "cartels.txt"]);
    assert!(env.db().exists());
    let out = env
        .command(&["--db", "other.db", "add", "--no-extract", "cartels.txt"])
        .output()
        .unwrap();
    check(&["--db"], &out, Some(0));
    assert!(env.path("other.db").exists());
    let out = env
        .command(&["articles", "-f", "csv"])
        .env_remove("WHOSAID_DB")
        .output()
        .unwrap();
    check(&["articles"], &out, Some(0));
    assert!(env.path("whosaid.db").exists());
}

#[test]
fn a_database_from_a_newer_whosaid_is_refused() {
    let env = Env::new();
    env.ok(&["add", "--no-extract", "cartels.txt"]);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    env.refuses(
        &["articles"],
        "schema version 99 is newer than this whosaid knows",
    );
}

#[test]
fn a_directory_as_database_is_refused() {
    let env = Env::new();
    std::fs::create_dir(env.path("dbdir")).unwrap();
    let err = env.fails(&["--db", "dbdir", "articles"], 1);
    assert!(err.contains("dbdir: is a directory"), "{err}");
    let err = env.fails(&["--db", "cartels.txt", "articles"], 1);
    assert!(err.contains("cartels.txt: file is not a database"), "{err}");
    assert_eq!(
        std::fs::read_to_string(env.path("cartels.txt")).unwrap(),
        sample_text()
    );
}

// ---------------------------------------------------------------------------------------
// analyze and extract (structure and invariants, not the engine's exact output)

#[test]
fn analyze_json_follows_the_contract() {
    let env = Env::new();
    let v = json(&env.ok(&["analyze", "cartels.txt", "--format", "json"]));
    assert_eq!(keys(&v), ["attributions", "breakdown", "entities"]);
    assert_breakdown(&v["breakdown"]);
    assert_eq!(v["breakdown"]["sentences"], 32);
    assert_attributions(&sample_text(), &v["attributions"]);
    let n = v["attributions"].as_array().unwrap().len();
    let csv = env.ok(&["analyze", "cartels.txt", "--format", "csv"]);
    assert_eq!(csv.lines().count(), n + 1);
    assert!(csv.starts_with("source,mention,mention_start,mention_end,cue,cue_start,cue_end,content,content_start,content_end,identity,role,form,hedged,via,rule,trigger,anonymity_reason,anonymity_reason_start,anonymity_reason_end,stance\n"));
    let table = env.ok(&["analyze", "cartels.txt"]);
    assert!(table.contains("sentences"), "{table}");
    assert!(
        table.lines().all(|l| l.chars().count() <= 80),
        "wider than 80 columns:\n{table}"
    );
    // stdin works and no database is created.
    let out = env.run_stdin(&["analyze", "-", "-f", "json"], &sample_text());
    check(&["analyze", "-"], &out, Some(0));
    assert_eq!(
        json(&String::from_utf8(out.stdout).unwrap())["breakdown"]["sentences"],
        32
    );
    assert!(!env.db().exists());
    env.refuses(&["analyze", "nothing.txt"], "no such file");
}

#[test]
fn analyze_explain_says_which_rule_found_each_attribution() {
    let env = Env::new();
    let v = json(&env.ok(&["analyze", "cartels.txt", "--format", "json"]));
    let attrs = v["attributions"].as_array().unwrap();
    assert!(!attrs.is_empty());
    let table = env.ok(&["analyze", "cartels.txt", "--explain"]);
    let why = table
        .split("\nwhy:\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no why: section in\n{table}"));
    // One numbered paragraph per attribution, in order, naming its rule and its cue.
    let mut rest = why;
    for (i, a) in attrs.iter().enumerate() {
        let head = format!("{:>4}  {}: ", i + 1, a["rule"].as_str().unwrap());
        let at = rest
            .find(&head)
            .unwrap_or_else(|| panic!("attribution {} ({head:?}) not explained in\n{why}", i + 1));
        rest = &rest[at + head.len()..];
        if let Some(cue) = a["cue"].as_str() {
            assert!(rest.starts_with(&format!("cue {cue:?}")), "{rest}");
        }
    }
    assert!(table.lines().all(|l| l.chars().count() <= 80), "{table}");
    env.fails(&["analyze", "cartels.txt", "--explain", "--show"], 2);
}

#[test]
fn analyze_jsonl_streams_in_input_order() {
    let env = Env::new();
    let text = sample_text();
    let mut input = String::new();
    for i in 0..600 {
        let t = if i % 3 == 0 {
            text.clone()
        } else {
            format!("Line {i}. The mayor said it was {i}.")
        };
        input.push_str(&serde_json::json!({"id": i, "text": t, "outlet": "x"}).to_string());
        input.push('\n');
    }
    let path = env.write("in.jsonl", &input);
    for jobs in ["1", "2", "4"] {
        let out = env.ok(&["analyze", "--jsonl", path.to_str().unwrap(), "-j", jobs]);
        let lines: Vec<Value> = out.lines().map(json).collect();
        assert_eq!(lines.len(), 600);
        for (i, l) in lines.iter().enumerate() {
            assert_eq!(
                keys(l),
                ["id", "outlet", "attributions", "breakdown", "engine"]
            );
            assert_eq!(l["id"], i);
            assert_breakdown(&l["breakdown"]);
            if i % 3 == 0 {
                assert_eq!(l["breakdown"]["sentences"], 32);
                assert_attributions(&text, &l["attributions"]);
            }
        }
    }
    let out = env.run_stdin(
        &["analyze", "--jsonl", "-"],
        "{\"id\": \"a\", \"text\": \"Hi.\"}\n",
    );
    check(&["analyze", "--jsonl", "-"], &out, Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
    env.write("bad.jsonl", "{\"id\": 1, \"text\": \"Hi.\"}\n[1]\n");
    let err = env.fails(&["analyze", "--jsonl", "bad.jsonl"], 1);
    assert!(
        err.contains("bad.jsonl: line 2: expected a JSON object"),
        "{err}"
    );
    env.fails(&["analyze", "--jsonl", "bad.jsonl", "--format", "csv"], 2);
    env.fails(&["analyze", "--jsonl", "bad.jsonl", "-j", "0"], 2);
}

#[test]
fn add_stores_the_engines_claims_as_auto() {
    let env = Env::new();
    env.ok(&["add", "cartels.txt"]);
    let engine = json(&env.ok(&["analyze", "cartels.txt", "-f", "json"]));
    let n = engine["attributions"].as_array().unwrap().len();
    let stored = json(&env.ok(&["claims", "1", "-f", "json", "--annotator", "auto"]));
    assert_eq!(stored.as_array().unwrap().len(), n);
    assert!(stored
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["origin"] == "auto"));
    assert_attributions(&sample_text(), &stored);
    // --no-extract stores none.
    env.write("b.txt", "Residents said the water was brown.");
    env.ok(&["add", "--no-extract", "b.txt"]);
    let none = json(&env.ok(&["claims", "2", "-f", "json"]));
    assert_eq!(none.as_array().unwrap().len(), 0);
    // asked for by name, an empty list is an error that says who has claims
    env.fails_with(
        &["claims", "2", "-f", "json", "--annotator", "auto"],
        1,
        "no claims by \"auto\" on article 2; annotators here: none",
    );
}

#[test]
fn extract_replaces_automatic_claims_and_keeps_hand_recorded_ones() {
    let env = Env::new();
    env.with_manual_claims();
    // An automatic claim left by an earlier engine run.
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute(
        "INSERT INTO claims (article_id, source, identity, role, form, origin, annotator)
         VALUES (1, 'stale', 'named', 'official', 'paraphrase', 'auto', 'auto')",
        [],
    )
    .unwrap();
    drop(conn);
    let engine = json(&env.ok(&["analyze", "cartels.txt", "-f", "json"]));
    let n = engine["attributions"].as_array().unwrap().len();
    let out = env.ok(&["extract", "--all"]);
    assert!(
        out.contains(&format!("article 1: {n} automatic claim")),
        "{out}"
    );
    assert!(out.contains("replacing 1"), "{out}");
    let auto = json(&env.ok(&["claims", "1", "-f", "json", "--annotator", "auto"]));
    assert_eq!(auto.as_array().unwrap().len(), n);
    assert!(auto
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["source"] != "stale"));
    let manual = json(&env.ok(&["claims", "1", "-f", "json", "--annotator", "manual"]));
    assert_eq!(manual.as_array().unwrap().len(), 3);
    env.ok(&["extract", "cartels"]);
    env.refuses(&["extract", "42"], "no article with id \"42\"");
    env.fails(&["extract"], 2);
}

// ---------------------------------------------------------------------------------------
// documentation

#[test]
fn every_command_has_help_and_is_in_the_readme() {
    let env = Env::new();
    let readme = std::fs::read_to_string(manifest().join("README.md")).unwrap();
    for cmd in [
        "analyze", "add", "import", "articles", "claim", "claims", "report", "extract",
    ] {
        let help = env.ok(&[cmd, "--help"]);
        assert!(help.contains("Usage: whosaid"), "{help}");
        assert!(
            readme.contains(&format!("whosaid {cmd}")),
            "README lacks `whosaid {cmd}`"
        );
    }
    assert!(readme.contains("cargo run --release -- analyze samples/cartels.txt"));
    assert!(readme.contains("cargo test"));
}

#[test]
fn several_processes_share_one_database() {
    let env = Env::new();
    let mut children = Vec::new();
    for i in 0..6 {
        let name = format!("n{i}.txt");
        env.write(
            &name,
            format!("Article {i}. The mayor said the count was {i}."),
        );
        children.push(
            env.command(&["add", &name])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap(),
        );
    }
    for c in children {
        let out = c.wait_with_output().unwrap();
        check(&["add (concurrent)"], &out, Some(0));
    }
    let v = json(&env.ok(&["articles", "-f", "json"]));
    assert_eq!(v.as_array().unwrap().len(), 6);
}

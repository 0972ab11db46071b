//! Import at scale, on the real binary: folders with HTML pages, the size limit, checking
//! before writing, a run killed part-way (crash safety and resuming), and several processes
//! importing into one database at once.

use std::collections::HashMap;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::{check, manifest, Env};
use rusqlite::{Connection, OpenFlags};
use serde_json::{json, Value};

impl Env {
    fn count(&self) -> i64 {
        count_articles(&self.db()).unwrap()
    }
}

fn open_ro(db: &Path) -> rusqlite::Result<Connection> {
    let c = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    c.busy_timeout(Duration::from_secs(10))?;
    Ok(c)
}

fn count_articles(db: &Path) -> rusqlite::Result<i64> {
    open_ro(db)?.query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
}

/// `n` short distinct articles as JSONL, ids `{prefix}{i}`.
fn corpus(prefix: &str, n: usize) -> String {
    let verbs = [
        "said",
        "told reporters",
        "announced",
        "wrote in a statement",
    ];
    let who = [
        "the mayor",
        "a police spokesperson",
        "officials",
        "Dr. Amina Farouk, an economist at the university,",
    ];
    let mut s = String::new();
    for i in 0..n {
        let text = format!(
            "Bridge {i} in {prefix} district will reopen in {} weeks, {} {}. \
             Repairs cost {} thousand dollars. \"We are on schedule,\" the engineer said.",
            i % 12 + 1,
            who[i % who.len()],
            verbs[(i / 4) % verbs.len()],
            i * 7 % 1000
        );
        s.push_str(
            &json!({"id": format!("{prefix}{i}"), "outlet": "Ledger", "text": text}).to_string(),
        );
        s.push('\n');
    }
    s
}

#[test]
fn import_walks_a_folder_in_sorted_order_with_html_pages() {
    let env = Env::empty();
    let page = std::fs::read_to_string(manifest().join("samples/port-strike.html")).unwrap();
    let cartels = std::fs::read_to_string(manifest().join("samples/cartels.txt")).unwrap();
    env.write("news/b/strike.html", &page);
    env.write(
        "news/a.md",
        "# Rain\n\nOfficials said it rained all week.\n",
    );
    env.write("news/b/cartels.txt", &cartels);
    env.write("news/c.txt", "The council said the vote was delayed.\n");
    env.write("news/notes.pdf", "%PDF-1.4 not an article");
    let (out, err) = env.ok_both(&["import", "-j", "2", "news"]);
    assert_eq!(out, "1\n2\n3\n4\n");
    assert!(
        err.contains("news: imported 4 articles (0 already stored, 0 failed)"),
        "{err}"
    );
    // Sorted: a.md, b/cartels.txt, b/strike.html, c.txt.
    let c = open_ro(&env.db()).unwrap();
    let rows: Vec<(Option<String>, Option<String>, String)> = c
        .prepare("SELECT title, author, text FROM articles ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert!(rows[0].2.starts_with("# Rain"));
    assert_eq!(rows[1].2, cartels.trim_end());
    assert_eq!(
        rows[2].0.as_deref(),
        Some("Port strike ends after nine days")
    );
    assert_eq!(rows[2].1.as_deref(), Some("Dana Whitfield"));
    assert!(rows[2].2.contains("statement.\n\n\"We have an agreement"));
    assert!(!rows[2].2.contains("cookies") && !rows[2].2.contains("dataLayer"));
    assert!(rows[3].2.starts_with("The council said"));
    // Again: everything is already stored.
    let (out, err) = env.ok_both(&["import", "news"]);
    assert_eq!(out, "1\n2\n3\n4\n");
    assert!(
        err.contains("imported 0 articles (4 already stored, 0 failed)"),
        "{err}"
    );
    // A file that is not an article is named and skipped; the others are stored; exit 1.
    env.write("more/x.txt", b"caf\xe9 said".as_slice());
    env.write("more/y.txt", "Neighbours said the dog barked.");
    let args = ["import", "--quiet", "more"];
    let out = env.run(&args);
    check(&args, &out, Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("more/x.txt: invalid UTF-8 at byte offset 3"),
        "{err}"
    );
    assert!(
        err.contains("imported 1 article (0 already stored, 1 failed)"),
        "{err}"
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "5\n");
    // A CSV path column may name an HTML page: its text is stored, its title fills in.
    std::fs::copy(
        manifest().join("samples/port-strike.html"),
        env.path("p.html"),
    )
    .unwrap();
    env.write("pages.csv", "id,outlet,path\nstrike,Harbor Times,p.html\n");
    // The same text as news/b/strike.html, but under an id of its own: another article.
    let (out, _) = env.ok_both(&["import", "pages.csv"]);
    assert_eq!(out, "6\n");
    let (title, outlet): (String, String) = open_ro(&env.db())
        .unwrap()
        .query_row("SELECT title, outlet FROM articles WHERE id = 6", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(title, "Port strike ends after nine days");
    assert_eq!(outlet, "Harbor Times");
}

#[test]
fn add_stores_an_html_pages_text_and_claims_index_it() {
    let env = Env::empty();
    std::fs::copy(
        manifest().join("samples/port-strike.html"),
        env.path("strike.html"),
    )
    .unwrap();
    let (out, _) = env.ok_both(&["add", "--no-extract", "strike.html", "--id", "strike"]);
    assert_eq!(out, "1\n");
    let (title, author, text): (String, String, String) = open_ro(&env.db())
        .unwrap()
        .query_row("SELECT title, author, text FROM articles", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(title, "Port strike ends after nine days");
    assert_eq!(author, "Dana Whitfield");
    // Offsets are code points of the stored text, not of the HTML.
    env.ok_both(&[
        "claim",
        "add",
        "strike",
        "--content",
        "the deal raised hourly pay by six percent",
        "--source",
        "Maria Okafor",
        "--cue",
        "said",
        "--identity",
        "named",
        "--role",
        "organization",
        "--form",
        "paraphrase",
    ]);
    let (out, _) = env.ok_both(&["claims", "strike", "--annotator", "manual", "-f", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let start = v[0]["content_start"].as_u64().unwrap() as usize;
    let end = v[0]["content_end"].as_u64().unwrap() as usize;
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(
        chars[start..end].iter().collect::<String>(),
        "the deal raised hourly pay by six percent"
    );
}

#[test]
fn an_article_over_the_size_limit_is_refused_naming_the_place_and_the_limit() {
    let env = Env::empty();
    env.write("seed.txt", "A seed article, the gardener said.");
    env.ok_both(&["add", "seed.txt"]);
    // The default limit is 10 MB.
    let mut big = "Officials said the flood was the worst in memory. ".repeat(200_001);
    big.truncate(10_000_001);
    env.write("big.txt", &big);
    env.refuses(
        &["add", "big.txt"],
        "big.txt: article is 10000001 bytes, over the limit of 10000000 bytes (see --max-bytes)",
    );
    env.write(
        "small.txt",
        "The mayor said the bridge would reopen in May.",
    );
    env.refuses(
        &["add", "--max-bytes", "20", "small.txt"],
        "small.txt: article is 46 bytes, over the limit of 20 bytes",
    );
    env.write(
        "a.csv",
        "id,text\na,Short one.\nb,The mayor said the bridge would reopen.\n",
    );
    env.refuses(
        &["import", "--max-bytes", "20", "a.csv"],
        "a.csv: row 2 (line 3), column text: article is 39 bytes, over the limit of 20 bytes",
    );
    env.write(
        "a.jsonl",
        "{\"text\": \"Short.\"}\n{\"text\": \"The mayor said the bridge would reopen.\"}\n",
    );
    env.refuses(
        &["import", "--max-bytes", "20", "a.jsonl"],
        "a.jsonl: line 2, column text: article is 39 bytes, over the limit of 20 bytes",
    );
    env.write("d/one.txt", "The mayor said the bridge would reopen.");
    let out = env.run(&["import", "--max-bytes", "20", "d"]);
    check(&["import d"], &out, Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("one.txt: article is 39 bytes, over the limit of 20 bytes"),
        "{err}"
    );
    // Within the limit all is well.
    env.ok_both(&["import", "--max-bytes", "39", "a.csv"]);
}

#[test]
fn a_bad_row_in_a_late_batch_refuses_the_whole_file() {
    let env = Env::empty();
    let mut lines = corpus("v", 50);
    lines.push_str("{\"id\": \"late\", \"date\": \"2025-13-45\", \"text\": \"Late.\"}\n");
    lines.push_str(&corpus("w", 10));
    env.write("c.jsonl", &lines);
    env.refuses(
        &["import", "--batch", "7", "-j", "2", "c.jsonl"],
        "c.jsonl: line 51, column date",
    );
    assert!(!env.db().exists());
    env.write(
        "dup.jsonl",
        format!("{}{}", corpus("v", 30), corpus("v", 1)),
    );
    env.refuses(
        &["import", "--batch", "4", "dup.jsonl"],
        "dup.jsonl: line 31, column id: id \"v0\" is also used by dup.jsonl: line 1",
    );
    // An id already naming another stored text is refused before anything is written.
    env.write("first.jsonl", corpus("v", 3));
    env.ok_both(&["import", "first.jsonl"]);
    env.write(
        "clash.jsonl",
        format!(
            "{}{{\"id\": \"v1\", \"text\": \"Another text.\"}}\n",
            corpus("z", 20)
        ),
    );
    env.refuses(
        &["import", "--batch", "5", "clash.jsonl"],
        "clash.jsonl: line 21, column id: id \"v1\" already names article 2",
    );
    assert_eq!(env.count(), 3);
}

/// Kill an import with SIGKILL once the database shows some articles, then check that the
/// database is sound, that every stored article has exactly the automatic claims the engine
/// finds in its text (article and claims are written in one transaction, so a batch cut off
/// by the kill leaves neither), and that running the import again stores exactly the rest.
#[test]
fn a_killed_import_leaves_a_sound_database_and_a_rerun_stores_the_rest() {
    const N: usize = 20_000;
    let env = Env::empty();
    env.write("big.jsonl", corpus("k", N));
    let mut child = env
        .command(&["import", "--batch", "100", "-j", "2", "big.jsonl"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(300);
    let mut seen = 0;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the import ended ({status}) before it could be killed");
        }
        seen = count_articles(&env.db()).unwrap_or(0);
        if seen > 0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(seen > 0, "no article was stored in time");
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let c = open_ro(&env.db()).unwrap();
    let integrity: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    let stored = env.count();
    assert!(
        stored > 0 && (stored as usize) < N,
        "stored {stored} of {N}"
    );
    assert_eq!(stored % 100, 0, "only whole batches are stored: {stored}");

    // The engine is deterministic: its attributions for each stored text (from
    // `analyze --jsonl`) must all be stored with that article.
    let mut texts = String::new();
    let mut want_claims: HashMap<String, i64> = HashMap::new();
    {
        let mut st = c
            .prepare(
                "SELECT a.external_id, a.text,
                        (SELECT count(*) FROM claims WHERE article_id = a.id AND origin = 'auto')
                 FROM articles a ORDER BY a.id",
            )
            .unwrap();
        let rows = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .unwrap();
        for row in rows {
            let (id, text, n) = row.unwrap();
            texts.push_str(&json!({"id": id, "text": text}).to_string());
            texts.push('\n');
            want_claims.insert(id, n);
        }
    }
    drop(c);
    env.write("stored.jsonl", &texts);
    let (out, _) = env.ok_both(&["analyze", "--jsonl", "stored.jsonl"]);
    let mut checked = 0;
    for line in out.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        let id = v["id"].as_str().unwrap();
        let found = v["attributions"].as_array().unwrap().len() as i64;
        assert_eq!(
            want_claims[id], found,
            "article {id}: stored auto claims vs the engine's"
        );
        checked += 1;
    }
    assert_eq!(checked, stored);

    // Running the same import again stores exactly the missing articles.
    let (out, err) = env.ok_both(&["import", "big.jsonl"]);
    assert_eq!(out.lines().count(), N);
    assert!(
        err.contains(&format!(
            "imported {} articles ({stored} already stored, 0 failed)",
            N as i64 - stored
        )),
        "{err}"
    );
    assert_eq!(env.count(), N as i64);
    let ids: i64 = open_ro(&env.db())
        .unwrap()
        .query_row(
            "SELECT count(DISTINCT external_id) FROM articles",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(ids, N as i64);
}

#[test]
fn four_processes_import_into_one_database_at_once() {
    const N: usize = 1_500;
    let env = Env::empty();
    let mut children = Vec::new();
    for p in ["p", "q", "r", "s"] {
        let name = format!("{p}.jsonl");
        env.write(&name, corpus(p, N));
        children.push((
            name.clone(),
            env.command(&["import", "--batch", "50", "-j", "1", &name])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap(),
        ));
    }
    for (name, c) in children {
        let out = c.wait_with_output().unwrap();
        check(&["import", &name], &out, Some(0));
        assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), N);
    }
    assert_eq!(env.count(), 4 * N as i64);
    let integrity: String = open_ro(&env.db())
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
}

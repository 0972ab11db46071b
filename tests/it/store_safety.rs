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

// ---------------------------------------------------------------------------------------
// reading commands read only

/// Whether this process runs as root (who may write any file whatever its mode).
fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .map(|l| l.split_whitespace().nth(2) == Some("0"))
        })
        .unwrap_or(false)
}

/// `whosaid args` on database `db` as a user for whom a mode without `w` means read-only:
/// this user, or, as root, `nobody` through `setpriv`. None (with a line saying the test
/// skipped) when root and `setpriv` is missing.
fn as_unprivileged(env: &Env, db: &std::path::Path, args: &[&str]) -> Option<std::process::Output> {
    let mut cmd = if is_root() {
        let nobody = || {
            let mut c = std::process::Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
                .arg(crate::common::BIN);
            c
        };
        // setpriv present, and the binary reachable by nobody
        let usable = nobody()
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !usable {
            use std::io::Write;
            let _ = std::io::stderr().write_all(
                b"skipped: a read-only test run as root needs setpriv, and the binary \
                  reachable by nobody, to drop root's rights\n",
            );
            return None;
        }
        nobody()
    } else {
        std::process::Command::new(crate::common::BIN)
    };
    cmd.args(args)
        .current_dir(env.dir.path())
        .env("WHOSAID_DB", db)
        .env("COLUMNS", "80")
        .stdin(std::process::Stdio::null());
    Some(cmd.output().unwrap())
}

fn set_mode(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn reading_commands_work_on_a_read_only_file_in_a_read_only_folder() {
    let env = Env::new();
    set_mode(env.dir.path(), 0o755);
    std::fs::create_dir(env.path("ro")).unwrap();
    let db = env.path("ro/w.db");
    let ok = env
        .command(&["add", "cartels.txt", "--id", "cartels"])
        .env("WHOSAID_DB", &db)
        .output()
        .unwrap();
    assert!(ok.status.success());
    set_mode(&db, 0o444);
    set_mode(&env.path("ro"), 0o555);
    let bytes = std::fs::read(&db).unwrap();
    let reads: &[&[&str]] = &[
        &["articles", "-f", "csv"],
        &["claims", "cartels", "-f", "csv"],
        &["report", "--all", "-f", "csv"],
        &["show", "cartels"],
        &["export"],
        &["annotators"],
        &["worksheet", "cartels"],
        &["compare", "cartels", "--key", "auto", "--annotator", "auto"],
    ];
    for args in reads {
        let Some(out) = as_unprivileged(&env, &db, args) else {
            break;
        };
        assert!(
            out.status.success() && !out.stdout.is_empty(),
            "{}",
            crate::common::show(args, &out)
        );
        assert!(out.stderr.is_empty(), "{}", crate::common::show(args, &out));
    }
    // A command that writes says why it cannot.
    if let Some(out) = as_unprivileged(&env, &db, &["claim", "rm", "1"]) {
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("w.db: cannot write it"), "{err}");
    }
    assert_eq!(bytes, std::fs::read(&db).unwrap());
    assert_eq!(
        std::fs::read_dir(env.path("ro")).unwrap().count(),
        1,
        "files were created next to the database"
    );
    set_mode(&env.path("ro"), 0o755);
    set_mode(&db, 0o644);
}

#[test]
fn a_reading_command_on_a_missing_database_creates_nothing() {
    let env = Env::new();
    let err = env.fails(&["articles"], 1);
    assert!(
        err.contains("whosaid.db: no such database") && err.contains("whosaid add"),
        "{err}"
    );
    assert!(!env.db().exists());
}

// ---------------------------------------------------------------------------------------
// readers and writers at the same time

/// A connection on `db` holding the write lock in an open transaction with one article
/// added and not committed.
fn hold_write_lock(db: &std::path::Path) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(db).unwrap();
    c.execute_batch(
        "BEGIN IMMEDIATE;
         INSERT INTO articles (text, content_hash) VALUES ('Uncommitted said so.', 'h');",
    )
    .unwrap();
    c
}

#[test]
fn a_reader_is_not_blocked_by_a_writers_open_transaction() {
    let env = Env::new();
    env.add_sample(&[]);
    let writer = hold_write_lock(&env.db());
    let started = std::time::Instant::now();
    for args in [
        &["articles", "-f", "csv"][..],
        &["report", "--all", "-f", "csv"],
        &["export"],
    ] {
        let out = env
            .command(args)
            .env("WHOSAID_LOCK_TIMEOUT", "20")
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", crate::common::show(args, &out));
        assert!(!String::from_utf8_lossy(&out.stdout).contains("Uncommitted"));
    }
    assert!(
        started.elapsed() < std::time::Duration::from_secs(3),
        "readers waited {:?} for the writer",
        started.elapsed()
    );
    writer.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn a_writer_waiting_for_the_lock_says_so_and_gives_up_after_the_bound() {
    let env = Env::new();
    env.add_sample(&[]);
    env.write("more.txt", "The council said the vote was delayed.");
    let db = env.db();
    let shown = db.display().to_string();

    // The lock is released after 4.5 s: the writer says it waits, then succeeds.
    let writer = hold_write_lock(&db);
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(4500));
        writer.execute_batch("ROLLBACK").unwrap();
    });
    let out = env
        .command(&["add", "more.txt"])
        .env("WHOSAID_LOCK_TIMEOUT", "60")
        .output()
        .unwrap();
    release.join().unwrap();
    assert!(
        out.status.success(),
        "{}",
        crate::common::show(&["add"], &out)
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(&format!(
            "whosaid: waiting for {shown}: another process is writing"
        )),
        "{err}"
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "2\n");

    // The lock is held past the bound: it gives up with an error naming the database, and
    // nothing is written.
    let before = crate::common::dump(&db);
    let writer = hold_write_lock(&db);
    let started = std::time::Instant::now();
    let out = env
        .command(&["claim", "rm", "1"])
        .env("WHOSAID_LOCK_TIMEOUT", "4")
        .output()
        .unwrap();
    let waited = started.elapsed();
    writer.execute_batch("ROLLBACK").unwrap();
    drop(writer);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(&format!("waiting for {shown}")), "{err}");
    assert!(
        err.contains(&format!(
            "{shown}: locked by another process for 4 s; gave up"
        )),
        "{err}"
    );
    assert!(
        waited >= std::time::Duration::from_secs(4) && waited < std::time::Duration::from_secs(15),
        "{waited:?}"
    );
    assert_eq!(before, crate::common::dump(&db));

    // The bound is a number of seconds.
    let out = env
        .command(&["claim", "rm", "1"])
        .env("WHOSAID_LOCK_TIMEOUT", "soon")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("WHOSAID_LOCK_TIMEOUT=\"soon\": expected a whole number of seconds"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------
// merge

#[test]
fn merge_names_the_input_that_failed() {
    let env = Env::new();
    env.ok(&["--db", "good.db", "add", "cartels.txt", "--id", "cartels"]);
    env.write("water.txt", "Residents said the water was brown.");
    env.ok(&["--db", "bad.db", "add", "water.txt"]);
    // a claim whose label no whosaid writes (checks switched off to store it)
    let c = rusqlite::Connection::open(env.path("bad.db")).unwrap();
    c.execute_batch(
        "PRAGMA ignore_check_constraints = ON;
         UPDATE claims SET role = 'celebrity';",
    )
    .unwrap();
    drop(c);
    let (out, good, bad) = (env.path("out.db"), env.path("good.db"), env.path("bad.db"));
    let args = [
        "merge",
        out.to_str().unwrap(),
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
    ];
    let err = env.fails(&args, 1);
    assert!(
        err.starts_with(&format!("whosaid: {}: ", bad.display())),
        "{err}"
    );
    assert!(err.contains("celebrity"), "{err}");
    assert!(
        err.contains(&format!("nothing of {} was merged", bad.display())),
        "{err}"
    );
    // the good input is in, none of the bad one
    let articles = json(&env.ok_on("out.db", &["articles", "-f", "json"]));
    assert_eq!(articles.as_array().unwrap().len(), 1, "{articles}");
    assert_eq!(articles[0]["external_id"], "cartels");
}

// ---------------------------------------------------------------------------------------
// show

/// The text each numbered marker of `show`'s output encloses, pairing every `]` with the
/// innermost open marker as a reader does; cue braces, inner markers and line breaks taken
/// out.
fn enclosed(shown: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = shown.chars().collect();
    let mut open: Vec<(usize, String)> = Vec::new();
    let mut done = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '[' {
            let digits: String = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            let after = i + 1 + digits.len();
            if !digits.is_empty() && chars.get(after + 1) == Some(&' ') {
                open.push((digits.parse().unwrap(), String::new()));
                i = after + 2;
                continue;
            }
        }
        if c == ']' {
            if let Some(m) = open.pop() {
                done.push(m);
                i += 1;
                continue;
            }
        }
        if c != '{' && c != '}' {
            for (_, text) in open.iter_mut() {
                text.push(if c == '\n' { ' ' } else { c });
            }
        }
        i += 1;
    }
    assert!(open.is_empty(), "markers left open");
    done.sort();
    done.into_iter()
        .map(|(n, t)| (n, t.split_whitespace().collect::<Vec<_>>().join(" ")))
        .collect()
}

#[test]
fn show_nests_the_brackets_of_claims_starting_at_the_same_place() {
    let env = Env::new();
    env.add_sample(&[]);
    let claim = |content: &str, source: &str| {
        env.ok(&[
            "claim",
            "add",
            "cartels",
            "--content",
            content,
            "--source",
            source,
            "--identity",
            "anonymous",
            "--role",
            "official",
            "--form",
            "paraphrase",
        ]);
    };
    // the shorter recorded first, so it does not come first by id
    claim("no decision had been finalized", "Officials");
    claim(
        "no decision had been finalized and deployment was not imminent",
        "Other officials",
    );
    let shown = env.ok(&["show", "cartels"]);
    let body = &shown[..shown.find("\nSources\n").unwrap()];
    let got = enclosed(body);
    let sources = &shown[shown.find("\nSources\n").unwrap()..];
    let number_of = |source: &str| -> usize {
        let line = sources
            .lines()
            .find(|l| l.contains(&format!("] {source} (")))
            .unwrap_or_else(|| panic!("{source} not in the source list: {sources}"));
        line[1..line.find(']').unwrap()].parse().unwrap()
    };
    assert_eq!(
        got,
        vec![
            (
                number_of("Other officials"),
                "no decision had been finalized and deployment was not imminent".to_string()
            ),
            (
                number_of("Officials"),
                "no decision had been finalized".to_string()
            ),
        ],
        "{shown}"
    );
}

//! Schema versions: a database from an earlier whosaid is migrated to the latest version with
//! its data intact; one from a newer whosaid is refused, naming both versions, and left
//! byte-for-byte as it was.
//!
//! Each earlier version has a fixture, `tests/fixtures/v<N>.sql`: a `sqlite3 .dump` of a
//! database made by that version, ending with `PRAGMA user_version = N`. When a migration step
//! is appended, add the fixture of the version before it; these tests pick it up by name.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::common::{manifest, show, BIN};
use rusqlite::Connection;
use whosaid::store::SCHEMA_VERSION;

fn fixtures() -> PathBuf {
    manifest().join("tests/fixtures")
}

/// The fixtures, as (version, SQL script), by version.
fn versioned_fixtures() -> Vec<(i64, String)> {
    let mut out: Vec<(i64, String)> = std::fs::read_dir(fixtures())
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            let v = name.strip_prefix('v')?.strip_suffix(".sql")?.parse().ok()?;
            Some((v, std::fs::read_to_string(fixtures().join(&name)).unwrap()))
        })
        .collect();
    out.sort();
    out
}

fn whosaid(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("WHOSAID_DB", db)
        .env("COLUMNS", "80")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = whosaid(db, args);
    assert!(out.status.success(), "{}", show(args, &out));
    String::from_utf8(out.stdout).unwrap()
}

fn version(db: &Path) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

/// Every table of `old` with the columns it has there, rows in rowid order: what a migration
/// must keep. Later steps may add tables and columns; these must read back the same.
fn rows_of(conn: &Connection, tables: &[(String, Vec<String>)]) -> Vec<String> {
    let mut out = Vec::new();
    for (table, columns) in tables {
        let cols = columns
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let mut stmt = conn
            .prepare(&format!("SELECT {cols} FROM \"{table}\" ORDER BY rowid"))
            .unwrap_or_else(|e| panic!("table {table} lost columns {cols}: {e}"));
        let rows = stmt
            .query_map([], |r| {
                (0..columns.len())
                    .map(|i| {
                        r.get::<_, rusqlite::types::Value>(i)
                            .map(|v| format!("{v:?}"))
                    })
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .unwrap();
        for row in rows {
            out.push(format!("{table}: {}", row.unwrap().join(" | ")));
        }
    }
    out
}

fn tables(conn: &Connection) -> Vec<(String, Vec<String>)> {
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    names
        .into_iter()
        .map(|t| {
            let cols: Vec<String> = conn
                .prepare(&format!(
                    "SELECT name FROM pragma_table_info('{t}') ORDER BY cid"
                ))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            (t, cols)
        })
        .collect()
}

#[test]
fn every_earlier_version_has_a_fixture() {
    let have: Vec<i64> = versioned_fixtures().iter().map(|(v, _)| *v).collect();
    // One fixture per version before the current one (v1 while the schema is at version 2);
    // it grows with every appended migration step.
    #[allow(clippy::reversed_empty_ranges)]
    for v in 1..SCHEMA_VERSION {
        assert!(
            have.contains(&v),
            "no tests/fixtures/v{v}.sql: add a dump of a version {v} database"
        );
    }
    assert!(
        have.iter().all(|&v| (1..=SCHEMA_VERSION).contains(&v)),
        "a fixture newer than this whosaid (schema version {SCHEMA_VERSION}): {have:?}"
    );
}

#[test]
fn each_fixture_opens_migrated_to_the_latest_version_with_its_data() {
    let fixtures = versioned_fixtures();
    assert!(!fixtures.is_empty());
    for (v, sql) in fixtures {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join(format!("v{v}.db"));
        let conn = Connection::open(&db).unwrap();
        conn.execute_batch(&sql).unwrap();
        assert_eq!(version(&db), v, "v{v}.sql sets user_version {v}");
        let shape = tables(&conn);
        let before = rows_of(&conn, &shape);
        assert!(
            before.iter().any(|r| r.starts_with("claims: ")),
            "v{v}: no claims"
        );
        drop(conn);

        // Commands that only read read it as it is, or through a migrated copy, and leave
        // the file alone.
        let bytes = std::fs::read(&db).unwrap();
        let out = whosaid(&db, &["articles", "-f", "csv"]);
        assert!(out.status.success(), "{}", show(&["articles"], &out));
        let listed = String::from_utf8(out.stdout).unwrap();
        let note = String::from_utf8(out.stderr).unwrap();
        if v < 3 {
            assert!(
                note.contains(&format!("schema version {v} is older"))
                    && note.contains("migrate` migrates it"),
                "v{v}: {note}"
            );
        } else {
            assert_eq!(note, "", "v{v}");
        }
        assert!(
            listed.contains("bridge") && listed.contains("water"),
            "{listed}"
        );
        let claims = ok(
            &db,
            &["claims", "bridge", "--annotator", "ana", "-f", "csv"],
        );
        assert!(claims.contains("the repairs were rushed"), "{claims}");
        let report = ok(&db, &["report", "water", "-f", "json"]);
        assert!(
            report.contains("A spokesperson for the ministry"),
            "{report}"
        );
        assert_eq!(version(&db), v, "v{v} was migrated by a reading command");
        assert_eq!(bytes, std::fs::read(&db).unwrap(), "v{v}: the file changed");

        // A command that writes migrates it and says so.
        let out = whosaid(&db, &["migrate"]);
        assert!(out.status.success(), "{}", show(&["migrate"], &out));
        let said = String::from_utf8(out.stderr).unwrap();
        assert!(
            said.contains(&format!(
                "migrating from schema version {v} to {SCHEMA_VERSION}"
            )),
            "v{v}: {said}"
        );
        assert_eq!(version(&db), SCHEMA_VERSION, "v{v} was not migrated");
        let after = rows_of(&Connection::open(&db).unwrap(), &shape);
        assert_eq!(before, after, "v{v}: rows changed in migration");
        // And it takes new writes.
        let text = dir.path().join("new.txt");
        std::fs::write(&text, "The council said the vote was delayed.").unwrap();
        let next: i64 = Connection::open(&db)
            .unwrap()
            .query_row("SELECT max(id) + 1 FROM articles", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            ok(&db, &["add", text.to_str().unwrap()]),
            format!("{next}\n")
        );
        // Step 2 filled in the sentence spans of the articles stored before it.
        if v < 2 {
            let conn = Connection::open(&db).unwrap();
            let missing: i64 = conn
                .query_row(
                    "SELECT count(*) FROM articles a WHERE NOT EXISTS \
                     (SELECT 1 FROM article_sentences s WHERE s.article_id = a.id AND s.sentences > 0)",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(
                missing, 0,
                "v{v}: articles without sentence spans after step 2"
            );
        }
        let integrity: String = Connection::open(&db)
            .unwrap()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(integrity, "ok");
    }
}

#[test]
fn an_empty_file_reads_as_empty_and_is_migrated_from_version_0_by_a_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("empty.db");
    std::fs::write(&db, b"").unwrap();
    assert_eq!(ok(&db, &["articles", "-f", "csv"]).lines().count(), 1);
    assert_eq!(std::fs::read(&db).unwrap(), b"");
    let out = whosaid(&db, &["migrate"]);
    assert!(out.status.success(), "{}", show(&["migrate"], &out));
    // a new database is set up without a note
    assert!(out.stderr.is_empty(), "{}", show(&["migrate"], &out));
    assert_eq!(version(&db), SCHEMA_VERSION);
}

#[test]
fn a_database_from_a_newer_whosaid_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newer.db");
    let newer = SCHEMA_VERSION + 1;
    {
        let conn = Connection::open(&db).unwrap();
        conn.execute_batch(&versioned_fixtures()[0].1).unwrap();
        conn.pragma_update(None, "user_version", newer).unwrap();
        // A future schema in rollback-journal mode: opening must not switch it to WAL.
        let mode: String = conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "delete");
    }
    let bytes = std::fs::read(&db).unwrap();
    for args in [&["articles"][..], &["report", "--all"], &["claims", "1"]] {
        let out = whosaid(&db, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.starts_with("whosaid: ") && err.lines().count() == 1,
            "{err}"
        );
        assert!(
            err.contains(&format!("schema version {newer} is newer"))
                && err.contains(&format!("up to {SCHEMA_VERSION}"))
                && err.contains(env!("CARGO_PKG_VERSION")),
            "{err}"
        );
        assert_eq!(bytes, std::fs::read(&db).unwrap(), "the file changed");
        assert!(!dir.path().join("newer.db-wal").exists());
    }
}

/// Step 3 added the reason an anonymous source is not named: claims stored before it read
/// back with none, the engine's new claims carry it (text and offsets into the article), the
/// three columns are set together, and `merge` reads an older input that has no such column.
#[test]
fn from_version_4_ids_stay_unused_corrections_stay_and_an_id_is_an_articles_identity() {
    let (_, sql) = versioned_fixtures()
        .into_iter()
        .find(|(v, _)| *v == 4)
        .expect("tests/fixtures/v4.sql");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v4.db");
    Connection::open(&db).unwrap().execute_batch(&sql).unwrap();
    ok(&db, &["migrate"]);
    assert_eq!(version(&db), SCHEMA_VERSION);
    // claim 7 was removed at version 4: its id is not given again
    let id = ok(
        &db,
        &[
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
            "--annotator",
            "bo",
        ],
    );
    assert_eq!(id, "8\n");
    // the corrected automatic claim still names the engine's span it stands in for
    let span: (Option<i64>, Option<i64>) = Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT replaces_start, replaces_end FROM claims WHERE id = 5",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(span, (Some(15), Some(46)));
    // step 5: the same text under another external id is another article
    let text = dir.path().join("copy.txt");
    std::fs::write(
        &text,
        "The mayor said “the bridge will reopen in May”.\nCritics, who asked not to be named, \
         said the repairs were rushed.",
    )
    .unwrap();
    assert_eq!(
        ok(&db, &["add", text.to_str().unwrap(), "--id", "bridge-copy"]),
        "3\n"
    );
}

#[test]
fn step_3_adds_the_anonymity_reason_to_old_databases() {
    for (v, sql) in versioned_fixtures().into_iter().filter(|(v, _)| *v < 3) {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join(format!("v{v}.db"));
        Connection::open(&db).unwrap().execute_batch(&sql).unwrap();
        // an older input merges into a new database before this one is migrated
        let merged = dir.path().join("merged.db");
        let out = Command::new(BIN)
            .args(["merge", merged.to_str().unwrap(), db.to_str().unwrap()])
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success(), "v{v}: {}", show(&["merge"], &out));
        let hand = ok(
            &merged,
            &["claims", "bridge", "--annotator", "ana", "-f", "json"],
        );
        let hand = serde_json::from_str::<serde_json::Value>(&hand).unwrap();
        let rows = hand.as_array().unwrap();
        assert!(!rows.is_empty(), "v{v}: no merged claims");
        for c in rows {
            assert_eq!(c["anonymity_reason"], serde_json::Value::Null, "v{v}: {c}");
        }

        // the engine's claims made after the migration carry the reason
        ok(&db, &["extract", "bridge"]);
        let auto = ok(
            &db,
            &["claims", "bridge", "--annotator", "auto", "-f", "json"],
        );
        let auto = serde_json::from_str::<serde_json::Value>(&auto).unwrap();
        let critics = auto
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["source"] == "Critics")
            .unwrap_or_else(|| panic!("v{v}: no claim of \"Critics\" in {auto}"));
        assert_eq!(critics["identity"], "anonymous");
        assert_eq!(
            critics["anonymity_reason"], "asked not to be named",
            "{critics}"
        );
        let text = "The mayor said “the bridge will reopen in May”.\nCritics, who asked not to \
                    be named, said the repairs were rushed.";
        let start = critics["anonymity_reason_start"].as_u64().unwrap() as usize;
        let end = critics["anonymity_reason_end"].as_u64().unwrap() as usize;
        let at: String = text.chars().skip(start).take(end - start).collect();
        assert_eq!(at, "asked not to be named", "v{v}: offsets are code points");

        // text, start and end are set together
        let conn = Connection::open(&db).unwrap();
        let bad = conn.execute(
            "UPDATE claims SET anonymity_reason = 'x', anonymity_reason_start = NULL
             WHERE source = 'Critics' AND annotator = 'auto'",
            [],
        );
        assert!(bad.is_err(), "v{v}: a reason without offsets was stored");
    }
}

/// Step 6 added the stance of a claim's cue: the claims stored before it get it from their
/// cues when the step runs, new and edited claims are written with theirs, and the column
/// takes no other value.
#[test]
fn step_6_fills_in_the_stance_of_the_claims_already_stored() {
    let (_, sql) = versioned_fixtures()
        .into_iter()
        .find(|(v, _)| *v == 5)
        .expect("tests/fixtures/v5.sql");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v5.db");
    Connection::open(&db).unwrap().execute_batch(&sql).unwrap();
    // read in place before the migration: the stance comes from the cue all the same
    let before = ok(
        &db,
        &["claims", "budget", "--annotator", "auto", "-f", "json"],
    );
    let before: serde_json::Value = serde_json::from_str(&before).unwrap();
    let stances: Vec<(&str, &str)> = before
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["cue"].as_str().unwrap(), c["stance"].as_str().unwrap()))
        .collect();
    assert_eq!(
        stances,
        [
            ("admitted", "loaded"),
            ("insisted", "loaded"),
            ("said", "neutral")
        ]
    );
    assert_eq!(version(&db), 5);

    ok(&db, &["migrate"]);
    let stored = |conn: &Connection| -> Vec<(i64, Option<String>, String)> {
        conn.prepare("SELECT id, cue, stance FROM claims ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let conn = Connection::open(&db).unwrap();
    let loaded: Vec<i64> = stored(&conn)
        .into_iter()
        .filter(|(_, _, s)| s == "loaded")
        .map(|(id, _, _)| id)
        .collect();
    assert_eq!(loaded, [8, 9, 11], "{:?}", stored(&conn));
    assert!(stored(&conn)
        .iter()
        .all(|(_, cue, s)| s == "loaded" || cue.as_deref() != Some("admitted")));
    assert!(conn
        .execute("UPDATE claims SET stance = 'sneering' WHERE id = 1", [])
        .is_err());
    drop(conn);

    // an edited cue rewrites the stance; a new claim is written with its own
    ok(&db, &["claim", "edit", "9", "--no-cue"]);
    let id = ok(
        &db,
        &[
            "claim",
            "add",
            "budget",
            "--annotator",
            "bo",
            "--content",
            "the plan was sound",
            "--source",
            "Officials",
            "--identity",
            "anonymous",
            "--role",
            "official",
            "--form",
            "paraphrase",
            "--cue",
            "insisted",
        ],
    );
    let conn = Connection::open(&db).unwrap();
    let stance_of = |id: i64| -> String {
        conn.query_row("SELECT stance FROM claims WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap()
    };
    assert_eq!(stance_of(9), "neutral");
    assert_eq!(stance_of(id.trim().parse().unwrap()), "loaded");
}

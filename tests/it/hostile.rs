//! Hostile input (issue 12, point 4): each test is named after the failure an attacker found
//! and runs the real binary on it; each failed before its fix.

use crate::common::{Env, OFFICIALS, REPORTS};

/// A temp dir with the sample stored as `cartels` (id 1) and two hand claims (ids 1 and 2).
fn seeded() -> Env {
    let env = Env::new();
    env.add_sample(&[]);
    for claim in [REPORTS, OFFICIALS] {
        let mut args = vec!["claim", "add", "cartels"];
        args.extend_from_slice(claim);
        env.ok(&args);
    }
    env
}

#[test]
fn output_naming_the_database_is_refused_and_the_database_kept() {
    let env = seeded();
    let abs = env.db().display().to_string();
    std::os::unix::fs::symlink(env.db(), env.path("link.db")).unwrap();
    std::fs::hard_link(env.db(), env.path("hard.db")).unwrap();
    for out in [
        "whosaid.db",
        "./whosaid.db",
        abs.as_str(),
        "link.db",
        "hard.db",
    ] {
        for cmd in [
            &["export", "-o", out][..],
            &["report", "--all", "-o", out],
            &["report", "cartels", "-f", "json", "-o", out],
            &["articles", "-o", out],
            &["claims", "cartels", "-o", out],
            &["annotators", "-o", out],
            &["worksheet", "cartels", "-o", out],
        ] {
            env.refuses_with(cmd, 2, &[&format!("-o {out}: is the database")]);
        }
    }
    env.ok(&["articles"]);
    // A database not yet created is the database too.
    let fresh = Env::empty();
    fresh.refuses_with(&["articles", "-o", "whosaid.db"], 2, &["is the database"]);
    assert!(!fresh.db().exists());
    // Another file is fine.
    env.ok(&["export", "-o", "claims.csv"]);
}

#[test]
fn csv_quote_that_never_closes_is_an_error_naming_its_row() {
    let env = Env::new();
    env.write(
        "open.csv",
        "id,title,text\na,A,First text. It said so.\nb,B,\"Second text.\nc,C,Third text.\n",
    );
    env.refuses_with(
        &["import", "open.csv"],
        1,
        &["open.csv: row 2 (line 3): the quoted cell opened at line 3 never closes"],
    );
    assert!(!env.db().exists() || crate::common::dump(&env.db()).contains("version"));
    // A closed quote spanning lines is fine.
    env.write("closed.csv", "id,text\na,\"One.\nTwo \"\"q\"\".\"\n");
    env.ok(&["import", "closed.csv"]);

    let env = seeded();
    env.write(
        "sheet.csv",
        "article,sentence,text,source,identity,role,form,content,cue\n\
         cartels,1,\"Trump weighs it,officials,named,official,paraphrase,,\n\
         cartels,2,Another,,,,,,\n",
    );
    env.refuses_with(
        &["claim", "import", "sheet.csv", "--annotator", "ann"],
        1,
        &["sheet.csv: row 2: the quoted cell opened at line 2 never closes"],
    );
}

#[test]
fn claim_rm_with_the_same_id_twice_removes_it_once() {
    let env = seeded();
    let (_, err) = env.ok_both(&["claim", "rm", "1", "1"]);
    assert_eq!(err, "whosaid: claim 1 removed\n");
    let left = env.ok(&["claims", "cartels", "-f", "json"]);
    assert!(left.contains("\"Officials\""), "{left}");
    assert!(!left.contains("\"reports\""), "{left}");
}

#[test]
fn jobs_far_over_the_cores_are_reduced_with_a_note() {
    let env = Env::new();
    env.write("a.csv", "id,text\na,The minister said the plan works.\n");
    let (_, err) = env.ok_both(&["import", "a.csv", "-j", "100000", "-q"]);
    assert!(err.contains("whosaid: -j 100000: reduced to "), "{err}");
    let (_, err) = env.ok_both(&["import", "a.csv", "-j", "1", "-q"]);
    assert!(!err.contains("reduced"), "{err}");
}

#[test]
fn a_db_path_that_looks_like_a_uri_is_a_plain_file() {
    let env = Env::new();
    env.ok(&["--db", "file:x.db", "add", "--no-extract", "cartels.txt"]);
    assert!(env.path("file:x.db").is_file());
    assert!(!env.path("x.db").exists());
    env.ok(&[
        "--db",
        "file:m?mode=memory",
        "add",
        "--no-extract",
        "cartels.txt",
    ]);
    assert!(env.path("file:m?mode=memory").is_file());
    let out = env.ok(&["--db", "file:m?mode=memory", "articles", "-f", "csv"]);
    assert_eq!(out.lines().count(), 2, "{out}");
}

#[test]
fn metadata_over_4_kb_is_refused_naming_the_field_and_row() {
    let env = Env::new();
    let long = "x".repeat(4097);
    env.write(
        "long.csv",
        format!("id,title,outlet,text\na,T,O,Some text.\nb,T,{long},More text.\n"),
    );
    env.refuses(
        &["import", "long.csv"],
        "long.csv: row 2 (line 3), column outlet: 4097 bytes, over the limit of 4096 bytes",
    );
    env.refuses(
        &["add", "cartels.txt", "--title", &long],
        "cartels.txt, --title: 4097 bytes, over the limit",
    );
    let ok = "x".repeat(4096);
    env.ok(&["add", "--no-extract", "cartels.txt", "--title", &ok]);
}

#[test]
fn max_bytes_bounds_a_device_a_pipe_and_a_path_cell() {
    let env = Env::new();
    env.refuses(
        &["add", "/dev/zero", "--max-bytes", "1000"],
        "/dev/zero: article is over the limit of 1000 bytes",
    );
    env.write("zero.csv", "id,path\na,/dev/zero\n");
    env.refuses(
        &["import", "zero.csv", "--max-bytes", "1000", "--allow-paths"],
        "over the limit of 1000 bytes",
    );
    let out = env.run_stdin(
        &["add", "-", "--max-bytes", "10"],
        "A text longer than ten.",
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_path_cell_stays_inside_the_csv_folder_unless_allowed() {
    let env = Env::new();
    env.write(
        "inside.txt",
        "The mayor said the bridge would reopen in May.",
    );
    env.write("ok.csv", "id,path\na,inside.txt\n");
    env.ok(&["import", "ok.csv", "-q"]);
    for (name, cell) in [("abs.csv", "/etc/hostname"), ("up.csv", "../outside.txt")] {
        env.write(name, format!("id,path\nb,{cell}\n"));
        env.refuses_with(
            &["import", name],
            1,
            &[
                &format!("{name}: row 1 (line 2)"),
                "column path",
                "outside the input's folder",
                "--allow-paths",
            ],
        );
    }
    // the import refused them before writing anything: one article, from ok.csv
    assert_eq!(env.ok(&["articles", "-f", "csv"]).lines().count(), 2);
}

#[test]
fn escape_sequences_in_user_text_reach_no_terminal() {
    let env = Env::new();
    let esc = "\u{1b}[2J\u{1b}]0;owned\u{7}";
    env.write(
        "a.txt",
        format!("Officials said the port{esc} would reopen. \"It is safe,\" said Ana Ruiz."),
    );
    env.ok(&[
        "add",
        "a.txt",
        "--id",
        "a",
        "--title",
        &format!("Port{esc}"),
        "--outlet",
        &format!("Gazette{esc}"),
    ]);
    for args in [
        vec!["articles"],
        vec!["report", "a"],
        vec!["show", "a"],
        vec!["analyze", "a.txt", "--explain"],
        vec!["analyze", "a.txt", "--show"],
    ] {
        let (out, err) = env.ok_both(&args);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}'),
            "{args:?}: {out:?}"
        );
        assert!(!err.contains('\u{1b}'), "{args:?}: {err:?}");
    }
    // files keep the text as it is
    let csv = env.ok(&["articles", "-f", "csv"]);
    assert!(csv.contains(esc), "{csv:?}");
    // a message naming user text shows it
    let err = env.fails(&["add", &format!("no{esc}.txt")], 1);
    assert!(
        !err.contains('\u{1b}') && err.contains('\u{241b}'),
        "{err:?}"
    );
}

//! The general rules behind the hostile cases, each checked over every place it applies: no
//! output names the database or an input of the same command; every numeric flag has a range
//! and says it; every message, summary and table that echoes user text shows its control
//! characters instead of obeying them; an article reference that could be two articles is an
//! error naming both; the readers take time linear in their input however it is built.

use std::time::{Duration, Instant};

use clap::CommandFactory;

use crate::common::{json, Env, REPORTS};

// ---------------------------------------------------------------------------------------
// article references

/// Article 1 has external id "2"; article 2 has none.
fn two_articles_named_2() -> Env {
    let env = Env::new();
    env.ok(&["add", "--no-extract", "cartels.txt", "--id", "2"]);
    env.write(
        "other.txt",
        "The mayor said the bridge would reopen in May.\n",
    );
    env.ok(&["add", "--no-extract", "other.txt"]);
    env
}

#[test]
fn a_number_that_is_one_articles_id_and_anothers_external_id_is_refused_naming_both() {
    let env = two_articles_named_2();
    let mut claim = vec!["claim", "add", "2"];
    claim.extend_from_slice(REPORTS);
    for args in [
        &["report", "2"][..],
        &["show", "2"],
        &["claims", "2"],
        &["worksheet", "2"],
        &["extract", "2"],
        &["annotators", "2"],
        &claim,
    ] {
        let err = env.refuses(
            args,
            "article \"2\" is ambiguous: it is the numeric id of article 2 and the external id of article 1",
        );
        assert!(err.contains("#2") && err.contains("#1"), "{err}");
    }
    // `#N` is the numeric id, always; a reference that is one article is that article
    let by_id = json(&env.ok(&["report", "#2", "-f", "json"]));
    assert_eq!(by_id[0]["article"]["id"], 2);
    assert!(by_id[0]["article"]["external_id"].is_null());
    let by_hash = json(&env.ok(&["report", "#1", "-f", "json"]));
    assert_eq!(by_hash[0]["article"]["external_id"], "2");
    let plain = json(&env.ok(&["report", "1", "-f", "json"]));
    assert_eq!(plain[0]["article"]["id"], 1);
    env.refuses(&["report", "#3"], "no article with numeric id 3");
    // a worksheet names its article by `#N`, and a sheet so named comes back to it
    let sheet = env.ok(&["worksheet", "#1"]);
    assert!(
        sheet.lines().nth(1).unwrap().starts_with("#1,1,"),
        "{sheet}"
    );
    env.write(
        "sheet.csv",
        "article,sentence,source,identity,role,form\n#1,1,reports,unspecified,media,paraphrase\n",
    );
    env.ok(&["claim", "import", "sheet.csv", "--annotator", "ana"]);
    let claims = json(&env.ok(&["claims", "#1", "--annotator", "ana", "-f", "json"]));
    assert_eq!(claims.as_array().unwrap().len(), 1, "{claims}");
    // a sheet whose article cell could be two articles is refused, naming both
    env.write(
        "two.csv",
        "article,sentence,source,identity,role,form\n2,1,reports,unspecified,media,paraphrase\n",
    );
    env.refuses(
        &["claim", "import", "two.csv", "--annotator", "bo"],
        "is the numeric id of article 2 and the external id of article 1",
    );
}

// ---------------------------------------------------------------------------------------
// outputs

#[test]
fn no_output_names_the_database_its_journal_or_an_input_of_the_same_command() {
    let env = Env::new();
    env.add_sample(&[]);
    env.write(
        "in.jsonl",
        "{\"id\": \"a\", \"text\": \"The mayor said so.\"}\n",
    );
    std::os::unix::fs::symlink(env.path("cartels.txt"), env.path("link.txt")).unwrap();
    let text = std::fs::read(env.path("cartels.txt")).unwrap();
    let jsonl = std::fs::read(env.path("in.jsonl")).unwrap();
    for (args, needle) in [
        (
            &["analyze", "cartels.txt", "-o", "cartels.txt"][..],
            "-o cartels.txt: is the input",
        ),
        (
            &["analyze", "cartels.txt", "-o", "./cartels.txt"],
            "is the input",
        ),
        (
            &["analyze", "link.txt", "-o", "cartels.txt"],
            "is the input",
        ),
        (
            &["analyze", "cartels.txt", "-f", "json", "-o", "link.txt"],
            "is the input",
        ),
        (
            &["analyze", "--jsonl", "in.jsonl", "-o", "in.jsonl"],
            "is the input",
        ),
        (
            &[
                "analyze",
                "--jsonl",
                "in.jsonl",
                "--on-error",
                "skip",
                "--errors",
                "in.jsonl",
            ],
            "--errors in.jsonl: is the input",
        ),
        (
            &[
                "analyze",
                "--jsonl",
                "in.jsonl",
                "--on-error",
                "skip",
                "--errors",
                "e",
                "-o",
                "e",
            ],
            "--errors e: is the -o file",
        ),
        (&["analyze", "-", "-o", "whosaid.db"], "is the database"),
        (
            &["worksheet", "cartels", "-o", "whosaid.db-wal"],
            "is the database's journal",
        ),
        (
            &["export", "-o", "whosaid.db-shm"],
            "is the database's journal",
        ),
        (
            &["report", "--all", "-o", "./whosaid.db-journal"],
            "is the database's journal",
        ),
    ] {
        env.refuses_with(args, 2, &[needle]);
    }
    assert_eq!(std::fs::read(env.path("cartels.txt")).unwrap(), text);
    assert_eq!(std::fs::read(env.path("in.jsonl")).unwrap(), jsonl);
    for side in ["whosaid.db-wal", "whosaid.db-shm", "whosaid.db-journal"] {
        assert!(!env.path(side).exists(), "{side} was written");
    }
    // man --dir writes no page over the database
    let man = Env::empty();
    man.write("whosaid.1", "not a manual page");
    man.refuses_with(
        &["--db", "whosaid.1", "man", "--dir", "."],
        2,
        &["--dir .: page ./whosaid.1 is the database"],
    );
    assert_eq!(
        std::fs::read_to_string(man.path("whosaid.1")).unwrap(),
        "not a manual page"
    );
    man.ok(&["man", "--dir", "."]);
    assert!(std::fs::read_to_string(man.path("whosaid-analyze.1"))
        .unwrap()
        .contains(".TH"));
    // another file is fine
    env.ok(&["analyze", "cartels.txt", "-o", "out.txt"]);
    assert!(std::fs::read_to_string(env.path("out.txt"))
        .unwrap()
        .contains("according to"));
}

// ---------------------------------------------------------------------------------------
// numeric flags

/// Every flag of every subcommand whose value is a number (`N`), with the subcommand's path.
fn numeric_flags() -> Vec<(Vec<String>, String)> {
    fn walk(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<(Vec<String>, String)>) {
        for arg in cmd.get_arguments() {
            let numeric = arg
                .get_value_names()
                .is_some_and(|names| names.iter().any(|n| n.as_str() == "N"));
            if let (true, Some(long)) = (numeric, arg.get_long()) {
                out.push((path.clone(), format!("--{long}")));
            }
        }
        for sub in cmd.get_subcommands() {
            let mut p = path.clone();
            p.push(sub.get_name().to_string());
            walk(sub, p, out);
        }
    }
    let mut out = Vec::new();
    walk(&whosaid::cli::command::Cli::command(), Vec::new(), &mut out);
    out
}

#[test]
fn every_numeric_flag_refuses_what_is_out_of_its_range_naming_flag_and_range() {
    let env = Env::new();
    let flags = numeric_flags();
    let names: Vec<String> = flags
        .iter()
        .map(|(p, f)| format!("{} {f}", p.join(" ")))
        .collect();
    for must in [
        "import --batch",
        "import --jobs",
        "import --max-bytes",
        "add --max-bytes",
    ] {
        assert!(
            names.iter().any(|n| n == must),
            "{must} not among {names:?}"
        );
    }
    for (path, flag) in &flags {
        for bad in ["0", "-1", "1.5", "ten", "99999999999999999999999", ""] {
            let mut args: Vec<String> = path.clone();
            args.push(format!("{flag}={bad}"));
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let err = env.fails(&args, 2);
            assert!(
                err.contains(&format!("for '{flag} <N>'"))
                    && err.contains("expected a whole number in 1..="),
                "{args:?}: {err}"
            );
        }
    }
    // the ranges themselves
    env.fails_with(&["import", "x.csv", "--batch", "10001"], 2, "1..=10000");
    env.fails_with(
        &["add", "x.txt", "--max-bytes", "1000000001"],
        2,
        "1..=1000000000",
    );
    env.fails_with(
        &["analyze", "--jsonl", "x", "-j", "1000001"],
        2,
        "1..=1000000",
    );
}

#[test]
fn max_bytes_bounds_analyze_and_its_jsonl_texts() {
    let env = Env::new();
    let start = Instant::now();
    env.fails_with(
        &["analyze", "/dev/zero"],
        1,
        "/dev/zero: article is over the limit of 10000000 bytes (see --max-bytes)",
    );
    // a hang guard only (an unbounded read of /dev/zero never ends); the message above is
    // the check
    assert!(start.elapsed() < Duration::from_secs(20));
    let out = env.run_stdin(&["analyze", "-", "--max-bytes", "10"], "The mayor said so.");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("<stdin>: article is over the limit of 10 bytes"));
    env.write(
        "t.jsonl",
        "{\"id\": \"a\", \"text\": \"The mayor said the bridge would reopen.\"}\n",
    );
    env.fails_with(
        &["analyze", "--jsonl", "t.jsonl", "--max-bytes", "20"],
        1,
        "t.jsonl: line 1: text is 39 bytes, over the limit of 20 bytes (see --max-bytes)",
    );
    let line = json(&env.ok(&["analyze", "--jsonl", "t.jsonl", "--max-bytes", "39"]));
    assert_eq!(line["attributions"][0]["cue"], "said", "{line}");
}

// ---------------------------------------------------------------------------------------
// control characters

/// Whether `s` holds a control character a terminal would obey (all but line feed and tab).
fn obeyed(s: &str) -> Option<char> {
    s.chars()
        .find(|c| c.is_control() && *c != '\n' && *c != '\t')
}

#[test]
fn echoed_user_text_shows_its_control_characters() {
    let env = Env::new();
    let esc = "\u{1b}[2J\u{9b}31m\u{7}";
    let (title, outlet) = (format!("T{esc}"), format!("O{esc}"));
    env.ok(&[
        "add",
        "--no-extract",
        "cartels.txt",
        "--id",
        "cartels",
        "--title",
        &title,
        "--outlet",
        &outlet,
    ]);
    let ann = format!("ana{esc}");
    let mut args = vec!["claim", "add", "cartels", "--annotator", ann.as_str()];
    args.extend_from_slice(REPORTS);
    env.ok(&args);
    let stdout_of = |args: &[&str]| env.ok_both(args);
    for args in [
        &["claims", "cartels", "--annotator", ann.as_str()][..],
        &["articles"],
        &["annotators"],
        &["report", "cartels", "--annotator", ann.as_str()],
        &["show", "cartels", "--annotator", ann.as_str()],
    ] {
        let (out, err) = stdout_of(args);
        assert_eq!(obeyed(&out), None, "{args:?}: {out}");
        assert_eq!(obeyed(&err), None, "{args:?}: {err}");
    }
    // the summaries of merge and migrate name a database file
    let name = format!("in{esc}.db");
    std::fs::copy(env.db(), env.path(&name)).unwrap();
    for args in [
        &["merge", "out.db", name.as_str()][..],
        &["--db", name.as_str(), "migrate"],
    ] {
        let (out, err) = stdout_of(args);
        assert_eq!(obeyed(&out), None, "{args:?}: {out}");
        assert_eq!(obeyed(&err), None, "{args:?}: {err}");
    }
    // messages: a file name with a line feed stays on one line; clap's echo of a value too
    let err = env.fails(&["add", "no\nwhosaid: such.txt"], 1);
    crate::common::one_line(&err);
    assert!(
        err.contains("no\u{240a}whosaid: such.txt: no such file"),
        "{err}"
    );
    let err = env.fails(
        &["analyze", "--format", &format!("x{esc}"), "cartels.txt"],
        2,
    );
    assert_eq!(obeyed(&err), None, "{err}");
    assert!(err.contains("for '--format <FORMAT>'"), "{err}");
    // error records written to stderr are JSON without C1 controls, with the same value
    let id = serde_json::to_string(&format!("g{esc}")).unwrap();
    env.write("e.jsonl", format!("{{\"id\": {id}, \"text\": 5}}\n"));
    let out = env.run(&["analyze", "--jsonl", "e.jsonl", "--on-error", "skip"]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(obeyed(&err), None, "{err}");
    let record = json(err.lines().next().unwrap());
    assert_eq!(record["id"], format!("g{esc}"));
}

// ---------------------------------------------------------------------------------------
// time linear in the input

/// Run `args` and return how long it took; it must succeed, or fail with exit 1 and one
/// line naming `fails_with`. The time is for hang guards: a limit many times what the run
/// takes, which only a run that never ends (or takes minutes) passes; what the tests check is
/// the outcome.
fn timed(env: &Env, args: &[&str], fails_with: Option<&str>) -> Duration {
    let start = Instant::now();
    match fails_with {
        None => {
            env.ok(args);
        }
        Some(needle) => {
            env.fails_with(args, 1, needle);
        }
    }
    start.elapsed()
}

#[test]
fn an_html_page_of_ampersands_is_read_in_linear_time_and_kept_whole() {
    // html5ever's serializer scanned from every `&` to the end of its text node or
    // attribute value: this page took minutes
    let env = Env::new();
    let amps = "&".repeat(150_000);
    let page = format!(
        "<html><body><p title=\"{}\">The mayor said the bridge would reopen, and the council \
         agreed with her plan.</p><p>{amps}</p><p>{}</p></body></html>",
        "&amp;".repeat(60_000),
        "caf\u{e9} \u{b0}\u{a0}".repeat(20_000)
    );
    env.write("amp.html", &page);
    let took = timed(
        &env,
        &["add", "--no-extract", "amp.html", "--id", "amp"],
        None,
    );
    // a hang guard only (the page took minutes); the text kept whole is the check
    assert!(took < Duration::from_secs(20), "{took:?}");
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let text: String = conn
        .query_row(
            "SELECT text FROM articles WHERE external_id = 'amp'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        text.contains(&amps),
        "the text of ampersands was not kept whole"
    );
    assert_eq!(text.matches('\u{e9}').count(), 20_000);
    assert_eq!(text.matches('\u{b0}').count(), 20_000);
    assert!(
        text.starts_with("The mayor said the bridge would reopen"),
        "{}",
        &text[..80]
    );
}

#[test]
fn hostile_structures_are_read_in_one_pass() {
    let env = Env::new();
    let quote_never_closes = format!(
        "id,title,text\na,\"T,first text\n{}",
        "b,B,more text said here\n".repeat(20_000)
    );
    env.write("open.csv", quote_never_closes);
    let deep = format!(
        "{{\"id\": \"x\", \"text\": \"hi\", \"m\": {}}}\n",
        "[".repeat(200_000)
    );
    env.write("deep.jsonl", &deep);
    env.write(
        "tags.html",
        format!(
            "<html><body><p>The mayor said so.</p><a href=\"{}",
            "x".repeat(300_000)
        ),
    );
    env.write(
        "lt.html",
        format!(
            "<html><body><p>The mayor said so.{}</p>",
            "<".repeat(100_000)
        ),
    );
    let mut header: Vec<String> = ["article", "sentence", "source", "identity", "role", "form"]
        .map(String::from)
        .to_vec();
    header.extend((0..100_000).map(|i| format!("c{i}")));
    env.write(
        "wide.csv",
        header.join(",") + "\n#1,1,reports,unspecified,media,paraphrase\n",
    );
    env.add_sample(&[]);
    for (args, fails_with) in [
        (
            &["import", "open.csv"][..],
            Some("row 1 (line 2): the quoted cell opened at line 2 never closes"),
        ),
        (
            &["import", "deep.jsonl"],
            Some("deep.jsonl: line 1: invalid JSON: recursion limit exceeded"),
        ),
        (
            &["analyze", "--jsonl", "deep.jsonl"],
            Some("recursion limit exceeded"),
        ),
        (&["eval", "deep.jsonl"], Some("recursion limit exceeded")),
        (&["add", "--no-extract", "tags.html"], None),
        (&["add", "--no-extract", "lt.html"], None),
        (&["claim", "import", "wide.csv", "--annotator", "x"], None),
    ] {
        let took = timed(&env, args, fails_with);
        // a hang guard only (these inputs never finished, or took minutes); the outcome
        // checked by `timed` is the check
        assert!(took < Duration::from_secs(15), "{args:?}: {took:?}");
    }
}

#[test]
fn thousands_of_claims_are_shown_reported_and_compared_in_linear_time() {
    // 12,000 quotations, one claim each: show, the HTML page and compare tried every pair of
    // claims (or of claims and sentences) and took minutes
    let env = Env::new();
    env.write(
        "many.txt",
        "\u{201c}The plan works,\u{201d} she said. ".repeat(12_000),
    );
    env.ok(&["add", "many.txt", "--id", "many"]);
    let start = Instant::now();
    let shown = env.ok(&["show", "many"]);
    assert!(shown.contains("[12000"), "the last claim is not shown");
    let html = env.ok(&["report", "many", "--format", "html"]);
    assert!(html.contains("</html>"));
    let report = json(&env.ok(&["report", "many", "-f", "json"]));
    assert_eq!(report[0]["breakdown"]["attributed_sentences"], 12_000);
    let compare = json(&env.ok(&[
        "compare",
        "many",
        "--annotator",
        "auto",
        "--key",
        "auto",
        "-f",
        "json",
    ]));
    assert_eq!(compare["f1"], 1.0);
    assert_eq!(compare["matched"].as_array().unwrap().len(), 12_000);
    // a hang guard only (these took minutes); the counts above are the check
    let took = start.elapsed();
    assert!(took < Duration::from_secs(25), "{took:?}");
}

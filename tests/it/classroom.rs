//! The classroom: fair matching in `compare` (an optimal one-to-one assignment, so that
//! several attributions in one sentence pair with their own), agreement a teacher reads,
//! errors for names without claims, one numbering, and the feedback page. The real binary in
//! a temp dir, on sentences written for these tests and on the samples.

use crate::common::{json, manifest, needs, Env, Tool};
use serde_json::Value;

/// Three sentences, each holding two attributions whose spans overlap.
const TEXT: &str = "The mayor reportedly told aides that the budget would be cut. \
Channel 9, citing two police officers, said the suspect had fled north. \
The audit found that the minister knew the plan was dead.\n";

/// A claim as `claim add` flags: content, source, identity, role, form, cue, and the rest.
type ClaimFlags = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
);

/// The key's claims.
const CLAIMS: &[ClaimFlags] = &[
    // a hedge and a speaker: the hedge's content holds the speaker's claim
    (
        "told aides that the budget would be cut",
        "unnamed reports",
        "unspecified",
        "unknown",
        "paraphrase",
        "reportedly",
        &["--hedged"],
    ),
    (
        "the budget would be cut",
        "the mayor",
        "anonymous",
        "official",
        "paraphrase",
        "told",
        &["--mention", "The mayor"],
    ),
    // a citing chain: one content, two cues
    (
        "the suspect had fled north",
        "Channel 9",
        "named",
        "media",
        "paraphrase",
        "said",
        &["--mention", "Channel 9"],
    ),
    (
        "the suspect had fled north",
        "two police officers",
        "anonymous",
        "official",
        "paraphrase",
        "citing",
        &["--mention", "two police officers", "--via", "Channel 9"],
    ),
    // a claim nested in another
    (
        "the minister knew the plan was dead",
        "the audit",
        "anonymous",
        "official",
        "document",
        "found",
        &["--mention", "The audit"],
    ),
    (
        "the plan was dead",
        "the minister",
        "anonymous",
        "official",
        "paraphrase",
        "knew",
        &["--mention", "the minister"],
    ),
];

impl Env {
    /// The three sentences as article `nest`, without extraction.
    fn with_nested(&self) {
        std::fs::write(self.path("nest.txt"), TEXT).unwrap();
        self.ok(&["add", "--no-extract", "nest.txt", "--id", "nest"]);
    }

    /// Records claims `order` (indices into `CLAIMS`) for `annotator`.
    fn record(&self, annotator: &str, order: &[usize]) {
        for &i in order {
            let (content, source, identity, role, form, cue, extra) = CLAIMS[i];
            let mut args = vec![
                "claim",
                "add",
                "nest",
                "--annotator",
                annotator,
                "--content",
                content,
                "--source",
                source,
                "--identity",
                identity,
                "--role",
                role,
                "--form",
                form,
                "--cue",
                cue,
            ];
            args.extend_from_slice(extra);
            self.ok(&args);
        }
    }
}

fn compare_json(env: &Env, article: &str, annotator: &str, key: &str) -> Value {
    json(&env.ok(&[
        "compare",
        article,
        "--annotator",
        annotator,
        "--key",
        key,
        "-f",
        "json",
    ]))
}

fn close(v: &Value, want: f64) {
    let x = v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"));
    assert!((x - want).abs() < 1e-9, "{x} != {want}");
}

/// Every matched pair joins a claim with the key's claim of the same source.
fn pairs_by_source(c: &Value) -> Vec<(String, String)> {
    c["matched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["claim"]["source"].as_str().unwrap().to_string(),
                p["key"]["source"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn overlapping_attributions_in_one_sentence_pair_with_their_own() {
    let env = Env::new();
    env.with_nested();
    env.record("teacher", &[0, 1, 2, 3, 4, 5]);
    // The same claims, recorded in another order.
    env.record("ana", &[5, 3, 1, 4, 2, 0]);
    let c = compare_json(&env, "nest", "ana", "teacher");
    close(&c["f1"], 1.0);
    assert_eq!(c["matched"].as_array().unwrap().len(), 6);
    for (mine, key) in pairs_by_source(&c) {
        assert_eq!(mine, key, "{c}");
    }
    // and the other way round
    let c = compare_json(&env, "nest", "teacher", "ana");
    close(&c["f1"], 1.0);
    for (mine, key) in pairs_by_source(&c) {
        assert_eq!(mine, key, "{c}");
    }

    // A student who found only the inner claims: each pairs with its own, not with the claim
    // that contains it.
    env.record("ben", &[1, 3, 5]);
    let c = compare_json(&env, "nest", "ben", "teacher");
    close(&c["precision"], 1.0);
    close(&c["recall"], 0.5);
    for (mine, key) in pairs_by_source(&c) {
        assert_eq!(mine, key, "{c}");
    }
    let missed: Vec<&str> = c["missed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["source"].as_str().unwrap())
        .collect();
    assert_eq!(missed, ["unnamed reports", "Channel 9", "the audit"], "{c}");
}

#[test]
fn an_annotator_identical_to_the_key_scores_one_on_every_sample() {
    let env = Env::new();
    std::fs::copy(
        manifest().join("samples/port-strike.html"),
        env.path("port-strike.html"),
    )
    .unwrap();
    env.ok(&["add", "cartels.txt", "--id", "cartels"]);
    env.ok(&["add", "port-strike.html", "--id", "port"]);
    for article in ["cartels", "port"] {
        let n = json(&env.ok(&["claims", article, "-f", "json"]))
            .as_array()
            .unwrap()
            .len();
        assert!(n >= 5, "{article}: {n} claims");
        let c = compare_json(&env, article, "auto", "auto");
        for k in ["precision", "recall", "f1"] {
            close(&c[k], 1.0);
        }
        assert_eq!(c["matched"].as_array().unwrap().len(), n, "{article}");
        for p in c["matched"].as_array().unwrap() {
            assert_eq!(p["claim"], p["key"], "{article}: {p}");
        }
    }
}

/// A second article with two key claims; `ana` gets the council's identity wrong.
fn with_second_article(env: &Env) {
    env.write(
        "water.txt",
        "Residents complained the water was brown.\nThe council insisted it was safe.\n",
    );
    env.ok(&["add", "--no-extract", "water.txt", "--id", "water"]);
    let add = |who: &str, content: &str, source: &str, identity: &str, role: &str, cue: &str| {
        env.ok(&[
            "claim",
            "add",
            "water",
            "--annotator",
            who,
            "--content",
            content,
            "--source",
            source,
            "--identity",
            identity,
            "--role",
            role,
            "--form",
            "paraphrase",
            "--cue",
            cue,
        ]);
    };
    add(
        "teacher",
        "the water was brown",
        "Residents",
        "anonymous",
        "public",
        "complained",
    );
    add(
        "teacher",
        "it was safe",
        "The council",
        "named",
        "official",
        "insisted",
    );
    add(
        "ana",
        "the water was brown",
        "residents",
        "anonymous",
        "public",
        "complained",
    );
    add(
        "ana",
        "it was safe",
        "council",
        "anonymous",
        "official",
        "insisted",
    );
}

#[test]
fn the_roster_sums_each_student_over_their_articles() {
    let env = Env::new();
    env.with_nested();
    env.record("teacher", &[0, 1, 2, 3, 4, 5]);
    env.record("ana", &[0, 1, 2, 3, 4, 5]);
    env.record("ben", &[1, 3, 5]);
    with_second_article(&env);

    let roster = json(&env.ok(&["compare", "--all", "--key", "teacher", "-f", "json"]));
    let students = roster.as_array().unwrap();
    let names: Vec<&str> = students
        .iter()
        .map(|s| s["annotator"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["ana", "ben"]);
    let ana = &students[0]["total"];
    assert_eq!(ana["articles"], 2);
    assert_eq!(
        (ana["matched"].as_u64(), ana["missed"].as_u64()),
        (Some(8), Some(0))
    );
    // identity over the 8 pairs of both articles: 7 agree. Key: unspecified 1, anonymous 5,
    // named 2; ana: unspecified 1, anonymous 6, named 1. po = 7/8, pe = (1*1 + 6*5 + 1*2)/64
    // = 33/64, kappa = (56/64 - 33/64) / (31/64) = 23/31.
    let id = &ana["agreement"]["identity"];
    assert_eq!(
        (id["agree"].as_u64(), id["pairs"].as_u64()),
        (Some(7), Some(8))
    );
    close(&id["percent"], 87.5);
    close(&id["kappa"], 23.0 / 31.0);
    // "residents" is "Residents", "council" is "The council"
    close(&ana["agreement"]["source"]["percent"], 100.0);
    // per article: the first all right, the second one of two on identity
    let water = &students[0]["articles"][1];
    assert_eq!(water["article_id"], 2);
    close(&water["agreement"]["identity"]["percent"], 50.0);
    let ben = &students[1];
    assert_eq!(ben["articles"].as_array().unwrap().len(), 1);
    close(&ben["total"]["recall"], 0.5);

    // The CSV roster: the articles, then the total row, per student.
    let csv = env.ok(&["compare", "--all", "--key", "teacher", "-f", "csv"]);
    let rows: Vec<Vec<String>> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let firsts: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[2].as_str()))
        .collect();
    assert_eq!(
        firsts,
        [
            ("ana", "1"),
            ("ana", "2"),
            ("ana", "total"),
            ("ben", "1"),
            ("ben", "total")
        ]
    );
    assert_eq!(rows[2][3], "total over 2 articles");
    assert_eq!(rows[2][10], "87.5");
    assert_eq!(rows[2][11], "0.742");

    // The table: a total row per student, in 80 columns.
    let table = env.ok(&["compare", "--all", "--key", "teacher"]);
    assert_eq!(table.matches("total").count(), 2, "{table}");
    assert!(table.contains("88%"), "{table}");
    assert!(table.contains("κ 0.74"), "{table}");
    for line in table.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
    // Only one student's rows.
    let one = json(&env.ok(&[
        "compare",
        "--all",
        "--key",
        "teacher",
        "--annotator",
        "ben",
        "-f",
        "json",
    ]));
    assert_eq!(one.as_array().unwrap().len(), 1);
}

#[test]
fn a_name_without_claims_is_an_error_that_lists_the_annotators() {
    let env = Env::new();
    env.with_nested();
    env.record("teacher", &[0, 1]);
    env.record("ana", &[1]);
    let want =
        "no claims by \"Ana\" on article 1; annotators here: ana, teacher (did you mean \"ana\"?)";
    for args in [
        &["show", "nest", "--annotator", "Ana"][..],
        &["claims", "nest", "--annotator", "Ana"],
        &["report", "nest", "--annotator", "Ana"],
        &[
            "report",
            "nest",
            "--annotator",
            "Ana",
            "-f",
            "html",
            "-o",
            "r.html",
        ],
        &["compare", "nest", "--annotator", "Ana", "--key", "teacher"],
    ] {
        env.fails_with(args, 1, want);
    }
    assert!(!env.path("r.html").exists());
    env.fails_with(
        &["compare", "nest", "--annotator", "ana", "--key", "Teacher"],
        1,
        "no claims by \"Teacher\" on article 1; annotators here: ana, teacher (did you mean \"teacher\"?)",
    );
    let anywhere = "no claims by \"Ana\" on any article; annotators: ana, teacher";
    env.fails_with(&["export", "--annotator", "Ana"], 1, anywhere);
    env.fails_with(&["report", "--all", "--annotator", "Ana"], 1, anywhere);
    env.fails_with(
        &["compare", "--all", "--key", "teacher", "--annotator", "Ana"],
        1,
        anywhere,
    );
    env.fails_with(
        &["compare", "--all", "--key", "nobody"],
        1,
        "no claims by \"nobody\" on any article",
    );
    // the right names still work
    env.ok(&["show", "nest", "--annotator", "ana"]);
    env.ok(&["export", "--annotator", "ana"]);
}

/// `(number, first word of the source)` of the lines that start with a number in a table row
/// (`│ 3 ┆ …`) or a source list (`[3] …`).
fn numbered(out: &str, table: bool) -> Vec<(usize, String)> {
    out.lines()
        .filter_map(|l| {
            let rest = if table {
                let cells: Vec<&str> = l.trim_start_matches('│').split('┆').collect();
                let n = cells.first()?.trim().parse::<usize>().ok()?;
                // the claims table has the id after the number
                let source = if cells.len() == 6 { cells[2] } else { cells[1] };
                return Some((n, source.split_whitespace().next()?.to_string()));
            } else {
                l.strip_prefix('[')?
            };
            let (n, source) = rest.split_once("] ")?;
            Some((
                n.parse().ok()?,
                source.split_whitespace().next()?.to_string(),
            ))
        })
        .collect()
}

#[test]
fn a_claim_has_one_number_everywhere() {
    let env = Env::new();
    env.with_nested();
    env.record("teacher", &[5, 4, 3, 2, 1, 0]);
    // text order: content start, then cue ("citing" before "said" for the one content)
    let want: Vec<(usize, String)> = ["unnamed", "the", "two", "Channel", "the", "the"]
        .iter()
        .enumerate()
        .map(|(i, s)| (i + 1, s.to_string()))
        .collect();
    let table = env.ok(&["claims", "nest", "--annotator", "teacher"]);
    assert_eq!(numbered(&table, true), want, "{table}");
    let show = env.ok(&["show", "nest", "--annotator", "teacher"]);
    assert_eq!(numbered(&show, false), want, "{show}");
    assert!(show.contains("[3A [4N the suspect had fled"), "{show}");
    assert!(show.contains("Channel 9, {citing}"), "{show}");
    let page = env.path("nest.html");
    env.ok(&[
        "report",
        "nest",
        "--annotator",
        "teacher",
        "-f",
        "html",
        "-o",
        page.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(&page).unwrap();
    // the source list names each source once, with its claims' numbers and a line for each
    let group = |name: &str| -> &str {
        let list = &html[html.find("<ul class=\"sources\">").unwrap()..];
        list.split("<li><span class=\"name ")
            .skip(1)
            .find(|g| g.contains(&format!(">{name}</span>")))
            .unwrap_or_else(|| panic!("no source {name}: {html}"))
    };
    for (name, n) in [
        ("two police officers", 3),
        ("Channel 9", 4),
        ("the minister", 6),
    ] {
        let g = group(name);
        assert!(g.contains(&format!("<a href=\"#c{n}\">{n}</a>")), "{g}");
        assert!(g.contains(&format!("<li value=\"{n}\">")), "{g}");
        assert!(html.contains(&format!("<sup class=\"marker\" id=\"c{n}\">{n}</sup>")));
    }
    // compare numbers claims the same way, on both sides
    env.record("ana", &[3, 2]);
    let c = compare_json(&env, "nest", "ana", "teacher");
    let numbers: Vec<(u64, u64, &str)> = c["matched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["claim"]["number"].as_u64().unwrap(),
                p["key"]["number"].as_u64().unwrap(),
                p["key"]["source"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        numbers,
        [(1, 3, "two police officers"), (2, 4, "Channel 9")]
    );

    // the engine's claims: the analysis table, --explain and --show agree
    env.write(
        "engine.txt",
        "Channel 9, citing two police officers, said the suspect had fled north. \
         The mayor reportedly told aides that the budget would be cut.\n",
    );
    let table = env.ok(&["analyze", "engine.txt", "--explain"]);
    let show = env.ok(&["analyze", "--show", "engine.txt"]);
    let from_table = numbered(&table, true);
    assert!(from_table.len() >= 3, "{table}");
    assert_eq!(from_table, numbered(&show, false), "{table}\n{show}");
    let why: Vec<usize> = table
        .split("\nwhy:\n")
        .nth(1)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
        .collect();
    assert_eq!(why, (1..=from_table.len()).collect::<Vec<_>>(), "{table}");
}

#[test]
fn the_feedback_page_marks_every_claim_and_spells_out_disagreements() {
    let env = Env::new();
    env.with_nested();
    with_second_article(&env);
    // ana on the water article: both found, the council's identity wrong
    let page = env.path("feedback.html");
    env.ok(&[
        "compare",
        "water",
        "--annotator",
        "ana",
        "--key",
        "teacher",
        "--format",
        "html",
        "-o",
        page.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.contains("You found <b>2 of the key's 2 claims</b>"),
        "{html}"
    );
    assert!(
        html.contains(
            "<li>identity: you: anonymous, key: named — the source is named in paragraph 2</li>"
        ),
        "{html}"
    );
    assert!(
        html.contains("<td>identity</td><td>1 of 2 (50%)</td>"),
        "{html}"
    );
    // nothing fetched, no script
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "{html}"
    );
    assert!(!html.contains("<script"), "{html}");

    // On the nested article: a student with one claim right, one with a wrong label, one
    // missing and one extra.
    env.record("teacher", &[0, 1, 4, 5]);
    env.ok(&[
        "claim",
        "add",
        "nest",
        "--annotator",
        "ben",
        "--content",
        "the budget would be cut",
        "--source",
        "the mayor",
        "--identity",
        "anonymous",
        "--role",
        "official",
        "--form",
        "paraphrase",
        "--cue",
        "told",
    ]);
    env.ok(&[
        "claim",
        "add",
        "nest",
        "--annotator",
        "ben",
        "--content",
        "the minister knew the plan was dead",
        "--source",
        "the audit",
        "--identity",
        "anonymous",
        "--role",
        "official",
        "--form",
        "paraphrase",
        "--cue",
        "found",
    ]);
    env.ok(&[
        "claim",
        "add",
        "nest",
        "--annotator",
        "ben",
        "--content",
        "the suspect had fled north",
        "--source",
        "Channel 9",
        "--identity",
        "named",
        "--role",
        "media",
        "--form",
        "paraphrase",
        "--cue",
        "said",
    ]);
    let page = env.path("ben.html");
    env.ok(&[
        "compare",
        "nest",
        "--annotator",
        "ben",
        "--key",
        "teacher",
        "-f",
        "html",
        "-o",
        page.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(&page).unwrap();
    // both sides of the article, each claim marked by what became of it
    assert_eq!(html.matches("<div class=\"article\">").count(), 2);
    // ben: the mayor matched, the audit with another form, Channel 9 extra; the hedge and
    // the minister missed
    for (class, n) in [("matched", 1), ("differs", 1), ("missed", 2), ("extra", 1)] {
        let marks = html.matches(&format!("<mark class=\"{class}\"")).count();
        assert!(marks >= 1, "{class}: no marks\n{html}");
        let items = html.matches(&format!("<li class=\"{class}\">")).count();
        assert_eq!(items, n, "{class}\n{html}");
    }
    for id in [
        "you-1", "you-2", "you-3", "key-1", "key-2", "key-3", "key-4",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}\n{html}");
    }
    assert!(
        html.contains("<li>form: you: paraphrase, key: document — the source is a document, data set, statement or record</li>"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"#key-1\">key claim 1</a> in paragraph 1: unnamed reports"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"#you-2\">your claim 2</a> in paragraph 1: Channel 9"),
        "{html}"
    );

    // Hostile names and text are escaped.
    env.write(
        "evil.txt",
        "<script>alert(1)</script> The clerk said \"<img src=x onerror=alert(2)>\" was fine.\n",
    );
    env.ok(&[
        "add",
        "--no-extract",
        "evil.txt",
        "--id",
        "evil",
        "--title",
        "<b>t</b>",
    ]);
    for who in ["<i>eve</i>", "teacher"] {
        env.ok(&[
            "claim",
            "add",
            "evil",
            "--annotator",
            who,
            "--content",
            "<img src=x onerror=alert(2)>",
            "--source",
            "<script>x</script>",
            "--identity",
            "named",
            "--role",
            "public",
            "--form",
            "direct_quote",
            "--cue",
            "said",
        ]);
    }
    let page = env.path("evil.html");
    env.ok(&[
        "compare",
        "evil",
        "--annotator",
        "<i>eve</i>",
        "--key",
        "teacher",
        "-f",
        "html",
        "-o",
        page.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(&page).unwrap();
    for bad in ["<script", "<img", "<i>eve", "<b>t"] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
    assert!(html.contains("&lt;i&gt;eve&lt;/i&gt;"), "{html}");

    // What a browser makes of the page.
    let Some(chromium) = needs(Tool::Chromium) else {
        return;
    };
    let profile = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("file://{}", env.path("ben.html").display()))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success());
    let dom = String::from_utf8(out.stdout).unwrap();
    assert!(
        dom.contains("<sup class=\"marker\" id=\"key-4\">key 4</sup>"),
        "{dom}"
    );
    assert!(dom.contains("<li class=\"missed\">"), "{dom}");
    assert_eq!(dom.matches("<section>").count(), 2, "{dom}");
}

//! Coursework: annotators, compare with a key (a class of three students and a teacher),
//! show, the HTML report in headless Chromium, worksheets and hostile text. The real binary
//! in a temp dir, on samples/cartels.txt with hand-recorded claims (the engine is not used).
//! The renderings in Chromium run with `WHOSAID_FULL_TESTS=1`.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::{expect_file, json, manifest, needs, Env, Tool, BIN};
use serde_json::Value;

impl Env {
    /// The sample as `cartels`, without extraction.
    fn with_article(&self) {
        self.add_sample(&[]);
    }

    #[allow(clippy::too_many_arguments)]
    fn claim(
        &self,
        annotator: &str,
        content: &str,
        source: &str,
        identity: &str,
        role: &str,
        form: &str,
        cue: Option<&str>,
    ) {
        let mut args = vec![
            "claim",
            "add",
            "cartels",
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
        ];
        if let Some(c) = cue {
            args.extend(["--cue", c]);
        }
        self.ok(&args);
    }

    /// The class: a teacher's key of four claims and three students.
    fn with_class(&self) {
        self.with_article();
        for (content, source, identity, role, form, cue) in KEY {
            self.claim("teacher", content, source, identity, role, form, Some(cue));
        }
        // Student A: the key, word for word.
        for (content, source, identity, role, form, cue) in KEY {
            self.claim(
                "student-a",
                content,
                source,
                identity,
                role,
                form,
                Some(cue),
            );
        }
        // Student B: three of four found (shorter content, no cues), labels partly wrong,
        // one extra.
        self.claim(
            "student-b",
            "is planning a major expansion",
            "reports",
            "anonymous",
            "media",
            "paraphrase",
            None,
        );
        self.claim(
            "student-b",
            "no decision had been finalized and deployment was not imminent",
            "Officials",
            "anonymous",
            "official",
            "paraphrase",
            None,
        );
        self.claim(
            "student-b",
            "It’s very clear that Mexico collaborates with other countries",
            "Sheinbaum",
            "anonymous",
            "public",
            "direct_quote",
            None,
        );
        self.claim(
            "student-b",
            "Pentagon figures indicate 64 deaths across 15 attacks",
            "Pentagon",
            "named",
            "official",
            "document",
            None,
        );
        // Student C: one found, one extra.
        self.claim(
            "student-c",
            "Mexico collaborates with other countries",
            "Claudia Sheinbaum",
            "named",
            "official",
            "paraphrase",
            None,
        );
        self.claim(
            "student-c",
            "he is willing to adopt a more aggressive stance",
            "Trump",
            "named",
            "official",
            "paraphrase",
            None,
        );
    }
}

/// The teacher's key: content, source, identity, role, form, cue.
const KEY: [(&str, &str, &str, &str, &str, &str); 4] = [
    ("is planning a major expansion of his war on drug cartels", "reports", "unspecified", "media", "paraphrase", "according to reports"),
    ("while training and preparations at the early stages have begun, no decision had been finalized and deployment was not imminent", "Officials", "anonymous", "official", "paraphrase", "stressed"),
    ("“the Trump administration will use a whole-of-government strategy to combat threats from cartels to American citizens.”", "a senior official in the Trump administration", "anonymous", "official", "direct_quote", "told"),
    ("It’s very clear that Mexico collaborates with other countries, but it does not submit itself to them.", "Claudia Sheinbaum", "named", "official", "direct_quote", "said"),
];

fn close(v: &Value, want: f64) {
    let x = v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"));
    assert!((x - want).abs() < 1e-9, "{x} != {want}");
}

#[test]
fn annotators_lists_who_annotated_what() {
    let env = Env::new();
    env.with_class();
    let out = json(&env.ok(&["annotators", "--format", "json"]));
    let rows: Vec<(String, i64, i64)> = out
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["annotator"].as_str().unwrap().to_string(),
                r["articles"].as_i64().unwrap(),
                r["claims"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("student-a".into(), 1, 4),
            ("student-b".into(), 1, 4),
            ("student-c".into(), 1, 2),
            ("teacher".into(), 1, 4),
        ]
    );
    let table = env.ok(&["annotators", "cartels"]);
    assert!(table.contains("student-c"), "{table}");
    env.fails_with(&["annotators", "nope"], 1, "no article with id \"nope\"");
}

#[test]
fn a_class_of_three_is_compared_with_the_teachers_key() {
    let env = Env::new();
    env.with_class();

    // Student A: all four, labels identical.
    let a = json(&env.ok(&[
        "compare",
        "cartels",
        "--annotator",
        "student-a",
        "--key",
        "teacher",
        "-f",
        "json",
    ]));
    for k in [
        "precision",
        "recall",
        "f1",
        "agreement",
        "matched",
        "missed",
        "extra",
    ] {
        assert!(a.get(k).is_some(), "missing {k}: {a}");
    }
    close(&a["precision"], 1.0);
    close(&a["recall"], 1.0);
    close(&a["f1"], 1.0);
    close(&a["agreement"]["identity"]["kappa"], 1.0);
    close(&a["agreement"]["role"]["kappa"], 1.0);
    for label in ["identity", "role", "form", "hedged", "source"] {
        close(&a["agreement"][label]["percent"], 100.0);
    }
    assert_eq!(a["matched"].as_array().unwrap().len(), 4);

    // Student B: 3 matched, 1 missed, 1 extra. Identity pairs (B, key): (anon, unspec),
    // (anon, anon), (anon, named): po = 1/3, pe = 1 * 1/3, kappa = 0. Role pairs: (media,
    // media), (official, official), (public, official): po = 2/3, pe = 1/3*1/3 + 1/3*2/3 =
    // 1/3, kappa = (2/3 - 1/3) / (2/3) = 0.5.
    let b = json(&env.ok(&[
        "compare",
        "cartels",
        "--annotator",
        "student-b",
        "--key",
        "teacher",
        "-f",
        "json",
    ]));
    close(&b["precision"], 0.75);
    close(&b["recall"], 0.75);
    close(&b["f1"], 0.75);
    close(&b["agreement"]["identity"]["kappa"], 0.0);
    close(&b["agreement"]["role"]["kappa"], 0.5);
    // 1 of 3 on identity, 2 of 3 on role; the same source for all three ("Sheinbaum" is
    // "Claudia Sheinbaum")
    assert_eq!(b["agreement"]["identity"]["agree"], 1);
    assert_eq!(b["agreement"]["identity"]["pairs"], 3);
    close(&b["agreement"]["role"]["percent"], 200.0 / 3.0);
    close(&b["agreement"]["source"]["percent"], 100.0);
    assert_eq!(b["matched"].as_array().unwrap().len(), 3);
    let missed = b["missed"].as_array().unwrap();
    assert_eq!(missed.len(), 1);
    assert_eq!(
        missed[0]["source"],
        "a senior official in the Trump administration"
    );
    assert_eq!(b["extra"][0]["source"], "Pentagon");

    // Student C: 1 of 2 right, 1 of 4 found: F1 = 2 * .5 * .25 / .75 = 1/3. One matched pair
    // with equal labels: chance agreement is 1, so kappa is undefined (null).
    let c = json(&env.ok(&[
        "compare",
        "cartels",
        "--annotator",
        "student-c",
        "--key",
        "teacher",
        "-f",
        "json",
    ]));
    close(&c["precision"], 0.5);
    close(&c["recall"], 0.25);
    close(&c["f1"], 1.0 / 3.0);
    assert_eq!(c["agreement"]["identity"]["kappa"], Value::Null);
    assert_eq!(c["agreement"]["role"]["kappa"], Value::Null);
    assert!(c["agreement"]["role"]["kappa_note"]
        .as_str()
        .unwrap()
        .contains("chance agreement is 100%"));
    close(&c["agreement"]["role"]["percent"], 100.0);

    // The table names the claims and the figures.
    let t = env.ok(&[
        "compare",
        "cartels",
        "--annotator",
        "student-b",
        "--key",
        "teacher",
    ]);
    assert!(
        t.contains("matched 3, missed 1, extra 1; precision 0.750, recall 0.750, f1 0.750"),
        "{t}"
    );
    assert!(t.contains("identity  1 of 3 (33%)   kappa 0.00"), "{t}");
    assert!(t.contains("role      2 of 3 (67%)   kappa 0.50"), "{t}");
    assert!(t.contains("missed") && t.contains("extra"), "{t}");
    for line in t.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }

    // The roster: one row per (annotator, article).
    let roster = env.ok(&["compare", "--all", "--key", "teacher", "-f", "csv"]);
    let title = "Trump weighs sending troops against cartels";
    let one_label =
        "both sides gave every matched claim the same label, so chance agreement is 100%";
    assert_eq!(
        roster,
        format!(
            "annotator,key,article_id,title,matched,missed,extra,precision,recall,f1,\
             identity_agreement,identity_kappa,role_agreement,role_kappa,form_agreement,\
             form_kappa,hedged_agreement,hedged_kappa,source_agreement,notes\n\
             student-a,teacher,1,{title},4,0,0,1.0,1.0,1.0,100.0,1.0,100.0,1.0,100.0,1.0,100.0,n/a,100.0,\"hedged kappa n/a: {one_label}\"\n\
             student-a,teacher,total,total over 1 article,4,0,0,1.0,1.0,1.0,100.0,1.0,100.0,1.0,100.0,1.0,100.0,n/a,100.0,\"hedged kappa n/a: {one_label}\"\n\
             student-b,teacher,1,{title},3,1,1,0.75,0.75,0.75,33.3,0.0,66.7,0.5,100.0,1.0,100.0,n/a,100.0,\"hedged kappa n/a: {one_label}\"\n\
             student-b,teacher,total,total over 1 article,3,1,1,0.75,0.75,0.75,33.3,0.0,66.7,0.5,100.0,1.0,100.0,n/a,100.0,\"hedged kappa n/a: {one_label}\"\n\
             student-c,teacher,1,{title},1,3,1,0.5,0.25,0.333,100.0,n/a,100.0,n/a,0.0,0.0,100.0,n/a,100.0,\"identity, role, hedged kappa n/a: {one_label}\"\n\
             student-c,teacher,total,total over 1 article,1,3,1,0.5,0.25,0.333,100.0,n/a,100.0,n/a,0.0,0.0,100.0,n/a,100.0,\"identity, role, hedged kappa n/a: {one_label}\"\n"
        )
    );
    let roster_json = json(&env.ok(&["compare", "--all", "--key", "teacher", "-f", "json"]));
    let students = roster_json.as_array().unwrap();
    assert_eq!(students.len(), 3);
    assert_eq!(students[1]["annotator"], "student-b");
    assert_eq!(students[1]["total"]["matched"], 3);
    assert_eq!(students[1]["articles"].as_array().unwrap().len(), 1);
    let table = env.ok(&["compare", "--all", "--key", "teacher"]);
    assert!(table.contains("student-b"), "{table}");

    // The key can be compared with a student the other way round: precision and recall swap.
    let rev = json(&env.ok(&[
        "compare",
        "cartels",
        "--annotator",
        "teacher",
        "--key",
        "student-b",
        "-f",
        "json",
    ]));
    close(&rev["precision"], 0.75);
    close(&rev["recall"], 0.75);
}

#[test]
fn compare_usage_and_missing_keys_are_clear_errors() {
    let env = Env::new();
    env.with_class();
    env.fails_with(
        &["compare", "cartels", "--key", "teacher"],
        2,
        "--annotator",
    );
    env.fails_with(&["compare", "--key", "teacher"], 2, "which article?");
    env.fails_with(
        &[
            "compare",
            "cartels",
            "--annotator",
            "student-a",
            "--key",
            "auto",
        ],
        1,
        "no claims by \"auto\"",
    );
    // HTML is the one student's feedback page, not the roster
    env.fails_with(
        &["compare", "--all", "--key", "teacher", "-f", "html"],
        2,
        "`compare --all` has no HTML output",
    );
}

#[test]
fn show_prints_the_article_with_markers_sources_and_a_legend() {
    let env = Env::new();
    env.with_class();
    let raw = env.ok(&["show", "cartels", "--annotator", "teacher"]);
    expect_file("show.txt", &raw);
    // Not a terminal: no colour codes, plain bracket markers.
    assert!(!raw.contains('\u{1b}'), "{raw}");
    let out = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        out.contains("Donald Trump, {according to reports}, [1U is planning a major"),
        "{out}"
    );
    assert!(
        out.contains("Officials {stressed} that [2A while training"),
        "{out}"
    );
    assert!(out.contains("{told} NBC that [3A “the Trump"), "{out}");
    assert!(out.contains("[4N It’s very clear"), "{out}");
    assert!(
        out.contains(
            "Sources [1] reports (unspecified, media, paraphrase); cue \"according to reports\" [2]"
        ),
        "{out}"
    );
    assert!(
        out.contains("[4] Claudia Sheinbaum (named, official, direct_quote); cue \"said\""),
        "{out}"
    );
    assert!(out.contains("Legend: [1N …]"), "{out}");
    for line in raw.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
    // Wrapping moves no marker: with the markers taken out and the lines joined, the words
    // are the article's.
    let narrow = {
        let out = Command::new(BIN)
            .args(["show", "cartels", "--annotator", "teacher"])
            .current_dir(env.dir.path())
            .env("WHOSAID_DB", env.path("whosaid.db"))
            .env("COLUMNS", "40")
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    for line in narrow.lines() {
        assert!(line.chars().count() <= 40, "too wide: {line}");
    }
    let body: String = narrow
        .split("claims by teacher\n\n")
        .nth(1)
        .unwrap()
        .split("\nSources\n")
        .next()
        .unwrap()
        .lines()
        .collect::<Vec<_>>()
        .join(" ");
    let unmarked = body
        .replace("[1U ", "")
        .replace("[2A ", "")
        .replace("[3A ", "")
        .replace("[4N ", "")
        .replace(['{', '}', ']'], "");
    let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    let text = std::fs::read_to_string(env.path("cartels.txt")).unwrap();
    assert_eq!(words(&unmarked), words(&text));

    // NO_COLOR and a pipe: still plain. analyze --show runs the engine on a file.
    let out = env.ok(&["analyze", "--show", "cartels.txt"]);
    assert!(
        out.contains("Donald Trump") && out.contains("Legend:"),
        "{out}"
    );
    env.fails_with(&["show", "nope"], 1, "no article");
}

/// Chromium (`bin`), headless, on `page`: `--dump-dom` (returned) and a screenshot beside it.
fn render(bin: &Path, page: &Path, screenshot: &Path) -> String {
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}", page.display());
    let common = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];
    let dom = Command::new(bin)
        .args(common)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(&url)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        dom.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let shot = Command::new(bin)
        .args(common)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--window-size=1000,1800")
        .arg(format!("--screenshot={}", screenshot.display()))
        .arg(&url)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(shot.status.success(), "chromium screenshot failed");
    assert!(std::fs::metadata(screenshot).unwrap().len() > 10_000);
    String::from_utf8(dom.stdout).unwrap()
}

#[test]
fn the_html_report_renders_in_chromium_with_spans_and_a_chart() {
    let Some(chromium) = needs(Tool::Chromium) else {
        return;
    };
    let env = Env::new();
    env.with_class();
    let page = env.path("report.html");
    env.ok(&[
        "report",
        "cartels",
        "--annotator",
        "teacher",
        "--format",
        "html",
        "-o",
        page.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        !html.contains("src=\"http") && !html.contains("href=\"http"),
        "fetches something"
    );
    let dom = render(&chromium, &page, &env.path("report.png"));
    assert_eq!(dom.matches("<mark class=").count(), 4, "{dom}");
    assert!(
        dom.contains("<mark class=\"unspecified\" data-claims=\"1\""),
        "{dom}"
    );
    assert!(dom.contains("title=\"[1] reports: unspecified, media, paraphrase; cue “according to reports”; rule: recorded by hand\""), "{dom}");
    assert!(dom.contains("<span class=\"cue\">stressed</span>"), "{dom}");
    assert!(dom.contains("<svg class=\"chart\""), "{dom}");
    // four labelled groups: identity, role, form and the cue's stance
    assert_eq!(dom.matches("<rect class=\"bar\"").count(), 14, "{dom}");
    assert!(dom.contains("<ul class=\"sources\">"), "{dom}");
    // Keep a copy of the screenshot for a person to look at.
    let _ = std::fs::copy(
        env.path("report.png"),
        manifest().join("target/coursework-report.png"),
    );
}

#[test]
fn the_html_report_escapes_hostile_article_text() {
    let env = Env::new();
    let body = "<script>document.title='pwned'</script> The mayor said \"<img src=x onerror=alert(1)>\" was fine.\n";
    std::fs::write(env.path("evil.txt"), body).unwrap();
    env.ok(&[
        "add",
        "--no-extract",
        "evil.txt",
        "--id",
        "evil",
        "--title",
        "<script>alert('title')</script>",
        "--outlet",
        "<b>Outlet</b>",
    ]);
    env.ok(&[
        "claim",
        "add",
        "evil",
        "--content",
        "<img src=x onerror=alert(1)>",
        "--source",
        "<script>x</script>",
        "--identity",
        "named",
        "--role",
        "official",
        "--form",
        "direct_quote",
        "--cue",
        "said",
    ]);
    let page = env.path("evil.html");
    env.ok(&[
        "report",
        "evil",
        "--format",
        "html",
        "-o",
        page.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("<b>Outlet"), "{html}");
    let index = env.path("index.html");
    env.ok(&[
        "report",
        "--all",
        "--format",
        "html",
        "-o",
        index.to_str().unwrap(),
    ]);
    let index_html = std::fs::read_to_string(&index).unwrap();
    assert!(
        !index_html.contains("<script") && !index_html.contains("<b>Outlet"),
        "{index_html}"
    );

    // What a browser makes of the page.
    let Some(chromium) = needs(Tool::Chromium) else {
        return;
    };
    let dom = render(&chromium, &page, &env.path("evil.png"));
    assert!(
        !dom.contains("<script"),
        "a script element was rendered: {dom}"
    );
    assert!(!dom.contains("<img"), "an img element was rendered: {dom}");
    assert!(
        dom.contains("<title>&lt;script&gt;alert('title')&lt;/script&gt;</title>"),
        "{dom}"
    );
    assert!(
        dom.contains("&lt;img src=x onerror=alert(1)&gt;</mark>"),
        "{dom}"
    );
}

#[test]
fn report_all_html_is_an_index_with_one_chart_per_outlet() {
    let env = Env::new();
    env.with_class();
    std::fs::write(
        env.path("other.txt"),
        "The minister said the budget is balanced.\n",
    )
    .unwrap();
    env.ok(&[
        "add",
        "--no-extract",
        "other.txt",
        "--outlet",
        "Other Daily",
        "--title",
        "Budget",
    ]);
    let index = env.path("index.html");
    env.ok(&[
        "report",
        "--all",
        "--annotator",
        "teacher",
        "--format",
        "html",
        "-o",
        index.to_str().unwrap(),
    ]);
    // HTML is only for report: the other commands neither offer nor take it.
    for args in [
        &["articles", "--format", "html"][..],
        &["claims", "cartels", "--format", "html"],
        &["analyze", "cartels.txt", "--format", "html"],
    ] {
        env.fails_with(args, 2, "[possible values: table, csv, json]");
    }

    // What a browser makes of the index.
    let Some(chromium) = needs(Tool::Chromium) else {
        return;
    };
    let dom = render(&chromium, &index, &env.path("index.png"));
    // one chart per outlet, then one in each article's section
    assert_eq!(dom.matches("<svg class=\"chart\"").count(), 4, "{dom}");
    assert!(
        dom.contains("<h3>Example News</h3>") && dom.contains("<h3>Other Daily</h3>"),
        "{dom}"
    );
    // each article has its section, linked from the index
    let budget = dom
        .split("<section class=\"article-report\" id=\"")
        .nth(2)
        .and_then(|s| s.split('"').next())
        .unwrap_or_else(|| panic!("no second section: {dom}"));
    assert!(
        dom.contains(&format!("<td><a href=\"#{budget}\">Budget</a></td>")),
        "{dom}"
    );
    assert_eq!(dom.matches("<section class=\"article-report\"").count(), 2);
}

#[test]
fn csv_output_neutralises_formula_injection() {
    let env = Env::new();
    std::fs::write(
        env.path("f.txt"),
        "=HYPERLINK(\"http://evil\") said the clerk. -2+3 is the answer, said Bob.\n",
    )
    .unwrap();
    env.ok(&[
        "add",
        "--no-extract",
        "f.txt",
        "--id",
        "f",
        "--title",
        "=1+1",
        "--outlet",
        "@SUM(A1)",
    ]);
    env.ok(&[
        "claim",
        "add",
        "f",
        "--content=-2+3 is the answer",
        "--source=+Bob",
        "--identity",
        "named",
        "--role",
        "public",
        "--form",
        "paraphrase",
        "--cue",
        "said",
    ]);
    let report = env.ok(&["report", "f", "--annotator", "manual", "-f", "csv"]);
    let row = report.lines().nth(1).unwrap();
    assert!(row.starts_with("1,'=1+1,'@SUM(A1),"), "{row}");
    let claims = env.ok(&["claims", "f", "-f", "csv"]);
    assert!(claims.contains(",'+Bob,"), "{claims}");
    assert!(claims.contains(",'-2+3 is the answer,"), "{claims}");
    let articles = env.ok(&["articles", "-f", "csv"]);
    assert!(articles.contains(",'=1+1,'@SUM(A1),"), "{articles}");
    let sheet = env.ok(&["worksheet", "f"]);
    assert!(
        sheet.contains("#1,1,\"'=HYPERLINK(\"\"http://evil\"\") said the clerk.\""),
        "{sheet}"
    );
    assert!(
        sheet.contains("1,2,\"'-2+3 is the answer, said Bob.\""),
        "{sheet}"
    );
    // Plain numbers are left alone: kappas and counts stay numbers.
    assert!(row.contains(",1,1,"), "{row}");
}

#[test]
fn a_worksheet_goes_out_blank_and_comes_back_as_claims() {
    let env = Env::new();
    env.with_article();
    let sheet = env.path("sheet.csv");
    env.ok(&["worksheet", "cartels", "-o", sheet.to_str().unwrap()]);
    let mut rdr = csv::Reader::from_path(&sheet).unwrap();
    let headers: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        headers,
        [
            "article",
            "sentence",
            "text",
            "source",
            "mention",
            "identity (named | anonymous | unspecified)",
            "role (official | media | expert | organization | public | unknown)",
            "form (direct quote | paraphrase | document)",
            "hedged (yes | no)",
            "via",
            "content",
            "cue (its stance follows: loaded for claimed, admitted, insisted...; else neutral)"
        ]
    );
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name || h.starts_with(&format!("{name} (")))
            .unwrap()
    };
    let mut rows: Vec<Vec<String>> = rdr
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert_eq!(rows.len(), 32);
    assert_eq!(rows[0][1], "1");
    assert_eq!(rows[0][2], "Donald Trump, according to reports, is planning a major expansion of his war on drug cartels.");
    assert!(rows.iter().all(|r| r[3..].iter().all(String::is_empty)));
    let mut fill = |row: usize, cells: &[(&str, &str)]| {
        for (name, value) in cells {
            rows[row][col(name)] = value.to_string();
        }
    };
    // A student fills two rows: one with chosen content and cue, as a spreadsheet user
    // writes labels; one with the whole sentence.
    fill(
        0,
        &[
            ("source", "reports"),
            ("identity", "Unspecified"),
            ("role", "Media"),
            ("form", "Paraphrase"),
            ("hedged", "Yes"),
            (
                "content",
                "is planning a major expansion of his war on drug cartels",
            ),
            ("cue", "according to reports"),
        ],
    );
    fill(
        2,
        &[
            ("source", "Officials"),
            ("mention", "Officials"),
            ("identity", "anonymous"),
            ("role", "official"),
            ("form", "paraphrase"),
            ("cue", "stressed"),
        ],
    );
    let write = |name: &str, rows: &[Vec<String>]| {
        let p = env.path(name);
        let mut w = csv::Writer::from_path(&p).unwrap();
        w.write_record(&headers).unwrap();
        for r in rows {
            w.write_record(r).unwrap();
        }
        w.flush().unwrap();
        p
    };
    let filled = write("filled.csv", &rows);

    // Bad rows are reported by the spreadsheet's row number and the column, all at once,
    // and nothing is stored.
    let mut bad = rows.clone();
    bad[2][col("identity")] = "nmed".into();
    bad[2][col("form")] = "Direct quotes".into();
    bad[5][col("source")] = "Someone".into();
    let bad = write("bad.csv", &bad);
    let err = env.fails_with(
        &[
            "claim",
            "import",
            bad.to_str().unwrap(),
            "--annotator",
            "dana",
        ],
        1,
        "bad.csv: 5 problems, nothing imported: ",
    );
    let problems: Vec<&str> = err
        .trim_end()
        .split_once("nothing imported: ")
        .unwrap()
        .1
        .split("; row ")
        .collect();
    assert_eq!(
        problems,
        [
            "row 4, column F (identity): unknown identity \"nmed\" (expected one of: named, \
             anonymous, unspecified; any case)",
            "4, column H (form): unknown form \"Direct quotes\" (expected one of: direct \
             quote, paraphrase, document; any case)",
            "7, column F (identity): empty (expected the claim's identity: named, anonymous, \
             unspecified)",
            "7, column G (role): empty (expected the claim's role: official, media, expert, \
             organization, public, unknown)",
            "7, column H (form): empty (expected the claim's form: direct quote, paraphrase, \
             document)",
        ]
    );
    let mut wrong = rows.clone();
    wrong[0][col("content")] = "words not in the sentence".into();
    let wrong = write("wrong.csv", &wrong);
    env.fails_with(
        &[
            "claim",
            "import",
            wrong.to_str().unwrap(),
            "--annotator",
            "dana",
        ],
        1,
        "wrong.csv: row 2, column K (content): \"words not in the sentence\" does not occur",
    );
    assert_eq!(
        env.ok(&["annotators", "-f", "csv"]),
        "annotator,articles,claims\n"
    );

    let ids = env.ok(&[
        "claim",
        "import",
        filled.to_str().unwrap(),
        "--annotator",
        "dana",
    ]);
    assert_eq!(ids.lines().count(), 2);
    let claims = json(&env.ok(&["claims", "cartels", "--annotator", "dana", "-f", "json"]));
    let claims = claims.as_array().unwrap();
    assert_eq!(
        claims[0]["content"],
        "is planning a major expansion of his war on drug cartels"
    );
    assert_eq!(claims[0]["cue"], "according to reports");
    assert_eq!(claims[0]["content_start"], 36);
    assert_eq!(claims[0]["identity"], "unspecified");
    assert_eq!(claims[0]["hedged"], true);
    assert_eq!(claims[1]["content"], "Officials stressed that while training and preparations at the early stages have begun, no decision had been finalized and deployment was not imminent.");
    assert_eq!(claims[1]["annotator"], "dana");
    assert_eq!(claims[1]["hedged"], false);
    assert_eq!(claims[1]["mention"], "Officials");
    // Importing again would double the claims: refused unless --replace.
    env.fails_with(
        &[
            "claim",
            "import",
            filled.to_str().unwrap(),
            "--annotator",
            "dana",
        ],
        1,
        "--replace",
    );
    env.ok(&[
        "claim",
        "import",
        filled.to_str().unwrap(),
        "--annotator",
        "dana",
        "--replace",
    ]);
    assert_eq!(
        env.ok(&["annotators", "-f", "csv"]),
        "annotator,articles,claims\ndana,1,2\n"
    );
}

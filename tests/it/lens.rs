//! The media-literacy lens: the stance of each claim's cue (`neutral` for "said", `loaded`
//! for "claimed", "admitted", "insisted"…) in every output, for the engine's claims and for
//! hand-recorded ones; and the HTML report a class looks at, rendered in headless Chromium
//! (with `WHOSAID_FULL_TESTS=1`).

use std::path::Path;
use std::process::{Command, Stdio};

use rusqlite::Connection;
use serde_json::Value;

use crate::common::{json, manifest, needs, Env, Tool};

/// Two loaded cues and a neutral one, and a sentence that rests on the writer.
const BUDGET: &str = "The minister admitted that the deadline had slipped. Officials insisted \
                      the plan was sound, and the auditor said the costs had doubled. The road \
                      will open in 2027.\n";

fn stances(attributions: &Value) -> Vec<(String, String)> {
    attributions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["cue"].as_str().unwrap_or("").to_string(),
                a["stance"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// The CSV column `name` of `csv`, one cell a row.
fn column(csv: &str, name: &str) -> Vec<String> {
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let at = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}: {csv}"));
    r.records().map(|x| x.unwrap()[at].to_string()).collect()
}

#[test]
fn the_stance_of_the_cue_is_in_every_output_of_analyze() {
    let env = Env::empty();
    std::fs::write(env.path("budget.txt"), BUDGET).unwrap();
    let want = pairs(&[
        ("admitted", "loaded"),
        ("insisted", "loaded"),
        ("said", "neutral"),
    ]);

    let v = json(&env.ok(&["analyze", "budget.txt", "--format", "json"]));
    assert_eq!(stances(&v["attributions"]), want);
    assert_eq!(v["breakdown"]["loaded_cues"], 2);

    let line = r#"{"id": "b1", "text": "Critics claimed the vote was rigged. The clerk said it was not."}"#;
    std::fs::write(env.path("in.jsonl"), format!("{line}\n")).unwrap();
    let out = json(env.ok(&["analyze", "--jsonl", "in.jsonl"]).trim());
    assert_eq!(
        stances(&out["attributions"]),
        pairs(&[("claimed", "loaded"), ("said", "neutral")])
    );
    assert_eq!(out["breakdown"]["loaded_cues"], 1);

    let csv = env.ok(&["analyze", "budget.txt", "--format", "csv"]);
    assert_eq!(column(&csv, "stance"), ["loaded", "loaded", "neutral"]);
    assert!(csv.lines().next().unwrap().ends_with(",stance"), "{csv}");

    let explained = env.ok(&["analyze", "budget.txt", "--explain"]);
    let flat = explained.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("stance: loaded (\"admitted\" tilts the reader; \"said\" would not)"),
        "{explained}"
    );
    assert!(flat.contains("stance: neutral"), "{explained}");
    assert!(
        explained.contains("(loaded)"),
        "the table marks the cue: {explained}"
    );
    assert!(explained.contains("loaded cues"), "{explained}");
}

#[test]
fn stored_claims_carry_their_stance_in_listings_exports_reports_and_the_database() {
    let env = Env::new();
    std::fs::write(env.path("budget.txt"), BUDGET).unwrap();
    env.ok(&["add", "budget.txt", "--id", "budget", "--outlet", "Wire"]);

    let claims = json(&env.ok(&["claims", "budget", "-f", "json"]));
    assert_eq!(
        stances(&claims),
        pairs(&[
            ("admitted", "loaded"),
            ("insisted", "loaded"),
            ("said", "neutral")
        ])
    );
    let csv = env.ok(&["claims", "budget", "-f", "csv"]);
    assert_eq!(column(&csv, "stance"), ["loaded", "loaded", "neutral"]);
    assert!(env.ok(&["claims", "budget"]).contains("(loaded)"));

    let export = env.ok(&["export"]);
    assert_eq!(column(&export, "stance"), ["loaded", "loaded", "neutral"]);
    let lines: Vec<Value> = env
        .ok(&["export", "--format", "jsonl"])
        .lines()
        .map(json)
        .collect();
    let exported: Vec<&str> = lines
        .iter()
        .map(|l| l["stance"].as_str().unwrap())
        .collect();
    assert_eq!(exported, ["loaded", "loaded", "neutral"]);

    let report = json(&env.ok(&["report", "budget", "-f", "json"]));
    assert_eq!(report[0]["breakdown"]["loaded_cues"], 2);
    let csv = env.ok(&["report", "budget", "-f", "csv"]);
    assert_eq!(column(&csv, "loaded_cues"), ["2"]);
    // the streamed path counts the same
    assert_eq!(
        env.ok(&["report", "--all", "-f", "csv"]),
        env.ok(&["report", "budget", "-f", "csv"])
    );
    let by = env.ok(&["report", "--by", "outlet", "-f", "csv"]);
    assert_eq!(column(&by, "loaded_cues"), ["2"]);

    let conn = Connection::open(env.db()).unwrap();
    let stored: Vec<(String, String)> = conn
        .prepare("SELECT cue, stance FROM claims ORDER BY cue_start")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(
        stored,
        pairs(&[
            ("admitted", "loaded"),
            ("insisted", "loaded"),
            ("said", "neutral")
        ])
    );
}

#[test]
fn hand_recorded_claims_get_their_stance_from_their_cue() {
    let env = Env::new();
    std::fs::write(env.path("budget.txt"), BUDGET).unwrap();
    env.ok(&["add", "--no-extract", "budget.txt", "--id", "budget"]);
    // by hand, on the command line
    env.ok(&[
        "claim",
        "add",
        "budget",
        "--annotator",
        "teacher",
        "--content",
        "the deadline had slipped",
        "--source",
        "The minister",
        "--mention",
        "The minister",
        "--identity",
        "anonymous",
        "--role",
        "official",
        "--form",
        "paraphrase",
        "--cue",
        "admitted",
    ]);
    let claims = json(&env.ok(&["claims", "budget", "--annotator", "teacher", "-f", "json"]));
    assert_eq!(stances(&claims), pairs(&[("admitted", "loaded")]));

    // in a worksheet: the cue's header says the stance follows from it
    let sheet = env.path("sheet.csv");
    env.ok(&["worksheet", "budget", "-o", sheet.to_str().unwrap()]);
    let mut rdr = csv::Reader::from_path(&sheet).unwrap();
    let headers: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    let cue_header = headers.iter().find(|h| h.starts_with("cue")).unwrap();
    assert!(
        cue_header.contains("loaded for claimed, admitted"),
        "{cue_header}"
    );
    let col = |name: &str| headers.iter().position(|h| h.starts_with(name)).unwrap();
    let mut rows: Vec<Vec<String>> = rdr
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    for (row, source, cue, content) in [
        (0, "The minister", "admitted", "the deadline had slipped"),
        (1, "the auditor", "said", "the costs had doubled"),
    ] {
        rows[row][col("source")] = source.into();
        rows[row][col("identity")] = "Anonymous".into();
        rows[row][col("role")] = "Official".into();
        rows[row][col("form")] = "Paraphrase".into();
        rows[row][col("cue")] = cue.into();
        rows[row][col("content")] = content.into();
    }
    let mut w = csv::Writer::from_path(&sheet).unwrap();
    w.write_record(&headers).unwrap();
    for r in &rows {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
    let (_, said) = env.ok_both(&[
        "claim",
        "import",
        sheet.to_str().unwrap(),
        "--annotator",
        "ana",
    ]);
    assert!(
        said.contains("2 claims by ana imported (1 with a loaded cue)"),
        "{said}"
    );
    let claims = json(&env.ok(&["claims", "budget", "--annotator", "ana", "-f", "json"]));
    assert_eq!(
        stances(&claims),
        pairs(&[("admitted", "loaded"), ("said", "neutral")])
    );
    let report = json(&env.ok(&["report", "budget", "--annotator", "ana", "-f", "json"]));
    assert_eq!(report[0]["breakdown"]["loaded_cues"], 1);
}

/// Chromium (`bin`), headless, on `page`: `--dump-dom` (returned) and a screenshot.
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
    let run = |extra: &[String]| {
        let out = Command::new(bin)
            .args(common)
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(extra)
            .arg(&url)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "chromium failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    };
    let dom = run(&["--dump-dom".to_string()]);
    run(&[
        "--window-size=1000,2600".to_string(),
        format!("--screenshot={}", screenshot.display()),
    ]);
    assert!(std::fs::metadata(screenshot).unwrap().len() > 10_000);
    String::from_utf8(dom.stdout).unwrap()
}

#[test]
fn the_html_report_reads_as_a_class_needs_it_in_chromium() {
    let env = Env::new();
    // the sample with the engine's claims
    env.ok(&[
        "add",
        "cartels.txt",
        "--id",
        "cartels",
        "--title",
        "Trump weighs sending troops against cartels",
        "--outlet",
        "Example News",
    ]);
    std::fs::write(
        env.path("budget.txt"),
        format!("Deadline slips\n\n{BUDGET}"),
    )
    .unwrap();
    env.ok(&[
        "add",
        "budget.txt",
        "--id",
        "budget",
        "--title",
        "Deadline slips",
        "--outlet",
        "Wire",
    ]);
    let page = env.path("budget.html");
    env.ok(&[
        "report",
        "budget",
        "--format",
        "html",
        "-o",
        page.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(&page).unwrap();
    // the summary in words, at the top
    let summary = html.find("<div class=\"summary\">").unwrap();
    assert!(summary < html.find("<div class=\"article\">").unwrap());
    assert!(
        html.contains("2 of 4 sentences rest on a source; 0 named, 3 anonymous, 0 unspecified"),
        "{html}"
    );
    // the title once: the text's first line is the title, shown as the heading only
    assert_eq!(
        html.matches("Deadline slips").count(),
        2,
        "<title> and <h1>: {html}"
    );
    let index = env.path("index.html");
    env.ok(&[
        "report",
        "--all",
        "--format",
        "html",
        "-o",
        index.to_str().unwrap(),
    ]);

    let Some(chromium) = needs(Tool::Chromium) else {
        return;
    };
    let dom = render(&chromium, &page, &env.path("budget.png"));
    assert!(
        dom.contains("<span class=\"cue loaded\">admitted</span>")
            && dom.contains("<span class=\"cue loaded\">insisted</span>")
            && dom.contains("<span class=\"cue\">said</span>"),
        "{dom}"
    );
    assert!(
        dom.contains("<span class=\"who\">The minister</span>"),
        "{dom}"
    );
    assert!(
        dom.contains("title=\"no source: this sentence rests on the writer\">The road will open in 2027.</span>"),
        "{dom}"
    );
    assert!(
        dom.contains("2 claims use a loaded verb (“admitted”, “insisted”)."),
        "{dom}"
    );
    // the legend explains the loaded cue
    assert!(
        dom.contains(
            "<li><span class=\"cue loaded\">loaded cue</span> a word that tilts the reader"
        ),
        "{dom}"
    );
    // figures in the chart: count and share, apart
    assert!(dom.contains(">2 · 67%</text>"), "{dom}");
    let _ = std::fs::copy(
        env.path("budget.png"),
        manifest().join("target/lens-report.png"),
    );

    let dom = render(&chromium, &index, &env.path("index.png"));
    for (id, title) in [
        (1, "Trump weighs sending troops against cartels"),
        (2, "Deadline slips"),
    ] {
        assert!(
            dom.contains(&format!("<a href=\"#article-{id}\">{title}</a>")),
            "{dom}"
        );
        assert!(
            dom.contains(&format!(
                "<section class=\"article-report\" id=\"article-{id}\">\n<h2>"
            )),
            "{dom}"
        );
    }
    assert!(
        dom.contains("<h2>Trump weighs sending troops against cartels</h2>"),
        "{dom}"
    );
    // a text that opens with its title: that line is the heading, marked as the text is
    assert!(
        dom.contains("<h2><span class=\"writer\" title=\"no source: this sentence rests on the writer\">Deadline slips</span></h2>"),
        "{dom}"
    );
    // markers of two claims at one place are two badges, never one run of digits
    assert!(
        dom.contains(
            "<sup class=\"marker\" id=\"a1-c3\">3</sup><sup class=\"marker\" id=\"a1-c4\">4</sup>"
        ),
        "{dom}"
    );
    let _ = std::fs::copy(
        env.path("index.png"),
        manifest().join("target/lens-index.png"),
    );
}

//! What a command-line user expects: completion scripts and manual pages generated from the
//! command-line definition, `--color`, and `--format` values that are exactly the formats a
//! command writes.

use std::process::Command;

use crate::common::{Env, BIN};

/// The words bash's completion function offers for the last of `words`, sorted.
fn bash_complete(script: &std::path::Path, words: &[&str]) -> Vec<String> {
    let line = words
        .iter()
        .map(|w| format!("'{w}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let prog = format!(
        "source '{}'; COMP_WORDS=({line}); COMP_CWORD={}; COMP_LINE=\"${{COMP_WORDS[*]}}\"; \
         COMP_POINT=${{#COMP_LINE}}; _whosaid whosaid \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        words.len() - 1
    );
    let out = Command::new("bash").args(["-c", &prog]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let mut words: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    words.sort();
    words
}

#[test]
fn bash_completes_subcommands_flags_and_each_commands_formats() {
    let env = Env::empty();
    let script = env.write("whosaid.bash", env.ok(&["completions", "bash"]));
    let subcommands = bash_complete(&script, &["whosaid", "ex"]);
    assert_eq!(subcommands, ["export", "extract"]);
    let flags = bash_complete(&script, &["whosaid", "analyze", "--js"]);
    assert_eq!(flags, ["--jsonl"]);
    // Each command offers the formats it writes, and only those.
    let articles = bash_complete(&script, &["whosaid", "articles", "--format", ""]);
    assert_eq!(articles, ["csv", "json", "table"]);
    let report = bash_complete(&script, &["whosaid", "report", "--format", ""]);
    assert_eq!(report, ["csv", "html", "json", "table"]);
    let export = bash_complete(&script, &["whosaid", "export", "--format", ""]);
    assert_eq!(export, ["csv", "jsonl"]);
    let color = bash_complete(&script, &["whosaid", "show", "--color", ""]);
    assert_eq!(color, ["always", "auto", "never"]);
}

#[test]
fn zsh_and_fish_scripts_cover_every_subcommand() {
    let env = Env::empty();
    let zsh = env.ok(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef whosaid"), "{zsh}");
    let fish = env.ok(&["completions", "fish"]);
    for sub in [
        "analyze",
        "add",
        "import",
        "claim",
        "report",
        "worksheet",
        "completions",
        "man",
    ] {
        assert!(zsh.contains(&format!("'{sub}:")), "zsh lacks {sub}");
        assert!(
            fish.contains(&format!("-a \"{sub}\"")),
            "fish lacks {sub}:\n{fish}"
        );
    }
    // fish's --format line of `articles` has no html; report's has.
    let format_line = |sub: &str| {
        fish.split("\ncomplete -c whosaid ")
            .find(|l| l.contains(&format!("subcommand {sub}\"")) && l.contains("-l format"))
            .unwrap_or_else(|| panic!("no --format line for {sub}"))
            .to_string()
    };
    assert!(!format_line("articles").contains("html"));
    assert!(format_line("report").contains("html"));
    env.fails_with(&["completions", "tcsh"], 2, "invalid value 'tcsh'");
}

#[test]
fn man_pages_come_from_the_command_line_definition() {
    let env = Env::empty();
    let page = env.ok(&["man"]);
    assert!(page.contains(".TH whosaid 1"), "{page}");
    for sub in [
        "analyze",
        "import",
        "claim",
        "worksheet",
        "completions",
        "man",
    ] {
        assert!(
            page.contains(&format!("whosaid\\-{sub}(1)")),
            "{sub}: {page}"
        );
    }
    assert!(page.contains("\\-\\-color"), "{page}");
    let add = env.ok(&["man", "claim", "add"]);
    assert!(add.contains(".TH whosaid-claim-add 1"), "{add}");
    assert!(add.contains(concat!("\"whosaid ", env!("CARGO_PKG_VERSION"), "\"")));
    assert!(add.contains("\\-\\-mention"), "{add}");
    let err = env.fails_with(&["man", "claim", "nope"], 2, "has no subcommand \"nope\"");
    assert!(err.contains("add, edit, rm, import"), "{err}");

    std::fs::create_dir(env.path("man1")).unwrap();
    let (_, note) = env.ok_both(&["man", "--dir", "man1"]);
    let mut names: Vec<String> = std::fs::read_dir(env.path("man1"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert!(
        note.contains(&format!("{} manual pages", names.len())),
        "{note}"
    );
    for name in ["whosaid.1", "whosaid-analyze.1", "whosaid-claim-import.1"] {
        assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
    }
    assert_eq!(
        std::fs::read_to_string(env.path("man1/whosaid-claim-add.1")).unwrap(),
        add
    );
    env.fails_with(&["man", "--dir", "missing"], 1, "not a folder");
}

#[test]
fn format_lists_only_what_the_command_writes() {
    let env = Env::new();
    for (sub, values) in [
        ("articles", "[possible values: table, csv, json]"),
        ("claims", "[possible values: table, csv, json]"),
        ("analyze", "[possible values: table, csv, json]"),
        ("compare", "[possible values: table, csv, json, html]"),
        ("report", "[possible values: table, csv, json, html]"),
    ] {
        let short = env.ok(&[sub, "-h"]);
        assert!(short.contains(values), "{sub}: {short}");
        let long = env.ok(&[sub, "--help"]);
        let html = matches!(sub, "report" | "compare");
        assert_eq!(long.contains("- html:"), html, "{sub}: {long}");
    }
    env.add_sample(&[]);
    env.fails_with(
        &["report", "--by", "outlet", "--format", "html"],
        2,
        "`report --by` has no HTML output",
    );
}

fn has_escape(s: &str) -> bool {
    s.contains('\u{1b}')
}

#[test]
fn color_follows_the_flag_then_no_color_then_the_terminal() {
    let env = Env::new();
    env.ok(&["add", "cartels.txt", "--id", "cartels"]);
    // Into a pipe: plain unless asked.
    assert!(!has_escape(&env.ok(&["show", "cartels"])));
    assert!(!has_escape(
        &env.ok(&["show", "cartels", "--color", "auto"])
    ));
    assert!(!has_escape(
        &env.ok(&["show", "cartels", "--color", "never"])
    ));
    let always = env.ok(&["--color", "always", "show", "cartels"]);
    assert!(has_escape(&always), "{always}");
    // The colours are the only difference before the legend.
    let stripped = regex::Regex::new("\u{1b}\\[[0-9;]*m")
        .unwrap()
        .replace_all(&always, "");
    let plain = env.ok(&["show", "cartels"]);
    let words = |s: &str| {
        let body = s.split("Legend:").next().unwrap().to_string();
        body.split_whitespace()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(words(&stripped), words(&plain));
    // An explicit --color always wins over NO_COLOR; NO_COLOR wins over auto.
    let out = env
        .command(&["show", "cartels", "--color=always"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(has_escape(&String::from_utf8(out.stdout).unwrap()));
    let out = Command::new(BIN)
        .args(["analyze", "--show", "cartels.txt", "--color", "always"])
        .current_dir(env.dir.path())
        .output()
        .unwrap();
    assert!(has_escape(&String::from_utf8(out.stdout).unwrap()));
    // clap's own help obeys it too.
    let help = env.ok(&["--color", "always", "--help"]);
    assert!(has_escape(&help), "{help}");
    assert!(!has_escape(&env.ok(&["--color", "never", "--help"])));
    env.fails_with(&["--color", "sometimes", "articles"], 2, "invalid value");
}

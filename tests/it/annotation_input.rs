//! What annotators type: `claim add` finds cue and mention as whole words beside the content,
//! and `claim import` reads worksheets as spreadsheets save them.

use serde_json::Value;

use crate::common::{json, Env};

const TEXT: &str = "Workers left the factory at noon. The manager said the factory would \
reopen in May, he told reporters on Monday. \u{201c}We will be back,\u{201d} he said.\n";

fn env() -> Env {
    let env = Env::empty();
    env.write("plant.txt", TEXT);
    env.ok(&["add", "--no-extract", "plant.txt", "--id", "plant"]);
    env
}

fn add(env: &Env, content: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "claim",
        "add",
        "plant",
        "--content",
        content,
        "--source",
        "the manager",
        "--identity",
        "anonymous",
        "--role",
        "organization",
        "--form",
        "paraphrase",
    ];
    args.extend_from_slice(extra);
    env.run(&args)
}

/// The claim `claim add` stored (the last one).
fn last_claim(env: &Env) -> Value {
    let claims = json(&env.ok(&["claims", "plant", "--annotator", "manual", "-f", "json"]));
    let all = claims.as_array().unwrap();
    all.iter().max_by_key(|c| c["id"].as_i64()).unwrap().clone()
}

fn at(word: &str, nth: usize) -> usize {
    let byte = TEXT.match_indices(word).nth(nth).unwrap().0;
    TEXT[..byte].chars().count()
}

fn ok(out: std::process::Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn refused(out: std::process::Output) -> String {
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    err
}

#[test]
fn cue_and_mention_are_whole_words_beside_the_content() {
    let env = env();
    // "he" is not the one inside "the": the nearest whole word in the sentence, here after
    // the content; "said" is the one before it in its sentence.
    ok(add(
        &env,
        "the factory would reopen in May",
        &["--mention", "he", "--cue", "said"],
    ));
    let c = last_claim(&env);
    assert_eq!(c["mention_start"], at(" he told", 0) + 1);
    assert_eq!(c["cue_start"], at("said", 0));
    // A quotation first: the cue after it in its sentence, not the earlier "said".
    ok(add(
        &env,
        "We will be back",
        &["--cue", "said", "--mention", "he"],
    ));
    let c = last_claim(&env);
    assert_eq!(c["cue_start"], at("said", 1));
    assert_eq!(c["mention_start"], at(" he said", 0) + 1);
    // --cue-occurrence picks another (numbered over the article's whole-word occurrences).
    ok(add(
        &env,
        "We will be back",
        &["--cue", "said", "--cue-occurrence", "1"],
    ));
    assert_eq!(last_claim(&env)["cue_start"], at("said", 0));
    // Not in the content's sentence, but once elsewhere: that one.
    ok(add(&env, "We will be back", &["--mention", "Workers"]));
    assert_eq!(last_claim(&env)["mention_start"], 0);

    let err = refused(add(&env, "We will be back", &["--mention", "the factory"]));
    assert!(
        err.contains(&format!(
            "mention \"the factory\" is ambiguous: not in the content's sentence, and 2 times \
             elsewhere in article 1: 1 at {} (\u{201c}Workers left the factory at noon.",
            at("the factory", 0)
        )) && err.contains(&format!("2 at {} (", at("the factory", 1)))
            && err.ends_with("pick one with --mention-occurrence N\n"),
        "{err}"
    );
    let err = refused(add(&env, "We will be back", &["--mention", "act"]));
    assert!(
        err.contains(&format!(
            "mention \"act\" does not occur in article 1 as whole words: only inside other \
             words, at code points {}, {} (expected",
            at("act", 0),
            at("act", 1)
        )),
        "{err}"
    );
    let err = refused(add(
        &env,
        "We will be back",
        &["--cue", "said", "--cue-occurrence", "3"],
    ));
    assert!(
        err.contains("--cue-occurrence 3: cue \"said\" occurs 2 times as whole words"),
        "{err}"
    );
    let err = refused(add(
        &env,
        "The manager said the factory",
        &["--cue", "manager"],
    ));
    assert!(
        err.contains(&format!(
            "cue \"manager\" occurs only inside the content in article 1: 1 at {} (",
            at("manager", 0)
        )),
        "{err}"
    );
    // --cue-occurrence needs --cue.
    let out = add(&env, "We will be back", &["--cue-occurrence", "1"]);
    assert_eq!(out.status.code(), Some(2));

    // claim edit takes the same rule and flags.
    let id = last_claim(&env)["id"].to_string();
    env.ok(&[
        "claim",
        "edit",
        &id,
        "--cue",
        "said",
        "--cue-occurrence",
        "1",
    ]);
    assert_eq!(last_claim(&env)["cue_start"], at("said", 0));
    env.ok(&["claim", "edit", &id, "--mention", "he"]);
    assert_eq!(last_claim(&env)["mention_start"], at(" he said", 0) + 1);
}

fn import(env: &Env, sheet: &str, annotator: &str) -> std::process::Output {
    env.run(&["claim", "import", sheet, "--annotator", annotator])
}

fn claims_of(env: &Env, annotator: &str) -> Vec<Value> {
    let claims = json(&env.ok(&["claims", "plant", "--annotator", annotator, "-f", "json"]));
    claims.as_array().unwrap().clone()
}

/// `text` in Windows-1252, for the few characters these tests use.
fn cp1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '\u{2026}' => 0x85,
            '\u{201c}' => 0x93,
            '\u{201d}' => 0x94,
            'é' => 0xe9,
            c if c.is_ascii() => c as u8,
            c => panic!("{c:?} is not in this table"),
        })
        .collect()
}

#[test]
fn a_semicolon_sheet_saved_by_windows_is_refused_with_a_hint_then_read_as_utf8() {
    let env = env();
    let sheet = env.ok(&["worksheet", "plant"]);
    let header = sheet.lines().next().unwrap().replace(',', ";");
    let body = format!(
        "{header}\n\
         1;1;Workers left the factory at noon.;;;;;;;;;\n\
         1;2;The manager said\u{2026};the manager;he;Anonymous;Organization;Paraphrase;No;;the \
         factory would reopen in May;said\n\
         1;3;\u{201c}We will be back,\u{201d} he said.;the manager;he;anonymous;organization;Direct \
         Quote;;;We will be back;said\n"
    );
    env.write("win.csv", cp1252(&body));
    let err = refused(import(&env, "win.csv", "ana"));
    assert!(
        err.starts_with("whosaid: win.csv: line 3: byte 0x85 at byte offset ")
            && err.contains(
                "looks saved as Windows-1252 (CP-1252), where it is \u{201c}\u{2026}\u{201d}"
            )
            && err.contains("save the sheet as \u{201c}CSV UTF-8\u{201d}"),
        "{err}"
    );
    env.write("utf8.csv", &body);
    ok(import(&env, "utf8.csv", "ana"));
    let claims = claims_of(&env, "ana");
    assert_eq!(claims.len(), 2);
    assert_eq!(claims[0]["content"], "the factory would reopen in May");
    assert_eq!(claims[0]["identity"], "anonymous");
    assert_eq!(claims[0]["role"], "organization");
    assert_eq!(claims[0]["cue_start"], at("said", 0));
    // "he" as a word: the nearest in the sentence, not the "he" of "the".
    assert_eq!(claims[0]["mention_start"], at(" he told", 0) + 1);
    assert_eq!(claims[1]["form"], "direct_quote");
    assert_eq!(claims[1]["cue_start"], at("said", 1));
    assert_eq!(claims[1]["mention_start"], at(" he said", 0) + 1);
}

#[test]
fn a_tab_separated_utf16_save_with_a_blank_row_keeps_the_spreadsheets_numbers() {
    let env = env();
    // Excel's "Unicode text": UTF-16 with a mark, tabs; headers retyped, trailing empty cells
    // dropped, a blank row in the middle.
    let rows = [
        "Article\tSentence\tSource\tIdentity\tRole\tForm\tContent\tCue\tVia\tHedged",
        "plant\t1\tworkers\tunspecified\tpublic\tparaphrase\tleft the factory at noon",
        "",
        "plant\t2\tthe manager\tanonymous\torganization\tparaphrase\t\tsaid\tthe paper\tyes",
        "plant\t3\tthe manager\tnamed-ish\torganization\tquote\t\tsaid",
    ];
    let utf16 = |text: &str| -> Vec<u8> {
        [0xff, 0xfe]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect()
    };
    env.write("unicode.txt", utf16(&(rows.join("\r\n") + "\r\n")));
    let err = refused(import(&env, "unicode.txt", "bo"));
    assert!(
        err.contains("unicode.txt: 2 problems, nothing imported: row 5, column D (identity): unknown identity \"named-ish\"")
            && err.contains("; row 5, column F (form): unknown form \"quote\" (expected one of: direct quote, paraphrase, document; any case)"),
        "{err}"
    );
    let fixed = rows
        .join("\r\n")
        .replace("named-ish", "Named")
        .replace("\tquote", "\tdirect quote");
    env.write("unicode.txt", utf16(&(fixed + "\r\n")));
    ok(import(&env, "unicode.txt", "bo"));
    let claims = claims_of(&env, "bo");
    assert_eq!(claims.len(), 3);
    assert_eq!(claims[0]["content"], "left the factory at noon");
    assert_eq!(claims[0]["hedged"], false);
    // The whole sentence as content: the cue is found inside it.
    assert_eq!(claims[1]["content_start"], at("The manager", 0));
    assert_eq!(claims[1]["cue_start"], at("said", 0));
    assert_eq!(claims[1]["via"], "the paper");
    assert_eq!(claims[1]["hedged"], true);
    assert_eq!(claims[2]["identity"], "named");
    assert_eq!(claims[2]["form"], "direct_quote");

    // Without a mark the NUL bytes give it away.
    let bare: Vec<u8> = rows[0].encode_utf16().flat_map(u16::to_le_bytes).collect();
    env.write("bare.txt", bare);
    let err = refused(import(&env, "bare.txt", "bo"));
    assert!(
        err.contains("bare.txt: looks like UTF-16 without a byte-order mark"),
        "{err}"
    );
}

#[test]
fn every_bad_cell_is_named_and_old_sheets_still_import() {
    let env = env();
    // The sheet before the mention, hedged and via columns.
    env.write(
        "old.csv",
        "article,sentence,text,source,identity,role,form,content,cue\n\
         plant,3,,the manager,anonymous,organization,direct_quote,We will be back,said\n",
    );
    ok(import(&env, "old.csv", "cy"));
    assert_eq!(claims_of(&env, "cy")[0]["cue_start"], at("said", 1));

    env.write(
        "bad.csv",
        "article,sentence,source,mention,identity,role,form,hedged,content,cue\n\
         plant,2,the manager,act,anonymous,organization,paraphrase,maybe,,said\n\
         plant,9,the manager,,anonymous,organization,paraphrase,,,\n\
         nope,1,x,,named,public,paraphrase,,,\n\
         plant,1,,,,,,yes,,,\n\
         plant,1,,,,,,no,,,\n\
         plant,3,the manager,he,anonymous,organization,paraphrase,,We will be back,said,extra\n",
    );
    let err = refused(import(&env, "bad.csv", "cy"));
    let expected = [
        "whosaid: bad.csv: 9 problems, nothing imported: ",
        "row 2, column H (hedged): \"maybe\" is not yes or no; ",
        "row 2, column D (mention): \"act\" does not occur as whole words in sentence 2 (expected words copied exactly from it); ",
        "row 3, column B (sentence): \"9\" is not a sentence of article 1 (expected 1 to 3); ",
        "row 4, column A (article): no article with id \"nope\"",
    ];
    for part in expected {
        assert!(err.contains(part), "{part:?} in {err}");
    }
    // A row that only says "hedged: yes" is a claim without a source; "no" alone is blank.
    assert!(err.contains("; row 5, column C (source): empty"), "{err}");
    assert!(!err.contains("row 6"), "{err}");
    assert!(
        err.contains("; row 7, column K: a cell beyond the header's 10 columns"),
        "{err}"
    );
    assert_eq!(claims_of(&env, "cy").len(), 1);

    // A header the sheet does not have: named all at once.
    env.write("few.csv", "article;sentence;source\nplant;1;x\n");
    let err = refused(import(&env, "few.csv", "cy"));
    assert!(
        err.contains("few.csv: row 1: no identity, role, form columns"),
        "{err}"
    );
    env.write("none.csv", "id|text\n");
    let err = refused(import(&env, "none.csv", "cy"));
    assert!(
        err.contains("none.csv: row 1: no article and sentence columns in \"id|text\""),
        "{err}"
    );
}

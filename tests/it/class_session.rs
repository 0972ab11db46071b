//! A class session as a teacher runs it: a student who left an article out is said to have
//! done so wherever their totals or rows would hide it, and a mention or cue typed in another
//! case is refused with the words as the article writes them.

use crate::common::{json, Env};

/// Two short articles, `mill` and `bridge`.
fn two_articles(env: &Env) {
    env.write(
        "mill.txt",
        "The mill will close in May, the owner said. Workers said they had not been told.\n",
    );
    env.write(
        "bridge.txt",
        "She said the bridge would reopen on Friday. The council denied any delay.\n",
    );
    env.ok(&["add", "--no-extract", "mill.txt", "--id", "mill"]);
    env.ok(&["add", "--no-extract", "bridge.txt", "--id", "bridge"]);
}

/// Records one claim on `article` by `who`.
fn claim(env: &Env, who: &str, article: &str, content: &str, source: &str, cue: &str) {
    env.ok(&[
        "claim",
        "add",
        article,
        "--annotator",
        who,
        "--content",
        content,
        "--source",
        source,
        "--cue",
        cue,
        "--identity",
        "anonymous",
        "--role",
        "public",
        "--form",
        "paraphrase",
    ]);
}

#[test]
fn an_article_a_student_left_out_is_named_in_the_roster_and_the_report() {
    let env = Env::empty();
    two_articles(&env);
    for who in ["teacher", "ana"] {
        claim(
            &env,
            who,
            "mill",
            "The mill will close in May",
            "the owner",
            "said",
        );
        claim(
            &env,
            who,
            "bridge",
            "the bridge would reopen on Friday",
            "She",
            "said",
        );
    }
    // ben did the mill only
    claim(
        &env,
        "ben",
        "mill",
        "The mill will close in May",
        "the owner",
        "said",
    );

    let (out, err) = env.ok_both(&["compare", "--all", "--key", "teacher", "-f", "json"]);
    let roster = json(&out);
    let ben = roster
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["annotator"] == "ben")
        .unwrap();
    assert_eq!(ben["total"]["articles"], 1, "{ben}");
    assert_eq!(ben["total"]["missed"], 0, "{ben}");
    assert!(
        err.contains("no claims by \"ben\" on 1 of the key's 2 articles (article 2)"),
        "{err}"
    );
    assert!(!err.contains("\"ana\""), "ana did both: {err}");
    // one student's rows say it too
    let (_, err) = env.ok_both(&["compare", "--all", "--key", "teacher", "--annotator", "ben"]);
    assert!(err.contains("(article 2)"), "{err}");

    // report --all for ben: the bridge's row counts nothing, and stderr says why
    let (csv, err) = env.ok_both(&["report", "--all", "--annotator", "ben", "-f", "csv"]);
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(
        err.contains("no claims by \"ben\" on 1 of the 2 articles reported (article 2)"),
        "{err}"
    );
    let (_, err) = env.ok_both(&["report", "--by", "outlet", "--annotator", "ben"]);
    assert!(err.contains("(article 2)"), "{err}");
    let (_, err) = env.ok_both(&["report", "--all", "--annotator", "ana"]);
    assert!(!err.contains("no claims"), "{err}");
}

/// `base` followed by `extra`.
fn with<'a>(base: &[&'a str], extra: &[&'a str]) -> Vec<&'a str> {
    [base, extra].concat()
}

#[test]
fn a_mention_or_cue_in_another_case_is_refused_with_the_words_as_written() {
    let env = Env::empty();
    two_articles(&env);
    let base = [
        "claim",
        "add",
        "bridge",
        "--content",
        "the bridge would reopen on Friday",
        "--source",
        "x",
        "--identity",
        "named",
        "--role",
        "official",
        "--form",
        "paraphrase",
    ];
    let err = env.fails_with(
        &with(&base, &["--mention", "she"]),
        1,
        "mention \"she\" does not occur in article 2",
    );
    assert!(
        err.contains("in another case it occurs as \"She\" at code point 0"),
        "{err}"
    );
    let err = env.fails_with(&with(&base, &["--cue", "Denied"]), 1, "cue \"Denied\"");
    assert!(err.contains("\"denied\" at code point 56"), "{err}");
    // words that are in no case at all get no such hint
    let err = env.fails_with(&with(&base, &["--cue", "claimed"]), 1, "cue \"claimed\"");
    assert!(!err.contains("another case"), "{err}");
    // as written, it is found
    env.ok(&with(&base, &["--mention", "She", "--annotator", "ana"]));
}

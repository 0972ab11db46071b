//! A class session as a teacher runs it: a student who left an article out is said to have
//! done so wherever their totals or rows would hide it.

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

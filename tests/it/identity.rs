//! Article identity: an external id, when given, is the article; the content hash tells
//! apart only the articles without one, and every row it leaves out is named.

use crate::common::{json, Env};

const WIRE: &str = "The ministry said on Tuesday that the port would reopen within a week.";

#[test]
fn the_same_text_under_two_ids_is_two_articles_with_their_own_outlets_and_dates() {
    let env = Env::empty();
    env.write(
        "wire.csv",
        format!(
            "id,outlet,date,text\n\
             times-1,Times,2025-03-01,{WIRE}\n\
             herald-7,Herald,2025-03-02,{WIRE}\n"
        ),
    );
    assert_eq!(env.ok(&["import", "wire.csv", "-q"]), "1\n2\n");
    let v = json(&env.ok(&["articles", "-f", "json"]));
    let got: Vec<(&str, &str, &str)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["external_id"].as_str().unwrap(),
                a["outlet"].as_str().unwrap(),
                a["date"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("times-1", "Times", "2025-03-01"),
            ("herald-7", "Herald", "2025-03-02")
        ]
    );
    // Each outlet has its copy in the reports, and both have their claims.
    let r = json(&env.ok(&["report", "--all", "--outlet", "Herald", "-f", "json"]));
    assert_eq!(r[0]["article"]["external_id"], "herald-7");
    assert_eq!(r[0]["breakdown"]["attributions"], 1);
    // Importing the same file again stores nothing new: its ids are there with their text.
    let (out, err) = env.ok_both(&["import", "wire.csv"]);
    assert_eq!(out, "1\n2\n");
    assert!(
        err.contains("imported 0 articles (2 already stored, 0 failed)"),
        "{err}"
    );
    // `add --id` of a text stored under another id is a new article too.
    env.write("copy.txt", WIRE);
    assert_eq!(
        env.ok(&["add", "copy.txt", "--id", "post-3", "--outlet", "Post"]),
        "3\n"
    );
    // Without an id it is the text that is recognized.
    let (out, err) = env.ok_both(&["add", "copy.txt"]);
    assert_eq!(out, "1\n");
    assert!(err.contains("copy.txt: already stored as 1"), "{err}");
}

#[test]
fn rows_without_an_id_left_out_for_their_text_are_each_named() {
    let env = Env::empty();
    env.write("one.txt", WIRE);
    env.ok(&["add", "one.txt"]);
    env.write(
        "plain.csv",
        format!(
            "title,text\n\
             First,{WIRE}\n\
             Second,Residents said the water was brown.\n\
             Third,Residents said the water was brown.\n"
        ),
    );
    let (out, err) = env.ok_both(&["import", "plain.csv"]);
    assert_eq!(out, "1\n2\n2\n");
    assert!(
        err.contains("imported 1 article (2 already stored, 0 failed)"),
        "{err}"
    );
    assert!(
        err.contains(
            "whosaid: plain.csv: row 1 (line 2): not stored again: no id, and the same text as \
             article 1"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "whosaid: plain.csv: row 3 (line 4): not stored again: no id, and the same text as \
             article 2"
        ),
        "{err}"
    );
}

#[test]
fn report_csv_names_each_articles_external_id() {
    let env = Env::empty();
    env.write(
        "two.csv",
        "id,text\nwire-1,Officials said it rained.\n,Police said it did not.\n",
    );
    env.ok(&["import", "two.csv", "-q"]);
    let csv = env.ok(&["report", "--all", "-f", "csv"]);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = header.iter().position(|c| *c == "external_id").unwrap();
    let ids: Vec<String> = lines
        .map(|l| l.split(',').nth(col).unwrap().to_string())
        .collect();
    assert_eq!(ids, ["wire-1", ""]);
}

#[test]
fn merge_keeps_the_same_text_under_two_ids_apart() {
    let env = Env::empty();
    env.write("a.txt", WIRE);
    env.ok_on(
        "a.db",
        &["add", "a.txt", "--id", "times-1", "--outlet", "Times"],
    );
    env.ok_on(
        "b.db",
        &["add", "a.txt", "--id", "herald-7", "--outlet", "Herald"],
    );
    env.ok_on(
        "c.db",
        &["add", "a.txt", "--id", "times-1", "--outlet", "Times"],
    );
    let out = env.ok(&["merge", "out.db", "a.db", "b.db", "c.db"]);
    assert!(
        out.contains("b.db: 1 articles added, 0 already stored"),
        "{out}"
    );
    assert!(
        out.contains("c.db: 0 articles added, 1 already stored"),
        "{out}"
    );
    let v = json(&env.ok_on("out.db", &["articles", "-f", "json"]));
    let outlets: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["outlet"].as_str().unwrap())
        .collect();
    assert_eq!(outlets, ["Times", "Herald"]);
}

//! The labels of the real binary's output: why anonymous sources are not named
//! (`anonymity_reason` in JSON, CSV, `--explain` and the breakdown), and the article's entity
//! table (`analyze --entities`, the `entities` key of `analyze --format json`).

use crate::common::{json, Env};

/// An article written for these tests: one anonymous source whose reason is given in its own
/// sentence, one whose reason is given in the next, and a named one.
const ANONYMOUS: &str = "Harbor deal near, officials say\n\n\
A port official, who spoke on condition of anonymity because he was not authorized to \
discuss the talks, said the lease could be signed this week.\n\n\
Two shipping executives said the terms had changed. They declined to be named.\n\n\
Mayor Ann Lee said the city would wait for the final text.\n";

fn chars(text: &str, start: &serde_json::Value, end: &serde_json::Value) -> String {
    let (s, e) = (
        start.as_u64().unwrap() as usize,
        end.as_u64().unwrap() as usize,
    );
    text.chars().skip(s).take(e - s).collect()
}

#[test]
fn analyze_records_why_anonymous_sources_are_not_named() {
    let env = Env::empty();
    env.write("harbor.txt", ANONYMOUS);
    let v = json(&env.ok(&["analyze", "harbor.txt", "--format", "json"]));
    let attrs = v["attributions"].as_array().unwrap();
    let of = |source: &str| {
        attrs
            .iter()
            .find(|a| a["source"] == source)
            .unwrap_or_else(|| panic!("no attribution of {source:?} in {attrs:#?}"))
    };
    let port = of("A port official");
    assert_eq!(port["identity"], "anonymous");
    assert_eq!(
        port["anonymity_reason"],
        "spoke on condition of anonymity because he was not authorized to discuss the talks"
    );
    assert_eq!(
        chars(
            ANONYMOUS,
            &port["anonymity_reason_start"],
            &port["anonymity_reason_end"]
        ),
        port["anonymity_reason"].as_str().unwrap()
    );
    assert_eq!(
        of("Two shipping executives")["anonymity_reason"],
        "declined to be named"
    );
    let lee = of("Ann Lee");
    assert_eq!(lee["identity"], "named");
    assert!(lee["anonymity_reason"].is_null() && lee["anonymity_reason_start"].is_null());
    assert_eq!(v["breakdown"]["anonymous_with_reason"], 2);

    // CSV: the reason's three columns come last, after the older ones
    let csv = env.ok(&["analyze", "harbor.txt", "--format", "csv"]);
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = rows.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header[header.len() - 5..],
        [
            "trigger",
            "anonymity_reason",
            "anonymity_reason_start",
            "anonymity_reason_end",
            "stance"
        ]
    );
    let reasons: Vec<String> = rows
        .records()
        .map(|r| r.unwrap()[header.len() - 4].to_string())
        .filter(|r| !r.is_empty())
        .collect();
    assert_eq!(reasons.len(), 2, "{csv}");

    // --explain says it; the breakdown table counts it
    let table = env.ok(&["analyze", "harbor.txt", "--explain"]);
    let flat = table.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("not named because: \"declined to be named\""),
        "{table}"
    );
    assert!(
        table
            .lines()
            .any(|l| l.contains("with a reason") && l.contains(" 2 ")),
        "{table}"
    );
}

#[test]
fn stored_claims_keep_the_reason_through_report_and_export() {
    let env = Env::empty();
    env.write("harbor.txt", ANONYMOUS);
    env.ok(&["add", "harbor.txt", "--id", "harbor"]);
    let report = json(&env.ok(&["report", "harbor", "-f", "json"]));
    assert_eq!(
        report[0]["breakdown"]["anonymous_with_reason"], 2,
        "{report}"
    );
    let csv = env.ok(&["report", "harbor", "-f", "csv"]);
    let header = csv.lines().next().unwrap();
    assert!(
        header.ends_with(",anonymous_with_reason,external_id,loaded_cues"),
        "{header}"
    );
    assert!(
        csv.lines().nth(1).unwrap().ends_with(",2,harbor,0"),
        "{csv}"
    );
    let export = env.ok(&["export", "--format", "jsonl"]);
    let with_reason = export
        .lines()
        .map(json)
        .filter(|l| l["anonymity_reason"].is_string())
        .count();
    assert_eq!(with_reason, 2, "{export}");
}

fn entity<'a>(list: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == name)
        .unwrap_or_else(|| panic!("no entity {name:?} in {list:#}"))
}

#[test]
fn analyze_entities_lists_the_people_and_organisations_of_the_sample() {
    let env = Env::new();
    let list = json(&env.ok(&["analyze", "cartels.txt", "--entities", "-f", "json"]));
    let sheinbaum = entity(&list, "Claudia Sheinbaum");
    assert_eq!(sheinbaum["type"], "person");
    assert_eq!(sheinbaum["role"], "official");
    assert!(sheinbaum["claims"].as_u64().unwrap() >= 1, "{sheinbaum}");
    let forms = sheinbaum["forms"].as_array().unwrap();
    assert!(forms.contains(&"Sheinbaum".into()), "{sheinbaum}");
    assert!(
        sheinbaum["mentions"].as_u64().unwrap() >= forms.len() as u64,
        "{sheinbaum}"
    );
    let trump = entity(&list, "Donald Trump");
    assert_eq!(trump["type"], "person");
    assert_eq!(trump["role"], "official");
    assert!(trump["claims"].as_u64().unwrap() >= 1, "{trump}");
    let nbc = entity(&list, "NBC News");
    assert_eq!(nbc["type"], "organization");
    assert_eq!(nbc["role"], "media");
    // a nationality is no entity
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .all(|e| e["name"] != "Mexican"),
        "{list:#}"
    );

    // --format json carries the same list under `entities`
    let all = json(&env.ok(&["analyze", "cartels.txt", "-f", "json"]));
    assert_eq!(all["entities"], list);
    // every claim on a listed entity is an attribution with that source
    for e in list.as_array().unwrap() {
        let n = all["attributions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["source"] == e["name"] && a["identity"] == "named")
            .count();
        assert_eq!(e["claims"], n, "{e}");
    }

    // the table and CSV
    let table = env.ok(&["analyze", "cartels.txt", "--entities"]);
    assert!(
        table.contains("Sheinbaum") && table.contains("mentions"),
        "{table}"
    );
    assert!(table.lines().all(|l| l.chars().count() <= 80), "{table}");
    let csv = env.ok(&["analyze", "cartels.txt", "--entities", "-f", "csv"]);
    assert!(
        csv.starts_with("name,type,role,mentions,forms,claims\n"),
        "{csv}"
    );
    assert!(
        csv.lines()
            .any(|l| l.starts_with("Claudia Sheinbaum,person,official,")),
        "{csv}"
    );
    env.fails(&["analyze", "cartels.txt", "--entities", "--explain"], 2);
}

#[test]
fn analyze_entities_types_companies_and_their_people() {
    let env = Env::empty();
    env.write(
        "plant.txt",
        "Globex Corp. will close its plant in Millbrook, chief executive Dana Whit said on \
         Monday. \"We had no choice,\" Whit said. The company said 400 jobs would go.\n",
    );
    let list = json(&env.ok(&["analyze", "plant.txt", "--entities", "-f", "json"]));
    let whit = entity(&list, "Dana Whit");
    assert_eq!(whit["type"], "person");
    assert_eq!(whit["role"], "organization", "{list:#}");
    assert!(whit["claims"].as_u64().unwrap() >= 2, "{list:#}");
    let globex = list
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"].as_str().unwrap().starts_with("Globex"))
        .unwrap_or_else(|| panic!("no Globex in {list:#}"));
    assert_eq!(globex["type"], "organization");
}

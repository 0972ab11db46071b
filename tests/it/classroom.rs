//! The classroom: fair matching in `compare` (an optimal one-to-one assignment, so that
//! several attributions in one sentence pair with their own), agreement a teacher reads,
//! errors for names without claims, one numbering, and the feedback page. The real binary in
//! a temp dir, on sentences written for these tests and on the samples.

use crate::common::{json, manifest, Env};
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

//! Texts built to exhaust the engine's memory: 3 MB of one punctuation mark (or of a word
//! and a mark in turn) with no space and no paragraph break is one token a byte, where prose
//! holds one every five bytes. Such a text is read in parts cut for their tokens as well as
//! their length, so that it takes about the memory of prose of the same size.

use crate::common::{json, limited, Env};

/// The texts: each 3 MB without a paragraph break.
fn floods() -> Vec<(&'static str, String)> {
    vec![
        ("lt", "<".repeat(3_000_000)),
        ("quotes", "\"".repeat(3_000_000)),
        ("dots", ".".repeat(3_000_000)),
        ("mixed", "a<".repeat(1_500_000)),
        ("word", "a".repeat(3_000_000)),
    ]
}

/// The sentence spans stored for article `id`, as (start, end) pairs.
fn stored_sentences(env: &Env, id: &str) -> Vec<(u64, u64)> {
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let blob: Vec<u8> = conn
        .query_row(
            "SELECT s.spans FROM article_sentences s JOIN articles a ON a.id = s.article_id
             WHERE a.external_id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    blob.chunks_exact(8)
        .map(|c| {
            let n = |b: &[u8]| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
            (n(&c[..4]), n(&c[4..]))
        })
        .collect()
}

/// 3 MB of `<` took 375 MB to store (`add --no-extract`, which splits the text into
/// sentences) and 160 MB to analyse, against under 50 and 90 MB for 3 MB of prose. Run under
/// a data limit of 128 MB (`ulimit -d`), every flood is now stored and analysed; before,
/// the allocator failed and the process aborted. The limit is about twice what a flood takes
/// now and well under what it took, so the check does not depend on the machine. The
/// sentences stored are those `analyze` finds: both read the text in the same parts.
#[cfg(target_os = "linux")]
#[test]
fn a_text_of_punctuation_is_split_and_analysed_in_bounded_memory() {
    const LIMIT_KB: u32 = 128 * 1024;
    let env = Env::new();
    for (id, text) in floods() {
        let file = format!("{id}.txt");
        env.write(&file, &text);
        limited(&env, LIMIT_KB, &["add", "--no-extract", &file, "--id", id]);
        let stored = stored_sentences(&env, id);
        assert!(!stored.is_empty(), "{id}: no sentences stored");
        assert!(
            stored.windows(2).all(|w| w[0].1 <= w[1].0) && stored.iter().all(|s| s.0 < s.1),
            "{id}: sentences out of order: {:?}",
            &stored[..stored.len().min(20)]
        );
        assert_eq!(
            stored.last().unwrap().1,
            text.chars().count() as u64,
            "{id}"
        );

        let line = serde_json::json!({ "id": id, "text": text }).to_string();
        let jsonl = format!("{id}.jsonl");
        env.write(&jsonl, line + "\n");
        let out = limited(
            &env,
            LIMIT_KB,
            &["analyze", "--jsonl", "--sentences", &jsonl],
        );
        let v = json(out.trim_end());
        assert_eq!(v["id"], id);
        assert_eq!(v["attributions"].as_array().map(Vec::len), Some(0), "{id}");
        let found: Vec<(u64, u64)> = v["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p[0].as_u64().unwrap(), p[1].as_u64().unwrap()))
            .collect();
        assert_eq!(
            found, stored,
            "{id}: analyze and add split the text differently"
        );

        // the plain text command reads the file whole, as `add` does
        limited(&env, LIMIT_KB, &["analyze", &file, "--color", "never"]);
    }
}

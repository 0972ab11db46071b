//! The CSV and JSONL readers of `whosaid import` on arbitrary bytes: they must return rows or
//! an error, never panic, and every row they accept must hold what the store will take.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use whosaid::ingest::reader::check_bytes;
use whosaid::ingest::Pending;
use whosaid::model::check_date;

/// The path column never touches the disk here: every file holds the same short article,
/// except `missing.txt`, which is not there.
fn load(path: &Path, _max: u64) -> whosaid::error::Result<Vec<u8>> {
    if path.ends_with("missing.txt") {
        return Err(whosaid::error::Error::msg("missing.txt: no such file"));
    }
    Ok(b"Officials said the plan was ready.".to_vec())
}

fn check(result: whosaid::error::Result<Vec<Pending>>) {
    match result {
        Ok(items) => {
            assert!(!items.is_empty(), "an import with no articles was accepted");
            for p in items {
                assert!(
                    !p.text.trim().is_empty(),
                    "{}: blank text accepted",
                    p.label
                );
                assert!(!p.text.starts_with('\u{feff}'), "{}: BOM kept", p.label);
                assert!(!p.text.contains('\0'), "{}: NUL accepted", p.label);
                assert_eq!(
                    p.text.trim_end(),
                    p.text,
                    "{}: trailing space kept",
                    p.label
                );
                if let Some(d) = &p.meta.date {
                    assert!(
                        check_date(d).is_ok(),
                        "{}: bad date {d:?} accepted",
                        p.label
                    );
                }
                if let Some(x) = &p.meta.external_id {
                    assert!(!x.is_empty(), "{}: empty id accepted", p.label);
                }
            }
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(
                !msg.contains('\n'),
                "a message of more than one line: {msg}"
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let base = Path::new("/nonexistent-fuzz-base");
    let csv = check_bytes("fuzz.csv", true, data, base, load);
    if let Ok((_, notes)) = &csv {
        for n in notes {
            assert!(!n.contains('\n'), "a note of more than one line: {n}");
        }
    }
    check(csv.map(|(items, _)| items));
    let jsonl = check_bytes("fuzz.jsonl", false, data, base, load);
    if let Ok((_, notes)) = &jsonl {
        assert!(notes.is_empty(), "notes on a JSONL file: {notes:?}");
    }
    check(jsonl.map(|(items, _)| items));
});

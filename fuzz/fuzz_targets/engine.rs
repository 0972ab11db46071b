//! The engine on arbitrary UTF-8: `extract` and `sentences` must not panic, and every offset
//! they return must index the text (code points, end exclusive) and agree with its span text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use whosaid::extract::{extract, sentences};
use whosaid::model::Span;

fn check_span(chars: &[char], what: &str, span: &Span) {
    assert!(
        span.start <= span.end && span.end <= chars.len(),
        "{what} {}..{} outside a text of {} code points",
        span.start,
        span.end,
        chars.len()
    );
    let at: String = chars[span.start..span.end].iter().collect();
    assert_eq!(
        at, span.text,
        "{what} text differs from the text at its offsets"
    );
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let chars: Vec<char> = text.chars().collect();
    let mut last_end = 0;
    for s in sentences(text) {
        assert!(s.start < s.end, "empty sentence {}..{}", s.start, s.end);
        assert!(s.end <= chars.len(), "sentence past the end");
        assert!(s.start >= last_end, "sentences overlap or go back");
        let inner: String = chars[s.start..s.end].iter().collect();
        assert_eq!(
            inner.trim(),
            inner,
            "a sentence keeps surrounding white space"
        );
        last_end = s.end;
    }
    for a in extract(text) {
        if let Some(s) = &a.content {
            check_span(&chars, "content", s);
        }
        if let Some(s) = &a.cue {
            check_span(&chars, "cue", s);
        }
        if let Some(s) = &a.mention {
            check_span(&chars, "mention", s);
        }
    }
});

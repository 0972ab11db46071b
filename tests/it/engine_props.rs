//! Property tests of the engine: any input returns, and every span is a true slice of the
//! text in code points.

use proptest::prelude::*;
use whosaid::extract::extract;
use whosaid::model::Span;

fn check(text: &str) {
    let chars: Vec<char> = text.chars().collect();
    for a in extract(text) {
        for s in [&a.mention, &a.cue, &a.content].into_iter().flatten() {
            let Span {
                start,
                end,
                text: t,
            } = s;
            assert!(start <= end, "start after end: {s:?}");
            assert!(*end <= chars.len(), "span past the end: {s:?}");
            let got: String = chars[*start..*end].iter().collect();
            assert_eq!(&got, t, "span text differs from the article");
        }
        assert!(!a.rule.is_empty());
    }
}

/// Article-like text: words, names, reporting verbs, quote marks of every kind, breaks.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("said".to_string()),
        Just("told".to_string()),
        Just("according to".to_string()),
        Just("citing".to_string()),
        Just("reportedly".to_string()),
        Just("is said to".to_string()),
        Just("figures indicate".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("'s".to_string()),
        Just(",".to_string()),
        Just(".".to_string()),
        Just(":".to_string()),
        Just("\n\n".to_string()),
        Just("she".to_string()),
        Just("the president".to_string()),
        Just("U.S.".to_string()),
        "[A-Z][a-z]{1,8}",
        "[a-z]{1,8}",
        "\\PC{1,3}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_unicode_never_panics(text in "\\PC{0,300}") {
        check(&text);
    }

    #[test]
    fn news_like_text_gives_valid_spans(text in newsish()) {
        check(&text);
    }

    #[test]
    fn unbalanced_quotes_give_valid_spans(
        words in prop::collection::vec("[a-zA-Z]{1,7}|“|”|\"|, she said|\n", 0..80)
    ) {
        check(&words.join(" "));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2))]

    #[test]
    fn a_megabyte_line_without_punctuation_returns(word in "[a-z]{3,8}") {
        let mut text = String::with_capacity(1 << 20);
        while text.len() < 1 << 20 {
            text.push_str(&word);
            text.push(' ');
            text.push_str("said ");
        }
        check(&text);
    }
}

#[test]
fn empty_and_blank_inputs_have_no_attributions() {
    assert!(extract("").is_empty());
    assert!(extract(" \n\n\t ").is_empty());
    assert!(extract("“").is_empty());
}

#[test]
fn a_text_opening_with_to_before_a_cue_gives_valid_spans() {
    // the subject scan looks at the word before "to" ("close to the talks"); at the text's
    // first word there is none
    check("to figures indicate");
    check("To officials said the plan works.");
}

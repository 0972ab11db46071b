use super::*;
use crate::extract::doc::Doc;
use crate::extract::lexicon::LEXICON;

/// The engine's tokens of `text` with the embedded model's tags.
fn tagged(text: &str) -> Vec<(String, Upos)> {
    let doc = Doc::new(text, &LEXICON);
    let words: Vec<&str> = doc.toks.iter().map(|t| t.text).collect();
    let mut tags = Vec::new();
    Tagger::global().tag(&words, &mut tags);
    assert_eq!(tags.len(), words.len());
    words.iter().map(|w| w.to_string()).zip(tags).collect()
}

fn show(t: &[(String, Upos)]) -> String {
    t.iter()
        .map(|(w, u)| format!("{w}/{u}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The tag of `word` (its first occurrence) in `text`.
fn tag_of(text: &str, word: &str) -> Upos {
    let t = tagged(text);
    t.iter()
        .find(|(w, _)| w == word)
        .unwrap_or_else(|| panic!("no token '{word}' in {}", show(&t)))
        .1
}

fn assert_tag(text: &str, word: &str, allowed: &[Upos]) {
    let got = tag_of(text, word);
    assert!(
        allowed.contains(&got),
        "'{word}' tagged {got}, expected one of {allowed:?}: {}",
        show(&tagged(text))
    );
}

#[test]
fn the_embedded_model_loads() {
    // a refused model would leave the engine with a tagger that tags everything X
    if let Err(e) = Tagger::from_bytes(MODEL) {
        panic!("{e}");
    }
    let shown = format!("{:?}", Tagger::global());
    assert!(
        shown.starts_with("Tagger { trained: true, features: "),
        "{shown}"
    );
    assert!(shown.len() < 100, "{shown}");
}

#[test]
fn a_plain_news_sentence_is_tagged_in_full() {
    use Upos::*;
    let t = tagged("The committee said on Tuesday that it would appeal.");
    let tags: Vec<Upos> = t.iter().map(|p| p.1).collect();
    assert_eq!(
        tags,
        vec![Det, Noun, Verb, Adp, Propn, Sconj, Pron, Aux, Verb, Punct],
        "{}",
        show(&t)
    );
}

#[test]
fn reporting_verbs_are_verbs() {
    use Upos::*;
    let cases = [
        ("Officials told reporters the plan was dead.", "told"),
        ("The plan is dead, she added.", "added"),
        ("He warned that prices could rise sharply.", "warned"),
        ("Analysts say the merger will close in March.", "say"),
        ("The ministry denied the report on Friday.", "denied"),
        ("A spokesman confirmed the deal.", "confirmed"),
    ];
    for (text, verb) in cases {
        assert_tag(text, verb, &[Verb]);
    }
}

#[test]
fn ambiguous_forms_follow_their_context() {
    use Upos::*;
    let text = "She won 300 pledged delegates in the primary.";
    assert_tag(text, "pledged", &[Adj, Verb]);
    assert_tag(text, "delegates", &[Noun]);
    assert_tag(text, "300", &[Num]);
    assert_tag("The update adds features to the app.", "adds", &[Verb]);
    assert_tag("The update adds features to the app.", "update", &[Noun]);
    assert_tag("The company will update its software.", "update", &[Verb]);
}

#[test]
fn names_abbreviations_and_clitics() {
    use Upos::*;
    let text = "Maria Gonzalez, a spokeswoman for the U.S. embassy, didn't respond.";
    assert_tag(text, "Maria", &[Propn]);
    assert_tag(text, "Gonzalez", &[Propn]);
    assert_tag(text, "U.S.", &[Propn]);
    assert_tag(text, "n't", &[Part]);
    assert_tag(text, "did", &[Aux]);
    let text = "The mayor’s office said Mr. Lee would resign.";
    assert_tag(text, "’s", &[Part]);
    assert_tag(text, "Mr", &[Propn]);
    assert_tag(text, "Lee", &[Propn]);
    assert_tag("Obama's aides were silent.", "'s", &[Part]);
}

#[test]
fn numbers_symbols_and_punctuation() {
    use Upos::*;
    let text = "The deal cost $5 million — about 45,756 jobs — in 2019.";
    assert_tag(text, "$", &[Sym]);
    assert_tag(text, "5", &[Num]);
    assert_tag(text, "—", &[Punct]);
    assert_tag(text, "45,756", &[Num]);
    assert_tag(text, "2019", &[Num]);
    assert_tag("Prices rose 2.5 percent.", "2.5", &[Num]);
    assert_tag("“We will appeal,” she said.", "“", &[Punct]);
}

#[test]
fn hyphenated_words_are_tagged_as_one() {
    use Upos::*;
    assert_tag("A six-member panel met.", "six-member", &[Noun, Adj]);
    assert_tag("A 14-year-old boy was arrested.", "14-year-old", &[Adj]);
    assert_tag(
        "Pro-government forces re-entered the town.",
        "re-entered",
        &[Verb],
    );
}

#[test]
fn any_input_is_tagged_without_panicking() {
    let t = Tagger::global();
    let mut out = vec![Upos::X];
    t.tag(&[], &mut out);
    assert!(out.is_empty());
    let odd = [
        "",
        " ",
        "\u{0}",
        "İstanbul",
        "ǅ",
        "🙂",
        "a\u{301}",
        "--",
        "'",
        "’",
        "\u{feff}",
        "ß",
        "x".repeat(500).leak(),
        "٣٤",
        "中文",
        "\r\n",
    ];
    t.tag(&odd, &mut out);
    assert_eq!(out.len(), odd.len());
    let long: Vec<&str> = ["the", "man", "said", ",", "and", "she", "agreed", "."]
        .iter()
        .cycle()
        .take(1000)
        .copied()
        .collect();
    t.tag(&long, &mut out);
    assert_eq!(out.len(), 1000);
    t.tag(&["Hello"], &mut out);
    assert_eq!(out.len(), 1);
}

#[test]
fn without_a_model_every_token_is_x() {
    let mut out = Vec::new();
    Tagger::untrained().tag(&["The", "mayor", "said", "."], &mut out);
    assert_eq!(out, vec![Upos::X; 4]);
}

#[test]
fn model_files_that_are_not_models_are_refused() {
    assert_eq!(Tagger::from_bytes(b"").unwrap_err(), ModelError::Magic);
    let cut = &MODEL[..MODEL.len() - 3];
    let e = Tagger::from_bytes(cut).unwrap_err();
    assert!(e.to_string().contains("bytes"), "{e}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    #[test]
    fn random_words_get_one_tag_each(words in proptest::collection::vec("\\PC{0,12}", 0..40)) {
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let mut out = Vec::new();
        Tagger::global().tag(&words, &mut out);
        proptest::prop_assert_eq!(out.len(), words.len());
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    #[test]
    fn random_text_cut_by_the_engine_is_tagged(text in "\\PC{0,300}") {
        let t = tagged(&text);
        proptest::prop_assert_eq!(t.len(), Doc::new(&text, &LEXICON).toks.len());
    }
}

/// The treebanks the model was trained and measured on, if this checkout has them.
fn treebank(name: &str) -> Option<Vec<conllu::TaggedSentence>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora/ud")
        .join(name);
    let src = std::fs::read_to_string(&path).ok()?;
    let sents = conllu::parse(&src).expect("a treebank parses");
    let mut stats = conllu::Alignment::default();
    Some(
        sents
            .iter()
            .map(|s| conllu::TaggedSentence::from_ud(s, &mut stats))
            .collect(),
    )
}

/// The fast scoring gives every token the tag the feature-by-feature reference gives, on
/// the held-out treebank (and the training ones), with a cold and a warm word cache.
#[test]
fn fast_scoring_tags_as_the_reference_does() {
    let names = [
        "en_pud-ud-test.conllu",
        "en_ewt-ud-dev.conllu",
        "en_ewt-ud-test.conllu",
        "gum_news.conllu",
    ];
    let mut checked = 0;
    for name in names {
        let Some(sents) = treebank(name) else {
            eprintln!("{name} is not here; skipped");
            continue;
        };
        // a tagger of its own, so that the cache starts cold, then the global one
        let own = Tagger::from_bytes(MODEL).expect("the model loads");
        for t in [&own, &own, Tagger::global()] {
            let (mut fast, mut reference) = (Vec::new(), Vec::new());
            for s in &sents {
                t.tag_any(&s.words, &mut fast);
                t.tag_reference(&s.words, &mut reference);
                assert_eq!(fast, reference, "{name}: {:?}", s.words);
                checked += fast.len();
            }
        }
    }
    eprintln!("{checked} tokens tagged alike");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    #[test]
    fn fast_scoring_tags_random_words_as_the_reference_does(
        words in proptest::collection::vec("\\PC{0,12}|[A-Za-z]{1,8}|[.,\"'-]", 0..40)
    ) {
        let (mut fast, mut reference) = (Vec::new(), Vec::new());
        Tagger::global().tag_any(&words, &mut fast);
        Tagger::global().tag_reference(&words, &mut reference);
        proptest::prop_assert_eq!(fast, reference);
    }
}

//! Sentence splitting that survives "U.S.", "Dr.", "Jan." and initials; the splitting
//! itself works on the tokens, in [`super::doc::Doc`].

pub use crate::model::Sentence;

/// The sentences of `text`, in order; blank text has none. They are the engine's own
/// sentences: an end mark followed by what can start a sentence, or a paragraph break. A
/// long text is read in the same parts as `analyze` reads it, so that the two agree and
/// memory stays bounded.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut shift = 0usize;
    for part in super::parts(text, super::MAX_PASS_BYTES) {
        let split = super::doc::Doc::untagged(part, &super::lexicon::LEXICON).split;
        out.extend(split.into_iter().map(|s| Sentence {
            start: s.start + shift,
            end: s.end + shift,
        }));
        shift += part.chars().count();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        sentences(text)
            .into_iter()
            .map(|s| chars[s.start..s.end].iter().collect())
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            texts("U.S. officials said it. Dr. Smith agreed on Jan. 5 with J. R. Jones. Done."),
            vec![
                "U.S. officials said it.",
                "Dr. Smith agreed on Jan. 5 with J. R. Jones.",
                "Done."
            ]
        );
    }

    #[test]
    fn an_abbreviation_ends_a_sentence_only_before_a_function_word() {
        assert_eq!(
            texts("Shares of Acme Inc. rose. The firm moved to the U.S. It grew. Ask Gov. Ruiz."),
            vec![
                "Shares of Acme Inc. rose.",
                "The firm moved to the U.S.",
                "It grew.",
                "Ask Gov. Ruiz."
            ]
        );
    }

    #[test]
    fn a_quotation_of_several_sentences_stays_whole() {
        assert_eq!(
            texts("\"We lost. We will be back,\" the coach said. \"Why?\" she asked. Fans left."),
            vec![
                "\"We lost. We will be back,\" the coach said.",
                "\"Why?\" she asked.",
                "Fans left."
            ]
        );
    }

    #[test]
    fn numbers_names_and_paragraphs() {
        assert_eq!(
            texts("Prices fell to 5.13. Traders sold. Version 10.4.1 shipped.\niPhone sales rose. eBay fell (by 2%.) Then\nit ended"),
            vec![
                "Prices fell to 5.13.",
                "Traders sold.",
                "Version 10.4.1 shipped.",
                "iPhone sales rose.",
                "eBay fell (by 2%.)",
                "Then",
                "it ended"
            ]
        );
    }

    #[test]
    fn the_sample_has_32_sentences() {
        let text = include_str!("../../samples/cartels.txt");
        assert_eq!(sentences(text).len(), 32);
    }
}

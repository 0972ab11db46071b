//! Sentence splitting that survives "U.S.", "Dr.", "Jan." and initials.

pub use crate::model::Sentence;

/// The sentences of `text`, in order; blank text has none.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut consumed_bytes = 0usize;
    let mut consumed_chars = 0usize;
    for piece in sentencex::segment("en", text) {
        // `segment` returns slices of `text`, in order.
        let byte_start = piece.as_ptr() as usize - text.as_ptr() as usize;
        consumed_chars += text[consumed_bytes..byte_start].chars().count();
        consumed_bytes = byte_start;
        // each part of the piece is counted once: leading space, text, trailing space
        let rest = piece.trim_start();
        let lead = piece.len() - rest.len();
        let trimmed = rest.trim_end();
        let lead_chars = piece[..lead].chars().count();
        let trimmed_chars = trimmed.chars().count();
        let tail_chars = rest[trimmed.len()..].chars().count();
        if !trimmed.is_empty() {
            let start = consumed_chars + lead_chars;
            let end = start + trimmed_chars;
            out.push(Sentence { start, end });
        }
        consumed_chars += lead_chars + trimmed_chars + tail_chars;
        consumed_bytes += piece.len();
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
    fn the_sample_has_32_sentences() {
        let text = include_str!("../../samples/cartels.txt");
        assert_eq!(sentences(text).len(), 32);
    }
}

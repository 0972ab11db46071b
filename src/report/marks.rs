//! Where the attributions sit in an article's text, for the renderers that highlight them
//! (`show` in the terminal, the HTML report): numbered claims in text order, and the text cut
//! into segments at every span edge so each segment knows which claims and cues cover it.
//! All offsets are Unicode code points, as stored; spans past the text are clamped.

use crate::model::{Attribution, Stance};

/// One numbered attribution and the span it highlights: its content, else its cue, else its
/// mention.
#[derive(Debug, Clone)]
pub struct Mark<'a> {
    /// 1-based, in text order.
    pub number: usize,
    pub start: usize,
    pub end: usize,
    pub cue: Option<(usize, usize)>,
    /// Its mention (the words that name the source), clamped.
    pub mention: Option<(usize, usize)>,
    /// Whether its cue is loaded ([`Stance::Loaded`]).
    pub loaded: bool,
    pub attribution: &'a Attribution,
}

/// A run of text covered by the same claims and cue state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    /// Indices into the marks covering this segment.
    pub claims: Vec<usize>,
    /// Whether a cue covers it.
    pub cue: bool,
    /// Whether a loaded cue covers it ([`Stance::Loaded`]).
    pub loaded: bool,
    /// Whether a mention covers it.
    pub who: bool,
}

/// The attributions numbered in text order ([`Attribution::text_order`]: content, then cue;
/// of two starting at the same place the longer first, so that it opens first and closes
/// last), each with its clamped spans. Attributions with no span at all are numbered last, with an
/// empty span at the end of the text.
pub fn marks<'a>(text_len: usize, attributions: &'a [Attribution]) -> Vec<Mark<'a>> {
    let clamp = |(s, e): (usize, usize)| {
        let s = s.min(text_len);
        (s, e.clamp(s, text_len))
    };
    let mut out: Vec<Mark<'a>> = attributions
        .iter()
        .map(|a| {
            let span = [&a.content, &a.cue, &a.mention]
                .into_iter()
                .flatten()
                .next()
                .map(|s| clamp((s.start, s.end)))
                .unwrap_or((text_len, text_len));
            Mark {
                number: 0,
                start: span.0,
                end: span.1,
                cue: a.cue.as_ref().map(|c| clamp((c.start, c.end))),
                mention: a.mention.as_ref().map(|c| clamp((c.start, c.end))),
                loaded: a.stance() == Stance::Loaded,
                attribution: a,
            }
        })
        .collect();
    out.sort_by_key(|m| m.attribution.text_order());
    for (i, m) in out.iter_mut().enumerate() {
        m.number = i + 1;
    }
    out
}

/// The text `[0, text_len)` cut at every edge of the marks' spans, cues and mentions.
pub fn segments(text_len: usize, marks: &[Mark]) -> Vec<Segment> {
    segments_at(text_len, marks, &[])
}

/// [`segments`], also cut at the offsets `extra` (the edges of sentences, for a renderer that
/// marks some of them).
pub fn segments_at(text_len: usize, marks: &[Mark], extra: &[usize]) -> Vec<Segment> {
    let mut cuts = vec![0, text_len];
    cuts.extend(extra.iter().map(|&c| c.min(text_len)));
    for m in marks {
        cuts.extend([m.start, m.end]);
        for (s, e) in m.cue.into_iter().chain(m.mention) {
            cuts.extend([s, e]);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| {
            let (start, end) = (w[0], w[1]);
            Segment {
                start,
                end,
                claims: marks
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| m.start <= start && end <= m.end)
                    .map(|(i, _)| i)
                    .collect(),
                cue: marks
                    .iter()
                    .filter_map(|m| m.cue)
                    .any(|(s, e)| s <= start && end <= e),
                loaded: marks
                    .iter()
                    .filter(|m| m.loaded)
                    .filter_map(|m| m.cue)
                    .any(|(s, e)| s <= start && end <= e),
                who: marks
                    .iter()
                    .filter_map(|m| m.mention)
                    .any(|(s, e)| s <= start && end <= e),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    fn at(content: (usize, usize), cue: Option<(usize, usize)>) -> Attribution {
        let span = |(start, end): (usize, usize)| Span {
            start,
            end,
            text: String::new(),
        };
        Attribution {
            cue: cue.map(span),
            content: Some(span(content)),
            ..Attribution::of("x")
        }
    }

    #[test]
    fn segments_cover_the_text_and_know_their_claims() {
        // "ab cd ef": claim over 3..8 with cue 0..2, a second claim over 6..99 (clamped).
        let attrs = vec![at((6, 99), None), at((3, 8), Some((0, 2)))];
        let m = marks(8, &attrs);
        assert_eq!(m[0].number, 1);
        assert_eq!((m[0].start, m[0].end), (3, 8));
        assert_eq!((m[1].start, m[1].end), (6, 8));
        let s = segments(8, &m);
        assert!(s.iter().all(|s| !s.who && !s.loaded));
        let cut: Vec<(usize, usize, Vec<usize>, bool)> = s
            .iter()
            .map(|s| (s.start, s.end, s.claims.clone(), s.cue))
            .collect();
        assert_eq!(
            cut,
            vec![
                (0, 2, vec![], true),
                (2, 3, vec![], false),
                (3, 6, vec![0], false),
                (6, 8, vec![0, 1], false),
            ]
        );
    }

    #[test]
    fn segments_know_the_mention_and_a_loaded_cue() {
        // "He claimed it." mention 0..2, cue 3..10 (loaded), content 11..13
        let span = |start: usize, end: usize, text: &str| Span {
            start,
            end,
            text: text.into(),
        };
        let a = Attribution {
            mention: Some(span(0, 2, "He")),
            cue: Some(span(3, 10, "claimed")),
            content: Some(span(11, 13, "it")),
            ..Attribution::of("He")
        };
        let m = marks(14, std::slice::from_ref(&a));
        assert!(m[0].loaded);
        let cut: Vec<(usize, usize, bool, bool, bool)> = segments(14, &m)
            .iter()
            .map(|s| (s.start, s.end, s.who, s.cue, s.loaded))
            .collect();
        assert_eq!(
            cut,
            vec![
                (0, 2, true, false, false),
                (2, 3, false, false, false),
                (3, 10, false, true, true),
                (10, 11, false, false, false),
                (11, 13, false, false, false),
                (13, 14, false, false, false),
            ]
        );
    }
}

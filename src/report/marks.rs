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

/// The text `[0, text_len)` cut at every edge of the marks' spans, cues and mentions. One
/// sweep over the cuts, keeping the marks, cues and mentions open there, so the time is that
/// of the output (a text with tens of thousands of claims is cut as fast as it is printed).
pub fn segments(text_len: usize, marks: &[Mark]) -> Vec<Segment> {
    segments_at(text_len, marks, &[])
}

/// Spans that open and close along the sweep of [`segments_at`]: how many are open at a cut.
struct Open {
    opens: Vec<usize>,
    closes: Vec<usize>,
    o: usize,
    c: usize,
    n: usize,
}

impl Open {
    fn new(spans: impl Iterator<Item = (usize, usize)>) -> Open {
        let (mut opens, mut closes): (Vec<usize>, Vec<usize>) = spans.unzip();
        opens.sort_unstable();
        closes.sort_unstable();
        Open {
            opens,
            closes,
            o: 0,
            c: 0,
            n: 0,
        }
    }

    /// Move to the cut `at`; whether any span is open from there.
    fn at(&mut self, at: usize) -> bool {
        while self.o < self.opens.len() && self.opens[self.o] <= at {
            self.n += 1;
            self.o += 1;
        }
        while self.c < self.closes.len() && self.closes[self.c] <= at {
            self.n -= 1;
            self.c += 1;
        }
        self.n > 0
    }
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
    // the marks by where they open and close
    let mut opens: Vec<(usize, usize)> = marks
        .iter()
        .enumerate()
        .map(|(i, m)| (m.start, i))
        .collect();
    let mut closes: Vec<(usize, usize)> =
        marks.iter().enumerate().map(|(i, m)| (m.end, i)).collect();
    opens.sort_unstable();
    closes.sort_unstable();
    let mut cues = Open::new(marks.iter().filter_map(|m| m.cue));
    let mut loaded = Open::new(marks.iter().filter(|m| m.loaded).filter_map(|m| m.cue));
    let mut who = Open::new(marks.iter().filter_map(|m| m.mention));
    let (mut o, mut c) = (0, 0);
    let mut open: std::collections::BTreeSet<usize> = std::collections::BTreeSet::new();
    let mut out = Vec::with_capacity(cuts.len());
    for w in cuts.windows(2) {
        let (start, end) = (w[0], w[1]);
        // open: the marks with m.start <= start < m.end, which cover all of [start, end)
        // since every edge is a cut
        while o < opens.len() && opens[o].0 <= start {
            open.insert(opens[o].1);
            o += 1;
        }
        while c < closes.len() && closes[c].0 <= start {
            open.remove(&closes[c].1);
            c += 1;
        }
        let (cue, loaded, who) = (cues.at(start), loaded.at(start), who.at(start));
        if start < end {
            out.push(Segment {
                start,
                end,
                claims: open.iter().copied().collect(),
                cue,
                loaded,
                who,
            });
        }
    }
    out
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

    /// The definition the sweep must agree with: a segment holds the marks, cues and mentions
    /// that cover it.
    fn covering(text_len: usize, marks: &[Mark]) -> Vec<Segment> {
        segments(text_len, marks)
            .into_iter()
            .map(|s| Segment {
                claims: (0..marks.len())
                    .filter(|&i| marks[i].start <= s.start && s.end <= marks[i].end)
                    .collect(),
                cue: marks
                    .iter()
                    .filter_map(|m| m.cue)
                    .any(|(a, b)| a <= s.start && s.end <= b),
                loaded: marks
                    .iter()
                    .filter(|m| m.loaded)
                    .filter_map(|m| m.cue)
                    .any(|(a, b)| a <= s.start && s.end <= b),
                who: marks
                    .iter()
                    .filter_map(|m| m.mention)
                    .any(|(a, b)| a <= s.start && s.end <= b),
                ..s
            })
            .collect()
    }

    #[test]
    fn nested_touching_empty_and_shared_spans_are_cut_as_they_cover() {
        let attrs = vec![
            at((0, 20), Some((0, 4))),
            at((5, 10), Some((5, 7))),
            at((5, 10), None),
            at((10, 15), Some((9, 12))),
            at((12, 12), None),
            at((18, 40), Some((25, 30))),
        ];
        let m = marks(30, &attrs);
        let s = segments(30, &m);
        assert_eq!(s, covering(30, &m));
        assert_eq!(s.first().unwrap().start, 0);
        assert_eq!(s.last().unwrap().end, 30);
        assert!(s.windows(2).all(|w| w[0].end == w[1].start));
    }

    #[test]
    fn many_claims_are_cut_one_segment_per_edge() {
        // 40,000 claims, each over its own 10 code points with a cue (a pairwise cut of this
        // took seconds; the sweep's cost is measured by `cargo bench`, not here)
        let attrs: Vec<Attribution> = (0..40_000)
            .map(|i| at((i * 10 + 3, i * 10 + 9), Some((i * 10, i * 10 + 2))))
            .collect();
        let m = marks(400_000, &attrs);
        let s = segments(400_000, &m);
        assert_eq!(s.len(), 160_000);
        assert_eq!(s.iter().filter(|s| s.cue).count(), 40_000);
        assert_eq!(s.iter().filter(|s| !s.claims.is_empty()).count(), 40_000);
    }
}

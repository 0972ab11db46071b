//! The per-article attribution breakdown and the report that carries it: computed once,
//! rendered as table, CSV or JSON.

use serde::Serialize;

use crate::model::{ArticleInfo, Attribution, Form, Identity, Role, Sentence};

/// One article's report: whose claims were counted, and the breakdown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleReport {
    pub article: ArticleInfo,
    /// The annotator whose claims the breakdown counts.
    pub annotator: String,
    pub breakdown: Breakdown,
}

/// Attributions by identity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ByIdentity {
    pub named: usize,
    pub anonymous: usize,
    pub unspecified: usize,
}

/// Attributions by role.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ByRole {
    pub official: usize,
    pub media: usize,
    pub expert: usize,
    pub organization: usize,
    pub public: usize,
    pub unknown: usize,
}

/// Attributions by form.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ByForm {
    pub direct_quote: usize,
    pub paraphrase: usize,
    pub document: usize,
}

/// One source of an article and how many of its claims rest on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceCount {
    pub source: String,
    pub identity: Identity,
    pub role: Role,
    pub claims: usize,
}

/// How much of an article is sourced, and on whose word.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Breakdown {
    pub sentences: usize,
    pub attributed_sentences: usize,
    pub unattributed_sentences: usize,
    pub attributions: usize,
    pub by_identity: ByIdentity,
    pub by_role: ByRole,
    pub by_form: ByForm,
    pub hedged: usize,
    /// Anonymous attributions whose text says why the source is not named.
    pub anonymous_with_reason: usize,
    /// Attributions whose cue is loaded ("claimed", "admitted"; see `model::stance`).
    pub loaded_cues: usize,
    pub distinct_sources: usize,
    /// Sources by number of claims (most first), then by first appearance.
    pub sources: Vec<SourceCount>,
}

impl ByIdentity {
    fn add(&mut self, i: Identity) {
        match i {
            Identity::Named => self.named += 1,
            Identity::Anonymous => self.anonymous += 1,
            Identity::Unspecified => self.unspecified += 1,
        }
    }

    pub fn get(&self, i: Identity) -> usize {
        match i {
            Identity::Named => self.named,
            Identity::Anonymous => self.anonymous,
            Identity::Unspecified => self.unspecified,
        }
    }
}

impl ByRole {
    fn add(&mut self, r: Role) {
        match r {
            Role::Official => self.official += 1,
            Role::Media => self.media += 1,
            Role::Expert => self.expert += 1,
            Role::Organization => self.organization += 1,
            Role::Public => self.public += 1,
            Role::Unknown => self.unknown += 1,
        }
    }

    pub fn get(&self, r: Role) -> usize {
        match r {
            Role::Official => self.official,
            Role::Media => self.media,
            Role::Expert => self.expert,
            Role::Organization => self.organization,
            Role::Public => self.public,
            Role::Unknown => self.unknown,
        }
    }
}

impl ByForm {
    fn add(&mut self, f: Form) {
        match f {
            Form::DirectQuote => self.direct_quote += 1,
            Form::Paraphrase => self.paraphrase += 1,
            Form::Document => self.document += 1,
        }
    }

    pub fn get(&self, f: Form) -> usize {
        match f {
            Form::DirectQuote => self.direct_quote,
            Form::Paraphrase => self.paraphrase,
            Form::Document => self.document,
        }
    }
}

/// The span that places an attribution in the text: its cue and content, or its mention when
/// it has neither.
fn spans(a: &Attribution) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = [&a.cue, &a.content]
        .into_iter()
        .flatten()
        .map(|s| (s.start, s.end))
        .collect();
    if out.is_empty() {
        out.extend(a.mention.as_ref().map(|s| (s.start, s.end)));
    }
    out
}

/// Whether the span `[start, end)` touches the sentence `[s, e)`; an empty span counts where
/// it stands.
fn overlaps((start, end): (usize, usize), s: usize, e: usize) -> bool {
    if start == end {
        s <= start && start < e
    } else {
        start < e && end > s
    }
}

/// For each of `sentences`, whether it rests on a source: an attribution's cue or content
/// (or its mention, when it has neither) touches it ([`overlaps`]); the others rest on the
/// writer. Sentences in text order (starts and ends rising, as the splitter makes them) are
/// marked a span at a time by binary search (those starting before its end and ending after
/// its start), so the time grows with the spans and sentences, not their product; sentences
/// in any other order are checked pairwise.
pub fn attributed(sentences: &[Sentence], attributions: &[Attribution]) -> Vec<bool> {
    let placed: Vec<(usize, usize)> = attributions.iter().flat_map(spans).collect();
    touched(sentences, &placed)
}

/// For each of `sentences`, whether a span of `placed` touches it (see [`attributed`]).
fn touched(sentences: &[Sentence], placed: &[(usize, usize)]) -> Vec<bool> {
    let in_order = sentences
        .windows(2)
        .all(|w| w[0].start <= w[1].start && w[0].end <= w[1].end);
    if !in_order {
        return sentences
            .iter()
            .map(|s| placed.iter().any(|&p| overlaps(p, s.start, s.end)))
            .collect();
    }
    // +1 where a run of touched sentences starts, -1 after it ends
    let mut runs = vec![0i64; sentences.len() + 1];
    for &(start, end) in placed {
        let (from, to) = if start == end {
            // the sentences with s.start <= start < s.end
            let to = sentences.partition_point(|s| s.start <= start);
            let from = sentences.partition_point(|s| s.end <= start);
            (from, to)
        } else {
            // the sentences with s.start < end and s.end > start
            let to = sentences.partition_point(|s| s.start < end);
            let from = sentences.partition_point(|s| s.end <= start);
            (from, to)
        };
        if from < to {
            runs[from] += 1;
            runs[to] -= 1;
        }
    }
    // the two searches find exactly the sentences `overlaps` says each span touches
    let mut depth = 0i64;
    runs[..sentences.len()]
        .iter()
        .map(|step| {
            depth += step;
            depth > 0
        })
        .collect()
}

impl Breakdown {
    /// The breakdown of a text split into `sentences` (`extract::sentences`), given its
    /// attributions; only their offsets, labels, cues and sources are read.
    pub fn from_sentences(sentences: &[Sentence], attributions: &[Attribution]) -> Breakdown {
        let attributed = attributed(sentences, attributions)
            .into_iter()
            .filter(|&a| a)
            .count();

        let mut b = Breakdown {
            sentences: sentences.len(),
            attributed_sentences: attributed,
            unattributed_sentences: sentences.len() - attributed,
            attributions: attributions.len(),
            ..Breakdown::default()
        };
        // each source's place in `b.sources`
        let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for a in attributions {
            b.by_identity.add(a.identity);
            b.by_role.add(a.role);
            b.by_form.add(a.form);
            b.hedged += usize::from(a.hedged);
            b.loaded_cues += usize::from(a.stance() == crate::model::Stance::Loaded);
            b.anonymous_with_reason +=
                usize::from(a.identity == Identity::Anonymous && a.anonymity_reason.is_some());
            let name = a.source.trim();
            if name.is_empty() {
                continue;
            }
            match seen.get(name) {
                Some(&i) => b.sources[i].claims += 1,
                None => {
                    seen.insert(name, b.sources.len());
                    b.sources.push(SourceCount {
                        source: name.to_string(),
                        identity: a.identity,
                        role: a.role,
                        claims: 1,
                    });
                }
            }
        }
        // Stable: ties keep their order of first appearance.
        b.sources.sort_by_key(|s| std::cmp::Reverse(s.claims));
        b.distinct_sources = b.sources.len();
        b
    }

    /// Add `other`'s counts to these (not its source list), for sums over many articles.
    pub fn add_counts(&mut self, other: &Breakdown) {
        self.sentences += other.sentences;
        self.attributed_sentences += other.attributed_sentences;
        self.unattributed_sentences += other.unattributed_sentences;
        self.attributions += other.attributions;
        let (i, r, f) = (&other.by_identity, &other.by_role, &other.by_form);
        self.by_identity.named += i.named;
        self.by_identity.anonymous += i.anonymous;
        self.by_identity.unspecified += i.unspecified;
        self.by_role.official += r.official;
        self.by_role.media += r.media;
        self.by_role.expert += r.expert;
        self.by_role.organization += r.organization;
        self.by_role.public += r.public;
        self.by_role.unknown += r.unknown;
        self.by_form.direct_quote += f.direct_quote;
        self.by_form.paraphrase += f.paraphrase;
        self.by_form.document += f.document;
        self.hedged += other.hedged;
        self.anonymous_with_reason += other.anonymous_with_reason;
        self.loaded_cues += other.loaded_cues;
        self.distinct_sources += other.distinct_sources;
    }

    /// `n` as a share of all attributions; none when there are none.
    pub fn share(&self, n: usize) -> Option<f64> {
        (self.attributions > 0).then(|| n as f64 / self.attributions as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    /// How many sentences [`touched`] marks.
    fn attributed_sentences(sentences: &[Sentence], placed: &[(usize, usize)]) -> usize {
        touched(sentences, placed)
            .into_iter()
            .filter(|&t| t)
            .count()
    }

    /// `attributed_sentences` by its definition: every sentence against every span.
    fn pairwise(sentences: &[Sentence], placed: &[(usize, usize)]) -> usize {
        sentences
            .iter()
            .filter(|s| placed.iter().any(|&p| overlaps(p, s.start, s.end)))
            .count()
    }

    #[test]
    fn attributed_sentences_by_search_agree_with_every_pair() {
        // a small generator: sentences in text order, some empty, some touching; spans of
        // every kind, empty ones included
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % n) as usize
        };
        for _ in 0..500 {
            let mut sentences = Vec::new();
            let mut at = next(3);
            for _ in 0..next(8) {
                let len = next(6);
                sentences.push(Sentence {
                    start: at,
                    end: at + len,
                });
                at += len + next(3);
            }
            let placed: Vec<(usize, usize)> = (0..next(6))
                .map(|_| {
                    let s = next(at as u64 + 3);
                    (s, s + next(5))
                })
                .collect();
            assert_eq!(
                attributed_sentences(&sentences, &placed),
                pairwise(&sentences, &placed),
                "{sentences:?} {placed:?}"
            );
        }
        // out of order: checked pairwise
        let odd = [Sentence { start: 5, end: 9 }, Sentence { start: 0, end: 4 }];
        assert_eq!(attributed_sentences(&odd, &[(1, 2)]), 1);
    }

    fn at(
        source: &str,
        cue: Option<(usize, usize)>,
        content: Option<(usize, usize)>,
    ) -> Attribution {
        let span = |(start, end): (usize, usize)| Span {
            start,
            end,
            text: String::new(),
        };
        Attribution {
            mention: Some(span((0, 1))),
            cue: cue.map(span),
            content: content.map(span),
            ..Attribution::of(source)
        }
    }

    #[test]
    fn sentences_are_attributed_by_cue_or_content() {
        let text = "One said this. Two is plain. Three said that. Four.";
        // "said" of sentence one; content of sentence three.
        let a = vec![
            at("A", Some((4, 8)), None),
            at("B", None, Some((40, 44))),
            at("A", None, None),
        ];
        // The four sentences of the text.
        assert_eq!(text.len(), 51);
        let sentences: Vec<Sentence> = [(0, 14), (15, 28), (29, 45), (46, 51)]
            .into_iter()
            .map(|(start, end)| Sentence { start, end })
            .collect();
        let b = Breakdown::from_sentences(&sentences, &a);
        assert_eq!(b.sentences, 4);
        // The third attribution has only a mention, at 0..1: sentence one again.
        assert_eq!(b.attributed_sentences, 2);
        assert_eq!(b.unattributed_sentences, 2);
        assert_eq!(b.attributions, 3);
        assert_eq!(b.by_identity.named, 3);
        assert_eq!(b.distinct_sources, 2);
        assert_eq!(b.sources[0].source, "A");
        assert_eq!(b.sources[0].claims, 2);
        assert_eq!(b.share(b.by_identity.named), Some(1.0));
    }

    #[test]
    fn empty_text_has_an_empty_breakdown() {
        let b = Breakdown::from_sentences(&[], &[]);
        assert_eq!(b, Breakdown::default());
        assert_eq!(b.share(0), None);
    }

    #[test]
    fn loaded_cues_are_counted_from_the_cues() {
        let text = "He claimed it rained. She said it did not.";
        let cue = |start: usize, t: &str| Span {
            start,
            end: start + t.chars().count(),
            text: t.into(),
        };
        let attributions = [
            Attribution {
                cue: Some(cue(3, "claimed")),
                ..Attribution::of("He")
            },
            Attribution {
                cue: Some(cue(26, "said")),
                ..Attribution::of("She")
            },
            Attribution::of("nobody"),
        ];
        let sentences = [
            Sentence { start: 0, end: 21 },
            Sentence { start: 22, end: 42 },
        ];
        assert_eq!(&text[22..42], "She said it did not.");
        let b = Breakdown::from_sentences(&sentences, &attributions);
        assert_eq!(b.loaded_cues, 1);
        assert_eq!(attributed(&sentences, &attributions), [true, true]);
        let mut sum = b.clone();
        sum.add_counts(&b);
        assert_eq!(sum.loaded_cues, 2);
    }

    #[test]
    fn json_keys_are_the_contract() {
        let v = serde_json::to_value(Breakdown::default()).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        for k in [
            "sentences",
            "attributed_sentences",
            "unattributed_sentences",
            "attributions",
            "by_identity",
            "by_role",
            "by_form",
            "hedged",
            "anonymous_with_reason",
            "loaded_cues",
            "distinct_sources",
            "sources",
        ] {
            assert!(keys.contains(&k), "{k}");
        }
        assert_eq!(keys.len(), 12);
    }
}

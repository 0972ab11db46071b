//! Training the averaged perceptron, and scoring a tagger on tagged sentences.
//!
//! Training is deterministic: the sentences are shuffled by a fixed-seed generator, weights
//! are integers until they are averaged, and features are written in key order, so the same
//! sentences and options give the same model file, byte for byte.

use super::conllu::TaggedSentence;
use super::features::{word_key, Classes, Walker, DICT, NUM_FEATURES, START, START2};
use super::format::{ModelData, Row};
use super::{Tagger, Upos};
use rustc_hash::{FxHashMap, FxHashSet};

/// The settings of a training run.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainOptions {
    /// Passes over the training sentences.
    pub iterations: usize,
    /// Seed of the shuffle before each pass.
    pub seed: u64,
    /// A word enters the tag dictionary when seen at least this often...
    pub dict_min_count: u32,
    /// ...with one tag at least this share of the time.
    pub dict_min_share: f64,
    /// Features whose largest averaged weight (in absolute value) is below this are dropped.
    pub min_weight: f64,
    /// A tag belongs to a word's class when it is at least this share of the word's tags.
    pub class_min_share: f64,
    /// While training, a sentence sees the word classes of the other sentences only: the
    /// sentences are split in this many parts and each part's classes come from the rest,
    /// so that words seen once look unknown, as new words will at run time.
    pub class_folds: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            iterations: 10,
            seed: 0x5eed,
            dict_min_count: 50,
            dict_min_share: 0.999,
            min_weight: 1.0,
            class_min_share: 0.05,
            class_folds: 10,
        }
    }
}

/// What a training run did.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainStats {
    /// Features that got a weight during training.
    pub features_seen: usize,
    /// Features written to the model after pruning.
    pub features_kept: usize,
    /// Words in the tag dictionary.
    pub dict_words: usize,
    /// Words in the table of known words (the dictionary words among them).
    pub known_words: usize,
    /// The share of tokens tagged right during each pass (before averaging).
    pub pass_accuracy: Vec<f64>,
}

/// A small deterministic generator (SplitMix64) for the shuffle.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0); the slight bias of the modulo does not matter here.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// The perceptron during training. Averaging uses the running-sum trick: `sum` holds each
/// update times the step it was made at, and the average is `weight - sum / steps`.
#[derive(Default)]
struct Perceptron {
    index: FxHashMap<u64, u32>,
    weights: Vec<[i32; Upos::COUNT]>,
    sums: Vec<[i64; Upos::COUNT]>,
    step: i64,
}

impl Perceptron {
    fn predict(&self, keys: &[u64; NUM_FEATURES]) -> usize {
        let mut scores = [0i64; Upos::COUNT];
        for k in keys.iter().filter(|&&k| k != 0) {
            if let Some(&i) = self.index.get(k) {
                for (s, &w) in scores.iter_mut().zip(&self.weights[i as usize]) {
                    *s += i64::from(w);
                }
            }
        }
        let mut best = 0;
        for (i, &s) in scores.iter().enumerate().skip(1) {
            if s > scores[best] {
                best = i;
            }
        }
        best
    }

    fn update(&mut self, keys: &[u64; NUM_FEATURES], truth: usize, guess: usize) {
        for &k in keys.iter().filter(|&&k| k != 0) {
            let next = self.weights.len() as u32;
            let i = *self.index.entry(k).or_insert(next) as usize;
            if i == self.weights.len() {
                self.weights.push([0; Upos::COUNT]);
                self.sums.push([0; Upos::COUNT]);
            }
            self.weights[i][truth] += 1;
            self.sums[i][truth] += self.step;
            self.weights[i][guess] -= 1;
            self.sums[i][guess] -= self.step;
        }
    }

    /// The averaged weights, pruned and quantised to `i16`, in key order.
    fn finish(&self, min_weight: f64) -> (f32, Vec<(u64, Row)>) {
        let steps = self.step.max(1) as f64;
        let mut rows: Vec<(u64, [f64; Upos::COUNT])> = self
            .index
            .iter()
            .map(|(&k, &i)| {
                let (w, s) = (&self.weights[i as usize], &self.sums[i as usize]);
                let mut avg = [0f64; Upos::COUNT];
                for t in 0..Upos::COUNT {
                    avg[t] = f64::from(w[t]) - s[t] as f64 / steps;
                }
                (k, avg)
            })
            .filter(|(_, avg)| avg.iter().any(|w| w.abs() >= min_weight))
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        let max = rows
            .iter()
            .flat_map(|(_, r)| r.iter())
            .fold(0f64, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 {
            max / f64::from(i16::MAX)
        } else {
            1.0
        };
        let quantised = rows
            .into_iter()
            .map(|(k, avg)| {
                let mut q = [0i16; Upos::COUNT];
                for (q, w) in q.iter_mut().zip(avg) {
                    *q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                }
                (k, q)
            })
            .filter(|(_, q)| q.iter().any(|&w| w != 0))
            .collect();
        (scale as f32, quantised)
    }
}

/// The tag of a word with these tag counts if it is a dictionary word.
fn dict_tag(counts: &[u32; Upos::COUNT], opts: &TrainOptions) -> Option<usize> {
    let total: u32 = counts.iter().sum();
    let (best, &n) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(i, n)| (n, usize::MAX - i))?;
    (total >= opts.dict_min_count && f64::from(n) >= opts.dict_min_share * f64::from(total))
        .then_some(best)
}

/// Tag counts by word key.
type Counts = FxHashMap<u64, [u32; Upos::COUNT]>;
/// Word classes by word key.
type ClassMap = FxHashMap<u64, u32>;

impl Classes for ClassMap {
    fn class(&self, key: u64) -> u32 {
        self.get(&key).copied().unwrap_or(0)
    }
}

/// The tags seen with each word of `sents`, counted, by word key.
fn count_tags<'a>(sents: impl Iterator<Item = &'a TaggedSentence>) -> Counts {
    let mut counts = Counts::default();
    for s in sents {
        for (w, t) in s.words.iter().zip(&s.tags) {
            counts.entry(word_key(w)).or_insert([0; Upos::COUNT])[t.index()] += 1;
        }
    }
    counts
}

/// The class of a word with these tag counts (0 when it has none).
fn class_of(counts: &[u32; Upos::COUNT], min_share: f64) -> u32 {
    let total: u32 = counts.iter().sum();
    let mut mask = 0;
    for (t, &n) in counts.iter().enumerate() {
        if n > 0 && f64::from(n) >= min_share * f64::from(total) {
            mask |= 1 << t;
        }
    }
    mask
}

/// The classes of the words of all `sents`, dictionary words marked, and for each fold the
/// classes from the sentences outside it (sentence `i` is in fold `i % folds`), unmarked.
fn word_classes(sents: &[TaggedSentence], opts: &TrainOptions) -> (Vec<(u64, u32)>, Vec<ClassMap>) {
    let all = count_tags(sents.iter());
    let mut classes: Vec<(u64, u32)> = all
        .iter()
        .map(|(&k, c)| {
            let class = match dict_tag(c, opts) {
                Some(t) => DICT | 1 << t,
                None => class_of(c, opts.class_min_share),
            };
            (k, class)
        })
        .filter(|&(_, m)| m != 0)
        .collect();
    classes.sort_unstable_by_key(|c| c.0);
    let folds = opts.class_folds.max(1);
    let per_fold = (0..folds)
        .map(|f| {
            let inside = count_tags(sents.iter().skip(f).step_by(folds));
            all.iter()
                .filter_map(|(k, c)| {
                    let mut rest = *c;
                    if let Some(ins) = inside.get(k) {
                        for (r, i) in rest.iter_mut().zip(ins) {
                            *r -= i;
                        }
                    }
                    let m = class_of(&rest, opts.class_min_share);
                    (m != 0).then_some((*k, m))
                })
                .collect()
        })
        .collect();
    (classes, per_fold)
}

/// Train a model on `sents` and return the model file's bytes. `on_pass` is called after
/// each pass with its number (from 1) and the share of tokens it tagged right.
pub fn train(
    sents: &[TaggedSentence],
    opts: &TrainOptions,
    mut on_pass: impl FnMut(usize, f64),
) -> (Vec<u8>, TrainStats) {
    let (words, fold_classes) = word_classes(sents, opts);
    let dict: FxHashMap<u64, usize> = words
        .iter()
        .filter(|&&(_, c)| c & DICT != 0)
        .map(|&(k, c)| (k, (c & !DICT).trailing_zeros() as usize))
        .collect();
    let mut p = Perceptron {
        step: 1,
        ..Perceptron::default()
    };
    let mut rng = SplitMix(opts.seed);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut pass_accuracy = Vec::new();
    let mut keys = [0u64; NUM_FEATURES];
    for pass in 1..=opts.iterations {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &si in &order {
            let s = &sents[si];
            if s.words.is_empty() {
                continue;
            }
            let mut walker = Walker::new(&s.words, &fold_classes[si % fold_classes.len()]);
            let (mut t1, mut t2) = (START, START2);
            let mut i = 0;
            loop {
                let truth = s.tags[i].index();
                let guess = match dict.get(&walker.word_key()) {
                    Some(&t) => t,
                    None => {
                        walker.features(t1, t2, &mut keys);
                        let guess = p.predict(&keys);
                        if guess != truth {
                            p.update(&keys, truth, guess);
                        }
                        p.step += 1;
                        guess
                    }
                };
                right += usize::from(guess == truth);
                total += 1;
                t2 = t1;
                t1 = guess as u8;
                i += 1;
                if !walker.advance() {
                    break;
                }
            }
        }
        let acc = right as f64 / total.max(1) as f64;
        pass_accuracy.push(acc);
        on_pass(pass, acc);
    }
    let (scale, features) = p.finish(opts.min_weight);
    let stats = TrainStats {
        features_seen: p.index.len(),
        features_kept: features.len(),
        dict_words: dict.len(),
        known_words: words.len(),
        pass_accuracy,
    };
    let data = ModelData {
        scale,
        features,
        words,
    };
    (data.encode(), stats)
}

/// The lowercased words of `sents`: what "known word" means when scoring.
pub fn vocabulary(sents: &[TaggedSentence]) -> FxHashSet<String> {
    sents
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.to_lowercase()))
        .collect()
}

/// A tagger's score on tagged sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    pub total: usize,
    pub correct: usize,
    /// Tokens whose lowercased form is in the vocabulary, and those tagged right.
    pub known_total: usize,
    pub known_correct: usize,
    /// `confusion[gold][predicted]`.
    pub confusion: [[usize; Upos::COUNT]; Upos::COUNT],
}

impl Score {
    fn share(a: usize, b: usize) -> f64 {
        if b == 0 {
            0.0
        } else {
            a as f64 / b as f64
        }
    }

    pub fn accuracy(&self) -> f64 {
        Score::share(self.correct, self.total)
    }

    pub fn known_accuracy(&self) -> f64 {
        Score::share(self.known_correct, self.known_total)
    }

    pub fn unknown_accuracy(&self) -> f64 {
        Score::share(
            self.correct - self.known_correct,
            self.total - self.known_total,
        )
    }

    /// The most frequent errors as (gold, predicted, count), most frequent first.
    pub fn top_confusions(&self, n: usize) -> Vec<(Upos, Upos, usize)> {
        let mut v: Vec<(Upos, Upos, usize)> = Upos::ALL
            .iter()
            .flat_map(|&g| Upos::ALL.iter().map(move |&p| (g, p)))
            .filter(|(g, p)| g != p)
            .map(|(g, p)| (g, p, self.confusion[g.index()][p.index()]))
            .filter(|e| e.2 > 0)
            .collect();
        v.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
        v.truncate(n);
        v
    }
}

/// Tag `sents` with `tagger` and compare with their tags; a word is known when its
/// lowercased form is in `vocab`.
pub fn evaluate(tagger: &Tagger, sents: &[TaggedSentence], vocab: &FxHashSet<String>) -> Score {
    let mut score = Score {
        total: 0,
        correct: 0,
        known_total: 0,
        known_correct: 0,
        confusion: [[0; Upos::COUNT]; Upos::COUNT],
    };
    let mut out = Vec::new();
    for s in sents {
        tagger.tag_any(&s.words, &mut out);
        for ((w, &gold), &got) in s.words.iter().zip(&s.tags).zip(&out) {
            let known = vocab.contains(&w.to_lowercase());
            let ok = gold == got;
            score.total += 1;
            score.correct += usize::from(ok);
            score.known_total += usize::from(known);
            score.known_correct += usize::from(known && ok);
            score.confusion[gold.index()][got.index()] += 1;
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(pairs: &[(&str, Upos)]) -> TaggedSentence {
        TaggedSentence {
            words: pairs.iter().map(|p| p.0.to_string()).collect(),
            tags: pairs.iter().map(|p| p.1).collect(),
        }
    }

    fn toy() -> Vec<TaggedSentence> {
        use Upos::*;
        vec![
            sent(&[
                ("The", Det),
                ("mayor", Noun),
                ("said", Verb),
                ("no", Intj),
                (".", Punct),
            ]),
            sent(&[
                ("She", Pron),
                ("said", Verb),
                ("it", Pron),
                ("works", Verb),
                (".", Punct),
            ]),
            sent(&[
                ("The", Det),
                ("works", Noun),
                ("closed", Verb),
                (".", Punct),
            ]),
            sent(&[]),
        ]
    }

    #[test]
    fn training_is_deterministic_and_learns_a_toy_set() {
        let opts = TrainOptions {
            iterations: 10,
            dict_min_count: 2,
            min_weight: 0.0,
            ..TrainOptions::default()
        };
        let data = toy();
        let (a, stats) = train(&data, &opts, |_, _| {});
        let (b, _) = train(&data, &opts, |_, _| {});
        assert_eq!(a, b);
        assert_eq!(stats.pass_accuracy.len(), 10);
        assert!(stats.dict_words >= 3, "{stats:?}");
        let tagger = Tagger::from_bytes(&a).unwrap();
        let score = evaluate(&tagger, &data, &vocabulary(&data));
        assert_eq!(score.total, 14);
        assert_eq!(score.correct, 14, "{:?}", score.top_confusions(5));
        assert_eq!(score.unknown_accuracy(), 0.0);
    }

    #[test]
    fn word_classes_while_training_come_from_the_other_folds() {
        let opts = TrainOptions {
            class_folds: 2,
            dict_min_count: 3,
            dict_min_share: 0.99,
            ..TrainOptions::default()
        };
        // sentences 0 and 2 are fold 0, sentence 1 is fold 1
        let (all, folds) = word_classes(&toy(), &opts);
        let class = |k: &str| all.iter().find(|w| w.0 == word_key(k)).map(|w| w.1);
        let works = 1 << Upos::Verb.index() | 1 << Upos::Noun.index();
        assert_eq!(class("works"), Some(works));
        assert_eq!(class("WORKS"), Some(works));
        assert_eq!(class("."), Some(DICT | 1 << Upos::Punct.index()));
        assert_eq!(class("mayor"), Some(1 << Upos::Noun.index()));
        assert_eq!(class("unseen"), None);
        // "mayor" is only in fold 0: unknown there, known to fold 1; no fold marks DICT
        assert_eq!(folds[0].class(word_key("mayor")), 0);
        assert_eq!(folds[1].class(word_key("mayor")), 1 << Upos::Noun.index());
        assert_eq!(folds[0].class(word_key("works")), 1 << Upos::Verb.index());
        assert_eq!(folds[1].class(word_key(".")), 1 << Upos::Punct.index());
    }

    #[test]
    fn the_shuffle_is_a_fixed_permutation() {
        let mut v: Vec<u32> = (0..50).collect();
        SplitMix(7).shuffle(&mut v);
        let mut w: Vec<u32> = (0..50).collect();
        SplitMix(7).shuffle(&mut w);
        assert_eq!(v, w);
        assert_ne!(v, (0..50).collect::<Vec<_>>());
        v.sort_unstable();
        assert_eq!(v, (0..50).collect::<Vec<_>>());
    }
}

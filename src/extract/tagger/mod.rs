//! A part-of-speech tagger: an averaged perceptron, trained here on Universal Dependencies
//! treebanks, that gives each token of a sentence one of the 17 universal tags ([`Upos`]).
//!
//! # How it tags
//!
//! Greedy, left to right, one pass. Each token's features are its lowercased form, its last
//! one to three characters, its first character, its shape (character classes, a capital
//! first letter, all capitals, a digit, an inner hyphen, being the sentence's first word
//! with at most punctuation before it), the part after its last hyphen, the words one and
//! two before and after it (and the suffixes of the nearest two), whether its neighbours are
//! capitalised, its form as written, the tags predicted for the one and two tokens before
//! it, and its *class*: the set of tags the word had in the training data, alone, with the
//! previous tag and with the next word's class. Numbers share a class as the word feature:
//! four digits, or anything else that starts with a digit.
//!
//! While training, a sentence sees the classes computed from the other sentences only (ten
//! folds), so that a word seen once has no class, as a new word will have none at run time;
//! the model keeps the classes of all training words. A frequent word that had one tag in
//! nearly every occurrence ("the", ",", "of") is marked in that table and tagged without
//! scoring. Features are hashed to `u64` keys (`features.rs`), so no string is built per
//! token, and looked up in an open-addressing table.
//!
//! # How it scores quickly
//!
//! A token's score is the sum of its 24 features' weight rows, but most features depend on
//! one word alone, in one place of the token's window (the word itself, the word before,
//! ...). So each word's rows for those are summed once ([`WordRows`]) and kept in a
//! per-thread cache keyed by the word as written; a fixed table holds the sums for the two
//! previous tags, another the word's class with the previous tag, and the word's rows with
//! the previous tag are kept beside its sums. Only one feature per token (its class with
//! the next word's) is still looked up by its key. Integer sums do not depend on their
//! order, so the scores, and the tags, are those of summing the features one by one; a
//! test compares both on whole treebanks (`tests.rs`).
//!
//! # Tokens
//!
//! The tagger sees the engine's tokens (see `doc`): words are runs of letters and digits
//! joined by inner `-`, `'`, `’` and `&`; "U.S."-style abbreviations keep their dots but
//! "Mr." is "Mr" and "."; "'s" and "n't" are split off; "45,756" and "2.5" are one token;
//! every other mark is a token of its own. The treebanks tokenise differently, so the
//! training sentences are re-tokenised with the engine's own tokenizer and the treebank's
//! tags are carried over by character offsets ([`conllu::TaggedSentence::from_ud`]):
//!
//! - one engine token over several treebank words (`six - member` written "six-member",
//!   `I 'm` written "I'm", the multiword token "cannot") takes the tag of the last word that
//!   holds a letter or digit when the words are joined by a hyphen (the head of a compound:
//!   "six-member" NOUN, "well-known" like "known"), otherwise of the first such word (the
//!   host of a clitic: "I'm" PRON, "cannot" AUX); so a compound modifier is tagged as its
//!   last part is ("long-term plan": NOUN, as UD tags "term" in "long - term plan");
//! - a treebank word over several engine tokens ("Mr." as "Mr" + ".") gives its tag to the
//!   pieces that hold a letter or digit; a piece without one is SYM if it is a symbol ("$"
//!   of "US$") and PUNCT otherwise;
//! - multiword tokens are read from their surface form (the range line, `1-2`) and their
//!   words are placed inside it by their forms.
//!
//! Typographic quotation marks and apostrophes (and the two-character marks `''` and
//! ``` `` ```, which the engine keeps as one token) are read as their straight forms, so "’s"
//! and "'s" are the same word to the model, and so are "“", "«" and `"`.
//!
//! # The model
//!
//! Trained by `examples/train_tagger.rs` and stored in `model.bin` (format in `format.rs`,
//! licence and figures in `MODEL.md`), it is embedded in the binary and loaded once
//! ([`Tagger::global`]).

pub mod conllu;
mod features;
mod format;
pub mod train;
mod upos;

pub use format::ModelError;
pub use upos::Upos;

use features::{parts, Classes, Scan, START, START2};
use format::{ModelData, Row};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::LazyLock;

/// The committed model, trained by `examples/train_tagger.rs`.
static MODEL: &[u8] = include_bytes!("model.bin");

/// The engine's tokenizer tags with this model, and training reads the treebanks through
/// that tokenizer; so a committed model that this build refuses (made with other features)
/// must not stop the run that replaces it: it gives way to a tagger that tags every token X,
/// as if untagged. A unit test checks that the committed model loads.
static GLOBAL: LazyLock<Tagger> =
    LazyLock::new(|| Tagger::from_bytes(MODEL).unwrap_or_else(|_| Tagger::untrained()));

/// An open-addressing hash table (linear probing, at most half full) from non-zero, well
/// mixed `u64` keys; each key sits beside its value, so that a lookup touches one place in
/// memory.
#[derive(Clone)]
struct Table<V> {
    slots: Vec<(u64, V)>,
    mask: usize,
}

impl<V: Copy + Default> Table<V> {
    fn new(entries: &[(u64, V)]) -> Table<V> {
        let cap = (entries.len() * 2).max(16).next_power_of_two();
        let mut t = Table {
            slots: vec![(0, V::default()); cap],
            mask: cap - 1,
        };
        for &(key, value) in entries {
            let mut i = key as usize & t.mask;
            while t.slots[i].0 != 0 && t.slots[i].0 != key {
                i = (i + 1) & t.mask;
            }
            t.slots[i] = (key, value);
        }
        t
    }

    /// The key in the first slot `key` could be in (0 if that slot is empty).
    #[cfg(test)]
    #[inline]
    fn home_key(&self, key: u64) -> u64 {
        self.slots[key as usize & self.mask].0
    }

    #[inline]
    fn get(&self, key: u64) -> Option<&V> {
        let mut i = key as usize & self.mask;
        loop {
            let (k, v) = &self.slots[i];
            if *k == key {
                return Some(v);
            }
            if *k == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// How many keys the table holds.
    fn len(&self) -> usize {
        self.slots.iter().filter(|s| s.0 != 0).count()
    }
}

impl Classes for Table<u32> {
    #[inline]
    fn class(&self, key: u64) -> u32 {
        self.get(key).copied().unwrap_or(0)
    }
}

/// A sum of weight rows: one score per tag.
type Sum = [i32; Upos::COUNT];

#[inline]
fn add(sum: &mut Sum, row: &Sum) {
    for (s, &r) in sum.iter_mut().zip(row) {
        *s += r;
    }
}

/// What scoring needs of one word, computed once and kept in the thread's [`WordCache`]:
/// the summed weights of its features that depend on it alone, as the current word and in
/// each of the four other places of a token's window.
#[derive(Clone)]
struct WordRows {
    scan: Scan,
    /// Templates 1-6, 18, 20, 21 (`parts::own`).
    own: Sum,
    /// As the word one before (`parts::as_prev1`), two before, one after, two after.
    prev1: Sum,
    prev2: Sum,
    next1: Sum,
    next2: Sum,
    /// The index of the word's set of tags in [`Fixed::tag_sets`], or `u32::MAX` if it
    /// is not there.
    tag_set: u32,
    /// Bit `t1` is set when the model has a row for the previous tag `t1` with this word
    /// (template 11); those rows are in [`WordCache::tag_word`] from `tag_word_start`, in
    /// the order of `t1`.
    tag_word_mask: u32,
    tag_word_start: u32,
}

/// The number of words a thread's [`WordCache`] holds before it is emptied; the frequent
/// words of news text come back at once. About 400 bytes each.
const CACHE_WORDS: usize = 1 << 14;

/// Each thread's words seen recently with their [`WordRows`], and the tagger's scratch
/// space. The rows are a function of the word (as written) and the model only, so using
/// them gives the same scores as summing the features one by one.
struct WordCache {
    /// The [`Tagger::id`] the rows were computed for.
    owner: u64,
    /// Each word's index in `rows`.
    index: FxHashMap<Box<str>, u32>,
    /// The boundary stand-ins (`parts::BOUNDARIES`) first, then the words.
    rows: Vec<WordRows>,
    /// The rows of template 11 of the words in `rows`.
    tag_word: Vec<Row>,
    /// The current sentence: the index of each position of its window, from two before the
    /// first word to two after the last; then each token's scores without the features
    /// that depend on predicted tags.
    window: Vec<u32>,
    sums: Vec<Sum>,
}

thread_local! {
    static CACHE: RefCell<WordCache> = RefCell::new(WordCache {
        owner: 0,
        index: FxHashMap::default(),
        rows: Vec::new(),
        tag_word: Vec::new(),
        window: Vec::new(),
        sums: Vec::new(),
    });
}

/// Tables of summed rows built at load time for the features that take few values.
#[derive(Clone)]
struct Fixed {
    /// Templates 0, 8, 9, 10 by the two previous tags: index `t1 * TAGS2 + t2`.
    tags: Vec<Sum>,
    /// Template 7 by `parts::flag_index`.
    flags: Vec<Sum>,
    /// Template 19 by `parts::caps_index`.
    caps: [Sum; 8],
    /// The rows of the boundary stand-ins, in the order of `parts::BOUNDARIES`.
    bounds: Vec<WordRows>,
    /// The sets of tags of the known words (and 0, of unknown words), ascending.
    tag_sets: Vec<u32>,
    /// Template 22 by a set of tags and the previous tag: index `set * TAGS1 + t1`.
    tag_set_tags: Vec<Sum>,
}

/// The values of the tag one before (tags and [`START`]) and two before (and [`START2`]).
const TAGS1: usize = START as usize + 1;
const TAGS2: usize = START2 as usize + 1;

/// Distinguishes taggers in the threads' caches.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A trained part-of-speech tagger.
#[derive(Clone)]
pub struct Tagger {
    /// False for the stand-in that tags every token X.
    trained: bool,
    /// Each feature's weights, one per tag.
    weights: Table<Row>,
    /// What is known of each training word (see `features::Classes`).
    words: Table<u32>,
    fixed: Fixed,
    /// Unique to this model's load (shared by clones, which have the same weights).
    id: u64,
}

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tagger")
            .field("trained", &self.trained)
            .field("features", &self.weights.len())
            .field("words", &self.words.len())
            .finish()
    }
}

impl Tagger {
    /// The tagger of the embedded model, loaded on first use.
    pub fn global() -> &'static Tagger {
        &GLOBAL
    }

    /// Load a model file's bytes, checking its header and lengths.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        Ok(Tagger::from_data(ModelData::decode(bytes)?))
    }

    /// A tagger without a model: every token is X.
    fn untrained() -> Tagger {
        Tagger::from_data(ModelData {
            scale: 1.0,
            features: Vec::new(),
            words: Vec::new(),
        })
    }

    fn from_data(data: ModelData) -> Tagger {
        let mut t = Tagger {
            trained: !data.features.is_empty(),
            weights: Table::new(&data.features),
            words: Table::new(&data.words),
            fixed: Fixed {
                tags: Vec::new(),
                flags: Vec::new(),
                caps: [[0; Upos::COUNT]; 8],
                bounds: Vec::new(),
                tag_sets: Vec::new(),
                tag_set_tags: Vec::new(),
            },
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        };
        let mut tags = Vec::with_capacity(TAGS1 * TAGS2);
        for t1 in 0..TAGS1 as u8 {
            for t2 in 0..TAGS2 as u8 {
                tags.push(t.sum(&parts::tags(t1, t2)));
            }
        }
        t.fixed.tags = tags;
        t.fixed.flags = (0..parts::FLAG_VALUES)
            .map(|i| t.sum(&[parts::flags(i)]))
            .collect();
        let caps: [Sum; 8] = std::array::from_fn(|i| t.sum(&[parts::caps(i)]));
        t.fixed.caps = caps;
        let mut sets: Vec<u32> = data
            .words
            .iter()
            .map(|w| w.1 & features::TAG_BITS)
            .collect();
        sets.push(0);
        sets.sort_unstable();
        sets.dedup();
        t.fixed.tag_set_tags = sets
            .iter()
            .flat_map(|&set| (0..TAGS1 as u8).map(move |t1| (set, t1)))
            .map(|(set, t1)| t.sum(&[parts::tag_set_tag(set, t1)]))
            .collect();
        t.fixed.tag_sets = sets;
        t.fixed.bounds = parts::BOUNDARIES
            .iter()
            .map(|b| t.rows(*b, &mut Vec::new()))
            .collect();
        t
    }

    /// The weight row of a feature key, if the model has it (never for key 0).
    #[inline]
    fn row(&self, key: u64) -> Option<&Row> {
        if key == 0 {
            return None;
        }
        self.weights.get(key)
    }

    /// Add the row of `key`, if any, to `sum`.
    #[inline]
    fn add_key(&self, sum: &mut Sum, key: u64) {
        if let Some(row) = self.row(key) {
            for (s, &w) in sum.iter_mut().zip(row) {
                *s += i32::from(w);
            }
        }
    }

    /// The summed rows of some feature keys.
    fn sum(&self, keys: &[u64]) -> Sum {
        let mut sum = [0; Upos::COUNT];
        for &k in keys {
            self.add_key(&mut sum, k);
        }
        sum
    }

    /// Everything scoring needs of one word; its rows of template 11 are pushed on
    /// `tag_word`.
    fn rows(&self, scan: Scan, tag_word: &mut Vec<Row>) -> WordRows {
        let tag_word_start = tag_word.len() as u32;
        let mut tag_word_mask = 0;
        for t1 in 0..TAGS1 as u8 {
            if let Some(row) = self.row(parts::tag_word(t1, &scan)) {
                tag_word_mask |= 1 << t1;
                tag_word.push(*row);
            }
        }
        WordRows {
            tag_set: self
                .fixed
                .tag_sets
                .binary_search(&scan.tag_set())
                .map_or(u32::MAX, |i| i as u32),
            tag_word_mask,
            tag_word_start,
            own: self.sum(&parts::own(&scan)),
            prev1: self.sum(&parts::as_prev1(&scan)),
            prev2: self.sum(&parts::as_prev2(&scan)),
            next1: self.sum(&parts::as_next1(&scan)),
            next2: self.sum(&parts::as_next2(&scan)),
            scan,
        }
    }

    /// Tag one sentence: `words` are its tokens as the engine cut them, in their original
    /// case; `out` is cleared and receives one tag per token.
    pub fn tag(&self, words: &[&str], out: &mut Vec<Upos>) {
        self.tag_any(words, out);
    }

    /// [`Tagger::tag`] for owned or borrowed words.
    pub(crate) fn tag_any<S: AsRef<str>>(&self, words: &[S], out: &mut Vec<Upos>) {
        out.clear();
        if !self.trained {
            out.resize(words.len(), Upos::X);
            return;
        }
        if words.is_empty() {
            return;
        }
        out.reserve(words.len());
        CACHE.with(|cache| {
            let cache = &mut *cache.borrow_mut();
            if cache.owner != self.id || cache.rows.len() + words.len() > CACHE_WORDS {
                cache.owner = self.id;
                cache.index.clear();
                cache.rows.clear();
                cache.tag_word.clear();
                cache.rows.extend(self.fixed.bounds.iter().cloned());
            }
            self.tag_with(words, cache, out);
        });
    }

    /// Tag with the thread's cache: greedy, left to right, as the features are defined in
    /// `features.rs` (`Walker::features`), but with the scores of each token's features
    /// that do not depend on the predicted tags summed first, from the words' cached rows.
    fn tag_with<S: AsRef<str>>(&self, words: &[S], cache: &mut WordCache, out: &mut Vec<Upos>) {
        let WordCache {
            index,
            rows,
            tag_word,
            window,
            sums,
            ..
        } = cache;
        // boundary indices, as in `parts::BOUNDARIES`
        const BEFORE2: u32 = 0;
        const BEFORE1: u32 = 1;
        const AFTER1: u32 = 2;
        const AFTER2: u32 = 3;
        window.clear();
        window.extend([BEFORE2, BEFORE1]);
        for w in words {
            let w = w.as_ref();
            let i = match index.get(w) {
                Some(&i) => i,
                None => {
                    let i = rows.len() as u32;
                    let r = self.rows(parts::scan_word(w, &self.words), tag_word);
                    rows.push(r);
                    index.insert(w.into(), i);
                    i
                }
            };
            window.push(i);
        }
        window.extend([AFTER1, AFTER2]);
        let rows = &rows[..];
        sums.clear();
        let mut seen_word = false;
        for win in window.windows(5) {
            let [p2, p1, w, n1, n2] = [0, 1, 2, 3, 4].map(|k| &rows[win[k] as usize]);
            let mut s = w.own;
            add(&mut s, &p1.prev1);
            add(&mut s, &p2.prev2);
            add(&mut s, &n1.next1);
            add(&mut s, &n2.next2);
            add(
                &mut s,
                &self.fixed.flags[parts::flag_index(&w.scan, !seen_word)],
            );
            add(
                &mut s,
                &self.fixed.caps[parts::caps_index(&p1.scan, &w.scan, &n1.scan)],
            );
            self.add_key(&mut s, parts::class_next(&w.scan, &n1.scan));
            sums.push(s);
            seen_word |= w.scan.alnum();
        }
        let (mut t1, mut t2) = (START, START2);
        for (&i, s) in window[2..].iter().zip(sums.iter()) {
            let w = &rows[i as usize];
            let tag = match w.scan.dict_tag().and_then(Upos::from_index) {
                Some(t) => t,
                None => {
                    let mut scores = *s;
                    add(
                        &mut scores,
                        &self.fixed.tags[usize::from(t1) * TAGS2 + usize::from(t2)],
                    );
                    if w.tag_word_mask >> t1 & 1 != 0 {
                        let below = w.tag_word_mask & ((1 << t1) - 1);
                        let row = &tag_word[(w.tag_word_start + below.count_ones()) as usize];
                        for (s, &x) in scores.iter_mut().zip(row) {
                            *s += i32::from(x);
                        }
                    }
                    if w.tag_set == u32::MAX {
                        self.add_key(&mut scores, parts::class_tag(&w.scan, t1));
                    } else {
                        let i = w.tag_set as usize * TAGS1 + usize::from(t1);
                        add(&mut scores, &self.fixed.tag_set_tags[i]);
                    }
                    argmax(&scores)
                }
            };
            out.push(tag);
            t2 = t1;
            t1 = tag as u8;
        }
    }

    /// The tagger as it was before the fast path: each token's 24 features looked up one
    /// by one; the reference the fast path must agree with.
    #[cfg(test)]
    pub(crate) fn tag_reference<S: AsRef<str>>(&self, words: &[S], out: &mut Vec<Upos>) {
        use features::{Walker, NUM_FEATURES};
        out.clear();
        if !self.trained {
            out.resize(words.len(), Upos::X);
            return;
        }
        if words.is_empty() {
            return;
        }
        let mut walker = Walker::new(words, &self.words);
        let mut keys = [0u64; NUM_FEATURES];
        let (mut t1, mut t2) = (START, START2);
        loop {
            let tag = match walker.dict_tag().and_then(Upos::from_index) {
                Some(t) => t,
                None => {
                    walker.features(t1, t2, &mut keys);
                    self.best(&keys)
                }
            };
            out.push(tag);
            t2 = t1;
            t1 = tag as u8;
            if !walker.advance() {
                break;
            }
        }
    }

    /// The tag with the highest score; ties go to the earlier tag.
    #[cfg(test)]
    fn best(&self, keys: &[u64; features::NUM_FEATURES]) -> Upos {
        let mut home = [0u64; features::NUM_FEATURES];
        for (h, &k) in home.iter_mut().zip(keys) {
            *h = self.weights.home_key(k);
        }
        let mut scores = [0i32; Upos::COUNT];
        for (&k, &h) in keys.iter().zip(&home) {
            if k == 0 || h == 0 {
                continue;
            }
            if let Some(row) = self.weights.get(k) {
                for (s, &w) in scores.iter_mut().zip(row) {
                    *s += i32::from(w);
                }
            }
        }
        let mut best = 0;
        for (i, &s) in scores.iter().enumerate().skip(1) {
            if s > scores[best] {
                best = i;
            }
        }
        Upos::ALL[best]
    }
}

/// The tag with the highest score; ties go to the earlier tag. (The maximum first, then
/// its first place: the same tag as a scan that keeps the first strictly higher score, but
/// the maximum is found without a chain of branches.)
#[inline]
fn argmax(scores: &Sum) -> Upos {
    let max = scores.iter().copied().fold(i32::MIN, i32::max);
    let best = scores.iter().position(|&s| s == max).unwrap_or(0);
    Upos::ALL[best]
}

#[cfg(test)]
mod tests;

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

use features::{Classes, Walker, NUM_FEATURES, START, START2};
use format::{ModelData, Row};
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

/// A trained part-of-speech tagger.
#[derive(Clone)]
pub struct Tagger {
    /// False for the stand-in that tags every token X.
    trained: bool,
    /// Each feature's weights, one per tag.
    weights: Table<Row>,
    /// What is known of each training word (see `features::Classes`).
    words: Table<u32>,
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
        Tagger {
            trained: !data.features.is_empty(),
            weights: Table::new(&data.features),
            words: Table::new(&data.words),
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
    #[inline]
    fn best(&self, keys: &[u64; NUM_FEATURES]) -> Upos {
        // The table is larger than the cache: read every key's home slot first, with no
        // branch between the reads, so that their cache misses overlap instead of queueing.
        let mut home = [0u64; NUM_FEATURES];
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

#[cfg(test)]
mod tests;

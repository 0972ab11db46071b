//! The feature keys of the tagger, shared by tagging and training so that both see the same
//! thing.
//!
//! A feature is a template id and one or two values (a word, a suffix, a predicted tag),
//! hashed to a `u64` key: no feature string is built. Each word is scanned once, in one pass
//! over its characters, and the scan gives every hash the templates need. The hash is
//! written out here (not taken from a crate) because the keys are stored in the model file
//! and must not change with a dependency's version; any change to this file that changes a
//! key must bump [`FEATURE_SET`].

/// The version of the feature templates and hash; a model file records the one it was
/// trained with and is refused by a different one.
pub(crate) const FEATURE_SET: u32 = 2;

/// How many feature keys one token has.
pub(crate) const NUM_FEATURES: usize = 24;

/// The value of a previous tag before the sentence's start (tags are 0..17).
pub(crate) const START: u8 = 17;
/// The value of the tag two before the sentence's start.
pub(crate) const START2: u8 = 18;

const K: u64 = 0x517c_c1b7_2722_0a95;

#[inline]
fn fold(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// A final mix so that the low bits of a key are as good as its high bits.
#[inline]
fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// A key is never 0: 0 marks an empty slot of a table and an absent feature.
#[inline]
fn nonzero(h: u64) -> u64 {
    if h == 0 {
        1
    } else {
        h
    }
}

/// Quotation marks and apostrophes in their straight form, so that typographic and plain
/// text look the same to the model.
#[inline]
fn norm(c: char) -> char {
    match c {
        '’' | '‘' | '‛' | '′' | '`' => '\'',
        '“' | '”' | '„' | '‟' | '«' | '»' | '″' | '‹' | '›' | '「' | '」' | '『' | '』' | '〝'
        | '〞' | '＂' => '"',
        _ => c,
    }
}

const SEED_WORD: u64 = 0x243f_6a88_85a3_08d3;
const SEED_SHAPE: u64 = 0x1319_8a2e_0370_7344;
const SEED_KEY: u64 = 0xa409_3822_299f_31d0;

/// The word's capital first letter.
const CAP: u8 = 1;
/// Two or more capitals and no small letters ("NATO", "U.S.").
const ALL_CAPS: u8 = 2;
/// A digit anywhere.
const DIGIT: u8 = 4;
/// A hyphen inside the word.
const HYPHEN: u8 = 8;
/// No word before it in the sentence, only punctuation if anything.
const INITIAL: u8 = 16;

/// What the features need to know of one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Scan {
    /// The word lowercased, or a class for a number.
    lower: u64,
    /// The word as written (quotation marks normalised).
    exact: u64,
    /// The last 1, 2 and 3 characters, lowercased (the whole word when shorter).
    suffix: [u64; 3],
    /// The first character, lowercased.
    prefix: u64,
    /// Character classes (X, x, d, or the character), runs cut at three.
    shape: u64,
    /// The part after the last inner hyphen, lowercased; 0 without one.
    last_part: u64,
    flags: u8,
    /// Holds a letter or a digit.
    alnum: bool,
    /// What the model knows of the word (see [`Classes`]); 0 for a word not seen in
    /// training. Filled in by the [`Walker`].
    class: u32,
}

impl Scan {
    /// The stand-in for a position before the sentence's start or after its end.
    const fn boundary(id: u64) -> Scan {
        let h = id.wrapping_mul(K) ^ 0x5bd1_e995;
        Scan {
            lower: h,
            exact: h,
            suffix: [h, h, h],
            prefix: h,
            shape: h,
            last_part: 0,
            flags: 0,
            alnum: false,
            class: 1 << 31,
        }
    }
}

const BEFORE1: Scan = Scan::boundary(1);
const BEFORE2: Scan = Scan::boundary(2);
const AFTER1: Scan = Scan::boundary(3);
const AFTER2: Scan = Scan::boundary(4);

/// The class a number's word feature is replaced with: four digits, or any other word that
/// starts with a digit.
const YEAR: u64 = 0x9e37_79b9_7f4a_7c15;
const DIGITS: u64 = 0x7f4a_7c15_9e37_79b9;

/// Scan a word once.
pub(crate) fn scan(word: &str) -> Scan {
    // a quotation mark written with two characters is one mark
    let word = if word == "''" || word == "``" {
        "\""
    } else {
        word
    };
    let mut lower = SEED_WORD;
    let mut exact = SEED_WORD;
    let mut shape = SEED_SHAPE;
    let mut part = SEED_WORD;
    let mut tail = [0u64; 3];
    let mut tail_n = 0usize;
    let mut first_lower: Option<u64> = None;
    let mut first_char: Option<char> = None;
    let (mut upper, mut small, mut digits, mut chars) = (0usize, 0usize, 0usize, 0usize);
    let mut hyphen = false;
    let mut alnum = false;
    let mut prev_class = '\0';
    let mut run = 0usize;
    for c in word.chars() {
        let c = norm(c);
        exact = fold(exact, c as u64);
        chars += 1;
        if first_char.is_none() {
            first_char = Some(c);
        }
        let class = if c.is_uppercase() {
            upper += 1;
            'X'
        } else if c.is_lowercase() {
            small += 1;
            'x'
        } else if c.is_numeric() {
            digits += 1;
            'd'
        } else if c.is_alphabetic() {
            'x'
        } else {
            c
        };
        alnum |= class == 'X' || class == 'x' || class == 'd';
        if class == prev_class {
            run += 1;
        } else {
            prev_class = class;
            run = 1;
        }
        if run <= 3 {
            shape = fold(shape, class as u64);
        }
        if c == '-' {
            hyphen |= chars > 1;
            part = SEED_WORD;
        }
        let mut push = |l: char| {
            let l = l as u64;
            lower = fold(lower, l);
            if c != '-' {
                part = fold(part, l);
            }
            first_lower.get_or_insert(l);
            tail = [tail[1], tail[2], l];
            tail_n += 1;
        };
        if c.is_ascii() {
            push(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(push);
        }
    }
    if first_char.is_some_and(|c| c.is_ascii_digit()) {
        lower = if chars == 4 && digits == 4 {
            YEAR
        } else {
            DIGITS
        };
    }
    let mut suffix = [0u64; 3];
    for (k, s) in suffix.iter_mut().enumerate() {
        let take = (k + 1).min(tail_n);
        *s = tail[3 - take..].iter().fold(SEED_WORD, |h, &c| fold(h, c));
    }
    let mut flags = 0;
    if first_char.is_some_and(char::is_uppercase) {
        flags |= CAP;
    }
    if upper >= 2 && small == 0 {
        flags |= ALL_CAPS;
    }
    if digits > 0 {
        flags |= DIGIT;
    }
    if hyphen && !word.ends_with('-') {
        flags |= HYPHEN;
    }
    Scan {
        lower,
        exact,
        suffix,
        prefix: fold(SEED_WORD, first_lower.unwrap_or(0)),
        shape,
        last_part: if flags & HYPHEN != 0 { part } else { 0 },
        flags,
        alnum,
        class: 0,
    }
}

/// The key of a word in the table of known words: its lowercased form (or number class).
pub(crate) fn word_key(word: &str) -> u64 {
    nonzero(fmix(scan(word).lower))
}

/// The bits of a word's class that hold the tags seen with it, bit `i` for tag index `i`.
pub(crate) const TAG_BITS: u32 = (1 << 17) - 1;
/// The bit of a word's class that marks a dictionary word: one that had one tag (the only
/// bit of its tag set) so consistently in training that it is tagged without scoring.
pub(crate) const DICT: u32 = 1 << 31;

/// Where a walker finds what the model knows of a word, by [`word_key`]: its set of tags
/// ([`TAG_BITS`]) and whether it is a dictionary word ([`DICT`]); 0 for an unknown word.
pub(crate) trait Classes {
    fn class(&self, key: u64) -> u32;
}

#[inline]
fn key(template: u64, a: u64) -> u64 {
    nonzero(fmix(fold(fold(SEED_KEY, template), a)))
}

#[inline]
fn key2(template: u64, a: u64, b: u64) -> u64 {
    nonzero(fmix(fold(fold(fold(SEED_KEY, template), a), b)))
}

/// The feature keys of [`Walker::features`] regrouped for fast scoring (`mod.rs`): the
/// keys of one word that depend on nothing else, in each place it can hold in a token's
/// window, and the few keys that combine several things. Their union for a token is the set
/// [`Walker::features`] gives (a test checks it).
pub(crate) mod parts {
    use super::*;

    /// The scan of a word, its class filled in from `classes`.
    pub(crate) fn scan_word<C: Classes>(word: &str, classes: &C) -> Scan {
        let mut s = scan(word);
        s.class = classes.class(nonzero(fmix(s.lower)));
        s
    }

    /// The stand-ins for the two positions before a sentence and the two after it:
    /// [two before, one before, one after, two after].
    pub(crate) const BOUNDARIES: [Scan; 4] = [BEFORE2, BEFORE1, AFTER1, AFTER2];

    /// The keys of the word itself that need nothing else (templates 1-6, 18, 20, 21); an
    /// absent feature is 0.
    pub(crate) fn own(w: &Scan) -> [u64; 9] {
        [
            key(1, w.lower),
            key(2, w.suffix[0]),
            key(3, w.suffix[1]),
            key(4, w.suffix[2]),
            key(5, w.prefix),
            key(6, w.shape),
            if w.last_part == 0 {
                0
            } else {
                key(18, w.last_part)
            },
            key(20, w.exact),
            key(21, u64::from(w.class & TAG_BITS)),
        ]
    }

    /// The keys of a word as the one before the current word (templates 12, 13).
    pub(crate) fn as_prev1(w: &Scan) -> [u64; 2] {
        [key(12, w.lower), key(13, w.suffix[2])]
    }

    /// The key of a word as the one two before (template 14).
    pub(crate) fn as_prev2(w: &Scan) -> [u64; 1] {
        [key(14, w.lower)]
    }

    /// The keys of a word as the one after (templates 15, 16).
    pub(crate) fn as_next1(w: &Scan) -> [u64; 2] {
        [key(15, w.lower), key(16, w.suffix[2])]
    }

    /// The key of a word as the one two after (template 17).
    pub(crate) fn as_next2(w: &Scan) -> [u64; 1] {
        [key(17, w.lower)]
    }

    /// The keys that depend on the two previous tags only (templates 0, 8, 9, 10).
    pub(crate) fn tags(t1: u8, t2: u8) -> [u64; 4] {
        let (t1, t2) = (u64::from(t1), u64::from(t2));
        [key(0, 0), key(8, t1), key(9, t2), key2(10, t1, t2)]
    }

    /// The number of values [`flags`] takes: a word's flags, and whether it is initial.
    pub(crate) const FLAG_VALUES: usize = 2 * INITIAL as usize;

    /// The index of a word's flags among [`FLAG_VALUES`].
    #[inline]
    pub(crate) fn flag_index(w: &Scan, initial: bool) -> usize {
        usize::from(w.flags) | if initial { usize::from(INITIAL) } else { 0 }
    }

    /// The key of a flag index (template 7).
    pub(crate) fn flags(index: usize) -> u64 {
        key(7, index as u64)
    }

    /// The index of the capitals of the previous, current and next words (template 19).
    #[inline]
    pub(crate) fn caps_index(prev: &Scan, w: &Scan, next: &Scan) -> usize {
        usize::from(prev.flags & CAP) << 2
            | usize::from(w.flags & CAP) << 1
            | usize::from(next.flags & CAP)
    }

    /// The key of a capitals index (template 19).
    pub(crate) fn caps(index: usize) -> u64 {
        key(19, index as u64)
    }

    /// The key of the previous tag with the word (template 11).
    #[inline]
    pub(crate) fn tag_word(t1: u8, w: &Scan) -> u64 {
        key2(11, u64::from(t1), w.lower)
    }

    /// The key of the word's class with the previous tag (template 22).
    #[inline]
    pub(crate) fn class_tag(w: &Scan, t1: u8) -> u64 {
        tag_set_tag(w.class & TAG_BITS, t1)
    }

    /// [`class_tag`] for a word whose set of tags is `tags`.
    #[inline]
    pub(crate) fn tag_set_tag(tags: u32, t1: u8) -> u64 {
        key2(22, u64::from(tags), u64::from(t1))
    }

    /// The key of the word's class with the next word's (template 23).
    #[inline]
    pub(crate) fn class_next(w: &Scan, next: &Scan) -> u64 {
        key2(
            23,
            u64::from(w.class & TAG_BITS),
            u64::from(next.class & TAG_BITS),
        )
    }

    impl Scan {
        /// Holds a letter or a digit.
        #[inline]
        pub(crate) fn alnum(&self) -> bool {
            self.alnum
        }

        /// The set of tags of the word in training (0 for an unknown word).
        #[inline]
        pub(crate) fn tag_set(&self) -> u32 {
            self.class & TAG_BITS
        }

        /// The dictionary tag's index of a dictionary word.
        #[inline]
        pub(crate) fn dict_tag(&self) -> Option<usize> {
            let c = self.class;
            (c & DICT != 0).then_some((c & TAG_BITS).trailing_zeros() as usize)
        }
    }
}

/// Walks a sentence left to right, keeping the scans of the two words before and after the
/// current one; each word is scanned once.
pub(crate) struct Walker<'w, S, C> {
    words: &'w [S],
    classes: &'w C,
    /// Positions i-2, i-1, i, i+1, i+2.
    win: [Scan; 5],
    i: usize,
    seen_word: bool,
}

impl<'w, S: AsRef<str>, C: Classes> Walker<'w, S, C> {
    /// Start at the first word (a sentence without words has only the boundary markers).
    pub(crate) fn new(words: &'w [S], classes: &'w C) -> Self {
        let mut w = Walker {
            words,
            classes,
            win: [BEFORE2, BEFORE1, AFTER1, AFTER1, AFTER1],
            i: 0,
            seen_word: false,
        };
        w.win[2] = w.at(0);
        w.win[3] = w.at(1);
        w.win[4] = w.at(2);
        w
    }

    /// The scan of word `j`, or a boundary past the end.
    #[inline]
    fn at(&self, j: usize) -> Scan {
        match self.words.get(j) {
            Some(w) => {
                let mut s = scan(w.as_ref());
                s.class = self.classes.class(nonzero(fmix(s.lower)));
                s
            }
            None if j == self.words.len() => AFTER1,
            None => AFTER2,
        }
    }

    /// Move to the next word; false at the end of the sentence.
    pub(crate) fn advance(&mut self) -> bool {
        self.seen_word |= self.win[2].alnum;
        self.i += 1;
        if self.i >= self.words.len() {
            return false;
        }
        self.win = [
            self.win[1],
            self.win[2],
            self.win[3],
            self.win[4],
            self.at(self.i + 2),
        ];
        true
    }

    /// The current word's key in the table of known words.
    #[inline]
    pub(crate) fn word_key(&self) -> u64 {
        nonzero(fmix(self.win[2].lower))
    }

    /// The current word's tag if it is a dictionary word.
    #[cfg(test)]
    #[inline]
    pub(crate) fn dict_tag(&self) -> Option<usize> {
        let c = self.win[2].class;
        (c & DICT != 0).then_some((c & TAG_BITS).trailing_zeros() as usize)
    }

    /// The current word's feature keys, given the two tags predicted before it (a tag's
    /// index, or [`START`] / [`START2`]). An absent feature is 0.
    #[inline]
    pub(crate) fn features(&self, t1: u8, t2: u8, out: &mut [u64; NUM_FEATURES]) {
        let [p2, p1, w, n1, n2] = &self.win;
        let (t1, t2) = (u64::from(t1), u64::from(t2));
        let mut flags = w.flags;
        if !self.seen_word {
            flags |= INITIAL;
        }
        let caps = u64::from(p1.flags & CAP) << 2
            | u64::from(w.flags & CAP) << 1
            | u64::from(n1.flags & CAP);
        *out = [
            key(0, 0),
            key(1, w.lower),
            key(2, w.suffix[0]),
            key(3, w.suffix[1]),
            key(4, w.suffix[2]),
            key(5, w.prefix),
            key(6, w.shape),
            key(7, u64::from(flags)),
            key(8, t1),
            key(9, t2),
            key2(10, t1, t2),
            key2(11, t1, w.lower),
            key(12, p1.lower),
            key(13, p1.suffix[2]),
            key(14, p2.lower),
            key(15, n1.lower),
            key(16, n1.suffix[2]),
            key(17, n2.lower),
            if w.last_part == 0 {
                0
            } else {
                key(18, w.last_part)
            },
            key(19, caps),
            key(20, w.exact),
            key(21, u64::from(w.class & TAG_BITS)),
            key2(22, u64::from(w.class & TAG_BITS), t1),
            key2(
                23,
                u64::from(w.class & TAG_BITS),
                u64::from(n1.class & TAG_BITS),
            ),
        ];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoClasses;

    impl Classes for NoClasses {
        fn class(&self, _: u64) -> u32 {
            0
        }
    }

    #[test]
    fn case_and_quote_marks_fold_but_shape_keeps_case() {
        let (a, b) = (scan("Said"), scan("said"));
        assert_eq!(a.lower, b.lower);
        assert_ne!(a.exact, b.exact);
        assert_ne!(a.shape, b.shape);
        assert_eq!(a.flags, CAP);
        assert_eq!(scan("’s"), scan("'s"));
        assert_eq!(scan("n’t"), scan("n't"));
        assert_eq!(scan("“").lower, scan("\"").lower);
        assert_eq!(scan("''"), scan("\""));
        assert_eq!(scan("``"), scan("«"));
    }

    #[test]
    fn suffixes_of_short_words_are_the_whole_word() {
        let s = scan("an");
        assert_eq!(s.suffix[1], s.suffix[2]);
        assert_ne!(s.suffix[0], s.suffix[1]);
        assert_eq!(scan("Running").suffix[2], scan("ING").suffix[2]);
    }

    #[test]
    fn numbers_share_a_class_and_hyphenated_words_keep_their_last_part() {
        assert_eq!(scan("45,756").lower, scan("2.5").lower);
        assert_eq!(scan("2017").lower, scan("1999").lower);
        assert_ne!(scan("2017").lower, scan("20170").lower);
        let s = scan("six-member");
        assert_eq!(s.flags & HYPHEN, HYPHEN);
        assert_eq!(s.last_part, scan("x-member").last_part);
        assert_eq!(scan("-").flags & HYPHEN, 0);
        assert_eq!(scan("U.S.").flags & ALL_CAPS, ALL_CAPS);
    }

    #[test]
    fn odd_words_scan_without_panicking() {
        for w in ["", "İ", "ß", "\u{0}", "🙂🙂🙂", "ǅ", "---", "a-", "-a"] {
            let _ = scan(w);
        }
    }

    #[test]
    fn the_parts_are_the_walkers_features() {
        let words = [
            "“",
            "It",
            "rained",
            "in",
            "six-member",
            "U.S.",
            "towns",
            ",",
            "2017",
            ".",
        ];
        for n in 0..=words.len() {
            let words = &words[..n];
            if words.is_empty() {
                continue;
            }
            let mut w = Walker::new(words, &NoClasses);
            let all: Vec<Scan> = parts::BOUNDARIES[..2]
                .iter()
                .copied()
                .chain(words.iter().map(|x| parts::scan_word(x, &NoClasses)))
                .chain(parts::BOUNDARIES[2..].iter().copied())
                .collect();
            let mut seen = false;
            let mut keys = [0; NUM_FEATURES];
            for i in 0..n {
                let [p2, p1, c, n1, n2] =
                    [&all[i], &all[i + 1], &all[i + 2], &all[i + 3], &all[i + 4]];
                for (t1, t2) in [(START, START2), (3, START), (16, 7)] {
                    w.features(t1, t2, &mut keys);
                    let mut expected = keys.to_vec();
                    let mut got: Vec<u64> = parts::own(c).to_vec();
                    got.extend(parts::as_prev1(p1));
                    got.extend(parts::as_prev2(p2));
                    got.extend(parts::as_next1(n1));
                    got.extend(parts::as_next2(n2));
                    got.extend(parts::tags(t1, t2));
                    got.push(parts::flags(parts::flag_index(c, !seen)));
                    got.push(parts::caps(parts::caps_index(p1, c, n1)));
                    got.push(parts::tag_word(t1, c));
                    got.push(parts::class_tag(c, t1));
                    got.push(parts::class_next(c, n1));
                    expected.sort_unstable();
                    got.sort_unstable();
                    assert_eq!(got, expected, "word {i} of {n}");
                }
                seen |= c.alnum();
                w.advance();
            }
        }
    }

    #[test]
    fn the_walker_visits_every_word_once() {
        let words = ["It", "rained", "."];
        let mut w = Walker::new(&words, &NoClasses);
        let mut keys = [0; NUM_FEATURES];
        let mut n = 1;
        w.features(START, START2, &mut keys);
        assert_eq!(keys[7], key(7, u64::from(CAP | INITIAL)));
        while w.advance() {
            n += 1;
        }
        assert_eq!(n, 3);
    }
}

//! One pass over the text: tokens with code-point offsets and word classes, sentences as
//! token ranges, paragraphs, and the quotations with their marks paired.

use super::lexicon::{Lexicon, CUE_WORDS, DET, FUNC, GOV, LEXICON, ORG};
use super::lower::Lower;
use super::tagger::{Tagger, Upos};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Punct,
    Quote,
}

#[derive(Debug, Clone)]
pub struct Tok<'a> {
    pub text: &'a str,
    pub lower: Lower<'a>,
    /// Code-point offsets, end exclusive.
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Starts with an upper-case letter.
    pub cap: bool,
    pub flags: u64,
    /// Index of the sentence and the paragraph holding the token.
    pub sent: usize,
    pub para: usize,
    /// Index of the quotation the token belongs to (its marks included).
    pub quote: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Orient {
    Open,
    Close,
    Either,
}

/// A quotation: token indices of its opening and closing marks (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    pub open: usize,
    pub close: usize,
}

pub struct Doc<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok<'a>>,
    /// Token ranges of the sentences, end exclusive.
    pub sents: Vec<(usize, usize)>,
    /// The whole sentences (code-point offsets), paragraph breaks included as ends.
    pub split: Vec<crate::model::Sentence>,
    pub quotes: Vec<Quote>,
    /// Part-of-speech tags, one per token; `Upos::X` in sentences left untagged (those with
    /// no cue word, where no rule looks at tags).
    pub upos: Vec<Upos>,
}

/// The most words a quoted name may hold ("the “Thunder” blender").
const MAX_NAME_QUOTE_WORDS: usize = 3;

/// The most letters between the dots of a dotted abbreviation ("Ph.D.").
const MAX_ABBREVIATION_PIECE: usize = 3;

/// The longest sentence the rules look at, in tokens; longer runs are cut.
pub const MAX_SENTENCE_TOKENS: usize = 160;

/// Mark name particles as part of the name around them: a listed lowercase particle between
/// two capitalised words, and a hyphenated prefix before a capital ("al-Rashid").
fn name_particles(toks: &mut [Tok]) {
    let cap_word =
        |toks: &[Tok], j: usize| toks.get(j).is_some_and(|t| t.kind == Kind::Word && t.cap);
    let particle = |toks: &[Tok], j: usize| {
        toks.get(j)
            .is_some_and(|t| LEXICON.name_particles.has(t.lower.as_ref()))
    };
    for i in 0..toks.len() {
        let t = &toks[i];
        if t.kind != Kind::Word || t.cap {
            continue;
        }
        let b = t.text.as_bytes();
        if b.len() <= 5 {
            // cheap test first: a particle follows a capitalised word
            if i > 0
                && cap_word(toks, i - 1)
                && particle(toks, i)
                && (cap_word(toks, i + 1) || particle(toks, i + 1) && cap_word(toks, i + 2))
            {
                toks[i].cap = true;
                toks[i].flags = 0;
            }
        } else if let Some(h) = (2..=3).find(|&h| b[h] == b'-') {
            let (pre, rest) = (&t.text[..h], &t.text[h + 1..]);
            if LEXICON.name_prefixes.has(pre) && rest.chars().next().is_some_and(char::is_uppercase)
            {
                toks[i].cap = true;
                toks[i].flags = 0;
            }
        }
    }
}

/// The character at byte offset `b` (a character boundary before the end).
fn char_at(text: &str, b: usize) -> char {
    match text.as_bytes()[b] {
        x if x.is_ascii() => char::from(x),
        _ => text[b..].chars().next().unwrap_or(' '),
    }
}

/// The number of code points in a run of UTF-8 bytes that starts and ends on boundaries.
fn code_points(b: &[u8]) -> usize {
    b.iter().filter(|&&x| (x as i8) >= -0x40).count()
}

/// The number of code points in `b`, which is its length when `ascii` says it is all ASCII.
fn char_count(b: &[u8], ascii: bool) -> usize {
    if ascii {
        b.len()
    } else {
        code_points(b)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '“'
            | '”'
            | '„'
            | '«'
            | '»'
            | '‟'
            | '‹'
            | '›'
            | '「'
            | '」'
            | '『'
            | '』'
            | '〝'
            | '〞'
            | '＂'
    )
}

/// Two characters that together stand for a quotation mark: `''` and ``` `` ```.
fn is_double_mark(c: char, next: Option<char>) -> bool {
    matches!((c, next), ('\'', Some('\'')) | ('`', Some('`')))
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str, lex: &Lexicon) -> Doc<'a> {
        let mut doc = Doc::untagged(text, lex);
        doc.tag();
        doc
    }

    /// The tokens, sentences and quotations, without part-of-speech tags.
    pub fn untagged(text: &'a str, lex: &Lexicon) -> Doc<'a> {
        // news prose holds a token every 4.7 bytes on average: room for one every four
        // spares most articles a copy of the whole vector as it grows
        let mut toks: Vec<Tok<'a>> = Vec::with_capacity(text.len() / 4 + 16);
        let raw = text.as_bytes();
        let n = text.len();
        // the scan works on byte offsets; the tokens get code-point offsets, counted on
        // from the last token (tokens come in text order)
        let mut cursor = (0usize, 0usize);
        let mut para = 0usize;
        let mut i = 0usize;
        // the paragraph of a ‘ still waiting for its ’
        let mut single_open: Option<usize> = None;
        let push = |toks: &mut Vec<Tok<'a>>,
                    cursor: &mut (usize, usize),
                    bs: usize,
                    be: usize,
                    kind: Kind,
                    para: usize| {
            // a gap of one byte between tokens is one (ASCII) character, and an ASCII
            // token has a code point a byte
            let gap = &raw[cursor.0..bs];
            let s = cursor.1 + char_count(gap, gap.len() <= 1);
            let slice = &text[bs..be];
            let ascii = slice.is_ascii();
            let e = s + char_count(slice.as_bytes(), ascii);
            *cursor = (be, e);
            // a curly possessive or negation is written as the straight one in `lower`, so
            // every rule that looks for "'s" or "n't" sees both
            let lower = if ascii {
                Lower::of_ascii(slice)
            } else if slice.eq_ignore_ascii_case("’s") {
                Lower::Text("'s")
            } else if slice.eq_ignore_ascii_case("n’t") {
                Lower::Text("n't")
            } else {
                Lower::of_unicode(slice)
            };
            // numbers and long words are in no list: spare the lookup
            let listable =
                lower.len() <= 24 && !lower.as_bytes().first().is_some_and(u8::is_ascii_digit);
            let cap = match slice.as_bytes().first() {
                Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
                _ => slice.chars().next().is_some_and(char::is_uppercase),
            };
            let flags = match (kind == Kind::Word && listable, cap) {
                (true, false) => lex.flags_lowercase(&lower),
                (true, true) => lex.flags(&lower),
                _ => 0,
            };
            toks.push(Tok {
                text: slice,
                lower,
                start: s,
                end: e,
                kind,
                cap,
                flags,
                sent: 0,
                para,
                quote: None,
            });
        };
        while i < n {
            let c = char_at(text, i);
            let cl = c.len_utf8();
            if c == '\n' {
                if toks.last().is_some_and(|t| t.para == para) {
                    para += 1;
                }
                i += 1;
            } else if c.is_whitespace() {
                i += cl;
            } else if is_word_char(c) {
                let s = i;
                let mut j = i + cl;
                while j < n {
                    // ASCII letters and digits, the bulk of a word
                    if raw[j].is_ascii_alphanumeric() {
                        j += 1;
                        continue;
                    }
                    let cj = char_at(text, j);
                    let jl = cj.len_utf8();
                    if is_word_char(cj) {
                        j += jl;
                        continue;
                    }
                    // the character after `cj`, and the one after that
                    let nb = j + jl;
                    let next = (nb < n).then(|| char_at(text, nb));
                    let next_word = next.is_some_and(is_word_char);
                    // hyphens, apostrophes and abbreviation dots inside a word
                    if next_word && matches!(cj, '-' | '\'' | '’' | '&') {
                        j += jl;
                        continue;
                    }
                    if cj == '.' && next_word && code_points(&raw[s..j]) <= 3 && {
                        let ab = nb + next.map_or(0, char::len_utf8);
                        let after = if ab < n { char_at(text, ab) } else { ' ' };
                        after == '.' || !is_word_char(after)
                    } {
                        j += jl;
                        continue;
                    }
                    if cj == '.' && next_word && {
                        // a web domain: "Acme.com"
                        let mut m = nb;
                        while m < n && raw[m].is_ascii_alphabetic() {
                            m += 1;
                        }
                        let tld = text[nb..m].to_ascii_lowercase();
                        (m >= n || !is_word_char(char_at(text, m)))
                            && LEXICON.web_domains.has(tld.as_str())
                    } {
                        j += jl;
                        continue;
                    }
                    if cj == '.' && text[s..j].contains('.') {
                        // the final dot of "U.S."
                        j += jl;
                    } else if (cj == ',' || cj == '.') && next_word && raw[j - 1].is_ascii_digit() {
                        // 45,756 and 2.5
                        j += jl;
                        continue;
                    }
                    break;
                }
                // split a possessive "'s" and a negation "n't"
                let word = &text[s..j];
                let suffix = |forms: [&'static str; 2]| {
                    forms.into_iter().find(|f| {
                        word.len() >= f.len()
                            && word.is_char_boundary(word.len() - f.len())
                            && word[word.len() - f.len()..].eq_ignore_ascii_case(f)
                    })
                };
                let long = |k: usize| word.chars().nth(k).is_some();
                // the last letter tells which of the two it can be
                let split = match word.as_bytes()[word.len() - 1] {
                    b's' | b'S' if long(2) => suffix(["'s", "’s"]),
                    b't' | b'T' if long(3) => suffix(["n't", "n’t"]),
                    _ => None,
                };
                let cur = &mut cursor;
                match split {
                    Some(f) => {
                        let m = j - f.len();
                        push(&mut toks, cur, s, m, Kind::Word, para);
                        push(&mut toks, cur, m, j, Kind::Word, para);
                    }
                    None => push(&mut toks, cur, s, j, Kind::Word, para),
                }
                i = j;
            } else if is_double_mark(c, (i + cl < n).then(|| char_at(text, i + cl))) {
                push(&mut toks, &mut cursor, i, i + 2, Kind::Quote, para);
                i += 2;
            } else {
                // one character: a quotation mark or other punctuation
                let kind = if is_quote_char(c) {
                    Kind::Quote
                } else if c == '‘' && !text[..i].chars().next_back().is_some_and(is_word_char) {
                    // a single curly mark opens a quotation (British style); its closing
                    // mark is the next free ’ of the paragraph, an apostrophe inside a word
                    // being part of the word
                    single_open = Some(para);
                    Kind::Quote
                } else if c == '’' && single_open == Some(para) {
                    single_open = None;
                    Kind::Quote
                } else {
                    Kind::Punct
                };
                push(&mut toks, &mut cursor, i, i + cl, kind, para);
                i += cl;
            }
        }
        name_particles(&mut toks);
        let mut doc = Doc {
            text,
            toks,
            sents: Vec::new(),
            split: Vec::new(),
            quotes: Vec::new(),
            upos: Vec::new(),
        };
        doc.pair_quotes();
        doc.assign_sentences();
        doc
    }

    /// Tag the sentences a rule may look at: those holding a cue word outside quotations,
    /// and in them the words outside quotations. The others keep `Upos::X` (no rule reads
    /// the tags of quoted words, of quotations standing alone or of transcript lines).
    fn tag(&mut self) {
        let tagger = Tagger::global();
        let mut upos = vec![Upos::X; self.toks.len()];
        let mut words: Vec<&str> = Vec::new();
        let mut tags = Vec::new();
        for &(a, b) in &self.sents {
            let wanted = (a..b).any(|i| {
                let t = &self.toks[i];
                (t.flags & CUE_WORDS != 0 || t.lower == "according") && !self.inside_quote(i)
            });
            if !wanted {
                continue;
            }
            // the runs outside quotations: no rule reads the tags of quoted words
            let mut i = a;
            while i < b {
                if self.inside_quote(i) {
                    i += 1;
                    continue;
                }
                let e = (i..b).find(|&j| self.inside_quote(j)).unwrap_or(b);
                words.clear();
                words.extend(self.toks[i..e].iter().map(|t| t.text));
                tagger.tag(&words, &mut tags);
                upos[i..e].copy_from_slice(&tags[..e - i]);
                i = e;
            }
        }
        self.upos = upos;
    }

    /// The part-of-speech tag of a token (`Upos::X` past the end or where untagged).
    pub fn pos(&self, i: usize) -> Upos {
        self.upos.get(i).copied().unwrap_or(Upos::X)
    }

    /// A noun or proper noun by its tag.
    pub fn nominal(&self, i: usize) -> bool {
        matches!(self.pos(i), Upos::Noun | Upos::Propn)
    }

    /// Split the tokens into sentences: a paragraph break always ends one; an end mark
    /// (". ! ? …", with the closing quotation marks and brackets after it) ends one when
    /// what follows can start a sentence and no quotation goes on past it (a quotation of
    /// several sentences is one sentence of the article). The sentences are kept whole in `split`; in
    /// `sents` an endless run-on is cut, so that no rule works on unbounded text.
    fn assign_sentences(&mut self) {
        let n = self.toks.len();
        let mut first = 0usize;
        let mut i = 0usize;
        while i < n {
            let para = self.toks[i].para;
            let mut end = i + 1;
            let boundary = if end == n || self.toks[end].para != para {
                true
            } else if self.end_mark(i) {
                while end < n
                    && self.toks[end].para == para
                    && (self.toks[end].kind == Kind::Punct && self.end_mark(end)
                        || self.closing_mark(end))
                {
                    end += 1;
                }
                // a quotation that goes on after the mark holds its sentences together
                let quoted_on = self.toks[i]
                    .quote
                    .is_some_and(|q| self.inside_quote(i) && self.quotes[q].close >= end);
                // sentences are set apart by a space ("10.4.1" is one number)
                let spaced = end < n && self.toks[end].start > self.toks[end - 1].end;
                end == n
                    || self.toks[end].para != para
                    || spaced && !quoted_on && self.opens_sentence(i, end)
            } else {
                false
            };
            if !boundary {
                i += 1;
                continue;
            }
            self.split.push(crate::model::Sentence {
                start: self.toks[first].start,
                end: self.toks[end - 1].end,
            });
            let mut a = first;
            while a < end {
                let b = end.min(a + MAX_SENTENCE_TOKENS);
                for t in &mut self.toks[a..b] {
                    t.sent = self.sents.len();
                }
                self.sents.push((a, b));
                a = b;
            }
            first = end;
            i = end;
        }
    }

    /// A token that can end a sentence: ". ! ? …", or a word written with a final dot
    /// ("U.S.", "a.m.").
    fn end_mark(&self, i: usize) -> bool {
        let t = &self.toks[i];
        match t.kind {
            Kind::Punct => matches!(t.text, "." | "!" | "?" | "…"),
            Kind::Word => t.text.len() > 1 && t.text.ends_with('.'),
            Kind::Quote => false,
        }
    }

    /// A closing quotation mark or bracket, which stays with the sentence it ends: the
    /// closing mark of a quotation, a mark that faces back, or an apostrophe written
    /// against the mark before it.
    fn closing_mark(&self, i: usize) -> bool {
        let t = &self.toks[i];
        match t.kind {
            Kind::Quote => match t.quote {
                Some(q) => self.quotes[q].close == i,
                None => self.orient(i) == Orient::Close,
            },
            Kind::Punct => {
                matches!(t.text, ")" | "]" | "}")
                    || matches!(t.text, "'" | "’") && i > 0 && self.toks[i - 1].end == t.start
            }
            Kind::Word => false,
        }
    }

    /// The end mark at `mark` is written after an abbreviation: a listed word ("Dr."), an
    /// initial ("J."), or a word with dots of its own ("U.S.").
    fn after_abbreviation(&self, mark: usize) -> bool {
        let t = &self.toks[mark];
        if t.kind == Kind::Word {
            // short pieces between the dots: "U.S.", "a.m.", "Ph.D.", not "Acme.com."
            return t.text[..t.text.len() - 1].split('.').all(|p| {
                p.chars().count() <= MAX_ABBREVIATION_PIECE && p.chars().all(char::is_alphabetic)
            });
        }
        if t.text != "." || mark == 0 {
            return false;
        }
        let w = &self.toks[mark - 1];
        w.kind == Kind::Word
            && w.end == t.start
            && (LEXICON.abbreviations.has(w.lower.as_ref()) || w.text.chars().count() == 1 && w.cap)
    }

    /// The token at `next` can start the sentence after the end mark at `mark`.
    fn opens_sentence(&self, mark: usize, next: usize) -> bool {
        let t = &self.toks[next];
        let abbreviation = self.after_abbreviation(mark);
        match t.kind {
            Kind::Quote => !abbreviation,
            Kind::Punct => !abbreviation && !matches!(t.text, "," | ";" | ":" | ")" | "]"),
            Kind::Word => {
                let c = t.text.chars().next().unwrap_or(' ');
                // a lower-case letter starts a sentence only in a name such as "iPhone"
                let camel = || t.text.chars().skip(1).any(char::is_uppercase);
                if c.is_lowercase() && !camel() {
                    false
                } else if !abbreviation {
                    true
                } else {
                    // after an abbreviation only a word that cannot continue a name does
                    c.is_uppercase()
                        && (t.flags & (FUNC | DET) != 0 || LEXICON.pronouns.has(t.lower.as_ref()))
                }
            }
        }
    }

    /// Pair quotation marks within a paragraph; a quotation left open at a paragraph's end
    /// continues only when the next paragraph opens with a mark, else it is dropped.
    /// Which way a quotation mark faces: curly marks say so; a straight mark opens after a
    /// space and before a word, closes after a word and before a space or punctuation.
    fn orient(&self, idx: usize) -> Orient {
        let c = self.toks[idx].text.chars().next().unwrap_or('"');
        match c {
            '“' | '„' | '«' | '‟' | '‹' | '「' | '『' | '〝' | '`' | '‘' => {
                return Orient::Open
            }
            '”' | '»' | '›' | '」' | '』' | '〞' | '’' => return Orient::Close,
            _ => {}
        }
        let (bs, be) = self.bytes_of(idx);
        let prev = self.text[..bs].chars().next_back();
        let next = self.text[be..].chars().next();
        let prev_space = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p));
        let next_space = next.is_none_or(|n| n.is_whitespace() || ".,;:!?)]}—–".contains(n));
        match (prev_space, next_space) {
            (true, false) => Orient::Open,
            (false, true) => Orient::Close,
            _ => Orient::Either,
        }
    }

    /// Pair quotation marks within a paragraph. A quotation left open at a paragraph's end
    /// continues when the next paragraph opens with a mark (the mark is skipped) or closes
    /// it before opening another; else the opening mark was stray and is dropped.
    fn pair_quotes(&mut self) {
        let mut open: Option<usize> = None;
        let mut idx = 0usize;
        let n = self.toks.len();
        while idx < n {
            if self.toks[idx].kind == Kind::Quote {
                match (open, self.orient(idx)) {
                    (None, Orient::Close) => {}
                    (None, _) | (Some(_), Orient::Open) => open = Some(idx),
                    (Some(o), _) => {
                        self.quotes.push(Quote {
                            open: o,
                            close: idx,
                        });
                        open = None;
                    }
                }
            }
            let last_of_para = idx + 1 == n || self.toks[idx + 1].para != self.toks[idx].para;
            if last_of_para && open.is_some() {
                let next = idx + 1;
                let reopens = next < n
                    && self.toks[next].kind == Kind::Quote
                    && self.orient(next) != Orient::Close;
                if reopens {
                    // skip the reopening mark, keep the quotation open
                    idx += 2;
                    continue;
                }
                let para = self.toks.get(next).map(|t| t.para);
                let first_mark = (next..n)
                    .take_while(|&k| Some(self.toks[k].para) == para)
                    .find(|&k| self.toks[k].kind == Kind::Quote);
                if !first_mark.is_some_and(|k| self.orient(k) == Orient::Close) {
                    open = None;
                }
            }
            idx += 1;
        }
        for (qi, q) in self.quotes.iter().enumerate() {
            for t in &mut self.toks[q.open..=q.close] {
                t.quote = Some(qi);
            }
        }
    }

    /// The byte range of token `i` in the text: its text is a slice of the text, so the
    /// range is where that slice lies (no table of byte offsets is kept beside the tokens).
    fn bytes_of(&self, i: usize) -> (usize, usize) {
        let t = self.toks[i].text;
        let start = t.as_ptr() as usize - self.text.as_ptr() as usize;
        (start, start + t.len())
    }

    /// The text of tokens `a..b` (end exclusive) as a span of code points.
    pub fn span(&self, a: usize, b: usize) -> Option<crate::model::Span> {
        if a >= b || b > self.toks.len() {
            return None;
        }
        let (bs, _) = self.bytes_of(a);
        let (_, be) = self.bytes_of(b - 1);
        Some(crate::model::Span {
            start: self.toks[a].start,
            end: self.toks[b - 1].end,
            text: self.text[bs..be].to_string(),
        })
    }

    /// The text of tokens `a..b`, as written.
    pub fn text_of(&self, a: usize, b: usize) -> &'a str {
        if a >= b || b > self.toks.len() {
            return "";
        }
        &self.text[self.bytes_of(a).0..self.bytes_of(b - 1).1]
    }

    pub fn is(&self, i: usize, word: &str) -> bool {
        self.toks.get(i).is_some_and(|t| t.lower == word)
    }

    pub fn has(&self, i: usize, bits: u64) -> bool {
        self.toks.get(i).is_some_and(|t| t.flags & bits != 0)
    }

    /// An apostrophe at `k` that makes the capitalised plural before it the possessor of
    /// the capitalised word after it, inside one name ("Citizens' Election Watch",
    /// "Veterans' Affairs").
    pub fn plural_possessor_in_name(&self, k: usize) -> bool {
        k > 0
            && self
                .toks
                .get(k)
                .is_some_and(|t| matches!(t.text, "'" | "’"))
            && self.toks[k].start == self.toks[k - 1].end
            && self.toks[k - 1].cap
            && self.toks[k - 1].lower.ends_with('s')
            && self
                .toks
                .get(k + 1)
                .is_some_and(|n| n.kind == Kind::Word && n.cap)
    }

    /// An "and" at `k` inside one body's name: after a name's linking word ("Centers for
    /// Disease Control and Prevention", "Department of Health and Human Services"), or
    /// between a lone word after "the" and words that end in a body's noun ("the Food and
    /// Drug Administration", "the Securities and Exchange Commission").
    pub fn and_inside_name(&self, k: usize) -> bool {
        if k < 2 || self.toks[k].lower != "and" || !self.is_name(k - 1) || !self.is_name(k + 1) {
            return false;
        }
        let mut r = k - 1;
        while r > 0 && self.is_name(r - 1) {
            r -= 1;
        }
        let mut e = k + 1;
        while self.is_name(e + 1) {
            e += 1;
        }
        // ("the Bank of Japan and Halden Foods" are two: a country ends the first name, a
        // body's word the second)
        let linked = r >= 2
            && LEXICON.name_links.has(self.toks[r - 1].lower.as_ref())
            && self.is_name(r - 2)
            && (r..k).all(|i| self.toks[i].flags & GOV == 0)
            && self.toks[e].flags & (GOV | ORG) == 0;
        let lone = r == k - 1
            && self.toks[r - 1].lower == "the"
            && self.toks[r].flags & (GOV | ORG) == 0
            && e > k + 1
            && self.toks[e].flags & (GOV | ORG) != 0;
        linked || lone
    }

    /// An adjective made of a name and a participle ("Vermont-based", "Saudi-led"): no
    /// part of a name.
    pub fn name_adjective(&self, k: usize) -> bool {
        self.toks.get(k).is_some_and(|t| {
            let l = t.lower.as_bytes();
            l.iter().rposition(|&b| b == b'-').is_some_and(|p| {
                matches!(
                    &l[p + 1..],
                    b"based" | b"born" | b"led" | b"owned" | b"backed" | b"run"
                )
            })
        })
    }

    /// Tokens `start..end` are one word, a legislator's party and state ("R-Ohio",
    /// "D-Texas").
    pub fn party_label(&self, start: usize, end: usize) -> bool {
        if end != start + 1 {
            return false;
        }
        let mut c = self.toks.get(start).map_or("", |t| t.text).chars();
        matches!(c.next(), Some('R' | 'D' | 'I'))
            && c.next() == Some('-')
            && c.next().is_some_and(|c| c.is_ascii_uppercase())
    }

    /// A capitalised word that may belong to a name.
    pub fn is_name(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| {
            t.kind == Kind::Word
                && t.cap
                && t.lower != "'s"
                && (t.flags & (FUNC | DET) == 0
                    || t.text.len() >= 2 && t.text.bytes().all(|b| b.is_ascii_uppercase()))
        })
    }

    pub fn is_punct(&self, i: usize, p: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Punct && t.text == p)
    }

    pub fn is_quote(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Quote)
    }

    /// The quotation closed by the mark at `i`.
    pub fn closing_quote(&self, i: usize) -> Option<Quote> {
        let q = self.quotes[self.toks.get(i)?.quote?];
        (q.close == i).then_some(q)
    }

    /// The quotation opened by the mark at `i`.
    pub fn opening_quote(&self, i: usize) -> Option<Quote> {
        let q = self.quotes[self.toks.get(i)?.quote?];
        (q.open == i).then_some(q)
    }

    /// A quotation that can carry someone's words: not a short name used before a noun
    /// ("its “Thunder” blenders") or after a determiner ("the “Thunder” model").
    pub fn speech(&self, q: Quote) -> bool {
        let words = (q.open + 1..q.close)
            .filter(|&j| self.toks[j].kind == Kind::Word)
            .count();
        if words > MAX_NAME_QUOTE_WORDS {
            return true;
        }
        let noun_after = matches!(self.pos(q.close + 1), Upos::Noun | Upos::Propn)
            && self
                .toks
                .get(q.close + 1)
                .is_some_and(|t| t.kind == Kind::Word);
        // a name is written in capitals or follows a determiner; "risked “hollowing out”
        // policing" quotes words
        let named = self.toks.get(q.open + 1).is_some_and(|t| t.cap)
            || q.open > 0 && self.toks[q.open - 1].flags & DET != 0;
        !(noun_after && named)
    }

    /// A quotation mark that can carry someone's words: any mark but those of a quoted name
    /// (`speech`).
    pub fn speech_mark(&self, i: usize) -> bool {
        self.is_quote(i)
            && self.toks[i]
                .quote
                .is_none_or(|q| self.speech(self.quotes[q]))
    }

    /// Tokens `a..b` hold a quotation mark that can carry someone's words.
    pub fn has_speech(&self, a: usize, b: usize) -> bool {
        (a..b).any(|i| self.speech_mark(i))
    }

    /// Inside a quotation, marks excluded.
    pub fn inside_quote(&self, i: usize) -> bool {
        self.toks.get(i).and_then(|t| t.quote).is_some_and(|q| {
            let q = self.quotes[q];
            i > q.open && i < q.close
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::LEXICON;
    use super::*;

    fn words(text: &str) -> Vec<String> {
        Doc::new(text, &LEXICON)
            .toks
            .iter()
            .map(|t| t.text.to_string())
            .collect()
    }

    #[test]
    fn tokens_keep_abbreviations_and_split_possessives() {
        assert_eq!(
            words("U.S. officials' plan, Trump’s “deal” cost $45,756."),
            vec![
                "U.S.",
                "officials",
                "'",
                "plan",
                ",",
                "Trump",
                "’s",
                "“",
                "deal",
                "”",
                "cost",
                "$",
                "45,756",
                "."
            ]
        );
    }

    #[test]
    fn tokens_follow_the_treebanks_with_code_point_offsets() {
        assert_eq!(
            words("Don't pay $5 — élan isn't ''free''."),
            vec![
                "Do", "n't", "pay", "$", "5", "—", "élan", "is", "n't", "''", "free", "''", "."
            ]
        );
        // offsets count code points, not bytes
        let d = Doc::new("élan — “yes”", &LEXICON);
        let spans: Vec<(usize, usize)> = d.toks.iter().map(|t| (t.start, t.end)).collect();
        assert_eq!(spans, vec![(0, 4), (5, 6), (7, 8), (8, 11), (11, 12)]);
        assert_eq!(d.quotes.len(), 1);
    }

    #[test]
    fn quotes_pair_within_a_paragraph_and_strays_are_dropped() {
        let d = Doc::new("He said \"yes\" and \"no.\nNext \"line\" here.", &LEXICON);
        assert_eq!(d.quotes.len(), 2);
        let texts: Vec<&str> = d
            .quotes
            .iter()
            .map(|q| d.text_of(q.open, q.close + 1))
            .collect();
        assert_eq!(texts, vec!["\"yes\"", "\"line\""]);
    }

    #[test]
    fn a_quote_reopened_in_the_next_paragraph_continues() {
        let d = Doc::new(
            "She said: “One thing.\n\n“Another thing.”\nAfter.",
            &LEXICON,
        );
        assert_eq!(d.quotes.len(), 1);
        let q = d.quotes[0];
        assert_eq!(
            d.text_of(q.open, q.close + 1),
            "“One thing.\n\n“Another thing.”"
        );
    }

    #[test]
    fn straight_marks_pair_by_the_way_they_face() {
        // the second paragraph closes the first one's quotation, then opens a new one
        let text = "He said, \"First part.\n\nSecond part.\" Then she said, \"Other.\"";
        let d = Doc::new(text, &LEXICON);
        let texts: Vec<&str> = d
            .quotes
            .iter()
            .map(|q| d.text_of(q.open, q.close + 1))
            .collect();
        assert_eq!(texts, vec!["\"First part.\n\nSecond part.\"", "\"Other.\""]);
    }

    #[test]
    fn sentences_are_token_ranges_split_at_paragraphs() {
        let d = Doc::new("Title line\nFirst one. Second one.", &LEXICON);
        let texts: Vec<&str> = d.sents.iter().map(|&(a, b)| d.text_of(a, b)).collect();
        assert_eq!(texts, vec!["Title line", "First one.", "Second one."]);
    }
}

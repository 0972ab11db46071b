//! The rules that find attributions: reporting verbs with their subject and content,
//! "according to", citing chains, hedges, documents and data, and quotations that continue
//! an earlier speaker. Each candidate keeps token ranges; labels come later (`label.rs`).

mod according;
mod citing;
mod continuation;
mod coordination;
mod hedge;
mod noun_clause;
mod passive;
mod transcript;
mod verb;

use super::doc::{Doc, Kind};
use super::lexicon::*;
use super::rule::Rule;
use super::tagger::Upos;

/// Where the source of a candidate comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// A description in the text (token range).
    Mention(usize, usize),
    /// The subject of a neighbouring attribution in the same sentence (coordination,
    /// participles), else the noun phrase that opens the sentence.
    Inherit,
    /// The speaker of the attribution before (a quotation standing alone).
    Previous,
    /// No agent: the text gives only a hedge. The implied source.
    Fixed(&'static str),
    /// The person or body a description names, whose words a quotation standing alone
    /// continues (the subject of "issued a statement" before it): the source, with no
    /// mention of its own.
    Speaker(usize, usize),
}

#[derive(Debug, Clone)]
pub struct Cand {
    pub subject: Subject,
    /// An apposition describing the mention (", the Mexican president,").
    pub appos: Option<(usize, usize)>,
    pub cue: Option<(usize, usize)>,
    pub content: Option<(usize, usize)>,
    pub rule: Rule,
    pub hedged: bool,
    pub document: bool,
    /// A belief verb: dropped when it sits inside another attribution's content.
    pub belief: bool,
    /// For a cited source: who cites it.
    pub via: Option<Subject>,
    /// The sentence holding the cue (or the content).
    pub sent: usize,
    /// Ordering key: the first token of the cue, else of the content.
    pub pos: usize,
}

/// The most words a restrictive relative clause between a source and its verb may hold
/// ("a person who declined to be named said").
const MAX_RELATIVE_WORDS: usize = 10;
/// The most words a source before its verb may hold, and one after its verb.
const MAX_LEFT_NP_WORDS: usize = 14;
const MAX_RIGHT_NP_WORDS: usize = 16;
/// The most auxiliaries, adverbs and time words between a source and its verb.
const MAX_VERB_GROUP_WORDS: usize = 8;
/// How far back from a verb the commas of an apposition are looked for.
const MAX_APPOSITION_REACH: usize = 30;
/// How far after a verb its content's opening ("that", a colon, a quotation) is looked for,
/// and the farthest a complementizer "that" may stand.
const MAX_LEAD_IN_WORDS: usize = 10;
const MAX_THAT_DISTANCE: usize = 8;
/// The most words a phrase before a content's quotation may hold ("in a statement to the
/// press").
const MAX_LEAD_WORDS: usize = 10;
/// The most words between a passive's agent and the "that" of its content.
const MAX_THAT_GAP: usize = 6;
/// The most sources one list of coordinated subjects may give.
const MAX_CONJUNCTS: usize = 12;
/// The most words a transcript line's speaker may hold ("Deputy Director of Communications
/// Ann Lee:").
const MAX_SPEAKER_WORDS: usize = 16;
/// The most words a title chain before a person's name may hold ("Executive director of
/// the Dallas chapter of the Council on Rural Affairs Ann Lee").
const MAX_TITLE_CHAIN_WORDS: usize = 20;
/// The most words an aside in parentheses between a source and its verb may hold.
const MAX_ASIDE_WORDS: usize = 4;
/// The most words between a cited noun phrase and its "as saying" ("quoted a person close to
/// the club as saying").
const MAX_CITED_TAIL_WORDS: usize = 10;
/// The most words of a time phrase between a report and what follows it ("said late on Monday").
const MAX_TIME_PHRASE_WORDS: usize = 3;
/// The most plain lower-case words before a head that join its noun phrase ("political
/// opponents").
const MAX_PLAIN_MODIFIERS: usize = 3;
/// The fewest words of a quotation that a continuation may credit to the last speaker.
const MIN_CONTINUED_QUOTE_WORDS: usize = 5;
/// The longest verb group before a passive cue ("has also been widely reported").
const MAX_PASSIVE_GROUP_WORDS: usize = 4;

/// The end of a content without punctuation, or a connective left dangling by a cut, at
/// its end.
fn trim_end(d: &Doc, cs: usize, ce: usize) -> usize {
    let mut ce = ce;
    while ce > cs {
        let t = &d.toks[ce - 1];
        let dangling = t.kind == Kind::Word
            && !d.inside_quote(ce - 1)
            && LEXICON.dangling_ends.has(t.lower.as_ref());
        if t.kind == Kind::Punct && matches!(t.text, "." | "," | ";" | ":") || dangling {
            ce -= 1;
        } else {
            break;
        }
    }
    ce
}

impl Cand {
    /// Where the subject starts: its mention, else the cue.
    pub fn subject_start(&self) -> usize {
        match self.subject {
            Subject::Mention(ms, _) => ms,
            _ => self.pos,
        }
    }

    /// A candidate with no cue, content, apposition or citing source, and no flags set:
    /// rules fill in what their construction gives.
    pub fn new(subject: Subject, rule: Rule, sent: usize, pos: usize) -> Cand {
        Cand {
            subject,
            appos: None,
            cue: None,
            content: None,
            rule,
            hedged: false,
            document: false,
            belief: false,
            via: None,
            sent,
            pos,
        }
    }
}

pub fn is_pronoun(lower: &str) -> bool {
    LEXICON.pronouns.has(lower)
}

pub struct Finder<'d, 'a> {
    d: &'d Doc<'a>,
    out: Vec<Cand>,
    used: Vec<bool>,
}

impl<'d, 'a> Finder<'d, 'a> {
    pub fn new(d: &'d Doc<'a>) -> Self {
        Finder {
            d,
            out: Vec::new(),
            used: vec![false; d.toks.len()],
        }
    }

    pub fn run(mut self) -> Vec<Cand> {
        for s in 0..self.d.sents.len() {
            self.sentence(s);
        }
        self.trim_contents();
        self.continuations();
        // one cue's coordinated sources in the order the text gives them
        self.out.sort_by_key(|c| (c.pos, c.subject_start()));
        self.out
    }

    fn lower(&self, i: usize) -> &str {
        self.d.toks.get(i).map(|t| t.lower.as_ref()).unwrap_or("")
    }

    fn word(&self, i: usize) -> bool {
        self.d.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
    }

    fn sentence(&mut self, s: usize) {
        let (a, b) = self.d.sents[s];
        for i in a..b {
            if self.d.is_punct(i, ":") && !self.d.inside_quote(i) {
                self.transcript_line(s, i);
            }
        }
        for i in a..b {
            let t = &self.d.toks[i];
            if t.kind != Kind::Word || self.d.inside_quote(i) || self.used[i] {
                continue;
            }
            let f = t.flags;
            if t.lower == "according" && self.d.is(i + 1, "to") {
                self.according_to(s, i);
            } else if t.lower == "in"
                && self.d.is(i + 1, "the")
                && self.d.is(i + 2, "words")
                && self.d.is(i + 3, "of")
            {
                self.words_of(s, i);
            } else if f & CLAIM_NOUN != 0 && self.d.is(i + 1, "that") && self.noun_clause(s, i) {
                // the noun with its owner gave the attribution
            } else if f & HEDGE != 0 {
                self.hedge(s, i);
            } else if f & CITE != 0 {
                self.citing(s, i);
            } else if f & (SAY | WEAK | BELIEF | DATA | PASSIVE | PHRASE) != 0 {
                self.verb(s, i);
            }
        }
        self.one_opener_per_subject(s);
    }

    /// "Writing in a column, Ann Lee called the plan “a mess”": when the main verb after a
    /// participle phrase that opens sentence `s` reports on its own, the participle's
    /// attribution (the same source, the same claim) is dropped.
    fn one_opener_per_subject(&mut self, s: usize) {
        let a = self.d.sents[s].0;
        let from = self.out.partition_point(|c| c.sent < s);
        let opener = |c: &Cand| c.rule == Rule::SharedSubject && c.cue.is_some_and(|(x, _)| x == a);
        let Some((ms, me)) =
            self.out[from..]
                .iter()
                .find(|c| opener(c))
                .and_then(|c| match c.subject {
                    Subject::Mention(ms, me) => Some((ms, me)),
                    _ => None,
                })
        else {
            return;
        };
        let main = self.out[from..]
            .iter()
            .any(|c| !opener(c) && matches!(c.subject, Subject::Mention(x, y) if x < me && ms < y));
        if main {
            let mut k = from;
            self.out.retain(|c| {
                k += 1;
                k <= from || !opener(c)
            });
        }
    }

    /// The end of a sentence's content: before the final punctuation.
    fn content_end(&self, s: usize) -> usize {
        let (a, mut e) = self.d.sents[s];
        while e > a {
            let t = &self.d.toks[e - 1];
            if t.kind == Kind::Punct && matches!(t.text, "." | "," | ";" | ":" | "-" | "—") {
                e -= 1;
            } else {
                break;
            }
        }
        e
    }

    /// Where a sentence's own content begins: its first token, or the opening mark of a
    /// quotation that started in an earlier sentence and runs into this one.
    fn content_start(&self, s: usize) -> usize {
        let a = self.d.sents[s].0;
        match self.d.toks[a].quote {
            Some(q) if self.d.quotes[q].open < a => self.d.quotes[q].open,
            _ => a,
        }
    }

    /// Extend a content range so that a quotation opened inside it closes inside it; cut it
    /// at ";" and at a coordinated clause with its own verb (", and has indicated").
    fn fix_content(&self, cs: usize, ce: usize) -> Option<(usize, usize)> {
        let mut cs = cs;
        while cs < ce
            && (self.d.is_punct(cs, ",") || self.d.is_punct(cs, ":") || self.d.is(cs, "that"))
        {
            cs += 1;
        }
        let mut ce = ce;
        let mut j = cs;
        while j < ce {
            let t = &self.d.toks[j];
            if t.kind == Kind::Punct && t.text == ";" {
                ce = j;
                break;
            }
            if t.kind == Kind::Punct
                && t.text == ","
                && self.lower(j + 1) == "but"
                && !self.d.inside_quote(j)
            {
                ce = j;
                break;
            }
            // ", adding that …", ", writing that …": a participle cue starts another report
            if t.kind == Kind::Punct
                && t.text == ","
                && !self.d.inside_quote(j)
                && self.d.has(j + 1, SAY)
                && self.lower(j + 1).ends_with("ing")
            {
                ce = j;
                break;
            }
            // "“…”, highlighting the cost": a participle after a closing quotation adds the
            // writer's words
            if t.kind == Kind::Punct
                && t.text == ","
                && j > cs
                && self.d.closing_quote(j - 1).is_some()
                && self.d.pos(j + 1) == Upos::Verb
                && self.lower(j + 1).ends_with("ing")
            {
                ce = j;
                break;
            }
            if t.kind == Kind::Punct
                && t.text == ","
                && LEXICON.clause_conjunctions.has(self.lower(j + 1))
                && (self.d.has(j + 2, SAY | AUX) && !self.d.is(j + 2, "then"))
                && !self.d.inside_quote(j)
            {
                ce = j;
                break;
            }
            if let Some(q) = self.d.opening_quote(j) {
                if q.close >= ce {
                    ce = q.close + 1;
                }
                j = q.close + 1;
                continue;
            }
            j += 1;
        }
        let ce = trim_end(self.d, cs, ce);
        // "in a blog post “…”", "in a statement, “…”": a phrase before the quotation that
        // opens the content belongs to the cue, not to the words reported
        if LEXICON.prepositions.has(self.lower(cs)) && !self.d.inside_quote(cs) {
            if let Some(q) = (cs + 1..ce.min(cs + MAX_LEAD_WORDS))
                .find(|&j| self.d.opening_quote(j).is_some_and(|q| q.close + 1 >= ce))
            {
                if (cs..q).any(|j| self.d.has(j, NOUN_CUE)) {
                    cs = q;
                }
            }
        }
        (cs < ce).then_some((cs, ce))
    }

    /// A past participle right after a noun ("people involved", "officials briefed"):
    /// part of the noun phrase before it.
    fn participle(&self, k: usize) -> bool {
        k > 0
            && self.d.pos(k) == Upos::Verb
            && self.lower(k).ends_with("ed")
            && (self.d.nominal(k - 1) || self.d.is_name(k - 1))
    }

    /// The start of a time phrase, a short parenthesis or a statement phrase that ends
    /// right before `k` and may stand between a source and its verb: "yesterday", "on
    /// Tuesday", "last week", "(ACME)", "in a statement". Not reaching before `floor`.
    fn time_phrase_before(&self, k: usize, floor: usize) -> Option<usize> {
        if k <= floor + 1 {
            return None;
        }
        let p = k - 1;
        let t = &self.d.toks[p];
        // "(ACME)": an acronym or a short aside in parentheses after the subject
        if t.kind == Kind::Punct && t.text == ")" {
            return self.paren_before(k, floor);
        }
        if t.kind != Kind::Word {
            return None;
        }
        // "A and B both said": a floating quantifier after a noun phrase
        if LEXICON.floating_quantifiers.has(t.lower.as_ref())
            && (self.d.is_name(p - 1) || self.d.nominal(p - 1))
        {
            return Some(p);
        }
        if t.flags & TIME != 0 {
            // "on Tuesday"
            let on = p > floor + 1 && self.d.is(p - 1, "on");
            return Some(if on { p - 1 } else { p });
        }
        if t.flags & TIME_UNIT != 0
            && p > floor + 1
            && LEXICON.time_determiners.has(self.lower(p - 1))
        {
            return Some(p - 1);
        }
        // "several times", "three days", "each time": a quantity and a noun that counts
        // time ("The mayor several times described it")
        if !t.cap
            && LEXICON.measure_nouns.has(t.lower.as_ref())
            && p > floor + 1
            && (LEXICON.quantity_words.has(self.lower(p - 1)) || self.d.pos(p - 1) == Upos::Num)
        {
            return Some(p - 1);
        }
        // "in a statement", "in an interview on Monday"
        if t.flags & NOUN_CUE != 0 && p >= floor + 3 {
            let det = p - 1;
            let prep = det - 1;
            if self.d.has(det, DET) && LEXICON.time_prepositions.has(self.lower(prep)) {
                return Some(prep);
            }
        }
        None
    }

    /// A lowercase adverb between a source and its verb ("personally asked", "twice denied").
    fn adverb(&self, i: usize) -> bool {
        self.d.toks.get(i).is_some_and(|t| {
            t.kind == Kind::Word
                && !t.cap
                && t.flags & NOUNISH == 0
                && (t.lower.ends_with("ly") && t.lower.len() > 4
                    || LEXICON.frequency_adverbs.has(t.lower.as_ref()))
        })
    }

    /// A token that can open a reported clause or quotation.
    fn clause_like(&self, c0: usize) -> bool {
        self.d.is_quote(c0)
            || self.d.is(c0.saturating_sub(1), "that")
            || self.d.has(c0, DET) && !self.d.has(c0, FUNC)
            || LEXICON.clause_openers.has(self.lower(c0))
            || is_pronoun(self.lower(c0))
            || self.d.is_name(c0)
    }

    fn content_has_quote(&self, c: Option<(usize, usize)>) -> bool {
        c.is_some_and(|(a, b)| self.d.has_speech(a, b))
    }

    /// The opening of a short aside in parentheses that ends right before `e` ("Acme
    /// (AC)", "Rep. Lee (D-Calif.)"): a few words, dots and hyphens, not reaching `floor`.
    fn paren_before(&self, e: usize, floor: usize) -> Option<usize> {
        if e <= floor + 1 || !self.d.is_punct(e - 1, ")") {
            return None;
        }
        let p = e - 1;
        let o = (p.saturating_sub(MAX_ASIDE_WORDS + 1).max(floor + 1)..p)
            .rev()
            .find(|&o| self.d.is_punct(o, "("))?;
        let aside_word =
            |j: usize| self.word(j) || self.d.is_punct(j, ".") || self.d.is_punct(j, "-");
        (o + 1..p).all(aside_word).then_some(o)
    }

    /// A word that may head or sit inside a description of a source.
    fn np_word(&self, i: usize) -> bool {
        let Some(t) = self.d.toks.get(i) else {
            return false;
        };
        let tagged = matches!(
            self.d.pos(i),
            Upos::Noun | Upos::Propn | Upos::Adj | Upos::Num
        );
        t.kind == Kind::Word
            && (self.d.is_name(i) || t.flags & (NOUNISH | DET) != 0 || t.lower == "'s" || tagged)
            && (t.flags & (SAY | AUX) == 0 || t.flags & NOUNISH != 0 || self.d.nominal(i))
    }

    /// The noun phrase that ends right before `end`, not reaching before `floor`.
    /// The start of a time phrase ending right before `e` ("last month", "on Tuesday", "in
    /// March", "on March 3"), at most four words after `floor`; `e` when there is none.
    fn time_phrase_start(&self, e: usize, floor: usize) -> usize {
        const MONTHS: [&str; 12] = [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ];
        let core = |k: usize| {
            self.d.has(k, TIME | TIME_UNIT)
                || MONTHS.contains(&self.lower(k))
                || self.d.toks[k].text.bytes().all(|b| b.is_ascii_digit())
        };
        let mut k = e;
        let mut seen_core = false;
        while k > floor + 1 && e - k < 4 && self.d.toks[k - 1].kind == Kind::Word {
            let w = self.lower(k - 1);
            if core(k - 1) {
                seen_core = true;
            } else if !matches!(w, "last" | "this" | "next" | "on" | "in" | "early" | "late") {
                break;
            }
            k -= 1;
        }
        if seen_core {
            k
        } else {
            e
        }
    }

    pub fn left_np(&self, end: usize, floor: usize, strong: bool) -> Option<(usize, usize)> {
        if end == 0 || end <= floor {
            return None;
        }
        let h = end - 1;
        let t = &self.d.toks[h];
        // "Borel Inc. said", "John Lewis Jr. said": the phrase ends at the abbreviation the
        // dot closes (the dot stays out of the mention, as in "according to Borel Inc.")
        if self.d.is_punct(h, ".")
            && h > floor + 1
            && self.d.toks[h - 1].cap
            && (LEXICON.company_suffixes.has(self.lower(h - 1))
                || LEXICON.name_suffixes.has(self.lower(h - 1)))
        {
            return self.left_np(h, floor, strong);
        }
        if t.kind != Kind::Word || self.d.inside_quote(h) {
            return None;
        }
        if is_pronoun(&t.lower) {
            return (!LEXICON.object_pronouns.has(t.lower.as_ref())).then_some((h, end));
        }
        let head_ok = self.d.is_name(h)
            || t.flags & NOUNISH != 0
            || self.d.nominal(h)
            || (strong && t.flags & (FUNC | AUX | DET | SAY | WEAK | DATA | BELIEF) == 0 && !t.cap);
        // a word the tagger reads as a verb or preposition heads no noun phrase
        let verbal =
            matches!(self.d.pos(h), Upos::Verb | Upos::Aux | Upos::Adp) && t.flags & NOUNISH == 0;
        if !head_ok || t.flags & (FUNC | DET) != 0 && !self.d.is_name(h) || verbal && !t.cap {
            return None;
        }
        // a title chain before a person's name ("Executive director of the Ohio chapter of
        // the Council on Rural Affairs Dana Whitt") may run longer than other phrases
        let limit = if self.personal_name_ends(end) {
            MAX_TITLE_CHAIN_WORDS
        } else {
            MAX_LEFT_NP_WORDS
        };
        let mut s = h;
        while s > floor && h - s < limit {
            let k = s - 1;
            let tk = &self.d.toks[k];
            if self.d.inside_quote(k) && !self.d.is_quote(k) {
                break;
            }
            // "the Food and Drug Administration", "JPMorgan Chase & Co.": one body's name
            if self.d.and_inside_name(k)
                || tk.text == "&" && k > floor && self.d.is_name(k - 1) && self.d.is_name(k + 1)
            {
                s = k;
                continue;
            }
            // "a report released last month by X", "data published on Tuesday by X", "a
            // report last month by X": a time phrase between a document and its author
            let by = if tk.lower == "by" {
                Some(k)
            } else {
                (self.lower(s) == "by").then_some(s)
            };
            if let Some(b) = by {
                let t0 = self.time_phrase_start(b, floor);
                if t0 < b && (self.participle(t0 - 1) || self.d.has(t0 - 1, DOC)) {
                    s = t0 - 1;
                    continue;
                }
            }
            // "the Council on American - Islamic Relations": a preposition or a spaced
            // hyphen inside a body's name
            if self.preposition_in_name(k)
                || tk.kind == Kind::Punct
                    && tk.text == "-"
                    && k > floor
                    && self.d.is_name(k - 1)
                    && self.d.is_name(k + 1)
            {
                s = k;
                continue;
            }
            if tk.kind == Kind::Word
                && tk.flags & DET != 0
                && (tk.flags & FUNC == 0 || LEXICON.possessives.has(tk.lower.as_ref()))
            {
                s = k;
                // a determiner ends the phrase unless a preposition links it to a head
                if k > floor
                    && LEXICON.prepositions.has(self.lower(k - 1))
                    && k >= floor + 2
                    && self.np_word(k - 2)
                {
                    s = k - 1;
                    continue;
                }
                // "two people involved in the talks": a participle links the preposition
                if k >= floor + 3
                    && (LEXICON.prepositions.has(self.lower(k - 1))
                        || self.d.pos(k - 1) == Upos::Adp)
                    && self.participle(k - 2)
                {
                    s = k - 2;
                    continue;
                }
                break;
            }
            if self.np_word(k) && tk.flags & FUNC == 0
                || LEXICON.title_abbreviations.has(tk.lower.as_ref()) && tk.cap
            {
                s = k;
                continue;
            }
            if self.np_word(k) && tk.cap {
                break;
            }
            // "Harris’ campaign": an apostrophe after a name in s marks its possessor
            if tk.kind == Kind::Punct
                && matches!(tk.text, "'" | "’")
                && k > floor
                && self.lower(k - 1).ends_with('s')
                && (self.d.is_name(k - 1) || self.d.nominal(k - 1))
            {
                s = k;
                continue;
            }
            if tk.kind == Kind::Punct
                && tk.text == "."
                && k > floor
                && (LEXICON.title_abbreviations.has(self.lower(k - 1))
                    || LEXICON.company_suffixes.has(self.lower(k - 1)))
            {
                s = k - 1;
                continue;
            }
            if LEXICON.prepositions.has(tk.lower.as_ref())
                && tk.lower != "to"
                && k > floor
                && (self.np_word(k - 1) || self.d.is(k - 1, "familiar"))
                && !self.d.has(k - 1, DET)
            {
                s = k;
                continue;
            }
            // "close to the talks", "a senior aide to Ann Lee"
            if tk.lower == "to"
                && k > floor
                && (self.d.is(k - 1, "close") || LEXICON.to_nouns.has(self.lower(k - 1)))
            {
                s = k;
                continue;
            }
            // "two people involved in talks": a participle between a noun and the
            // preposition that links its object
            if LEXICON.prepositions.has(tk.lower.as_ref())
                && k > floor + 1
                && self.participle(k - 1)
            {
                s = k - 1;
                continue;
            }
            // plain lowercase words before the head ("political opponents") join when a
            // determiner opens them
            if tk.kind == Kind::Word && !tk.cap && tk.flags & (FUNC | AUX | SAY) == 0 {
                let mut m = k;
                let mut ok = false;
                while m > floor && k - m < MAX_PLAIN_MODIFIERS {
                    m -= 1;
                    let tm = &self.d.toks[m];
                    if tm.flags & DET != 0 && tm.flags & FUNC == 0
                        || LEXICON.possessive_markers.has(tm.lower.as_ref())
                    {
                        ok = true;
                        break;
                    }
                    if tm.kind != Kind::Word || tm.cap || tm.flags & (FUNC | AUX | SAY) != 0 {
                        break;
                    }
                }
                if ok {
                    s = m;
                    // "PC World's recent analysis": the possessor of a document joins
                    if self.lower(m) == "'s" {
                        continue;
                    }
                    // "analysis of its own traffic statistics": a preposition links the
                    // phrase to a head before it
                    if m >= floor + 2
                        && LEXICON.prepositions.has(self.lower(m - 1))
                        && self.np_word(m - 2)
                    {
                        s = m - 1;
                        continue;
                    }
                    break;
                }
            }
            break;
        }
        // no preposition or possessive at the left edge
        while s < h && (LEXICON.prepositions.has(self.lower(s)) || self.lower(s) == "'s") {
            s += 1;
        }
        Some((s, end))
    }

    /// A lowercase preposition between two capitalised words of a body's name ("the
    /// Council on Rural Affairs", "the Board on Coastal Affairs"): the word before is a
    /// body's word, or its capitalised run follows "the"; not before a time word ("Lee on
    /// Monday").
    fn preposition_in_name(&self, k: usize) -> bool {
        let t = &self.d.toks[k];
        if k == 0
            || t.kind != Kind::Word
            || t.cap
            || self.d.pos(k) != Upos::Adp
            || !self.d.is_name(k - 1)
            || !self.d.is_name(k + 1)
            || self.d.has(k + 1, TIME)
        {
            return false;
        }
        let mut r = k - 1;
        while r > 0 && k - r < MAX_SPEAKER_WORDS && self.d.is_name(r - 1) {
            r -= 1;
        }
        self.d.has(k - 1, SOURCE_NOUNS) || r > 0 && self.d.is(r - 1, "the")
    }

    /// Whether a person's name ends right before `end`: a first name of the names list and
    /// a capitalised surname.
    fn personal_name_ends(&self, end: usize) -> bool {
        end >= 2
            && self.d.is_name(end - 1)
            && self.d.is_name(end - 2)
            // "Jim Press": a surname may be a word of the press or of a body, not of a state
            && !self.d.has(end - 1, GOV | OFFICIAL)
            && crate::extract::entities::LISTS
                .first_names
                .contains_key(self.lower(end - 2))
    }

    /// The noun phrase that starts at `start`, not reaching `limit`.
    /// "in a report", "in a short statement", "in an interview": an "in" at `e` that opens
    /// the speech act or document a source spoke in, no part of the source's phrase.
    fn speech_act_after_in(&self, e: usize) -> bool {
        if !self.d.is(e, "in") {
            return false;
        }
        let mut k = e + 1;
        while k < self.d.toks.len() && k < e + 5 {
            let t = &self.d.toks[k];
            if t.kind != Kind::Word || t.cap {
                return false;
            }
            if t.flags & (NOUN_CUE | DOC) != 0 {
                return true;
            }
            if t.flags & (DET | ADJ) == 0 && self.d.pos(k) != Upos::Adj {
                return false;
            }
            k += 1;
        }
        false
    }

    /// Where the words of a sentence start after a dateline that opens its paragraph
    /// ("HARRISBURG, Pa. — ", "LONDON (Reuters) - "): the place in capitals, a region
    /// after a comma, an agency in brackets, then a dash. `start` when there is none.
    pub fn after_dateline(&self, start: usize, limit: usize) -> usize {
        let d = self.d;
        let opens_para = start == 0 || d.toks[start - 1].para != d.toks[start].para;
        let caps = |k: usize| {
            d.toks[k].kind == Kind::Word
                && d.toks[k].text.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !d.toks[k].text.chars().any(char::is_lowercase)
        };
        if !opens_para || start >= limit || !caps(start) {
            return start;
        }
        let mut k = start;
        while k < limit && caps(k) {
            k += 1;
        }
        // ", Pa.", ", United Kingdom"
        if k < limit && d.is_punct(k, ",") {
            k += 1;
            let from = k;
            while k < limit && k < from + 4 && (d.toks[k].cap || d.is_punct(k, ".")) {
                k += 1;
            }
        }
        // "(AP)", "(Reuters)"
        if k < limit && d.is_punct(k, "(") {
            let close = (k + 1..limit.min(k + 5)).find(|&c| d.is_punct(c, ")"));
            match close {
                Some(c) => k = c + 1,
                None => return start,
            }
        }
        let dash = k < limit && matches!(d.toks[k].text, "—" | "–" | "-" | "--");
        if dash && k + 1 < limit {
            k + 1
        } else {
            start
        }
    }

    pub fn right_np(&self, start: usize, limit: usize) -> Option<(usize, usize)> {
        let mut e = start;
        let mut head = false;
        let mut any_head = false;
        let mut since = start;
        // a preposition was the last word taken: a determiner may open its object
        let mut after_prep = false;
        if e < limit && self.word(e) && is_pronoun(self.lower(e)) {
            return Some((e, e + 1));
        }
        while e < limit && e - start < MAX_RIGHT_NP_WORDS {
            let t = &self.d.toks[e];
            if t.kind != Kind::Word {
                if t.kind == Kind::Punct
                    && t.text == "."
                    && e > start
                    && (LEXICON.title_abbreviations.has(self.lower(e - 1))
                        || LEXICON.company_suffixes.has(self.lower(e - 1)))
                {
                    e += 1;
                    continue;
                }
                // "Citizens' Election Watch": a plural possessor inside a name
                if head && self.d.plural_possessor_in_name(e) {
                    head = false;
                    since = e + 1;
                    e += 1;
                    continue;
                }
                break;
            }
            let headish =
                |k: usize| self.d.is_name(k) || self.d.has(k, NOUNISH) || self.d.nominal(k);
            // "the Food and Drug Administration": one body's name
            if head && self.d.and_inside_name(e) {
                e += 1;
                continue;
            }
            let prep_before = std::mem::replace(&mut after_prep, false);
            let determiner = t.flags & DET != 0 && t.flags & FUNC == 0
                || self.d.pos(e) == Upos::Det
                || self.d.pos(e) == Upos::Pron && LEXICON.possessives.has(t.lower.as_ref());
            if t.lower == "'s" && head {
                // a possessor: the head comes after it
                head = false;
                since = e + 1;
                e += 1;
            } else if headish(e) && (t.cap || t.flags & FUNC == 0) {
                head = true;
                any_head = true;
                e += 1;
            } else if determiner && (!head || prep_before) {
                e += 1;
            } else if head && self.preposition_in_name(e)
                || (LEXICON.prepositions.has(t.lower.as_ref()) && t.lower != "to" && t.lower != "by"
                || t.lower == "familiar"
                // "an aide to the governor", "Ambassador to the United States"
                || t.lower == "to" && e > start && self.d.has(e - 1, OFFICIAL | ANON))
                    && head
                    && (self.np_word(e + 1) || self.d.is(e + 1, "the") || self.d.is(e + 1, "with"))
                    && !self.speech_act_after_in(e)
            {
                after_prep = true;
                e += 1;
            } else if head
                // "three people briefed on the talks", "officials involved in the plan"
                && self.d.has(e - 1, ANON | OFFICIAL)
                && LEXICON.insider_participles.has(self.lower(e))
                && matches!(self.lower(e + 1), "on" | "in" | "about" | "with" | "of")
                && (self.np_word(e + 2) || self.d.has(e + 2, DET))
            {
                after_prep = true;
                e += 2;
            } else if !t.cap
                && t.flags & (FUNC | AUX | SAY | DATA | BELIEF | WEAK) == 0
                // a determiner after a head starts another phrase ("told CBC the agency …")
                && !(head && determiner)
                && (e - since < MAX_PLAIN_MODIFIERS && !head
                    || head && headish(e + 1) && !self.d.has(e + 1, FUNC)
                    || head && !self.d.has(e + 1, FUNC) && headish(e + 2) && self.word(e + 1))
            {
                // adjectives before the head ("the gathered crowd", "auto manufacturer")
                e += 1;
            } else {
                break;
            }
        }
        while e > start
            && !(self.d.is_name(e - 1) || self.d.has(e - 1, NOUNISH) || self.d.nominal(e - 1))
        {
            e -= 1;
        }
        (any_head && e > start).then_some((start, e))
    }

    /// The content before a subject that follows it (", she said" / "“…,” said X").
    fn backward_content(&self, s: usize, before: usize) -> Option<(usize, usize)> {
        let (a, _) = self.d.sents[s];
        let mut p = before;
        // skip ", " and the closing mark
        let mut comma = false;
        if p > a && self.d.is_punct(p - 1, ",") {
            p -= 1;
            comma = true;
        }
        while p > a && !self.d.is_quote(p - 1) && matches!(self.d.toks[p - 1].text, "'" | "’" | "‘")
        {
            p -= 1;
        }
        if p > 0 {
            if let Some(q) = self.d.closing_quote(p - 1) {
                return Some((q.open, q.close + 1));
            }
        }
        let cs = self.content_start(s);
        if comma && p > cs {
            return self.fix_content(cs, p);
        }
        None
    }

    fn push(&mut self, c: Cand) {
        if let (Subject::Mention(ms, me), Some(_), None) = (c.subject, c.cue, c.via) {
            for (x, y) in self.conjuncts(c.sent, ms, me) {
                let mut other = c.clone();
                other.subject = Subject::Mention(x, y);
                self.out.push(other);
            }
        }
        self.out.push(c);
    }

    /// The head of a description: the word before its first preposition or relative.
    pub fn head(&self, ms: usize, me: usize) -> usize {
        // "Ann Lee for Food Standards Australia": a name, then the body she speaks for
        let flagged = |k: usize| {
            self.d
                .has(k, NOUNISH | OFFICIAL | EXPERT | MEDIA | ORG | GOV)
        };
        if let Some(j) = (ms + 2..me).find(|&j| LEXICON.head_ends.has(self.lower(j))) {
            if (ms..j).all(|k| self.d.is_name(k) && !flagged(k)) {
                return j - 1;
            }
        }
        // "Commissioner for Trade Ann Lee": a full name at the end (not a place after a
        // preposition: "Rep. Ann Lee of New York")
        if me >= ms + 3
            && self.d.is_name(me - 1)
            && self.d.is_name(me - 2)
            && !self.d.has(me - 1, NOUNISH)
            && !LEXICON.prepositions.has(self.lower(me - 3))
        {
            return me - 1;
        }
        // "Undersecretary for Education Mr. Bianchi": an honorific starts the name
        let honorific = |k: usize| LEXICON.title_abbreviations.has(self.lower(k));
        if me >= ms + 2 && self.d.is_name(me - 1) {
            if honorific(me - 2) {
                return me - 1;
            }
            if me >= ms + 3 && self.d.is_punct(me - 2, ".") && honorific(me - 3) {
                return me - 1;
            }
        }
        for j in ms + 1..me {
            if LEXICON.head_ends.has(self.lower(j)) {
                // "a report released last month by X", "released in September by X": the
                // noun before the participle and the time phrase
                let by = (j..me.min(j + 4))
                    .find(|&b| self.lower(b) == "by")
                    .filter(|&b| self.time_phrase_start(b, ms) <= j);
                if let Some(j) = by {
                    let mut k = self.time_phrase_start(j, ms);
                    if k > ms + 1 && self.participle(k - 1) {
                        k -= 1;
                    }
                    if k > ms && k < j && self.d.has(k - 1, NOUNISH) {
                        return k - 1;
                    }
                }
                // "people briefed on the talks": the noun before an insider's participle
                if j >= ms + 2 && LEXICON.insider_participles.has(self.lower(j - 1)) {
                    return j - 2;
                }
                return j - 1;
            }
        }
        me.saturating_sub(1).max(ms)
    }
}

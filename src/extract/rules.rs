//! The rules that find attributions: reporting verbs with their subject and content,
//! "according to", citing chains, hedges, documents and data, and quotations that continue
//! an earlier speaker. Each candidate keeps token ranges; labels come later (`label.rs`).

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
/// The most words an aside in parentheses between a source and its verb may hold.
const MAX_ASIDE_WORDS: usize = 4;

/// The end of a content without punctuation, or a connective left dangling by a cut, at
/// its end.
fn trim_end(d: &Doc, cs: usize, ce: usize) -> usize {
    let mut ce = ce;
    while ce > cs {
        let t = &d.toks[ce - 1];
        let dangling = t.kind == Kind::Word
            && !d.inside_quote(ce - 1)
            && matches!(
                t.lower.as_ref(),
                "which" | "who" | "and" | "but" | "with" | "the" | "while" | "whereas" | "although"
            );
        if t.kind == Kind::Punct && matches!(t.text, "." | "," | ";" | ":") || dangling {
            ce -= 1;
        } else {
            break;
        }
    }
    ce
}

impl Cand {
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
        self.out.sort_by_key(|c| c.pos);
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
                && matches!(self.lower(j + 1), "and" | "but")
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
            let o = (p.saturating_sub(MAX_ASIDE_WORDS + 1).max(floor + 1)..p)
                .rev()
                .find(|&o| self.d.is_punct(o, "("))?;
            let aside_word =
                |j: usize| self.word(j) || self.d.is_punct(j, ".") || self.d.is_punct(j, "-");
            return (o > floor && (o + 1..p).all(aside_word)).then_some(o);
        }
        if t.kind != Kind::Word {
            return None;
        }
        // "A and B both said": a floating quantifier after a noun phrase
        if matches!(t.lower.as_ref(), "both" | "all" | "each")
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
            && matches!(
                self.lower(p - 1),
                "last" | "this" | "next" | "earlier" | "later"
            )
        {
            return Some(p - 1);
        }
        // "in a statement", "in an interview on Monday"
        if t.flags & NOUN_CUE != 0 && p >= floor + 3 {
            let det = p - 1;
            let prep = det - 1;
            if self.d.has(det, DET) && matches!(self.lower(prep), "in" | "during") {
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
                    || matches!(t.lower.as_ref(), "twice" | "once"))
        })
    }

    /// A token that can open a reported clause or quotation.
    fn clause_like(&self, c0: usize) -> bool {
        self.d.is_quote(c0)
            || self.d.is(c0.saturating_sub(1), "that")
            || self.d.has(c0, DET) && !self.d.has(c0, FUNC)
            || matches!(self.lower(c0), "no" | "there" | "it" | "this" | "that")
            || is_pronoun(self.lower(c0))
            || self.d.is_name(c0)
    }

    fn content_has_quote(&self, c: Option<(usize, usize)>) -> bool {
        c.is_some_and(|(a, b)| (a..b).any(|i| self.d.speech_mark(i)))
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
    pub fn left_np(&self, end: usize, floor: usize, strong: bool) -> Option<(usize, usize)> {
        if end == 0 || end <= floor {
            return None;
        }
        let h = end - 1;
        let t = &self.d.toks[h];
        if t.kind != Kind::Word || self.d.inside_quote(h) {
            return None;
        }
        if is_pronoun(&t.lower) {
            return (!matches!(t.lower.as_ref(), "him" | "them")).then_some((h, end));
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
        let mut s = h;
        while s > floor && h - s < MAX_LEFT_NP_WORDS {
            let k = s - 1;
            let tk = &self.d.toks[k];
            if self.d.inside_quote(k) && !self.d.is_quote(k) {
                break;
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
            if tk.kind == Kind::Punct
                && tk.text == "."
                && k > floor
                && LEXICON.title_abbreviations.has(self.lower(k - 1))
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
            if tk.lower == "to" && self.d.is(k - 1, "close") {
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
                while m > floor && k - m < 3 {
                    m -= 1;
                    let tm = &self.d.toks[m];
                    if tm.flags & DET != 0 && tm.flags & FUNC == 0
                        || matches!(tm.lower.as_ref(), "'s" | "its" | "their")
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

    /// The noun phrase that starts at `start`, not reaching `limit`.
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
                    && LEXICON.title_abbreviations.has(self.lower(e - 1))
                {
                    e += 1;
                    continue;
                }
                break;
            }
            let headish =
                |k: usize| self.d.is_name(k) || self.d.has(k, NOUNISH) || self.d.nominal(k);
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
            } else if (LEXICON.prepositions.has(t.lower.as_ref()) && t.lower != "to" && t.lower != "by"
                || t.lower == "familiar"
                // "an aide to the governor", "Ambassador to the United States"
                || t.lower == "to" && e > start && self.d.has(e - 1, OFFICIAL | ANON))
                && head
                && (self.np_word(e + 1) || self.d.is(e + 1, "the") || self.d.is(e + 1, "with"))
            {
                after_prep = true;
                e += 1;
            } else if !t.cap
                && t.flags & (FUNC | AUX | SAY | DATA | BELIEF | WEAK) == 0
                // a determiner after a head starts another phrase ("told CBC the agency …")
                && !(head && determiner)
                && (e - since < 3 && !head
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

    /// Who issued a statement or document that ends at `np`: the subject of the verb right
    /// before it ("the firm issued a statement saying …").
    fn issuer(&self, np: (usize, usize), floor: usize) -> Option<(usize, usize)> {
        let h = self.head(np.0, np.1);
        if !self.d.has(h, NOUN_CUE | DOC) || np.0 <= floor + 1 {
            return None;
        }
        let v = np.0 - 1;
        if self.d.pos(v) != Upos::Verb {
            return None;
        }
        let mut k = v;
        while k > floor && (self.d.has(k - 1, AUX) || self.adverb(k - 1)) {
            k -= 1;
        }
        self.left_np(k, floor, false)
    }

    /// Before a short aside in parentheses that ends right before `e` ("the Central Bank
    /// (CB)"): where the phrase before it ends; else `e`.
    fn skip_aside(&self, e: usize, floor: usize) -> usize {
        if e > floor && self.d.is_punct(e - 1, ")") {
            if let Some(o) = (e.saturating_sub(MAX_ASIDE_WORDS + 2).max(floor)..e - 1)
                .rev()
                .find(|&o| self.d.is_punct(o, "("))
            {
                return o;
            }
        }
        e
    }

    /// The other sources coordinated with a subject ("A, B and C said", "said A and B"):
    /// each gets an attribution of its own. A phrase after a preposition ("At noon, A and B
    /// said") is no source.
    fn conjuncts(&self, s: usize, ms: usize, me: usize) -> Vec<(usize, usize)> {
        let (a, b) = self.d.sents[s];
        let mut out = Vec::new();
        let source_like = |np: (usize, usize)| {
            let h = self.head(np.0, np.1);
            self.d.is_name(h) || self.d.has(h, NOUNISH) && !self.d.has(h, DOC)
        };
        // "the president and chief executive of Acme": a lowercase title after "and"
        let title_after_and = !self.d.toks[ms].cap && !self.d.has(ms, DET);
        if ms > a + 1 && self.d.is(ms - 1, "and") && !title_after_and {
            let mut e = ms - 1;
            if self.d.is_punct(e - 1, ",") {
                e -= 1;
            }
            e = self.skip_aside(e, a);
            // "the president and chief executive of Acme": titles joined, one person
            let titles_joined = |np: (usize, usize)| {
                !self.d.is_name(self.head(np.0, np.1))
                    && !self.d.has(np.0, DET)
                    && !is_pronoun(self.lower(np.0))
            };
            while let Some(np) = self
                .left_np(e, a, false)
                .filter(|&np| source_like(np) && !titles_joined(np))
            {
                let mut np = np;
                if self.d.is(np.0, "both") {
                    np.0 += 1;
                }
                let before = np.0.checked_sub(1).filter(|&p| p >= a);
                if before
                    .is_some_and(|p| LEXICON.prepositions.has(self.lower(p)) || self.d.is(p, "at"))
                {
                    break;
                }
                out.push(np);
                match before {
                    Some(p) if self.d.is_punct(p, ",") && out.len() < MAX_CONJUNCTS => {
                        e = self.skip_aside(p, a)
                    }
                    _ => break,
                }
            }
            // "At noon, A, B and C said": the opening phrase is no conjunct
            if let Some(&last) = out.last() {
                if last.0 > a && self.d.is_punct(last.0 - 1, ",") {
                    let first = self.d.sents[s].0;
                    if LEXICON.prepositions.has(self.lower(first)) || self.d.is(first, "at") {
                        out.pop();
                    }
                }
            }
        }
        if me < b && self.d.is(me, "and") {
            if let Some(np) = self.right_np(me + 1, b).filter(|&np| source_like(np)) {
                out.push(np);
            }
        }
        out
    }

    fn verb(&mut self, s: usize, i: usize) {
        let (a, _b) = self.d.sents[s];
        let t = &self.d.toks[i];
        let mut f = t.flags;
        let lower = t.lower.to_string();
        // a multiword cue ("pointed out", "went on to say"): a cue only with its phrase
        let phrase = LEXICON.phrase_at(&lower, |k| {
            self.d
                .toks
                .get(i + 1 + k)
                .filter(|t| t.kind == Kind::Word)
                .map(|t| t.lower.as_ref())
        });
        let out = match phrase {
            Some((n, bits)) => {
                // the phrase decides the class: no hearer follows "warned of"
                f = (f & !TELL) | bits;
                n
            }
            None if f & PHRASE != 0 && f & (SAY | WEAK | BELIEF | DATA) == 0 => return,
            None => 0,
        };
        // "300 pledged delegates", "a blog post": a cue word inside a noun phrase, read by
        // the tagger as a modifier before a noun or as a noun after a determiner
        let modifier = self.d.pos(i) == Upos::Adj && self.d.nominal(i + 1);
        let noun_after_det = self.d.pos(i) == Upos::Noun
            && i > a
            && (matches!(self.d.pos(i - 1), Upos::Det | Upos::Adj | Upos::Noun)
                || LEXICON.possessives.has(self.lower(i - 1)));
        // "that" or a colon right after the word makes it a verb whatever its tag
        let clause_next = f & SAY != 0 && (self.d.is(i + 1, "that") || self.d.is_punct(i + 1, ":"));
        if out == 0 && (modifier || noun_after_det) && !clause_next {
            return;
        }
        let participle = lower.ends_with("ing");
        // a capitalised verb inside a sentence is part of a name ("United States")
        if t.cap && i != a && !self.d.is_quote(i - 1) {
            return;
        }
        if i > a {
            let p = &self.d.toks[i - 1];
            // "A and B both report": a floating quantifier, not a determiner
            let floating = self.time_phrase_before(i, a) == Some(i - 1);
            if p.flags & DET != 0 && p.flags & FUNC == 0 && !floating
                || matches!(
                    p.lower.as_ref(),
                    "to" | "of"
                        | "for"
                        | "on"
                        | "with"
                        | "the"
                        | "a"
                        | "an"
                        | "by"
                        | "his"
                        | "her"
                        | "its"
                        | "their"
                        | "our"
                )
            {
                return;
            }
        }
        if self.d.is(i + 1, "by") && !(i > 0 && is_pronoun(self.lower(i - 1))) {
            self.passive_agent(s, i);
            return;
        }
        // auxiliaries and adverbs before the verb
        let mut k = i;
        loop {
            if k > a
                && i - k < MAX_VERB_GROUP_WORDS
                && (self.d.has(k - 1, AUX) || self.adverb(k - 1))
                && !is_pronoun(self.lower(k - 1))
            {
                k -= 1;
            } else if let Some(t) = self.time_phrase_before(k, a) {
                k = t;
            } else {
                break;
            }
        }
        if (k..i).any(|j| matches!(self.lower(j), "not" | "n't" | "never" | "n’t")) {
            return;
        }
        if f & (SAY | WEAK) == 0
            && f & BELIEF != 0
            && lower.ends_with('s')
            && i > a
            && matches!(
                self.lower(i - 1),
                "has" | "have" | "had" | "no" | "high" | "great"
            )
        {
            // "has hopes": a noun
            return;
        }
        let modal = (k..i).any(|j| {
            matches!(
                self.lower(j),
                "would" | "will" | "could" | "may" | "might" | "should" | "can" | "must"
            )
        });
        let passive = !participle && (k..i).any(|j| LEXICON.be_forms.has(self.lower(j)));
        if f & (SAY | WEAK | BELIEF | DATA) == 0 && !passive {
            return;
        }
        let mut cue_start = i;
        while cue_start > k && LEXICON.cue_auxiliaries.has(self.lower(cue_start - 1))
            || cue_start > k && LEXICON.be_forms.has(self.lower(cue_start - 1)) && passive
        {
            cue_start -= 1;
        }
        if passive {
            self.passive(s, k, cue_start, i);
            return;
        }
        if f & (SAY | WEAK | BELIEF) == 0 && f & DATA != 0 {
            // data verbs need a document or expert subject
            // "Results of the studies, published in 1989, show"
            let np = self.left_np(k, a, false).or_else(|| {
                let l = k
                    .checked_sub(1)
                    .filter(|&l| l > a && self.d.is_punct(l, ","))?;
                let c2 = (l.saturating_sub(16).max(a)..l)
                    .rev()
                    .find(|&c| self.d.is_punct(c, ","))?;
                self.left_np(c2, a, false)
            });
            let Some((ms, me)) = np else {
                return;
            };
            let docish = (ms..me).any(|j| self.d.has(j, DOC));
            let expert = (ms..me).any(|j| self.d.has(j, EXPERT));
            if !docish && !expert {
                return;
            }
            let ce = self.content_end(s);
            let content = self.fix_content(i + 1, ce);
            if content.is_none()
                || LEXICON.prepositions.has(self.lower(i + 1))
                || self.d.has(i + 1, FUNC) && !self.d.is(i + 1, "that")
            {
                return;
            }
            self.push(Cand {
                cue: Some((cue_start, i + 1)),
                content,
                document: docish,
                ..Cand::new(
                    Subject::Mention(ms, me),
                    if docish {
                        Rule::DocumentVerb
                    } else {
                        Rule::ExpertFinding
                    },
                    s,
                    cue_start,
                )
            });
            return;
        }
        let strong = f & (SAY | WEAK) != 0 && f & NOUNY == 0;
        // ", however, has expressed": skip a parenthetical adverb
        while k >= a + 3
            && self.d.is_punct(k - 1, ",")
            && self.d.has(k - 2, AUX)
            && self.d.is_punct(k - 3, ",")
        {
            k -= 3;
            while k > a
                && i - k < MAX_VERB_GROUP_WORDS
                && self.d.has(k - 1, AUX)
                && !is_pronoun(self.lower(k - 1))
            {
                k -= 1;
            }
        }
        let left = if k > a { Some(k - 1) } else { None };
        let participle = participle && !(k..i).any(|j| LEXICON.be_forms.has(self.lower(j)));
        let mut subject = None;
        let mut appos = None;
        let mut inverted = false;
        match left {
            None => {
                if participle {
                    subject = Some(Subject::Inherit);
                } else if let Some(np) = self.right_np(i + 1, self.d.sents[s].1) {
                    subject = Some(Subject::Mention(np.0, np.1));
                    inverted = true;
                }
            }
            Some(l) => {
                let ll = self.lower(l).to_string();
                if participle && !self.d.is_punct(l, ",") {
                    // "whilst promising", "before adding"; "people claiming asylum" is no report
                    if matches!(
                        ll.as_str(),
                        "whilst" | "while" | "when" | "after" | "before" | "by" | "and" | "also"
                    ) {
                        subject = Some(Subject::Inherit);
                    } else if let Some(np) = self.left_np(k, a, false) {
                        // "with Lee stating: …", "the government recommending “…”"
                        let c0 = i + 1 + usize::from(self.d.is_punct(i + 1, ":"));
                        if self.clause_like(c0) {
                            subject = Some(Subject::Mention(np.0, np.1));
                            // "the firm issued a statement saying …": the statement's issuer
                            if let Some(issuer) = self.issuer(np, a) {
                                subject = Some(Subject::Mention(issuer.0, issuer.1));
                            }
                        }
                    }
                } else if matches!(ll.as_str(), "and" | "but" | "or" | "then") {
                    // "encouraged to submit designs and suggest …": an infinitive, no report
                    let infinitive = (l.saturating_sub(6).max(a)..l).rev().any(|j| {
                        self.d.is(j, "to")
                            && self.word(j + 1)
                            && !self.d.toks[j + 1].cap
                            && !self.d.has(j + 1, DET | FUNC)
                            && (j + 1..l).all(|m| self.word(m))
                    });
                    if f & (SAY | WEAK) != 0 && !modal && f & NOUNY == 0 && !infinitive {
                        subject = Some(Subject::Inherit);
                    }
                } else if matches!(ll.as_str(), "who" | "which") && !self.d.is_name(l) {
                    let e = if l > a && self.d.is_punct(l - 1, ",") {
                        l - 1
                    } else {
                        l
                    };
                    if let Some(np) = self.left_np(e, a, strong) {
                        subject = Some(Subject::Mention(np.0, np.1));
                    }
                } else if self.d.is_punct(l, ",") || self.d.closing_quote(l).is_some() {
                    let after_np = self.right_np(i + 1, self.d.sents[s].1);
                    // "X, the president, denied any idea": no clause before the comma, so
                    // the phrase after the verb is its object, not an inverted subject
                    let clause_before = self.d.closing_quote(l).is_some()
                        || (a..l).any(|j| {
                            matches!(self.d.pos(j), Upos::Verb | Upos::Aux | Upos::X)
                                && self.word(j)
                        });
                    if participle && self.d.is_punct(l, ",") {
                        subject = Some(Subject::Inherit);
                    } else if let Some(np) = after_np.filter(|&(_, e)| {
                        f & BELIEF == 0
                            && clause_before
                            && (e >= self.content_end(s)
                                || self.d.closing_quote(l).is_some()
                                || matches!(self.lower(e), "who" | "which" | "whose" | "from")
                                // "…, said the committee in a report on Friday."
                                || self.d.pos(e) == Upos::Adp
                                    && !(e..self.content_end(s)).any(|j| {
                                        matches!(self.d.pos(j), Upos::Aux)
                                            || self.d.pos(j) == Upos::Verb
                                                && !self.lower(j).ends_with("ed")
                                    })
                                || self.d.is_punct(e, ",")
                                || self.d.is_punct(e, "."))
                    }) {
                        subject = Some(Subject::Mention(np.0, np.1));
                        inverted = true;
                    } else if self.d.is_punct(l, ",") {
                        // "X, the president, said" (an apposition between commas, which may
                        // itself hold commas), or "X for Y, says" (the whole opening phrase)
                        let mut commas: Vec<usize> = (l.saturating_sub(MAX_APPOSITION_REACH).max(a)
                            ..l)
                            .filter(|&c| self.d.is_punct(c, ","))
                            .collect();
                        commas.reverse();
                        for c in commas
                            .into_iter()
                            .take(3)
                            .chain(std::iter::once(usize::MAX))
                        {
                            let (ap, np) = if c == usize::MAX {
                                // "The security firm Acme.com, has said": a stray comma
                                // after the opening subject, before an auxiliary
                                match self.left_np(l, a, k < i) {
                                    Some(np)
                                        if np.0 == a
                                            && (self.d.is_name(self.head(np.0, np.1)) || k < i) =>
                                    {
                                        (None, np)
                                    }
                                    _ => break,
                                }
                            } else {
                                let ap = (c + 1, l);
                                let ap_ok = ap.0 < ap.1
                                    && (ap.0..ap.1).all(|j| {
                                        !self.d.is_quote(j)
                                            && (self.d.toks[j].cap
                                                || !self.d.has(j, SAY | BELIEF)
                                                // a noun after "in", "a": "in remarks to"
                                                || j > ap.0
                                                    && (LEXICON.prepositions.has(self.lower(j - 1))
                                                        || self.d.has(j - 1, DET))
                                                // a passive aside: "first reported by X"
                                                || self.d.is(j + 1, "by"))
                                    })
                                    && (self.d.has(ap.0, DET | NOUNISH)
                                        || self.d.is_name(ap.0)
                                        || self.d.nominal(ap.0)
                                        || LEXICON.prepositions.has(self.lower(ap.0))
                                        || matches!(self.lower(ap.0), "who" | "which")
                                        // "Charities, such as Acme Aid, said"
                                        || self.d.is(ap.0, "such") && self.d.is(ap.0 + 1, "as")
                                        || matches!(self.lower(ap.0), "including" | "like")
                                        // "The suit, filed in May, claims"
                                        || self.d.pos(ap.0) == Upos::Verb
                                        // "The memo, first reported by the paper, says"
                                        || self.d.pos(ap.0) == Upos::Adv
                                            && self.d.pos(ap.0 + 1) == Upos::Verb
                                        || self.lower(ap.0).ends_with("ing"));
                                // "the Union of Teachers (UT), Anna Berg,": skip the acronym
                                let mut end = c;
                                if c > a + 2 && self.d.is_punct(c - 1, ")") {
                                    if let Some(o) = (c.saturating_sub(5).max(a)..c - 1)
                                        .rev()
                                        .find(|&o| self.d.is_punct(o, "("))
                                    {
                                        end = o;
                                    }
                                }
                                match self.left_np(end, a, strong).filter(|_| ap_ok) {
                                    Some(np) => (Some(ap), np),
                                    None => continue,
                                }
                            };
                            let name_head = |x: (usize, usize)| {
                                self.d.is_name(self.head(x.0, x.1)) || is_pronoun(self.lower(x.0))
                            };
                            if let Some(ap) = ap {
                                // "A third carmaker, Acme Motors (AM), has said"
                                // ("the senator, a Democrat from Ohio,": an indefinite
                                // apposition describes, it does not name)
                                let describes = matches!(self.lower(ap.0), "a" | "an");
                                if let Some(n2) = self
                                    .right_np(ap.0, ap.1)
                                    .filter(|&x| !describes && !name_head(np) && name_head(x))
                                {
                                    subject = Some(Subject::Mention(n2.0, n2.1));
                                    appos = Some(np);
                                    break;
                                }
                                if !name_head(np) && self.d.is_name(ap.0) {
                                    continue;
                                }
                            }
                            subject = Some(Subject::Mention(np.0, np.1));
                            appos = ap;
                            break;
                        }
                    }
                } else if let Some(np) = self.left_np(k, a, strong) {
                    subject = Some(Subject::Mention(np.0, np.1));
                    // "Freedonia's Prime Minister, Ann Lee said"
                    if np.0 >= a + 2
                        && self.d.is_punct(np.0 - 1, ",")
                        && self.d.has(np.0 - 2, OFFICIAL | ORG | EXPERT)
                    {
                        appos = self.left_np(np.0 - 1, a, false);
                    }
                }
            }
        }
        let Some(mut subject) = subject else { return };
        // an interviewer's question ("Can you describe …?") reports no claim
        let (content, rule) = if inverted {
            let Subject::Mention(ms, me) = subject else {
                return;
            };
            // an apposition after the inverted subject: ", said Jane Doe, a spokeswoman."
            if self.d.is_punct(me, ",") {
                if let Some(ap) = self.right_np(me + 1, self.d.sents[s].1) {
                    // ", said the secretary of the union, Ann Lee": the name is the source
                    let named = |x: (usize, usize)| self.d.is_name(self.head(x.0, x.1));
                    if !named((ms, me)) && named(ap) && ap.1 >= self.content_end(s) {
                        subject = Subject::Mention(ap.0, ap.1);
                        appos = Some((ms, me));
                    } else {
                        appos = Some(ap);
                    }
                }
            }
            let c = self.backward_content(s, cue_start);
            let quoted = c.is_some_and(|(x, _)| self.d.is_quote(x));
            (
                c,
                if quoted {
                    Rule::QuoteThenSpeaker
                } else {
                    Rule::ContentThenSpeaker
                },
            )
        } else {
            self.forward_or_backward(s, i + out, subject, f)
        };
        let Some(content) = content else { return };
        // "asks the government to reconsider", "urged officials to", "called on X to": an
        // infinitive after a hearer is a request, not a claim
        if content.0 >= i + 1 + out
            && self.d.is(content.0, "to")
            && !self.d.is_quote(content.0 + 1)
            && !self.lower(content.0 + 1).ends_with("ing")
            && !self.d.has(content.0 + 1, DET)
        {
            return;
        }
        if f & NOUNY != 0 && !inverted && content.0 > i && !self.clause_like(content.0) {
            // "asylum claims rose": the content must open like a clause
            return;
        }
        if f & OBJ != 0 && out == 0 && LEXICON.prepositions.has(self.lower(i + 1)) {
            // "the weight compared to steel": a participle before a preposition
            return;
        }
        // "the update adds features": without a quotation, "that" or a verb the content of
        // a clause verb is an object, not a claim
        let clause_end = (content.0..content.1)
            .find(|&j| self.d.is_punct(j, ",") && !self.d.inside_quote(j))
            .unwrap_or(content.1);
        if f & CLAUSE != 0
            && !inverted
            && content.0 > i
            && !self.content_has_quote(Some((content.0, clause_end)))
            && !self.d.is(content.0.saturating_sub(1), "that")
            && !(content.0..clause_end).any(|j| {
                self.d.pos(j) == Upos::Aux
                    || matches!(self.d.pos(j), Upos::Verb | Upos::X)
                        && !self.lower(j).ends_with("ing")
            })
        {
            return;
        }
        if f & (SAY | WEAK) == 0 && modal {
            // "investors may worry that": an expectation, not a report
            return;
        }
        if f & OBJ_AS != 0
            && !(content.0..content.1).any(|j| self.d.is(j, "as") || self.d.is(j, "that"))
            && !self.content_has_quote(Some(content))
        {
            return;
        }
        if f & OBJ != 0 && content.0 == i + 1 + out {
            // "compared the crisis to a flood": the object phrase is the content
        } else if f & (SAY | BELIEF) == 0
            && !self.content_has_quote(Some(content))
            && !self.d.is(content.0.saturating_sub(1), "that")
        {
            return;
        }
        if f & SAY == 0 && f & BELIEF != 0 {
            // beliefs: an explicit subject and a clause of a few words
            if !matches!(subject, Subject::Mention(..)) || content.1 - content.0 < 3 {
                return;
            }
        }
        let document = match subject {
            Subject::Mention(ms, me) => {
                let h = self.head(ms, me);
                self.d.has(h, DOC) && !self.d.has(h, OFFICIAL | EXPERT | PUBLIC)
            }
            _ => false,
        };
        self.push(Cand {
            cue: Some((cue_start, i + 1 + out)),
            content: Some(content),
            appos,
            hedged: f & CLAIM != 0,
            document,
            belief: f & (SAY | WEAK) == 0,
            ..Cand::new(
                subject,
                if document {
                    Rule::DocumentVerb
                } else if matches!(subject, Subject::Inherit) {
                    Rule::SharedSubject
                } else {
                    rule
                },
                s,
                cue_start,
            )
        });
    }

    /// The head of a description: the word before its first preposition or relative.
    pub fn head(&self, ms: usize, me: usize) -> usize {
        // "Commissioner for Trade Ann Lee": a full name at the end
        if me >= ms + 3
            && self.d.is_name(me - 1)
            && self.d.is_name(me - 2)
            && !self.d.has(me - 1, NOUNISH)
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
            if matches!(
                self.lower(j),
                "of" | "in" | "at" | "for" | "from" | "with" | "familiar" | "who" | "by" | "close"
            ) {
                return j - 1;
            }
        }
        me.saturating_sub(1).max(ms)
    }

    fn forward_or_backward(
        &self,
        s: usize,
        i: usize,
        subject: Subject,
        f: u64,
    ) -> (Option<(usize, usize)>, Rule) {
        let ce = self.content_end(s);
        let ms = match subject {
            Subject::Mention(ms, _) => Some(ms),
            _ => None,
        };
        let (a, _) = self.d.sents[s];
        let subject_after_comma = ms.is_some_and(|m| {
            let mut p = m;
            while p > a
                && !self.d.is_quote(p - 1)
                && matches!(self.d.toks[p - 1].text, "'" | "’" | "‘")
            {
                p -= 1;
            }
            p > a && (self.d.is_punct(p - 1, ",") || self.d.closing_quote(p - 1).is_some())
        });
        // look ahead for "that", a colon or an opening mark
        let mut start = None;
        let mut j = i + 1;
        while j < ce && j <= i + MAX_LEAD_IN_WORDS {
            let t = &self.d.toks[j];
            // "that" as a complementizer, not the relative pronoun after a noun ("announced
            // the sites that would …") nor a demonstrative ("that deal")
            // (a time word before it leaves it a complementizer: "said last month that")
            let relative = self.d.pos(j) == Upos::Pron
                && (self.d.nominal(j - 1) || self.d.is_name(j - 1))
                && !self.d.has(j - 1, TIME | TIME_UNIT);
            if t.lower == "that" && j <= i + MAX_THAT_DISTANCE && !relative {
                start = Some((j + 1, Rule::SpeakerSaidThat));
                break;
            }
            // "said, however, that …", "explains, in a satirical way, that …": an adverb or a
            // short phrase without a verb between commas
            if t.kind == Kind::Punct && t.text == "," {
                let close = (j + 2..(j + 2 + MAX_ASIDE_WORDS).min(ce))
                    .find(|&c| self.d.is_punct(c, ","))
                    .filter(|&c| {
                        self.d.is(c + 1, "that")
                            && (j + 1..c).all(|m| {
                                self.word(m) && !matches!(self.d.pos(m), Upos::Verb | Upos::Aux)
                            })
                    });
                if let Some(c) = close {
                    j = c + 1;
                    continue;
                }
            }
            if t.kind == Kind::Punct && t.text == ":" {
                if self.d.opening_quote(j + 1).is_some() {
                    start = Some((j + 1, Rule::ColonLeadIn));
                }
                break;
            }
            if let Some(_q) = self.d.opening_quote(j) {
                // "says on “The Countdown” website": a title after a preposition
                let titled = subject_after_comma
                    && matches!(self.lower(j - 1), "on" | "in" | "at" | "from" | "to");
                if !titled && (j <= i + 2 || self.d.is_punct(j - 1, ",")) {
                    start = Some((j, Rule::SpeakerThenQuote));
                }
                break;
            }
            if t.kind == Kind::Punct && t.text == "," {
                if self.d.opening_quote(j + 1).is_some() {
                    start = Some((j + 1, Rule::SpeakerThenQuote));
                } else if self.d.is(j + 1, "which")
                    && self.d.has(j + 2, SAY | DATA)
                    && (self.d.is_punct(j + 3, ":") || self.d.is_punct(j + 3, ","))
                    && self.d.opening_quote(j + 4).is_some()
                {
                    // "in an email, which reads: “…”": the quotation is the content
                    start = Some((j + 4, Rule::ColonLeadIn));
                }
                break;
            }
            if t.flags & (SAY | CITE) != 0 && t.kind == Kind::Word {
                break;
            }
            j += 1;
        }
        // ", she said, adding …" / ", she said on Monday."
        let rest_words = (i + 1..ce).filter(|&j| self.word(j)).count();
        // after "told": the hearer first ("told reporters on Monday")
        let t0 = if f & TELL == 0 {
            i + 1
        } else if LEXICON.hearers.has(self.lower(i + 1)) {
            i + 2
        } else {
            self.right_np(i + 1, ce).map_or(i + 1, |(_, e)| e)
        };
        let tail_words = (t0..ce).filter(|&j| self.word(j)).count();
        let tail_is_adjunct = start.is_none()
            && (rest_words == 0
                || (tail_words <= 4 && !(t0..ce).any(|j| self.d.is_quote(j))
                    // "…,” she said in “The Morning Show” interview."
                    || tail_words <= 6 && matches!(self.lower(t0), "on" | "in" | "at" | "from"))
                    && (t0 >= ce || self.d.has(t0, FUNC) || LEXICON.prepositions.has(self.lower(t0)))
                    && !self.d.is(t0, "that")
                || self.d.is_punct(i + 1, ";")
                // "…,” she said in an interview with the paper on Monday."
                || start.is_none()
                    && matches!(self.lower(t0), "in" | "during")
                    && (t0 + 1..(t0 + 4).min(ce)).any(|j| self.d.has(j, NOUN_CUE))
                    && !(t0..ce).any(|j| self.d.is_quote(j))
                || self.d.is_punct(i + 1, ",")
                    && self.d.has(i + 2, SAY)
                    && self.lower(i + 2).ends_with("ing")
                // "…, the minister said, according to the paper."
                || self.d.is_punct(i + 1, ",")
                    && self.d.is(i + 2, "according")
                    && self.d.is(i + 3, "to"));
        // "“A,” she said, “B.”": the quotation before the speaker is the content; the one
        // after continues it (`continuations`)
        let quote_before = ms.is_some_and(|m| {
            let p = if m > a && self.d.is_punct(m - 1, ",") {
                m - 1
            } else {
                m
            };
            p > a && self.d.closing_quote(p - 1).is_some()
        });
        let split_quote = quote_before
            && start
                .is_some_and(|(x, r)| r == Rule::SpeakerThenQuote && self.d.is_punct(x - 1, ","));
        if subject_after_comma && (tail_is_adjunct || split_quote) {
            if let Some(m) = ms {
                let c = self.backward_content(s, m);
                let quoted = c.is_some_and(|(x, _)| self.d.is_quote(x));
                return (
                    c,
                    if quoted {
                        Rule::QuoteThenSpeaker
                    } else {
                        Rule::ContentThenSpeaker
                    },
                );
            }
        }
        if start.is_none() && subject_after_comma && self.d.is_punct(i + 1, ",") && rest_words > 2 {
            // "His plan, he stated, was …" and "“…,” he said, “…”"
            let cs = self.content_start(s);
            return (self.fix_content(cs, ce), Rule::Parenthetical);
        }
        let (cs, rule) = match start {
            Some(x) => x,
            None => {
                let mut cs = i + 1;
                if f & TELL != 0 {
                    // the hearer: "told reporters", "told NBC News,"
                    if LEXICON.hearers.has(self.lower(i + 1)) {
                        cs = i + 2;
                    } else if let Some((_, e)) = self.right_np(i + 1, ce) {
                        cs = e;
                    }
                }
                (cs, Rule::SpeakerSaid)
            }
        };
        let content = self.fix_content(cs, ce.max(cs));
        let rule = if rule == Rule::SpeakerSaid && self.content_has_quote(content) {
            Rule::SpeakerThenQuote
        } else {
            rule
        };
        (content, rule)
    }

    fn passive(&mut self, s: usize, k: usize, cue_start: usize, i: usize) {
        let verb = self.lower(i).to_string();
        let Some(src) = LEXICON.hedge_passives.get(&verb) else {
            return;
        };
        let src: &'static str = if src == "reports" {
            "reports"
        } else {
            "unspecified"
        };
        let _ = k;
        let ce = self.content_end(s);
        let mut cue_end = i + 1;
        if self.d.is(i + 1, "to") || verb == "accused" && self.d.is(i + 1, "of") {
            cue_end = i + 2;
        } else if verb == "said" || verb == "reported" || verb == "believed" || verb == "thought" {
            // "it was said" with no content, "was reported missing": only "to" counts
            if !self.d.is(i + 1, "that") {
                return;
            }
        }
        let content = self.fix_content(cue_end, ce);
        let Some(content) = content else { return };
        self.push(Cand {
            cue: Some((cue_start, cue_end)),
            content: Some(content),
            hedged: true,
            ..Cand::new(Subject::Fixed(src), Rule::HedgePassive, s, cue_start)
        });
    }

    /// A transcript or e-mail line: a speaker's name or title, a colon, then a quotation
    /// (`Ann Lee: "We will appeal."`). The name opens its sentence, or follows a colon or a
    /// closing mark, and holds no verb.
    fn transcript_line(&mut self, s: usize, colon: usize) {
        let Some(q) = self.d.opening_quote(colon + 1) else {
            return;
        };
        let (a, _) = self.d.sents[s];
        let mut st = colon;
        while st > a && colon - st < MAX_SPEAKER_WORDS {
            let k = st - 1;
            let t = &self.d.toks[k];
            let ok = match t.kind {
                Kind::Word => {
                    t.cap && t.flags & (SAY | WEAK | CITE) == 0
                        || matches!(t.lower.as_ref(), "of" | "the" | "for" | "and" | "to" | "'s")
                }
                Kind::Punct => t.text == "." && k > a && self.d.toks[k - 1].cap || t.text == "&",
                Kind::Quote => false,
            };
            if !ok {
                break;
            }
            st = k;
        }
        let opens = st == a
            || self.d.is_punct(st - 1, ":")
            || self.d.closing_quote(st - 1).is_some()
            || self.d.toks[st - 1].para != self.d.toks[st].para;
        if st == colon || !opens || !self.d.toks[st].cap || !self.d.is_name(colon - 1) {
            return;
        }
        self.push(Cand {
            content: Some((q.open, q.close + 1)),
            ..Cand::new(Subject::Mention(st, colon), Rule::TranscriptLine, s, q.open)
        });
    }

    /// A reporting verb in the passive with its agent: "the plan was announced by Acme",
    /// "the figure, cited by Reuters, was low". The content is the "that" clause after the
    /// agent, else the passive's subject, else (an aside between commas) the sentence.
    fn passive_agent(&mut self, s: usize, i: usize) {
        let (a, b) = self.d.sents[s];
        let Some((ms, me)) = self.right_np(i + 2, b) else {
            return;
        };
        let h = self.head(ms, me);
        if !(self.d.is_name(h)
            || self.d.has(h, SOURCE_NOUNS)
            || self.d.pos(h) == Upos::Propn
            || is_pronoun(self.lower(h)))
        {
            return;
        }
        let ce = self.content_end(s);
        let mut k = i;
        while k > a && i - k < 4 && (self.d.has(k - 1, AUX) || self.adverb(k - 1)) {
            k -= 1;
        }
        let be = (k..i).any(|j| LEXICON.be_forms.has(self.lower(j)));
        let that = (me..ce.min(me + MAX_THAT_GAP)).find(|&j| self.d.is(j, "that"));
        let content = if let Some(t) = that {
            self.fix_content(t + 1, ce)
        } else if be {
            self.fix_content(self.content_start(s), k)
        } else if k > a && self.d.is_punct(k - 1, ",") && self.d.is_punct(me, ",") {
            self.fix_content(self.content_start(s), ce)
        } else {
            None
        };
        let Some(content) = content else { return };
        self.push(Cand {
            cue: Some((i, i + 2)),
            content: Some(content),
            ..Cand::new(Subject::Mention(ms, me), Rule::PassiveAgent, s, i)
        });
    }

    /// A claim noun with its owner and a "that" clause: "her claim that the vote was
    /// rigged", "the ministry's assertion that …". The clause runs to the verb of the
    /// sentence that follows it ("… was rejected"), else to the sentence's end.
    fn noun_clause(&mut self, s: usize, i: usize) -> bool {
        let (a, _) = self.d.sents[s];
        if i <= a || self.d.inside_quote(i) || self.d.pos(i) == Upos::Verb {
            return false;
        }
        let owner = if LEXICON.possessives.has(self.lower(i - 1)) {
            Some((i - 1, i))
        } else if self.d.is(i - 1, "'s") || self.d.is(i - 1, "’s") {
            self.left_np(i - 1, a, false)
        } else {
            // "her repeated claim that": one modifier between
            (i >= a + 2
                && LEXICON.possessives.has(self.lower(i - 2))
                && self.d.pos(i - 1) != Upos::Noun)
                .then_some((i - 2, i - 1))
        };
        let Some(owner) = owner else { return false };
        let ce = self.content_end(s);
        let cs = i + 2;
        // the clause's own verb group, then a second verb group opens the main clause
        let mut end = ce;
        let mut seen_verb = false;
        let mut j = cs;
        while j < ce {
            let verbal = matches!(self.d.pos(j), Upos::Verb | Upos::Aux);
            if self.d.is_punct(j, ",") || self.d.is_punct(j, ";") {
                end = j;
                break;
            }
            if verbal && seen_verb && self.d.pos(j - 1) == Upos::Verb && self.d.pos(j) == Upos::Aux
            {
                end = j;
                break;
            }
            seen_verb |= verbal;
            j += 1;
        }
        if !seen_verb {
            return false;
        }
        let Some(content) = self.fix_content(cs, end) else {
            return false;
        };
        self.push(Cand {
            cue: Some((i, i + 1)),
            content: Some(content),
            hedged: self.d.has(i, CLAIM),
            ..Cand::new(Subject::Mention(owner.0, owner.1), Rule::NounClause, s, i)
        });
        true
    }

    fn hedge(&mut self, s: usize, i: usize) {
        let ce = self.content_end(s);
        let content = self.fix_content(i + 1, ce);
        let Some(content) = content else { return };
        let src = if self.lower(i) == "reportedly" {
            "reports"
        } else {
            "unspecified"
        };
        self.push(Cand {
            cue: Some((i, i + 1)),
            content: Some(content),
            hedged: true,
            ..Cand::new(Subject::Fixed(src), Rule::HedgeAdverb, s, i)
        });
    }

    fn according_to(&mut self, s: usize, i: usize) {
        let (a, b) = self.d.sents[s];
        let Some(np) = self.right_np(i + 2, b) else {
            return;
        };
        let (ns, ne) = self.named_apposition(np, b);
        let ce = self.content_end(s);
        let cs0 = self.content_start(s);
        // "has learned that according to X, …": the clause after the source is the content
        let that_before = i > a && self.d.is(i - 1, "that");
        let content = if i == a || i == cs0 || self.d.is_quote(i - 1) || that_before {
            self.fix_content(self.past_aside(ne, ce), ce)
        } else if i > a && self.d.is_punct(i - 1, ",") {
            if ne < ce && self.d.is_punct(ne, ",") {
                self.fix_content(self.past_aside(ne, ce), ce)
            } else if let Some(sp) = (i >= a + 3 && self.d.has(i - 2, SAY))
                .then(|| self.left_np(i - 2, a, true))
                .flatten()
                .filter(|&(x, _)| x > cs0 && self.d.is_punct(x - 1, ","))
            {
                // "…, the minister said, according to the paper": what the speaker said
                self.fix_content(cs0, sp.0 - 1)
            } else {
                self.fix_content(cs0, i - 1)
            }
        } else {
            self.fix_content(cs0, i)
        };
        let Some(content) = content else { return };
        self.push(Cand {
            cue: Some((i, i + 2)),
            content: Some(content),
            hedged: self.d.has(self.head(ns, ne), UNSPEC_MEDIA),
            // "according to a new poll", "according to court records"
            document: {
                let h = self.head(ns, ne);
                self.d.has(h, DOC) && !self.d.has(h, UNSPEC_MEDIA | OFFICIAL | EXPERT | PUBLIC)
            },
            ..Cand::new(Subject::Mention(ns, ne), Rule::AccordingTo, s, i)
        });
    }

    /// Where a content starts after a source that ends at `ne`: past its comma and a
    /// participle aside ("according to the complaint, filed on Tuesday, the plant …").
    fn past_aside(&self, ne: usize, ce: usize) -> usize {
        if !self.d.is_punct(ne, ",") {
            return ne;
        }
        let cs = ne + 1;
        if self.d.pos(cs) == Upos::Verb && self.lower(cs).ends_with("ed") {
            if let Some(c2) = (cs..ce).find(|&j| self.d.is_punct(j, ",")) {
                return c2 + 1;
            }
        }
        cs
    }

    /// "the state prosecutor, Ann Lee,": the name after a describing phrase.
    fn named_apposition(&self, np: (usize, usize), b: usize) -> (usize, usize) {
        if self.d.is_punct(np.1, ",") && !self.d.is_name(self.head(np.0, np.1)) {
            if let Some(n2) = self.right_np(np.1 + 1, b) {
                let end_ok = n2.1 >= b || matches!(self.d.toks[n2.1].text, "," | "." | ";");
                if end_ok && self.d.is_name(self.head(n2.0, n2.1)) {
                    return n2;
                }
            }
        }
        np
    }

    fn words_of(&mut self, s: usize, i: usize) {
        let (_, b) = self.d.sents[s];
        let Some(np) = self.right_np(i + 4, b) else {
            return;
        };
        let (ns, ne) = self.named_apposition(np, b);
        let ce = self.content_end(s);
        let content = self.fix_content(ne, ce);
        let Some(content) = content else { return };
        self.push(Cand {
            cue: Some((i, i + 4)),
            content: Some(content),
            ..Cand::new(Subject::Mention(ns, ne), Rule::InTheWordsOf, s, i)
        });
    }

    /// "X, citing Y, said …", "Citing Y, X reported …", "It quoted Y".
    fn citing(&mut self, s: usize, i: usize) {
        let (a, b) = self.d.sents[s];
        let lower = self.lower(i).to_string();
        let finite = !lower.ends_with("ing");
        // the cited sources: a list of noun phrases
        let mut cited = Vec::new();
        let mut j = i + 1;
        while let Some(np) = self.right_np(j, b) {
            cited.push(np);
            j = np.1;
            if self.d.is_punct(j, ",")
                && self.d.is(j + 1, "as")
                && self.d.is(j + 2, "well")
                && self.d.is(j + 3, "as")
            {
                j += 4;
            } else if self.d.is(j, "as") && self.d.is(j + 1, "well") && self.d.is(j + 2, "as") {
                j += 3;
            } else if self.d.is(j, "and") || self.d.is_punct(j, ",") && self.d.is(j + 1, "and") {
                j += if self.d.is(j, "and") { 1 } else { 2 };
            } else {
                break;
            }
        }
        // "the report cites rising costs": an object that is no source is the content
        let source_like = |np: &(usize, usize)| {
            let h = self.head(np.0, np.1);
            self.d.is_name(h) || self.d.has(h, SOURCE_NOUNS) || is_pronoun(self.lower(h))
        };
        if finite && !cited.is_empty() && !cited.iter().any(source_like) {
            self.verb(s, i);
            return;
        }
        if cited.is_empty() {
            if finite {
                self.verb(s, i);
            }
            return;
        }
        // "quoted the minister as saying …": the quotation's content belongs to both
        let as_saying =
            (self.d.is(j, "as") && self.d.has(j + 1, SAY) && self.lower(j + 1).ends_with("ing"))
                .then(|| self.fix_content(j + 2, self.content_end(s)))
                .flatten();
        // who cites
        let citer = if i == a {
            Subject::Inherit
        } else {
            let e = if self.d.is_punct(i - 1, ",") {
                i - 1
            } else {
                i
            };
            match self.left_np(e, a, true) {
                Some(np) => Subject::Mention(np.0, np.1),
                None => return,
            }
        };
        // "X, citing Y, said that …": the main verb belongs to X
        let mut after = j;
        if self.d.is_punct(after, ",") {
            after += 1;
        }
        let mut v = after;
        while v < b && self.d.has(v, AUX) && v < after + 3 {
            v += 1;
        }
        let main_verb = (v < b && self.d.has(v, SAY) && !self.d.inside_quote(v)).then_some(v);
        if finite || main_verb.is_some() {
            if let Subject::Mention(..) = citer {
                let ce = self.content_end(s);
                let (cue, content) = match main_verb {
                    Some(v) => {
                        self.used[v] = true;
                        let mut cs = v + 1;
                        let mut t = v + 1;
                        while t < ce && t <= v + 8 {
                            if self.d.is(t, "that") {
                                cs = t + 1;
                                break;
                            }
                            t += 1;
                        }
                        ((after, v + 1), self.fix_content(cs, ce))
                    }
                    None => ((i, i + 1), as_saying),
                };
                let rule = if main_verb.is_some() {
                    Rule::SpeakerSaidThat
                } else {
                    Rule::QuotedSource
                };
                self.push(Cand {
                    cue: Some(cue),
                    content,
                    ..Cand::new(citer, rule, s, cue.0)
                });
            }
        }
        for np in cited {
            self.push(Cand {
                cue: Some(if as_saying.is_some() {
                    (j, j + 2)
                } else {
                    (i, i + 1)
                }),
                content: as_saying,
                via: Some(citer),
                ..Cand::new(Subject::Mention(np.0, np.1), Rule::Citing, s, i)
            });
        }
    }

    /// A content stops where another attribution of its sentence starts, and a quotation
    /// that runs over several paragraphs is cut at its first paragraph's end: each later
    /// paragraph becomes a continuation of the same speaker.
    fn trim_contents(&mut self) {
        // (sentence, mention or cue start, cue start), sorted
        let mut starts: Vec<(usize, usize, usize)> = self
            .out
            .iter()
            .filter_map(|c| {
                let cue = c.cue?;
                let m = match c.subject {
                    Subject::Mention(ms, _) if ms < cue.0 => ms,
                    _ => cue.0,
                };
                Some((c.sent, m, cue.0))
            })
            .collect();
        starts.sort_unstable();
        let mut extra = Vec::new();
        for c in &mut self.out {
            let (Some((x, mut y)), Some(cue)) = (c.content, c.cue) else {
                continue;
            };
            if x > cue.0 {
                let from = starts.partition_point(|&(s, _, _)| s < c.sent);
                let to = starts.partition_point(|&(s, _, _)| s <= c.sent);
                for &(_, m, q) in &starts[from..to] {
                    if q != cue.0 && m > x && m < y && !self.d.inside_quote(m) {
                        y = trim_end(self.d, x, m);
                    }
                }
            }
            // one paragraph per attribution
            let para = self.d.toks[x].para;
            if let Some(cut) = (x..y).find(|&k| self.d.toks[k].para != para) {
                let mut k = cut;
                while k < y {
                    let p = self.d.toks[k].para;
                    let e = (k..y).find(|&j| self.d.toks[j].para != p).unwrap_or(y);
                    extra.push(Cand {
                        content: Some((k, e)),
                        ..Cand::new(
                            Subject::Previous,
                            Rule::QuoteContinuation,
                            self.d.toks[k].sent,
                            k,
                        )
                    });
                    k = e;
                }
                y = cut;
            }
            if y > x {
                c.content = Some((x, y));
            }
        }
        self.out.extend(extra);
        let mut contents: Vec<(usize, usize)> = self.out.iter().filter_map(|c| c.content).collect();
        contents.sort_unstable();
        self.out.retain(|c| {
            let nested = |q: usize| {
                let upto = contents.partition_point(|&(x, _)| x <= q);
                contents[..upto].iter().rev().take(64).any(|&(_, y)| q < y)
            };
            !c.belief || !c.cue.is_some_and(|(q, _)| nested(q))
        });
    }

    /// A quotation standing alone as its own sentence continues the speaker before it.
    fn continuations(&mut self) {
        let mut covered = vec![false; self.d.toks.len()];
        for c in &self.out {
            if let Some((x, y)) = c.content {
                for v in &mut covered[x..y] {
                    *v = true;
                }
            }
        }
        let mut extra = Vec::new();
        for q in self.d.quotes.clone() {
            if covered[q.open..=q.close].iter().any(|&v| v) {
                continue;
            }
            let s = self.d.toks[q.open].sent;
            let (a, _) = self.d.sents[s];
            if a != q.open {
                // "“A,” she said, “B.”": the second part of a quotation split by its tag
                let words = (q.open..q.close).filter(|&j| self.word(j)).count();
                let split = q.open > a + 1
                    && self.d.is_punct(q.open - 1, ",")
                    && words >= 3
                    && self.out.iter().any(|c| {
                        c.sent == s
                            && c.via.is_none()
                            && c.cue.is_some_and(|(_, y)| {
                                let end = match c.subject {
                                    Subject::Mention(_, me) => me.max(y),
                                    _ => y,
                                };
                                let end = c.appos.map_or(end, |(_, ae)| ae.max(end));
                                end == q.open - 1
                            })
                    });
                if split {
                    extra.push(Cand {
                        content: Some((q.open, q.close + 1)),
                        ..Cand::new(Subject::Previous, Rule::QuoteContinuation, s, q.open)
                    });
                }
                continue;
            }
            let last = self.d.toks[q.close].sent;
            let (_, lb) = self.d.sents[last];
            if (q.close + 1..lb).any(|j| self.word(j)) {
                continue;
            }
            let words = (q.open..q.close).filter(|&j| self.word(j)).count();
            if words < 5 {
                continue;
            }
            self.out.push(Cand {
                content: Some((q.open, q.close + 1)),
                ..Cand::new(Subject::Previous, Rule::QuoteContinuation, s, q.open)
            });
        }
        self.out.extend(extra);
    }
}

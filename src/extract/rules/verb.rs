//! Reporting verbs with their subjects and contents: "X said (that) …", "“…,” said X", "…, X said", asides, participles, statements and their issuers.
//!
//! [`Finder::verb`] runs the stages in order, each a function of its own: the cue word
//! ([`Finder::verb_cue`]), its verb group ([`Finder::verb_group`]), the subject by the
//! construction it stands in ([`Finder::verb_subject`]), the content
//! ([`Finder::verb_content`]) and the tests a report must pass ([`Finder::verb_reports`]).

use super::*;

/// The farthest a comma before a data verb's aside may stand ("Results of the studies,
/// published in 1989, show").
const MAX_DATA_ASIDE_WORDS: usize = 16;
/// The most commas tried, nearest first, for the start of an apposition before a verb.
const MAX_APPOSITION_COMMAS: usize = 3;
/// How far back a "to" makes a coordinated verb an infinitive ("to submit designs and
/// suggest …").
const MAX_INFINITIVE_REACH: usize = 6;
/// The longest acronym in brackets skipped before an apposition ("the Union (UT), Ann Lee,").
const MAX_ACRONYM_WORDS: usize = 5;
/// The fewest words of a belief's clause.
const MIN_BELIEF_WORDS: usize = 3;
/// The most words after a quotation and its speaker that are an adjunct, not more content
/// ("…,” she said on Monday."); with a preposition first, a few more ("in a TV interview").
const MAX_TAIL_WORDS: usize = 4;
const MAX_ADJUNCT_TAIL_WORDS: usize = 6;
/// Words between a verb of accusation and its "of" ("accused the city's two largest unions of").
const MAX_ACCUSED_WORDS: usize = 8;

/// A range of tokens, end excluded.
type Range = (usize, usize);

/// A reporting word read as a verb, with its class bits (a multiword cue's included).
struct VerbCue {
    flags: u64,
    /// The words of a multiword cue after the verb ("went on to say": 3).
    out: usize,
    /// An "-ing" form.
    participle: bool,
}

/// The verb group before a cue: auxiliaries, adverbs and time phrases.
struct VerbGroup {
    /// The first token of the group.
    k: usize,
    /// The first token of the cue (its auxiliaries: "has said").
    cue_start: usize,
    modal: bool,
    passive: bool,
}

/// The subject a construction gives a verb.
struct Found {
    subject: Subject,
    appos: Option<(usize, usize)>,
    /// The subject follows the verb ("…, said the committee").
    inverted: bool,
}

impl<'d, 'a> Finder<'d, 'a> {
    pub(super) fn verb(&mut self, s: usize, i: usize) {
        let a = self.d.sents[s].0;
        let Some(cue) = self.verb_cue(s, i) else {
            return;
        };
        if self.d.is(i + 1, "by") && !(i > 0 && is_pronoun(self.lower(i - 1))) {
            self.passive_agent(s, i);
            return;
        }
        let Some(group) = self.verb_group(a, i, &cue) else {
            return;
        };
        if group.passive {
            self.passive(s, group.k, group.cue_start, i);
            return;
        }
        let f = cue.flags;
        if f & (SAY | WEAK | BELIEF) == 0 && f & DATA != 0 {
            self.data_verb(s, i, &group);
            return;
        }
        let Some(found) = self.verb_subject(s, i, &cue, &group) else {
            return;
        };
        // "Writing in a blog post, Ann Lee called the plan “a mess”": the participle phrase
        // that opens the sentence shares the main clause's subject, and reports the words
        // it quotes ("Speaking at a rally, Lee thanked the crowd" reports nothing)
        if matches!(found.subject, Subject::Inherit) && cue.participle && group.k == a {
            if let Some((np, content)) = self.opener_clause(s, i) {
                if !self.content_has_quote(Some(content)) {
                    return;
                }
                self.push(Cand {
                    cue: Some((group.cue_start, i + 1 + cue.out)),
                    content: Some(content),
                    hedged: f & CLAIM != 0,
                    ..Cand::new(
                        Subject::Mention(np.0, np.1),
                        Rule::SharedSubject,
                        s,
                        group.cue_start,
                    )
                });
                return;
            }
        }
        let Some((found, content, rule)) = self.verb_content(s, i, &cue, &group, found) else {
            return;
        };
        let Some(content) = self.verb_reports(i, &cue, &group, &found, content) else {
            return;
        };
        // "director of the Council on Rural Affairs Dana Whitt": the person's name is the
        // mention, the title chain before it its description
        let mut found = found;
        if let (Subject::Mention(ms, me), None) = (found.subject, found.appos) {
            if let Some(n) = self.name_after_chain(ms, me) {
                found.subject = Subject::Mention(n, me);
                found.appos = Some((ms, n));
            }
        }
        let document = match found.subject {
            Subject::Mention(ms, me) => {
                let h = self.head(ms, me);
                self.d.has(h, DOC) && !self.d.has(h, OFFICIAL | EXPERT | PUBLIC)
            }
            _ => false,
        };
        self.push(Cand {
            cue: Some((group.cue_start, i + 1 + cue.out)),
            content: Some(content),
            appos: found.appos,
            hedged: f & CLAIM != 0,
            document,
            belief: f & (SAY | WEAK) == 0,
            ..Cand::new(
                found.subject,
                if document {
                    Rule::DocumentVerb
                } else if matches!(found.subject, Subject::Inherit) {
                    Rule::SharedSubject
                } else {
                    rule
                },
                s,
                group.cue_start,
            )
        });
    }

    /// The reporting word at `i` read as a verb: a multiword cue takes its phrase's class;
    /// a cue word the tagger reads as a modifier or a noun in a noun phrase ("300 pledged
    /// delegates", "a blog post"), a capitalised one inside a sentence (part of a name) and
    /// one after a preposition or determiner is none.
    fn verb_cue(&self, s: usize, i: usize) -> Option<VerbCue> {
        let a = self.d.sents[s].0;
        let t = &self.d.toks[i];
        let mut f = t.flags;
        let phrase = LEXICON.phrase_at(t.lower.as_ref(), |k| {
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
            None if f & PHRASE != 0 && f & (SAY | WEAK | BELIEF | DATA) == 0 => return None,
            None => 0,
        };
        let modifier = self.d.pos(i) == Upos::Adj && self.d.nominal(i + 1);
        let noun_after_det = self.d.pos(i) == Upos::Noun
            && i > a
            && (matches!(self.d.pos(i - 1), Upos::Det | Upos::Adj | Upos::Noun)
                // "a Truth Social post": a name before a weak verb's noun
                || self.d.pos(i - 1) == Upos::Propn && f & SAY == 0
                || LEXICON.possessives.has(self.lower(i - 1)));
        // "that" or a colon right after the word makes it a verb whatever its tag
        let clause_next = f & SAY != 0 && (self.d.is(i + 1, "that") || self.d.is_punct(i + 1, ":"));
        // "a conservative think tank": the first word of a compound noun
        let compound = out == 0 && LEXICON.compound_heads.has(self.lower(i + 1));
        // "…, Labor Department figures show.": a data verb after a document's noun, with no
        // word of its own after it, whatever its tag
        let data_after_document =
            f & DATA != 0
                && i > a
                && self.d.has(i - 1, DOC)
                && self.d.toks.get(i + 1).is_none_or(|n| {
                    n.kind != Kind::Word || LEXICON.prepositions.has(n.lower.as_ref())
                });
        let noun_after_det = noun_after_det && !data_after_document;
        if out == 0 && (modifier || noun_after_det || compound) && !clause_next {
            return None;
        }
        // "who asked not to be named", "spoke on condition of anonymity": the words say why
        // a source is not named; they report nothing
        if self.opens_anonymity_reason(i) {
            return None;
        }
        // a capitalised verb inside a sentence is part of a name ("United States"); one
        // that opens a sentence before a capitalised word or title is a name's first word
        // ("State Sen. Thomas Reddick said", "Report Finds …" excepted by its tag)
        if t.cap && i != a && !self.d.is_quote(i - 1) {
            return None;
        }
        if t.cap
            && i == a
            && self
                .d
                .toks
                .get(i + 1)
                .is_some_and(|n| n.cap && n.kind == Kind::Word)
            && self.d.pos(i) != Upos::Verb
        {
            return None;
        }
        if i > a {
            let p = &self.d.toks[i - 1];
            // "A and B both report": a floating quantifier, not a determiner
            let floating = self.time_phrase_before(i, a) == Some(i - 1);
            if p.flags & DET != 0 && p.flags & FUNC == 0 && !floating
                || LEXICON.cue_blockers.has(p.lower.as_ref())
            {
                return None;
            }
        }
        Some(VerbCue {
            flags: f,
            out,
            participle: t.lower.ends_with("ing"),
        })
    }

    /// A phrase that says why a source is not named starts at token `i` ("asked not to be
    /// named", "requested anonymity"; "n't" counts as "not").
    fn opens_anonymity_reason(&self, i: usize) -> bool {
        crate::extract::entities::reason_phrase_len(self.d, i).is_some()
    }

    /// The verb group that ends at the cue `i`: auxiliaries, adverbs and time phrases before
    /// it. A negated verb reports nothing, nor does a belief noun after "has" ("has hopes"),
    /// nor a word in no reporting class unless it is a passive.
    fn verb_group(&self, a: usize, i: usize, cue: &VerbCue) -> Option<VerbGroup> {
        let f = cue.flags;
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
        if (k..i).any(|j| LEXICON.negations.has(self.lower(j))) {
            return None;
        }
        if f & (SAY | WEAK) == 0
            && f & BELIEF != 0
            && self.lower(i).ends_with('s')
            && i > a
            && LEXICON.belief_noun_markers.has(self.lower(i - 1))
        {
            return None;
        }
        let modal = (k..i).any(|j| LEXICON.modals.has(self.lower(j)));
        let passive = !cue.participle && (k..i).any(|j| LEXICON.be_forms.has(self.lower(j)));
        if f & (SAY | WEAK | BELIEF | DATA) == 0 && !passive {
            return None;
        }
        let mut cue_start = i;
        while cue_start > k && LEXICON.cue_auxiliaries.has(self.lower(cue_start - 1))
            || cue_start > k && LEXICON.be_forms.has(self.lower(cue_start - 1)) && passive
        {
            cue_start -= 1;
        }
        Some(VerbGroup {
            k,
            cue_start,
            modal,
            passive,
        })
    }

    /// A data verb ("the figures show", "the study found") reports only with a document or
    /// an expert as its subject, which may stand before an aside ("Results of the studies,
    /// published in 1989, show").
    fn data_verb(&mut self, s: usize, i: usize, group: &VerbGroup) {
        let (a, k) = (self.d.sents[s].0, group.k);
        let np = self.left_np(k, a, false).or_else(|| {
            let l = k
                .checked_sub(1)
                .filter(|&l| l > a && self.d.is_punct(l, ","))?;
            let c2 = (l.saturating_sub(MAX_DATA_ASIDE_WORDS).max(a)..l)
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
        // "Sales fell in May, Labor Department figures show.": set off after the clause it
        // reports, the data's subject ends the sentence or its clause (", a survey shows,
        // and …"), or only a time or place follows
        let tail = i + 1..ce;
        let tail_words = tail.clone().filter(|&j| self.word(j)).count();
        let after_clause = ms > a
            && self.d.is_punct(ms - 1, ",")
            && (tail_words == 0
                || self.d.is_punct(i + 1, ",")
                || tail_words <= MAX_TAIL_WORDS
                    && (self.d.has(i + 1, FUNC) || LEXICON.prepositions.has(self.lower(i + 1)))
                    && !tail
                        .clone()
                        .any(|j| self.d.is(j, "that") || self.d.is_quote(j)));
        let content = if after_clause {
            self.backward_content(s, ms)
        } else {
            self.fix_content(i + 1, ce)
        };
        if content.is_none()
            || !after_clause
                && (LEXICON.prepositions.has(self.lower(i + 1))
                    || self.d.has(i + 1, FUNC) && !self.d.is(i + 1, "that"))
        {
            return;
        }
        self.push(Cand {
            cue: Some((group.cue_start, i + 1)),
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
                group.cue_start,
            )
        });
    }

    /// The subject of the verb at `i`, by what stands before its verb group: nothing (an
    /// inverted subject after the verb, or a participle sharing the last subject), a
    /// conjunction before a participle, a coordinating conjunction, a relative pronoun, a
    /// comma or closing quotation mark (an inverted subject, or a subject before an
    /// apposition), or a noun phrase.
    fn verb_subject(&self, s: usize, i: usize, cue: &VerbCue, group: &VerbGroup) -> Option<Found> {
        let (a, b) = self.d.sents[s];
        let f = cue.flags;
        let strong = f & (SAY | WEAK) != 0 && f & NOUNY == 0;
        let mut k = group.k;
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
        let participle = cue.participle && !(k..i).any(|j| LEXICON.be_forms.has(self.lower(j)));
        let mention = |np: (usize, usize)| Found {
            subject: Subject::Mention(np.0, np.1),
            appos: None,
            inverted: false,
        };
        let inherit = Found {
            subject: Subject::Inherit,
            appos: None,
            inverted: false,
        };
        let Some(l) = k.checked_sub(1).filter(|&l| l >= a) else {
            // the verb opens the sentence: a participle shares the subject before it, a
            // finite verb takes the phrase after it ("Said the minister: …")
            if participle {
                return Some(inherit);
            }
            let np = self.right_np(i + 1, b)?;
            return Some(Found {
                inverted: true,
                ..mention(np)
            });
        };
        if participle && !self.d.is_punct(l, ",") {
            return self.participle_subject(i, k, l, a);
        }
        if LEXICON.coordinators.has(self.lower(l)) {
            // "encouraged to submit designs and suggest …": an infinitive, no report
            let infinitive = (l.saturating_sub(MAX_INFINITIVE_REACH).max(a)..l)
                .rev()
                .any(|j| {
                    self.d.is(j, "to")
                        && self.word(j + 1)
                        && !self.d.toks[j + 1].cap
                        && !self.d.has(j + 1, DET | FUNC)
                        && (j + 1..l).all(|m| self.word(m))
                });
            let shares = f & (SAY | WEAK) != 0 && !group.modal && f & NOUNY == 0 && !infinitive;
            return shares.then_some(inherit);
        }
        if LEXICON.relatives.has(self.lower(l)) && !self.d.is_name(l) {
            let e = if l > a && self.d.is_punct(l - 1, ",") {
                l - 1
            } else {
                l
            };
            return self.left_np(e, a, strong).map(mention);
        }
        if self.d.is_punct(l, ",") || self.d.closing_quote(l).is_some() {
            if participle && self.d.is_punct(l, ",") {
                return Some(inherit);
            }
            if let Some(np) = self.inverted_subject(s, i, l, f) {
                return Some(Found {
                    inverted: true,
                    ..mention(np)
                });
            }
            if self.d.is_punct(l, ",") {
                return self.subject_before_aside(a, l, k, i, strong);
            }
            return None;
        }
        if let Some(np) = self.left_np(k, a, strong) {
            // "analysts who follow the sport say": the phrase is the relative clause's object;
            // the subject is the one before "who"
            if let Some(r) = self.relative_subject(k, a).filter(|r| r.1 <= np.0) {
                return Some(mention(r));
            }
            // "A memo seen by the Post says": the memo, not the one who saw it
            if let Some(n) = self.modified_by_agent(np, a) {
                return Some(mention(n));
            }
            // "Ann Lee, the president of the union said" (the closing comma left out): the
            // name that opens the sentence is the source, the description its apposition
            if let Some(name) = self.name_before_description(np, a) {
                return Some(Found {
                    appos: Some(np),
                    ..mention(name)
                });
            }
            // "Freedonia's Prime Minister, Ann Lee said"
            let appos = (np.0 >= a + 2
                && self.d.is_punct(np.0 - 1, ",")
                && self.d.has(np.0 - 2, OFFICIAL | ORG | EXPERT))
            .then(|| self.left_np(np.0 - 1, a, false))
            .flatten();
            return Some(Found {
                appos,
                ..mention(np)
            });
        }
        // "a person who declined to be named said …"
        self.relative_subject(k, a).map(mention)
    }

    /// The main clause after a participle phrase that opens sentence `s` with the cue at `i`
    /// ("Writing in a blog post, Ann Lee of the Times dubbed the dispute “a farce”"): its
    /// subject, and what follows its verb as the content. None when the phrase before the
    /// comma holds a clause or a quotation of its own ("Writing that …, she …"), or no verb
    /// follows the subject.
    fn opener_clause(&self, s: usize, i: usize) -> Option<((usize, usize), (usize, usize))> {
        let b = self.d.sents[s].1;
        let c = (i + 1..(i + 1 + MAX_LEAD_WORDS).min(b)).find(|&j| !self.word(j))?;
        if !self.d.is_punct(c, ",") || (i + 1..c).any(|j| self.d.is(j, "that")) {
            return None;
        }
        let np = self.right_np(c + 1, b)?;
        let mut v = np.1;
        while v < b && v - np.1 < MAX_VERB_GROUP_WORDS && (self.d.has(v, AUX) || self.adverb(v)) {
            v += 1;
        }
        let t = self.d.toks.get(v)?;
        if t.kind != Kind::Word || t.cap || self.d.pos(v) != Upos::Verb {
            return None;
        }
        let content = self.fix_content(v + 1, self.content_end(s))?;
        Some((np, content))
    }

    /// The noun phrase that a participle and its agent `np` modify ("a memo seen by the
    /// Post", "a man held by police"): the subject of the verb after the agent. None when
    /// `np` is no such agent, or when the phrase is a document its agent made ("the letter
    /// written by Ann Lee"), whose author is the source.
    fn modified_by_agent(&self, np: (usize, usize), a: usize) -> Option<(usize, usize)> {
        if np.0 < a + 3 || !self.d.is(np.0 - 1, "by") {
            return None;
        }
        let p = np.0 - 2;
        let t = &self.d.toks[p];
        if t.kind != Kind::Word || t.cap || self.d.pos(p) != Upos::Verb || t.lower.ends_with("ing")
        {
            return None;
        }
        // "those affected by the cuts said"
        let n = self
            .left_np(p, a, false)
            .or_else(|| (p > a && self.d.is(p - 1, "those")).then_some((p - 1, p)))?;
        let h = self.head(n.0, n.1);
        let authored = self.d.has(h, DOC) && !LEXICON.access_participles.has(t.lower.as_ref());
        (!authored).then_some(n)
    }

    /// The subject of a participle after the word `l` (no comma between): after a
    /// conjunction ("whilst promising", "before adding") the last subject's; after a noun
    /// phrase that a clause follows ("with Lee stating: …") the phrase's, or the issuer of
    /// a statement ("the firm issued a statement saying …"). "People claiming asylum"
    /// reports nothing.
    fn participle_subject(&self, i: usize, k: usize, l: usize, a: usize) -> Option<Found> {
        let found = |subject| Found {
            subject,
            appos: None,
            inverted: false,
        };
        if LEXICON.participle_conjunctions.has(self.lower(l)) {
            return Some(found(Subject::Inherit));
        }
        let np = self.left_np(k, a, false)?;
        let c0 = i + 1 + usize::from(self.d.is_punct(i + 1, ":"));
        if !self.clause_like(c0) {
            return None;
        }
        if let Some(issuer) = self.issuer(np, a) {
            return Some(found(Subject::Mention(issuer.0, issuer.1)));
        }
        if self.issued_by_participle(np, a) {
            // "X said …, releasing a statement saying …": X again
            return Some(found(Subject::Inherit));
        }
        // "Lee wrote to Ms Amberley last week warning that …": a phrase that is the object
        // of a verb or preposition before it leaves the participle to the clause's subject
        // ("with Ann Lee saying", "critics saying": the phrase is the participle's own)
        let verb = |k: usize| {
            self.d.toks[k].kind == Kind::Word
                && self.d.pos(k) == Upos::Verb
                && !LEXICON.be_forms.has(self.lower(k))
        };
        let object = np.0 > a
            && (verb(np.0 - 1)
                || np.0 > a + 1 && self.d.pos(np.0 - 1) == Upos::Adp && verb(np.0 - 2));
        if object {
            return Some(found(Subject::Inherit));
        }
        Some(found(Subject::Mention(np.0, np.1)))
    }

    /// The noun phrase after the verb at `i` as its inverted subject, when a clause or a
    /// quotation comes before the comma or quotation mark at `l` and the phrase ends the
    /// content's sentence or is followed by a relative clause, a preposition phrase with no
    /// verb of its own, a comma or the end ("…, said the committee in a report."). "X, the
    /// president, denied any idea": no clause before the comma, so the phrase is an object.
    fn inverted_subject(&self, s: usize, i: usize, l: usize, f: u64) -> Option<(usize, usize)> {
        let (a, b) = self.d.sents[s];
        // "told reporters": after a verb of telling stands the hearer, never the speaker
        if f & TELL != 0 {
            return None;
        }
        let np = self.right_np(i + 1, b)?;
        let e = np.1;
        let quoted = self.d.closing_quote(l).is_some();
        let clause_before = quoted || self.clause_before(a, l);
        if f & BELIEF != 0 || !clause_before {
            return None;
        }
        let ce = self.content_end(s);
        let ends = e >= ce
            || quoted
            || LEXICON.relatives.has(self.lower(e))
            || self.d.is(e, "whose")
            || self.d.is(e, "from")
            || self.d.pos(e) == Upos::Adp && !self.verb_in_phrase(e, ce)
            // "said Ann Lee in a report published on Friday": a participle phrase ("said
            // the comments proved his point": a verb with an object is the clause's own)
            || self.d.pos(e) == Upos::Verb
                && self.lower(e).ends_with("ed")
                && !self.verb_in_phrase(e + 1, ce)
                && !self.opens_object(e + 1, ce)
            || self.d.is_punct(e, ",")
            || self.d.is_punct(e, ".");
        ends.then_some(np)
    }

    /// Whether the words from `a` to the comma or quotation mark at `l` hold a clause of
    /// their own: a finite verb outside an aside that a relative pronoun opens after a comma
    /// ("Keble, who led the opposition, said …" holds none). A word the tagger reads as a
    /// noun or an adjective is a verb when it follows the noun phrase that opens the
    /// sentence and a manner adverb follows it ("Prices rose sharply").
    fn clause_before(&self, a: usize, l: usize) -> bool {
        let mut relative = false;
        (a..l).any(|j| {
            if self.d.is_punct(j, ",") {
                // (", speaking to reporters,": a participle's aside is no clause either)
                relative = LEXICON.relatives.has(self.lower(j + 1))
                    || self.d.is(j + 1, "whose")
                    || self.d.is(j + 1, "whom")
                    || self.d.pos(j + 1) == Upos::Verb && self.lower(j + 1).ends_with("ing");
                return false;
            }
            if relative || !self.word(j) {
                return false;
            }
            matches!(self.d.pos(j), Upos::Verb | Upos::Aux | Upos::X) || self.misread_verb(j, a)
        })
    }

    /// A verb at `j` that the tagger read as a noun or an adjective: a lowercase word right
    /// after the noun phrase that opens the sentence at `a`, followed by a manner adverb
    /// ("sharply"), which no noun takes; or, after a plural noun, followed by a comma, a
    /// preposition or a time word ("Rents rose, said …"): a plural noun modifies no
    /// singular noun after it.
    fn misread_verb(&self, j: usize, a: usize) -> bool {
        let t = &self.d.toks[j];
        if t.cap || t.flags & (FUNC | DET | AUX) != 0 || j == a {
            return false;
        }
        if !matches!(self.d.pos(j), Upos::Noun | Upos::Adj) {
            return false;
        }
        let subject = self.left_np(j, a, false).is_some_and(|np| np.0 == a)
            && (self.d.nominal(j - 1) || self.d.is_name(j - 1));
        let plural_before = {
            let p = self.lower(j - 1);
            p.ends_with('s') && !p.ends_with("ss") && self.d.pos(j - 1) == Upos::Noun
        };
        let boundary = self.d.is_punct(j + 1, ",")
            || self.d.pos(j + 1) == Upos::Adp
            || self.d.has(j + 1, TIME | TIME_UNIT);
        let singular = !t.lower.ends_with('s');
        subject && (self.adverb(j + 1) || plural_before && singular && boundary)
    }

    /// Whether an object opens at `k` (before `ce`): a noun phrase after a determiner or a
    /// possessive, unless it measures time ("issued this week", "released the day before",
    /// "a day earlier").
    fn opens_object(&self, k: usize, ce: usize) -> bool {
        if !(self.d.has(k, DET) || LEXICON.possessives.has(self.lower(k))) {
            return false;
        }
        let Some((s, e)) = self.right_np(k, ce) else {
            return false;
        };
        let time = (s..e).any(|j| {
            self.d.has(j, TIME | TIME_UNIT) || LEXICON.time_determiners.has(self.lower(j))
        }) || e < ce && self.d.pos(e) == Upos::Adv;
        !time
    }

    /// Whether the words from `e` to `ce` after an inverted subject hold a verb of their
    /// own: an auxiliary or a verb other than a participle ("said Ann Lee in a report
    /// published on Friday" holds none). A word tagged as a verb right after a determiner or
    /// an adjective is a noun ("in a report"), and a relative clause ("in a report that was
    /// published") belongs to the phrase.
    fn verb_in_phrase(&self, e: usize, ce: usize) -> bool {
        let end = (e..ce)
            .find(|&j| LEXICON.relatives.has(self.lower(j)) || self.d.is(j, "that"))
            .unwrap_or(ce);
        (e..end).any(|j| {
            let after_det = j > e && matches!(self.d.pos(j - 1), Upos::Det | Upos::Adj);
            !after_det
                && (self.d.pos(j) == Upos::Aux
                    || self.d.pos(j) == Upos::Verb && !self.lower(j).ends_with("ed"))
        })
    }

    /// The subject before a comma at `l`: "X, the president, said" (an apposition between
    /// commas, which may itself hold commas; of a description and a name, the name is the
    /// source and the description its apposition), "X for Y, says" (the whole opening
    /// phrase), or a stray comma after the opening subject before an auxiliary ("The firm
    /// Acme.com, has said").
    fn subject_before_aside(
        &self,
        a: usize,
        l: usize,
        k: usize,
        i: usize,
        strong: bool,
    ) -> Option<Found> {
        let mut commas: Vec<usize> = (l.saturating_sub(MAX_APPOSITION_REACH).max(a)..l)
            .filter(|&c| self.d.is_punct(c, ","))
            .collect();
        commas.reverse();
        // a title written in capitals ("the bank's CEO") is no name, nor a capitalised word
        // after an owner ("the panel's top Republican")
        let name_head = |x: (usize, usize)| {
            let h = self.head(x.0, x.1);
            let owned = (x.0..h).any(|k| self.lower(k) == "'s");
            self.d.is_name(h) && !self.title_acronym(h) && !owned || is_pronoun(self.lower(x.0))
        };
        for c in commas.into_iter().take(MAX_APPOSITION_COMMAS) {
            let ap = (c + 1, l);
            if !self.apposition_like(ap) {
                continue;
            }
            // "the Union of Teachers (UT), Anna Berg,": skip the acronym
            let mut end = c;
            if c > a + 2 && self.d.is_punct(c - 1, ")") {
                if let Some(o) = (c.saturating_sub(MAX_ACRONYM_WORDS).max(a)..c - 1)
                    .rev()
                    .find(|&o| self.d.is_punct(o, "("))
                {
                    end = o;
                }
            }
            // "One of them, Mandla Jacobs, said": a part of a group the name picks out
            let one_of = (end >= a + 3
                && self.d.is(end - 2, "of")
                && LEXICON.object_pronouns.has(self.lower(end - 1))
                && matches!(self.d.pos(end - 3), Upos::Num | Upos::Pron)
                || end >= a + 3 && self.d.is(end - 3, "one") && self.d.is(end - 2, "of"))
            .then(|| (end - 3, end));
            let Some(np) = self.left_np(end, a, strong).or(one_of) else {
                continue;
            };
            // "Rep. Ann Lee, R-Ohio, the panel's chair, said": the label is an aside too;
            // so is the town before its state ("a teacher in Fernhill, Oregon,")
            let town_state = self.d.is_name(ap.0)
                && (ap.0..ap.1).all(|k| self.d.is_name(k) || self.d.is_punct(k, "."))
                && (np.0 + 1..np.1).any(|k| {
                    LEXICON.place_prepositions.has(self.lower(k))
                        && (k + 1..np.1).all(|m| self.d.is_name(m))
                });
            if self.d.party_label(np.0, np.1) || town_state {
                continue;
            }
            // "A third carmaker, Acme Motors (AM), has said" ("the senator, a Democrat
            // from Ohio,": an indefinite apposition describes, it does not name)
            let describes = LEXICON.indefinite_articles.has(self.lower(ap.0));
            // ("A spokesperson for Sen. Lee, R-Ohio, whose …, said": a party label is no
            // name of a person)
            if let Some(n2) = self.right_np(ap.0, ap.1).filter(|&x| {
                !describes && !name_head(np) && name_head(x) && !self.d.party_label(x.0, x.1)
            }) {
                return Some(Found {
                    subject: Subject::Mention(n2.0, n2.1),
                    appos: Some(np),
                    inverted: false,
                });
            }
            if !name_head(np) && self.d.is_name(ap.0) {
                continue;
            }
            return Some(Found {
                subject: Subject::Mention(np.0, np.1),
                appos: Some(ap),
                inverted: false,
            });
        }
        // "The security firm Acme.com, has said": a stray comma after the opening subject
        match self.left_np(l, a, k < i) {
            Some(np) if np.0 == a && (self.d.is_name(self.head(np.0, np.1)) || k < i) => {
                Some(Found {
                    subject: Subject::Mention(np.0, np.1),
                    appos: None,
                    inverted: false,
                })
            }
            _ => None,
        }
    }

    /// Where a person's name starts at the end of a title chain `(ms, me)` whose last
    /// capitalised word before the name could pass for part of it ("Executive director of
    /// the Council on Rural Affairs Dana Whitt"): the chain holds a lowercase word, a first
    /// name of the names list and a surname end it, and the word before the first name is
    /// neither a first name nor a word of a title or a body.
    fn name_after_chain(&self, ms: usize, me: usize) -> Option<usize> {
        if me < ms + 4 || !self.personal_name_ends(me) {
            return None;
        }
        let n = me - 2;
        let p = n - 1;
        let first = |k: usize| {
            crate::extract::entities::LISTS
                .first_names
                .contains_key(self.lower(k))
        };
        let chain = (ms..p).any(|k| self.word(k) && !self.d.toks[k].cap);
        // "Governor of Washington Chris Gregoire": after "of" a capitalised run is a body or
        // a place, which the name is read apart from already
        let mut r = p;
        while r > ms && self.d.is_name(r - 1) {
            r -= 1;
        }
        let after_connector = r > ms && LEXICON.name_connectors.has(self.lower(r - 1));
        (chain && !after_connector && self.d.is_name(p) && !self.d.has(p, NOUNISH) && !first(p))
            .then_some(n)
    }

    /// The end of a title chain that a title `(ms, me)` starts and "and" joins to a second
    /// title ending in a name ("the vice president and treasurer of Acme Inc. Ann Lee"):
    /// one person, not two sources.
    fn joined_title_end(&self, ms: usize, me: usize, b: usize) -> Option<usize> {
        const TITLES: u64 = OFFICIAL | ORG | EXPERT | MEDIA;
        let h = self.head(ms, me);
        let title = |k: usize| self.d.has(k, TITLES) && !self.d.is_name(k);
        let second = self.word(me + 1)
            && !self.d.toks[me + 1].cap
            && !self.d.has(me + 1, DET | FUNC)
            && (title(me + 1) || self.d.pos(me + 1) == Upos::Noun);
        if !self.d.is(me, "and") || !title(h) || !second {
            return None;
        }
        let (_, y) = self.right_np(me + 1, b)?;
        self.personal_name_ends(y).then_some(y)
    }

    /// The name that opens the sentence before a comma and the description `np` of a title
    /// ("Ann Lee, the president of the union said", "Ann Lee, chief executive of Acme said").
    fn name_before_description(&self, np: (usize, usize), a: usize) -> Option<(usize, usize)> {
        const TITLES: u64 = OFFICIAL | ORG | EXPERT | MEDIA;
        let h = self.head(np.0, np.1);
        let described = !self.d.is_name(h) && self.d.has(h, TITLES)
            || (np.0..np.1).any(|k| self.d.has(k, TITLES) && !self.d.toks[k].cap);
        if np.0 < a + 2 || !self.d.is_punct(np.0 - 1, ",") || !described {
            return None;
        }
        let name = self.left_np(np.0 - 1, a, false)?;
        let all_names = (name.0..name.1).all(|k| self.d.toks[k].cap || !self.word(k));
        (name.0 == a && all_names && !self.title_acronym(name.0)).then_some(name)
    }

    /// A title written in capitals ("CEO", "CFO").
    fn title_acronym(&self, k: usize) -> bool {
        let t = &self.d.toks[k];
        t.flags & (OFFICIAL | ORG) != 0 && t.text.chars().all(|c| c.is_ascii_uppercase())
    }

    /// The words between two commas read as an apposition or an aside: no quotation, no
    /// reporting word but as a noun or in a passive aside, and an opening that can start a
    /// noun phrase, a preposition phrase, a relative clause, an example list ("such as",
    /// "including") or a participle phrase ("filed in May", "first reported by").
    fn apposition_like(&self, ap: (usize, usize)) -> bool {
        ap.0 < ap.1
            && (ap.0..ap.1).all(|j| {
                !self.d.is_quote(j)
                    && (self.d.toks[j].cap
                        || !self.d.has(j, SAY | BELIEF)
                        // "who asked not to be named": a reason for anonymity
                        || self.opens_anonymity_reason(j)
                        // a noun after "in", "a" or "whose": "in remarks to", "whose
                        // state has"
                        || j > ap.0
                            && (LEXICON.prepositions.has(self.lower(j - 1))
                                || self.d.has(j - 1, DET)
                                || self.d.is(j - 1, "whose"))
                        // a passive aside: "first reported by X"
                        || self.d.is(j + 1, "by")
                        // a noun's modifier: "a longtime state senator"
                        || j + 1 < ap.1 && self.d.has(j + 1, NOUNISH))
            })
            && (self.d.has(ap.0, DET | NOUNISH)
                || self.d.is_name(ap.0)
                // "Owen Strand, also a Republican,"
                || LEXICON.apposition_adverbs.has(self.lower(ap.0)) && self.d.has(ap.0 + 1, DET)
                || self.d.nominal(ap.0)
                || LEXICON.prepositions.has(self.lower(ap.0))
                || LEXICON.relatives.has(self.lower(ap.0))
                // "Ann Lee, whose son was hurt in the crash, said"
                || self.d.is(ap.0, "whose")
                // "Charities, such as Acme Aid, said"
                || self.d.is(ap.0, "such") && self.d.is(ap.0 + 1, "as")
                || LEXICON.example_markers.has(self.lower(ap.0))
                // "The suit, filed in May, claims"
                || self.d.pos(ap.0) == Upos::Verb
                // "The memo, first reported by the paper, says"
                || self.d.pos(ap.0) == Upos::Adv && self.d.pos(ap.0 + 1) == Upos::Verb
                || self.lower(ap.0).ends_with("ing"))
    }

    /// The content of the verb at `i`: before the verb for an inverted subject (whose own
    /// apposition may follow it: ", said Jane Doe, a spokeswoman."), else after it or
    /// before it as the sentence gives it.
    fn verb_content(
        &self,
        s: usize,
        i: usize,
        cue: &VerbCue,
        group: &VerbGroup,
        mut found: Found,
    ) -> Option<(Found, (usize, usize), Rule)> {
        if !found.inverted {
            let (content, rule) =
                self.forward_or_backward(s, i + cue.out, found.subject, cue.flags);
            return Some((found, content?, rule));
        }
        let Subject::Mention(ms, mut me) = found.subject else {
            return None;
        };
        // "said the vice president and treasurer of Acme Inc. Ann Lee": one person
        if let Some(e) = self.joined_title_end(ms, me, self.d.sents[s].1) {
            me = e;
            found.subject = Subject::Mention(ms, me);
        }
        if self.d.is_punct(me, ",") {
            if let Some(ap) = self.right_np(me + 1, self.d.sents[s].1) {
                // ", said the secretary of the union, Ann Lee": the name is the source
                let named = |x: (usize, usize)| self.d.is_name(self.head(x.0, x.1));
                if !named((ms, me)) && named(ap) && ap.1 >= self.content_end(s) {
                    found.subject = Subject::Mention(ap.0, ap.1);
                    found.appos = Some((ms, me));
                } else {
                    found.appos = Some(ap);
                }
            }
        }
        let c = self.backward_content(s, group.cue_start)?;
        let rule = if self.d.is_quote(c.0) {
            Rule::QuoteThenSpeaker
        } else {
            Rule::ContentThenSpeaker
        };
        Some((found, c, rule))
    }

    /// Whether the verb at `i` with this content reports a claim, and the content it
    /// reports. Not a report: an infinitive after a hearer ("urged officials to act"); a
    /// noun-like cue or a clause verb whose content does not open like a clause ("asylum
    /// claims rose", "the update adds features"); a participle before a preposition ("the
    /// weight compared to steel"); an expectation ("investors may worry that"); a weak verb
    /// whose content opens with a preposition; a belief without an explicit subject or a
    /// clause of a few words. A relative clause ends the content ("the bill, which voters
    /// say will cut taxes, passed").
    fn verb_reports(
        &self,
        i: usize,
        cue: &VerbCue,
        group: &VerbGroup,
        found: &Found,
        mut content: (usize, usize),
    ) -> Option<(usize, usize)> {
        let (f, out, inverted) = (cue.flags, cue.out, found.inverted);
        if self.participle_with_time(i, group, found) {
            return None;
        }
        // "accused the council of lying": what they are accused of, after "of"
        if out == 0 && !inverted && LEXICON.accusation_verbs.has(self.lower(i)) {
            let of = (content.0..content.1.min(content.0 + MAX_ACCUSED_WORDS))
                .find(|&k| self.d.is(k, "of"))?;
            content.0 = of + 1;
            if content.0 >= content.1 {
                return None;
            }
        }
        // "would write to the minister", "had asked for an account": whom it goes to or
        // what it asks for, no claim
        if content.0 >= i + 1 + out
            && matches!(self.lower(content.0), "to" | "for")
            && !self.d.is_quote(content.0 + 1)
            && !self.lower(content.0 + 1).ends_with("ing")
            && !(self.d.is(content.0, "to") && self.d.has(content.0 + 1, DET) && out > 0)
        {
            return None;
        }
        if f & NOUNY != 0 && !inverted && content.0 > i && !self.clause_like(content.0) {
            return None;
        }
        if f & OBJ != 0 && out == 0 && LEXICON.prepositions.has(self.lower(i + 1)) {
            return None;
        }
        // without a quotation, "that" or a verb the content of a clause verb is an object
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
            return None;
        }
        // "checks will continue, officials will …": a verb that reports only with a
        // quotation reports nothing after a modal
        if f & SAY == 0 && group.modal {
            return None;
        }
        // a quotation after a colon would open the content
        if f & (SAY | BELIEF) == 0 && self.d.pos(content.0) == Upos::Adp {
            return None;
        }
        if let Subject::Mention(ms, _) = found.subject {
            if ms > 0 && LEXICON.relatives.has(self.lower(ms - 1)) && content.0 > i {
                if let Some(c) = (content.0..content.1)
                    .find(|&j| self.d.is_punct(j, ",") && !self.d.inside_quote(j))
                {
                    content.1 = trim_end(self.d, content.0, c);
                }
            }
        }
        if f & OBJ_AS != 0
            && !(content.0..content.1).any(|j| self.d.is(j, "as") || self.d.is(j, "that"))
            && !self.content_has_quote(Some(content))
        {
            return None;
        }
        // "compared the crisis to a flood": the object phrase is the content
        let object = f & OBJ != 0 && content.0 == i + 1 + out;
        if !object
            && f & (SAY | BELIEF) == 0
            && !self.content_has_quote(Some(content))
            && !self.d.is(content.0.saturating_sub(1), "that")
        {
            return None;
        }
        if f & SAY == 0
            && f & BELIEF != 0
            && (!matches!(found.subject, Subject::Mention(..))
                || content.1 - content.0 < MIN_BELIEF_WORDS)
        {
            return None;
        }
        Some(content)
    }

    /// "the prices reported the previous day were wrong": a word in "-ed" right after a
    /// noun that names no source, with a time phrase after it and then the clause's own
    /// verb, is a participle in the noun's phrase, no report.
    fn participle_with_time(&self, i: usize, group: &VerbGroup, found: &Found) -> bool {
        let Subject::Mention(ms, me) = found.subject else {
            return false;
        };
        if found.inverted || group.k != i || me != i || !self.lower(i).ends_with("ed") {
            return false;
        }
        let h = self.head(ms, me);
        // a capital that opens the sentence makes no name
        let opens = h == self.d.sents[self.d.toks[h].sent].0 && self.d.pos(h) != Upos::Propn;
        let name = self.d.is_name(h) && !opens;
        if name || is_pronoun(self.lower(h)) || self.d.has(h, SOURCE_NOUNS) {
            return false;
        }
        let time =
            |k: usize| self.d.has(k, TIME | TIME_UNIT) || LEXICON.measure_nouns.has(self.lower(k));
        let mut j = i + 1 + usize::from(self.d.is(i + 1, "on"));
        let start = j;
        while j < start + MAX_TAIL_WORDS && self.word(j) && !time(j) {
            if !(self.d.has(j, DET) || matches!(self.d.pos(j), Upos::Adj | Upos::Det | Upos::Num)) {
                return false;
            }
            j += 1;
        }
        if !time(j) {
            return false;
        }
        j += 1;
        let verb = |k: usize| {
            matches!(self.d.pos(k), Upos::Aux | Upos::Verb) && !self.lower(k).ends_with("ing")
        };
        // "a day earlier", "two weeks ago", "the day before"
        if self.word(j)
            && (self.d.has(j, TIME) || self.d.pos(j) == Upos::Adv || verb(j + 1))
            && !verb(j)
        {
            j += 1;
        }
        verb(j)
    }

    pub(super) fn forward_or_backward(
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
            // (a relative "that" has no subject of its own: a verb follows it at once)
            let relative = self.d.pos(j) == Upos::Pron
                && (self.d.nominal(j - 1) || self.d.is_name(j - 1))
                && !self.d.has(j - 1, TIME | TIME_UNIT)
                && matches!(self.d.pos(j + 1), Upos::Verb | Upos::Aux | Upos::Adv);
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
                let titled =
                    subject_after_comma && LEXICON.title_prepositions.has(self.lower(j - 1));
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
        // ", she said, adding …" / ", she said on Monday." (", the paper said on Monday,
        // citing …": the cited sources are no more content than the time is)
        let tail_end = (i + 1..ce)
            .find(|&j| {
                self.d.is_punct(j, ",")
                    && self.d.has(j + 1, CITE)
                    && self.lower(j + 1).ends_with("ing")
            })
            .unwrap_or(ce);
        let rest_words = (i + 1..tail_end).filter(|&j| self.word(j)).count();
        // after "told": the hearer first ("told reporters on Monday")
        let t0 = if f & TELL == 0 {
            i + 1
        } else if LEXICON.hearers.has(self.lower(i + 1)) {
            i + 2
        } else {
            self.right_np(i + 1, ce).map_or(i + 1, |(_, e)| e)
        };
        let tail_words = (t0..tail_end).filter(|&j| self.word(j)).count();
        let tail_is_adjunct = start.is_none()
            && (rest_words == 0
                || (tail_words <= MAX_TAIL_WORDS && !(t0..ce).any(|j| self.d.is_quote(j))
                    // "…,” she said in “The Morning Show” interview."
                    || tail_words <= MAX_ADJUNCT_TAIL_WORDS && LEXICON.adjunct_prepositions.has(self.lower(t0)))
                    && (t0 >= tail_end || self.d.has(t0, FUNC) || LEXICON.prepositions.has(self.lower(t0)))
                    && !self.d.is(t0, "that")
                || self.d.is_punct(i + 1, ";")
                // "…,” she said in an interview with the paper on Monday."
                || start.is_none()
                    && LEXICON.time_prepositions.has(self.lower(t0))
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
        // "“…,” he said, laughing.", "“…,” Lee said through an interpreter.": after the
        // quotation, words with no verb of their own say how it was said
        let manner_tail = quote_before
            && start.is_none()
            && tail_words <= MAX_ADJUNCT_TAIL_WORDS
            && !(t0..ce).any(|j| {
                self.d.is_quote(j)
                    || self.d.is(j, "that")
                    || self.d.pos(j) == Upos::Aux
                    || self.d.pos(j) == Upos::Verb && !self.lower(j).ends_with("ing")
            });
        if subject_after_comma && (tail_is_adjunct || split_quote || manner_tail) {
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

    /// Who issued a statement or document that ends at `np`: the subject of the verb right
    /// before it ("the firm issued a statement saying …").
    /// The subject of a verb that a restrictive relative clause ends right before `k`
    /// ("an aide who did not want to be identified told …"): the noun phrase before "who".
    fn relative_subject(&self, k: usize, floor: usize) -> Option<(usize, usize)> {
        let w = (k.saturating_sub(MAX_RELATIVE_WORDS).max(floor + 1)..k)
            .rev()
            .find(|&j| {
                LEXICON.person_relatives.has(self.lower(j)) && self.d.pos(j) == Upos::Pron
            })?;
        let clause = w + 1..k;
        let words_only = clause.clone().all(|j| self.word(j));
        let has_verb = clause
            .clone()
            .any(|j| matches!(self.d.pos(j), Upos::Verb | Upos::Aux));
        if !words_only || !has_verb || clause.clone().any(|j| self.d.has(j, SAY) && j + 1 == k) {
            return None;
        }
        let np = self.left_np(w, floor, false)?;
        let h = self.head(np.0, np.1);
        (self.d.is_name(h) || self.d.has(h, SOURCE_NOUNS)).then_some(np)
    }

    /// A statement or document at `np` issued by a participle after a comma ("…, releasing
    /// a statement saying …"): its issuer is the subject of the clause before.
    fn issued_by_participle(&self, np: (usize, usize), floor: usize) -> bool {
        let h = self.head(np.0, np.1);
        np.0 >= floor + 2
            && self.d.has(h, NOUN_CUE | DOC)
            && self.d.pos(np.0 - 1) == Upos::Verb
            && self.lower(np.0 - 1).ends_with("ing")
            && self.d.is_punct(np.0 - 2, ",")
    }

    /// Who sentence `s` says put out a statement or posted words, with no attribution of
    /// its own ("Sen. Ann Lee, a Democrat, issued a statement on the ruling.", "The firm
    /// posted on X."): the subject of the verb before the statement's noun, or of a verb
    /// before "on" and a platform's name; with the subject's apposition. A person, a body or
    /// a pronoun only.
    pub(super) fn statement_issuer(&self, s: usize) -> Option<(Range, Option<Range>)> {
        let (a, b) = self.d.sents[s];
        let verb = (a + 1..b).find(|&j| {
            if self.d.inside_quote(j) || self.d.toks[j].cap {
                return false;
            }
            // "issued a statement", "put out a short statement"
            let modifier = |m: usize| {
                self.word(m)
                    && (self.d.has(m, DET | ADJ)
                        || matches!(self.d.pos(m), Upos::Det | Upos::Adj | Upos::Adp | Upos::Adv))
            };
            let statement = self.d.has(j, NOUN_CUE)
                && (j.saturating_sub(4).max(a)..j)
                    .any(|k| self.d.pos(k) == Upos::Verb && (k + 1..j).all(modifier));
            let posted = self.d.pos(j) == Upos::Verb
                && self.d.is(j + 1, "on")
                && self.d.is_name(j + 2)
                && !self.d.has(j + 2, TIME);
            statement || posted
        })?;
        // the verb itself: before the statement's determiners and adjectives
        let mut v = verb;
        if self.d.has(v, NOUN_CUE) {
            while v > a && self.d.pos(v) != Upos::Verb {
                v -= 1;
            }
        }
        let mut k = v;
        while k > a && (self.d.has(k - 1, AUX) || self.adverb(k - 1)) {
            k -= 1;
        }
        let (np, appos) = if k > a && self.d.is_punct(k - 1, ",") {
            let f = self.subject_before_aside(a, k - 1, k, v, false)?;
            match f.subject {
                Subject::Mention(x, y) => ((x, y), f.appos),
                _ => return None,
            }
        } else {
            (self.left_np(k, a, false)?, None)
        };
        let h = self.head(np.0, np.1);
        let source = self.d.is_name(h) || is_pronoun(self.lower(h)) || self.d.has(h, SOURCE_NOUNS);
        source.then_some((np, appos))
    }

    pub(super) fn issuer(&self, np: (usize, usize), floor: usize) -> Option<(usize, usize)> {
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
}

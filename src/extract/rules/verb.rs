//! Reporting verbs with their subjects and contents: "X said (that) …", "“…,” said X", "…, X said", asides, participles, statements and their issuers.

use super::*;

impl<'d, 'a> Finder<'d, 'a> {
    pub(super) fn verb(&mut self, s: usize, i: usize) {
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
                // "a Truth Social post": a name before a weak verb's noun
                || self.d.pos(i - 1) == Upos::Propn && f & SAY == 0
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
                            } else if self.issued_by_participle(np, a) {
                                // "X said …, releasing a statement saying …": X again
                                subject = Some(Subject::Inherit);
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
                } else if let Some(np) = self.relative_subject(k, a) {
                    // "a person who declined to be named said …"
                    subject = Some(Subject::Mention(np.0, np.1));
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
        let Some(mut content) = content else { return };
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
        // "speaking on the floor, X called …": a weak verb whose content opens with a
        // preposition reports nothing (a quotation after a colon would open the content)
        if f & (SAY | BELIEF) == 0 && self.d.pos(content.0) == Upos::Adp {
            return;
        }
        // "the bill, which voters say will cut taxes, passed": the relative clause ends the
        // content
        if let Subject::Mention(ms, _) = subject {
            if ms > 0 && matches!(self.lower(ms - 1), "which" | "who") && content.0 > i {
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

    /// Who issued a statement or document that ends at `np`: the subject of the verb right
    /// before it ("the firm issued a statement saying …").
    /// The subject of a verb that a restrictive relative clause ends right before `k`
    /// ("an aide who did not want to be identified told …"): the noun phrase before "who".
    fn relative_subject(&self, k: usize, floor: usize) -> Option<(usize, usize)> {
        let w = (k.saturating_sub(MAX_RELATIVE_WORDS).max(floor + 1)..k)
            .rev()
            .find(|&j| matches!(self.lower(j), "who" | "that") && self.d.pos(j) == Upos::Pron)?;
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

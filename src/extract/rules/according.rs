//! "According to" any noun phrase, and "in the words of".

use super::*;

impl<'d, 'a> Finder<'d, 'a> {
    pub(super) fn according_to(&mut self, s: usize, i: usize) {
        let (a, b) = self.d.sents[s];
        let Some(np) = self.right_np(i + 2, b) else {
            return;
        };
        let (ns, ne) = self.named_apposition(np, b);
        // "according to research done by the Harbor Institute": the body that made it
        let author = self.maker_of(ns, ne, b);
        let (ns, ne) = author.unwrap_or((ns, ne));
        let ce = self.content_end(s);
        let cs0 = self.content_start(s);
        // "has learned that according to X, …": the clause after the source is the content
        let that_before = i > a && self.d.is(i - 1, "that");
        let content = if i == a || i == cs0 || self.d.is_quote(i - 1) || that_before {
            self.fix_content(self.past_aside(ne, ce), ce)
        } else if i > a && self.d.is_punct(i - 1, ",") {
            // "…, according to the Post, citing documents": the clause before is the content
            if ne < ce && self.d.is_punct(ne, ",") && !self.d.has(ne + 1, CITE) {
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
            // ("according to the firm's annual report": an owner's report is a document)
            document: author.is_some() || {
                let h = self.head(ns, ne);
                let owned = (ns..h).any(|k| self.lower(k) == "'s");
                self.d.has(h, DOC)
                    && (owned || !self.d.has(h, UNSPEC_MEDIA | OFFICIAL | EXPERT | PUBLIC))
            },
            ..Cand::new(Subject::Mention(ns, ne), Rule::AccordingTo, s, i)
        });
    }

    /// The named maker of a document or piece of research `(ns, ne)` that an irregular past
    /// participle and "by" follow ("research done by the Harbor Institute", "a study
    /// written by Ann Lee"; a regular one is read with the document's author). Not the one
    /// who read or got hold of it ("a memo seen by the Post").
    fn maker_of(&self, ns: usize, ne: usize, b: usize) -> Option<(usize, usize)> {
        let h = self.head(ns, ne);
        let t = self.d.toks.get(ne)?;
        let participle = t.kind == Kind::Word
            && !t.cap
            && self.d.pos(ne) == Upos::Verb
            && !t.lower.ends_with("ed")
            && !t.lower.ends_with("ing")
            && !LEXICON.access_participles.has(t.lower.as_ref());
        if !self.d.has(h, DOC) || !participle || !self.d.is(ne + 1, "by") {
            return None;
        }
        let agent = self.right_np(ne + 2, b)?;
        self.d.is_name(self.head(agent.0, agent.1)).then_some(agent)
    }

    /// Where a content starts after a source that ends at `ne`: past its comma and a
    /// participle aside ("according to the complaint, filed on Tuesday, the plant …").
    pub(super) fn past_aside(&self, ne: usize, ce: usize) -> usize {
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
    pub(super) fn named_apposition(&self, np: (usize, usize), b: usize) -> (usize, usize) {
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

    pub(super) fn words_of(&mut self, s: usize, i: usize) {
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
}

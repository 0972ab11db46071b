//! Coordinated subjects: "A, B and C said" gives one attribution per source.

use super::*;

impl<'d, 'a> Finder<'d, 'a> {
    /// The other sources coordinated with a subject ("A, B and C said", "said A and B"):
    /// each gets an attribution of its own. A phrase after a preposition ("At noon, A and B
    /// said") is no source.
    pub(super) fn conjuncts(&self, s: usize, ms: usize, me: usize) -> Vec<(usize, usize)> {
        let (a, b) = self.d.sents[s];
        let mut out = Vec::new();
        let source_like = |np: (usize, usize)| {
            let h = self.head(np.0, np.1);
            // "Speaking in Rome, A and B said": a participle's phrase is no source (a name
            // the tagger takes for a verb is: "Halden Foods and Brisk Dairy said")
            let l = self.lower(np.0);
            !(self.d.pos(np.0) == Upos::Verb && (l.ends_with("ing") || l.ends_with("ed")))
                && (self.d.is_name(h) || self.d.has(h, NOUNISH) && !self.d.has(h, DOC))
        };
        // "the president and chief executive of Acme": a lowercase title after "and"
        let title_after_and = !self.d.toks[ms].cap && !self.d.has(ms, DET);
        if ms > a + 1 && self.d.is(ms - 1, "and") && !title_after_and {
            let mut e = ms - 1;
            if self.d.is_punct(e - 1, ",") {
                e -= 1;
            }
            e = self.skip_aside(e, a);
            // "the president and chief executive of Acme": titles joined, one person; so
            // are "the company president and CEO Ann Lee", a title before a titled name
            const TITLES: u64 = OFFICIAL | ORG | EXPERT | MEDIA;
            let titled_name = self.d.has(ms, TITLES) && self.d.is_name(self.head(ms, me));
            let titles_joined = |np: (usize, usize)| {
                let h = self.head(np.0, np.1);
                !self.d.is_name(h)
                    && (!self.d.has(np.0, DET) && !is_pronoun(self.lower(np.0))
                        || titled_name && self.d.has(h, TITLES))
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
                // "Sen. Ann Lee, a Vermont Democrat, and …": an apposition describes the
                // conjunct before it, it is none itself
                let describes = LEXICON.indefinite_articles.has(self.lower(np.0))
                    && before.is_some_and(|p| self.d.is_punct(p, ","));
                if !describes {
                    out.push(np);
                }
                match before {
                    Some(p) if self.d.is_punct(p, ",") && out.len() < MAX_CONJUNCTS => {
                        e = self.skip_aside(p, a)
                    }
                    _ => break,
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

    /// Before a short aside in parentheses that ends right before `e` ("the Central Bank
    /// (CB)"): where the phrase before it ends; else `e`.
    pub(super) fn skip_aside(&self, e: usize, floor: usize) -> usize {
        self.paren_before(e, floor).unwrap_or(e)
    }
}

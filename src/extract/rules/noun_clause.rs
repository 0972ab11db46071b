//! Claim nouns with their owner and a "that" clause: "her claim that …".

use super::*;

impl<'d, 'a> Finder<'d, 'a> {
    /// A claim noun with its owner and a "that" clause: "her claim that the vote was
    /// rigged", "the ministry's assertion that …". The clause runs to the verb of the
    /// sentence that follows it ("… was rejected"), else to the sentence's end.
    pub(super) fn noun_clause(&mut self, s: usize, i: usize) -> bool {
        let (a, _) = self.d.sents[s];
        if self.d.inside_quote(i) || self.d.pos(i) == Upos::Verb {
            return false;
        }
        // "after reports that …", "Reports that … surfaced": unnamed reports, no owner
        let unnamed = self.d.has(i, UNSPEC_MEDIA)
            && (i == a
                || matches!(
                    self.d.pos(i - 1),
                    Upos::Adp | Upos::Sconj | Upos::Cconj | Upos::Punct
                ));
        if i <= a && !unnamed {
            return false;
        }
        let owner = if unnamed {
            None
        } else if LEXICON.possessives.has(self.lower(i - 1)) {
            Some((i - 1, i))
        } else if self.d.is(i - 1, "'s") {
            self.left_np(i - 1, a, false)
        } else {
            // "her repeated claim that": one modifier between
            (i >= a + 2
                && LEXICON.possessives.has(self.lower(i - 2))
                && self.d.pos(i - 1) != Upos::Noun)
                .then_some((i - 2, i - 1))
        };
        let subject = match owner {
            Some((x, y)) => Subject::Mention(x, y),
            None if unnamed => Subject::Fixed("reports"),
            None => return false,
        };
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
            hedged: self.d.has(i, CLAIM) || unnamed,
            ..Cand::new(subject, Rule::NounClause, s, i)
        });
        true
    }
}

//! Passives: "the plan is said to …" (no agent, a hedge) and "the plan was announced by Acme" (an agent).

use super::*;

impl<'d, 'a> Finder<'d, 'a> {
    pub(super) fn passive(&mut self, s: usize, k: usize, cue_start: usize, i: usize) {
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

    /// A reporting verb in the passive with its agent: "the plan was announced by Acme",
    /// "the figure, cited by Reuters, was low". The content is the "that" clause after the
    /// agent, else the passive's subject, else (an aside between commas) the sentence.
    pub(super) fn passive_agent(&mut self, s: usize, i: usize) {
        let (a, b) = self.d.sents[s];
        let Some((ms, me)) = self.right_np(i + 2, b) else {
            return;
        };
        let h = self.head(ms, me);
        // "expected by Thursday", "completed by the weekend": a time, no agent
        if self.d.has(h, TIME | TIME_UNIT) {
            return;
        }
        if !(self.d.is_name(h)
            || self.d.has(h, SOURCE_NOUNS)
            || self.d.pos(h) == Upos::Propn
            || is_pronoun(self.lower(h)))
        {
            return;
        }
        let ce = self.content_end(s);
        let mut k = i;
        while k > a
            && i - k < MAX_PASSIVE_GROUP_WORDS
            && (self.d.has(k - 1, AUX) || self.adverb(k - 1))
        {
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
}

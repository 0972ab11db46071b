//! Transcript and e-mail lines: `Name: "…"`.

use super::*;

impl<'d, 'a> Finder<'d, 'a> {
    /// A transcript or e-mail line: a speaker's name or title, a colon, then a quotation
    /// (`Ann Lee: "We will appeal."`). The name opens its sentence, or follows a colon or a
    /// closing mark, and holds no verb.
    pub(super) fn transcript_line(&mut self, s: usize, colon: usize) {
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
                        || LEXICON.speaker_label_words.has(t.lower.as_ref())
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
}

//! Hedge adverbs that stand for an unnamed source: "reportedly", "allegedly".

use super::*;

impl<'d, 'a> Finder<'d, 'a> {
    pub(super) fn hedge(&mut self, s: usize, i: usize) {
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
}

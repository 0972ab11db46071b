//! Citing chains: "X, citing Y, said …", "X quoted Y as saying …".

use super::*;

impl<'d, 'a> Finder<'d, 'a> {
    /// "X, citing Y, said …", "Citing Y, X reported …", "It quoted Y".
    pub(super) fn citing(&mut self, s: usize, i: usize) {
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
}

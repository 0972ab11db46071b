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
        // "citing internal documents": a document cited, not a speaker
        let document = |np: &(usize, usize)| {
            let h = self.head(np.0, np.1);
            self.d.has(h, DOC) && !self.d.has(h, SOURCE_NOUNS)
        };
        let docs: Vec<bool> = cited.iter().map(document).collect();
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
        // "quoted a person close to the club as saying", "quoted the majority leader, Ann
        // Lee, as saying": the phrase runs on to "as saying" past words the noun phrase
        // left out, and an apposition
        let as_saying_at = |k: usize| {
            self.d.is(k, "as") && self.d.has(k + 1, SAY) && self.lower(k + 1).ends_with("ing")
        };
        if let Some(last) = cited.last_mut().filter(|_| !as_saying_at(j)) {
            let reach = (j..b.min(j + MAX_CITED_TAIL_WORDS))
                .take_while(|&k| {
                    (self.word(k) && !self.d.has(k, SAY | AUX) || self.d.is_punct(k, ","))
                        && !self.d.inside_quote(k)
                })
                .find(|&k| as_saying_at(k));
            if let Some(k) = reach {
                last.1 = if self.d.is_punct(k - 1, ",") {
                    k - 1
                } else {
                    k
                };
                j = k;
            }
        }
        // "quoted the minister as saying …": the quotation's content belongs to both
        let as_saying = as_saying_at(j)
            .then(|| self.fix_content(j + 2, self.content_end(s)))
            .flatten();
        // "…, the Ledger reported on Tuesday, citing two people briefed on the plan": the
        // cited sources back the report that ends before the comma
        if let Some(k) = (i > a && self.d.is_punct(i - 1, ","))
            .then(|| self.report_ending_at(s, i - 1))
            .flatten()
        {
            if !finite
                && cited
                    .iter()
                    .zip(&docs)
                    .all(|(np, &doc)| doc || source_like(np))
            {
                let (citer, content) = (self.out[k].subject, self.out[k].content);
                for (np, document) in cited.into_iter().zip(docs) {
                    self.push(Cand {
                        cue: Some((i, i + 1)),
                        content,
                        via: Some(citer),
                        document,
                        ..Cand::new(Subject::Mention(np.0, np.1), Rule::Citing, s, i)
                    });
                }
            }
            return;
        }
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
        for (np, document) in cited.into_iter().zip(docs) {
            self.push(Cand {
                cue: Some(if as_saying.is_some() {
                    (j, j + 2)
                } else {
                    (i, i + 1)
                }),
                content: as_saying,
                via: Some(citer),
                document,
                ..Cand::new(Subject::Mention(np.0, np.1), Rule::Citing, s, i)
            });
        }
    }

    /// The attribution in sentence `s` whose cue or source ends just before `comma`, past
    /// at most a time phrase ("the paper reported", "the minister said on Tuesday",
    /// "according to the Post"): its index among the candidates found so far.
    fn report_ending_at(&self, s: usize, comma: usize) -> Option<usize> {
        let k = self
            .out
            .iter()
            .rposition(|c| c.sent == s && c.via.is_none())?;
        let c = &self.out[k];
        let cue_end = c.cue?.1;
        let end = match c.subject {
            Subject::Mention(_, me) => cue_end.max(me),
            _ => cue_end,
        };
        let gap = end <= comma
            && comma - end <= MAX_TIME_PHRASE_WORDS
            && (end..comma).all(|j| self.word(j) && self.d.pos(j) != Upos::Verb);
        gap.then_some(k)
    }
}

//! Contents cut where another attribution starts, and quotations that continue an earlier speaker.

use super::*;

impl<'d, 'a> Finder<'d, 'a> {
    /// A content stops where another attribution of its sentence starts, and a quotation
    /// that runs over several paragraphs is cut at its first paragraph's end: each later
    /// paragraph becomes a continuation of the same speaker.
    pub(super) fn trim_contents(&mut self) {
        // (sentence, mention or cue start, cue start), sorted
        let mut starts: Vec<(usize, usize, usize)> = self
            .out
            .iter()
            .filter_map(|c| {
                let cue = c.cue?;
                let m = match c.subject {
                    Subject::Mention(ms, _) if ms < cue.0 => ms,
                    // "praised the budget and several times described it": a time phrase
                    // before the cue belongs to its verb
                    _ => {
                        let a = self.d.sents[c.sent].0;
                        let mut k = cue.0;
                        while let Some(t) = self.time_phrase_before(k, a).filter(|&t| t < k) {
                            k = t;
                        }
                        k
                    }
                };
                Some((c.sent, m, cue.0))
            })
            .collect();
        starts.sort_unstable();
        let mut extra = Vec::new();
        for c in &mut self.out {
            let (Some((x, mut y)), Some(cue)) = (c.content, c.cue) else {
                continue;
            };
            if x > cue.0 {
                let from = starts.partition_point(|&(s, _, _)| s < c.sent);
                let to = starts.partition_point(|&(s, _, _)| s <= c.sent);
                for &(_, m, q) in &starts[from..to] {
                    if q != cue.0 && m > x && m < y && !self.d.inside_quote(m) {
                        y = trim_end(self.d, x, m);
                    }
                }
            }
            // one paragraph per attribution
            let para = self.d.toks[x].para;
            if let Some(cut) = (x..y).find(|&k| self.d.toks[k].para != para) {
                let mut k = cut;
                while k < y {
                    let p = self.d.toks[k].para;
                    let e = (k..y).find(|&j| self.d.toks[j].para != p).unwrap_or(y);
                    extra.push(Cand {
                        content: Some((k, e)),
                        ..Cand::new(
                            Subject::Previous,
                            Rule::QuoteContinuation,
                            self.d.toks[k].sent,
                            k,
                        )
                    });
                    k = e;
                }
                y = cut;
            }
            if y > x {
                c.content = Some((x, y));
            }
        }
        self.out.extend(extra);
        let mut contents: Vec<(usize, usize)> = self.out.iter().filter_map(|c| c.content).collect();
        contents.sort_unstable();
        self.out.retain(|c| {
            let nested = |q: usize| {
                let upto = contents.partition_point(|&(x, _)| x <= q);
                contents[..upto].iter().rev().take(64).any(|&(_, y)| q < y)
            };
            !c.belief || !c.cue.is_some_and(|(q, _)| nested(q))
        });
    }

    /// A quotation standing alone as its own sentence continues the speaker before it.
    pub(super) fn continuations(&mut self) {
        let mut covered = vec![false; self.d.toks.len()];
        for c in &self.out {
            if let Some((x, y)) = c.content {
                for v in &mut covered[x..y] {
                    *v = true;
                }
            }
        }
        // the sentences that hold an attribution
        let mut attributed = vec![false; self.d.sents.len()];
        for c in &self.out {
            attributed[c.sent] = true;
        }
        // the issuer of a statement whose words the last quotation standing alone gave, and
        // the sentence that quotation ends
        let mut issued = None;
        let mut extra = Vec::new();
        for q in self.d.quotes.clone() {
            if covered[q.open..=q.close].iter().any(|&v| v) {
                continue;
            }
            let s = self.d.toks[q.open].sent;
            let (a, _) = self.d.sents[s];
            if a != q.open {
                // "“A,” she said, “B.”": the second part of a quotation split by its tag
                let words = (q.open..q.close).filter(|&j| self.word(j)).count();
                let split = q.open > a + 1
                    && self.d.is_punct(q.open - 1, ",")
                    && words >= 3
                    && self.out.iter().any(|c| {
                        c.sent == s
                            && c.via.is_none()
                            && c.cue.is_some_and(|(_, y)| {
                                let end = match c.subject {
                                    Subject::Mention(_, me) => me.max(y),
                                    _ => y,
                                };
                                let end = c.appos.map_or(end, |(_, ae)| ae.max(end));
                                end == q.open - 1
                            })
                    });
                if split {
                    extra.push(Cand {
                        content: Some((q.open, q.close + 1)),
                        ..Cand::new(Subject::Previous, Rule::QuoteContinuation, s, q.open)
                    });
                }
                continue;
            }
            let last = self.d.toks[q.close].sent;
            let (_, lb) = self.d.sents[last];
            if (q.close + 1..lb).any(|j| self.word(j)) {
                continue;
            }
            let words = (q.open..q.close).filter(|&j| self.word(j)).count();
            if words < MIN_CONTINUED_QUOTE_WORDS {
                continue;
            }
            // "Sen. Ann Lee issued a statement. “…” “…”": the issuer speaks, in each
            // quotation that follows
            let issuer = match issued {
                Some((e, subject, appos)) if s == e + 1 => Some((subject, appos)),
                _ => (s > 0 && !attributed[s - 1])
                    .then(|| self.statement_issuer(s - 1))
                    .flatten()
                    .map(|((x, y), appos)| (Subject::Speaker(x, y), appos)),
            };
            let (subject, appos) = issuer.unwrap_or((Subject::Previous, None));
            issued = issuer.map(|(subject, appos)| (last, subject, appos));
            self.out.push(Cand {
                content: Some((q.open, q.close + 1)),
                appos,
                ..Cand::new(subject, Rule::QuoteContinuation, s, q.open)
            });
        }
        self.out.extend(extra);
    }
}

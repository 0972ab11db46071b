//! Reading CoNLL-U treebanks, and carrying their tags over to the engine's tokens.
//!
//! Only what the tagger needs is read: the surface tokens (a word, or a multiword token's
//! range line with its words), each word's UPOS, and `SpaceAfter=No`. Empty nodes (`8.1`)
//! and comments are skipped.

use super::Upos;
use crate::extract::doc::Doc;
use crate::extract::lexicon::LEXICON;

/// A CoNLL-U line that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ConlluError {
    pub line: usize,
    pub message: String,
}

/// A syntactic word of a treebank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UdWord {
    pub form: String,
    pub upos: Upos,
}

/// A surface token: one word, or a multiword token ("don't", "cannot") and its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UdToken {
    pub form: String,
    pub space_after: bool,
    pub words: Vec<UdWord>,
}

/// A treebank sentence as its surface tokens.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UdSentence {
    pub tokens: Vec<UdToken>,
}

impl UdSentence {
    /// The sentence's text, each token followed by a space unless it has `SpaceAfter=No`.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for t in &self.tokens {
            s.push_str(&t.form);
            if t.space_after {
                s.push(' ');
            }
        }
        s
    }
}

/// Read every sentence of a CoNLL-U text.
pub fn parse(src: &str) -> Result<Vec<UdSentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = UdSentence::default();
    // the last word id of the multiword token being filled
    let mut mwt_end: Option<u32> = None;
    for (n, line) in src.lines().enumerate() {
        let err = |message: String| ConlluError {
            line: n + 1,
            message,
        };
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if mwt_end.is_some() {
                return Err(err("the sentence ends inside a multiword token".into()));
            }
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 {
            return Err(err(format!(
                "expected at least 4 tab-separated columns, found {}",
                cols.len()
            )));
        }
        let (id, form, upos) = (cols[0], cols[1], cols[3]);
        let space_after = !cols
            .get(9)
            .is_some_and(|m| m.split('|').any(|f| f == "SpaceAfter=No"));
        if id.contains('.') {
            continue; // an empty node
        }
        let num = |s: &str| {
            s.parse::<u32>()
                .map_err(|_| err(format!("bad token id '{id}'")))
        };
        if let Some((a, b)) = id.split_once('-') {
            let (a, b) = (num(a)?, num(b)?);
            if b < a || mwt_end.is_some() {
                return Err(err(format!("bad multiword token range '{id}'")));
            }
            mwt_end = Some(b);
            cur.tokens.push(UdToken {
                form: form.to_string(),
                space_after,
                words: Vec::new(),
            });
            continue;
        }
        let i = num(id)?;
        let upos = Upos::parse(upos).ok_or_else(|| err(format!("unknown UPOS tag '{upos}'")))?;
        let word = UdWord {
            form: form.to_string(),
            upos,
        };
        match mwt_end {
            Some(end) => {
                let tok = cur.tokens.last_mut().expect("a range line was pushed");
                tok.words.push(word);
                if i >= end {
                    mwt_end = None;
                }
            }
            None => cur.tokens.push(UdToken {
                form: form.to_string(),
                space_after,
                words: vec![word],
            }),
        }
    }
    if mwt_end.is_some() {
        return Err(ConlluError {
            line: src.lines().count(),
            message: "the text ends inside a multiword token".into(),
        });
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// A sentence in the engine's tokens, with a tag for each.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TaggedSentence {
    pub words: Vec<String>,
    pub tags: Vec<Upos>,
}

/// How often the treebank's words and the engine's tokens differed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Alignment {
    /// Engine tokens.
    pub tokens: usize,
    /// Engine tokens that cover several treebank words.
    pub merged: usize,
    /// Engine tokens that are a piece of a treebank word.
    pub split: usize,
}

/// A treebank word's place in the sentence text, in characters, end exclusive.
struct Placed {
    start: usize,
    end: usize,
    upos: Upos,
    hyphen: bool,
    alnum: bool,
}

fn has_alnum(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

/// The tag of a piece of a treebank word that holds no letter or digit ("." of "Mr.",
/// "$" of "US$"): SYM for a symbol, else PUNCT.
fn piece_tag(piece: &str) -> Upos {
    let symbol = |c: char| "$€£¥¢₹%‰#@+=<>~^|°§©®™×÷±".contains(c);
    if piece.chars().all(symbol) {
        Upos::Sym
    } else {
        Upos::Punct
    }
}

/// Characters compared when placing a word inside its multiword token.
fn fold(c: char) -> char {
    match c {
        '’' | '‘' => '\'',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

impl TaggedSentence {
    /// The treebank sentence cut by the engine's tokenizer, with the treebank's tags carried
    /// over by character offsets (the rules are in the module documentation of `tagger`).
    pub fn from_ud(ud: &UdSentence, stats: &mut Alignment) -> TaggedSentence {
        let text = ud.text();
        let mut placed: Vec<Placed> = Vec::new();
        let mut pos = 0usize;
        for tok in &ud.tokens {
            let chars: Vec<char> = tok.form.chars().map(fold).collect();
            let (start, end) = (pos, pos + chars.len());
            let mut cursor = 0usize;
            for w in &tok.words {
                let form: Vec<char> = w.form.chars().map(fold).collect();
                let found = (tok.words.len() > 1 && !form.is_empty())
                    .then(|| {
                        (cursor..=chars.len().saturating_sub(form.len()))
                            .find(|&p| chars[p..].starts_with(&form))
                    })
                    .flatten();
                let (s, e) = match found {
                    Some(p) => {
                        cursor = p + form.len();
                        (start + p, start + cursor)
                    }
                    None if tok.words.len() == 1 => (start, end),
                    // not found: the word takes the rest of the token
                    None => (start + cursor.min(chars.len()), end),
                };
                placed.push(Placed {
                    start: s,
                    end: e,
                    upos: w.upos,
                    hyphen: matches!(w.form.as_str(), "-" | "‐"),
                    alnum: has_alnum(&w.form),
                });
            }
            pos = end + usize::from(tok.space_after);
        }
        let doc = Doc::new(&text, &LEXICON);
        let mut out = TaggedSentence::default();
        let mut lo = 0usize;
        for t in &doc.toks {
            while lo < placed.len() && placed[lo].end <= t.start {
                lo += 1;
            }
            let over: Vec<&Placed> = placed[lo..]
                .iter()
                .take_while(|p| p.start < t.end)
                .filter(|p| p.end > t.start)
                .collect();
            let tag = match over.as_slice() {
                [] => Upos::X,
                [w] => {
                    if w.start < t.start || w.end > t.end {
                        stats.split += 1;
                    }
                    if w.alnum && !has_alnum(t.text) {
                        piece_tag(t.text)
                    } else {
                        w.upos
                    }
                }
                many => {
                    stats.merged += 1;
                    let hyphenated = many.iter().any(|w| w.hyphen);
                    let mut heads = many.iter().filter(|w| w.alnum);
                    let head = if hyphenated {
                        heads.next_back()
                    } else {
                        heads.next()
                    };
                    head.unwrap_or(&many[0]).upos
                }
            };
            stats.tokens += 1;
            out.words.push(t.text.to_string());
            out.tags.push(tag);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Build CoNLL-U lines from `id form upos misc` rows.
    fn conllu(rows: &[&str]) -> String {
        let mut s = String::from("# sent_id = test\n");
        for r in rows {
            let f: Vec<&str> = r.split(' ').collect();
            let misc = f.get(3).copied().unwrap_or("_");
            s.push_str(&format!(
                "{}\t{}\t_\t{}\t_\t_\t_\t_\t_\t{}\n",
                f[0], f[1], f[2], misc
            ));
        }
        s.push('\n');
        s
    }

    fn tagged(rows: &[&str]) -> Vec<(String, &'static str)> {
        let sents = parse(&conllu(rows)).unwrap();
        assert_eq!(sents.len(), 1);
        let mut stats = Alignment::default();
        let t = TaggedSentence::from_ud(&sents[0], &mut stats);
        t.words
            .into_iter()
            .zip(t.tags.iter().map(|t| t.as_str()))
            .collect()
    }

    fn pairs(v: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
        v.iter().map(|&(w, t)| (w.to_string(), t)).collect()
    }

    #[test]
    fn reads_words_multiword_tokens_and_spacing() {
        let src = conllu(&[
            "1-2 Don't _ SpaceAfter=No",
            "1 Do AUX",
            "2 n't PART",
            "3 go VERB SpaceAfter=No",
            "4 . PUNCT",
        ]) + &conllu(&["1 Yes INTJ", "1.1 was AUX", "2 ! PUNCT"]);
        let s = parse(&src).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tokens.len(), 3);
        assert_eq!(s[0].tokens[0].form, "Don't");
        assert_eq!(s[0].tokens[0].words.len(), 2);
        assert_eq!(s[0].text(), "Don'tgo. ");
        assert_eq!(s[1].text(), "Yes ! ");
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("# c\n1\tword\tword\tNOPE\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("NOPE"), "{e}");
        assert_eq!(parse("1\tshort\n").unwrap_err().line, 1);
        assert_eq!(parse("x\ta\ta\tNOUN\n").unwrap_err().line, 1);
        assert!(parse("1-2\tcannot\t_\t_\n1\tcan\tcan\tAUX\n\n").is_err());
    }

    #[test]
    fn hyphenated_words_are_one_token_tagged_by_their_last_part() {
        let got = tagged(&[
            "1 a DET",
            "2 six NUM SpaceAfter=No",
            "3 - PUNCT SpaceAfter=No",
            "4 member NOUN",
            "5 panel NOUN",
        ]);
        assert_eq!(
            got,
            pairs(&[("a", "DET"), ("six-member", "NOUN"), ("panel", "NOUN")])
        );
    }

    #[test]
    fn abbreviations_lose_their_dot_except_the_us_pattern() {
        let got = tagged(&[
            "1 Mr. PROPN",
            "2 Smith PROPN",
            "3 left VERB",
            "4 the DET",
            "5 U.S. PROPN SpaceAfter=No",
            "6 . PUNCT",
        ]);
        assert_eq!(
            got,
            pairs(&[
                ("Mr", "PROPN"),
                (".", "PUNCT"),
                ("Smith", "PROPN"),
                ("left", "VERB"),
                ("the", "DET"),
                ("U.S.", "PROPN"),
                (".", "PUNCT"),
            ])
        );
    }

    #[test]
    fn clitics_follow_the_engine_and_contractions_take_their_host() {
        let got = tagged(&[
            "1-2 I'm _",
            "1 I PRON",
            "2 'm AUX",
            "3-4 cannot _",
            "3 can AUX",
            "4 not PART",
            "5 say VERB",
            "6 Kim PROPN SpaceAfter=No",
            "7 ’s PART",
            "8-9 don't _",
            "8 do AUX",
            "9 n't PART",
        ]);
        assert_eq!(
            got,
            pairs(&[
                ("I'm", "PRON"),
                ("cannot", "AUX"),
                ("say", "VERB"),
                ("Kim", "PROPN"),
                ("’s", "PART"),
                ("do", "AUX"),
                ("n't", "PART"),
            ])
        );
    }

    #[test]
    fn numbers_and_symbols_keep_their_tags() {
        let got = tagged(&[
            "1 $ SYM SpaceAfter=No",
            "2 45,756 NUM",
            "3 — PUNCT",
            "4 2.5 NUM SpaceAfter=No",
            "5 % SYM",
            "6 US$ NOUN",
            "7 9 NUM",
        ]);
        assert_eq!(
            got,
            pairs(&[
                ("$", "SYM"),
                ("45,756", "NUM"),
                ("—", "PUNCT"),
                ("2.5", "NUM"),
                ("%", "SYM"),
                ("US", "NOUN"),
                ("$", "SYM"),
                ("9", "NUM"),
            ])
        );
    }
}

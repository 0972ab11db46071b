//! `compare ARTICLE --annotator NAME --key KEY --format html`: one self-contained feedback page
//! for a student (inline CSS, nothing fetched, no script; the same Content-Security-Policy as
//! the report). The summary in words and the agreement table, the article twice side by side
//! (the student's claims, the key's), every claim marked matched, labels differ, missed or
//! extra, and a list that spells out each disagreement with the guideline's reason ("you:
//! anonymous, key: named — the source is named in paragraph 2"). Every piece of text from the
//! article, the claims or the names goes through [`text`] or [`attr`].

use std::fmt::Write as _;
use std::io::Write;

use crate::compare::{Agreement, Brief, Comparison, Pair};
use crate::error::Result;
use crate::model::{Attribution, Form, Identity, Role};
use crate::report::html::{attr, text};
use crate::report::marks::{marks, segments};

const STYLE: &str = r#"
body { font-family: Georgia, serif; max-width: 84rem; margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.5; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.meta, .summary, table, .legend, ul.feedback, .sides h2 { font-family: sans-serif; }
.meta { color: #555; font-size: .9rem; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 2rem; }
@media (max-width: 50rem) { .sides { grid-template-columns: 1fr; } }
.article { white-space: pre-wrap; }
mark { border-radius: 3px; padding: 0 1px; cursor: help; }
mark.matched { background: #c9f0c9; } mark.differs { background: #ffe7a3; }
mark.missed { background: #ffc9c9; } mark.extra { background: #d9d0ff; }
.cue { font-weight: bold; text-decoration: underline; }
sup.marker { font-family: sans-serif; font-size: .7rem; font-weight: bold; color: #333; }
.legend span { padding: 0 .4rem; margin-right: .5rem; border-radius: 3px; font-size: .85rem; }
.legend .matched { background: #c9f0c9; } .legend .differs { background: #ffe7a3; }
.legend .missed { background: #ffc9c9; } .legend .extra { background: #d9d0ff; }
table { border-collapse: collapse; font-size: .9rem; }
td, th { border-bottom: 1px solid #ddd; padding: .2rem .6rem; text-align: left; vertical-align: top; }
td.n { text-align: right; }
ul.feedback { list-style: none; padding-left: 0; font-size: .95rem; }
ul.feedback > li { margin-bottom: .6rem; }
ul.feedback .status { font-weight: bold; padding: 0 .3rem; border-radius: 3px; }
li.matched .status { background: #c9f0c9; } li.differs .status { background: #ffe7a3; }
li.missed .status { background: #ffc9c9; } li.extra .status { background: #d9d0ff; }
ul.why { margin: .2rem 0; }
q { font-style: italic; }
"#;

/// What became of a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Matched,
    Differs,
    Missed,
    Extra,
}

impl Status {
    fn class(self) -> &'static str {
        match self {
            Status::Matched => "matched",
            Status::Differs => "differs",
            Status::Missed => "missed",
            Status::Extra => "extra",
        }
    }

    fn words(self) -> &'static str {
        match self {
            Status::Matched => "matched",
            Status::Differs => "labels differ",
            Status::Missed => "missed",
            Status::Extra => "not in the key",
        }
    }
}

fn pair_status(p: &Pair) -> Status {
    if p.differences().is_empty() {
        Status::Matched
    } else {
        Status::Differs
    }
}

/// The paragraphs of a text: blank-line separated when it has blank lines, else one per line.
/// Returns the start offset (in characters) of each.
fn paragraph_starts(chars: &[char]) -> Vec<usize> {
    let blank_lines = chars.windows(2).any(|w| w == ['\n', '\n']);
    let mut starts = vec![0];
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\n' {
            let mut j = i + 1;
            if blank_lines {
                // a break is a newline followed by a blank line
                let mut k = j;
                while k < chars.len() && chars[k] != '\n' && chars[k].is_whitespace() {
                    k += 1;
                }
                if k < chars.len() && chars[k] == '\n' {
                    j = k + 1;
                    while j < chars.len() && chars[j].is_whitespace() {
                        j += 1;
                    }
                    starts.push(j);
                }
                i = j.max(i + 1);
                continue;
            }
            while j < chars.len() && chars[j] == '\n' {
                j += 1;
            }
            starts.push(j);
            i = j;
            continue;
        }
        i += 1;
    }
    starts.dedup();
    starts
}

/// The 1-based paragraph holding character `at`.
fn paragraph_of(starts: &[usize], at: usize) -> usize {
    starts.partition_point(|&s| s <= at).max(1)
}

/// Where `needle` first occurs in `chars`, ignoring case.
fn find_ignoring_case(chars: &[char], needle: &str) -> Option<usize> {
    let needle: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    if needle.is_empty() || needle.len() > chars.len() {
        return None;
    }
    (0..=chars.len() - needle.len()).find(|&i| {
        chars[i..i + needle.len()]
            .iter()
            .zip(&needle)
            .all(|(c, n)| c.to_lowercase().eq(std::iter::once(*n)))
    })
}

/// Where a claim starts: its content, else cue, else mention.
fn first_start(b: &Brief) -> Option<usize> {
    b.content_start.or(b.cue_start).or(b.mention_start)
}

struct Page<'a> {
    chars: Vec<char>,
    paragraphs: Vec<usize>,
    c: &'a Comparison,
}

impl Page<'_> {
    fn paragraph(&self, at: usize) -> usize {
        paragraph_of(&self.paragraphs, at)
    }

    /// "in paragraph N" for a claim, or "".
    fn where_is(&self, b: &Brief) -> String {
        first_start(b)
            .map(|at| format!(" in paragraph {}", self.paragraph(at)))
            .unwrap_or_default()
    }

    /// Where the key's source is named in the text, as " — the source is named in paragraph
    /// N" (the first occurrence of its name, else of its mention).
    fn named_where(&self, key: &Brief) -> Option<usize> {
        find_ignoring_case(&self.chars, &key.source)
            .or_else(|| {
                key.mention_start
                    .filter(|_| key.identity == Identity::Named)
            })
            .map(|at| self.paragraph(at))
    }

    /// Why the key labels a claim as it does: the guideline's meaning of its value.
    fn reason(&self, label: &str, key: &Brief) -> String {
        match label {
            "identity" => match key.identity {
                Identity::Named => match self.named_where(key) {
                    Some(n) => format!("the source is named in paragraph {n}"),
                    None => format!("the source is a named person or body ({})", key.source),
                },
                Identity::Anonymous => format!(
                    "the source is described but not named (\u{201c}{}\u{201d})",
                    key.mention.as_deref().unwrap_or(&key.source)
                ),
                Identity::Unspecified => {
                    "no identifiable agent stands behind the claim".to_string()
                }
            },
            "role" => match key.role {
                Role::Official => "government, military, police, courts, agencies, \
                                   office-holders and their spokespeople are official"
                    .to_string(),
                Role::Media => {
                    "news outlets, journalists and \u{201c}reports\u{201d} are media".to_string()
                }
                Role::Expert => "academics, analysts, researchers, doctors or lawyers speaking \
                                 as experts are experts"
                    .to_string(),
                Role::Organization => "companies, NGOs, unions and advocacy groups and their \
                                       representatives are organizations"
                    .to_string(),
                Role::Public => "ordinary people (witnesses, residents, victims, families, \
                                 voters) are the public"
                    .to_string(),
                Role::Unknown => "the text does not tell what kind of source it is".to_string(),
            },
            "form" => match key.form {
                Form::DirectQuote => {
                    "the content holds the source's words in quotation marks".to_string()
                }
                Form::Paraphrase => {
                    "the source's words are reported without quotation marks".to_string()
                }
                Form::Document => {
                    "the source is a document, data set, statement or record".to_string()
                }
            },
            "hedged" => if key.hedged {
                "the wording distances the writer from the claim (\u{201c}reportedly\u{201d}, \
                 \u{201c}allegedly\u{201d}, \u{201c}claimed\u{201d})"
            } else {
                "nothing in the wording distances the writer from the claim"
            }
            .to_string(),
            "source" => match self.named_where(key) {
                Some(n) => format!("the claim rests on {}, named in paragraph {n}", key.source),
                None => format!("the claim rests on {}", key.source),
            },
            "via" => match &key.via {
                Some(v) => format!("the claim reaches the writer through {v}"),
                None => "the claim is not passed on by another source".to_string(),
            },
            _ => String::new(),
        }
    }

    /// A claim in a few words: source, labels, cue and the start of its content.
    fn describe(&self, b: &Brief) -> String {
        let mut s = format!(
            "{} ({}, {}, {}{})",
            text(&b.source),
            b.identity,
            b.role,
            b.form,
            if b.hedged { ", hedged" } else { "" }
        );
        if let Some(cue) = &b.cue {
            let _ = write!(s, ", cue <q>{}</q>", text(cue));
        }
        if let Some(content) = &b.content {
            let short: String = content.chars().take(90).collect();
            let more = if content.chars().count() > 90 {
                "…"
            } else {
                ""
            };
            let _ = write!(s, ": <q>{}{more}</q>", text(&short));
        }
        s
    }

    fn item(&self, status: Status, heading: String, body: &str) -> String {
        format!(
            "<li class=\"{}\"><span class=\"status\">{}</span> {heading}{body}</li>\n",
            status.class(),
            status.words()
        )
    }

    fn feedback(&self) -> String {
        let c = self.c;
        let mut items: Vec<(usize, String)> = Vec::new();
        for p in &c.matched {
            let status = pair_status(p);
            let heading = format!(
                "<a href=\"#you-{}\">your claim {}</a> is <a href=\"#key-{}\">key claim {}</a>{}: {}",
                p.claim.number,
                p.claim.number,
                p.key.number,
                p.key.number,
                self.where_is(&p.key),
                self.describe(&p.key)
            );
            let mut body = String::new();
            let diffs = p.differences();
            if !diffs.is_empty() {
                body.push_str("<ul class=\"why\">");
                for (label, mine, key) in diffs {
                    let _ = write!(
                        body,
                        "<li>{label}: you: {}, key: {} — {}</li>",
                        text(&mine),
                        text(&key),
                        text(&self.reason(label, &p.key))
                    );
                }
                body.push_str("</ul>");
            }
            items.push((p.key.number, self.item(status, heading, &body)));
        }
        for b in &c.missed {
            let heading = format!(
                "<a href=\"#key-{}\">key claim {}</a>{}: {}",
                b.number,
                b.number,
                self.where_is(b),
                self.describe(b)
            );
            items.push((b.number, self.item(Status::Missed, heading, "")));
        }
        items.sort_by_key(|(n, _)| *n);
        let mut s: String = items.into_iter().map(|(_, li)| li).collect();
        for b in &c.extra {
            let heading = format!(
                "<a href=\"#you-{}\">your claim {}</a>{}: {}",
                b.number,
                b.number,
                self.where_is(b),
                self.describe(b)
            );
            s.push_str(&self.item(
                Status::Extra,
                heading,
                " — the key has no claim that matches it",
            ));
        }
        s
    }

    /// The article with one side's claims marked by status; markers `you-N` or `key-N`.
    fn side(&self, side: &str, attributions: &[Attribution], status: &[Status]) -> String {
        let marks = marks(self.chars.len(), attributions);
        let status_of = |number: usize| status.get(number - 1).copied().unwrap_or(Status::Extra);
        let mut s = String::from("<div class=\"article\">");
        for seg in segments(self.chars.len(), &marks) {
            let body: String = self.chars[seg.start..seg.end].iter().collect();
            for &i in &seg.claims {
                if marks[i].start == seg.start {
                    let n = marks[i].number;
                    let _ = write!(
                        s,
                        "<sup class=\"marker\" id=\"{side}-{n}\">{side} {n}</sup>"
                    );
                }
            }
            let mut inner = text(&body);
            if seg.cue {
                inner = format!("<span class=\"cue\">{inner}</span>");
            }
            match seg.claims.last() {
                Some(&last) => {
                    let title: Vec<String> = seg
                        .claims
                        .iter()
                        .map(|&i| {
                            let m = &marks[i];
                            let a = m.attribution;
                            format!(
                                "{side} {}: {} — {}, {}, {}, {}",
                                m.number,
                                status_of(m.number).words(),
                                a.source,
                                a.identity,
                                a.role,
                                a.form
                            )
                        })
                        .collect();
                    let _ = write!(
                        s,
                        "<mark class=\"{}\" title=\"{}\">{inner}</mark>",
                        status_of(marks[last].number).class(),
                        attr(&title.join("\n"))
                    );
                }
                None => s.push_str(&inner),
            }
        }
        s.push_str("</div>\n");
        s
    }
}

fn agreement_row(name: &str, a: &Agreement) -> String {
    let share = match a.share.percent {
        Some(p) => format!("{} of {} ({p:.0}%)", a.share.agree, a.share.pairs),
        None => "n/a".to_string(),
    };
    let kappa = match (a.kappa, a.kappa_note) {
        (Some(k), _) => format!("{k:.2}"),
        (None, Some(why)) => format!("n/a: {why}"),
        (None, None) => "n/a".to_string(),
    };
    format!(
        "<tr><td>{name}</td><td>{}</td><td>{}</td></tr>\n",
        text(&share),
        text(&kappa)
    )
}

/// The feedback page for comparison `c` on an article: `mine` and `key` are the two sides'
/// attributions in text order (as the store lists them), numbered as in `c`.
pub fn page(
    out: &mut dyn Write,
    title: Option<&str>,
    article_text: &str,
    c: &Comparison,
    mine: &[Attribution],
    key: &[Attribution],
) -> Result<()> {
    let chars: Vec<char> = article_text.chars().collect();
    let paragraphs = paragraph_starts(&chars);
    let p = Page {
        chars,
        paragraphs,
        c,
    };
    let title = title
        .map(str::to_string)
        .unwrap_or_else(|| format!("article {}", c.article_id));
    let mut mine_status = vec![Status::Extra; mine.len()];
    let mut key_status = vec![Status::Missed; key.len()];
    for pair in &c.matched {
        let s = pair_status(pair);
        if let Some(x) = mine_status.get_mut(pair.claim.number - 1) {
            *x = s;
        }
        if let Some(x) = key_status.get_mut(pair.key.number - 1) {
            *x = s;
        }
    }

    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Feedback for {}: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        text(&c.annotator),
        text(&title)
    );
    let _ = write!(
        s,
        "<h1>{}</h1>\n<p class=\"meta\">article {} · your claims ({}) compared with the key ({})</p>\n",
        text(&title),
        c.article_id,
        text(&c.annotator),
        text(&c.key)
    );
    let key_n = c.matched.len() + c.missed.len();
    let differ = c
        .matched
        .iter()
        .filter(|p| pair_status(p) == Status::Differs)
        .count();
    let _ = writeln!(
        s,
        "<p class=\"summary\">You found <b>{} of the key's {key_n} claims</b>; {} of them with \
         every label as in the key, {differ} with labels that differ. You missed {}; {} of your \
         claims {} not in the key. Precision {:.2}, recall {:.2}, F1 {:.2}.</p>",
        c.matched.len(),
        c.matched.len() - differ,
        c.missed.len(),
        c.extra.len(),
        if c.extra.len() == 1 { "is" } else { "are" },
        c.precision,
        c.recall,
        c.f1
    );
    s.push_str(
        "<table class=\"agreement\">\n<tr><th>over the matched claims</th><th>agreement</th>\
         <th>Cohen's kappa</th></tr>\n",
    );
    for (name, a) in c.agreement.labels() {
        s.push_str(&agreement_row(name, a));
    }
    let src = &c.agreement.source;
    let _ = writeln!(
        s,
        "<tr><td>source (same person or body)</td><td>{}</td><td></td></tr>\n</table>",
        text(&match src.percent {
            Some(pc) => format!("{} of {} ({pc:.0}%)", src.agree, src.pairs),
            None => "n/a".to_string(),
        })
    );
    s.push_str(
        "<p class=\"legend\"><span class=\"matched\">matched</span><span class=\"differs\">labels \
         differ</span><span class=\"missed\">missed</span><span class=\"extra\">not in the \
         key</span> <span class=\"cue\">cue</span> — hover a marked claim for its labels</p>\n",
    );
    s.push_str("<div class=\"sides\">\n<section>\n<h2>Your claims</h2>\n");
    s.push_str(&p.side("you", mine, &mine_status));
    s.push_str("</section>\n<section>\n<h2>The key</h2>\n");
    s.push_str(&p.side("key", key, &key_status));
    s.push_str("</section>\n</div>\n<h2>Claim by claim</h2>\n<ul class=\"feedback\">\n");
    s.push_str(&p.feedback());
    s.push_str("</ul>\n</body>\n</html>\n");
    out.write_all(s.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_lines_or_blank_line_blocks() {
        let chars: Vec<char> = "One.\nTwo.\n\nThree.".chars().collect();
        // blank lines present: "One.\nTwo." is one paragraph
        let starts = paragraph_starts(&chars);
        assert_eq!(starts, vec![0, 11]);
        assert_eq!(paragraph_of(&starts, 6), 1);
        assert_eq!(paragraph_of(&starts, 12), 2);
        let chars: Vec<char> = "One.\nTwo.\nThree.".chars().collect();
        let starts = paragraph_starts(&chars);
        assert_eq!(starts, vec![0, 5, 10]);
        assert_eq!(paragraph_of(&starts, 0), 1);
        assert_eq!(paragraph_of(&starts, 12), 3);
    }

    #[test]
    fn names_are_found_ignoring_case() {
        let chars: Vec<char> = "Mayor ÉLISE Roy spoke.".chars().collect();
        assert_eq!(find_ignoring_case(&chars, "élise roy"), Some(6));
        assert_eq!(find_ignoring_case(&chars, "nobody"), None);
        assert_eq!(find_ignoring_case(&chars, ""), None);
    }
}

//! The worksheet: a CSV sheet of one article with one row per sentence and empty columns to
//! fill in, and the reading of a filled sheet back as claims.
//!
//! Sheet columns: `article, sentence, text, source, mention, identity, role, form, hedged, via,
//! content, cue`; the header cells of the label columns list their values ("identity (named |
//! anonymous | unspecified)"). A row with `source` filled is a claim resting on that source in
//! that sentence; its content is the `content` cell (words of the sentence) or else the whole
//! sentence; `cue` and `mention` (optional) are found in the sentence as whole words outside
//! the content, the nearest before it, else after it. Rows left blank are skipped. The stance
//! of a claim is read from its cue, as for every claim (`model::stance`); the cue's header says
//! so.
//!
//! Reading is made for sheets that went through a spreadsheet: label values in any case with
//! spaces or hyphens ("Direct quote"), cells separated by `,`, `;` or tabs, UTF-8 or UTF-16
//! with a byte-order mark; a Windows-1252 save is refused with a hint. Every bad cell is named
//! at once, by the row number a spreadsheet shows (the header is row 1) and the column.

use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::extract;
use crate::ingest::sheet;
use crate::model::{
    nearest_outside, occurrences, span_at, whole_words, Article, Attribution, Form, Identity, Role,
    Span,
};
use crate::report::csv::{unneutralize, writer};
use crate::report::table::shorten;

/// The sheet's columns, in order.
pub const COLUMNS: &[&str] = &[
    "article", "sentence", "text", "source", "mention", "identity", "role", "form", "hedged",
    "via", "content", "cue",
];

/// The largest sheet `claim import` reads: a worksheet of a 10 MB article is a little over
/// 10 MB.
pub const MAX_SHEET_BYTES: u64 = 100_000_000;

/// The columns a filled sheet must have.
const REQUIRED: &[&str] = &["article", "sentence", "source", "identity", "role", "form"];

/// The columns that make a row a claim when any is filled (and `hedged` when it says yes).
const FILLED: &[&str] = &[
    "source", "mention", "identity", "role", "form", "via", "content", "cue",
];

/// How a label value is written in a sheet: `direct_quote` as "direct quote".
fn sheet_value(v: &str) -> String {
    v.replace('_', " ")
}

/// The values of a label column, as its header lists them.
fn values(column: &str) -> Option<String> {
    let list: Vec<String> = match column {
        "identity" => Identity::ALL
            .iter()
            .map(|v| sheet_value(v.as_str()))
            .collect(),
        "role" => Role::ALL.iter().map(|v| sheet_value(v.as_str())).collect(),
        "form" => Form::ALL.iter().map(|v| sheet_value(v.as_str())).collect(),
        "hedged" => vec!["yes".into(), "no".into()],
        _ => return None,
    };
    Some(list.join(" | "))
}

/// The header cell of a column: its name, and for a label column its values in brackets;
/// the cue's says that its stance is read from its words.
fn header_cell(column: &str) -> String {
    match values(column) {
        Some(v) => format!("{column} ({v})"),
        None if column == "cue" => {
            "cue (its stance follows: loaded for claimed, admitted, insisted...; else neutral)"
                .to_string()
        }
        None => column.to_string(),
    }
}

fn sentence_text(text: &[char], s: &extract::Sentence) -> String {
    text[s.start..s.end].iter().collect()
}

/// The sheet of one article: the header, then one row per sentence (`#N` in the article
/// column, its number and its text) with the other columns empty.
pub fn write(article: &Article) -> Result<Vec<u8>> {
    let chars: Vec<char> = article.text.chars().collect();
    let mut buf = Vec::new();
    {
        let mut w = writer(&mut buf);
        w.write_record(COLUMNS.iter().map(|c| header_cell(c)))?;
        // `#N` names this article whatever external ids other articles have
        let id = format!("#{}", article.id);
        for (i, s) in extract::sentences(&article.text).iter().enumerate() {
            let n = (i + 1).to_string();
            let t = sentence_text(&chars, s);
            let mut row = vec![id.clone(), n, t];
            row.resize(COLUMNS.len(), String::new());
            w.write_record(&row)?;
        }
        w.flush()?;
    }
    Ok(buf)
}

/// One validated row: the article and its claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub article_id: i64,
    pub attribution: Attribution,
}

/// An article of the sheet with its characters and sentences, read once.
struct Sheet {
    article: Article,
    chars: Vec<char>,
    sentences: Vec<extract::Sentence>,
}

/// `raw` as a label value: any case, spaces or hyphens for underscores ("Direct quote").
fn label<T: std::str::FromStr>(column: &str, raw: &str) -> std::result::Result<T, String> {
    let key = raw
        .trim()
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    key.parse().map_err(|_| {
        format!(
            "unknown {column} {raw:?} (expected one of: {}; any case)",
            values(column).unwrap_or_default().replace(" | ", ", ")
        )
    })
}

/// A `hedged` cell: empty or no means not hedged.
fn hedged(raw: &str) -> std::result::Result<bool, String> {
    match raw.trim().to_lowercase().as_str() {
        "" | "no" | "n" | "false" | "0" | "not hedged" => Ok(false),
        "yes" | "y" | "true" | "1" | "x" | "hedged" => Ok(true),
        _ => Err(format!("{raw:?} is not yes or no")),
    }
}

/// Find `words` inside the sentence `[s, e)` of the article; the first occurrence.
fn find_in(sheet: &Sheet, s: usize, e: usize, words: &str) -> Option<Span> {
    let len = words.chars().count();
    occurrences(&sheet.article.text, words)
        .into_iter()
        .find(|&at| at >= s && at + len <= e)
        .map(|at| span_at(at, words))
}

/// The problems of one row: (column, message) pairs.
type Problems = Vec<(String, String)>;

fn parse_row(
    get: &dyn Fn(&str) -> String,
    sheet: &Sheet,
) -> std::result::Result<Attribution, Problems> {
    let mut problems: Problems = Vec::new();
    let mut bad = |col: &str, msg: String| problems.push((col.to_string(), msg));
    let article = &sheet.article;
    let raw = get("sentence");
    let sentence = raw
        .parse::<usize>()
        .ok()
        .filter(|&n| n >= 1 && n <= sheet.sentences.len());
    if sentence.is_none() {
        bad(
            "sentence",
            format!(
                "{raw:?} is not a sentence of article {} (expected 1 to {})",
                article.id,
                sheet.sentences.len()
            ),
        );
    }
    let source = get("source");
    if source.is_empty() {
        bad("source", "empty (expected who the claim rests on)".into());
    }
    let mut labelled = |col: &str| -> Option<String> {
        let v = get(col);
        if v.is_empty() {
            bad(
                col,
                format!(
                    "empty (expected the claim's {col}: {})",
                    values(col).unwrap_or_default().replace(" | ", ", ")
                ),
            );
            None
        } else {
            Some(v)
        }
    };
    let identity = labelled("identity");
    let role = labelled("role");
    let form = labelled("form");
    let identity: Option<Identity> =
        identity.and_then(|v| label("identity", &v).map_err(|e| bad("identity", e)).ok());
    let role: Option<Role> = role.and_then(|v| label("role", &v).map_err(|e| bad("role", e)).ok());
    let form: Option<Form> = form.and_then(|v| label("form", &v).map_err(|e| bad("form", e)).ok());
    let is_hedged = hedged(&get("hedged"))
        .map_err(|e| bad("hedged", e))
        .unwrap_or(false);
    let via = Some(get("via")).filter(|v| !v.is_empty());
    let mut spans = None;
    if let Some(n) = sentence {
        let sent = sheet.sentences[n - 1];
        let content_words = get("content");
        let content = if content_words.is_empty() {
            Some(span_at(sent.start, &sentence_text(&sheet.chars, &sent)))
        } else {
            let found = find_in(sheet, sent.start, sent.end, &content_words);
            if found.is_none() {
                bad(
                    "content",
                    format!(
                        "{:?} does not occur in sentence {n} (expected words copied exactly from it)",
                        shorten(&content_words, 60)
                    ),
                );
            }
            found
        };
        if let Some(content) = content {
            // Cue and mention: whole words of the sentence outside the content, the nearest
            // before it, else after it; with the whole sentence as content, the first.
            let around = if content_words.is_empty() {
                span_at(sent.start, "")
            } else {
                content.clone()
            };
            let mut word = |col: &str| -> Option<Span> {
                let words = get(col);
                if words.is_empty() {
                    return None;
                }
                let found = whole_words(&sheet.chars, &article.text, &words);
                let len = words.chars().count();
                let at = nearest_outside(&found, len, &around, sent.start, sent.end);
                if at.is_none() {
                    let outside = if content_words.is_empty() {
                        ""
                    } else {
                        " outside the content"
                    };
                    bad(
                        col,
                        format!(
                            "{:?} does not occur as whole words in sentence {n}{outside} \
                             (expected words copied exactly from it)",
                            shorten(&words, 60)
                        ),
                    );
                }
                at.map(|at| span_at(at, &words))
            };
            let cue = word("cue");
            let mention = word("mention");
            spans = Some((content, cue, mention));
        }
    }
    match (spans, identity, role, form) {
        (Some((content, cue, mention)), Some(identity), Some(role), Some(form))
            if problems.is_empty() =>
        {
            Ok(Attribution {
                source,
                mention,
                cue,
                content: Some(content),
                identity,
                role,
                form,
                hedged: is_hedged,
                via,
                rule: String::new(),
                trigger: String::new(),
                anonymity_reason: None,
            })
        }
        _ => Err(problems),
    }
}

/// The spreadsheet letter of the column at `index` (0 = A, 26 = AA).
fn letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The error for every bad cell of a sheet, on one line: the cell, or their count and each.
fn sheet_errors(name: &str, errors: &[String]) -> Error {
    match errors {
        [one] => Error::msg(format!("{name}: {one}")),
        many => Error::msg(format!(
            "{name}: {} problems, nothing imported: {}",
            many.len(),
            many.join("; ")
        )),
    }
}

/// A filled sheet whose header is checked: its text, how its cells are separated, its
/// header cells and where each of the worksheet's columns is.
pub struct Filled {
    name: String,
    text: String,
    delimiter: u8,
    headers: Vec<String>,
    index: HashMap<&'static str, usize>,
}

impl Filled {
    /// Decode the sheet `name` and check its header: the worksheet's required columns, each
    /// once.
    pub fn read(name: &str, bytes: Vec<u8>) -> Result<Filled> {
        let name = name.to_string();
        let text = sheet::decode(&name, bytes)?;
        let Some((delimiter, headers)) = sheet::header(&name, &text, &["article", "sentence"])?
        else {
            let first = shorten(text.lines().next().unwrap_or(""), 80);
            return Err(Error::msg(format!(
                "{name}: row 1: no article and sentence columns in {first:?} (expected the \
                 worksheet's header: {}; cells separated by commas, semicolons or tabs)",
                COLUMNS.join(", ")
            )));
        };
        let missing: Vec<&str> = REQUIRED
            .iter()
            .copied()
            .filter(|c| !headers.iter().any(|h| h == c))
            .collect();
        if !missing.is_empty() {
            return Err(Error::msg(format!(
                "{name}: row 1: no {} column{} (expected the worksheet's columns: {})",
                missing.join(", "),
                if missing.len() == 1 { "" } else { "s" },
                COLUMNS.join(", ")
            )));
        }
        let mut index: HashMap<&'static str, usize> = HashMap::new();
        for (i, h) in headers.iter().enumerate() {
            if let Some(&first) = COLUMNS.iter().find(|c| *c == h) {
                if let Some(&before) = index.get(first) {
                    return Err(Error::msg(format!(
                        "{name}: row 1: column {first} twice, in {} and {} (expected one)",
                        letter(before),
                        letter(i)
                    )));
                }
                index.insert(first, i);
            }
        }
        Ok(Filled {
            name,
            text,
            delimiter,
            headers,
            index,
        })
    }

    /// Every row that holds a claim, checked: its article (found by `resolve` from the
    /// article cell, each once), its sentence, labels and words. Every bad cell is named in
    /// one error, by row and column.
    pub fn rows(&self, mut resolve: impl FnMut(&str) -> Result<Article>) -> Result<Vec<Row>> {
        let (name, text, delimiter, headers, index) = (
            &self.name,
            &self.text,
            self.delimiter,
            &self.headers,
            &self.index,
        );
        let at = |col: &str| match index.get(col) {
            Some(&i) => format!("column {} ({col})", letter(i)),
            None => format!("column {col}"),
        };
        let mut cache: HashMap<String, Sheet> = HashMap::new();
        let mut rows: Vec<Row> = Vec::new();
        let mut errors: Vec<String> = Vec::new();
        for (row_no, record) in sheet::rows(text, delimiter) {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    errors.push(format!("row {row_no}: {e}"));
                    continue;
                }
            };
            let extra = record
                .iter()
                .enumerate()
                .skip(headers.len())
                .find(|(_, c)| !c.trim().is_empty());
            if let Some((col, _)) = extra {
                errors.push(format!(
                    "row {row_no}, column {}: a cell beyond the header's {} columns (expected one \
                     cell per column)",
                    letter(col),
                    headers.len()
                ));
                continue;
            }
            let get = |col: &str| -> String {
                index
                    .get(col)
                    .and_then(|&i| record.get(i))
                    .map(|c| unneutralize(c).trim().to_string())
                    .unwrap_or_default()
            };
            if FILLED.iter().all(|c| get(c).is_empty()) && hedged(&get("hedged")) != Ok(true) {
                continue;
            }
            let key = get("article");
            if !cache.contains_key(&key) {
                match resolve(&key) {
                    Ok(article) => {
                        let chars = article.text.chars().collect();
                        let sentences = extract::sentences(&article.text);
                        cache.insert(
                            key.clone(),
                            Sheet {
                                article,
                                chars,
                                sentences,
                            },
                        );
                    }
                    Err(e) => {
                        errors.push(format!("row {row_no}, {}: {e}", at("article")));
                        continue;
                    }
                }
            }
            let Some(sheet) = cache.get(&key) else {
                continue;
            };
            match parse_row(&get, sheet) {
                Ok(attribution) => rows.push(Row {
                    article_id: sheet.article.id,
                    attribution,
                }),
                Err(problems) => {
                    for (col, msg) in problems {
                        errors.push(format!("row {row_no}, {}: {msg}", at(&col)));
                    }
                }
            }
        }
        if !errors.is_empty() {
            return Err(sheet_errors(name, &errors));
        }
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_survive_a_spreadsheet() {
        assert_eq!(label::<Form>("form", "Direct quote"), Ok(Form::DirectQuote));
        assert_eq!(
            label::<Form>("form", " direct-QUOTE "),
            Ok(Form::DirectQuote)
        );
        assert_eq!(label::<Form>("form", "direct_quote"), Ok(Form::DirectQuote));
        assert_eq!(label::<Identity>("identity", "Named"), Ok(Identity::Named));
        assert_eq!(
            label::<Role>("role", "ORGANIZATION"),
            Ok(Role::Organization)
        );
        let err = label::<Form>("form", "quote").unwrap_err();
        assert_eq!(
            err,
            "unknown form \"quote\" (expected one of: direct quote, paraphrase, document; any case)"
        );
        assert_eq!(hedged("Yes"), Ok(true));
        assert_eq!(hedged(""), Ok(false));
        assert!(hedged("maybe").is_err());
    }

    #[test]
    fn columns_are_lettered_as_a_spreadsheet_does() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(11), "L");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "AB");
        assert_eq!(letter(701), "ZZ");
        assert_eq!(letter(702), "AAA");
    }

    #[test]
    fn header_cells_list_their_values() {
        assert_eq!(
            header_cell("form"),
            "form (direct quote | paraphrase | document)"
        );
        assert_eq!(header_cell("content"), "content");
        assert!(header_cell("cue").starts_with("cue (its stance follows: loaded for claimed"));
    }
}

//! The terminal table printers (comfy-table), readable in 80 columns.

use std::io::Write;

use comfy_table::{presets, Cell, CellAlignment, ContentArrangement, Table};

use crate::error::Result;
use crate::model::{Attribution, Form, Identity, Role, Stance};
use crate::report::terminal::safe;
use crate::report::{percent_text, Analysis, ArticleReport, Breakdown};

/// The width tables get when neither `COLUMNS` nor a terminal says otherwise.
pub const DEFAULT_WIDTH: u16 = 80;

/// A table in the house style, wrapped to `width` columns.
pub fn new_table(width: u16) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width);
    t
}

/// `s` cut to at most `max` characters, with "…" when cut; line breaks become spaces.
pub fn shorten(s: &str, max: usize) -> String {
    let flat: String = s
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    if flat.chars().count() <= max {
        flat
    } else {
        let mut cut: String = flat.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

fn right(s: impl ToString) -> Cell {
    Cell::new(s.to_string()).set_alignment(CellAlignment::Right)
}

fn breakdown_table(b: &Breakdown, width: u16) -> Table {
    let mut t = new_table(width);
    t.set_header(vec![Cell::new("measure"), right("count"), right("share")]);
    let sentence_share =
        |n: usize| percent_text((b.sentences > 0).then(|| n as f64 / b.sentences as f64));
    t.add_row(vec![Cell::new("sentences"), right(b.sentences), right("")]);
    t.add_row(vec![
        Cell::new("attributed sentences"),
        right(b.attributed_sentences),
        right(sentence_share(b.attributed_sentences)),
    ]);
    t.add_row(vec![
        Cell::new("unattributed sentences"),
        right(b.unattributed_sentences),
        right(sentence_share(b.unattributed_sentences)),
    ]);
    t.add_row(vec![
        Cell::new("attributions"),
        right(b.attributions),
        right(""),
    ]);
    let mut counted = |label: String, n: usize, share: Option<f64>| {
        t.add_row(vec![Cell::new(label), right(n), right(percent_text(share))]);
    };
    for &i in Identity::ALL {
        let n = b.by_identity.get(i);
        counted(format!("  {i}"), n, b.share(n));
        if i == Identity::Anonymous {
            // a share of the anonymous attributions, not of all
            let k = b.anonymous_with_reason;
            counted(
                "    with a reason".to_string(),
                k,
                (n > 0).then(|| k as f64 / n as f64),
            );
        }
    }
    for &r in Role::ALL {
        let n = b.by_role.get(r);
        counted(format!("  {r}"), n, b.share(n));
    }
    for &f in Form::ALL {
        let n = b.by_form.get(f);
        counted(format!("  {f}"), n, b.share(n));
    }
    counted("  hedged".to_string(), b.hedged, b.share(b.hedged));
    counted(
        "  loaded cues".to_string(),
        b.loaded_cues,
        b.share(b.loaded_cues),
    );
    t.add_row(vec![
        Cell::new("distinct sources"),
        right(b.distinct_sources),
        right(""),
    ]);
    t
}

fn sources_table(b: &Breakdown, width: u16) -> Table {
    let mut t = new_table(width);
    t.set_header(vec![
        Cell::new("source"),
        Cell::new("identity"),
        Cell::new("role"),
        right("claims"),
    ]);
    for s in &b.sources {
        t.add_row(vec![
            Cell::new(shorten(&s.source, 40)),
            Cell::new(s.identity),
            Cell::new(s.role),
            right(s.claims),
        ]);
    }
    t
}

fn write_breakdown(out: &mut dyn Write, b: &Breakdown, width: u16) -> Result<()> {
    writeln!(out, "{}", safe(&breakdown_table(b, width).to_string()))?;
    if !b.sources.is_empty() {
        writeln!(out, "{}", safe(&sources_table(b, width).to_string()))?;
    }
    Ok(())
}

/// `report` (table): per article a heading, the counts and the source list.
pub fn reports(out: &mut dyn Write, reports: &[ArticleReport], width: u16) -> Result<()> {
    for (i, r) in reports.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let a = &r.article;
        let mut heading = format!("article {}", a.id);
        if let Some(x) = &a.external_id {
            heading.push_str(&format!(" ({x})"));
        }
        if let Some(t) = &a.title {
            heading.push_str(&format!(": {t}"));
        }
        let details: Vec<&str> = [&a.outlet, &a.date]
            .into_iter()
            .flatten()
            .map(|s| s.as_str())
            .collect();
        if !details.is_empty() {
            heading.push_str(&format!(" [{}]", details.join(", ")));
        }
        writeln!(out, "{}", safe(&heading))?;
        writeln!(out, "claims by {}", safe(&r.annotator))?;
        write_breakdown(out, &r.breakdown, width)?;
    }
    Ok(())
}

/// `analyze` (table): the attributions, then the breakdown.
/// The attributions of one text as a table, then (with `explain`) why each was found, then
/// the breakdown.
pub fn analysis(out: &mut dyn Write, analysis: &Analysis, width: u16, explain: bool) -> Result<()> {
    if analysis.attributions.is_empty() {
        writeln!(out, "no attributions found")?;
    } else {
        // numbered in text order, as `--show` and the HTML page number them
        let mut ordered: Vec<&Attribution> = analysis.attributions.iter().collect();
        ordered.sort_by_key(|a| a.text_order());
        let mut t = new_table(width);
        t.set_header(vec!["#", "source", "labels", "cue", "content"]);
        for (i, a) in ordered.iter().enumerate() {
            let mut labels = format!("{}\n{}\n{}", a.identity, a.role, a.form);
            if a.hedged {
                labels.push_str("\nhedged");
            }
            let mut source = shorten(&a.source, 30);
            if let Some(via) = &a.via {
                source.push_str(&format!("\n(via {})", shorten(via, 24)));
            }
            t.add_row(vec![
                right(i + 1),
                Cell::new(source),
                Cell::new(labels),
                Cell::new(cue_cell(a, 20)),
                Cell::new(
                    a.content
                        .as_ref()
                        .map(|c| shorten(&c.text, 90))
                        .unwrap_or_default(),
                ),
            ]);
        }
        writeln!(out, "{}", safe(&t.to_string()))?;
        if explain {
            write_explanations(out, &ordered, width)?;
        }
    }
    write_breakdown(out, &analysis.breakdown, width)
}

/// What `--explain` says of the cue's stance.
fn stance_note(a: &Attribution) -> String {
    match (a.stance(), &a.cue) {
        (Stance::Loaded, Some(c)) => format!(
            "; stance: loaded (\"{}\" tilts the reader; \"said\" would not)",
            c.text
        ),
        _ => "; stance: neutral".to_string(),
    }
}

/// The cue as a table cell, its stance under it when loaded.
pub fn cue_cell(a: &Attribution, max: usize) -> String {
    match &a.cue {
        Some(c) if a.stance() == Stance::Loaded => format!("{}\n(loaded)", shorten(&c.text, max)),
        Some(c) => shorten(&c.text, max),
        None => String::new(),
    }
}

/// One numbered paragraph per attribution: the rule that fired and the words that decided it.
fn write_explanations(
    out: &mut dyn Write,
    attributions: &[&Attribution],
    width: u16,
) -> Result<()> {
    writeln!(out, "why:")?;
    for (i, a) in attributions.iter().enumerate() {
        let first = format!("{:>4}  ", i + 1);
        let options = textwrap::Options::new(usize::from(width).max(40))
            .initial_indent(&first)
            .subsequent_indent("      ");
        // the rule's one-line description, when the name is one of the engine's
        let what = crate::extract::Rule::from_name(&a.rule)
            .map(|r| format!(" [{}]", r.describe()))
            .unwrap_or_default();
        let mut why = format!("{}: {}{what}", a.rule, a.trigger);
        if let Some(r) = &a.anonymity_reason {
            why.push_str(&format!("; not named because: \"{}\"", r.text));
        }
        why.push_str(&stance_note(a));
        for line in textwrap::wrap(&safe(&why), options) {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    fn long_attribution() -> Attribution {
        let span = |t: &str| Span {
            start: 0,
            end: t.chars().count(),
            text: t.to_string(),
        };
        Attribution {
            source: "two former senior U.S. government officials familiar with the planning".into(),
            mention: Some(span("two former senior U.S. government officials")),
            cue: Some(span("said in a statement released on Tuesday")),
            content: Some(span(
                &"planning has already begun for an unprecedented operation ".repeat(4),
            )),
            identity: Identity::Anonymous,
            role: Role::Official,
            form: Form::Paraphrase,
            hedged: true,
            via: Some("NBC News".into()),
            rule: "said_that".into(),
            trigger: "said".into(),
            anonymity_reason: None,
        }
    }

    #[test]
    fn analysis_tables_fit_in_80_columns() {
        let text = "Officials said it. Nothing else.";
        let a = Analysis::new(text, vec![long_attribution(), long_attribution()]);
        for explain in [false, true] {
            let mut out = Vec::new();
            analysis(&mut out, &a, 80, explain).unwrap();
            let out = String::from_utf8(out).unwrap();
            assert!(out.contains("(via NBC News)"), "{out}");
            assert_eq!(
                out.contains("\nwhy:\n   1  said_that: said; stance: neutral\n"),
                explain,
                "{out}"
            );
            for line in out.lines() {
                assert!(line.chars().count() <= 80, "too wide: {line}");
            }
        }
    }

    #[test]
    fn shorten_cuts_with_an_ellipsis() {
        assert_eq!(shorten("abc\ndef", 10), "abc def");
        assert_eq!(shorten("abcdef", 4), "abc…");
    }
}

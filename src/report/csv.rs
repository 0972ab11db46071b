//! The CSV printers: one row per article (`report`) or per attribution (`analyze`).

use std::io::Write;

use crate::error::Result;
use crate::model::{Attribution, Form, Identity, Role};
use crate::report::{share_text, Analysis, ArticleReport};

/// The CSV writer every command uses: every cell goes through [`neutralize`].
pub fn writer(out: &mut dyn Write) -> Writer<'_> {
    Writer {
        inner: csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(out),
    }
}

/// A CSV writer that neutralises formula injection in every cell it writes.
pub struct Writer<'a> {
    inner: csv::Writer<&'a mut dyn Write>,
}

impl Writer<'_> {
    /// Write one record, each cell neutralised.
    pub fn write_record<I, T>(&mut self, record: I) -> Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        let cells: Vec<std::borrow::Cow<'_, str>> = record
            .into_iter()
            .map(|c| std::borrow::Cow::Owned(neutralize(c.as_ref()).into_owned()))
            .collect();
        self.inner
            .write_record(cells.iter().map(|c| c.as_bytes()))?;
        Ok(())
    }

    pub fn flush(&mut self) -> Result<()> {
        self.inner.flush()?;
        Ok(())
    }
}

/// Whether `s` is a plain decimal number ("-0.25", "12"), which no spreadsheet runs as a
/// formula, so it is left as it is.
fn is_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let mut parts = digits.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// A cell made safe to open in a spreadsheet (OWASP's advice on CSV injection): a cell that
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so it is
/// shown as text and never run as a formula. Plain numbers ("-0.25") stay as they are.
pub fn neutralize(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if !is_number(cell) => {
            std::borrow::Cow::Owned(format!("'{cell}"))
        }
        _ => std::borrow::Cow::Borrowed(cell),
    }
}

/// Undo [`neutralize`] on a cell read back from a sheet this tool wrote.
pub fn unneutralize(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest)
            if matches!(
                rest.chars().next(),
                Some('=' | '+' | '-' | '@' | '\t' | '\r')
            ) =>
        {
            rest
        }
        _ => cell,
    }
}

/// The leading columns of `report --format csv`, then the share columns; the columns added
/// later come last, so that readers by position keep working.
pub const REPORT_COLUMNS: &[&str] = &[
    "article_id",
    "title",
    "outlet",
    "date",
    "sentences",
    "attributed_sentences",
    "unattributed_sentences",
    "attributions",
    "named",
    "anonymous",
    "unspecified",
    "official",
    "media",
    "expert",
    "organization",
    "public",
    "unknown",
    "direct_quote",
    "paraphrase",
    "document",
    "hedged",
    "distinct_sources",
    "named_share",
    "anonymous_share",
    "unspecified_share",
    "direct_quote_share",
    "anonymous_with_reason",
    "external_id",
    "loaded_cues",
];

/// The columns of `analyze --format csv`: the JSON contract's keys, in order.
pub const ATTRIBUTION_COLUMNS: &[&str] = &[
    "source",
    "mention",
    "mention_start",
    "mention_end",
    "cue",
    "cue_start",
    "cue_end",
    "content",
    "content_start",
    "content_end",
    "identity",
    "role",
    "form",
    "hedged",
    "via",
    "rule",
    "trigger",
];

/// The columns after `ATTRIBUTION_COLUMNS` (and after any columns a listing adds to them),
/// last so that readers of the older columns keep working: why an anonymous source is not
/// named, as a span, then the stance of the cue (`neutral` or `loaded`).
pub const REASON_COLUMNS: &[&str] = &[
    "anonymity_reason",
    "anonymity_reason_start",
    "anonymity_reason_end",
    "stance",
];

/// `report --format csv`.
pub fn reports(out: &mut dyn Write, reports: &[ArticleReport]) -> Result<()> {
    let mut w = writer(out);
    w.write_record(REPORT_COLUMNS)?;
    for r in reports {
        w.write_record(report_row(r))?;
    }
    w.flush()?;
    Ok(())
}

/// One row of `report --format csv`, in `REPORT_COLUMNS` order.
pub fn report_row(r: &ArticleReport) -> Vec<String> {
    let b = &r.breakdown;
    let a = &r.article;
    let mut row: Vec<String> = vec![
        a.id.to_string(),
        a.title.clone().unwrap_or_default(),
        a.outlet.clone().unwrap_or_default(),
        a.date.clone().unwrap_or_default(),
        b.sentences.to_string(),
        b.attributed_sentences.to_string(),
        b.unattributed_sentences.to_string(),
        b.attributions.to_string(),
    ];
    row.extend(
        Identity::ALL
            .iter()
            .map(|&i| b.by_identity.get(i).to_string()),
    );
    row.extend(Role::ALL.iter().map(|&x| b.by_role.get(x).to_string()));
    row.extend(Form::ALL.iter().map(|&f| b.by_form.get(f).to_string()));
    row.push(b.hedged.to_string());
    row.push(b.distinct_sources.to_string());
    row.extend(
        Identity::ALL
            .iter()
            .map(|&i| share_text(b.share(b.by_identity.get(i)))),
    );
    row.push(share_text(b.share(b.by_form.direct_quote)));
    row.push(b.anonymous_with_reason.to_string());
    row.push(a.external_id.clone().unwrap_or_default());
    row.push(b.loaded_cues.to_string());
    row
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// One CSV row of an attribution, in `ATTRIBUTION_COLUMNS` order.
pub fn attribution_row(a: &Attribution) -> Vec<String> {
    let mut row = vec![a.source.clone()];
    for span in [&a.mention, &a.cue, &a.content] {
        row.push(opt(span.as_ref().map(|s| s.text.clone())));
        row.push(opt(span.as_ref().map(|s| s.start)));
        row.push(opt(span.as_ref().map(|s| s.end)));
    }
    row.extend([
        a.identity.to_string(),
        a.role.to_string(),
        a.form.to_string(),
        a.hedged.to_string(),
        a.via.clone().unwrap_or_default(),
        a.rule.clone(),
        a.trigger.clone(),
    ]);
    row
}

/// The `REASON_COLUMNS` cells of an attribution.
pub fn reason_row(a: &Attribution) -> [String; 4] {
    let r = a.anonymity_reason.as_ref();
    [
        opt(r.map(|s| s.text.clone())),
        opt(r.map(|s| s.start)),
        opt(r.map(|s| s.end)),
        a.stance().to_string(),
    ]
}

/// `analyze --format csv`: one row per attribution, `ATTRIBUTION_COLUMNS` then
/// `REASON_COLUMNS`.
pub fn analysis(out: &mut dyn Write, analysis: &Analysis) -> Result<()> {
    let mut w = writer(out);
    w.write_record(ATTRIBUTION_COLUMNS.iter().chain(REASON_COLUMNS))?;
    for a in &analysis.attributions {
        let mut row = attribution_row(a);
        row.extend(reason_row(a));
        w.write_record(row)?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{ArticleInfo, Breakdown};

    #[test]
    fn formula_cells_are_neutralised() {
        for bad in [
            "=1+1",
            "+SUM(A1)",
            "-2+3",
            "@cmd",
            "\tx",
            "\rx",
            "=HYPERLINK(\"http://x\")",
        ] {
            assert_eq!(neutralize(bad), format!("'{bad}"));
            assert_eq!(unneutralize(&neutralize(bad)), bad);
        }
        for fine in ["plain", "", "-3", "-0.250", "12", "a=b", "'quoted"] {
            assert_eq!(neutralize(fine), fine);
            assert_eq!(unneutralize(fine), fine);
        }
        let mut out = Vec::new();
        let mut w = writer(&mut out);
        w.write_record(["=cmd|' /C calc'!A0", "ok"]).unwrap();
        w.flush().unwrap();
        drop(w);
        assert_eq!(String::from_utf8(out).unwrap(), "'=cmd|' /C calc'!A0,ok\n");
    }

    #[test]
    fn shares_are_empty_without_attributions() {
        let r = ArticleReport {
            article: ArticleInfo {
                id: 7,
                external_id: None,
                title: Some("A, B".into()),
                outlet: None,
                author: None,
                date: None,
                url: None,
            },
            annotator: "manual".into(),
            breakdown: Breakdown::default(),
        };
        let mut out = Vec::new();
        reports(&mut out, &[r]).unwrap();
        let out = String::from_utf8(out).unwrap();
        let row = out.lines().nth(1).unwrap();
        assert_eq!(
            row,
            "7,\"A, B\",,,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,,,,,0,,0"
        );
        assert_eq!(
            out.lines().next().unwrap().split(',').count(),
            REPORT_COLUMNS.len()
        );
    }
}

//! The CSV printers: one row per article (`report`) or per attribution (`analyze`).

use std::io::Write;

use crate::error::Result;
use crate::model::{Attribution, Form, Identity, Role};
use crate::report::{share_text, Analysis, ArticleReport};

/// The CSV writer every command uses.
pub fn writer(out: &mut dyn Write) -> csv::Writer<&mut dyn Write> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(out)
}

/// The leading columns of `report --format csv`, then the share columns.
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

/// `analyze --format csv`: one row per attribution.
pub fn analysis(out: &mut dyn Write, analysis: &Analysis) -> Result<()> {
    let mut w = writer(out);
    w.write_record(ATTRIBUTION_COLUMNS)?;
    for a in &analysis.attributions {
        w.write_record(attribution_row(a))?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{ArticleInfo, Breakdown};

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
        assert_eq!(row, "7,\"A, B\",,,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,,,,");
        assert_eq!(
            out.lines().next().unwrap().split(',').count(),
            REPORT_COLUMNS.len()
        );
    }
}

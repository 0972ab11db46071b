//! `compare`'s output: one comparison as text with its claims side by side, and the class
//! roster (`--all`) as a table of two-line cells, CSV or JSON rows.

use std::io::Write;

use serde_json::{json, Value};

use crate::compare::{Agreement, Agreements, Brief, Comparison, Share, Student, Total};
use crate::error::Result;
use crate::report::records::Records;

/// The columns of the roster (`--all`) and of CSV output.
pub const COLUMNS: &[&str] = &[
    "annotator",
    "key",
    "article_id",
    "title",
    "matched",
    "missed",
    "extra",
    "precision",
    "recall",
    "f1",
    "identity_agreement",
    "identity_kappa",
    "role_agreement",
    "role_kappa",
    "form_agreement",
    "form_kappa",
    "hedged_agreement",
    "hedged_kappa",
    "source_agreement",
    "notes",
];

fn ratio(x: f64) -> Value {
    json!((x * 1000.0).round() / 1000.0)
}

/// A percentage with one decimal, empty without pairs.
fn percent(s: &Share) -> Value {
    s.percent
        .map_or(Value::Null, |p| json!((p * 10.0).round() / 10.0))
}

/// A kappa with three decimals, or "n/a" (its reason goes to the notes).
fn kappa(a: &Agreement) -> Value {
    a.kappa.map_or(json!("n/a"), ratio)
}

/// Why each undefined kappa is undefined, for the `notes` column.
fn notes(a: &Agreements) -> String {
    let mut out: Vec<String> = Vec::new();
    for (name, g) in a.labels() {
        if let Some(why) = g.kappa_note {
            match out.iter_mut().find(|n| n.ends_with(why)) {
                // "identity, role kappa n/a: …"
                Some(n) => {
                    let at = n.find(" kappa n/a").unwrap_or(0);
                    n.insert_str(at, &format!(", {name}"));
                }
                None => out.push(format!("{name} kappa n/a: {why}")),
            }
        }
    }
    out.join("; ")
}

/// One roster row: the counts, figures and agreement of an article or a total.
#[allow(clippy::too_many_arguments)]
fn row(
    annotator: &str,
    key: &str,
    article: Value,
    title: Value,
    counts: [usize; 3],
    prf: [f64; 3],
    a: &Agreements,
) -> Vec<Value> {
    let mut r = vec![json!(annotator), json!(key), article, title];
    r.extend(counts.map(|n| json!(n)));
    r.extend(prf.map(ratio));
    for (_, g) in a.labels() {
        r.push(percent(&g.share));
        r.push(kappa(g));
    }
    r.push(percent(&a.source));
    r.push(json!(notes(a)));
    r
}

pub fn comparison_row(c: &Comparison) -> Vec<Value> {
    row(
        &c.annotator,
        &c.key,
        json!(c.article_id),
        json!(c.title),
        [c.matched.len(), c.missed.len(), c.extra.len()],
        [c.precision, c.recall, c.f1],
        &c.agreement,
    )
}

fn total_row(t: &Total) -> Vec<Value> {
    let title = format!(
        "total over {} article{}",
        t.articles,
        if t.articles == 1 { "" } else { "s" }
    );
    row(
        &t.annotator,
        &t.key,
        json!("total"),
        json!(title),
        [t.matched, t.missed, t.extra],
        [t.precision, t.recall, t.f1],
        &t.agreement,
    )
}

pub fn roster(list: &[Student]) -> Records {
    let mut r = Records::new(COLUMNS.to_vec());
    for s in list {
        for c in &s.articles {
            r.push(comparison_row(c));
        }
        r.push(total_row(&s.total));
    }
    r
}

/// A label's agreement in a table cell: "75%" over "κ 0.50" (or "κ n/a").
fn cell(a: &Agreement) -> Value {
    let k = a.kappa.map_or("n/a".to_string(), |k| format!("{k:.2}"));
    match a.share.percent {
        Some(p) => json!(format!("{p:.0}%\nκ {k}")),
        None => json!("–"),
    }
}

/// The roster as a table: two-line cells, so eight columns fit in 80.
pub fn roster_table(list: &[Student]) -> Records {
    let mut r = Records::new(vec![
        "annotator",
        "art.",
        "claims",
        "ident.",
        "role",
        "form",
        "hedged",
        "source",
    ]);
    let mut push = |name: &str,
                    article: Value,
                    [matched, missed, extra]: [usize; 3],
                    f1: f64,
                    a: &Agreements| {
        r.push(vec![
            json!(name),
            article,
            json!(format!(
                "{matched}/{} +{extra}\nF1 {f1:.2}",
                matched + missed
            )),
            cell(&a.identity),
            cell(&a.role),
            cell(&a.form),
            cell(&a.hedged),
            a.source
                .percent
                .map_or(json!("–"), |p| json!(format!("{p:.0}%"))),
        ]);
    };
    for s in list {
        for c in &s.articles {
            push(
                &c.annotator,
                json!(c.article_id),
                [c.matched.len(), c.missed.len(), c.extra.len()],
                c.f1,
                &c.agreement,
            );
        }
        let t = &s.total;
        push(
            &t.annotator,
            json!("total"),
            [t.matched, t.missed, t.extra],
            t.f1,
            &t.agreement,
        );
    }
    r
}

/// The legend under the roster table.
pub const ROSTER_LEGEND: &str = "claims: the key's claims found / the key's claims, +extra claims \
the key does not have, and F1. Per label: percent agreement over the matched claims and \
Cohen's kappa (κ n/a: no matched claims, or both sides gave every matched claim one label, so \
chance agreement is 100%). source: the same person or body.";

fn labels(b: &Brief) -> String {
    let mut s = format!("{} {} {}", b.identity, b.role, b.form);
    if b.hedged {
        s.push_str(" hedged");
    }
    s
}

pub fn wrapped(w: &mut dyn Write, text: &str, width: u16, indent: &str) -> Result<()> {
    let options = textwrap::Options::new(usize::from(width).max(40)).subsequent_indent(indent);
    for line in textwrap::wrap(&crate::report::terminal::safe(text), options) {
        writeln!(w, "{line}")?;
    }
    Ok(())
}

pub fn write_one(w: &mut dyn Write, c: &Comparison, width: u16) -> Result<()> {
    wrapped(
        w,
        &format!(
            "article {}: {} compared with {}",
            c.article_id, c.annotator, c.key
        ),
        width,
        "  ",
    )?;
    writeln!(
        w,
        "matched {}, missed {}, extra {}; precision {:.3}, recall {:.3}, f1 {:.3}",
        c.matched.len(),
        c.missed.len(),
        c.extra.len(),
        c.precision,
        c.recall,
        c.f1
    )?;
    let n = c.matched.len();
    writeln!(
        w,
        "agreement over the {n} matched claim{}:",
        if n == 1 { "" } else { "s" }
    )?;
    for (name, a) in c.agreement.labels() {
        let share = match a.share.percent {
            Some(p) => format!("{} of {} ({p:.0}%)", a.share.agree, a.share.pairs),
            None => "n/a".to_string(),
        };
        let k = match (a.kappa, a.kappa_note) {
            (Some(k), _) => format!("kappa {k:.2}"),
            (None, Some(why)) => format!("kappa n/a: {why}"),
            (None, None) => "kappa n/a".to_string(),
        };
        wrapped(
            w,
            &format!("  {name:<9} {share:<14} {k}"),
            width,
            "              ",
        )?;
    }
    let s = &c.agreement.source;
    let share = match s.percent {
        Some(p) => format!("{} of {} ({p:.0}%)", s.agree, s.pairs),
        None => "n/a".to_string(),
    };
    writeln!(w, "  {:<9} {share:<14} same person or body", "source")?;
    // the key's claims in their order (matched or missed), then the extra ones
    let mut rows: Vec<(usize, Vec<Value>)> = Vec::new();
    for p in &c.matched {
        let source = if p.same_source {
            p.claim.source.clone()
        } else {
            format!("{} (key: {})", p.claim.source, p.key.source)
        };
        let differences: Vec<String> = p
            .differences()
            .into_iter()
            .filter(|(l, _, _)| *l != "source" && *l != "via")
            .map(|(l, _, key)| match l {
                "hedged" => format!("key: {key}"),
                _ => format!("{l} (key: {key})"),
            })
            .collect();
        let labels = if differences.is_empty() {
            labels(&p.claim)
        } else {
            format!("{}; {}", labels(&p.claim), differences.join(", "))
        };
        rows.push((
            p.key.number,
            vec![
                json!(p.claim.number),
                json!(p.key.number),
                json!(if differences.is_empty() && p.same_source {
                    "matched"
                } else {
                    "labels differ"
                }),
                json!(source),
                json!(labels),
                json!(p.key.content),
            ],
        ));
    }
    for b in &c.missed {
        rows.push((
            b.number,
            vec![
                json!(""),
                json!(b.number),
                json!("missed"),
                json!(b.source),
                json!(labels(b)),
                json!(b.content),
            ],
        ));
    }
    rows.sort_by_key(|(n, _)| *n);
    let mut r = Records::new(vec!["you", "key", "status", "source", "labels", "content"]);
    r.rows = rows.into_iter().map(|(_, row)| row).collect();
    for b in &c.extra {
        r.push(vec![
            json!(b.number),
            json!(""),
            json!("extra"),
            json!(b.source),
            json!(labels(b)),
            json!(b.content),
        ]);
    }
    if !r.rows.is_empty() {
        r.write_table(w, width, &[("content", 60), ("source", 40)])?;
    }
    Ok(())
}

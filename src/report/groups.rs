//! `report --by outlet|source|month`: per-article breakdowns summed into groups, with the
//! label columns of the per-article CSV.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::extract::Sentence;
use crate::model::{Attribution, Form, Identity, Role};
use crate::report::records::Records;
use crate::report::{percent_text, share_text, ArticleReport, Breakdown};

/// What the rows of `report --by` are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GroupBy {
    /// One row per outlet.
    Outlet,
    /// One row per source name: the claims resting on it and the articles citing it.
    Source,
    /// One row per month of publication (YYYY-MM).
    Month,
}

impl GroupBy {
    /// The name of the key column.
    pub fn column(self) -> &'static str {
        match self {
            GroupBy::Outlet => "outlet",
            GroupBy::Source => "source",
            GroupBy::Month => "month",
        }
    }
}

/// A share as the CSV writes it: three decimals, empty when undefined.
pub fn share_csv(s: Option<f64>) -> Value {
    Value::String(share_text(s))
}

/// A share as a JSON number rounded to three decimals, null when undefined.
pub fn share_json(s: Option<f64>) -> Value {
    s.map(|x| Value::from((x * 1000.0).round() / 1000.0))
        .unwrap_or(Value::Null)
}

/// A share as a percentage for the table.
pub fn share_percent(s: Option<f64>) -> Value {
    Value::String(percent_text(s))
}

/// The sums of one group.
#[derive(Debug, Default)]
struct Totals {
    articles: usize,
    counts: Breakdown,
    names: HashSet<String>,
}

impl Totals {
    fn add(&mut self, b: &Breakdown) {
        self.articles += 1;
        self.counts.add_counts(b);
        for s in &b.sources {
            if !self.names.contains(&s.source) {
                self.names.insert(s.source.clone());
            }
        }
    }
}

/// Groups being summed, article by article.
#[derive(Debug)]
pub struct Groups {
    by: GroupBy,
    groups: HashMap<Option<String>, Totals>,
}

impl Groups {
    pub fn new(by: GroupBy) -> Groups {
        Groups {
            by,
            groups: HashMap::new(),
        }
    }

    /// Count one article: its report, sentences and the counted attributions.
    pub fn add(&mut self, r: &ArticleReport, sentences: &[Sentence], attributions: &[Attribution]) {
        match self.by {
            GroupBy::Outlet => self.entry(r.article.outlet.clone()).add(&r.breakdown),
            GroupBy::Month => {
                let month = r
                    .article
                    .date
                    .as_ref()
                    .and_then(|d| d.get(..7))
                    .map(String::from);
                self.entry(month).add(&r.breakdown);
            }
            GroupBy::Source => {
                // Each source of the article: the breakdown of its claims alone.
                let mut names: Vec<&str> = Vec::new();
                for a in attributions {
                    let n = a.source.trim();
                    if !names.contains(&n) {
                        names.push(n);
                    }
                }
                for name in names {
                    let theirs: Vec<Attribution> = attributions
                        .iter()
                        .filter(|a| a.source.trim() == name)
                        .cloned()
                        .collect();
                    let b = Breakdown::from_sentences(sentences, &theirs);
                    let key = (!name.is_empty()).then(|| name.to_string());
                    self.entry(key).add(&b);
                }
            }
        }
    }

    fn entry(&mut self, key: Option<String>) -> &mut Totals {
        self.groups.entry(key).or_default()
    }

    /// The key column, `articles`, then the per-article CSV's counts and shares (its columns
    /// from `sentences` on, without the article's `external_id`).
    pub fn columns(&self) -> Vec<&'static str> {
        let mut c = vec![self.by.column(), "articles"];
        c.extend(
            crate::report::csv::REPORT_COLUMNS[4..]
                .iter()
                .filter(|c| **c != "external_id"),
        );
        c
    }

    /// One row per group: outlets and months in order (none last), sources by attributions
    /// (most first), then name. `share` writes a share (none without attributions).
    pub fn records(self, share: impl Fn(Option<f64>) -> Value) -> Records {
        let mut records = Records::new(self.columns());
        let mut groups: Vec<(Option<String>, Totals)> = self.groups.into_iter().collect();
        match self.by {
            GroupBy::Source => groups.sort_by(|(ka, a), (kb, b)| {
                b.counts
                    .attributions
                    .cmp(&a.counts.attributions)
                    .then((ka.is_none(), ka).cmp(&(kb.is_none(), kb)))
            }),
            _ => groups.sort_by(|(ka, _), (kb, _)| (ka.is_none(), ka).cmp(&(kb.is_none(), kb))),
        }
        let share = |b: &Breakdown, n: usize| share(b.share(n));
        for (key, t) in groups {
            let b = &t.counts;
            let mut row: Vec<Value> = vec![
                key.map(Value::String).unwrap_or(Value::Null),
                t.articles.into(),
                b.sentences.into(),
                b.attributed_sentences.into(),
                b.unattributed_sentences.into(),
                b.attributions.into(),
            ];
            row.extend(Identity::ALL.iter().map(|&i| b.by_identity.get(i).into()));
            row.extend(Role::ALL.iter().map(|&r| b.by_role.get(r).into()));
            row.extend(Form::ALL.iter().map(|&f| b.by_form.get(f).into()));
            row.push(b.hedged.into());
            row.push(t.names.len().into());
            row.extend(
                Identity::ALL
                    .iter()
                    .map(|&i| share(b, b.by_identity.get(i))),
            );
            row.push(share(b, b.by_form.direct_quote));
            row.push(b.anonymous_with_reason.into());
            row.push(b.loaded_cues.into());
            records.push(row);
        }
        records
    }
}

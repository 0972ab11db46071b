//! `whosaid compare`: one annotator's claims against a key (another annotator or `auto`),
//! paired as `eval` pairs them, as a table, CSV, JSON or a feedback page for the student
//! (`--format html`); `--all` gives the class roster, one row per annotator and article and a
//! total row per annotator.

use std::io::Write;

use serde::Serialize;
use serde_json::{json, Value};

use crate::cli::annotators::{claims_of, no_claims, require_anywhere};
use crate::cli::{Context, OutputArgs, ReportFormat as Format};
use crate::compare::{compare, Agreement, Agreements, Brief, Comparison, Share, Total};
use crate::error::{Error, Result};
use crate::report::records::Records;
use crate::store::{articles, claims, Store};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The article: its numeric id or its external id.
    #[arg(value_name = "ARTICLE", conflicts_with = "all")]
    pub article: Option<String>,

    /// The annotator to compare (with --all: only this annotator's rows).
    #[arg(long, value_name = "NAME")]
    pub annotator: Option<String>,

    /// The key: an annotator's name, or `auto` for the engine's claims.
    #[arg(long, value_name = "KEY")]
    pub key: String,

    /// Every annotator on every article the key annotated: the class roster, with a total row
    /// per annotator.
    #[arg(long)]
    pub all: bool,

    #[command(flatten)]
    pub output: OutputArgs<Format>,
}

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

fn comparison_row(c: &Comparison) -> Vec<Value> {
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

/// One annotator's part of the roster: their articles and their total.
#[derive(Debug, Serialize)]
pub struct Student {
    pub annotator: String,
    pub total: Total,
    pub articles: Vec<Comparison>,
}

/// The comparisons grouped by annotator (in the order they come), each with its total.
fn students(list: Vec<Comparison>) -> Vec<Student> {
    let mut out: Vec<Student> = Vec::new();
    for c in list {
        match out.iter_mut().find(|s| s.annotator == c.annotator) {
            Some(s) => s.articles.push(c),
            None => out.push(Student {
                annotator: c.annotator.clone(),
                total: Total::of(&c.annotator, &c.key, &[]),
                articles: vec![c],
            }),
        }
    }
    for s in &mut out {
        let refs: Vec<&Comparison> = s.articles.iter().collect();
        s.total = Total::of(&s.annotator, &s.articles[0].key, &refs);
    }
    out
}

fn roster(list: &[Student]) -> Records {
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
fn roster_table(list: &[Student]) -> Records {
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
const ROSTER_LEGEND: &str = "claims: the key's claims found / the key's claims, +extra claims \
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

fn wrapped(w: &mut dyn Write, text: &str, width: u16, indent: &str) -> Result<()> {
    let options = textwrap::Options::new(usize::from(width).max(40)).subsequent_indent(indent);
    for line in textwrap::wrap(&crate::report::terminal::safe(text), options) {
        writeln!(w, "{line}")?;
    }
    Ok(())
}

fn write_one(w: &mut dyn Write, c: &Comparison, width: u16) -> Result<()> {
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

fn one(
    store: &Store,
    article_id: i64,
    title: Option<String>,
    name: &str,
    key: &str,
) -> Result<Comparison> {
    let mine = claims::list(store.conn(), article_id, Some(name))?;
    let theirs = claims::list(store.conn(), article_id, Some(key))?;
    Ok(compare(article_id, title, name, &mine, key, &theirs))
}

/// Every comparison of the roster: per article the key annotated (by id), per annotator with
/// claims on it (by name), or only `only`.
fn roster_comparisons(store: &Store, key: &str, only: Option<&str>) -> Result<Vec<Comparison>> {
    require_anywhere(store.conn(), key)?;
    let key_articles = claims::articles_of(store.conn(), key)?;
    if let Some(name) = only {
        let theirs = claims::articles_of(store.conn(), name)?;
        if !key_articles.iter().any(|a| theirs.contains(a)) {
            return Err(match theirs.is_empty() {
                true => no_claims(store.conn(), None, name),
                false => Error::msg(format!(
                    "no article has claims by both {name:?} and the key {key:?} (see `whosaid \
                     annotators`)"
                )),
            });
        }
    }
    let mut out = Vec::new();
    for id in key_articles {
        let title = articles::get(store.conn(), id)?.and_then(|a| a.meta.title);
        for (name, _, _) in claims::annotators(store.conn(), Some(id))? {
            if name == key || only.is_some_and(|o| o != name) {
                continue;
            }
            out.push(one(store, id, title.clone(), &name, key)?);
        }
    }
    // grouped by annotator, articles by id
    out.sort_by(|a, b| (&a.annotator, a.article_id).cmp(&(&b.annotator, b.article_id)));
    Ok(out)
}

/// Says on stderr, per student of the roster, which of the key's articles they have no claims
/// on: those articles are in neither their rows nor their total.
fn unannotated(store: &Store, key: &str, list: &[Student]) -> Result<()> {
    let key_articles = claims::articles_of(store.conn(), key)?;
    for s in list {
        let missing: Vec<String> = key_articles
            .iter()
            .filter(|id| !s.articles.iter().any(|c| c.article_id == **id))
            .map(|id| id.to_string())
            .collect();
        if missing.is_empty() {
            continue;
        }
        crate::cli::note(format!(
            "no claims by {:?} on {} of the key's {} articles (article{} {}); their total \
             counts only the articles they annotated",
            s.annotator,
            missing.len(),
            key_articles.len(),
            if missing.len() == 1 { "" } else { "s" },
            missing.join(", ")
        ));
    }
    Ok(())
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let key = args.key.trim().to_string();
    if key.is_empty() {
        return Err(Error::usage(
            "--key is empty (expected an annotator's name or auto)",
        ));
    }
    let width = args.output.width();
    let store = ctx.reader()?;
    if args.all {
        let only = args.annotator.as_deref().map(str::trim);
        let list = students(roster_comparisons(&store, &key, only)?);
        unannotated(&store, &key, &list)?;
        if list.is_empty() {
            crate::cli::note(format!(
                "nothing to compare: no article has claims by {key:?} and another annotator \
                 (see `whosaid annotators`)"
            ));
        }
        return args.output.emit(|w| match args.output.format {
            Format::Table => {
                if list.is_empty() {
                    return Ok(());
                }
                roster_table(&list).write_table(w, width, &[("annotator", 16)])?;
                wrapped(w, ROSTER_LEGEND, width, "")
            }
            Format::Csv => roster(&list).write_csv(w),
            Format::Json => crate::report::json::write_pretty(w, &list),
            Format::Html => Err(Error::usage(
                "--format html: `compare --all` has no HTML output (expected table, csv or \
                 json; the feedback page is one student's: compare ARTICLE --annotator NAME \
                 --key KEY --format html)",
            )),
        });
    }
    let Some(article) = &args.article else {
        return Err(Error::usage(
            "which article? name it (ARTICLE), or use --all for the roster",
        ));
    };
    let Some(name) = &args.annotator else {
        return Err(Error::usage(
            "--annotator NAME is required with ARTICLE (whose claims to compare with the key)",
        ));
    };
    let name = name.trim();
    let article = articles::resolve(store.conn(), article)?;
    let theirs = claims_of(store.conn(), article.id, &key)?;
    let mine = claims_of(store.conn(), article.id, name)?;
    let c = compare(
        article.id,
        article.meta.title.clone(),
        name,
        &mine,
        &key,
        &theirs,
    );
    args.output.emit(|w| match args.output.format {
        Format::Table => write_one(w, &c, width),
        Format::Csv => {
            let mut r = Records::new(COLUMNS.to_vec());
            r.push(comparison_row(&c));
            r.write_csv(w)
        }
        Format::Json => crate::report::json::write_pretty(w, &c),
        Format::Html => {
            let attributions = |list: &[crate::model::Claim]| {
                list.iter()
                    .map(|c| c.attribution.clone())
                    .collect::<Vec<_>>()
            };
            crate::report::feedback::page(
                w,
                article.meta.title.as_deref(),
                &article.text,
                &c,
                &attributions(&mine),
                &attributions(&theirs),
            )
        }
    })
}

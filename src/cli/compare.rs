//! `whosaid compare`: one annotator's claims against a key (another annotator or `auto`),
//! matched with `eval`'s rule; `--all` gives the class roster, one row per annotator and
//! article.

use serde_json::{json, Value};

use crate::cli::{Context, Format, OutputArgs};
use crate::compare::{compare, Brief, Comparison};
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

    /// Every annotator on every article the key annotated: the class roster.
    #[arg(long)]
    pub all: bool,

    #[command(flatten)]
    pub output: OutputArgs,
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
    "identity_kappa",
    "role_kappa",
];

fn ratio(x: f64) -> Value {
    json!((x * 1000.0).round() / 1000.0)
}

fn kappa(x: Option<f64>) -> Value {
    x.map_or(Value::Null, ratio)
}

fn roster(list: &[Comparison]) -> Records {
    let mut r = Records::new(COLUMNS.to_vec());
    for c in list {
        r.push(vec![
            json!(c.annotator),
            json!(c.key),
            json!(c.article_id),
            json!(c.title),
            json!(c.matched.len()),
            json!(c.missed.len()),
            json!(c.extra.len()),
            ratio(c.precision),
            ratio(c.recall),
            ratio(c.f1),
            kappa(c.identity_kappa),
            kappa(c.role_kappa),
        ]);
    }
    r
}

/// The roster as a table: short headers and two decimals, so ten columns fit in 80.
fn roster_table(list: &[Comparison]) -> Records {
    let two = |x: f64| json!(format!("{x:.2}"));
    let k = |x: Option<f64>| x.map_or(json!("-"), two);
    let mut r = Records::new(vec![
        "annotator",
        "art.",
        "match",
        "miss",
        "extra",
        "P",
        "R",
        "F1",
        "κ id",
        "κ role",
    ]);
    for c in list {
        r.push(vec![
            json!(c.annotator),
            json!(c.article_id),
            json!(c.matched.len()),
            json!(c.missed.len()),
            json!(c.extra.len()),
            two(c.precision),
            two(c.recall),
            two(c.f1),
            k(c.identity_kappa),
            k(c.role_kappa),
        ]);
    }
    r
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

fn labels(b: &Brief) -> String {
    format!("{} {} {}", b.identity, b.role, b.form)
}

fn write_one(w: &mut dyn std::io::Write, c: &Comparison, width: u16) -> Result<()> {
    let fig = |x: Option<f64>| x.map_or("undefined".to_string(), |x| format!("{x:.3}"));
    writeln!(
        w,
        "article {}: {} compared with {}",
        c.article_id, c.annotator, c.key
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
    writeln!(
        w,
        "agreement over matched pairs (Cohen's kappa): identity {}, role {}",
        fig(c.identity_kappa),
        fig(c.role_kappa)
    )?;
    let mut r = Records::new(vec!["status", "source", "labels", "key labels", "content"]);
    for p in &c.matched {
        let source = if p.claim.source == p.key.source {
            p.claim.source.clone()
        } else {
            format!("{} (key: {})", p.claim.source, p.key.source)
        };
        r.push(vec![
            json!("matched"),
            json!(source),
            json!(labels(&p.claim)),
            json!(labels(&p.key)),
            json!(p.key.content),
        ]);
    }
    for b in &c.missed {
        r.push(vec![
            json!("missed"),
            json!(b.source),
            json!(""),
            json!(labels(b)),
            json!(b.content),
        ]);
    }
    for b in &c.extra {
        r.push(vec![
            json!("extra"),
            json!(b.source),
            json!(labels(b)),
            json!(""),
            json!(b.content),
        ]);
    }
    if !r.rows.is_empty() {
        r.write_table(w, width, &[("content", 60), ("source", 40)])?;
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
    let store = ctx.reader()?;
    let comparisons: Vec<Comparison> = if args.all {
        let names: Vec<String> = match &args.annotator {
            Some(n) => vec![n.trim().to_string()],
            None => claims::annotators(store.conn(), None)?
                .into_iter()
                .map(|(n, _, _)| n)
                .filter(|n| *n != key)
                .collect(),
        };
        let mut out = Vec::new();
        for id in claims::articles_of(store.conn(), &key)? {
            let title = articles::get(store.conn(), id)?.and_then(|a| a.meta.title);
            for name in &names {
                out.push(one(&store, id, title.clone(), name, &key)?);
            }
        }
        if out.is_empty() {
            crate::cli::note(format!(
                "nothing to compare: no article has claims by {key:?} and another annotator \
                 (see `whosaid annotators`)"
            ));
        }
        out
    } else {
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
        let article = articles::resolve(store.conn(), article)?;
        if claims::list(store.conn(), article.id, Some(&key))?.is_empty() {
            return Err(Error::msg(format!(
                "--key {key}: no claims by {key:?} on article {} (see `whosaid annotators {}`)",
                article.id, article.id
            )));
        }
        vec![one(
            &store,
            article.id,
            article.meta.title.clone(),
            name.trim(),
            &key,
        )?]
    };
    let width = args.output.width();
    args.output.emit(|w| match args.output.format {
        Format::Table if args.all => {
            if comparisons.is_empty() {
                return Ok(());
            }
            roster_table(&comparisons).write_table(w, width, &[("annotator", 24)])
        }
        Format::Table => comparisons.iter().try_for_each(|c| write_one(w, c, width)),
        Format::Csv => roster(&comparisons).write_csv(w),
        Format::Json if args.all => crate::report::json::write_pretty(w, &comparisons),
        Format::Json => match comparisons.first() {
            Some(c) => crate::report::json::write_pretty(w, c),
            None => Ok(()),
        },
    })
}

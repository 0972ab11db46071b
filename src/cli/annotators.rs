//! `whosaid annotators [ARTICLE]`: who annotated what, with their article and claim counts.

use serde_json::json;

use crate::cli::{Context, Format, OutputArgs};
use crate::error::{Error, Result};
use crate::model::Claim;
use crate::report::records::Records;
use crate::store::{articles, claims};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this article's annotators: its numeric id or its external id.
    #[arg(value_name = "ARTICLE")]
    pub article: Option<String>,

    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let store = ctx.reader()?;
    let article = match &args.article {
        Some(key) => Some(articles::resolve(store.conn(), key)?.id),
        None => None,
    };
    let mut records = Records::new(vec!["annotator", "articles", "claims"]);
    for (name, n_articles, n_claims) in claims::annotators(store.conn(), article)? {
        records.push(vec![json!(name), json!(n_articles), json!(n_claims)]);
    }
    let width = args.output.width();
    args.output.emit(|w| match args.output.format {
        Format::Table => {
            if records.rows.is_empty() {
                writeln!(w, "no claims recorded yet")?;
                return Ok(());
            }
            records.write_table(w, width, &[("annotator", 40)])
        }
        Format::Csv => records.write_csv(w),
        Format::Json => records.write_json(w),
    })
}

/// The error for a name with no claims where some were expected: it lists the annotators that
/// have claims there (on `article`, else anywhere) and suggests the one differing only in case
/// or spacing (`no claims by "Ana" on article 3; annotators here: ana, auto, teacher (did you
/// mean "ana"?)`).
pub fn no_claims(conn: &rusqlite::Connection, article: Option<i64>, name: &str) -> Error {
    let names: Vec<String> = match claims::annotators(conn, article) {
        Ok(list) => list.into_iter().map(|(n, _, _)| n).collect(),
        Err(e) => return e,
    };
    let list = if names.is_empty() {
        "none".to_string()
    } else {
        names.join(", ")
    };
    let fold = |s: &str| s.split_whitespace().collect::<String>().to_lowercase();
    let hint = names
        .iter()
        .find(|n| fold(n) == fold(name))
        .map(|n| format!(" (did you mean {n:?}?)"))
        .unwrap_or_default();
    Error::msg(match article {
        Some(id) => format!("no claims by {name:?} on article {id}; annotators here: {list}{hint}"),
        None => format!("no claims by {name:?} on any article; annotators: {list}{hint}"),
    })
}

/// `name`'s claims on the article, in text order; an error ([`no_claims`]) when there are none.
pub fn claims_of(conn: &rusqlite::Connection, article: i64, name: &str) -> Result<Vec<Claim>> {
    let list = claims::list(conn, article, Some(name))?;
    if list.is_empty() {
        return Err(no_claims(conn, Some(article), name));
    }
    Ok(list)
}

/// The claims `show` and `claims` list: those of the annotator named (an error when it has
/// none here), else of the article's default annotator; with that annotator's name.
pub fn chosen_claims(
    conn: &rusqlite::Connection,
    article: i64,
    annotator: Option<&str>,
) -> Result<(String, Vec<Claim>)> {
    match annotator {
        Some(a) => Ok((a.to_string(), claims_of(conn, article, a)?)),
        None => {
            let a = claims::default_annotator(conn, article)?;
            Ok((a.to_string(), claims::list(conn, article, Some(a))?))
        }
    }
}

/// An error ([`no_claims`]) when `name` has no claims on any article.
pub fn require_anywhere(conn: &rusqlite::Connection, name: &str) -> Result<()> {
    if claims::articles_of(conn, name)?.is_empty() {
        return Err(no_claims(conn, None, name));
    }
    Ok(())
}

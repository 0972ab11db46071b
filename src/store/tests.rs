//! Store tests on an in-memory database.

use super::*;
use crate::model::{ArticleMeta, Attribution, Origin, Span};

fn attribution(source: &str, start: usize, end: usize, text: &str) -> Attribution {
    Attribution {
        content: Some(Span {
            start,
            end,
            text: text.to_string(),
        }),
        ..Attribution::of(source)
    }
}

#[test]
fn migrating_twice_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(store.version().unwrap(), SCHEMA_VERSION);
    store.migrate().unwrap();
    store.migrate().unwrap();
    assert_eq!(store.version().unwrap(), SCHEMA_VERSION);
    let fk: bool = store
        .conn()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert!(fk);
}

#[test]
fn a_failing_migration_step_leaves_the_database_as_it_was() {
    let mut store = Store::new(
        Connection::open_in_memory().unwrap(),
        "test".into(),
        guard::DEFAULT_LOCK_TIMEOUT,
    );
    let mut steps: Vec<&str> = MIGRATIONS.to_vec();
    steps.push("CREATE TABLE later (x); INSERT INTO no_such_table VALUES (1);");
    let err = store.migrate_steps(&steps).unwrap_err().to_string();
    assert!(err.contains("no_such_table"), "{err}");
    assert_eq!(store.version().unwrap(), 0);
    let tables: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 0, "the earlier steps were rolled back too");
}

#[test]
fn a_newer_schema_is_refused() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .conn()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    let err = store.migrate().unwrap_err().to_string();
    assert!(err.contains("newer than this whosaid knows"), "{err}");
}

#[test]
fn the_same_text_is_found_by_hash() {
    let mut store = Store::open_in_memory().unwrap();
    let id = store
        .write(|tx| articles::insert(tx, &ArticleMeta::default(), "Officials said so.", None))
        .unwrap();
    assert_eq!(
        articles::find_by_text(store.conn(), "Officials said so.").unwrap(),
        Some(id)
    );
    assert_eq!(
        articles::find_by_text(store.conn(), "Other.").unwrap(),
        None
    );
    // Uniqueness lives in the schema too.
    assert!(store
        .write(|tx| articles::insert(tx, &ArticleMeta::default(), "Officials said so.", None))
        .is_err());
}

#[test]
fn articles_resolve_by_id_and_external_id() {
    let mut store = Store::open_in_memory().unwrap();
    let meta = ArticleMeta {
        external_id: Some("nyt-1".into()),
        date: Some("2025-03-01".into()),
        outlet: Some("NYT".into()),
        ..Default::default()
    };
    let id = store
        .write(|tx| articles::insert(tx, &meta, "Text.", None))
        .unwrap();
    assert_eq!(
        articles::resolve(store.conn(), &id.to_string()).unwrap().id,
        id
    );
    assert_eq!(articles::resolve(store.conn(), "nyt-1").unwrap().id, id);
    assert!(articles::resolve(store.conn(), "nope").is_err());
    let f = articles::Filter {
        since: Some("2025-03-02".into()),
        ..Default::default()
    };
    assert!(articles::list(store.conn(), &f).unwrap().is_empty());
    let f = articles::Filter {
        outlet: Some("NYT".into()),
        until: Some("2025-03-01".into()),
        ..Default::default()
    };
    assert_eq!(articles::list(store.conn(), &f).unwrap().len(), 1);
}

#[test]
fn claims_round_trip_and_auto_ones_are_replaced() {
    let mut store = Store::open_in_memory().unwrap();
    let text = "Officials said it rained. Jane said it did not.";
    let id = store
        .write(|tx| articles::insert(tx, &ArticleMeta::default(), text, None))
        .unwrap();
    let auto = attribution("Officials", 15, 24, "it rained");
    let mut manual = attribution("Jane", 36, 46, "it did not");
    manual.hedged = true;
    manual.via = Some("NBC".into());
    let (a, m) = store
        .write(|tx| {
            Ok((
                claims::insert(tx, id, &auto, Origin::Auto, "auto")?,
                claims::insert(tx, id, &manual, Origin::Manual, "manual")?,
            ))
        })
        .unwrap();
    let got = claims::get(store.conn(), m).unwrap().unwrap();
    assert_eq!(
        got.attribution,
        Attribution {
            source: "Jane".into(),
            ..manual.clone()
        }
    );
    assert_eq!(got.origin, Origin::Manual);
    assert_eq!(claims::list(store.conn(), id, None).unwrap().len(), 2);
    assert_eq!(
        claims::list(store.conn(), id, Some("auto")).unwrap()[0].id,
        a
    );
    assert_eq!(claims::default_annotator(store.conn(), id).unwrap(), "auto");
    assert_eq!(claims::source_count(store.conn(), id).unwrap(), 2);

    let n = store.write(|tx| claims::delete_auto(tx, id)).unwrap();
    assert_eq!(n, 1);
    let left = claims::list(store.conn(), id, None).unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].id, m);
    assert_eq!(claims::source_count(store.conn(), id).unwrap(), 1);
    assert_eq!(
        claims::default_annotator(store.conn(), id).unwrap(),
        "manual"
    );

    let mut edited = left[0].clone();
    edited.attribution.source = "Jane Doe".into();
    store.write(|tx| claims::update(tx, &edited)).unwrap();
    assert_eq!(
        claims::get(store.conn(), m)
            .unwrap()
            .unwrap()
            .attribution
            .source,
        "Jane Doe"
    );
    assert_eq!(claims::source_count(store.conn(), id).unwrap(), 1);

    store.write(|tx| claims::delete(tx, m)).unwrap();
    assert!(claims::get(store.conn(), m).unwrap().is_none());
    assert_eq!(claims::source_count(store.conn(), id).unwrap(), 0);
}

#[test]
fn check_constraints_guard_labels() {
    let mut store = Store::open_in_memory().unwrap();
    let id = store
        .write(|tx| articles::insert(tx, &ArticleMeta::default(), "Text.", None))
        .unwrap();
    let bad = store.conn().execute(
        "INSERT INTO claims (article_id, source, identity, role, form, origin, annotator)
         VALUES (?1, 'x', 'famous', 'official', 'paraphrase', 'manual', 'manual')",
        [id],
    );
    assert!(bad.is_err());
}

#[test]
fn a_failed_write_leaves_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let r: Result<()> = store.write(|tx| {
        articles::insert(tx, &ArticleMeta::default(), "One.", None)?;
        Err(Error::msg("stop"))
    });
    assert!(r.is_err());
    assert!(articles::list(store.conn(), &Default::default())
        .unwrap()
        .is_empty());
}

/// A stand-in for the engine's splitter: a sentence ends after ". ".
fn split_at_stops(text: &str) -> Vec<crate::model::Sentence> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..chars.len() {
        if chars[i] == '.' && (i + 1 == chars.len() || chars[i + 1] == ' ') {
            out.push(crate::model::Sentence { start, end: i + 1 });
            start = i + 2;
        }
    }
    out
}

#[test]
fn articles_older_than_step_2_get_their_sentences_filled_in() {
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.execute_batch(MIGRATIONS[0]).unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
    conn.execute(
        "INSERT INTO articles (text, content_hash) VALUES ('One said so. Two. Three.', 'x')",
        [],
    )
    .unwrap();
    let mut store = Store::new(conn, "test".into(), guard::DEFAULT_LOCK_TIMEOUT);
    store.migrate().unwrap();
    assert!(store.lacks_sentences());
    let filled = store
        .write(|tx| sentences::fill_missing(tx, split_at_stops))
        .unwrap();
    assert_eq!(filled, 1);
    let (n, blob): (i64, Vec<u8>) = store
        .conn()
        .query_row("SELECT sentences, spans FROM article_sentences", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(n, 3);
    assert_eq!(
        sentences::decode(&blob).unwrap(),
        split_at_stops("One said so. Two. Three.")
    );
    // New articles get theirs on insert, as given.
    let text = "It rained. It stopped.";
    let id = store
        .write(|tx| {
            articles::insert(
                tx,
                &ArticleMeta::default(),
                text,
                Some(&split_at_stops(text)),
            )
        })
        .unwrap();
    assert_eq!(
        sentences::cached(store.conn(), id).unwrap().unwrap().len(),
        2
    );
    // A database at the current version lacks nothing.
    store.migrate().unwrap();
    assert!(!store.lacks_sentences());
}

#[test]
fn only_whosaids_tables_pass_the_guard() {
    let conn = Connection::open_in_memory().unwrap();
    guard::check_ours(&conn, "x.db", 0).unwrap();
    conn.execute_batch("CREATE TABLE people (name TEXT)")
        .unwrap();
    let err = guard::check_ours(&conn, "x.db", 0).unwrap_err().to_string();
    assert!(err.contains("x.db: not a whosaid database"), "{err}");

    let store = Store::open_in_memory().unwrap();
    guard::check_ours(store.conn(), "y.db", SCHEMA_VERSION).unwrap();
    // an older version's tables are a subset
    let err = guard::check_ours(store.conn(), "y.db", 1)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("\"article_sentences\" are not whosaid's"),
        "{err}"
    );
    store.conn().execute_batch("DROP TABLE sources").unwrap();
    let err = guard::check_ours(store.conn(), "y.db", SCHEMA_VERSION)
        .unwrap_err()
        .to_string();
    assert!(err.contains("\"sources\" are missing"), "{err}");
}

#[test]
fn claim_ids_are_not_reused_and_a_corrected_claim_replaces_the_engines() {
    let mut store = Store::open_in_memory().unwrap();
    let text = "Officials said it rained. Jane said it did not.";
    let id = store
        .write(|tx| articles::insert(tx, &ArticleMeta::default(), text, None))
        .unwrap();
    let rained = attribution("Officials", 15, 24, "it rained");
    let not = attribution("Jane", 36, 46, "it did not");
    let a = store
        .write(|tx| claims::insert(tx, id, &rained, Origin::Auto, "auto"))
        .unwrap();
    let b = store
        .write(|tx| claims::insert(tx, id, &not, Origin::Auto, "auto"))
        .unwrap();
    store.write(|tx| claims::delete(tx, b)).unwrap();
    let c = store
        .write(|tx| claims::insert(tx, id, &not, Origin::Auto, "auto"))
        .unwrap();
    assert!(c > b, "id {b} given again");

    // the first claim corrected by hand, its content moved
    let mut fixed = claims::get(store.conn(), a).unwrap().unwrap();
    fixed.origin = Origin::Manual;
    fixed.attribution.content = Some(Span {
        start: 15,
        end: 17,
        text: "it".into(),
    });
    store.write(|tx| claims::update(tx, &fixed)).unwrap();
    assert_eq!(
        claims::replaces(store.conn(), a, SCHEMA_VERSION).unwrap(),
        Some((15, 24))
    );
    // a second correction keeps the engine's span
    fixed.attribution.source = "Officials here".into();
    store.write(|tx| claims::update(tx, &fixed)).unwrap();
    assert_eq!(
        claims::replaces(store.conn(), a, SCHEMA_VERSION).unwrap(),
        Some((15, 24))
    );

    // the engine gives both again: only the one nobody corrected is stored
    let (deleted, stored) = store
        .write(|tx| claims::replace_auto(tx, id, &[rained.clone(), not.clone()]))
        .unwrap();
    assert_eq!((deleted, stored), (1, 1));
    let all = claims::list(store.conn(), id, Some("auto")).unwrap();
    let sources: Vec<&str> = all.iter().map(|c| c.attribution.source.as_str()).collect();
    assert_eq!(sources, ["Officials here", "Jane"]);
}

//! Combining databases built on shards (`whosaid merge`): articles deduplicated by content
//! hash, claims kept with their origin and annotator, sources remapped to the output's rows.

use std::path::Path;

use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Transaction};

use crate::error::{Error, Result};
use crate::model::{Claim, Form, Identity, Origin, Role, Stance};
use crate::store::sentences::{self, Split};
use crate::store::{articles, claims, writer, Store, SCHEMA_VERSION};

/// What merging one input did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Articles new to the output.
    pub articles_added: usize,
    /// Articles whose text the output held already.
    pub articles_known: usize,
    pub claims_added: usize,
    /// Claims left out: the same claim was there, or the article had its automatic claims.
    pub claims_skipped: usize,
    /// The output's automatic claims removed because a corrected claim of the input stands
    /// in for them.
    pub auto_replaced: usize,
}

/// Open an input database read-only, refusing one that is missing, not a whosaid database or
/// written by a newer whosaid.
pub fn open_input(path: &Path) -> Result<Connection> {
    let name = path.display();
    if !path.is_file() {
        return Err(Error::msg(format!(
            "{name}: no such database file (expected a whosaid database to merge)"
        )));
    }
    let conn = Connection::open_with_flags(
        super::plain_path(path),
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| Error::msg(format!("{name}: cannot open database: {e}")))?;
    conn.busy_timeout(super::guard::lock_timeout()?)?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| Error::msg(format!("{name}: {e} (expected a whosaid database)")))?;
    if version > SCHEMA_VERSION {
        return Err(Error::msg(format!(
            "{name}: schema version {version} is newer than this whosaid knows \
             (version {SCHEMA_VERSION}); use a newer whosaid"
        )));
    }
    super::guard::check_ours(&conn, &name.to_string(), version)?;
    if version < 1 {
        return Err(Error::msg(format!(
            "{name}: not a whosaid database (schema version {version}, expected 1 to {SCHEMA_VERSION})"
        )));
    }
    Ok(conn)
}

/// Whether the output's article already has this very claim.
fn has_claim(tx: &Transaction, article_id: i64, c: &Claim) -> Result<bool> {
    let a = &c.attribution;
    let part = |s: &Option<crate::model::Span>| match s {
        Some(s) => (
            Some(s.text.clone()),
            Some(s.start as i64),
            Some(s.end as i64),
        ),
        None => (None, None, None),
    };
    let (m, ms, me) = part(&a.mention);
    let (cu, cs, ce) = part(&a.cue);
    let (co, cos, coe) = part(&a.content);
    let (ar, ars, are) = part(&a.anonymity_reason);
    Ok(tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM claims WHERE article_id = ?1 AND annotator = ?2
             AND origin = ?3 AND source = ?4 AND mention IS ?5 AND mention_start IS ?6
             AND mention_end IS ?7 AND cue IS ?8 AND cue_start IS ?9 AND cue_end IS ?10
             AND content IS ?11 AND content_start IS ?12 AND content_end IS ?13
             AND identity = ?14 AND role = ?15 AND form = ?16 AND hedged = ?17 AND via IS ?18
             AND rule = ?19 AND trigger = ?20 AND anonymity_reason IS ?21
             AND anonymity_reason_start IS ?22 AND anonymity_reason_end IS ?23)",
        )?
        .query_row(
            params![
                article_id,
                c.annotator,
                c.origin.as_str(),
                a.source.trim(),
                m,
                ms,
                me,
                cu,
                cs,
                ce,
                co,
                cos,
                coe,
                a.identity.as_str(),
                a.role.as_str(),
                a.form.as_str(),
                a.hedged,
                a.via,
                a.rule,
                a.trigger,
                ar,
                ars,
                are
            ],
            |r| r.get(0),
        )?)
}

/// The name under which [`merge_into`] attaches the input to the output's connection.
const SRC: &str = "merge_src";

/// The output's page cache while merging, in KiB (a negative `cache_size`).
const MERGE_CACHE_KIB: i64 = -65536;

/// How much of the input is read through memory mapping, in bytes.
const MERGE_MMAP: i64 = 1 << 28;

/// SQL functions the set-based steps call: the content hash of a text and the stance of a
/// cue, as the Rust code computes them.
fn register_functions(conn: &Connection) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("whosaid_content_hash", 1, flags, |ctx| {
        Ok(ctx.get_raw(0).as_str_or_null()?.map(articles::content_hash))
    })?;
    conn.create_scalar_function("whosaid_irregular", 25, flags, |ctx| {
        let v: [ValueRef; 25] = std::array::from_fn(|i| ctx.get_raw(i));
        Ok(irregular(&v))
    })?;
    conn.create_scalar_function("whosaid_stance", 1, flags, |ctx| {
        Ok(ctx
            .get_raw(0)
            .as_str_or_null()?
            .map_or(Stance::Neutral, Stance::of_cue)
            .as_str())
    })?;
    Ok(())
}

/// Merge the whosaid database at `path` (already checked and opened by [`open_input`] as
/// `input`) into `store`, in one transaction: all of it lands, or nothing does. `name` and
/// `out` name the databases in messages; an input article without cached sentences is split
/// by `split`.
///
/// The input is attached read-only to the output's connection and its rows are moved with
/// set-based statements; the few articles a rule must see one at a time (two input articles
/// that are one output article, a claim as no whosaid writes it) go through the same steps
/// one claim at a time, after the others.
pub fn merge_into(
    store: &mut Store,
    input: &Connection,
    path: &Path,
    name: &str,
    out: &str,
    split: Split,
) -> Result<Summary> {
    register_functions(store.conn())?;
    let absolute = std::path::absolute(path).map_err(|e| Error::io(path, e))?;
    store
        .conn()
        .execute(
            &format!("ATTACH DATABASE ?1 AS {SRC}"),
            [super::file_uri(&absolute, "mode=ro")],
        )
        .map_err(|e| Error::msg(format!("{name}: cannot open database: {e}")))?;
    // A page cache large enough for the indexes being filled, for this merge only; the
    // input read through memory mapping. The rows written refer to the rows they are
    // written with (an article's own id, its own source rows), so foreign keys are not
    // looked up again for each of them.
    let cache: i64 = store
        .conn()
        .query_row("PRAGMA main.cache_size", [], |r| r.get(0))?;
    store.conn().execute_batch(&format!(
        "PRAGMA main.cache_size = {MERGE_CACHE_KIB}; PRAGMA {SRC}.mmap_size = {MERGE_MMAP};
         PRAGMA foreign_keys = OFF;"
    ))?;
    let merged = store.write(|tx| merge_from(tx, input, name, out, split));
    let detached = store.conn().execute_batch(&format!(
        "PRAGMA ignore_check_constraints = OFF; DETACH DATABASE {SRC};
         PRAGMA main.cache_size = {cache}; PRAGMA foreign_keys = ON;"
    ));
    let summary = merged?;
    detached?;
    Ok(summary)
}

/// A claim of the input as no whosaid writes it (a label it does not know, a name not
/// trimmed, a span with a part missing or ending before it starts, a value of another type):
/// its article goes through the one-claim-at-a-time path, which reads it as every other
/// command does and says what is wrong with it. `c` is the claim, of an input at schema
/// `version`. A claim that passes satisfies every constraint of the output's claims table.
fn irregular_claim(version: i64) -> String {
    let anon = if version >= 3 {
        "c.anonymity_reason, c.anonymity_reason_start, c.anonymity_reason_end"
    } else {
        "NULL, NULL, NULL"
    };
    let replaces = if version >= 4 {
        "c.replaces_start, c.replaces_end"
    } else {
        "NULL, NULL"
    };
    format!(
        "whosaid_irregular(c.identity, c.role, c.form, c.origin, c.hedged, c.source,
             c.annotator, c.rule, c.trigger, c.created_at, c.via, c.mention, c.mention_start,
             c.mention_end, c.cue, c.cue_start, c.cue_end, c.content, c.content_start,
             c.content_end, {anon}, {replaces})"
    )
}

/// The test of [`irregular_claim`] on the values of its 25 arguments.
fn irregular(v: &[ValueRef; 25]) -> bool {
    use ValueRef::{Integer, Null, Text};
    fn one_of<T: Copy>(x: &ValueRef, all: &[T], name: impl Fn(T) -> &'static str) -> bool {
        matches!(x, Text(t) if all.iter().any(|&l| name(l).as_bytes() == *t))
    }
    let labels = one_of(&v[0], Identity::ALL, Identity::as_str)
        && one_of(&v[1], Role::ALL, Role::as_str)
        && one_of(&v[2], Form::ALL, Form::as_str)
        && one_of(&v[3], Origin::ALL, Origin::as_str)
        && matches!(v[4], Integer(0 | 1));
    // The name, trimmed as Rust's `str::trim` trims (Unicode White_Space); an empty name
    // is regular (it has no source row).
    let name = match v[5] {
        Text(t) => {
            let t = String::from_utf8_lossy(t);
            !t.starts_with(char::is_whitespace) && !t.ends_with(char::is_whitespace)
        }
        _ => false,
    };
    let texts = matches!(v[6], Text(t) if !t.is_empty())
        && matches!(v[7], Text(_))
        && matches!(v[8], Text(_))
        && matches!(v[9], Text(_))
        && matches!(v[10], Text(_) | Null);
    // Each span: text, start and end all set or none, 0 <= start <= end.
    let span = |i: usize| match (&v[i], &v[i + 1], &v[i + 2]) {
        (Null, Null, Null) => true,
        (Text(_), Integer(s), Integer(e)) => 0 <= *s && s <= e,
        _ => false,
    };
    let replaces = match (&v[23], &v[24]) {
        (Null, Null) => true,
        (Integer(s), Integer(e)) => 0 <= *s && s <= e,
        _ => false,
    };
    !(labels && name && texts && span(11) && span(14) && span(17) && span(20) && replaces)
}

/// `x` and `c` are the same claim as `has_claim` and the in-memory comparison tell it: the
/// same origin, name, spans, labels, route, rule and trigger (annotator compared apart).
/// `anon`: `c` has the anonymity-reason columns (else they are null); `x_anon`: so has `x`.
fn same_claim(x: &str, anon: bool, x_anon: bool) -> String {
    let mut sql = format!(
        "{x}.origin = c.origin AND {x}.source = c.source
         AND {x}.mention IS c.mention AND {x}.mention_start IS c.mention_start
         AND {x}.mention_end IS c.mention_end AND {x}.cue IS c.cue
         AND {x}.cue_start IS c.cue_start AND {x}.cue_end IS c.cue_end
         AND {x}.content IS c.content AND {x}.content_start IS c.content_start
         AND {x}.content_end IS c.content_end AND {x}.identity = c.identity
         AND {x}.role = c.role AND {x}.form = c.form AND {x}.hedged = c.hedged
         AND {x}.via IS c.via AND {x}.rule = c.rule AND {x}.trigger = c.trigger"
    );
    if anon {
        sql.push_str(&format!(
            " AND {x}.anonymity_reason IS c.anonymity_reason
             AND {x}.anonymity_reason_start IS c.anonymity_reason_start
             AND {x}.anonymity_reason_end IS c.anonymity_reason_end"
        ));
    } else if x_anon {
        sql.push_str(&format!(
            " AND {x}.anonymity_reason IS NULL AND {x}.anonymity_reason_start IS NULL
             AND {x}.anonymity_reason_end IS NULL"
        ));
    }
    sql
}

/// Copy `input`'s articles and claims into the output (in `tx`; the input attached as
/// `merge_src`, see [`merge_into`]). An article whose text the output holds keeps the
/// output's metadata and automatic claims (when it has any); its hand-recorded claims are
/// added unless the same claim is there. An article is known to the output by its external
/// id, or by its text when it has none. Articles are taken in the input's id order and
/// claims in text order, so the output's ids come in that order.
fn merge_from(
    tx: &Transaction,
    input: &Connection,
    name: &str,
    out: &str,
    split: Split,
) -> Result<Summary> {
    let mut summary = Summary::default();
    let version: i64 = input.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    // Which engine found the input's automatic claims, where its schema records it.
    let has_engine: bool = input.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info('articles') WHERE name = 'engine')",
        [],
        |r| r.get(0),
    )?;
    let anon = version >= 3;
    let anon_cols = if anon {
        "c.anonymity_reason, c.anonymity_reason_start, c.anonymity_reason_end"
    } else {
        "NULL, NULL, NULL"
    };
    let replaces_cols = if version >= 4 {
        "c.replaces_start, c.replaces_end"
    } else {
        "NULL, NULL"
    };

    // Each input article: its text's own hash (not the input's record of it), the output
    // article it is, whether it is new to the output, whether it is the first of the input
    // to be that article, whether that article had automatic claims, and whether it goes
    // one claim at a time.
    tx.execute_batch(&format!(
        "DROP TABLE IF EXISTS temp.merge_map;
         DROP TABLE IF EXISTS temp.merge_claims;
         CREATE TEMP TABLE merge_map (
             in_id INTEGER PRIMARY KEY, ext TEXT, hash TEXT NOT NULL, out_id INTEGER,
             fresh INTEGER NOT NULL DEFAULT 0, first INTEGER NOT NULL DEFAULT 0,
             had_auto INTEGER NOT NULL DEFAULT 0, rowwise INTEGER NOT NULL DEFAULT 0,
             corrected INTEGER NOT NULL DEFAULT 0);
         INSERT INTO merge_map (in_id, ext, hash)
             SELECT id, external_id, whosaid_content_hash(text) FROM {SRC}.articles;
         CREATE INDEX temp.merge_map_hash ON merge_map (hash, in_id);"
    ))?;

    // An external id the output gives to another text refuses the whole input.
    let clash: Option<(i64, String, i64)> = tx
        .query_row(
            "SELECT m.in_id, m.ext, a.id FROM merge_map m
             JOIN main.articles a ON a.external_id = m.ext
             WHERE a.content_hash <> m.hash ORDER BY m.in_id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    if let Some((in_id, x, other)) = clash {
        return Err(Error::msg(format!(
            "{name}: article {in_id} has external id {x:?}, which {out} gives to \
             another text (article {other}); nothing of {name} was merged"
        )));
    }

    // The output's article: by external id; without one, the first article with the same
    // text, stored before or earlier in this input.
    tx.execute_batch(
        "UPDATE merge_map SET out_id =
             (SELECT a.id FROM main.articles a WHERE a.external_id = merge_map.ext)
         WHERE ext IS NOT NULL;
         UPDATE merge_map SET out_id =
             (SELECT min(a.id) FROM main.articles a WHERE a.content_hash = merge_map.hash)
         WHERE ext IS NULL;
         UPDATE merge_map SET fresh = 1 WHERE out_id IS NULL AND (ext IS NOT NULL
             OR NOT EXISTS (SELECT 1 FROM merge_map e WHERE e.hash = merge_map.hash
                 AND e.in_id < merge_map.in_id AND e.out_id IS NULL));",
    )?;
    // New articles get the ids inserting them one by one would give them.
    let next: i64 = tx.query_row("SELECT coalesce(max(id), 0) FROM main.articles", [], |r| {
        r.get(0)
    })?;
    tx.execute(
        "UPDATE merge_map SET out_id = ?1 + r.n
         FROM (SELECT in_id, row_number() OVER (ORDER BY in_id) AS n
               FROM merge_map WHERE fresh) AS r
         WHERE r.in_id = merge_map.in_id",
        [next],
    )?;
    tx.execute_batch(
        "UPDATE merge_map SET out_id = (SELECT e.out_id FROM merge_map e
             WHERE e.hash = merge_map.hash AND e.fresh ORDER BY e.in_id LIMIT 1)
         WHERE out_id IS NULL;
         CREATE INDEX temp.merge_map_out ON merge_map (out_id, in_id);
         UPDATE merge_map SET first = NOT EXISTS (SELECT 1 FROM merge_map e
             WHERE e.out_id = merge_map.out_id AND e.in_id < merge_map.in_id);
         UPDATE merge_map SET had_auto = EXISTS (SELECT 1 FROM main.claims c
             WHERE c.article_id = merge_map.out_id AND c.origin = 'auto')
         WHERE NOT fresh;
         UPDATE merge_map SET rowwise = 1 WHERE NOT first;",
    )?;
    let (added, known): (i64, i64) = tx.query_row(
        "SELECT coalesce(sum(fresh), 0), coalesce(sum(NOT fresh), 0) FROM merge_map",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    summary.articles_added = added as usize;
    summary.articles_known = known as usize;

    // The new articles, with the input's cached sentences where it has them.
    let engine = if has_engine { "s.engine" } else { "NULL" };
    tx.execute(
        &format!(
            "INSERT INTO main.articles (id, external_id, title, outlet, author, published, url,
                 text, content_hash, engine)
             SELECT m.out_id, s.external_id, s.title, s.outlet, s.author, s.published, s.url,
                 s.text, m.hash, {engine}
             FROM merge_map m JOIN {SRC}.articles s ON s.id = m.in_id
             WHERE m.fresh ORDER BY m.in_id"
        ),
        [],
    )?;
    if version >= 2 {
        tx.execute(
            &format!(
                "INSERT INTO main.article_sentences (article_id, sentences, spans)
                 SELECT m.out_id, length(x.spans) / 8, x.spans
                 FROM merge_map m JOIN {SRC}.article_sentences x ON x.article_id = m.in_id
                 WHERE m.fresh AND typeof(x.spans) = 'blob' AND length(x.spans) % 8 = 0
                 ORDER BY m.in_id"
            ),
            [],
        )?;
    }
    split_missing(tx, split)?;

    let same_d = same_claim("d", anon, anon);
    let same_o = same_claim("o", anon, true);
    let odd = irregular_claim(version);
    let repl = if version >= 4 {
        "c.replaces_start IS NOT NULL"
    } else {
        "0"
    };
    // The claims each article not taken one at a time brings: all of a new article's (a
    // repeat once), and for an article the output has, its hand-recorded claims (automatic
    // ones too when it has none) that the output does not have already; in the order they
    // are added (the input's article order, then text order). An article with a claim as no
    // whosaid writes it goes one claim at a time. Of two claims the same, the first stays: a
    // repeat has the same spans, so only a claim after another at the same place (`nth` > 1;
    // the claims at one place have consecutive `seq`) is compared in full, with those before
    // it there. `repl`: a corrected claim, which stands in for an automatic one.
    tx.execute_batch(&format!(
        "CREATE TEMP TABLE merge_claims (seq INTEGER PRIMARY KEY, in_claim INTEGER NOT NULL,
             in_id INTEGER NOT NULL, out_id INTEGER NOT NULL, origin TEXT NOT NULL,
             nth INTEGER NOT NULL, keep INTEGER NOT NULL, odd INTEGER NOT NULL,
             repl INTEGER NOT NULL);
         INSERT INTO merge_claims (in_claim, in_id, out_id, origin, nth, keep, odd, repl)
         SELECT id, in_id, out_id, origin,
             row_number() OVER (PARTITION BY in_id, k1, k2, k3 ORDER BY id), keep, odd, repl
         FROM (SELECT c.id, m.in_id, m.out_id, c.origin,
             coalesce(c.content_start, c.cue_start, c.mention_start, 9223372036854775807) AS k1,
             coalesce(c.cue_start, 9223372036854775807) AS k2,
             coalesce(c.mention_start, 9223372036854775807) AS k3,
             NOT (c.origin = 'auto' AND m.had_auto)
                 AND (m.fresh OR NOT EXISTS (SELECT 1 FROM main.claims o
                     WHERE o.article_id = m.out_id AND o.annotator = c.annotator
                       AND {same_o})) AS keep,
             {odd} AS odd, {repl} AS repl
             FROM {SRC}.claims c CROSS JOIN merge_map m ON m.in_id = c.article_id
             WHERE NOT m.rowwise)
         ORDER BY in_id, k1, k2, k3, id;
         UPDATE merge_map SET rowwise = 1
             WHERE in_id IN (SELECT in_id FROM merge_claims WHERE odd);
         UPDATE merge_map SET corrected = 1
             WHERE in_id IN (SELECT in_id FROM merge_claims WHERE repl);
         DELETE FROM merge_claims WHERE NOT keep
             OR in_id IN (SELECT in_id FROM merge_map WHERE rowwise);
         DELETE FROM merge_claims WHERE nth > 1 AND EXISTS (SELECT 1 FROM merge_claims e
             JOIN {SRC}.claims d ON d.id = e.in_claim
             JOIN {SRC}.claims c ON c.id = merge_claims.in_claim
             WHERE e.seq BETWEEN merge_claims.seq - merge_claims.nth + 1 AND merge_claims.seq - 1
               AND d.annotator = c.annotator AND {same_d});",
    ))?;
    // The rows written are checked already (the output's constraints are what the test of
    // irregular claims asks of them, and the sources take their names and labels from
    // those claims): SQLite's own test of each constraint, slow for the lists of labels,
    // is left out for these two statements.
    tx.execute_batch(&format!(
        "PRAGMA ignore_check_constraints = ON;
         INSERT OR IGNORE INTO main.sources (article_id, name, identity, role)
         SELECT n.out_id, c.source, c.identity, c.role
         FROM merge_claims n JOIN {SRC}.claims c ON c.id = n.in_claim
         WHERE c.source <> ''
         ORDER BY n.seq;"
    ))?;
    summary.claims_added += tx.execute(
        &format!(
            "INSERT INTO main.claims (article_id, source_id, source, mention, mention_start,
                 mention_end, cue, cue_start, cue_end, content, content_start, content_end,
                 identity, role, form, hedged, via, rule, trigger, origin, annotator,
                 created_at, anonymity_reason, anonymity_reason_start, anonymity_reason_end,
                 replaces_start, replaces_end, stance)
             SELECT n.out_id,
                 (SELECT s.id FROM main.sources s WHERE s.article_id = n.out_id
                     AND s.name = c.source AND s.identity = c.identity AND s.role = c.role),
                 c.source, c.mention, c.mention_start, c.mention_end, c.cue, c.cue_start,
                 c.cue_end, c.content, c.content_start, c.content_end, c.identity, c.role,
                 c.form, c.hedged, c.via, c.rule, c.trigger, c.origin, c.annotator,
                 c.created_at, {anon_cols}, {replaces_cols}, whosaid_stance(c.cue)
             FROM merge_claims n JOIN {SRC}.claims c ON c.id = n.in_claim
             ORDER BY n.seq"
        ),
        [],
    )?;
    tx.execute_batch("PRAGMA ignore_check_constraints = OFF;")?;
    // The automatic claims now there are the input's: so is the engine that found them.
    if has_engine && known > 0 {
        tx.execute_batch(&format!(
            "UPDATE main.articles SET engine = (SELECT s.engine FROM merge_map m
                 JOIN {SRC}.articles s ON s.id = m.in_id
                 WHERE m.out_id = articles.id AND NOT m.rowwise)
             WHERE id IN (SELECT m.out_id FROM merge_map m
                 JOIN {SRC}.articles s ON s.id = m.in_id
                 WHERE NOT m.fresh AND NOT m.rowwise AND s.engine IS NOT NULL
                   AND m.in_id IN (SELECT n.in_id FROM merge_claims n WHERE n.origin = 'auto'));"
        ))?;
    }
    // A corrected claim stands in for the engine's claim of its span, whichever database
    // each came from: the articles with a corrected claim, from the input or already there.
    let corrected: Vec<i64> = {
        let mut stmt = tx.prepare(
            "SELECT m.in_id, m.out_id FROM merge_map m
             WHERE NOT m.rowwise AND (m.corrected OR NOT m.fresh AND EXISTS (SELECT 1
                 FROM main.claims c
                 WHERE c.article_id = m.out_id AND c.replaces_start IS NOT NULL))
             ORDER BY 1",
        )?;
        let rows = stmt.query_map([], |r| r.get(1))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for id in corrected {
        summary.auto_replaced += claims::delete_replaced_auto(tx, id)?;
    }

    // The articles taken one claim at a time, in the input's order.
    let rowwise: Vec<(i64, i64, bool)> = {
        let mut stmt =
            tx.prepare("SELECT in_id, out_id, fresh FROM merge_map WHERE rowwise ORDER BY in_id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (in_id, out_id, fresh) in rowwise {
        let at = Place {
            version,
            has_engine,
            in_id,
            out_id,
            fresh,
        };
        merge_claims_one_by_one(tx, input, at, &mut summary)?;
    }

    let total: i64 = tx.query_row(
        &format!(
            "SELECT count(*) FROM {SRC}.claims c WHERE c.article_id IN (SELECT in_id FROM merge_map)"
        ),
        [],
        |r| r.get(0),
    )?;
    summary.claims_skipped = total as usize - summary.claims_added;
    tx.execute_batch("DROP TABLE temp.merge_claims; DROP TABLE temp.merge_map;")?;
    Ok(summary)
}

/// Cache the sentences of the new articles that came without them (the input predates the
/// cache, or its record is damaged), splitting their texts a batch at a time.
fn split_missing(tx: &Transaction, split: Split) -> Result<()> {
    let mut after = 0i64;
    loop {
        let batch: Vec<(i64, String)> = {
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT m.out_id, s.text FROM merge_map m JOIN {SRC}.articles s ON s.id = m.in_id
                 WHERE m.fresh AND m.out_id > ?1 AND NOT EXISTS (SELECT 1
                     FROM main.article_sentences x WHERE x.article_id = m.out_id)
                 ORDER BY m.out_id LIMIT 500"
            ))?;
            let rows = stmt.query_map([after], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let Some(&(last, _)) = batch.last() else {
            return Ok(());
        };
        for (id, text) in &batch {
            sentences::store(tx, *id, &split(text))?;
        }
        after = last;
    }
}

/// Where one article taken one claim at a time comes from and goes.
#[derive(Debug, Clone, Copy)]
struct Place {
    /// The input's schema version, and whether it records the engine.
    version: i64,
    has_engine: bool,
    in_id: i64,
    out_id: i64,
    /// The output's article is new (stored by this merge for this input article).
    fresh: bool,
}

/// The claims of input article `in_id` added to output article `out_id` one at a time: the
/// rules of the set-based steps, for an article the output received from an earlier article
/// of the same input, or whose claims are not as whosaid writes them.
fn merge_claims_one_by_one(
    tx: &Transaction,
    input: &Connection,
    at: Place,
    summary: &mut Summary,
) -> Result<()> {
    let Place {
        version,
        has_engine,
        in_id,
        out_id,
        fresh,
    } = at;
    let keep_auto = fresh || {
        let has_auto: bool = tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM claims WHERE article_id = ?1 AND origin = 'auto')",
            )?
            .query_row(params![out_id], |r| r.get(0))?;
        !has_auto
    };
    let engine: Option<String> = if has_engine {
        input
            .prepare_cached("SELECT engine FROM articles WHERE id = ?1")?
            .query_row(params![in_id], |r| r.get(0))?
    } else {
        None
    };
    // An article new to the output has only the claims added here: a repeat is found
    // among them, without asking the output.
    let mut added: Vec<(Origin, String, crate::model::Attribution)> = Vec::new();
    let mut auto_added = false;
    for c in claims::list_in_version(input, in_id, None, version)? {
        let repeated = if fresh {
            added
                .iter()
                .any(|(o, who, a)| *o == c.origin && *who == c.annotator && *a == c.attribution)
        } else {
            has_claim(tx, out_id, &c)?
        };
        if (c.origin == Origin::Auto && !keep_auto) || repeated {
            continue;
        }
        auto_added |= c.origin == Origin::Auto;
        if fresh {
            added.push((c.origin, c.annotator.clone(), c.attribution.clone()));
        }
        let id = claims::insert(tx, out_id, &c.attribution, c.origin, &c.annotator)?;
        tx.prepare_cached("UPDATE claims SET created_at = ?2 WHERE id = ?1")?
            .execute(params![id, c.created_at])?;
        let replaces = claims::replaces(input, c.id, version)?;
        if replaces.is_some() {
            claims::set_replaces(tx, id, replaces)?;
        }
        summary.claims_added += 1;
    }
    if auto_added && engine.is_some() {
        writer::set_engine(tx, out_id, engine.as_deref())?;
    }
    summary.auto_replaced += claims::delete_replaced_auto(tx, out_id)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleMeta, Attribution, Span};
    use crate::store::Store;

    fn at(source: &str) -> Attribution {
        Attribution {
            cue: Some(Span {
                start: 10,
                end: 14,
                text: "said".into(),
            }),
            ..Attribution::of(source)
        }
    }

    fn shard(
        dir: &Path,
        file: &str,
        texts: &[&str],
        claims_of: &[(usize, &str, Origin, &str)],
    ) -> std::path::PathBuf {
        let path = dir.join(file);
        let mut s = Store::open(&path).unwrap();
        s.write(|tx| {
            let ids: Vec<i64> = texts
                .iter()
                .map(|t| articles::insert(tx, &ArticleMeta::default(), t, None))
                .collect::<Result<_>>()?;
            for &(i, source, origin, annotator) in claims_of {
                claims::insert(tx, ids[i], &at(source), origin, annotator)?;
            }
            Ok(())
        })
        .unwrap();
        path
    }

    fn merge(out: &mut Store, path: &Path, name: &str) -> Summary {
        let input = open_input(path).unwrap();
        merge_into(out, &input, path, name, "out", |_| Vec::new()).unwrap()
    }

    #[test]
    fn shards_merge_by_content_hash_without_duplicate_claims() {
        let dir = tempfile::tempdir().unwrap();
        let shared = "Police chief said the bridge is safe. Engineers disagree.";
        let a = shard(
            dir.path(),
            "a.db",
            &[shared, "Only in a. Said nobody."],
            &[
                (0, "Police chief", Origin::Auto, "auto"),
                (0, "Police chief", Origin::Manual, "ann"),
            ],
        );
        let b = shard(
            dir.path(),
            "b.db",
            &["Only in b. Nothing said.", shared],
            &[
                (1, "Engineers", Origin::Auto, "auto"),
                (1, "Police chief", Origin::Manual, "ann"),
                (1, "Engineers", Origin::Manual, "bob"),
            ],
        );
        let mut out = Store::open_in_memory().unwrap();
        let sa = merge(&mut out, &a, "a");
        let sb = merge(&mut out, &b, "b");
        assert_eq!((sa.articles_added, sa.claims_added), (2, 2));
        assert_eq!(sb.articles_added, 1);
        assert_eq!(sb.articles_known, 1);
        // b's automatic set and its copy of ann's claim are left out; bob's claim is added.
        assert_eq!((sb.claims_added, sb.claims_skipped), (1, 2));
        let id = articles::find_by_text(out.conn(), shared).unwrap().unwrap();
        let kept = claims::list(out.conn(), id, None).unwrap();
        let who: Vec<(&str, &str)> = kept
            .iter()
            .map(|c| (c.annotator.as_str(), c.attribution.source.as_str()))
            .collect();
        assert_eq!(
            who,
            [
                ("auto", "Police chief"),
                ("ann", "Police chief"),
                ("bob", "Engineers")
            ]
        );
        // Sources are the output's rows: one per name and labels.
        assert_eq!(claims::source_count(out.conn(), id).unwrap(), 2);
    }
}

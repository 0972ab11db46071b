//! HTML pages built to exhaust memory: a page whose every byte is a syntax error (a run of
//! `<`) is read in memory linear in its size with a small constant, and a page of more
//! nodes than any article has is refused naming the file, with nothing stored.

use crate::common::{limited, Env};

const PAGE_START: &str = "<html><body><p>The mayor said the bridge would reopen in May.</p><p>";
const PAGE_END: &str = "</p></body></html>";

/// How many articles the database holds (0 when it was never created).
fn articles(env: &Env) -> i64 {
    if !env.db().exists() {
        return 0;
    }
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_page_of_more_nodes_than_any_article_is_refused_naming_the_file() {
    let env = Env::new();
    // 310,000 processing instructions, each a comment node of its own, after a paragraph
    // an article could be read from
    env.write(
        "nodes.html",
        format!("{PAGE_START}{}{PAGE_END}", "<?>".repeat(310_000)),
    );
    let err = env.fails_with(
        &["add", "--no-extract", "nodes.html"],
        1,
        "nodes.html: HTML of more than 300000 nodes",
    );
    assert!(err.contains("expected a page of at most 300000"), "{err}");
    assert_eq!(articles(&env), 0);
    // one node fewer than the bound is read
    env.write(
        "fewer.html",
        format!("{PAGE_START}{}{PAGE_END}", "<?>".repeat(290_000)),
    );
    env.ok(&["add", "--no-extract", "fewer.html", "--id", "fewer"]);
    assert_eq!(articles(&env), 1);
}

/// A run of 3 MB of `<` made the parser keep one message per byte: over 500 MB. Run under a
/// data limit of 192 MB (`ulimit -d`), the page is read whole; before, the allocator failed
/// and the process aborted. The limit is more than twice what the page takes now and a third
/// of what it took, so the check does not depend on the machine. (`annotate --file` reads the
/// page as `add` does, without splitting its text into sentences.)
#[cfg(target_os = "linux")]
#[test]
fn a_page_of_syntax_errors_is_read_in_bounded_memory() {
    let env = Env::new();
    let run = "<".repeat(3_000_000);
    env.write("lt.html", format!("{PAGE_START}{run}{PAGE_END}"));
    limited(
        &env,
        196608,
        &["annotate", "--file", "lt.html", "-o", "page.html"],
    );
    let page = std::fs::read_to_string(env.path("page.html")).unwrap();
    assert!(page.contains("The mayor said the bridge would reopen in May."));
    assert!(page.len() > run.len(), "the run of < is not in the page");
}

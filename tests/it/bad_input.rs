//! Bad input for add, import, claim and report: each case runs the real binary on a database
//! that already holds an article and a claim, and checks the exit code (1 for bad input, 2 for
//! usage), a single `whosaid: ` line on stderr naming the place and what was expected, and a
//! database whose every row is unchanged. The cases that are accepted (a BOM, CRLF and lone CR
//! line endings, unknown columns, a 1 MB line) check what is stored instead.

use crate::common::{show, Env};

impl Env {
    /// A temp dir with the sample and a database holding it (`cartels`, id 1) and one claim.
    fn seeded() -> Env {
        let env = Env::new();
        env.ok(&["add", "--no-extract", "cartels.txt", "--id", "cartels"]);
        env.ok(&[
            "claim",
            "add",
            "cartels",
            "--content",
            "no decision had been finalized",
            "--source",
            "Officials",
            "--identity",
            "unspecified",
            "--role",
            "official",
            "--form",
            "paraphrase",
        ]);
        env
    }

    /// The stored text of the article with this external id.
    fn text_of(&self, external_id: &str) -> String {
        let conn = rusqlite::Connection::open(self.db()).unwrap();
        conn.query_row(
            "SELECT text FROM articles WHERE external_id = ?1",
            [external_id],
            |r| r.get(0),
        )
        .unwrap()
    }
}

/// `text` cut to the code points `start..end`.
fn slice(text: &str, start: i64, end: i64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

/// Record a hand claim on `article` with `content` and check that its stored offsets index
/// the stored text.
fn claim_offsets_index_the_text(env: &Env, article: &str, content: &str) {
    let (id, _) = env.ok_both(&[
        "claim",
        "add",
        article,
        "--content",
        content,
        "--source",
        "X",
        "--identity",
        "named",
        "--role",
        "official",
        "--form",
        "paraphrase",
    ]);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let (start, end, text): (i64, i64, String) = conn
        .query_row(
            "SELECT c.content_start, c.content_end, a.text FROM claims c
             JOIN articles a ON a.id = c.article_id WHERE c.id = ?1",
            [id.trim()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(slice(&text, start, end), content);
}

// ---------------------------------------------------------------------------------------
// add

#[test]
fn add_a_missing_file() {
    Env::seeded().refuses_with(&["add", "missing.txt"], 1, &["missing.txt: no such file"]);
}

#[test]
fn add_an_empty_file() {
    let env = Env::seeded();
    env.write("empty.txt", "");
    env.write("blank.txt", " \n\t\r\n");
    env.refuses_with(&["add", "empty.txt"], 1, &["empty.txt: empty article"]);
    env.refuses_with(&["add", "blank.txt"], 1, &["blank.txt: empty article"]);
}

#[test]
fn add_a_binary_file_names_the_nul_byte() {
    let env = Env::seeded();
    env.write("image.txt", b"GIF89a\x01\x00\x01\x00\x00\xff");
    env.write("nul.txt", b"Officials said\x00 so.");
    env.refuses_with(
        &["add", "nul.txt"],
        1,
        &["nul.txt: NUL byte at byte offset 14", "expected UTF-8 text"],
    );
    // The first bad byte wins: here the NUL at 7 comes before the invalid 0xff at 11, but
    // UTF-8 is checked first and 0x00 is valid UTF-8, so the message names offset 11.
    env.refuses_with(
        &["add", "image.txt"],
        1,
        &["image.txt: invalid UTF-8 at byte offset 11"],
    );
}

#[test]
fn add_a_non_utf8_file_names_the_byte_offset() {
    let env = Env::seeded();
    // "Caf\xe9" is Latin-1.
    env.write("latin1.txt", b"The Caf\xe9 owner said so.");
    env.refuses_with(
        &["add", "latin1.txt"],
        1,
        &["latin1.txt: invalid UTF-8 at byte offset 7 (expected UTF-8 text)"],
    );
}

#[test]
fn add_a_directory() {
    let env = Env::seeded();
    std::fs::create_dir(env.path("folder")).unwrap();
    env.refuses_with(
        &["add", "folder"],
        1,
        &["folder: is a directory (expected a file)"],
    );
}

#[test]
fn add_a_bom_is_accepted_and_stripped() {
    let env = Env::seeded();
    env.write("bom.txt", "\u{feff}Officials said the plan was ready.\n");
    env.ok_both(&["add", "bom.txt", "--id", "bom"]);
    assert_eq!(env.text_of("bom"), "Officials said the plan was ready.");
    claim_offsets_index_the_text(&env, "bom", "the plan was ready");
}

#[test]
fn add_crlf_and_lone_cr_are_kept_and_offsets_index_the_stored_text() {
    let env = Env::seeded();
    let crlf = "Officials said it.\r\nThe minister said “no troops will go”.\r\n";
    let cr = "Officials said it.\rThe minister said “no troops will go”.\r";
    env.write("crlf.txt", crlf);
    env.write("cr.txt", cr);
    env.ok_both(&["add", "crlf.txt", "--id", "crlf"]);
    env.ok_both(&["add", "cr.txt", "--id", "cr"]);
    // Line endings are stored as given; only trailing white space goes.
    assert_eq!(env.text_of("crlf"), crlf.trim_end());
    assert_eq!(env.text_of("cr"), cr.trim_end());
    claim_offsets_index_the_text(&env, "crlf", "no troops will go");
    claim_offsets_index_the_text(&env, "cr", "no troops will go");
}

#[test]
fn add_a_megabyte_line_without_punctuation_is_stored() {
    let env = Env::seeded();
    let words = ["officials", "said", "the", "plan", "was", "ready", "and"];
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 1 << 20 {
        text.push_str(words[i % words.len()]);
        text.push(' ');
        i += 1;
    }
    env.write("long.txt", &text);
    let (out, _) = env.ok_both(&["add", "long.txt", "--id", "long"]);
    assert_eq!(out, "2\n");
    assert_eq!(env.text_of("long"), text.trim_end());
    // The same line inside a JSONL file.
    env.write(
        "long.jsonl",
        format!(
            "{}\n",
            serde_json::json!({"id": "long2", "text": format!("{text}!")})
        ),
    );
    env.ok_both(&["import", "long.jsonl"]);
    assert_eq!(env.text_of("long2"), format!("{text}!"));
}

#[test]
fn add_absurd_dates_are_usage_errors_naming_the_flag() {
    let env = Env::seeded();
    for date in [
        "2024-13-45",
        "0000-00-00",
        "yesterday",
        "2023-02-29",
        "2024-1-5",
    ] {
        env.refuses_with(
            &["add", "cartels.txt", "--date", date],
            2,
            &["--date", date, "expected YYYY-MM-DD"],
        );
    }
}

#[test]
fn add_conflicting_flags_are_usage_errors() {
    let env = Env::seeded();
    env.write("b.txt", "B said so.");
    env.refuses_with(
        &["add", "cartels.txt", "b.txt", "--title", "One title"],
        2,
        &["--title describes one article, but 2 files were given"],
    );
    env.refuses_with(
        &["add", "-", "-"],
        2,
        &["`-` (standard input) can be read only once"],
    );
}

#[test]
fn add_an_id_taken_by_another_text() {
    let env = Env::seeded();
    env.write("b.txt", "B said so.");
    env.refuses_with(
        &["add", "b.txt", "--id", "cartels"],
        1,
        &[
            "b.txt: id \"cartels\" already names article 1",
            "expected a new id",
        ],
    );
}

// ---------------------------------------------------------------------------------------
// import

#[test]
fn import_an_empty_file() {
    let env = Env::seeded();
    env.write("empty.csv", "");
    env.write("header.csv", "id,text\n");
    env.write("empty.jsonl", "\n\n");
    env.refuses_with(&["import", "empty.csv"], 1, &["empty.csv: empty file"]);
    env.refuses_with(
        &["import", "header.csv"],
        1,
        &["header.csv: no rows after the header"],
    );
    env.refuses_with(
        &["import", "empty.jsonl"],
        1,
        &["empty.jsonl: no articles (expected one JSON object per line)"],
    );
}

#[test]
fn import_a_binary_file() {
    let env = Env::seeded();
    env.write("png.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    env.refuses_with(
        &["import", "png.csv"],
        1,
        &["png.csv: header, column 1: invalid UTF-8 at byte 0"],
    );
    env.write("nul.csv", b"id,text\na,Officials\x00 said so.\n");
    env.refuses_with(
        &["import", "nul.csv"],
        1,
        &["nul.csv: row 1 (line 2), column text: NUL byte at byte offset 9"],
    );
}

#[test]
fn import_non_utf8_names_the_place() {
    let env = Env::seeded();
    env.write(
        "latin1.csv",
        b"id,text\na,Fine.\nb,The Caf\xe9 owner said so.\n",
    );
    env.refuses_with(
        &["import", "latin1.csv"],
        1,
        &[
            "latin1.csv: row 2 (line 3), column text: invalid UTF-8 at byte 7 of field 2",
            "row starts at byte offset 16",
        ],
    );
    env.write(
        "latin1.jsonl",
        b"{\"text\": \"Fine.\"}\n{\"text\": \"Caf\xe9\"}\n",
    );
    env.refuses_with(
        &["import", "latin1.jsonl"],
        1,
        &["latin1.jsonl: line 2: invalid UTF-8 at byte offset 31"],
    );
}

#[test]
fn import_a_bom_is_stripped_from_the_header_and_the_text() {
    let env = Env::seeded();
    env.write(
        "bom.csv",
        "\u{feff}id,text\nb1,\u{feff}Officials said so.\n",
    );
    env.ok_both(&["import", "bom.csv"]);
    assert_eq!(env.text_of("b1"), "Officials said so.");
    env.write(
        "bom.jsonl",
        "\u{feff}{\"id\": \"b2\", \"text\": \"They said no.\"}\n",
    );
    env.ok_both(&["import", "bom.jsonl"]);
    assert_eq!(env.text_of("b2"), "They said no.");
}

#[test]
fn import_crlf_and_lone_cr_in_csv_and_jsonl() {
    let env = Env::seeded();
    // Row ends CRLF; a quoted cell keeps its own CRLF.
    env.write(
        "crlf.csv",
        "id,title,text\r\nc1,One,\"Officials said it.\r\nThe minister said “no troops will go”.\"\r\n",
    );
    // Rows end with a lone CR.
    env.write(
        "cr.csv",
        "id,text\rc2,They said “no troops will go”.\rc3,Nobody said anything.\r",
    );
    env.write(
        "crlf.jsonl",
        "{\"id\": \"j1\", \"text\": \"A said “no troops will go”.\"}\r\n{\"id\": \"j2\", \"text\": \"B agreed.\"}\r\n",
    );
    env.write(
        "cr.jsonl",
        "{\"id\": \"j3\", \"text\": \"C said “no troops will go”.\"}\r{\"id\": \"j4\", \"text\": \"D agreed.\"}\r",
    );
    for f in ["crlf.csv", "cr.csv", "crlf.jsonl", "cr.jsonl"] {
        env.ok_both(&["import", f]);
    }
    assert_eq!(
        env.text_of("c1"),
        "Officials said it.\r\nThe minister said “no troops will go”."
    );
    assert_eq!(env.text_of("c3"), "Nobody said anything.");
    assert_eq!(env.text_of("j2"), "B agreed.");
    assert_eq!(env.text_of("j4"), "D agreed.");
    for id in ["c1", "c2", "j1", "j3"] {
        claim_offsets_index_the_text(&env, id, "no troops will go");
    }
    // Line numbers count a lone CR as a line end.
    env.write(
        "bad_cr.jsonl",
        "{\"text\": \"A said so.\"}\r{\"text\": \"B said so.\"}\r{oops}\r",
    );
    env.refuses_with(
        &["import", "bad_cr.jsonl"],
        1,
        &["bad_cr.jsonl: line 3: invalid JSON"],
    );
}

#[test]
fn import_a_ragged_csv_names_the_row_and_line() {
    let env = Env::seeded();
    env.write(
        "ragged.csv",
        "id,title,text\na,A,A said so.\nb,B said so.\n",
    );
    env.refuses_with(
        &["import", "ragged.csv"],
        1,
        &["ragged.csv: row 2 (line 3): 2 fields, expected 3 like the header"],
    );
}

#[test]
fn import_line_numbers_count_crlf_and_lone_cr() {
    let env = Env::seeded();
    env.write("cr.csv", "id,text\ra,One said so.\rb,Two,x\r");
    env.refuses_with(
        &["import", "cr.csv"],
        1,
        &["cr.csv: row 2 (line 3): 3 fields, expected 2"],
    );
    env.write("crlf.csv", "id,text\r\na,\"One\r\nsaid so.\"\r\nb,\r\n");
    env.refuses_with(
        &["import", "crlf.csv"],
        1,
        &["crlf.csv: row 2 (line 4): empty article"],
    );
}

#[test]
fn import_a_csv_without_a_header_row() {
    let env = Env::seeded();
    env.write(
        "noheader.csv",
        "a1,Officials said so.\na2,They denied it.\n",
    );
    env.refuses_with(
        &["import", "noheader.csv"],
        1,
        &[
            "noheader.csv: line 1: the header row has no text or path column",
            "found \"a1\",\"Officials said so.\"",
        ],
    );
}

#[test]
fn import_a_csv_with_no_text_or_path_column() {
    let env = Env::seeded();
    env.write("notext.csv", "id,title,body\na,A,A said so.\n");
    env.refuses_with(
        &["import", "notext.csv"],
        1,
        &["notext.csv: line 1: the header row has no text or path column"],
    );
}

#[test]
fn import_unknown_columns_are_a_note_not_a_failure() {
    let env = Env::seeded();
    env.write(
        "extra.csv",
        "id,text,section,Words\nx1,Officials said so.,world,3\n",
    );
    let (out, err) = env.ok_both(&["import", "extra.csv"]);
    assert_eq!(out, "2\n");
    assert!(
        err.contains("extra.csv: ignored unknown columns \"section\", \"words\" (known: "),
        "{err}"
    );
    // In JSONL, unknown keys are ignored silently (records often carry more than we read).
    env.write(
        "extra.jsonl",
        "{\"id\": \"x2\", \"text\": \"They said no.\", \"lang\": \"en\"}\n",
    );
    env.ok_both(&["import", "extra.jsonl"]);
    assert_eq!(env.text_of("x2"), "They said no.");
}

#[test]
fn import_duplicate_ids_in_one_file_name_both_rows() {
    let env = Env::seeded();
    env.write(
        "dup.csv",
        "id,text\nd,One said so.\ne,Two said so.\nd,Three said so.\n",
    );
    env.refuses_with(
        &["import", "dup.csv"],
        1,
        &[
            "dup.csv: row 3 (line 4), column id: id \"d\"",
            "also used by dup.csv: row 1 (line 2)",
        ],
    );
    env.write(
        "dup.jsonl",
        "{\"id\": \"d\", \"text\": \"One.\"}\n{\"id\": \"d\", \"text\": \"Two.\"}\n",
    );
    env.refuses_with(
        &["import", "dup.jsonl"],
        1,
        &["dup.jsonl: line 2, column id: id \"d\" is also used by dup.jsonl: line 1"],
    );
}

#[test]
fn import_a_jsonl_line_that_is_not_json() {
    let env = Env::seeded();
    env.write(
        "bad.jsonl",
        "{\"text\": \"Fine.\"}\n\n{\"text\": \"unterminated}\n",
    );
    env.refuses_with(
        &["import", "bad.jsonl"],
        1,
        &["bad.jsonl: line 3: invalid JSON", "column"],
    );
    env.write("array.jsonl", "[\"Officials said so.\"]\n");
    env.refuses_with(
        &["import", "array.jsonl"],
        1,
        &["array.jsonl: line 1: expected a JSON object"],
    );
    env.write("number.jsonl", "{\"text\": 42}\n");
    env.refuses_with(
        &["import", "number.jsonl"],
        1,
        &["number.jsonl: line 1, key text: expected a string, found 42"],
    );
}

#[test]
fn import_absurd_dates_name_the_row_and_column() {
    let env = Env::seeded();
    for date in ["2024-13-45", "0000-00-00", "yesterday", "2023-02-29"] {
        env.write(
            "dates.csv",
            format!("id,date,text\nok,2024-02-29,Fine.\nbad,{date},They said so.\n"),
        );
        env.refuses_with(
            &["import", "dates.csv"],
            1,
            &[
                "dates.csv: row 2 (line 3), column date: bad date",
                date,
                "expected YYYY-MM-DD",
            ],
        );
    }
}

#[test]
fn import_a_path_to_a_missing_file_names_row_and_file() {
    let env = Env::seeded();
    env.write("paths.csv", "id,path\na,cartels.txt\nb,gone.txt\n");
    let err = env.refuses_with(
        &["import", "paths.csv"],
        1,
        &["paths.csv: row 2 (line 3), column path:", "no such file"],
    );
    assert!(err.contains("gone.txt"), "{err}");
}

#[test]
fn import_a_directory_or_a_missing_file() {
    let env = Env::seeded();
    // A folder is imported file by file (`import DIR`), whatever its name; one without
    // article files is refused.
    std::fs::create_dir(env.path("folder.csv")).unwrap();
    env.refuses_with(
        &["import", "folder.csv"],
        1,
        &["folder.csv: a folder without article files (expected .txt, .md or .html files under it)"],
    );
    env.refuses_with(
        &["import", "nowhere.jsonl"],
        1,
        &["nowhere.jsonl: no such file"],
    );
}

// ---------------------------------------------------------------------------------------
// claim

#[test]
fn claim_on_an_unknown_article() {
    let env = Env::seeded();
    env.refuses_with(
        &[
            "claim",
            "add",
            "nope",
            "--content",
            "x",
            "--source",
            "X",
            "--identity",
            "named",
            "--role",
            "official",
            "--form",
            "paraphrase",
        ],
        1,
        &[
            "no article with id \"nope\"",
            "expected a numeric id or an external id",
        ],
    );
}

fn claim_add<'a>(rest: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec![
        "claim",
        "add",
        "cartels",
        "--source",
        "Officials",
        "--identity",
        "unspecified",
        "--role",
        "official",
        "--form",
        "paraphrase",
    ];
    v.extend_from_slice(rest);
    v
}

#[test]
fn claim_content_not_in_the_article() {
    let env = Env::seeded();
    env.refuses_with(
        &claim_add(&["--content", "troops landed in Texas"]),
        1,
        &[
            "content \"troops landed in Texas\" does not occur in article 1",
            "expected words copied exactly",
        ],
    );
    env.refuses_with(
        &claim_add(&[
            "--content",
            "deployment was not imminent",
            "--cue",
            "declared",
        ]),
        1,
        &["cue \"declared\" does not occur in article 1"],
    );
}

#[test]
fn claim_ambiguous_content() {
    let env = Env::seeded();
    env.refuses_with(
        &claim_add(&["--content", "cartel"]),
        1,
        &["content \"cartel\" is ambiguous: it occurs", "--occurrence"],
    );
    env.refuses_with(
        &claim_add(&[
            "--content",
            "deployment was not imminent",
            "--occurrence",
            "2",
        ]),
        1,
        &["--occurrence 2: content \"deployment was not imminent\" occurs only 1 time"],
    );
}

#[test]
fn claim_unknown_label_values_name_the_flag() {
    let env = Env::seeded();
    let mut args = claim_add(&["--content", "deployment was not imminent"]);
    let i = args.iter().position(|a| *a == "official").unwrap();
    args[i] = "politician";
    env.refuses_with(
        &args,
        2,
        &[
            "invalid value 'politician' for '--role <ROLE>'",
            "possible values: official",
        ],
    );
    env.refuses_with(
        &["claim", "edit", "1", "--form", "quote"],
        2,
        &["invalid value 'quote' for '--form <FORM>'", "direct_quote"],
    );
    env.refuses_with(
        &["claim", "edit", "1", "--identity", "NAMED!"],
        2,
        &[
            "'--identity <IDENTITY>'",
            "possible values: named, anonymous, unspecified",
        ],
    );
}

#[test]
fn claim_missing_and_conflicting_flags_are_usage_errors() {
    let env = Env::seeded();
    env.refuses_with(
        &["claim", "add", "cartels", "--content", "cartel"],
        2,
        &[
            "required arguments were not provided",
            "--source",
            "whosaid claim add --help",
        ],
    );
    env.refuses_with(
        &["claim", "edit", "1", "--cue", "said", "--no-cue"],
        2,
        &["'--cue <WORDS>' cannot be used with '--no-cue'"],
    );
    env.refuses_with(
        &claim_add(&["--content", "   "]),
        2,
        &["--content is empty (expected words from the article)"],
    );
}

// ---------------------------------------------------------------------------------------
// report

#[test]
fn report_an_unknown_article() {
    let env = Env::seeded();
    env.refuses_with(&["report", "1", "99"], 1, &["no article with id \"99\""]);
}

#[test]
fn report_into_a_missing_folder() {
    let env = Env::seeded();
    env.refuses_with(
        &["report", "1", "-f", "csv", "-o", "nowhere/out.csv"],
        1,
        &["-o nowhere/out.csv: folder nowhere does not exist"],
    );
    assert!(!env.path("nowhere").exists());
    std::fs::create_dir(env.path("out")).unwrap();
    env.refuses_with(
        &["report", "1", "-o", "out"],
        1,
        &["-o out: is a directory (expected a file name)"],
    );
    // The streamed paths (`report --all`, `export`) say the same.
    for args in [
        &["report", "--all", "-f", "csv", "-o", "nowhere/out.csv"][..],
        &["export", "-o", "nowhere/out.csv"][..],
    ] {
        env.refuses_with(
            args,
            1,
            &["-o nowhere/out.csv: folder nowhere does not exist"],
        );
    }
    env.refuses_with(
        &["report", "--all", "-o", "out"],
        1,
        &["-o out: is a directory (expected a file name)"],
    );
}

#[test]
fn report_bad_flags_are_usage_errors() {
    let env = Env::seeded();
    env.refuses_with(
        &["report", "1", "--all"],
        2,
        &["cannot be used with '--all'", "whosaid report --help"],
    );
    env.refuses_with(
        &["report", "--since", "2024-13-45"],
        2,
        &[
            "invalid value '2024-13-45' for '--since <SINCE>'",
            "expected YYYY-MM-DD",
        ],
    );
    // The same check on every command that takes the filters.
    for cmd in ["report", "articles", "export"] {
        env.refuses_with(
            &[cmd, "--since", "2025-03-02", "--until", "2025-03-01"],
            2,
            &["--since 2025-03-02 is after --until 2025-03-01"],
        );
    }
    env.refuses_with(
        &["report", "1", "--format", "xml"],
        2,
        &[
            "invalid value 'xml' for '--format <FORMAT>'",
            "table, csv, json",
        ],
    );
    env.refuses_with(&["report"], 2, &["which articles?", "--all"]);
}

#[test]
fn a_database_that_is_not_one() {
    let env = Env::seeded();
    let before = std::fs::read(env.path("cartels.txt")).unwrap();
    let out = env.run(&["--db", "cartels.txt", "report", "--all"]);
    assert_eq!(out.status.code(), Some(1), "{}", show(&[], &out));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("whosaid: cartels.txt: ")
            && err.contains("expected a whosaid database")
            && err.lines().count() == 1,
        "{err}"
    );
    assert_eq!(before, std::fs::read(env.path("cartels.txt")).unwrap());
}

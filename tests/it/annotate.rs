//! `whosaid annotate`: the page a student marks claims on in the browser, and `claim import`
//! of the file it downloads. The browser test drives headless Chromium over WebDriver: it
//! selects words, picks labels, edits and deletes a claim, downloads, imports and compares
//! with a key, on a text with emoji and combining accents.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

use crate::common::{json as parse, needs, Env, Tool};

/// An article with astral characters (emoji, one a joined family), accents written as
/// combining marks, curly quotes, and markup that must stay text.
const TEXT: &str = "Ms. Zoe\u{301} \u{c5}ngstro\u{308}m \u{1f389} said the cafe\u{301} \u{1f950} \
would close in May.\n\n\u{201c}We are \u{1f600} done with the \u{1f469}\u{200d}\u{1f469}\u{200d}\
\u{1f467} menu,\u{201d} she said. <script>alert(1)</script>\n\nReportedly, the mayor wants a new \
cafe\u{301} by June.\n";

const TITLE: &str = "</title><script>alert(2)</script> Zoe\u{301}'s caf\u{e9}";

const MENTION: &str = "Ms. Zoe\u{301} \u{c5}ngstro\u{308}m";
const FIRST: &str = "the cafe\u{301} \u{1f950} would close in May";
const QUOTE: &str = "\u{201c}We are \u{1f600} done with the \u{1f469}\u{200d}\u{1f469}\u{200d}\u{1f467} menu,\u{201d}";
const HEDGED: &str = "the mayor wants a new cafe\u{301} by June";
const SOURCE: &str = "Zo\u{e9} \u{c5}ngstr\u{f6}m";

fn stored() -> Env {
    let env = Env::empty();
    env.write("zoe.txt", TEXT);
    env.ok(&[
        "add",
        "--no-extract",
        "zoe.txt",
        "--id",
        "zoe",
        "--title",
        TITLE,
    ]);
    env
}

/// The key: the teacher's claims, recorded with `claim add`.
fn key(env: &Env) {
    let common = ["claim", "add", "zoe", "--annotator", "teacher"];
    let claims: [&[&str]; 3] = [
        &[
            "--content",
            FIRST,
            "--mention",
            MENTION,
            "--cue",
            "said",
            "--source",
            SOURCE,
            "--identity",
            "named",
            "--role",
            "public",
            "--form",
            "paraphrase",
        ],
        &[
            "--content",
            QUOTE,
            "--mention",
            "she",
            "--cue",
            "said",
            "--source",
            SOURCE,
            "--identity",
            "named",
            "--role",
            "public",
            "--form",
            "direct_quote",
        ],
        &[
            "--content",
            HEDGED,
            "--cue",
            "Reportedly",
            "--source",
            "reports",
            "--identity",
            "unspecified",
            "--role",
            "media",
            "--form",
            "paraphrase",
            "--hedged",
        ],
    ];
    for c in claims {
        let mut args = common.to_vec();
        args.extend_from_slice(c);
        env.ok(&args);
    }
}

/// The spans and labels of an annotator's claims, in text order, as `claims --format json`
/// gives them.
fn claims_of(env: &Env, annotator: &str) -> Vec<Value> {
    let out = parse(&env.ok(&[
        "claims",
        "zoe",
        "--annotator",
        annotator,
        "--format",
        "json",
    ]));
    let list = out
        .as_array()
        .or_else(|| out["claims"].as_array())
        .unwrap_or_else(|| panic!("no claims list in {out}"));
    list.iter()
        .map(|c| {
            let c = c.get("attribution").unwrap_or(c);
            json!([
                c["content_start"],
                c["content_end"],
                c["content"],
                c["mention_start"],
                c["mention_end"],
                c["cue_start"],
                c["cue_end"],
                c["source"],
                c["identity"],
                c["role"],
                c["form"],
                c["hedged"],
                c["via"]
            ])
        })
        .collect()
}

/// The code-point offset of `needle` in the text.
fn cp(needle: &str) -> usize {
    TEXT[..TEXT.find(needle).unwrap()].chars().count()
}

/// An annotation file with one claim whose content is `content` at code point `start`.
fn file_with(sha256: &str, start: usize, content: &str) -> String {
    json!({
        "format": "whosaid-annotation", "version": 1, "article": "zoe", "title": "t",
        "sha256": sha256,
        "claims": [{
            "source": "reports", "identity": "unspecified", "role": "media",
            "form": "paraphrase", "hedged": true, "via": null,
            "content": {"start": start, "end": start + content.chars().count(), "text": content},
            "mention": null,
            "cue": {"start": cp("Reportedly"), "end": cp("Reportedly") + 10, "text": "Reportedly"}
        }]
    })
    .to_string()
}

fn sha256_of_text(env: &Env) -> String {
    let html = std::fs::read_to_string(env.path("page.html")).unwrap();
    let at = html.find("\"sha256\":\"").unwrap() + 10;
    html[at..at + 64].to_string()
}

#[test]
fn the_page_is_self_contained_and_escapes_the_article() {
    let env = stored();
    env.ok(&["annotate", "zoe", "-o", "page.html"]);
    let html = std::fs::read_to_string(env.path("page.html")).unwrap();
    assert!(html.contains("<title>&lt;/title&gt;&lt;script&gt;alert(2)"));
    assert_eq!(
        html.matches("<script").count(),
        2,
        "one data element, one script"
    );
    assert!(html.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"));
    assert!(html.contains("default-src 'none'"));
    assert!(!html.contains("http://") && !html.contains("https://"));
    // the text as the page carries it is the stored text, and the hash is its SHA-256
    let hash = sha256_of_text(&env);
    assert!(hash.bytes().all(|b| b.is_ascii_hexdigit()));
    // the same page from the file itself, before it is stored: same text, same hash
    env.ok(&["annotate", "--file", "zoe.txt", "-o", "file.html"]);
    let from_file = std::fs::read_to_string(env.path("file.html")).unwrap();
    assert!(from_file.contains(&format!("\"sha256\":\"{hash}\"")));
    assert!(from_file.contains("\"article\":null"));
    // ARTICLE and --file exclude each other; one is needed
    env.fails(&["annotate", "zoe", "--file", "zoe.txt"], 2);
    env.fails(&["annotate"], 2);
    env.fails_with(&["annotate", "nope"], 1, "no article with id \"nope\"");
}

#[test]
fn import_checks_the_hash_and_every_offset() {
    let env = stored();
    env.ok(&["annotate", "zoe", "-o", "page.html"]);
    let hash = sha256_of_text(&env);
    // a good file, named .csv: recognised by its content
    env.write("ana.csv", file_with(&hash, cp(HEDGED), HEDGED));
    let (ids, said) = env.ok_both(&["claim", "import", "ana.csv", "--annotator", "ana"]);
    assert_eq!(ids.lines().count(), 1);
    assert!(
        said.contains("ana.csv: 1 claim by ana imported on article 1"),
        "{said}"
    );
    let got = claims_of(&env, "ana");
    let start = cp(HEDGED);
    assert_eq!(got[0][0], json!(start));
    assert_eq!(got[0][1], json!(start + HEDGED.chars().count()));
    assert_eq!(got[0][2], json!(HEDGED));
    // again: refused without --replace, replaced with it
    env.refuses(
        &["claim", "import", "ana.csv", "--annotator", "ana"],
        "ana already has 1 claim on article 1 (use --replace",
    );
    env.ok(&[
        "claim",
        "import",
        "ana.csv",
        "--annotator",
        "ana",
        "--replace",
    ]);
    assert_eq!(claims_of(&env, "ana").len(), 1);

    // offsets counted in UTF-16 units (as JavaScript counts) instead of code points: the
    // six emoji code points before the content (the family is three joined) shift it by six
    let utf16 = TEXT[..TEXT.find(HEDGED).unwrap()].encode_utf16().count();
    assert_eq!(utf16, start + 6);
    env.write("utf16.json", file_with(&hash, utf16, HEDGED));
    env.refuses(
        &["claim", "import", "utf16.json", "--annotator", "bo"],
        "utf16.json: claim 1, content: code points",
    );

    // a file made for another text of the article
    let other = Env::empty();
    other.write("zoe.txt", TEXT.replace("May", "April"));
    other.ok(&["add", "--no-extract", "zoe.txt", "--id", "zoe"]);
    other.write("ana.json", file_with(&hash, cp(HEDGED), HEDGED));
    other.refuses(
        &["claim", "import", "ana.json", "--annotator", "ana"],
        "ana.json: the file was made for another text of article zoe",
    );
    // and for a text that is not stored at all
    let empty = Env::empty();
    empty.write("x.txt", "Nothing here.\n");
    empty.ok(&["add", "--no-extract", "x.txt"]);
    empty.write("ana.json", file_with(&hash, cp(HEDGED), HEDGED));
    empty.refuses(
        &["claim", "import", "ana.json", "--annotator", "ana"],
        "ana.json: no stored article has the file's text",
    );

    // not an annotation file: JSON of another kind, broken JSON, a bad hash, bad labels
    env.write("other.json", "{\"claims\": []}");
    env.refuses(
        &["claim", "import", "other.json", "--annotator", "bo"],
        "other.json: format is missing (expected \"whosaid-annotation\"",
    );
    env.write(
        "broken.json",
        "{\"format\": \"whosaid-annotation\",\n \"claims\": [",
    );
    env.refuses(
        &["claim", "import", "broken.json", "--annotator", "bo"],
        "broken.json: line 2, column",
    );
    let bad_hash = file_with("abc", cp(HEDGED), HEDGED);
    env.write("hash.json", bad_hash);
    env.refuses(
        &["claim", "import", "hash.json", "--annotator", "bo"],
        "hash.json: sha256 is missing or not 64 hex digits",
    );
    let labels = file_with(&hash, cp(HEDGED), HEDGED)
        .replace("\"unspecified\"", "\"Unspecified\"")
        .replace("\"reports\"", "\"\"");
    env.write("labels.json", labels);
    let err = env.refuses(
        &["claim", "import", "labels.json", "--annotator", "bo"],
        "labels.json: 2 problems, nothing imported: claim 1, source: empty",
    );
    assert!(
        err.contains("claim 1, identity: unknown identity \"Unspecified\""),
        "{err}"
    );
}

/// ChromeDriver on a free local port, ended when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_driver(path: &Path) -> Driver {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(path)
        .arg(format!("--port={port}"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let driver = Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    let until = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < until,
            "chromedriver did not listen on {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    driver
}

/// Select the `nth` occurrence of `needle` in the article on the page, less `short` UTF-16
/// units at its end, with the DOM's Range and Selection; return what the page shows as
/// selected.
const SELECT: &str = r#"
const [needle, nth, short] = arguments;
const root = document.getElementById("article");
let at = -1;
for (let i = 0; i <= nth; i++) at = root.textContent.indexOf(needle, at + 1);
if (at < 0) throw new Error("not on the page: " + needle);
function point(offset) {
  const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (offset <= n.length) return [n, offset];
    offset -= n.length;
  }
}
const r = document.createRange();
r.setStart(...point(at));
r.setEnd(...point(at + needle.length - short));
const sel = window.getSelection();
sel.removeAllRanges();
sel.addRange(r);
"#;

struct Page<'a> {
    c: &'a Client,
}

impl Page<'_> {
    async fn select(&self, needle: &str, nth: u32, short: u32) -> String {
        self.c
            .execute(SELECT, vec![json!(needle), json!(nth), json!(short)])
            .await
            .unwrap();
        self.settle().await;
        self.text("#selection").await
    }

    async fn click(&self, css: &str) {
        self.c
            .find(Locator::Css(css))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }

    async fn text(&self, css: &str) -> String {
        let script = "return document.querySelector(arguments[0]).textContent;";
        let v = self.c.execute(script, vec![json!(css)]).await.unwrap();
        v.as_str().unwrap_or_default().to_string()
    }

    async fn type_in(&self, css: &str, words: &str) {
        let e = self.c.find(Locator::Css(css)).await.unwrap();
        e.clear().await.unwrap();
        e.send_keys(words).await.unwrap();
    }

    /// Select `needle` and press the button of `part`.
    async fn mark(&self, part: &str, needle: &str, nth: u32) {
        let shown = self.select(needle, nth, 0).await;
        assert_eq!(shown, needle, "the page shows what was selected");
        self.click(&format!("#set-{part}")).await;
        assert_eq!(self.text(&format!("#draft-{part}")).await, needle);
    }

    /// Drag the mouse over `needle` (its first occurrence) as a student does; return what the
    /// page shows as selected.
    async fn drag(&self, needle: &str) -> String {
        let script = "const root = document.getElementById('article');\n\
            const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);\n\
            for (let n = walk.nextNode(); n; n = walk.nextNode()) {\n\
              const at = n.data.indexOf(arguments[0]);\n\
              if (at < 0) continue;\n\
              const r = document.createRange();\n\
              r.setStart(n, at); r.setEnd(n, at + arguments[0].length);\n\
              window.scrollBy(0, r.getBoundingClientRect().top - innerHeight / 2);\n\
              const b = r.getBoundingClientRect();\n\
              return [b.left, b.right, (b.top + b.bottom) / 2];\n\
            }";
        let rect = self.c.execute(script, vec![json!(needle)]).await.unwrap();
        let [left, right, y] = [0, 1, 2].map(|i| rect[i].as_f64().unwrap());
        let to = |x: f64| PointerAction::MoveTo {
            duration: None,
            x: x.round(),
            y: y.round(),
        };
        let mouse = MouseActions::new("mouse".into())
            .then(to(left + 1.0))
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            })
            .then(to((left + right) / 2.0))
            .then(to(right - 1.0))
            .then(PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            });
        self.c.perform_actions(mouse).await.unwrap();
        self.settle().await;
        self.text("#selection").await
    }

    /// Let the page handle the events already queued (selectionchange is delivered as a
    /// task, after the action that caused it).
    async fn settle(&self) {
        let wait = "const done = arguments[arguments.length - 1]; setTimeout(done, 50);";
        self.c.execute_async(wait, vec![]).await.unwrap();
    }

    async fn labels(&self, identity: &str, role: &str, form: &str) {
        for (name, value) in [("identity", identity), ("role", role), ("form", form)] {
            self.click(&format!("#{name}-{value}")).await;
        }
    }

    async fn message(&self) -> String {
        self.text("#msg").await
    }
}

fn wait_for_file(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let until = Instant::now() + Duration::from_secs(20);
    loop {
        let partial = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().ends_with(".crdownload"));
        if path.is_file() && !partial {
            return path;
        }
        assert!(
            Instant::now() < until,
            "no {name} downloaded in {}",
            dir.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_student_annotates_in_chromium_and_the_teacher_imports_and_compares() {
    let Some(chromium) = needs(Tool::Chromium) else {
        return;
    };
    let Some(chromedriver) = needs(Tool::ChromeDriver) else {
        return;
    };
    let env = stored();
    key(&env);
    env.ok(&["annotate", "zoe", "-o", "page.html"]);
    let downloads = env.path("downloads");
    std::fs::create_dir_all(&downloads).unwrap();
    let driver = start_driver(&chromedriver);
    let profile = env.path("profile");
    let caps = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless=new", "--window-size=1280,900", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                format!("--user-data-dir={}", profile.display()),
            ],
            "prefs": {
                "download.default_directory": downloads,
                "download.prompt_for_download": false,
            },
        },
    });
    let caps = caps.as_object().unwrap().clone();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let file = rt.block_on(async {
        let c = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&driver.url)
            .await
            .expect("a WebDriver session on Chromium");
        let page = Page { c: &c };
        let url = format!("file://{}", env.path("page.html").display());
        c.goto(&url).await.unwrap();

        // the article is text: its markup did not become elements, the title is shown as is
        let scripts = c.find_all(Locator::Css("#article script")).await.unwrap();
        assert!(scripts.is_empty());
        assert_eq!(page.text("#title").await, TITLE);
        assert_eq!(
            page.text("#article").await,
            TEXT.trim_end(),
            "the stored text"
        );
        // the guideline's values with their meanings
        let named = page.text("label:has(#identity-named)").await;
        assert!(
            named.contains("a named person or a named organization"),
            "{named}"
        );

        // a selection never splits a character: half an emoji, a letter without its accent
        assert_eq!(page.select("\u{1f950}", 0, 1).await, "\u{1f950}");
        assert_eq!(page.select("Ms. Zoe", 0, 0).await, "Ms. Zoe\u{301}");
        // nor keeps blanks at its ends
        assert_eq!(page.select(" said ", 0, 0).await, "said");

        // a claim with nothing chosen is refused, with what is missing
        page.click("#save").await;
        let msg = page.message().await;
        assert!(msg.starts_with("Still needed: the content"), "{msg}");

        // claim 1: the paraphrase, first with a wrong role, corrected below
        page.mark("content", FIRST, 0).await;
        page.mark("mention", MENTION, 0).await;
        page.mark("cue", "said", 0).await;
        assert_eq!(
            c.find(Locator::Id("source"))
                .await
                .unwrap()
                .prop("value")
                .await
                .unwrap(),
            Some(MENTION.to_string()),
            "the mention fills an empty source"
        );
        page.type_in("#source", SOURCE).await;
        page.labels("named", "unknown", "paraphrase").await;
        page.click("#save").await;
        assert_eq!(page.message().await, "Added claim 1.");

        // a stray claim, deleted below
        page.mark("content", "new cafe\u{301}", 0).await;
        page.type_in("#source", "someone").await;
        page.labels("anonymous", "public", "paraphrase").await;
        page.click("#save").await;

        // claim 2 (in text order): the quote, with the pronoun as mention
        page.mark("content", QUOTE, 0).await;
        page.mark("mention", "she", 0).await;
        page.mark("cue", "said", 1).await;
        page.type_in("#source", SOURCE).await;
        page.labels("named", "public", "direct_quote").await;
        page.click("#save").await;
        assert_eq!(page.message().await, "Added claim 2.");

        // claim 3: the hedge, with no mention
        page.mark("content", HEDGED, 0).await;
        // the cue with a real drag of the mouse
        assert_eq!(page.drag("Reportedly").await, "Reportedly");
        page.click("#set-cue").await;
        assert_eq!(page.text("#draft-cue").await, "Reportedly");
        page.type_in("#source", "reports").await;
        page.labels("unspecified", "media", "paraphrase").await;
        page.click("#hedged").await;
        page.click("#save").await;
        assert_eq!(page.text("#count").await, "4");

        // delete the stray claim (the fourth in text order), correct the first one's role
        let items = c.find_all(Locator::Css("#claims li")).await.unwrap();
        assert_eq!(items.len(), 4);
        let last = items[3].text().await.unwrap();
        assert!(last.contains("someone"), "{last}");
        items[3]
            .find(Locator::Css(".delete"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        assert_eq!(page.text("#count").await, "3");
        let first = c
            .find(Locator::Css("#claims li:first-child .edit"))
            .await
            .unwrap();
        first.click().await.unwrap();
        assert_eq!(page.text("#draft-content").await, FIRST);
        page.click("#role-public").await;
        page.click("#save").await;
        assert_eq!(page.message().await, "Saved claim 1.");
        let listed = page.text("#claims").await;
        assert!(
            listed.contains("named \u{b7} public \u{b7} paraphrase"),
            "{listed}"
        );
        assert!(!listed.contains("unknown"), "{listed}");

        page.click("#download").await;
        let msg = page.message().await;
        assert_eq!(msg, "Downloaded 3 claims as zoe-claims.json.");
        let file = wait_for_file(&downloads, "zoe-claims.json");

        // the browser keeps the claims for the page: a reload brings them back
        c.refresh().await.unwrap();
        assert_eq!(
            page.message().await,
            "Restored your 3 claims from this browser."
        );
        assert_eq!(page.text("#count").await, "3");
        // without them, the downloaded file opens on the page
        c.execute("localStorage.clear();", vec![]).await.unwrap();
        c.refresh().await.unwrap();
        assert_eq!(page.text("#count").await, "0");
        let open = c.find(Locator::Id("open")).await.unwrap();
        open.send_keys(file.to_str().unwrap()).await.unwrap();
        let until = Instant::now() + Duration::from_secs(5);
        while page.text("#count").await != "3" {
            assert!(Instant::now() < until, "{}", page.message().await);
            tokio::task::yield_now().await;
        }
        assert_eq!(page.message().await, "Opened zoe-claims.json: 3 claims.");
        let listed = page.text("#claims").await;
        assert!(
            listed.contains(
                "reports \u{b7} unspecified \u{b7} media \u{b7} paraphrase \u{b7} hedged"
            ),
            "{listed}"
        );
        c.close().await.unwrap();
        file
    });
    drop(driver);

    let saved = parse(&std::fs::read_to_string(&file).unwrap());
    assert_eq!(saved["format"], "whosaid-annotation");
    assert_eq!(saved["claims"].as_array().unwrap().len(), 3);
    // the emoji and the accent before the quote count one code point each
    assert_eq!(saved["claims"][1]["content"]["start"], json!(cp(QUOTE)));
    assert_eq!(
        saved["claims"][1]["content"]["end"],
        json!(cp(QUOTE) + QUOTE.chars().count())
    );

    let file = file.to_str().unwrap();
    env.ok(&["claim", "import", file, "--annotator", "ana"]);
    // the student's claims are the key's, offset for offset and label for label
    assert_eq!(claims_of(&env, "ana"), claims_of(&env, "teacher"));
    let cmp = parse(&env.ok(&[
        "compare",
        "zoe",
        "--annotator",
        "ana",
        "--key",
        "teacher",
        "--format",
        "json",
    ]));
    assert_eq!(cmp["matched"].as_array().map(Vec::len), Some(3), "{cmp}");
    assert_eq!(cmp["missed"], json!([]), "{cmp}");
    assert_eq!(cmp["extra"], json!([]), "{cmp}");
    assert_eq!(cmp["f1"], json!(1.0));
    for label in ["identity", "role", "form", "hedged", "source"] {
        assert_eq!(
            cmp["agreement"][label]["percent"],
            json!(100.0),
            "{label}: {cmp}"
        );
    }
}

//! Scaffolding shared by the integration tests: a temp dir running the real `whosaid` binary
//! on its own database, the failure report of a run, a dump of every row of a database,
//! comparison with `tests/expected/`, a small deterministic generator, the test data of
//! `tests/data/` and the gate of the tests that need more than Rust.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use serde_json::Value;

pub const BIN: &str = env!("CARGO_BIN_EXE_whosaid");

pub fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file of `tests/data/` (the gold files and the scorer, copied into the repository from
/// the project's shared folder; see `tests/data/README.md`).
pub fn data(name: &str) -> PathBuf {
    let path = manifest().join("tests/data").join(name);
    assert!(
        path.is_file(),
        "{} is missing: it is part of the repository (see tests/data/README.md)",
        path.display()
    );
    path
}

/// A program that some tests need besides Rust.
#[derive(Clone, Copy, Debug)]
pub enum Tool {
    /// `python3`, to run `tests/data/score.py`.
    Python3,
    /// Chromium (or Chrome), to render the HTML report headless.
    Chromium,
    /// ChromeDriver (Debian's `chromium-driver`), to drive Chromium over WebDriver.
    ChromeDriver,
    /// A python with pyspark, and Java: `$WHOSAID_SPARK_PYTHON`, else the virtual
    /// environment `.ci/run` makes, `target/spark-venv/bin/python`.
    Spark,
}

impl Tool {
    fn what(self) -> &'static str {
        match self {
            Tool::Python3 => "python3",
            Tool::Chromium => "Chromium",
            Tool::ChromeDriver => "ChromeDriver",
            Tool::Spark => "pyspark and Java",
        }
    }

    /// The program names looked up on PATH, in order.
    fn names(self) -> &'static [&'static str] {
        match self {
            Tool::Python3 => &["python3"],
            Tool::Chromium => &["chromium", "chromium-browser", "google-chrome"],
            Tool::ChromeDriver => &["chromedriver", "chromium-driver"],
            Tool::Spark => &["java"],
        }
    }
}

/// Whether the full tests are on: `WHOSAID_FULL_TESTS=1` (unset, empty or `0`: off).
fn full_tests() -> bool {
    match std::env::var("WHOSAID_FULL_TESTS") {
        Err(_) => false,
        Ok(v) => match v.as_str() {
            "" | "0" => false,
            "1" => true,
            _ => panic!("WHOSAID_FULL_TESTS={v:?}: expected 1 (run every test) or 0"),
        },
    }
}

/// The gate of a test that needs `tool`. Without `WHOSAID_FULL_TESTS=1` it writes one
/// `skipped` line to stderr and returns `None`, and the test returns. With it, it returns the
/// tool's path on PATH, and a missing tool fails the test.
///
/// The line goes to the process's stderr directly, not through `eprintln!`, which the test
/// harness captures: `cargo test` shows which tests did not run.
#[track_caller]
pub fn needs(tool: Tool) -> Option<PathBuf> {
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("a test");
    if !full_tests() {
        let line = format!(
            "skipped: {test} needs {} (set WHOSAID_FULL_TESTS=1 to run it)\n",
            tool.what()
        );
        let _ = std::io::stderr().lock().write_all(line.as_bytes());
        return None;
    }
    let Some(path) = tool.names().iter().find_map(|name| on_path(name)) else {
        panic!(
            "{test} needs {}, but {} is not on PATH and WHOSAID_FULL_TESTS=1 runs every test \
             (.ci/run installs it with apt-get)",
            tool.what(),
            tool.names().join(" / ")
        );
    };
    if let Tool::Spark = tool {
        let python = std::env::var_os("WHOSAID_SPARK_PYTHON")
            .map(PathBuf::from)
            .unwrap_or_else(|| manifest().join("target/spark-venv/bin/python"));
        assert!(
            python.is_file(),
            "{test} needs pyspark: {} is missing (.ci/run makes it: python3 -m venv \
             target/spark-venv && target/spark-venv/bin/pip install pyspark)",
            python.display()
        );
        return Some(python);
    }
    Some(path)
}

/// The first file called `name` in a folder of PATH.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Two claims on the sample, as `claim add` flags: the reports of the first sentence
/// (hedged) and the anonymous officials.
pub const REPORTS: &[&str] = &[
    "--content",
    "is planning a major expansion of his war on drug cartels",
    "--source",
    "reports",
    "--identity",
    "unspecified",
    "--role",
    "media",
    "--form",
    "paraphrase",
    "--cue",
    "according to reports",
    "--hedged",
];

pub const OFFICIALS: &[&str] = &[
    "--content",
    "while training and preparations at the early stages have begun, no decision had been finalized and deployment was not imminent",
    "--source",
    "Officials",
    "--mention",
    "Officials",
    "--identity",
    "anonymous",
    "--role",
    "official",
    "--form",
    "paraphrase",
    "--cue",
    "stressed",
];

/// A fresh directory with its own database (`whosaid.db`), where the binary runs.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    /// A fresh directory with the sample (`cartels.txt`) in it.
    pub fn new() -> Env {
        let env = Env::empty();
        std::fs::copy(
            manifest().join("samples/cartels.txt"),
            env.path("cartels.txt"),
        )
        .unwrap();
        env
    }

    /// A fresh, empty directory.
    pub fn empty() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// Store the sample without extraction as `cartels` with its title and outlet, and
    /// `extra` flags; return stdout (the new id).
    pub fn add_sample(&self, extra: &[&str]) -> String {
        let mut args = vec![
            "add",
            "--no-extract",
            "cartels.txt",
            "--id",
            "cartels",
            "--title",
            "Trump weighs sending troops against cartels",
            "--outlet",
            "Example News",
        ];
        args.extend_from_slice(extra);
        self.ok(&args)
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn db(&self) -> PathBuf {
        self.path("whosaid.db")
    }

    /// Write a file (and the folders above it) in the directory.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
        p
    }

    /// The binary in the directory on database `db` (a file name in the directory), with
    /// 80 columns and colour left to the flags (`NO_COLOR` removed).
    pub fn command_on(&self, db: &str, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        c.args(args)
            .current_dir(self.dir.path())
            .env("WHOSAID_DB", self.path(db))
            .env("COLUMNS", "80")
            .env_remove("NO_COLOR")
            .stdin(Stdio::null());
        c
    }

    pub fn command(&self, args: &[&str]) -> Command {
        self.command_on("whosaid.db", args)
    }

    pub fn run_on(&self, db: &str, args: &[&str]) -> Output {
        self.command_on(db, args).output().unwrap()
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.run_on("whosaid.db", args)
    }

    pub fn run_stdin(&self, args: &[&str], input: &str) -> Output {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }

    /// Run on database `db`, expect success, return stdout.
    pub fn ok_on(&self, db: &str, args: &[&str]) -> String {
        let out = self.run_on(db, args);
        check(args, &out, Some(0));
        String::from_utf8(out.stdout).unwrap()
    }

    /// Run, expect success, return stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        self.ok_on("whosaid.db", args)
    }

    /// Run, expect success, return stdout and stderr.
    pub fn ok_both(&self, args: &[&str]) -> (String, String) {
        let out = self.run(args);
        check(args, &out, Some(0));
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }

    /// Run on database `db`, expect exit `code` and nothing on stdout; return stderr.
    pub fn fails_on(&self, db: &str, args: &[&str], code: i32) -> String {
        let out = self.run_on(db, args);
        check(args, &out, Some(code));
        assert!(
            out.stdout.is_empty(),
            "stdout of a failed run: {}",
            show(args, &out)
        );
        let err = String::from_utf8(out.stderr).unwrap();
        // Usage errors (2) are clap's, with a usage line; the rest are one line.
        if code != 2 {
            one_line(&err);
        }
        err
    }

    /// Run, expect exit `code` and nothing on stdout; return stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        self.fails_on("whosaid.db", args, code)
    }

    /// Run, expect exit `code`, nothing on stdout and one `whosaid:` line on stderr that
    /// contains `needle`; return it.
    pub fn fails_with(&self, args: &[&str], code: i32, needle: &str) -> String {
        let err = self.fails(args, code);
        one_line(&err);
        assert!(err.contains(needle), "expected {needle:?} in stderr: {err}");
        err
    }

    /// Run a bad input: exit 1, nothing on stdout, one `whosaid:` line on stderr containing
    /// `needle`, and the database exactly as it was.
    pub fn refuses(&self, args: &[&str], needle: &str) -> String {
        self.refuses_with(args, 1, &[needle])
    }

    /// Run a bad input: exit `code`, nothing on stdout, one `whosaid:` line on stderr that
    /// contains every one of `needles`, and the database exactly as it was.
    pub fn refuses_with(&self, args: &[&str], code: i32, needles: &[&str]) -> String {
        let before = dump(&self.db());
        let err = self.fails(args, code);
        one_line(&err);
        for n in needles {
            assert!(err.contains(n), "expected {n:?} in stderr: {err}");
        }
        assert_eq!(
            before,
            dump(&self.db()),
            "the database changed after {args:?}: {err}"
        );
        err
    }
}

/// The stderr of a failed run is one line, `whosaid: …`.
pub fn one_line(err: &str) {
    assert!(
        err.starts_with("whosaid: ") && err.ends_with('\n') && err.lines().count() == 1,
        "expected one `whosaid:` line on stderr\n{err}"
    );
}

/// A run as text, for a failed assertion: the command, its status, stdout and stderr.
pub fn show(args: &[&str], out: &Output) -> String {
    format!(
        "whosaid {}\nstatus: {}\n--- stdout\n{}\n--- stderr\n{}",
        args.join(" "),
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The run ended with exit `code` (`None`: killed by a signal).
pub fn check(args: &[&str], out: &Output, code: Option<i32>) {
    assert_eq!(
        out.status.code(),
        code,
        "unexpected exit\n{}",
        show(args, out)
    );
}

/// Every row of every table (found in sqlite_master, so tables added later count too), the
/// schema and its version, as text: equal dumps mean an unchanged database. A missing
/// database dumps as empty (and is not created).
pub fn dump(db: &Path) -> String {
    if !db.exists() {
        return String::new();
    }
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.busy_timeout(Duration::from_secs(10)).unwrap();
    let mut out = String::new();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    out.push_str(&format!("version {v}\n"));
    let mut stmt = conn
        .prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name")
        .unwrap();
    let objects: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for (kind, name, sql) in objects {
        out.push_str(&format!("{kind} {name}: {sql}\n"));
        if kind != "table" {
            continue;
        }
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{name}\" ORDER BY rowid"))
            .unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| {
                        r.get::<_, rusqlite::types::Value>(i)
                            .map(|v| format!("{v:?}"))
                    })
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .unwrap();
        for row in rows {
            out.push_str(&format!("{name}: {}\n", row.unwrap().join(" | ")));
        }
    }
    out
}

/// Compare with `tests/expected/NAME`, printing a unified diff on mismatch;
/// `UPDATE_EXPECTED=1` rewrites it instead.
pub fn expect_file(name: &str, actual: &str) {
    let path = manifest().join("tests/expected").join(name);
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_EXPECTED=1 to create it)",
            path.display()
        )
    });
    if expected != actual {
        let diff = similar::TextDiff::from_lines(&expected, actual)
            .unified_diff()
            .header(&format!("expected/{name}"), "actual")
            .to_string();
        panic!("output differs from tests/expected/{name}:\n{diff}");
    }
}

pub fn json(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}):\n{s}"))
}

/// A small deterministic generator (xorshift64*).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// True `pct` times in a hundred.
    pub fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }

    pub fn pick<T: Clone>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize].clone()
    }
}

/// The lines before the last one, and the last line.
pub fn split_last(out: &str) -> (&str, &str) {
    let out = out.trim_end_matches('\n');
    out.rsplit_once('\n').unwrap_or(("", out))
}

/// Run the binary in `env`'s directory on its database under a data limit of `kb` KB
/// (`ulimit -d`); fail the test with its stderr when it does not succeed. Return stdout.
pub fn limited(env: &Env, kb: u32, args: &[&str]) -> String {
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -d {kb} && exec \"$0\" \"$@\""))
        .arg(BIN)
        .args(args)
        .current_dir(env.dir.path())
        .env("WHOSAID_DB", env.db())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?} under a data limit of {kb} KB: {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

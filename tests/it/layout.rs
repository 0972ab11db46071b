//! The source tree's layout, read from `src/`: which file uses which (every `crate::`,
//! `super::`, `self::` path, child module and `use` alias, in `use` lines and in code), so that
//! the layering the README describes is checked and not only stated: no file uses a file that
//! uses it back (directly or through others), the store uses neither the report printers nor
//! the engine, and the command layer's `import` stays small.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::common::manifest;

/// One token of Rust source with comments, strings and character literals taken out.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Ident(String),
    Path, // `::`
    Open,
    Close,
    Semi,
    Comma,
    Star,
    Other,
}

/// The tokens that matter for paths: identifiers, `::`, braces, `;`, `,` and `*`.
fn tokens(src: &str) -> Vec<Tok> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == b'r' && matches!(b.get(i + 1), Some(b'"') | Some(b'#')) && raw_start(b, i) {
            // r"…", r#"…"#: skip to the closing quote with as many hashes
            let mut j = i + 1;
            let mut hashes = 0;
            while b[j] == b'#' {
                hashes += 1;
                j += 1;
            }
            j += 1;
            loop {
                if j >= b.len() {
                    break;
                }
                if b[j] == b'"'
                    && b[j + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|&&h| h == b'#')
                        .count()
                        == hashes
                {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            i = j;
            out.push(Tok::Other);
        } else if c == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push(Tok::Other);
        } else if c == b'\'' {
            // a character literal ('x', '\n', '\u{1b}', '"') or a lifetime ('a)
            if b.get(i + 1) == Some(&b'\\') {
                let mut j = i + 2;
                while j < b.len() && b[j] != b'\'' {
                    j += 1;
                }
                i = j + 1;
            } else {
                let ch_len = src[i + 1..].chars().next().map_or(1, char::len_utf8);
                if b.get(i + 1 + ch_len) == Some(&b'\'') {
                    i += 2 + ch_len;
                } else {
                    i += 1; // a lifetime: its name follows as an identifier
                }
            }
            out.push(Tok::Other);
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push(Tok::Ident(src[start..i].to_string()));
        } else if c == b':' && b.get(i + 1) == Some(&b':') {
            out.push(Tok::Path);
            i += 2;
        } else if c.is_ascii_whitespace() {
            i += 1;
        } else {
            out.push(match c {
                b'{' => Tok::Open,
                b'}' => Tok::Close,
                b';' => Tok::Semi,
                b',' => Tok::Comma,
                b'*' => Tok::Star,
                _ => Tok::Other,
            });
            i += 1;
        }
    }
    out
}

/// Whether the `r` at `i` starts a raw string (and is not the end of an identifier).
fn raw_start(b: &[u8], i: usize) -> bool {
    let after_ident = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
    if after_ident {
        return false;
    }
    let mut j = i + 1;
    while j < b.len() && b[j] == b'#' {
        j += 1;
    }
    b.get(j) == Some(&b'"')
}

/// The module path of a source file: `src/lib.rs` is the crate root, `src/a/mod.rs` and
/// `src/a.rs` are `a`, `src/a/b.rs` is `a::b`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod") | Some("lib")) {
        parts.pop();
    }
    parts
}

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rs_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The library's files (relative to `src/`, e.g. `store/mod.rs`) and, for each, the set of
/// other files it uses.
struct Uses {
    edges: BTreeMap<String, BTreeSet<String>>,
}

impl Uses {
    fn of(src: &Path) -> Uses {
        let mut files = Vec::new();
        rs_files(src, &mut files);
        files.retain(|f| f != &src.join("main.rs")); // the binary is a crate of its own
        let name = |f: &Path| f.strip_prefix(src).unwrap().to_string_lossy().into_owned();
        // every module, file-level and inline, with the file that holds it
        let mut modules: HashMap<Vec<String>, String> = HashMap::new();
        let mut toks: BTreeMap<String, (Vec<String>, Vec<Tok>)> = BTreeMap::new();
        for f in &files {
            let m = module_of(src, f);
            let t = tokens(&std::fs::read_to_string(f).unwrap());
            modules.insert(m.clone(), name(f));
            let mut stack: Vec<Option<String>> = Vec::new();
            let mut pending: Option<String> = None;
            for (k, tok) in t.iter().enumerate() {
                match tok {
                    Tok::Ident(w) if w == "mod" => {
                        if let (Some(Tok::Ident(n)), Some(Tok::Open)) = (t.get(k + 1), t.get(k + 2))
                        {
                            pending = Some(n.clone());
                        }
                    }
                    Tok::Open => {
                        let inline = pending.take();
                        if let Some(n) = &inline {
                            let mut path = m.clone();
                            path.extend(stack.iter().flatten().cloned());
                            path.push(n.clone());
                            modules.insert(path, name(f));
                        }
                        stack.push(inline);
                    }
                    Tok::Close => {
                        stack.pop();
                    }
                    _ => {}
                }
            }
            toks.insert(name(f), (m, t));
        }
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (file, (m, t)) in &toks {
            let used = edges.entry(file.clone()).or_default();
            let mut aliases: HashMap<String, Vec<String>> = HashMap::new();
            let mut stack: Vec<Option<String>> = Vec::new();
            let mut pending: Option<String> = None;
            let mut k = 0;
            while k < t.len() {
                let here: Vec<String> = m.iter().chain(stack.iter().flatten()).cloned().collect();
                match &t[k] {
                    Tok::Ident(w) if w == "mod" => {
                        if let (Some(Tok::Ident(n)), Some(Tok::Open)) = (t.get(k + 1), t.get(k + 2))
                        {
                            pending = Some(n.clone());
                        }
                        k += 1;
                    }
                    Tok::Open => {
                        stack.push(pending.take());
                        k += 1;
                    }
                    Tok::Close => {
                        stack.pop();
                        k += 1;
                    }
                    Tok::Ident(w) if w == "use" => {
                        let mut paths = Vec::new();
                        k = use_tree(t, k + 1, Vec::new(), &mut paths);
                        for (path, alias) in paths {
                            if let Some(abs) = absolute(&path, &here, &modules, &aliases) {
                                if let Some(f) = holder(&abs, &modules) {
                                    used.insert(f);
                                }
                                if let Some(a) = alias {
                                    aliases.insert(a, abs);
                                }
                            }
                        }
                    }
                    Tok::Ident(_) if k == 0 || t[k - 1] != Tok::Path => {
                        let mut path = Vec::new();
                        let mut j = k;
                        while let Some(Tok::Ident(w)) = t.get(j) {
                            path.push(w.clone());
                            if t.get(j + 1) != Some(&Tok::Path) {
                                break;
                            }
                            j += 2;
                        }
                        if path.len() > 1 {
                            if let Some(abs) = absolute(&path, &here, &modules, &aliases) {
                                if let Some(f) = holder(&abs, &modules) {
                                    used.insert(f);
                                }
                            }
                        }
                        k = j.max(k + 1);
                    }
                    _ => k += 1,
                }
            }
            used.remove(file);
        }
        Uses { edges }
    }

    /// The groups of files that use each other, directly or through others (strongly
    /// connected components of more than one file), each sorted.
    fn cycles(&self) -> Vec<Vec<String>> {
        let reach = |from: &str| -> BTreeSet<String> {
            let mut seen = BTreeSet::new();
            let mut todo = vec![from.to_string()];
            while let Some(f) = todo.pop() {
                for g in self.edges.get(&f).into_iter().flatten() {
                    if seen.insert(g.clone()) {
                        todo.push(g.clone());
                    }
                }
            }
            seen
        };
        let reaches: BTreeMap<&String, BTreeSet<String>> =
            self.edges.keys().map(|f| (f, reach(f))).collect();
        let mut groups: BTreeSet<Vec<String>> = BTreeSet::new();
        for (f, r) in &reaches {
            let mut group: Vec<String> = r
                .iter()
                .filter(|g| reaches.get(g).is_some_and(|back| back.contains(*f)))
                .cloned()
                .collect();
            if !group.is_empty() {
                if !group.contains(f) {
                    group.push((*f).clone());
                }
                group.sort();
                groups.insert(group);
            }
        }
        groups.into_iter().collect()
    }

    /// The files `file` uses, shown as `a -> b`.
    fn uses_into(&self, prefix: &str, target: &str) -> Vec<String> {
        let mut found = Vec::new();
        for (f, to) in &self.edges {
            if f.starts_with(prefix) {
                for g in to.iter().filter(|g| g.starts_with(target)) {
                    found.push(format!("{f} -> {g}"));
                }
            }
        }
        found
    }
}

/// Parse a use tree starting at `k` (after `use`, or inside braces) with the path so far,
/// pushing each leaf path with its alias (the name it brings in, `None` for a glob); returns
/// the index after the tree's `;` (at top level) or its end.
fn use_tree(
    t: &[Tok],
    mut k: usize,
    prefix: Vec<String>,
    out: &mut Vec<(Vec<String>, Option<String>)>,
) -> usize {
    let mut path = prefix;
    loop {
        match t.get(k) {
            Some(Tok::Ident(w)) if w == "as" => {
                if let Some(Tok::Ident(a)) = t.get(k + 1) {
                    let name = if path.last().is_some_and(|l| l == "self") {
                        path.pop();
                        a.clone()
                    } else {
                        a.clone()
                    };
                    out.push((path.clone(), Some(name)));
                    path.clear();
                }
                k += 2;
                return k;
            }
            Some(Tok::Ident(w)) => {
                path.push(w.clone());
                k += 1;
            }
            Some(Tok::Path) => k += 1,
            Some(Tok::Star) => {
                out.push((path.clone(), None));
                return k + 1;
            }
            Some(Tok::Open) => {
                k += 1;
                loop {
                    k = use_tree(t, k, path.clone(), out);
                    match t.get(k) {
                        Some(Tok::Comma) => k += 1,
                        Some(Tok::Close) => return k + 1,
                        _ => return k,
                    }
                    if t.get(k) == Some(&Tok::Close) {
                        return k + 1;
                    }
                }
            }
            _ => {
                if !path.is_empty() {
                    let mut p = path.clone();
                    let alias = if p.last().is_some_and(|l| l == "self") {
                        p.pop();
                        p.last().cloned()
                    } else {
                        p.last().cloned()
                    };
                    out.push((p, alias));
                }
                if t.get(k) == Some(&Tok::Semi) {
                    return k + 1;
                }
                return k;
            }
        }
    }
}

/// `path` as seen from module `here`, made absolute: `crate::`, `super::`, `self::`, a child
/// module or a name brought in by `use`; None for another crate's path.
fn absolute(
    path: &[String],
    here: &[String],
    modules: &HashMap<Vec<String>, String>,
    aliases: &HashMap<String, Vec<String>>,
) -> Option<Vec<String>> {
    let first = path.first()?;
    let mut base: Vec<String> = match first.as_str() {
        "crate" => Vec::new(),
        "self" => here.to_vec(),
        "super" => here[..here.len().saturating_sub(1)].to_vec(),
        "Self" => return None,
        w => {
            let mut child = here.to_vec();
            child.push(w.to_string());
            if modules.contains_key(&child) {
                here.to_vec()
            } else if let Some(a) = aliases.get(w) {
                let mut abs = a.clone();
                abs.extend(path[1..].iter().cloned());
                return Some(abs);
            } else {
                return None;
            }
        }
    };
    let mut rest = &path[1..];
    if !matches!(first.as_str(), "crate" | "self" | "super") {
        rest = path;
    }
    for (n, seg) in rest.iter().enumerate() {
        // a leading run of `super` climbs; any other segment descends
        if seg == "super" && rest[..n].iter().all(|s| s == "super") {
            base.pop();
        } else {
            base.push(seg.clone());
        }
    }
    Some(base)
}

/// The file holding the longest module prefix of `path`.
fn holder(path: &[String], modules: &HashMap<Vec<String>, String>) -> Option<String> {
    (0..=path.len())
        .rev()
        .find_map(|n| modules.get(&path[..n]).cloned())
}

fn uses() -> Uses {
    Uses::of(&manifest().join("src"))
}

#[test]
fn the_checker_sees_use_lines_paths_in_code_and_aliases() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir_all(src.join("a")).unwrap();
    std::fs::write(src.join("lib.rs"), "pub mod a;\npub mod b;\npub mod c;\n").unwrap();
    std::fs::write(
        src.join("a/mod.rs"),
        "//! uses crate::c in a comment only\npub mod x;\npub mod y;\nuse crate::{b::{self, Thing}};\nfn f() { x::go(); let s = \"crate::c::no\"; }\n",
    )
    .unwrap();
    std::fs::write(src.join("a/x.rs"), "pub fn go() { super::y::come(); }\n").unwrap();
    std::fs::write(
        src.join("a/y.rs"),
        "pub fn come() {}\n#[cfg(test)]\nmod tests { use super::*; }\n",
    )
    .unwrap();
    std::fs::write(
        src.join("b.rs"),
        "pub struct Thing;\nfn g() { crate::c::h(); }\n",
    )
    .unwrap();
    std::fs::write(
        src.join("c.rs"),
        "use crate::a as top;\npub fn h() { top::x::go(); }\n",
    )
    .unwrap();
    let u = Uses::of(src);
    let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    assert_eq!(u.edges["a/mod.rs"], set(&["a/x.rs", "b.rs"]));
    assert_eq!(u.edges["a/x.rs"], set(&["a/y.rs"]));
    assert_eq!(u.edges["a/y.rs"], set(&[]));
    assert_eq!(u.edges["b.rs"], set(&["c.rs"]));
    assert_eq!(u.edges["c.rs"], set(&["a/mod.rs", "a/x.rs"]));
    assert_eq!(
        u.cycles(),
        vec![vec!["a/mod.rs".to_string(), "b.rs".into(), "c.rs".into()]]
    );
}

#[test]
fn no_file_uses_a_file_that_uses_it_back() {
    let u = uses();
    assert!(u.edges.len() > 50, "read {} files", u.edges.len());
    let (engine, rest): (Vec<_>, Vec<_>) = u
        .cycles()
        .into_iter()
        .partition(|g| g.iter().all(|f| f.starts_with("extract/")));
    for g in &engine {
        eprintln!("note: the engine's files use each other: {}", g.join(", "));
    }
    assert!(rest.is_empty(), "files that use each other: {rest:#?}");
}

#[test]
fn the_store_uses_neither_the_report_printers_nor_the_engine() {
    let u = uses();
    let wrong: Vec<String> = ["report/", "extract/", "cli/", "pipeline.rs"]
        .iter()
        .flat_map(|t| u.uses_into("store/", t))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
    // and the readers use neither the database nor the engine
    let wrong: Vec<String> = ["store/", "extract/", "cli/", "report/"]
        .iter()
        .flat_map(|t| u.uses_into("ingest/", t))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn the_import_command_only_parses_shows_progress_and_sums_up() {
    let path = manifest().join("src/cli/import.rs");
    let lines = std::fs::read_to_string(&path).unwrap().lines().count();
    assert!(
        lines <= 250,
        "{}: {lines} lines (at most 250)",
        path.display()
    );
}

/// The layers of the README's layout, in order: a file may use files of its own layer and of
/// the layers before it, never of a later one.
const LAYERS: &[&[&str]] = &[
    &["error.rs", "model.rs", "model/"],
    &["ingest/"],
    &["extract/"],
    &["matching.rs", "eval.rs", "compare.rs"],
    &["report/"],
    &["annotation/"],
    &["store/"],
    &["pipeline.rs", "analysis.rs"],
    &["cli/"],
];

fn layer(file: &str) -> Option<usize> {
    LAYERS.iter().position(|l| {
        l.iter()
            .any(|p| file == *p || (p.ends_with('/') && file.starts_with(p)))
    })
}

#[test]
fn each_layer_uses_only_the_layers_before_it() {
    let u = uses();
    let mut wrong = Vec::new();
    for (f, to) in &u.edges {
        if f == "lib.rs" {
            continue;
        }
        let Some(lf) = layer(f) else {
            wrong.push(format!("{f}: in no layer of the README's layout"));
            continue;
        };
        for g in to {
            if layer(g).is_some_and(|lg| lg > lf) {
                wrong.push(format!("{f} -> {g}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

//! Build script: the engine's rule-set fingerprint. Every file under `src/extract/` (rules,
//! word lists, the tagger's model) is hashed, by path and content, into `WHOSAID_RULES`, so
//! the engine version that `analyze --jsonl` writes and the database records
//! (`pipeline::ENGINE`) changes whenever the engine's rules do, even within one crate version.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// 64-bit FNV-1a: small, fixed and the same on every platform.
fn fnv(hash: &mut u64, bytes: &[u8]) {
    for &b in bytes {
        *hash ^= u64::from(b);
        *hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
}

fn main() {
    let root = Path::new("src/extract");
    println!("cargo:rerun-if-changed=src/extract");
    let mut all = Vec::new();
    files(root, &mut all);
    all.sort();
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for p in &all {
        let rel = p.strip_prefix(root).unwrap_or(p);
        fnv(
            &mut hash,
            rel.to_string_lossy().replace('\\', "/").as_bytes(),
        );
        fnv(&mut hash, &[0]);
        // Line ends as checked out must not change the fingerprint.
        let bytes: Vec<u8> = std::fs::read(p)
            .unwrap_or_default()
            .into_iter()
            .filter(|&b| b != b'\r')
            .collect();
        fnv(&mut hash, &bytes);
        fnv(&mut hash, &[0]);
    }
    println!("cargo:rustc-env=WHOSAID_RULES={:012x}", hash >> 16);
}

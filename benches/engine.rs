//! Throughput of the extraction engine, in bytes of article text per second.
//!
//! Runs on the sample article and on the dev gold's articles (`tests/data/gold-dev.jsonl`, one
//! benchmark over all of them, so the figure is articles of real length).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use whosaid::extract::extract;

fn gold_texts() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/gold-dev.jsonl");
    let Ok(data) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    data.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .collect()
}

fn bench(c: &mut Criterion) {
    let sample = include_str!("../samples/cartels.txt");
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(sample.len() as u64));
    g.bench_function("cartels", |b| b.iter(|| extract(black_box(sample))));
    let texts = gold_texts();
    let texts = if texts.is_empty() {
        vec![sample.to_string()]
    } else {
        texts
    };
    let bytes: usize = texts.iter().map(String::len).sum();
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(format!("gold_dev_{}_articles", texts.len()), |b| {
        b.iter(|| {
            for t in &texts {
                black_box(extract(black_box(t)));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

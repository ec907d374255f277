//! Parser speed: airlock against `parse-dockerfile` on the whole corpus in the same run, and
//! airlock on the corpus concatenated 1, 5 and 10 times to show that time grows linearly with
//! input. `scripts/bench.sh` runs this and prints the ratio and ns/byte.

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};

fn corpus_vs_parse_dockerfile(c: &mut Criterion) {
    let files: Vec<String> = common::corpus().into_iter().map(|f| f.text).collect();
    let bytes: usize = files.iter().map(String::len).sum();

    let mut group = c.benchmark_group("corpus");
    group
        .throughput(Throughput::Bytes(bytes as u64))
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .sample_size(20);
    group.bench_function("airlock", |b| {
        b.iter(|| {
            for text in &files {
                black_box(airlock::engine::syntax::parse(black_box(text)));
            }
        })
    });
    group.bench_function("parse-dockerfile", |b| {
        b.iter(|| {
            for text in &files {
                // Accepted or not, the work done is what is measured; the corpus is all accepted.
                let _ = black_box(parse_dockerfile::parse(black_box(text)));
            }
        })
    });
    group.finish();
}

fn airlock_scaling(c: &mut Criterion) {
    let once = common::corpus_concatenated();

    let mut group = c.benchmark_group("scaling");
    group
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .sample_size(10);
    for times in [1, 5, 10] {
        let text = once.repeat(times);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("airlock", format!("{times}x")),
            &text,
            |b, text| b.iter(|| black_box(airlock::engine::syntax::parse(black_box(text)))),
        );
    }
    group.finish();
}

criterion_group!(benches, corpus_vs_parse_dockerfile, airlock_scaling);
criterion_main!(benches);

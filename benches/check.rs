//! The whole engine on the whole corpus: `analyze` (parse, stage graph, every rule, size
//! estimate) on each file, with the default rule set and with every rule turned on.
//! `scripts/bench.sh` prints files/s, MB/s and the time per file next to hadolint's.
//! `check-scaling` runs `analyze` on the corpus concatenated 1, 5 and 10 times into one file:
//! flat ns/byte says the engine (graph, rules, size estimate) grows linearly with its input.
//! It uses the CLI's allocator (mimalloc, see Cargo.toml), so it measures what `airlock check`
//! does.

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};

use airlock::engine::{analyze, Config};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn check_corpus(c: &mut Criterion) {
    let files: Vec<String> = common::corpus().into_iter().map(|f| f.text).collect();
    let bytes: usize = files.iter().map(String::len).sum();
    let mut all = Config::default();
    all.rules.enable.push("all".to_string());

    let mut group = c.benchmark_group("check");
    group
        .throughput(Throughput::Bytes(bytes as u64))
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .sample_size(20);
    for (name, config) in [("default", Config::default()), ("all-rules", all)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                for text in &files {
                    black_box(analyze(black_box(text), &config));
                }
            })
        });
    }
    group.finish();
}

fn check_scaling(c: &mut Criterion) {
    let once = common::corpus_concatenated();
    let config = Config::default();
    let mut group = c.benchmark_group("check-scaling");
    group
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(6))
        .sample_size(10);
    for times in [1, 5, 10] {
        let text = once.repeat(times);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("analyze", format!("{times}x")),
            &text,
            |b, text| b.iter(|| black_box(analyze(black_box(text), &config))),
        );
    }
    group.finish();
}

/// A chain of `stages` stages, each `FROM` the one before, setting an ENV from the last one's
/// and a WORKDIR, with a RUN: the shape on which rules that look at "the stages this one is
/// built on" were quadratic (4,000 stages took 3.7 s).
fn chain(stages: usize) -> String {
    let mut out = String::from("FROM alpine:3.20 AS s0\nENV A0=1\nWORKDIR /w\n");
    for i in 1..stages {
        out += &format!(
            "FROM s{} AS s{i}\nENV A{i}=$A{}\nWORKDIR /w{i}\nRUN echo $A0 | wc -l\n",
            i - 1,
            i - 1
        );
    }
    out
}

/// `stages` global ARGs and as many stages, each naming one global ARG without a value and
/// setting a relative WORKDIR: the shape on which an ARG's lookup of its global default, and
/// each WORKDIR's scope, were quadratic (4,000 of each took 2.4 s).
fn globals(stages: usize) -> String {
    let mut out: String = (0..stages).map(|i| format!("ARG G{i}=v{i}\n")).collect();
    for i in 0..stages {
        out += &format!("FROM alpine:3.20 AS s{i}\nARG G{i}\nWORKDIR w\nRUN echo $G{i}\n");
    }
    out
}

fn check_chain(c: &mut Criterion) {
    let config = Config::default();
    let mut group = c.benchmark_group("check-chain");
    group
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .sample_size(10);
    for stages in [1000, 2000, 4000, 8000] {
        for (shape, text) in [("analyze", chain(stages)), ("globals", globals(stages))] {
            group.throughput(Throughput::Elements(stages as u64));
            group.bench_with_input(BenchmarkId::new(shape, stages), &text, |b, text| {
                b.iter(|| black_box(analyze(black_box(text), &config)))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, check_corpus, check_scaling, check_chain);
criterion_main!(benches);

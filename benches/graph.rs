//! analyze + layout on generated multi-stage files of 10, 100 and 1,000 stages (each stage copies
//! from two earlier ones), to show how the graph and its layout grow with the number of stages;
//! and the layout alone (the playground redraws it on every keystroke) on the random DAGs of 60,
//! 100 and 200 stages that tests/layout_quality.rs holds to Graphviz dot, on the corpus's largest
//! file (98 stages) and on a 200-stage graph whose edges reach far back.

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;
use std::time::Duration;

use airlock::engine::{analyze, Config};
use airlock::render::layout::layout;
use criterion::measurement::WallTime;
use criterion::{
    criterion_group, criterion_main, BenchmarkGroup, BenchmarkId, Criterion, Throughput,
};

fn dockerfile(stages: usize) -> String {
    let mut out = String::new();
    for s in 0..stages {
        out.push_str(&format!(
            "FROM golang:1.22 AS s{s}\nRUN go build -o /out/{s} ./cmd/{s}\n"
        ));
        if s > 0 {
            out.push_str(&format!(
                "COPY --from=s{} /out /in/a\nCOPY --from=s{} /out /in/b\n",
                s / 2,
                s - 1
            ));
        }
    }
    out
}

/// A group of cases of milliseconds each: 1 s of warm-up, 3 s of 10 samples.
fn group<'a>(c: &'a mut Criterion, name: &str) -> BenchmarkGroup<'a, WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(10);
    group
}

fn graph_and_layout(c: &mut Criterion) {
    let mut group = group(c, "analyze+layout");
    for stages in [10, 100, 1000] {
        let text = dockerfile(stages);
        group.throughput(Throughput::Elements(stages as u64));
        group.bench_with_input(BenchmarkId::from_parameter(stages), &text, |b, text| {
            b.iter(|| {
                let a = analyze(black_box(text), &Config::default());
                black_box(layout(&a.graph))
            })
        });
    }
    group.finish();
}

/// 200 stages, each copying from two to four earlier stages, some far back, so that many edges
/// cross several columns.
fn wide_dockerfile(stages: usize) -> String {
    let mut out = String::new();
    for s in 0..stages {
        out.push_str(&format!("FROM alpine:3.20 AS s{s}\n"));
        for k in 1..=(2 + s % 3).min(s) {
            let from = (s * 7 + k * 13) % s;
            out.push_str(&format!("COPY --from=s{from} /out/{k} /in/{k}\n"));
        }
    }
    out
}

fn layout_only(c: &mut Criterion) {
    let mut group = group(c, "layout");
    let largest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/large/neondatabase__neon__compute__compute-node.Dockerfile");
    let largest = std::fs::read_to_string(&largest)
        .unwrap_or_else(|e| panic!("{}: {e} (the corpus sits in ../shared)", largest.display()));
    for (name, text) in [
        // The seeds of the same sizes in tests/layout_quality.rs.
        ("dag-60", common::generated_dag(60, 3)),
        ("dag-100", common::generated_dag(100, 5)),
        ("dag-200", common::generated_dag(200, 7)),
        ("largest-98", largest),
        ("wide-200", wide_dockerfile(200)),
    ] {
        let a = analyze(&text, &Config::default());
        group.bench_function(name, |b| b.iter(|| black_box(layout(black_box(&a.graph)))));
    }
    group.finish();
}

criterion_group!(benches, graph_and_layout, layout_only);
criterion_main!(benches);

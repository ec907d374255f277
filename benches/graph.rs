//! analyze + layout on generated multi-stage files of 10, 100 and 1,000 stages (each stage copies
//! from two earlier ones), to show how the graph and its layout grow with the number of stages.

use std::hint::black_box;
use std::time::Duration;

use airlock::engine::{analyze, Config};
use airlock::render::layout::layout;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

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

fn graph_and_layout(c: &mut Criterion) {
    let mut group = c.benchmark_group("analyze+layout");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(10);
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

criterion_group!(benches, graph_and_layout);
criterion_main!(benches);

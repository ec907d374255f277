//! Shared by the integration tests and the benchmark: the corpus and generated files. The
//! invariants every parse and analysis must keep are the library's (`airlock::invariants`), which
//! the fuzz targets (fuzz/) check too.

// Native test code: the wasm size rules (clippy.toml) do not bind it.
#![allow(clippy::disallowed_methods)]
// Each test crate uses a different part of this module.
#![allow(dead_code)]

use std::path::PathBuf;

/// `../shared/corpus/dockerfiles`, from the project root.
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dockerfiles")
}

pub struct CorpusFile {
    /// The file name, e.g. `docker-library__php__8.3__cli__Dockerfile.Dockerfile`.
    pub name: String,
    pub text: String,
}

/// Every corpus file, sorted by name. Panics with a clear message when the corpus is missing:
/// a test that silently checks nothing is worse than a failing one.
pub fn corpus() -> Vec<CorpusFile> {
    let dir = corpus_dir();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
        panic!(
            "the Dockerfile corpus is missing: cannot read {}: {e}\n\
             (tests expect ../shared/corpus next to the project, as CI has it)",
            dir.display()
        )
    });
    let mut files: Vec<CorpusFile> = entries
        .map(|entry| {
            let path = entry.expect("corpus directory entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .expect("corpus file names are UTF-8")
                .to_string();
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read corpus file {}: {e}", path.display()));
            CorpusFile { name, text }
        })
        .collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(
        !files.is_empty(),
        "the corpus at {} is empty",
        dir.display()
    );
    files
}

/// Every corpus file in one text, each ending with a line break so that one file's last line
/// does not run into the next (the scaling benchmarks repeat it; the copies repeat their stage
/// names, as a real concatenation does).
pub fn corpus_concatenated() -> String {
    let mut once = String::new();
    for file in corpus() {
        once.push_str(&file.text);
        if !file.text.ends_with('\n') {
            once.push('\n');
        }
    }
    once
}

/// A deterministic random DAG: each stage copies from up to three earlier stages, some from
/// external images, and a few stages build FROM an earlier one. tests/layout_quality.rs and
/// benches/graph.rs use it, and tests/browser/layout-time.test.mjs has it in JavaScript.
pub fn generated_dag(stages: usize, seed: u64) -> String {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % n.max(1)
    };
    let mut out = String::new();
    for s in 0..stages {
        if s > 2 && next(6) == 0 {
            out.push_str(&format!("FROM s{} AS s{s}\n", s - 1 - next(s.min(4))));
        } else {
            out.push_str(&format!("FROM alpine:3.20 AS s{s}\n"));
        }
        if s == 0 {
            continue;
        }
        for k in 0..1 + next(3) {
            // Mostly recent stages, sometimes far back.
            let from = if next(4) == 0 {
                next(s)
            } else {
                s - 1 - next(s.min(6))
            };
            out.push_str(&format!("COPY --from=s{from} /out/{k}/bin{from} /in/\n"));
        }
        if next(10) == 0 {
            out.push_str(&format!("COPY --from=tools{}:1 /usr/bin/t /t\n", next(3)));
        }
    }
    out
}

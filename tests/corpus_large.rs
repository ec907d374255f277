//! `../shared/corpus/large/`: 131 real files of large projects, up to 98 stages, kept apart
//! from `dockerfiles/` so that the counting tests over that corpus hold. Every file parses
//! without errors, prints back unchanged and goes through the whole analysis; the warnings on
//! the 20 largest (by stage count) are pinned per rule, so a rule that starts firing falsely
//! on real multi-stage files shows up as a snapshot change (the review of those warnings is
//! `docs/review-large.md`).

// Native test code: the wasm size rules (clippy.toml) do not bind it.
#![allow(clippy::disallowed_methods)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use airlock::engine::syntax::print;
use airlock::engine::{analyze, Config, Severity};

fn large_files() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/large");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
        panic!(
            "the large corpus is missing: cannot read {}: {e}",
            dir.display()
        )
    });
    let mut files: Vec<(String, String)> = entries
        .map(|e| e.expect("a readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "Dockerfile"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, text)
        })
        .collect();
    files.sort();
    assert!(
        files.len() >= 131,
        "expected the 131 files of corpus/large, found {}",
        files.len()
    );
    files
}

#[test]
fn every_large_file_parses_prints_back_and_is_analysed() {
    let mut failures = Vec::new();
    for (name, text) in large_files() {
        let a = analyze(&text, &Config::default());
        for e in &a.errors {
            let at = a.tree.line_col(e.span.start);
            failures.push(format!("{name}:{}:{}: {}", at.line, at.column, e.message()));
        }
        if print(&a.tree) != text {
            failures.push(format!("{name}: printed text differs"));
        }
        if a.graph.stages.is_empty() || a.graph.target.is_none() {
            failures.push(format!("{name}: no stages or no target"));
        }
        if a.size.stages.len() != a.graph.stages.len() {
            failures.push(format!("{name}: the size estimate misses stages"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The warnings and errors on the 20 files with the most stages, per rule. A change here is a
/// rule firing more or less on real files: read the new warnings before accepting it.
#[test]
fn warnings_on_the_20_largest_files_per_rule() {
    let mut analysed: Vec<(usize, String, airlock::engine::Analysis)> = large_files()
        .into_iter()
        .map(|(name, text)| {
            let a = analyze(&text, &Config::default());
            (a.graph.stages.len(), name, a)
        })
        .collect();
    analysed.sort_by(|x, y| y.0.cmp(&x.0).then_with(|| x.1.cmp(&y.1)));
    let mut per_rule: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = String::from("files (stages):\n");
    for (stages, name, a) in analysed.iter().take(20) {
        out.push_str(&format!("  {name} ({stages})\n"));
        for f in &a.findings {
            if f.severity <= Severity::Warning {
                *per_rule.entry(f.code.to_string()).or_default() += 1;
            }
        }
    }
    let total: usize = per_rule.values().sum();
    out.push_str(&format!("warnings and errors: {total}\n"));
    for (code, n) in &per_rule {
        out.push_str(&format!("  {code} {n}\n"));
    }
    println!("{out}");
    insta::assert_snapshot!("large-20-warnings-per-rule", out);
}

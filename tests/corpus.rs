//! Every corpus file is valid for BuildKit, so: zero syntax errors, a lossless round trip, and
//! well-formed spans. Failures are collected over the whole corpus and reported together.

mod common;

use airlock::engine::syntax::{parse, print};

#[test]
fn every_corpus_file_parses_without_errors() {
    let files = common::corpus();
    let mut failures = Vec::new();
    for file in &files {
        let (tree, errors) = parse(&file.text);
        for e in &errors {
            let at = tree.line_col(e.span.start);
            failures.push(format!(
                "{}:{}:{}: {}",
                file.name,
                at.line,
                at.column,
                e.message()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} syntax errors in {} corpus files (all of them are valid for BuildKit):\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn every_corpus_file_prints_back_unchanged() {
    let files = common::corpus();
    let mut failures = Vec::new();
    for file in &files {
        let (tree, _) = parse(&file.text);
        let printed = print(&tree);
        if printed != file.text {
            let at = printed
                .bytes()
                .zip(file.text.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(printed.len().min(file.text.len()));
            let line = file.text[..at.min(file.text.len())].matches('\n').count() + 1;
            failures.push(format!(
                "{}: printed text differs from line {line} (byte {at}; {} bytes printed, {} in the file)",
                file.name,
                printed.len(),
                file.text.len()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "round trip broken for {} of {} files:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn every_corpus_file_has_well_formed_spans_and_tiling_tokens() {
    let files = common::corpus();
    let mut failures = Vec::new();
    for file in &files {
        let (tree, errors) = parse(&file.text);
        if let Err(problems) = airlock::invariants::check_spans(&tree, &errors) {
            failures.push(format!("{}:\n{problems}", file.name));
        }
    }
    assert!(
        failures.is_empty(),
        "span problems in {} of {} files:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

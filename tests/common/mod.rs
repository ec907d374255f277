//! Shared by the integration tests and the benchmark: the corpus, and the span invariants every
//! parse must keep whatever the input.

// Native test code: the wasm size rules (clippy.toml) do not bind it.
#![allow(clippy::disallowed_methods)]
// Each test crate uses a different part of this module.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::PathBuf;

use airlock::engine::syntax::{Args, Dockerfile, Instruction, Span, SyntaxError};

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

/// Checks that every span of the tree and of the errors lies inside the source on character
/// boundaries, that the tokens tile the source, and that instructions come in source order.
/// Returns every problem found, one per line.
pub fn check_spans(tree: &Dockerfile, errors: &[SyntaxError]) -> Result<(), String> {
    let src = tree.source.as_str();
    let mut problems = String::new();
    let mut check = |what: &str, span: Span| {
        if span.start > span.end
            || span.end > src.len()
            || !src.is_char_boundary(span.start)
            || !src.is_char_boundary(span.end)
        {
            let _ = writeln!(
                problems,
                "{what} span {}..{} is not a valid range of the {}-byte input",
                span.start,
                span.end,
                src.len()
            );
        }
    };

    for d in &tree.directives {
        check("directive", d.span);
        check("directive name", d.name_span);
        check("directive value", d.value_span);
    }
    for c in &tree.comments {
        check("comment", c.span);
    }
    for ins in &tree.instructions {
        instruction_spans(ins, &mut check);
    }
    for e in errors {
        check(&format!("error `{}`", e.message()), e.span);
    }
    for t in &tree.tokens {
        check(&format!("{:?} token", t.kind), t.span);
    }

    let mut at = 0;
    for t in &tree.tokens {
        if t.span.start != at {
            let _ = writeln!(
                problems,
                "tokens do not tile the input: {:?} token starts at {} but the previous ended at {at}",
                t.kind, t.span.start
            );
        }
        if t.span.is_empty() {
            let _ = writeln!(problems, "empty {:?} token at {}", t.kind, t.span.start);
        }
        at = t.span.end;
    }
    if at != src.len() {
        let _ = writeln!(
            problems,
            "tokens end at {at} but the input has {} bytes",
            src.len()
        );
    }

    for pair in tree.instructions.windows(2) {
        if pair[0].span.end > pair[1].span.start {
            let _ = writeln!(
                problems,
                "instructions overlap or are out of order: {}..{} then {}..{}",
                pair[0].span.start, pair[0].span.end, pair[1].span.start, pair[1].span.end
            );
        }
    }

    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

fn instruction_spans(ins: &Instruction, check: &mut impl FnMut(&str, Span)) {
    let kw = ins.keyword.kind.as_str();
    check(&format!("{kw} instruction"), ins.span);
    check(&format!("{kw} keyword"), ins.keyword.span);
    for f in &ins.flags {
        check(&format!("{kw} flag --{}", f.name), f.span);
        check(&format!("{kw} flag name --{}", f.name), f.name_span);
        if let Some(v) = f.value_span {
            check(&format!("{kw} flag value --{}", f.name), v);
        }
    }
    if let Some(sub) = &ins.subcommand {
        check(&format!("{kw} subcommand"), sub.span);
    }
    check(&format!("{kw} args"), ins.args.span());
    match &ins.args {
        Args::Shell { words, .. } => {
            for w in words {
                check(&format!("{kw} word `{}`", w.text), w.span);
            }
        }
        Args::Exec { elements, .. } => {
            for e in elements {
                check(&format!("{kw} JSON element {:?}", e.value), e.span);
            }
        }
    }
    for h in &ins.heredocs {
        check(&format!("{kw} heredoc {} marker", h.name), h.marker_span);
        check(&format!("{kw} heredoc {} body", h.name), h.body_span);
        if let Some(end) = h.end_span {
            check(&format!("{kw} heredoc {} end", h.name), end);
        }
    }
    for p in &ins.pairs {
        check(&format!("{kw} key {}", p.key), p.key_span);
        if let Some(v) = p.value_span {
            check(&format!("{kw} value of {}", p.key), v);
        }
    }
    for c in &ins.comments {
        check(&format!("{kw} comment"), c.span);
    }
    for s in &ins.empty_continuation_lines {
        check(&format!("{kw} empty continuation line"), *s);
    }
    for v in &ins.vars {
        check(&format!("{kw} variable ${}", v.name), v.span);
        check(&format!("{kw} variable name ${}", v.name), v.name_span);
    }
    if let Some(inner) = &ins.onbuild {
        instruction_spans(inner, check);
    }
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

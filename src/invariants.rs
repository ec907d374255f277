//! The invariants every parse and analysis must keep whatever the input, as checks that panic on
//! a breach: tests/fuzz.rs (property tests and the hostile cases) and the libFuzzer targets in
//! fuzz/ run the same ones. Native only and called by neither face, so it costs the playground's
//! wasm and the CLI nothing; it is a library module (not a test helper) because the fuzz crate is
//! a separate crate that sees only the library.

use std::fmt::Write as _;

use crate::engine::graph::{Graph, NodeRef};
use crate::engine::size::Mb;
use crate::engine::syntax::{
    parse, print, Args, Dockerfile, ErrorKind, Instruction, Span, SyntaxError,
};
use crate::engine::{analyze, diagnostic, Analysis, Config};
use crate::render::{dot, layout, mermaid, report, svg};

/// The analyses of "apply every fix" within which fixing must reach a fixed point
/// (`fix_all`'s cap).
pub use crate::engine::FIX_ROUNDS;

/// Output that grows with the input may grow at most this many bytes per input byte, plus
/// `SLACK`. The corpus's largest ratios (measured by `tests/fuzz.rs`'s
/// `outputs_stay_linear_on_the_corpus`) are well under it; a writer or a fix that repeats text
/// per pair of lines or stages crosses it on a short input.
pub const BYTES_PER_INPUT_BYTE: usize = 64;
/// The fixed cost of an empty input's output (an SVG's header and legend, a report's frame).
pub const SLACK: usize = 16 * 1024;

/// Panics unless `len` bytes of output is linear in `input` bytes of input.
pub fn linear(what: &str, len: usize, input: usize) {
    assert!(
        len <= BYTES_PER_INPUT_BYTE * input + SLACK,
        "{what}: {len} bytes of output for {input} bytes of input"
    );
}

/// Every rule on, the settings-driven ones too (trusted registries, a label schema, a
/// `.dockerignore`), so that every rule's code runs.
pub fn all_rules_config() -> Config {
    let mut config = Config::default();
    config.rules.enable.push("all".into());
    config.rules.trusted_registries = vec!["docker.io".into(), "ghcr.io".into()];
    config.rules.label_schema = vec![(
        "org.opencontainers.image.source".into(),
        crate::engine::rules::labels::LabelType::Url,
    )];
    config.rules.dockerignore = Some("*.md\n!README.md\nnode_modules\n**/.git\n".into());
    config
}

/// Parses `input` and checks the parser's contract: the tree prints back to the input byte for
/// byte, every span lies inside it on character boundaries, the tokens tile it, and the line and
/// column lookups the CLI and the playground make hold.
pub fn check_parse(input: &str) -> (Dockerfile, Vec<SyntaxError>) {
    let (tree, errors) = parse(input);
    let printed = print(&tree);
    assert!(
        printed == input,
        "print(parse(x)) != x\n input: {input:?}\nprinted: {printed:?}"
    );
    if let Err(problems) = check_spans(&tree, &errors) {
        panic!("input {input:?}:\n{problems}");
    }
    for ins in &tree.instructions {
        let (first, last) = tree.lines(ins.span);
        assert!(
            first <= last,
            "instruction lines {first}..{last} in {input:?}"
        );
    }
    for e in &errors {
        let _ = (
            tree.line_col(e.span.start),
            tree.line_col(e.span.end),
            e.message(),
        );
    }
    (tree, errors)
}

/// Checks that every span of the tree and of the errors lies inside the source on character
/// boundaries, that the tokens tile the source, and that instructions come in source order.
/// Returns every problem found, one per line.
pub fn check_spans(tree: &Dockerfile, errors: &[SyntaxError]) -> Result<(), String> {
    let src = tree.source.as_str();
    let mut problems = String::new();
    let mut check = |what: std::fmt::Arguments, span: Span| {
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
        check(format_args!("directive"), d.span);
        check(format_args!("directive name"), d.name_span);
        check(format_args!("directive value"), d.value_span);
    }
    for c in &tree.comments {
        check(format_args!("comment"), c.span);
    }
    for ins in &tree.instructions {
        instruction_spans(ins, &mut check);
    }
    for e in errors {
        check(format_args!("error `{}`", e.message()), e.span);
    }
    for t in &tree.tokens {
        check(format_args!("{:?} token", t.kind), t.span);
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

fn instruction_spans(ins: &Instruction, check: &mut impl FnMut(std::fmt::Arguments, Span)) {
    let kw = ins.keyword.kind.as_str();
    check(format_args!("{kw} instruction"), ins.span);
    check(format_args!("{kw} keyword"), ins.keyword.span);
    for f in &ins.flags {
        check(format_args!("{kw} flag --{}", f.name), f.span);
        check(format_args!("{kw} flag name --{}", f.name), f.name_span);
        if let Some(v) = f.value_span {
            check(format_args!("{kw} flag value --{}", f.name), v);
        }
    }
    if let Some(sub) = &ins.subcommand {
        check(format_args!("{kw} subcommand"), sub.span);
    }
    check(format_args!("{kw} args"), ins.args.span());
    match &ins.args {
        Args::Shell { words, .. } => {
            for w in words {
                check(format_args!("{kw} word `{}`", w.text), w.span);
            }
        }
        Args::Exec { elements, .. } => {
            for e in elements {
                check(format_args!("{kw} JSON element {:?}", e.value), e.span);
            }
        }
    }
    for h in &ins.heredocs {
        check(
            format_args!("{kw} heredoc {} marker", h.name),
            h.marker_span,
        );
        check(format_args!("{kw} heredoc {} body", h.name), h.body_span);
        if let Some(end) = h.end_span {
            check(format_args!("{kw} heredoc {} end", h.name), end);
        }
    }
    for p in &ins.pairs {
        check(format_args!("{kw} key {}", p.key), p.key_span);
        if let Some(v) = p.value_span {
            check(format_args!("{kw} value of {}", p.key), v);
        }
    }
    for c in &ins.comments {
        check(format_args!("{kw} comment"), c.span);
    }
    for s in &ins.empty_continuation_lines {
        check(format_args!("{kw} empty continuation line"), *s);
    }
    for v in &ins.vars {
        check(format_args!("{kw} variable ${}", v.name), v.span);
        check(format_args!("{kw} variable name ${}", v.name), v.name_span);
    }
    if let Some(inner) = &ins.onbuild {
        instruction_spans(inner, check);
    }
}

/// Where a span may point: inside `text`, in order, on character boundaries.
pub fn inside(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end),
        "{what} {span:?} is not a span of the text ({} bytes): {text:?}",
        text.len()
    );
}

fn finite(mb: Mb, what: &str, text: &str) {
    assert!(
        mb.uncompressed.is_finite()
            && mb.compressed.is_finite()
            && mb.uncompressed >= 0.0
            && mb.compressed >= 0.0,
        "{what} is {mb:?} for {text:?}"
    );
}

/// Checks what `analyze` returned for `text`: every span, stage and edge it points at lies
/// inside the text or the graph, every fix applies whole, and every size is a finite number.
pub fn check_analysis(text: &str, a: &Analysis) {
    let stages = a.graph.stages.len();
    if let Some(t) = a.graph.target {
        assert!(t < stages, "target {t} of {stages} stages for {text:?}");
    }
    for stage in &a.graph.stages {
        inside(text, stage.span, "stage");
        inside(text, stage.from_span, "stage FROM");
        assert!(stage.instructions.end <= a.tree.instructions.len());
    }
    for edge in &a.graph.edges {
        inside(text, edge.span, "edge");
        assert!(edge.to < stages, "edge into stage {} of {stages}", edge.to);
        match edge.from {
            NodeRef::Stage(i) => assert!(i < stages, "edge from stage {i} of {stages}"),
            NodeRef::Image(i) => assert!(i < a.graph.images.len(), "edge from image {i}"),
        }
    }
    for f in &a.findings {
        inside(text, f.span, f.code);
        if let Some(fix) = &f.fix {
            for e in &fix.edits {
                inside(text, e.span, &format!("{} fix edit", f.code));
            }
            // A fix's edits never overlap, so applying it applies every one of them.
            let (fixed, applied) = diagnostic::apply_edits(text, &fix.edits);
            assert_eq!(
                applied,
                fix.edits.len(),
                "{} fix {:?} on {text:?}",
                f.code,
                fix.title
            );
            // (The fixed text is parsed and checked by the fix target, round after round.)
            linear(&format!("{} fix", f.code), fixed.len(), text.len());
        }
    }
    finite(a.size.multi_stage, "the multi-stage size", text);
    for s in &a.size.stages {
        finite(s.total, "a stage size", text);
    }
    if let Some(single) = &a.size.single_stage {
        finite(single.total, "the single-stage size", text);
    }
}

/// Lays `graph` out and draws it in every format: finite coordinates, and drawings linear in the
/// `input` bytes the graph was read from.
pub fn check_drawings(graph: &Graph, text: &str) {
    let laid = layout::layout(graph);
    assert!(
        laid.width.is_finite() && laid.height.is_finite() && laid.width >= 0.0,
        "layout size {}x{} for {text:?}",
        laid.width,
        laid.height
    );
    for n in &laid.nodes {
        assert!(
            [n.x, n.y, n.w, n.h].iter().all(|v| v.is_finite()),
            "node box {n:?} for {text:?}"
        );
    }
    for (what, drawn) in [
        ("SVG", svg::render(graph)),
        ("DOT", dot::render(graph)),
        ("Mermaid", mermaid::render(graph)),
    ] {
        linear(what, drawn.len(), text.len());
    }
}

/// Checks the reports (Markdown, findings JSON, SARIF's results): the JSON ones parse. SARIF's
/// rule catalog does not depend on the findings (and is most of its bytes), so it is left to
/// report.rs's tests rather than written and parsed again for every input.
pub fn check_reports(text: &str, a: &Analysis) {
    let all = report::findings("Dockerfile", a);
    let _ = report::markdown(&all);
    for json in [report::findings_json(&all), report::sarif_results(&all)] {
        let printed = json.pretty();
        if let Err(e) = json_reads(&printed) {
            panic!("report JSON does not parse ({e}) for {text:?}");
        }
    }
}

/// Whether `text` is one JSON value: read through, not built into a tree (the syntax, the
/// strings and their escapes are checked all the same, without the allocations that were most
/// of the reports check's cost when fuzzing).
fn json_reads(text: &str) -> serde_json::Result<()> {
    serde_json::from_str::<serde::de::IgnoredAny>(text).map(|_| ())
}

/// Runs everything the playground and the CLI run on `text` and checks all of it.
pub fn check_pipeline(text: &str, config: &Config) -> Analysis {
    let a = analyze(text, config);
    check_analysis(text, &a);
    check_drawings(&a.graph, text);
    check_reports(text, &a);
    a
}

/// `fix_all`, checked round by round: it reaches a fixed point within `FIX_ROUNDS` analyses,
/// every round's text stays linear in the input, and the text it ends with has no syntax error
/// the input did not have. Returns the fixed text.
pub fn check_fix_to_fixed_point(text: &str, config: &Config) -> String {
    // A fragment (instructions before any FROM) is checked as if pasted after a FROM
    // (`rules::rule_view`), so a fix may add an instruction to it: each of its instructions is
    // an "X before the first FROM" error, and those are not counted. Anywhere else they count.
    let errors = parse(text).1;
    let fragment = errors
        .iter()
        .any(|e| matches!(e.kind, ErrorKind::InstructionBeforeFrom { .. }));
    let counted = |errors: Vec<SyntaxError>| -> Vec<SyntaxError> {
        errors
            .into_iter()
            .filter(|e| !(fragment && matches!(e.kind, ErrorKind::InstructionBeforeFrom { .. })))
            .collect()
    };
    let errors_before = counted(errors).len();
    let (fixed, settled) = crate::engine::fix_all_rounds(text, config, &mut |next| {
        linear("fixed text", next.len(), text.len());
    });
    assert!(
        settled,
        "fixing has not settled after {FIX_ROUNDS} analyses for {text:?}: now {fixed:?}"
    );
    let errors_after = counted(check_parse(&fixed).1);
    assert!(
        errors_after.len() <= errors_before,
        "fixing made syntax errors ({} before, {} after: {:?}) of {text:?}, giving {fixed:?}",
        errors_before,
        errors_after.len(),
        errors_after.iter().map(|e| e.message()).collect::<Vec<_>>()
    );
    fixed
}

pub mod targets;

#[cfg(test)]
mod tests {
    use super::json_reads;

    #[test]
    fn reading_json_through_still_refuses_what_is_not_json() {
        assert!(json_reads(r#"{"a": ["b", 1.5e3, null, {"c": "\u00e9\n"}]}"#).is_ok());
        for bad in [
            "{\"a\": \"\u{1}\"}", // a raw control character in a string
            r#"{"a": "\x"}"#,     // an escape JSON does not have
            r#"{"a": "\u12"}"#,   // a short unicode escape
            "[1,]",
            r#"{"a" 1}"#,
            "01",
            r#"{"a": 1} x"#,
            r#""open"#,
        ] {
            assert!(json_reads(bad).is_err(), "{bad:?} read as JSON");
        }
    }
}

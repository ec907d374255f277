//! Property tests standing in for a fuzzer. For any input the parser must not panic, must print
//! the input back byte for byte, and must keep every span inside the input on character
//! boundaries with tokens that tile it. The rest of the pipeline the playground runs on every
//! keystroke of half-typed text (graph, rules, fixes, size estimate, layout and every export)
//! must not panic either, and everything it points at must lie inside the text. Bounded (2000
//! cases per property, `PROPTEST_CASES` overrides) so it runs in CI on every change.

mod common;

use std::sync::LazyLock;

use airlock::engine::graph::{GraphProblemKind, NodeRef};
use airlock::engine::size::Mb;
use airlock::engine::syntax::{parse, print, Span};
use airlock::engine::{analyze, diagnostic, fix_all, Analysis, Config};
use airlock::render::{dot, layout, mermaid, report, svg};
use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::test_runner::FileFailurePersistence;

/// Fragments that steer random text towards the parser's hard parts.
const PIECES: &[&str] = &[
    "FROM",
    "from",
    "RUN",
    "run",
    "Run",
    "COPY",
    "ADD",
    "ARG",
    "ENV",
    "LABEL",
    "ONBUILD",
    "HEALTHCHECK",
    "NONE",
    "CMD",
    "ENTRYPOINT",
    "SHELL",
    "VOLUME",
    "EXPOSE",
    "USER",
    "WORKDIR",
    "STOPSIGNAL",
    "MAINTAINER",
    "FOO",
    "AS",
    "alpine",
    "x",
    "a=b",
    "A=",
    "\\",
    "\\\\",
    "`",
    "#",
    "# escape=`",
    "# escape=\\",
    "# escape=x",
    "# syntax=docker/dockerfile:1",
    "# check=skip=all",
    "<<EOF",
    "<<-EOF",
    "<<'EOF'",
    "<<\"EOF\"",
    "3<<EOF",
    "<<",
    "EOF",
    "\tEOF",
    "\"",
    "'",
    "[",
    "]",
    "[\"a\", \"b\"]",
    "[\"\\u00e9\\n\"]",
    ",",
    "$",
    "$V",
    "${V}",
    "${V:-x}",
    "${V#x}",
    "${V%%x}",
    "${",
    "{",
    "}",
    "--",
    "--mount=type=cache,target=/c",
    "--link",
    "--from=",
    "--platform=$P",
    "--=",
    "=",
    "\n",
    "\n",
    "\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    " ",
    " ",
    "\u{feff}",
    "é",
    "日本",
    "🐳",
    "\u{0}",
    "\u{7f}",
    "\u{2028}",
    ":-",
    "%",
];

/// Line breaks, including the ones that continue an instruction.
const BREAKS: &[&str] = &["\n", "\r\n", " \\\n", "`\n", "\n\n", "\\  \r\n", "\n# c\n"];

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/fuzz.txt",
        ))),
        ..ProptestConfig::default()
    }
}

/// Runs the parser and checks every invariant; panics (and so fails the case) on a breach.
fn check(input: &str) {
    let (tree, errors) = parse(input);
    let printed = print(&tree);
    assert!(
        printed == input,
        "print(parse(x)) != x\n input: {input:?}\nprinted: {printed:?}"
    );
    if let Err(problems) = common::check_spans(&tree, &errors) {
        panic!("input {input:?}:\n{problems}");
    }
    // Line and column lookups must hold for every span the CLI and the playground show.
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
}

/// Where a span may point: inside `text`, in order, on character boundaries.
fn inside(text: &str, span: Span, what: &str) {
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

/// The build settings a user can choose, drawn against the file: a target (a stage's name, an
/// index, or a name no stage has) and build args.
#[derive(Clone, Debug)]
struct Settings {
    target: Option<(Index, bool)>,
    build_args: Vec<(&'static str, &'static str)>,
}

fn settings() -> impl Strategy<Value = Settings> {
    (
        prop::option::of((any::<Index>(), any::<bool>())),
        prop::collection::vec((select(PIECES), select(PIECES)), 0..3),
    )
        .prop_map(|(target, build_args)| Settings { target, build_args })
}

impl Settings {
    fn config(&self, text: &str) -> Config {
        let mut config = Config::default();
        if let Some((at, by_name)) = &self.target {
            let stages = analyze(text, &config).graph.stages;
            config.graph.target = Some(match (by_name, stages.is_empty()) {
                (true, false) => {
                    let stage = at.get(&stages);
                    stage
                        .name
                        .clone()
                        .unwrap_or_else(|| stage.index.to_string())
                }
                (false, false) => at.index(stages.len() + 2).to_string(),
                (_, true) => "nosuchstage".to_string(),
            });
        }
        config.graph.build_args = self
            .build_args
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        config
    }
}

/// Runs everything the playground and the CLI run on `text` and checks what each returns points
/// inside the text; panics (and so fails the case) on a breach.
fn check_pipeline(text: &str, config: &Config) {
    let a: Analysis = analyze(text, config);
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
            let _ = parse(&fixed);
        }
    }
    finite(a.size.multi_stage, "the multi-stage size", text);
    for s in &a.size.stages {
        finite(s.total, "a stage size", text);
    }
    if let Some(single) = &a.size.single_stage {
        finite(single.total, "the single-stage size", text);
    }
    let laid = layout::layout(&a.graph);
    assert!(laid.width.is_finite() && laid.height.is_finite());
    for n in &laid.nodes {
        assert!(
            [n.x, n.y, n.w, n.h].iter().all(|v| v.is_finite()),
            "node box {n:?} for {text:?}"
        );
    }
    let _ = (
        svg::render(&a.graph),
        dot::render(&a.graph),
        mermaid::render(&a.graph),
    );
    let all = report::findings("Dockerfile", &a);
    let _ = report::markdown(&all);
    for json in [report::findings_json(&all), report::sarif(&all)] {
        let printed = json.pretty();
        if let Err(e) = serde_json::from_str::<serde_json::Value>(&printed) {
            panic!("report JSON does not parse ({e}) for {text:?}");
        }
    }
}

/// Dockerfile-ish text: random fragments glued together.
fn fragments() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            8 => select(PIECES).prop_map(str::to_string),
            1 => "\\PC{0,4}",
            1 => any::<char>().prop_map(String::from),
        ],
        0..80,
    )
    .prop_map(|parts| parts.concat())
}

/// Line-shaped text: a keyword, some fragments, then a line break or continuation.
fn lines() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            select(PIECES),
            prop::collection::vec(select(PIECES), 0..8),
            select(BREAKS),
        ),
        0..16,
    )
    .prop_map(|lines| {
        let mut out = String::new();
        for (keyword, args, brk) in lines {
            out.push_str(keyword);
            for arg in args {
                out.push(' ');
                out.push_str(arg);
            }
            out.push_str(brk);
        }
        out
    })
}

static CORPUS: LazyLock<Vec<String>> =
    LazyLock::new(|| common::corpus().into_iter().map(|f| f.text).collect());

/// One edit of a corpus file.
#[derive(Clone, Debug)]
enum Edit {
    Delete { at: Index, len: usize },
    Insert { at: Index, text: String },
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(
        prop_oneof![
            (any::<Index>(), 1..40usize).prop_map(|(at, len)| Edit::Delete { at, len }),
            (any::<Index>(), select(PIECES)).prop_map(|(at, text)| Edit::Insert {
                at,
                text: text.to_string()
            }),
            (any::<Index>(), any::<char>()).prop_map(|(at, c)| Edit::Insert {
                at,
                text: c.to_string()
            }),
        ],
        1..8,
    )
}

/// Applies the edits on character boundaries (the parser takes `&str`).
fn mutate(mut text: String, edits: &[Edit]) -> String {
    let floor = |text: &str, mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    for edit in edits {
        match edit {
            Edit::Delete { at, len } => {
                let start = floor(&text, at.index(text.len() + 1));
                let mut end = (start + len).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                text.replace_range(start..end, "");
            }
            Edit::Insert { at, text: piece } => {
                let at = floor(&text, at.index(text.len() + 1));
                text.insert_str(at, piece);
            }
        }
    }
    text
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn dockerish_fragments_hold_the_invariants(input in fragments()) {
        check(&input);
    }

    #[test]
    fn dockerish_lines_hold_the_invariants(input in lines()) {
        check(&input);
    }

    #[test]
    fn arbitrary_text_holds_the_invariants(chars in prop::collection::vec(any::<char>(), 0..200)) {
        check(&String::from_iter(chars));
    }

    #[test]
    fn mutated_corpus_files_hold_the_invariants(file in any::<Index>(), edits in edits()) {
        let original = file.get(&CORPUS).clone();
        check(&mutate(original, &edits));
    }
}

// The whole pipeline costs more per case than the parser alone: a quarter of the cases.
proptest! {
    #![proptest_config(ProptestConfig { cases: config().cases / 4, ..config() })]

    #[test]
    fn the_pipeline_holds_on_dockerish_lines(input in lines(), s in settings()) {
        check_pipeline(&input, &s.config(&input));
    }

    #[test]
    fn the_pipeline_holds_on_mutated_corpus_files(
        file in any::<Index>(),
        edits in edits(),
        s in settings(),
    ) {
        let text = mutate(file.get(&CORPUS).clone(), &edits);
        check_pipeline(&text, &s.config(&text));
    }

    /// A file as it is being typed: cut anywhere.
    #[test]
    fn the_pipeline_holds_on_half_typed_corpus_files(file in any::<Index>(), cut in any::<Index>()) {
        let original = file.get(&CORPUS);
        let mut at = cut.index(original.len() + 1);
        while !original.is_char_boundary(at) {
            at -= 1;
        }
        check_pipeline(&original[..at], &Config::default());
    }

    /// "Apply all fixes" and `airlock fix` on mangled text: they stop, and what they write
    /// still parses into a graph.
    #[test]
    fn fixing_everything_holds_on_mutated_corpus_files(file in any::<Index>(), edits in edits()) {
        let text = mutate(file.get(&CORPUS).clone(), &edits);
        let fixed = fix_all(&text, &Config::default());
        check_pipeline(&fixed, &Config::default());
    }
}

#[test]
fn tricky_inputs_hold_the_invariants() {
    for input in [
        "",
        "\u{feff}",
        "\u{feff}\u{feff}FROM a",
        "\\",
        "`",
        "\r",
        "\r\r\n",
        "\n\n",
        "#",
        "# escape=`\n`",
        "# escape=`\nRUN a `",
        "FROM a\nRUN <<EOF",
        "FROM a\nRUN <<EOF\n",
        "FROM a\nRUN <<-EOF\n\t",
        "FROM a\nRUN <<EOF <<EOF2\nEOF\n",
        "FROM a\nRUN <<",
        "FROM a\nCMD [",
        "FROM a\nCMD [\"\\u",
        "FROM a\nCMD [\"\\ud800\"]",
        "FROM a\nRUN --",
        "FROM a\nRUN --=",
        "FROM a\nENV ${",
        "FROM a\nONBUILD",
        "FROM a\nONBUILD ONBUILD",
        "ONBUILD \\\n",
        "HEALTHCHECK",
        "FROM é\\\n日本\\\r\n🐳",
        "RUN a \\\n\\\n\\",
        "\u{0}\u{7f}\u{2028}",
    ] {
        check(input);
    }
}

/// Generated files that crashed or hung airlock before (and would freeze the playground's tab at
/// every reload, the draft being analysed again): values that double with each line, references
/// and JSON arrays nested a hundred thousand deep, costly patterns, long chains. The sizes make
/// a return to quadratic time take minutes rather than seconds, and the deep ones overflow a
/// test thread's stack if the recursion comes back.
#[test]
fn hostile_inputs_end_with_their_problems_noted() {
    let doubling = |kw: &str| {
        let mut text = String::from("FROM alpine AS base\nARG A0=0123456789\n");
        for i in 1..=40 {
            text.push_str(&format!("{kw} A{i}=${{A{}}}${{A{}}}\n", i - 1, i - 1));
        }
        text + "FROM alpine:${A40}\nRUN echo $A40\n"
    };
    let global_doubling = doubling("ARG").replacen("FROM alpine AS base\n", "", 1);
    let nested = |n: usize| format!("{}x{}", "${NOPE:-".repeat(n), "}".repeat(n));
    let long = "a".repeat(60_000);
    type Noted = Option<fn(&GraphProblemKind) -> bool>;
    let cases: Vec<(&str, String, Noted)> = vec![
        (
            "global ARGs that double",
            global_doubling,
            Some(|k| matches!(k, GraphProblemKind::ValueTooLong { .. })),
        ),
        ("stage ENVs that double", doubling("ENV"), None),
        (
            "a FROM nested 100,000 deep",
            format!("FROM alpine:{}\n", nested(100_000)),
            Some(|k| matches!(k, GraphProblemKind::NestedTooDeep { .. })),
        ),
        (
            "a RUN nested 100,000 deep",
            format!("FROM alpine\nRUN echo {}\n", nested(100_000)),
            None,
        ),
        (
            "100,000 unclosed references",
            format!("FROM alpine\nRUN echo {}\n", "${A:-".repeat(100_000)),
            None,
        ),
        (
            "a JSON array nested 200,000 deep",
            format!("FROM alpine\nCMD {}\n", "[".repeat(200_000)),
            None,
        ),
        (
            "a pattern that would scan from every place",
            format!("ARG V={long}\nFROM alpine:${{V//*b/c}}\n"),
            Some(|k| matches!(k, GraphProblemKind::PatternTooCostly { .. })),
        ),
        (
            "a command wrapped 50,000 times",
            format!(
                "FROM alpine\nRUN {}apt-get install curl\n",
                "sudo -E ".repeat(50_000)
            ),
            None,
        ),
        (
            "an ENV of 20,000 pairs each using the last",
            format!(
                "FROM alpine\nENV K0=0 {}\n",
                (1..20_000)
                    .map(|i| format!("K{i}=$K{}", i - 1))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            None,
        ),
        (
            "1,000 ENVs that each extend PATH",
            format!(
                "FROM alpine\n{}",
                "ENV PATH=$PATH:/opt/x/bin\n".repeat(1000)
            ),
            None,
        ),
        (
            "2,000 ENVs that each use an undefined variable",
            format!("FROM alpine\n{}", "ENV A=${A:-${B:-x}}\n".repeat(2000)),
            None,
        ),
        (
            "ONBUILD wrapped 100,000 times",
            format!("FROM alpine\n{}RUN make\n", "ONBUILD ".repeat(100_000)),
            None,
        ),
        (
            "a chain of 2,000 stages",
            std::iter::once("FROM alpine AS s0\n".to_string())
                .chain((1..2000).map(|i| format!("FROM s{} AS s{i}\nRUN cd /x\n", i - 1)))
                .collect(),
            None,
        ),
    ];
    for (what, text, expected) in cases {
        let a = analyze(&text, &Config::default());
        if let Some(expected) = expected {
            assert!(
                a.graph.problems.iter().any(|p| expected(&p.kind)),
                "{what}: the problem is not noted: {:?}",
                a.graph
                    .problems
                    .iter()
                    .map(|p| &p.kind)
                    .take(5)
                    .collect::<Vec<_>>()
            );
        }
        check_pipeline(&text, &Config::default());
    }
}

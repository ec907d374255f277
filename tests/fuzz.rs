//! Property tests standing in for a fuzzer. For any input the parser must not panic, must print
//! the input back byte for byte, and must keep every span inside the input on character
//! boundaries with tokens that tile it. The rest of the pipeline the playground runs on every
//! keystroke of half-typed text (graph, rules, fixes, size estimate, layout and every export)
//! must not panic either, and everything it points at must lie inside the text. Bounded (2000
//! cases per property, `PROPTEST_CASES` overrides) so it runs in CI on every change. The checks
//! are the library's (`airlock::invariants`), shared with the libFuzzer targets in fuzz/.

mod common;

use std::sync::LazyLock;

use airlock::engine::graph::GraphProblemKind;
use airlock::engine::{analyze, fix_all, Config};
use airlock::invariants::{check_parse as check, check_pipeline};
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

/// Short inputs at the parser's edges (also seeds of the fuzz targets).
const TRICKY: &[&str] = &[
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
];

#[test]
fn tricky_inputs_hold_the_invariants() {
    for input in TRICKY {
        check(input);
    }
}

type Noted = Option<fn(&GraphProblemKind) -> bool>;

/// Generated files that crashed or hung airlock before (and would freeze the playground's tab at
/// every reload, the draft being analysed again): values that double with each line, references
/// and JSON arrays nested a hundred thousand deep, costly patterns, long chains. The sizes make
/// a return to quadratic time take minutes rather than seconds, and the deep ones overflow a
/// test thread's stack if the recursion comes back.
/// The hostile cases at `1/div` of their size (1: as the test runs them; the fuzz seeds are
/// smaller). The doubling ones keep their 40 lines: their size is the value's, not the text's.
fn hostile_cases(div: usize) -> Vec<(&'static str, String, Noted)> {
    let n = |full: usize| (full / div).max(2);
    let doubling = |kw: &str| {
        let mut text = String::from("FROM alpine AS base\nARG A0=0123456789\n");
        for i in 1..=40 {
            text.push_str(&format!("{kw} A{i}=${{A{}}}${{A{}}}\n", i - 1, i - 1));
        }
        text + "FROM alpine:${A40}\nRUN echo $A40\n"
    };
    let global_doubling = doubling("ARG").replacen("FROM alpine AS base\n", "", 1);
    let nested = |n: usize| format!("{}x{}", "${NOPE:-".repeat(n), "}".repeat(n));
    let long = "a".repeat(n(60_000));
    vec![
        (
            "global ARGs that double",
            global_doubling,
            Some(|k| matches!(k, GraphProblemKind::ValueTooLong { .. })),
        ),
        ("stage ENVs that double", doubling("ENV"), None),
        (
            "a FROM nested 100,000 deep",
            format!("FROM alpine:{}\n", nested(n(100_000))),
            Some(|k| matches!(k, GraphProblemKind::NestedTooDeep { .. })),
        ),
        (
            "a RUN nested 100,000 deep",
            format!("FROM alpine\nRUN echo {}\n", nested(n(100_000))),
            None,
        ),
        (
            "100,000 unclosed references",
            format!("FROM alpine\nRUN echo {}\n", "${A:-".repeat(n(100_000))),
            None,
        ),
        (
            "a JSON array nested 200,000 deep",
            format!("FROM alpine\nCMD {}\n", "[".repeat(n(200_000))),
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
                "sudo -E ".repeat(n(50_000))
            ),
            None,
        ),
        (
            "an ENV of 20,000 pairs each using the last",
            format!(
                "FROM alpine\nENV K0=0 {}\n",
                (1..n(20_000))
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
                "ENV PATH=$PATH:/opt/x/bin\n".repeat(n(1000))
            ),
            None,
        ),
        (
            "2,000 ENVs that each use an undefined variable",
            format!("FROM alpine\n{}", "ENV A=${A:-${B:-x}}\n".repeat(n(2000))),
            None,
        ),
        (
            "ONBUILD wrapped 100,000 times",
            format!("FROM alpine\n{}RUN make\n", "ONBUILD ".repeat(n(100_000))),
            None,
        ),
        (
            "a chain of 2,000 stages",
            std::iter::once("FROM alpine AS s0\n".to_string())
                .chain((1..n(2000)).map(|i| format!("FROM s{} AS s{i}\nRUN cd /x\n", i - 1)))
                .collect(),
            None,
        ),
    ]
}

/// The hostile cases at full size: their problems noted, and the whole pipeline holds.
#[test]
fn hostile_inputs_end_with_their_problems_noted() {
    for (what, text, expected) in hostile_cases(1) {
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

/// Writes the fuzz targets' seeds under `$AIRLOCK_FUZZ_SEEDS/TARGET/` (scripts/fuzz.sh runs it):
/// the corpus (both folders), the test fixtures, the tricky and (smaller) hostile inputs, and for
/// the targets that read more than a Dockerfile the same files in their input shape.
#[test]
#[ignore = "writes files; scripts/fuzz.sh runs it"]
fn write_fuzz_seeds() {
    use airlock::view::share;
    let Some(root) = std::env::var_os("AIRLOCK_FUZZ_SEEDS") else {
        panic!("set AIRLOCK_FUZZ_SEEDS to the folder to write to");
    };
    let root = std::path::PathBuf::from(root);
    let mut files: Vec<String> = CORPUS.clone();
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/large");
    let mut fixtures =
        vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")];
    fixtures.push(shared);
    while let Some(dir) = fixtures.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                fixtures.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                files.push(text);
            }
        }
    }
    files.extend(TRICKY.iter().map(|t| t.to_string()));
    files.extend(hostile_cases(100).into_iter().map(|(_, text, _)| text));
    let mut seeds: Vec<(&str, Vec<u8>)> = Vec::new();
    for (i, text) in files.iter().enumerate() {
        for target in ["parse", "analyze", "fix", "layout"] {
            seeds.push((target, text.clone().into_bytes()));
        }
        // Every 8th file again with settings: a target by name and a build arg.
        if i % 8 == 0 {
            seeds.push((
                "analyze",
                [&[0xFF, 0b0101, i as u8, 0][..], b"x\0", text.as_bytes()].concat(),
            ));
        }
        seeds.push((
            "lsp",
            [
                text.as_bytes(),
                b"\0",
                &[0, 3, 0, 2, 4],
                b"RUN x\0",
                &[6, 1, 2, 10, 0, 0, 0, 9, 9, 11],
            ]
            .concat(),
        ));
        seeds.push((
            "goal",
            [
                b"no syntax errors\nstages >= 2\nsize < 100 MB\nno warnings of AL1*\n".as_slice(),
                b"\0",
                text.as_bytes(),
            ]
            .concat(),
        ));
        if text.contains("--- dockerignore") {
            // A BuildKit check case: its .dockerignore, then its sources.
            let ignore = text
                .split("--- dockerignore")
                .nth(1)
                .and_then(|r| r.split("--- end").next())
                .unwrap_or("");
            seeds.push((
                "dockerignore",
                [
                    ignore.as_bytes(),
                    b"\0Dockerfile\nsrc/a.go\nnode_modules/x\n.git\n",
                ]
                .concat(),
            ));
        }
        if i % 16 == 0 {
            let mut s = share::Snapshot {
                text: text.clone(),
                ..Default::default()
            };
            s.graph.target = Some("run".into());
            s.graph.build_args.push(("V".into(), "1".into()));
            s.rules.enable.push("all".into());
            s.rules.dockerignore = Some("*.md\n".into());
            s.size.overrides.push(("alpine".into(), 7.5));
            s.pane = Some("size".into());
            let payload = share::encode(&s);
            seeds.push(("share", [b"0", share::to_stored(&s).as_bytes()].concat()));
            seeds.push((
                "share",
                [b"1", share::fragment(&payload).as_bytes()].concat(),
            ));
            seeds.push((
                "share",
                [&[2u8][..], &payload[..payload.len() - 5]].concat(),
            ));
        }
    }
    for exercise in airlock::view::workshop::exercises().into_iter().flatten() {
        let goals: Vec<&str> = exercise.goals.iter().map(|g| g.text.as_str()).collect();
        let dockerfile = exercise.solution.as_deref().unwrap_or(&exercise.start);
        seeds.push((
            "goal",
            format!("{}\0{dockerfile}", goals.join("\n")).into_bytes(),
        ));
    }
    for toml in [
        "[rules]\ndisable = [\"all\"]\n",
        "[rules]\nfail-on = \"loud\"\n",
        "[rules]\nnon-root-uid = 10001\n",
        "[rules]\nenable = [\"all\"]\ndisable = [\"AL1\"]\nfail-on = \"warning\"\ntrusted-registries = [\"docker.io\"]\nstrict-labels = true\n[rules.severity]\nAL104 = \"error\"\n[rules.label-schema]\nversion = \"semver\"\n[files]\ninclude = [\"**/*.docker\"]\nexclude = [\"vendor/\"]\n",
        "{\"rules\": {\"enable\": [\"all\"], \"non-root-uid\": 1}}",
    ] {
        seeds.push(("config", toml.as_bytes().to_vec()));
    }
    for patterns in [
        "*\n!src\n",
        "**/*.go\n!main.go\n",
        "node_modules\n# c\n/tmp/?x\n[a-c]*\n",
        "**\n!**/keep/**\n",
    ] {
        seeds.push((
            "dockerignore",
            format!("{patterns}\0main.go\nsrc/\nnode_modules/a/b\ntmp/ax\n.\n").into_bytes(),
        ));
    }
    let mut count = 0;
    for (target, bytes) in seeds {
        let dir = root.join(target);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("seed-{count:05}")), bytes).unwrap();
        count += 1;
    }
    println!("{count} seeds written under {}", root.display());
}

/// How far above the corpus the fuzz targets' linear bound (`invariants::linear`) sits: the
/// largest output per input byte of the drawings and of "fix everything" over the corpus's
/// files of 4 KB or more, printed, and at most a quarter of the bound (the rest is headroom for odd but fair files).
#[test]
fn outputs_stay_linear_on_the_corpus() {
    use airlock::invariants::{all_rules_config, BYTES_PER_INPUT_BYTE, SLACK};
    use airlock::render::{dot, mermaid, svg};
    let mut worst: Vec<(&str, usize, f64)> = Vec::new();
    let mut note = |what: &'static str, len: usize, input: usize| {
        let ratio = len as f64 / input as f64;
        match worst.iter_mut().find(|(w, _, _)| *w == what) {
            Some(w) if w.2 >= ratio => {}
            Some(w) => *w = (what, input, ratio),
            None => worst.push((what, input, ratio)),
        }
    };
    // Files past the fixed part (`SLACK`), where the output per byte is the slope.
    for text in CORPUS.iter().filter(|t| t.len() >= SLACK / 4) {
        let a = analyze(text, &Config::default());
        note("SVG", svg::render(&a.graph).len(), text.len());
        note("DOT", dot::render(&a.graph).len(), text.len());
        note("Mermaid", mermaid::render(&a.graph).len(), text.len());
        note(
            "fixed text",
            fix_all(text, &all_rules_config()).len(),
            text.len(),
        );
    }
    for (what, input, ratio) in &worst {
        println!("{what}: at most {ratio:.2} bytes per input byte ({input}-byte file)");
        assert!(
            *ratio <= (BYTES_PER_INPUT_BYTE / 4) as f64,
            "{what}: {ratio:.2} bytes per input byte"
        );
    }
}

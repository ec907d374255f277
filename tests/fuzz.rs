//! Property tests standing in for a fuzzer: for any input the parser must not panic, must print
//! the input back byte for byte, and must keep every span inside the input on character
//! boundaries with tokens that tile it. Bounded (2000 cases per property, `PROPTEST_CASES`
//! overrides) so it runs in CI on every change.

mod common;

use std::sync::LazyLock;

use airlock::engine::syntax::{parse, print};
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

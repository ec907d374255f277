//! Differential test against an independent parser, the `parse-dockerfile` crate: on every
//! corpus file it accepts, airlock must find the same instructions (keyword, first line, last
//! line). parse-dockerfile is strict and stops at the first thing it does not know, so the files
//! it rejects are listed rather than compared; where the two disagree on a file it accepts,
//! BuildKit's documented behaviour decides, and a confirmed parse-dockerfile mistake goes in
//! `KNOWN_DIFFERENCES` with the reason.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use airlock::engine::syntax::{parse, Instruction};
use serde_json::Value;

/// Inputs where parse-dockerfile departs from BuildKit, with the reason; keyed by corpus file
/// name or edge-case name. The test checks that they still differ, so a fixed parse-dockerfile
/// (or a changed airlock) shows up.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[(
    "escaped escape at end of line",
    "BuildKit continues a line only on `([^\\\\])\\\\[ \\t]*$|^\\\\[ \\t]*$`: `a \\\\` ends the \
     instruction; parse-dockerfile continues it",
)];

/// The syntax items of BuildKit's Dockerfile reference that the corpus may not cover, each
/// small enough to read; all are accepted by parse-dockerfile.
const EDGE_CASES: &[(&str, &str)] = &[
    ("lowercase and mixed-case keywords", "from alpine\nRun echo\ncoPY a b\n"),
    ("leading whitespace", "FROM a\n   RUN x\n\tCMD y\n"),
    ("BOM", "\u{feff}FROM a\nRUN b\n"),
    ("CRLF", "FROM a\r\nRUN a \\\r\n b\r\nCMD c\r\n"),
    ("directives", "# syntax=docker/dockerfile:1\n# check=skip=all\nFROM a\n"),
    ("backtick escape", "# escape=`\nFROM a\nRUN a `\n  b\nWORKDIR C:\\app\n"),
    ("empty line in continuation", "FROM a\nRUN a \\\n\n  b\nCMD c\n"),
    ("comment in continuation", "FROM a\nRUN a \\\n# c\n  b\nCMD c\n"),
    ("whitespace after escape", "FROM a\nRUN a \\  \n b\nCMD c\n"),
    ("lone escape on a line", "FROM a\nRUN a \\\n\\\n b\nCMD c\n"),
    ("escape at end of file", "FROM a\nRUN a \\"),
    ("escaped escape at end of line", "FROM a\nRUN a \\\\\nRUN b\n"),
    ("heredoc", "FROM a\nRUN <<EOF\necho \\\nEOF\nCMD c\n"),
    ("heredoc with tab stripping", "FROM a\nRUN <<-EOF\n\techo\n\tEOF\nCMD c\n"),
    ("quoted heredoc", "FROM a\nRUN <<'EOF'\n$x\nEOF\nCOPY <<\"EOF\" /x\ny\nEOF\n"),
    ("two heredocs on COPY", "FROM a\nCOPY <<A <<B /d/\na\nA\nb\nB\nCMD c\n"),
    ("heredoc after a flag", "FROM a\nRUN --mount=type=cache,target=/c <<EOF\nhi\nEOF\n"),
    (
        "flags",
        "FROM --platform=$BUILDPLATFORM golang:1 AS b\nCOPY --parents --exclude=*.md --link a/ b/\n\
         COPY --chmod=755 --chown=a:b --from=b x y\nADD --checksum=sha256:abc https://x/y /z\n\
         ADD --keep-git-dir=true https://x/y.git /z\nRUN --network=none --security=insecure x\n\
         RUN --mount=type=secret,id=s --mount=type=ssh x\nRUN -- x\n",
    ),
    (
        "exec form",
        "FROM a\nRUN [\"a\", \"b\"]\nCMD [\"a\\u00e9\\n\\\"\\/\"]\nENTRYPOINT [\"e\"]\n\
         SHELL [\"pwsh\", \"-c\"]\nVOLUME [\"/c\"]\nCMD []\n",
    ),
    ("invalid JSON falls back to shell form", "FROM a\nCMD [\"a\" \"b\"]\nCMD [\"a\"] b\n"),
    ("ARG, ENV and LABEL forms", "ARG a b=c\nARG A=\nFROM a\nENV A b c\nENV A=\"x y\" B=c\\ d\nLABEL a b\n"),
    ("ONBUILD", "FROM a\nONBUILD COPY . /x\nONBUILD RUN a \\\n b\n"),
    ("HEALTHCHECK", "FROM a\nHEALTHCHECK NONE\nHEALTHCHECK --interval=5s --timeout=3s CMD curl x\n"),
    ("stage names and quoted images", "FROM \"a\" AS my.stage\nFROM my.stage\n"),
    ("other instructions", "FROM a\nEXPOSE 80/tcp 443\nUSER 1000:1000\nSTOPSIGNAL SIGTERM\nMAINTAINER me\nVOLUME /a /b\n"),
];

/// What both parsers must agree on, keyed by the instruction's first line.
#[derive(Debug, PartialEq, Eq)]
struct Seen {
    /// Upper case; `ONBUILD RUN` for a wrapped instruction.
    keyword: String,
    end_line: u32,
}

#[test]
fn airlock_agrees_with_parse_dockerfile_on_the_corpus() {
    let files = common::corpus();
    let mut accepted = 0;
    let mut airlock_clean = 0;
    let mut rejected = Vec::new();
    let mut disagreements = Vec::new();
    for file in &files {
        if parse(&file.text).1.is_empty() {
            airlock_clean += 1;
        }
        match differences(&file.name, &file.text) {
            Ok(found) => {
                accepted += 1;
                disagreements.extend(known_or_not(&file.name, found));
            }
            Err(e) => rejected.push(format!("  {}: {e}", file.name)),
        }
    }

    println!(
        "corpus: {} files; parse-dockerfile accepts {accepted}, airlock parses {airlock_clean} with zero errors",
        files.len()
    );
    if !rejected.is_empty() {
        println!("parse-dockerfile rejects:\n{}", rejected.join("\n"));
    }
    assert!(
        accepted > 0,
        "parse-dockerfile accepted no corpus file: nothing was compared"
    );
    assert!(
        disagreements.is_empty(),
        "airlock and parse-dockerfile disagree in {} places (file:line: what, airlock vs parse-dockerfile):\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}

#[test]
fn airlock_agrees_with_parse_dockerfile_on_edge_cases() {
    let mut disagreements = Vec::new();
    for (name, text) in EDGE_CASES {
        match differences(name, text) {
            Ok(found) => disagreements.extend(known_or_not(name, found)),
            Err(e) => disagreements.push(format!(
                "  {name}: parse-dockerfile rejects this edge case ({e}); compare something it accepts"
            )),
        }
    }
    assert!(
        disagreements.is_empty(),
        "airlock and parse-dockerfile disagree (case:line: what, airlock vs parse-dockerfile):\n{}",
        disagreements.join("\n")
    );
}

/// The disagreements to report: all of them, unless the input is a known difference, in which
/// case none, or a note when it no longer differs.
fn known_or_not(name: &str, found: Vec<String>) -> Vec<String> {
    match KNOWN_DIFFERENCES.iter().find(|(n, _)| *n == name) {
        None => found,
        Some(_) if found.is_empty() => vec![format!(
            "  {name}: listed in KNOWN_DIFFERENCES but the parsers now agree; remove it"
        )],
        Some((_, why)) => {
            println!("known difference, skipped: {name}: {why}");
            Vec::new()
        }
    }
}

/// Where airlock and parse-dockerfile disagree on `text`, one line each; `Err` with
/// parse-dockerfile's message when it rejects the input.
fn differences(name: &str, text: &str) -> Result<Vec<String>, String> {
    let dockerfile = parse_dockerfile::parse(text).map_err(|e| e.to_string())?;
    let theirs = their_instructions(text, &dockerfile);
    let (tree, _) = parse(text);
    let ours: BTreeMap<u32, Seen> = tree
        .instructions
        .iter()
        .map(|ins| (tree.lines(ins.span).0, our_seen(&tree, ins)))
        .collect();
    let mut out = Vec::new();
    compare(name, &ours, &theirs, &mut out);
    Ok(out)
}

fn compare(
    file: &str,
    ours: &BTreeMap<u32, Seen>,
    theirs: &BTreeMap<u32, Seen>,
    out: &mut Vec<String>,
) {
    let lines: std::collections::BTreeSet<u32> =
        ours.keys().chain(theirs.keys()).copied().collect();
    for line in lines {
        let mut msg = String::new();
        match (ours.get(&line), theirs.get(&line)) {
            (Some(a), Some(b)) => {
                if a.keyword != b.keyword {
                    let _ = write!(msg, "keyword {} vs {}", a.keyword, b.keyword);
                } else if a.end_line != b.end_line {
                    let _ = write!(
                        msg,
                        "{} ends on line {} vs line {}",
                        a.keyword, a.end_line, b.end_line
                    );
                }
            }
            (Some(a), None) => {
                let _ = write!(msg, "{} starts here vs no instruction", a.keyword);
            }
            (None, Some(b)) => {
                let _ = write!(msg, "no instruction vs {} starts here", b.keyword);
            }
            (None, None) => {}
        }
        if !msg.is_empty() {
            out.push(format!("  {file}:{line}: {msg}"));
        }
    }
}

fn our_seen(tree: &airlock::engine::syntax::Dockerfile, ins: &Instruction) -> Seen {
    let mut keyword = ins.keyword.kind.as_str().to_string();
    if let Some(inner) = &ins.onbuild {
        keyword.push(' ');
        keyword.push_str(inner.keyword.kind.as_str());
    }
    Seen {
        keyword,
        end_line: tree.lines(ins.span).1,
    }
}

/// parse-dockerfile's instructions by first line. It has no span for a whole instruction, so
/// the last line is the furthest any of its spans reaches, read from its serde form (which
/// covers every variant without naming them). parse-dockerfile drops a leading BOM and counts
/// offsets from after it; a BOM holds no line break, so lines are unaffected.
fn their_instructions(
    text: &str,
    dockerfile: &parse_dockerfile::Dockerfile,
) -> BTreeMap<u32, Seen> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let line_of = |offset: usize| {
        text.as_bytes()[..offset.min(text.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u32
            + 1
    };
    dockerfile
        .instructions
        .iter()
        .map(|ins| {
            let value = serde_json::to_value(ins).expect("parse-dockerfile trees serialize");
            let mut keyword = kind(&value);
            if let Some(inner) = value.get("instruction") {
                keyword.push(' ');
                keyword.push_str(&kind(inner));
            }
            let mut start = usize::MAX;
            let mut last_line = 0;
            walk_spans(&value, &mut |span, heredoc| {
                start = start.min(span.0);
                // A heredoc's span ends where its terminator starts: that line belongs to it.
                let end_line = if heredoc || span.1 == span.0 {
                    line_of(span.1)
                } else {
                    line_of(span.1 - 1)
                };
                last_line = last_line.max(end_line);
            });
            (
                line_of(start),
                Seen {
                    keyword,
                    end_line: last_line,
                },
            )
        })
        .collect()
}

fn kind(value: &Value) -> String {
    value
        .get("kind")
        .and_then(Value::as_str)
        .expect("parse-dockerfile tags instructions with `kind`")
        .to_string()
}

/// Calls `f` with every `{start, end}` range under `value`; `true` for a heredoc's span.
fn walk_spans(value: &Value, f: &mut impl FnMut((usize, usize), bool)) {
    match value {
        Value::Object(map) => {
            if let (Some(start), Some(end)) = (
                map.get("start").and_then(Value::as_u64),
                map.get("end").and_then(Value::as_u64),
            ) {
                f((start as usize, end as usize), false);
                return;
            }
            let heredoc = map.contains_key("expand");
            for (key, child) in map {
                match (heredoc, key.as_str(), child) {
                    (true, "span", Value::Object(span)) => {
                        if let (Some(start), Some(end)) = (
                            span.get("start").and_then(Value::as_u64),
                            span.get("end").and_then(Value::as_u64),
                        ) {
                            f((start as usize, end as usize), true);
                        }
                    }
                    _ => walk_spans(child, f),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| walk_spans(item, f)),
        _ => {}
    }
}

fn seen(keyword: &str, end_line: u32) -> Seen {
    Seen {
        keyword: keyword.to_string(),
        end_line,
    }
}

#[test]
fn parse_dockerfile_lines_cover_continuations_heredocs_and_onbuild() {
    let text = "FROM alpine\nRUN a \\\n  b\nCOPY <<EOF /x\nbody\nEOF\nONBUILD RUN c\nCMD [\"d\"]\n";
    let dockerfile = parse_dockerfile::parse(text).expect("valid Dockerfile");
    let expected = BTreeMap::from([
        (1, seen("FROM", 1)),
        (2, seen("RUN", 3)),
        (4, seen("COPY", 6)),
        (7, seen("ONBUILD RUN", 7)),
        (8, seen("CMD", 8)),
    ]);
    assert_eq!(their_instructions(text, &dockerfile), expected);
}

#[test]
fn a_disagreement_names_the_file_the_line_and_both_values() {
    let ours = BTreeMap::from([(1, seen("FROM", 1)), (2, seen("RUN", 3))]);
    let theirs = BTreeMap::from([
        (1, seen("FROM", 1)),
        (2, seen("RUN", 2)),
        (4, seen("CMD", 4)),
    ]);
    let mut out = Vec::new();
    compare("x.Dockerfile", &ours, &theirs, &mut out);
    assert_eq!(
        out,
        [
            "  x.Dockerfile:2: RUN ends on line 3 vs line 2",
            "  x.Dockerfile:4: no instruction vs CMD starts here",
        ]
    );
}

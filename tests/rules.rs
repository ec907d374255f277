//! The rules: the catalog (docs, examples, codes), one fixture per rule with marked lines, fixes
//! that converge, ignore comments and configuration.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use airlock::engine::diagnostic::apply_edits;
use airlock::engine::registry::RULES;
use airlock::engine::{analyze, Analysis, Config, RuleConfig, Severity};

fn check(src: &str) -> Analysis {
    analyze(src, &Config::default())
}

fn codes_at(a: &Analysis, code: &str) -> BTreeSet<u32> {
    a.findings
        .iter()
        .filter(|f| f.code == code)
        .map(|f| a.tree.line_col(f.span.start).line)
        .collect()
}

// ---- catalog ----

#[test]
fn codes_are_unique_and_sorted() {
    let codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(codes, sorted, "registry codes must be unique and in order");
    for r in RULES {
        assert!(r.code.len() == 5 && r.code.starts_with("AL"), "{}", r.code);
        assert!(
            r.name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "{}",
            r.name
        );
    }
}

#[test]
fn docs_have_the_sections_in_order() {
    for r in RULES {
        let doc = r.doc();
        let mut at = 0;
        for section in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "Use instead:",
        ] {
            let found = doc[at..]
                .find(section)
                .unwrap_or_else(|| panic!("{}: no `{section}` after byte {at}", r.code));
            at += found + section.len();
        }
    }
}

#[test]
fn every_example_fires_and_every_use_instead_is_clean() {
    for r in RULES {
        let example = r
            .doc_block("## Example")
            .unwrap_or_else(|| panic!("{}: no example block", r.code));
        let fixed = r
            .doc_block("Use instead:")
            .unwrap_or_else(|| panic!("{}: no use-instead block", r.code));
        let mut config = Config::default();
        config.rules.enable.push(r.code.to_string());
        let a = analyze(&example, &config);
        assert!(
            a.findings.iter().any(|f| f.code == r.code),
            "{}: example does not fire:\n{example}",
            r.code
        );
        assert!(
            a.errors.is_empty(),
            "{}: example has syntax errors: {:?}",
            r.code,
            a.errors
        );
        let b = analyze(&fixed, &config);
        assert!(
            !b.findings.iter().any(|f| f.code == r.code),
            "{}: use-instead fires:\n{fixed}",
            r.code
        );
        assert!(
            b.errors.is_empty(),
            "{}: use-instead has syntax errors: {:?}",
            r.code,
            b.errors
        );
    }
}

// ---- fixtures ----

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// The code a fixture is for: its file name up to the first `-` or `.`.
fn fixture_code(path: &Path) -> String {
    let name = path.file_name().unwrap().to_string_lossy();
    name.split(['-', '.']).next().unwrap().to_string()
}

#[test]
fn every_rule_has_a_fixture() {
    let covered: BTreeSet<String> = fixtures().iter().map(|p| fixture_code(p)).collect();
    for r in RULES {
        assert!(
            covered.contains(r.code),
            "{} has no tests/fixtures/rules/{}.Dockerfile",
            r.code,
            r.code
        );
    }
}

/// Lines marked `# expect: CODE` name the instruction after them; exactly those fire.
#[test]
fn fixtures_fire_on_marked_lines_only() {
    for path in fixtures() {
        let code = fixture_code(&path);
        let src = std::fs::read_to_string(&path).unwrap();
        let mut config = Config::default();
        config.rules.enable.push(code.clone());
        let a = analyze(&src, &config);
        assert!(
            a.errors.is_empty(),
            "{}: syntax errors {:?}",
            path.display(),
            a.errors
        );
        let mut expected = BTreeSet::new();
        for c in a
            .tree
            .comments
            .iter()
            .filter(|c| c.text == format!("expect: {code}"))
        {
            let next = a
                .tree
                .instructions
                .iter()
                .find(|i| i.span.start > c.span.start)
                .expect("an instruction follows");
            expected.insert(a.tree.line_col(next.span.start).line);
        }
        assert_eq!(codes_at(&a, &code), expected, "{}", path.display());
        let rendered: Vec<String> = a
            .findings
            .iter()
            .filter(|f| f.code == code)
            .map(|f| {
                let at = a.tree.line_col(f.span.start);
                let fix = f
                    .fix
                    .as_ref()
                    .map(|x| format!(" [fix: {}]", x.title))
                    .unwrap_or_default();
                format!(
                    "{}:{}: {} {}: {}{fix}",
                    at.line,
                    at.column,
                    f.severity.as_str(),
                    f.code,
                    f.message
                )
            })
            .collect();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        insta::assert_snapshot!(format!("rules-{name}"), rendered.join("\n"));
    }
}

// ---- fixes ----

/// Applies every fix until none is left; the result must parse cleanly and not fire again.
#[test]
fn fixes_converge_and_reparse_cleanly() {
    let mut inputs: Vec<PathBuf> = fixtures();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("static/examples");
    inputs.extend(
        std::fs::read_dir(examples)
            .unwrap()
            .map(|e| e.unwrap().path()),
    );
    for path in inputs {
        let mut text = std::fs::read_to_string(&path).unwrap();
        let errors_before = check(&text).errors.len();
        for round in 0.. {
            assert!(round < 10, "{}: fixes do not converge", path.display());
            let a = check(&text);
            let edits: Vec<_> = a
                .findings
                .iter()
                .filter_map(|f| f.fix.as_ref())
                .flat_map(|f| f.edits.clone())
                .collect();
            if edits.is_empty() {
                break;
            }
            let (next, applied) = apply_edits(&text, &edits);
            assert!(applied > 0);
            text = next;
        }
        let after = check(&text);
        assert!(
            after.errors.len() <= errors_before,
            "{}: fixes added syntax errors:\n{text}",
            path.display()
        );
        assert!(
            after.findings.iter().all(|f| f.fix.is_none()),
            "{}",
            path.display()
        );
    }
}

#[test]
fn root_fix_inserts_user_before_the_entrypoint() {
    let src = "FROM golang AS b\nFROM scratch\nCOPY --from=b /app /app\nENTRYPOINT [\"/app\"]\n";
    let a = check(src);
    let f = a.findings.iter().find(|f| f.code == "AL104").unwrap();
    let (fixed, _) = apply_edits(src, &f.fix.as_ref().unwrap().edits);
    assert_eq!(fixed, "FROM golang AS b\nFROM scratch\nCOPY --from=b /app /app\nUSER 65532\nENTRYPOINT [\"/app\"]\n");
}

// ---- stage awareness ----

#[test]
fn does_not_fire_on_user_root_in_a_builder_stage() {
    let a = check("FROM golang AS b\nUSER root\nRUN go build\nFROM scratch\nCOPY --from=b /app /app\nUSER 65532\n");
    assert!(codes_at(&a, "AL104").is_empty());
}

#[test]
fn user_set_in_an_inherited_stage_counts() {
    let a = check("FROM alpine:3.20 AS base\nUSER 65532\nFROM base\nCOPY app /app\n");
    assert!(codes_at(&a, "AL104").is_empty());
}

#[test]
fn target_choice_changes_what_ships() {
    let src = "FROM golang:1.22 AS build\nRUN go build\nFROM gcr.io/distroless/static AS prod\nUSER 65532\n";
    let mut config = Config::default();
    config.graph.target = Some("build".into());
    let a = analyze(src, &config);
    assert_eq!(codes_at(&a, "AL104"), BTreeSet::from([1]));
}

// ---- ignores and config ----

#[test]
fn inline_ignore_silences_the_next_instruction() {
    for comment in [
        "# airlock ignore=AL104",
        "# hadolint ignore=DL3002",
        "# airlock ignore=AL113,AL104",
    ] {
        let src = format!("FROM alpine:3.20\nRUN echo\n{comment}\nUSER root\n");
        assert!(codes_at(&check(&src), "AL104").is_empty(), "{comment}");
    }
    let a = check("FROM alpine:3.20\n# airlock ignore=AL104\nRUN echo\nUSER root\n");
    assert_eq!(
        codes_at(&a, "AL104"),
        BTreeSet::from([4]),
        "only the next instruction"
    );
}

#[test]
fn stage_and_global_ignores() {
    let src = "FROM node AS a\n# airlock stage ignore=AL114\nRUN echo\nFROM python AS b\n";
    assert_eq!(codes_at(&check(src), "AL114"), BTreeSet::from([4]));
    let src = "FROM node AS a\n# airlock stage ignore=AL114\nFROM python AS b\nRUN echo\n";
    assert_eq!(
        codes_at(&check(src), "AL114"),
        BTreeSet::from([1]),
        "a comment before FROM names that stage"
    );
    let src = "# airlock global ignore=AL114\nFROM node AS a\nFROM python AS b\n";
    assert!(codes_at(&check(src), "AL114").is_empty());
    let src = "# check=skip=DL3007\nFROM node:latest\n";
    assert!(
        codes_at(&check(src), "AL114").is_empty(),
        "BuildKit's check directive through the alias"
    );
}

#[test]
fn config_disables_and_overrides_severity() {
    let src = "FROM node\n";
    let mut config = Config::default();
    config.rules.disable.push("hermeticity".into());
    let a = analyze(src, &config);
    assert!(
        a.findings
            .iter()
            .all(|f| f.code != "AL113" && f.code != "AL114"),
        "{:?}",
        a.findings
    );
    assert!(
        a.findings.iter().any(|f| f.code == "AL104"),
        "other categories still run"
    );
    let config = Config {
        rules: RuleConfig {
            severity: vec![("AL114".into(), Severity::Error)],
            ..RuleConfig::default()
        },
        ..Config::default()
    };
    let a = analyze(src, &config);
    assert_eq!(
        a.findings
            .iter()
            .find(|f| f.code == "AL114")
            .unwrap()
            .severity,
        Severity::Error
    );
}

#[test]
fn corpus_runs_every_rule_without_panicking() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dockerfiles");
    let mut total = 0;
    for e in std::fs::read_dir(dir).expect("../shared/corpus is missing") {
        let src = std::fs::read_to_string(e.unwrap().path()).unwrap();
        total += check(&src).findings.len();
    }
    assert!(total > 0);
}

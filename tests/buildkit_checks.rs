//! BuildKit's own check tests (`tests/fixtures/buildkit/`, ported from
//! `frontend/dockerfile/dockerfile_check_test.go`) run through `analyze`: how many of the
//! warnings `docker build --check` gives airlock finds (recall), and how many of the findings
//! airlock reports under a BuildKit check name BuildKit gives too (precision), per check and in
//! total. Every disagreement left is a named exception below, with its reason.

// Native test code: the wasm size rules (clippy.toml) do not bind it.
#![allow(clippy::disallowed_methods)]

use std::collections::BTreeMap;
use std::path::Path;

use airlock::engine::rules::find;
use airlock::engine::{analyze, Analysis, Config, Severity};

/// One case of a fixture file.
#[derive(Debug, Default)]
struct Case {
    file: String,
    name: String,
    dockerfile: String,
    dockerignore: Option<String>,
    build_args: Vec<(String, String)>,
    /// `(line, check)` that `docker build --check` reports.
    expect: Vec<(u32, String)>,
    /// What a plain `docker build` of the last stage reports, when upstream says it differs.
    build: Option<Vec<(u32, String)>>,
    fails_lint: bool,
    skip: Option<String>,
}

/// Reads the fixture format described in `tests/fixtures/buildkit/README.md`.
fn parse_fixture(file: &str, text: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        let at = || format!("{file}:{}", n + 1);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix("== ") {
            cases.push(Case {
                file: file.to_string(),
                name: name.to_string(),
                ..Case::default()
            });
            continue;
        }
        let case = cases
            .last_mut()
            .unwrap_or_else(|| panic!("{}: item before the first case", at()));
        let mut block = || {
            let mut body = String::new();
            for (_, l) in lines.by_ref() {
                if l == "--- end" {
                    return body;
                }
                body.push_str(l);
                body.push('\n');
            }
            panic!("{}: block without `--- end`", at())
        };
        let warning = |rest: &str| -> (u32, String) {
            let (line, rest) = rest.split_once(' ').unwrap_or_else(|| panic!("{}", at()));
            let rule = rest.split(':').next().unwrap_or(rest).trim();
            (
                line.parse()
                    .unwrap_or_else(|_| panic!("{}: bad line number", at())),
                rule.to_string(),
            )
        };
        if line == "--- Dockerfile" {
            case.dockerfile = block();
        } else if line == "--- dockerignore" {
            case.dockerignore = Some(block());
        } else if let Some(rest) = line.strip_prefix("expect ") {
            case.expect.push(warning(rest));
        } else if line == "build none" {
            case.build = Some(Vec::new());
        } else if let Some(rest) = line.strip_prefix("build ") {
            case.build.get_or_insert_with(Vec::new).push(warning(rest));
        } else if let Some(rest) = line.strip_prefix("build-arg ") {
            let (k, v) = rest.split_once('=').unwrap_or_else(|| panic!("{}", at()));
            case.build_args.push((k.to_string(), v.to_string()));
        } else if line == "fails lint" {
            case.fails_lint = true;
        } else if let Some(reason) = line.strip_prefix("skip: ") {
            case.skip = Some(reason.to_string());
        } else if line.starts_with("fails build: ") || line.starts_with("note: ") {
            // For the record: failures that are not checks, and the port's decisions.
        } else {
            panic!("{}: unknown item `{line}`", at());
        }
    }
    cases
}

fn cases() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/buildkit");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixture folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("fixture");
        let head = text.lines().next().unwrap_or("");
        assert!(
            head.contains("moby/buildkit")
                && head.contains("00916132cb724438d3924d0fb94c57ef683e124c"),
            "{}: the first line names the upstream file and commit",
            path.display()
        );
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        out.extend(parse_fixture(&name, &text));
    }
    out
}

/// The BuildKit check name a finding's rule is known by there, if any.
fn buildkit_name(code: &str) -> Option<&'static str> {
    find(code)?
        .aliases
        .iter()
        .copied()
        .find(|a| !a.starts_with("DL") && a.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
}

/// `(line, check)` of the findings reported under a BuildKit name.
fn reported(a: &Analysis) -> Vec<(u32, String)> {
    a.findings
        .iter()
        .filter_map(|f| {
            let name = buildkit_name(f.code)?;
            Some((a.tree.line_col(f.span.start).line, name.to_string()))
        })
        .collect()
}

fn run(case: &Case, target: Option<String>) -> Analysis {
    let mut config = Config::default();
    config.graph.build_args = case.build_args.clone();
    config.graph.target = target;
    config.rules.dockerignore = case.dockerignore.clone();
    analyze(&case.dockerfile, &config)
}

/// A disagreement: `missing` when BuildKit warns and airlock does not, else `extra`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Difference {
    case: String,
    line: u32,
    rule: String,
    missing: bool,
}

/// Deliberate differences: (fixture/case, check, line, missing?, reason). The rule's docs say
/// the same.
const EXCEPTIONS: &[(&str, &str, u32, bool, &str)] = &[(
    "SecretsUsedInArgOrEnv/secrets",
    "SecretsUsedInArgOrEnv",
    9,
    true,
    "AL109 does not count a bare `KEY` part (`ENV git_key=`): `GPG_KEY` and the like hold \
     public fingerprints; it wants `API_KEY`, `PRIVATE_KEY`, `ACCESS_KEY`, `SECRET_KEY`, ...",
)];

#[derive(Default)]
struct Tally {
    expected: usize,
    found: usize,
    reported: usize,
    agreed: usize,
}

fn percent(a: usize, b: usize) -> f64 {
    if b == 0 {
        100.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// Matches expected against reported as multisets, tallying per check.
fn compare(
    label: &str,
    expected: &[(u32, String)],
    got: &[(u32, String)],
    tally: &mut BTreeMap<String, Tally>,
    diffs: &mut Vec<Difference>,
) {
    let mut left: Vec<Option<&(u32, String)>> = got.iter().map(Some).collect();
    for e in expected {
        let t = tally.entry(e.1.clone()).or_default();
        t.expected += 1;
        if let Some(slot) = left.iter_mut().find(|g| g.is_some_and(|g| g == e)) {
            *slot = None;
            t.found += 1;
        } else {
            diffs.push(Difference {
                case: label.to_string(),
                line: e.0,
                rule: e.1.clone(),
                missing: true,
            });
        }
    }
    for g in got {
        let t = tally.entry(g.1.clone()).or_default();
        t.reported += 1;
    }
    let mut matched: Vec<&(u32, String)> = got.iter().collect();
    for g in left.into_iter().flatten() {
        diffs.push(Difference {
            case: label.to_string(),
            line: g.0,
            rule: g.1.clone(),
            missing: false,
        });
        if let Some(i) = matched.iter().position(|m| *m == g) {
            matched.remove(i);
        }
    }
    for m in matched {
        tally.entry(m.1.clone()).or_default().agreed += 1;
    }
}

#[test]
fn buildkit_check_suite() {
    let cases = cases();
    let mut tally: BTreeMap<String, Tally> = BTreeMap::new();
    let mut diffs = Vec::new();
    let mut outcomes = (0, 0);
    let mut skipped = Vec::new();
    for case in &cases {
        let label = format!("{}/{}", case.file.trim_end_matches(".txt"), case.name);
        if let Some(reason) = &case.skip {
            skipped.push(format!("{label}: {reason}"));
            continue;
        }
        let a = run(case, None);
        compare(&label, &case.expect, &reported(&a), &mut tally, &mut diffs);
        // `check=error=true` fails the build: airlock reports the checks as errors.
        let raised = a.findings.iter().any(|f| {
            f.severity == Severity::Error
                && buildkit_name(f.code).is_some()
                && find(f.code).is_some_and(|r| r.severity != Severity::Error)
        });
        outcomes.1 += 1;
        if raised == case.fails_lint {
            outcomes.0 += 1;
        } else {
            diffs.push(Difference {
                case: label.clone(),
                line: 0,
                rule: "check=error=true".to_string(),
                missing: case.fails_lint,
            });
        }
        if let Some(build) = &case.build {
            let last = a.graph.stages.len().saturating_sub(1).to_string();
            let b = run(case, Some(last));
            let label = format!("{label} (docker build)");
            compare(&label, build, &reported(&b), &mut tally, &mut diffs);
        }
    }

    let mut total = Tally::default();
    println!(
        "BuildKit check suite: {} cases, {} skipped",
        cases.len(),
        skipped.len()
    );
    println!("{:<32} {:>12} {:>12}", "check", "recall", "precision");
    for (rule, t) in &tally {
        println!(
            "{rule:<32} {:>5}/{:<3} {:>3.0}% {:>5}/{:<3} {:>3.0}%",
            t.found,
            t.expected,
            percent(t.found, t.expected),
            t.agreed,
            t.reported,
            percent(t.agreed, t.reported)
        );
        total.expected += t.expected;
        total.found += t.found;
        total.reported += t.reported;
        total.agreed += t.agreed;
    }
    let recall = percent(total.found, total.expected);
    let precision = percent(total.agreed, total.reported);
    println!(
        "{:<32} {:>5}/{:<3} {:>3.1}% {:>5}/{:<3} {:>3.1}%",
        "total", total.found, total.expected, recall, total.agreed, total.reported, precision
    );
    println!(
        "build outcome (check=error=true) agrees: {}/{}",
        outcomes.0, outcomes.1
    );
    for s in &skipped {
        println!("skipped {s}");
    }

    diffs.sort();
    let mut unexplained = Vec::new();
    for d in &diffs {
        let named = EXCEPTIONS.iter().find(|(case, rule, line, missing, _)| {
            *case == d.case && *rule == d.rule && *line == d.line && *missing == d.missing
        });
        let what = if d.missing { "missing" } else { "extra" };
        match named {
            Some((.., reason)) => {
                println!(
                    "exception: {} line {} {} {what}: {reason}",
                    d.case, d.line, d.rule
                )
            }
            None => {
                println!("DIFFERENCE: {} line {} {} {what}", d.case, d.line, d.rule);
                unexplained.push(d.clone());
            }
        }
    }
    for (case, rule, line, missing, _) in EXCEPTIONS {
        assert!(
            diffs.iter().any(|d| d.case == *case
                && d.rule == *rule
                && d.line == *line
                && d.missing == *missing),
            "exception {case} {rule} line {line} no longer happens: remove it"
        );
    }
    assert!(recall >= 97.0, "recall {recall:.1}% < 97%");
    assert!(precision >= 97.0, "precision {precision:.1}% < 97%");
    assert!(
        unexplained.is_empty(),
        "{} disagreements are not named exceptions",
        unexplained.len()
    );
}

#[test]
fn fixture_reader_reads_every_item() {
    let text = "# moby/buildkit @ x\n== a\n--- Dockerfile\n\nFROM scratch\n--- end\n\
                build-arg A=b=c\nexpect 2 FromAsCasing: detail: with colon\nbuild none\nfails lint\n";
    let cases = parse_fixture("t.txt", text);
    assert_eq!(cases.len(), 1);
    let c = &cases[0];
    assert_eq!(c.dockerfile, "\nFROM scratch\n");
    assert_eq!(c.build_args, vec![("A".to_string(), "b=c".to_string())]);
    assert_eq!(c.expect, vec![(2, "FromAsCasing".to_string())]);
    assert_eq!(c.build, Some(Vec::new()));
    assert!(c.fails_lint);
}

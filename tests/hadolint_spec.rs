//! hadolint's own spec (`test/Hadolint/Rule/*Spec.hs`), case by case, against airlock's rules
//! that carry the hadolint code as an alias. The cases are in `tests/fixtures/hadolint/` (see its
//! README for the format); this test prints the agreement per rule and in total, and holds the
//! total to at least 95%. Deliberate differences are named in `EXCEPTIONS` with their reason.

// Native test code: the wasm size rules (clippy.toml) do not bind it.
#![allow(clippy::disallowed_methods)]

use std::collections::BTreeMap;
use std::path::Path;

use airlock::cli::config;
use airlock::engine::{analyze, rules, Config};

/// A difference airlock keeps on purpose: the rule, what hadolint expects, a piece of the
/// Dockerfile that identifies the case, and why.
struct Exception {
    code: &'static str,
    expect: &'static str,
    snippet: &'static str,
    reason: &'static str,
}

const EXCEPTIONS: &[Exception] = &[
    // AL267 knows the working directory of common official images (graph/image_config.rs):
    // `debian` sets none, so a relative COPY destination there lands under `/`, as written.
    Exception {
        code: "DL3045",
        expect: "fires",
        snippet: "FROM debian:buster\nCOPY foo bar",
        reason: "debian's working directory is `/` (the image sets none): `bar` is `/bar`",
    },
    Exception {
        code: "DL3045",
        expect: "onbuild fires",
        snippet: "FROM debian:buster\nCOPY foo bar",
        reason: "debian's working directory is `/` (the image sets none): `bar` is `/bar`",
    },
    // Rules that look at what ships: a stage no shipped stage is built on never reaches the
    // image, so its user, caches and tools are its own business (ARCHITECTURE.md, "What ships
    // is decided once"). hadolint checks every stage.
    Exception {
        code: "DL3002",
        expect: "fires",
        snippet: "USER root\nRUN something\nFROM scratch\nUSER foo",
        reason: "stage-aware: the root stage `base` is not shipped (the target is FROM scratch)",
    },
    Exception {
        code: "DL3009",
        expect: "onbuild fires",
        snippet: "FROM scratch\nONBUILD RUN echo hey!",
        reason: "stage-aware: the apt-get is in stage `foo`, which does not ship",
    },
    Exception {
        code: "DL3009",
        expect: "onbuild fires",
        snippet: "FROM scratch\nONBUILD RUN hey!",
        reason: "stage-aware: the apt-get is in stage `foo`, which does not ship",
    },
    Exception {
        code: "DL3060",
        expect: "onbuild fires",
        snippet: "RUN yarn install foo\nFROM scratch",
        reason: "stage-aware: the yarn install is in stage `foo`, which does not ship",
    },
    Exception {
        code: "DL4001",
        expect: "fires",
        snippet: "RUN curl localhost\nFROM scratch\nRUN curl localhost",
        reason: "stage-aware: wget and curl meet only in stage `foo`, which does not ship",
    },
    Exception {
        code: "DL4001",
        expect: "fires 2",
        snippet: "RUN echo hello\nRUN wget foo.com",
        reason:
            "one finding per stage (at the first RUN that brings the second tool), not one per RUN",
    },
    // AL233 is about the package lists; a cache mount on /var/lib/apt keeps them out of the
    // layer whatever happens to the .deb archives in /var/cache/apt.
    Exception {
        code: "DL3009",
        expect: "fires",
        snippet: "--mount=type=cache,target=/var/lib/apt \\\n    apt-get update",
        reason: "the lists are in the cache mount; hadolint also asks for /var/cache/apt",
    },
    Exception {
        code: "DL3009",
        expect: "onbuild fires",
        snippet: "--mount=type=cache,target=/var/lib/apt \\\n    apt-get update",
        reason: "the lists are in the cache mount; hadolint also asks for /var/cache/apt",
    },
    // pip disables its cache for any valid boolean in PIP_NO_CACHE_DIR, `0` and `false`
    // included (pip's own option handler says so, kept for backward compatibility).
    Exception {
        code: "DL3042",
        expect: "fires",
        snippet: "PIP_NO_CACHE_DIR=0",
        reason: PIP_FALSY,
    },
    Exception {
        code: "DL3042",
        expect: "fires",
        snippet: "PIP_NO_CACHE_DIR=off",
        reason: PIP_FALSY,
    },
    Exception {
        code: "DL3042",
        expect: "fires",
        snippet: "PIP_NO_CACHE_DIR=no",
        reason: PIP_FALSY,
    },
    Exception {
        code: "DL3042",
        expect: "fires",
        snippet: "PIP_NO_CACHE_DIR=false",
        reason: PIP_FALSY,
    },
    // gem reads `--use-system-libraries` as its own (unknown) option only before `--`.
    Exception {
        code: "DL3028",
        expect: "clean",
        snippet: "bundler:2.0.1 --use-system-libraries true",
        reason: "without `--` gem reads `true` as a gem to install, and unpinned",
    },
    Exception {
        code: "DL3028",
        expect: "onbuild clean",
        snippet: "bundler:2.0.1 --use-system-libraries true",
        reason: "without `--` gem reads `true` as a gem to install, and unpinned",
    },
    Exception {
        code: "DL3040",
        expect: "onbuild fires",
        snippet: "dnf install -y mariadb-10.4 && microdnf clean all",
        reason: "a clean by any tool of the dnf family in the same RUN counts",
    },
    Exception {
        code: "DL3040",
        expect: "fires",
        snippet: "microdnf clean all && RUN dnf",
        reason: "not a Dockerfile: `microdnf` is no instruction (airlock reports it as an error)",
    },
    // Module-less names (`foobar`) are resolved by go.mod or the standard library; go refuses
    // to fetch them (no dot in the first path element). Real tool paths are checked.
    Exception {
        code: "DL3062",
        expect: "fires",
        snippet: "go install tool foobar\n",
        reason: GO_LOCAL,
    },
    Exception {
        code: "DL3062",
        expect: "onbuild fires",
        snippet: "go install tool foobar\n",
        reason: GO_LOCAL,
    },
    Exception {
        code: "DL3062",
        expect: "fires",
        snippet: "go install tool foobar@latest",
        reason: GO_LOCAL,
    },
    Exception {
        code: "DL3062",
        expect: "onbuild fires",
        snippet: "go install tool foobar@latest",
        reason: GO_LOCAL,
    },
    Exception {
        code: "DL3062",
        expect: "fires",
        snippet: "go get -tool foobar\n",
        reason: GO_LOCAL,
    },
    Exception {
        code: "DL3062",
        expect: "onbuild fires",
        snippet: "go get -tool foobar\n",
        reason: GO_LOCAL,
    },
    Exception {
        code: "DL3062",
        expect: "fires",
        snippet: "go get -tool foobar@latest",
        reason: GO_LOCAL,
    },
    Exception {
        code: "DL3062",
        expect: "onbuild fires",
        snippet: "go get -tool foobar@latest",
        reason: GO_LOCAL,
    },
    // The cases name no stage `build`, so `--from=build` is an image; copying a whole image
    // (`COPY --from=busybox:1.36 / /busybox`) is an idiom AL106 leaves alone. From a stage of
    // the file it is reported (tests/fixtures/rules/AL106.Dockerfile).
    // The label schema asks for labels on what ships: a stage no shipped stage is built on
    // carries its labels into no image.
    Exception {
        code: "DL3049",
        expect: "fires 2",
        snippet: "FROM stage1\nFROM stage2",
        reason: "stage-aware: only the target (stage2) ships",
    },
    Exception {
        code: "DL3049",
        expect: "fires 2",
        snippet: "LABEL bar=\"baz\"\nFROM stage2",
        reason: "stage-aware: only the target (stage2) ships",
    },
    Exception {
        code: "DL3049",
        expect: "fires 1",
        snippet: "FROM baseimage\nFROM newimage",
        reason: "stage-aware: the target has the label; the first stage does not ship",
    },
    Exception {
        code: "DL3049",
        expect: "fires 1",
        snippet: "LABEL baz=\"bar\"\nFROM newimage",
        reason: "stage-aware: the target has the label; the first stage does not ship",
    },
    Exception {
        code: "DL3049",
        expect: "fires 1",
        snippet: "FROM baseimage as base\nFROM base\nLABEL foo",
        reason: "the image is the target, which has the label; `base` alone is not built",
    },
    Exception {
        code: "DL3067",
        expect: "fires",
        snippet: "COPY --from=build / /",
        reason: "`build` is no stage here but an image, whose whole filesystem may be copied",
    },
    Exception {
        code: "DL3067",
        expect: "fires",
        snippet: "COPY --from=build \"/\" \"/\"",
        reason: "`build` is no stage here but an image, whose whole filesystem may be copied",
    },
    Exception {
        code: "DL4006",
        expect: "fires",
        snippet: "SHELL [\"/bin/sh\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget",
        reason: "the SHELL asks for pipefail; a shell without it fails that SHELL's first RUN",
    },
];

const PIP_FALSY: &str = "pip turns the cache off for any valid boolean, `0`/`off`/`no`/`false` too";
const GO_LOCAL: &str = "a module-less name is not fetched; `go get -tool example.com/x` is checked";

/// What one run of a case expects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// At least one finding (`ruleCatches`).
    Fires,
    /// Exactly this many (`failsWith n`, and `onBuildRuleCatches`: exactly one).
    Exactly(usize),
    /// None.
    Clean,
}

struct Case {
    onbuild: bool,
    expect: Expect,
    /// The expectation as written in the fixture (`onbuild fires`).
    label: String,
    dockerfile: String,
    config: String,
    line: usize,
}

fn parse_expectation(word: &str) -> Option<(bool, Expect)> {
    let (onbuild, rest) = match word.strip_prefix("onbuild ") {
        Some(rest) => (true, rest),
        None => (false, word),
    };
    let expect = match rest {
        "fires" if onbuild => Expect::Exactly(1),
        "fires" => Expect::Fires,
        "clean" => Expect::Clean,
        other => Expect::Exactly(other.strip_prefix("fires ")?.parse().ok()?),
    };
    Some((onbuild, expect))
}

/// Reads one fixture file into its cases.
fn read_cases(path: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut cases = Vec::new();
    let mut config = String::new();
    let mut n = 0;
    while n < lines.len() {
        let line = lines[n];
        n += 1;
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix("config:") {
            config = rest.trim().to_string();
            continue;
        }
        if let Some(rest) = line.strip_prefix("config+:") {
            config.push('\n');
            config.push_str(rest.trim());
            continue;
        }
        let (head, body) = line
            .split_once(" ::")
            .unwrap_or_else(|| panic!("{}:{n}: no ` ::` in {line:?}", path.display()));
        let mut dockerfile = String::new();
        if body == " (empty)" {
            // An empty Dockerfile (hadolint's helpers still add a line break).
            dockerfile.push('\n');
        } else if let Some(one) = body.strip_prefix(' ') {
            dockerfile.push_str(one);
            dockerfile.push('\n');
        } else {
            while n < lines.len() && lines[n].starts_with("  ") {
                dockerfile.push_str(&lines[n][2..]);
                dockerfile.push('\n');
                n += 1;
            }
        }
        assert!(!dockerfile.is_empty(), "{}:{n}: empty case", path.display());
        for word in head.split(',').map(str::trim) {
            let (onbuild, expect) = parse_expectation(word)
                .unwrap_or_else(|| panic!("{}:{n}: unknown expectation {word:?}", path.display()));
            cases.push(Case {
                onbuild,
                expect,
                label: word.to_string(),
                dockerfile: dockerfile.clone(),
                config: config.clone(),
                line: n,
            });
        }
    }
    cases
}

/// hadolint's `onBuildRuleCatches` wrapper: every RUN instruction becomes `ONBUILD RUN`.
fn wrap_runs_in_onbuild(dockerfile: &str) -> String {
    let mut out = String::new();
    let mut continued = false;
    for line in dockerfile.lines() {
        let word = line.split_whitespace().next().unwrap_or("");
        if !continued && word.eq_ignore_ascii_case("run") {
            out.push_str("ONBUILD ");
        }
        out.push_str(line);
        out.push('\n');
        continued = line.trim_end().ends_with('\\');
    }
    out
}

fn config_for(code: &str, toml: &str) -> Config {
    let settings = config::parse(&format!("[rules]\n{toml}\n"), "airlock.toml")
        .unwrap_or_else(|e| panic!("{code}: {e}"));
    let mut config = Config {
        rules: settings.rules,
        ..Config::default()
    };
    // hadolint runs every rule unless told otherwise.
    config.rules.enable.push(code.to_string());
    config
}

#[test]
fn airlock_agrees_with_hadolints_spec() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hadolint");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() > 40, "fixtures missing in {}", dir.display());
    // Per rule: (agreeing, total).
    let mut per_rule: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut unexplained = Vec::new();
    let mut excepted = vec![false; EXCEPTIONS.len()];
    for path in &files {
        let code = path.file_stem().unwrap().to_string_lossy().into_owned();
        let rule = rules::find(&code)
            .unwrap_or_else(|| panic!("{code}: no airlock rule carries this alias"));
        for case in read_cases(path) {
            let text = if case.onbuild {
                wrap_runs_in_onbuild(&case.dockerfile)
            } else {
                case.dockerfile.clone()
            };
            let analysis = analyze(&text, &config_for(&code, &case.config));
            let found = analysis
                .findings
                .iter()
                .filter(|f| f.code == rule.code)
                .count();
            let agrees = match case.expect {
                Expect::Fires => found > 0,
                Expect::Exactly(n) => found == n,
                Expect::Clean => found == 0,
            };
            let tally = per_rule.entry(code.clone()).or_default();
            tally.1 += 1;
            if agrees {
                tally.0 += 1;
                continue;
            }
            let known = EXCEPTIONS
                .iter()
                .position(|e| e.code == code && e.expect == case.label && text.contains(e.snippet));
            match known {
                Some(i) => excepted[i] = true,
                None => unexplained.push(format!(
                    "{code} ({}, line {}): hadolint says {}, airlock found {found}:\n{}",
                    rule.code,
                    case.line,
                    case.label,
                    text.trim_end()
                )),
            }
        }
    }
    let (mut agree, mut total) = (0, 0);
    println!("hadolint spec agreement per rule:");
    for (code, (a, t)) in &per_rule {
        println!("  {code}: {a}/{t}");
        agree += a;
        total += t;
    }
    let percent = agree as f64 * 100.0 / total as f64;
    println!("total: {agree}/{total} ({percent:.1}%)");
    println!("named exceptions:");
    for e in EXCEPTIONS {
        println!("  {} [{}] {:?}: {}", e.code, e.expect, e.snippet, e.reason);
    }
    println!("not explained ({}):", unexplained.len());
    for u in &unexplained {
        println!("- {u}");
    }
    let stale: Vec<_> = EXCEPTIONS
        .iter()
        .zip(&excepted)
        .filter(|(_, used)| !**used)
        .map(|(e, _)| format!("{} {:?}", e.code, e.snippet))
        .collect();
    assert!(
        stale.is_empty(),
        "exceptions that no longer differ: {stale:?}"
    );
    assert!(percent >= 95.0, "agreement {percent:.1}% is below 95%");
}

//! The rules: the catalog (docs, examples, codes), one fixture per rule with marked lines, fixes
//! that converge, ignore comments and configuration.

// Native test code: the wasm size rules (clippy.toml) do not bind it.
#![allow(clippy::disallowed_methods)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use airlock::engine::diagnostic::apply_edits;
use airlock::engine::registry::RULES;
use airlock::engine::rules::labels::LabelType;
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
        config.rules.trusted_registries = trusted_registries();
        config.rules.label_schema = label_schema();
        config.rules.strict_labels = true;
        config.rules.dockerignore = Some(DOCKERIGNORE.to_string());
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

/// The label schema of the catalog and fixture tests (AL285-AL287 are silent without one);
/// they also make it strict (AL286).
fn label_schema() -> Vec<(String, LabelType)> {
    vec![("org.opencontainers.image.version".into(), LabelType::SemVer)]
}
/// The `.dockerignore` of the catalog and fixture tests (AL220 is silent without one).
const DOCKERIGNORE: &str =
    "# build output\n*.log\nsecrets/\n!secrets/README.md\ndocs/**/*.tmp\nDockerfile\n";

/// The registry list of the catalog and fixture tests (AL245 is silent without one).
fn trusted_registries() -> Vec<String> {
    vec!["registry.example.com".into(), "*.corp.example".into()]
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

/// Lines marked `# expect: CODE` name the instruction after them (or the comment right after
/// them, for findings on comments); exactly those fire.
#[test]
fn fixtures_fire_on_marked_lines_only() {
    for path in fixtures() {
        let code = fixture_code(&path);
        let src = std::fs::read_to_string(&path).unwrap();
        let mut config = Config::default();
        config.rules.enable.push(code.clone());
        config.rules.trusted_registries = trusted_registries();
        config.rules.label_schema = label_schema();
        config.rules.strict_labels = true;
        config.rules.dockerignore = Some(DOCKERIGNORE.to_string());
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
            let at = a
                .tree
                .comments
                .iter()
                .find(|d| d.span.start > c.span.start)
                .filter(|d| d.span.start < next.span.start)
                .map_or(next.span.start, |d| d.span.start);
            expected.insert(a.tree.line_col(at).line);
        }
        // A finding may sit on a later line of its instruction (AL203 on the line where the
        // instruction goes on); the marker names the instruction.
        let fired: BTreeSet<u32> = a
            .findings
            .iter()
            .filter(|f| f.code == code)
            .map(|f| {
                let inst = a
                    .tree
                    .instructions
                    .iter()
                    .find(|i| i.span.start <= f.span.start && f.span.start <= i.span.end);
                a.tree
                    .line_col(inst.map_or(f.span.start, |i| i.span.start))
                    .line
            })
            .collect();
        assert_eq!(fired, expected, "{}", path.display());
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
    let src = "FROM golang:1.22 AS build\nRUN go build -o /app .\nCMD [\"/app\"]\nFROM gcr.io/distroless/static AS prod\nUSER 65532\n";
    let mut config = Config::default();
    config.graph.target = Some("build".into());
    let a = analyze(src, &config);
    assert_eq!(codes_at(&a, "AL104"), BTreeSet::from([1]));
}

// ---- ONBUILD triggers and fragments (what the rules read: `rules::rule_view`) ----

#[test]
fn onbuild_run_is_checked_as_a_run_with_the_span_in_the_trigger() {
    let src = "FROM python:3.12-slim\nONBUILD RUN pip install flask\nUSER 65532\n";
    let a = check(src);
    let f = a
        .findings
        .iter()
        .find(|f| f.code == "AL235")
        .expect("AL235 on the trigger");
    assert_eq!(a.tree.text(f.span), "RUN pip install flask");
    assert!(a.errors.is_empty());
}

#[test]
fn an_ignore_comment_before_onbuild_silences_its_trigger() {
    let src = "FROM python:3.12-slim\n# hadolint ignore=DL3013\nONBUILD RUN pip install flask\nUSER 65532\n";
    assert!(codes_at(&check(src), "AL235").is_empty());
}

#[test]
fn onbuild_copy_stays_a_trigger_not_a_copy_of_this_image() {
    // Only RUN triggers are read as instructions: the graph is the file's own.
    let src = "FROM alpine:3.20\nONBUILD COPY --from=nowhere /a /a\nUSER 65532\n";
    assert!(codes_at(&check(src), "AL243").is_empty());
}

#[test]
fn a_fragment_without_from_is_still_checked() {
    let a = check("RUN sudo apt-get update\nRUN pip install flask\n");
    assert!(!a.errors.is_empty(), "the missing FROM stays an error");
    assert!(
        a.graph.stages.is_empty(),
        "no stage is invented in the graph"
    );
    assert_eq!(codes_at(&a, "AL231"), BTreeSet::from([1]));
    assert_eq!(codes_at(&a, "AL235"), BTreeSet::from([2]));
}

#[test]
fn a_fragment_gets_no_finding_on_its_missing_from() {
    // The implicit stage has no FROM text: nothing is reported where there is nothing.
    let mut config = Config::default();
    config.rules.enable.push("all".into());
    let a = analyze("RUN echo hi\n", &config);
    assert!(
        a.findings.iter().all(|f| f.span.end > 0),
        "{:?}",
        a.findings
    );
}

#[test]
fn instructions_before_the_first_from_form_the_first_stage() {
    let a = check("RUN pip install flask\nFROM alpine:3.20\nRUN echo hi\n");
    assert_eq!(a.graph.stages.len(), 1);
    // The fragment's stage does not ship (the target is the last stage): a pin is still
    // asked for, a cache is not.
    assert_eq!(codes_at(&a, "AL235"), BTreeSet::from([1]));
    assert!(codes_at(&a, "AL265").is_empty());
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
    let src = "FROM node\nCMD [\"node\", \"server.js\"]\n";
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

// ---- builder-pattern catalog (AL102-AL119) ----

fn fires(src: &str, code: &str) -> bool {
    let mut config = Config::default();
    config.rules.enable.push(code.to_string());
    analyze(src, &config)
        .findings
        .iter()
        .any(|f| f.code == code)
}

#[test]
fn single_stage_does_not_fire_on_a_base_image_build() {
    let src = "FROM buildpack-deps:bookworm\nRUN ./configure && make && make install\nCMD [\"python3\"]\n";
    assert!(!fires(src, "AL102"));
}

#[test]
fn single_stage_does_not_fire_on_a_version_check() {
    let src = "FROM ubuntu:24.04\nRUN javac --version\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n";
    assert!(!fires(src, "AL102"));
}

#[test]
fn build_tools_do_not_fire_in_a_builder_stage() {
    let src = "FROM debian:bookworm AS b\nRUN apt-get install -y gcc\nFROM debian:bookworm-slim\nCOPY --from=b /app /app\n";
    assert!(!fires(src, "AL103"));
}

#[test]
fn build_tools_purged_after_apt_mark_through_xargs_do_not_fire() {
    let src = "FROM debian:bookworm-slim AS a\nFROM debian:bookworm-slim\nRUN apt-get install -y dpkg-dev; if true; then make; fi; apt-mark showmanual | xargs apt-mark auto > /dev/null; if [ -n \"$t\" ]; then apt-get purge -y --auto-remove; fi\n";
    assert!(!fires(src, "AL103"));
}

#[test]
fn build_tools_do_not_fire_in_a_target_named_as_a_dev_environment() {
    let src =
        "FROM python:3.12-slim AS app\nFROM app AS dev-envs\nRUN apt-get install -y gcc make\n";
    assert!(!fires(src, "AL103"));
}

/// One role model: a target that is a dev or test image ships nothing, so every rule about
/// the shipped image is quiet on it (AL101, AL103, AL104, AL107, AL233 used to disagree on
/// a target named `dev`); the same stages as a `prod` target fire them all.
#[test]
fn shipped_image_rules_agree_on_a_dev_or_test_target() {
    let codes = [
        "AL101", "AL103", "AL104", "AL105", "AL107", "AL233", "AL237", "AL240",
    ];
    // A target on a toolchain chain (AL101, AL104, AL107), one on a Debian image (AL103,
    // AL233, AL237) and one on Alpine (AL105, AL240).
    let files = |name: &str| {
        [
            format!("FROM golang:1.22 AS build\nRUN go build -o /app\nFROM build AS {name}\nCOPY . .\nRUN go build ./...\nCMD [\"/app\"]\n"),
            format!("FROM debian:bookworm-slim AS b\nRUN make\nFROM debian:bookworm-slim AS {name}\nRUN apt-get update && apt-get install -y gcc make\nCOPY --from=b /app /app\nCMD [\"/app\"]\n"),
            format!("FROM alpine:3.20 AS {name}\nRUN apk add curl=8.9.0-r0\nUSER app\nCMD [\"/app\"]\n"),
        ]
    };
    let firing = |name: &str| -> Vec<&str> {
        let found: Vec<Analysis> = files(name).iter().map(|f| check(f)).collect();
        codes
            .into_iter()
            .filter(|c| found.iter().any(|a| !codes_at(a, c).is_empty()))
            .collect()
    };
    assert_eq!(firing("prod"), codes, "a prod target ships");
    for name in [
        "dev",
        "development",
        "dev-envs",
        "debug",
        "test",
        "tests",
        "ci",
        "lint",
    ] {
        assert!(firing(name).is_empty(), "{name}: {:?}", firing(name));
    }
    // What the stage does counts too: a default command that builds makes a dev image.
    let make = format!("{}CMD [\"make\"]\n", files("workspace")[0]);
    let a = check(&make);
    assert!(
        codes.iter().all(|c| codes_at(&a, c).is_empty()),
        "{:?}",
        a.findings
    );
}

#[test]
fn copies_too_much_does_not_fire_on_copy_from_an_external_image() {
    let src = "FROM alpine:3.20\nCOPY --from=docker:27-cli / /\n";
    assert!(!fires(src, "AL106"));
}

#[test]
fn copies_too_much_does_not_fire_into_a_stage_that_does_not_ship() {
    let src = "FROM golang:1.22 AS a\nRUN go build -o /app\nFROM a AS b\nCOPY --from=a / /copy\nFROM scratch\nCOPY --from=a /app /app\n";
    assert!(!fires(src, "AL106"));
}

#[test]
fn source_tree_does_not_fire_in_a_builder_stage() {
    let src = "FROM golang:1.22 AS b\nCOPY . .\nRUN go build -o /app\nFROM scratch\nCOPY --from=b /app /app\n";
    assert!(!fires(src, "AL107"));
}

#[test]
fn secret_file_fires_in_a_builder_stage_too() {
    let src = "FROM golang:1.22 AS b\nCOPY id_ed25519 /root/.ssh/\nFROM scratch\n";
    assert!(fires(src, "AL108"));
}

#[test]
fn secret_in_arg_is_silenced_by_buildkits_check_directive() {
    let src = "# check=skip=SecretsUsedInArgOrEnv\nFROM alpine:3.20\nARG NPM_TOKEN\n";
    assert!(!fires(src, "AL109"));
}

#[test]
fn dependencies_after_full_copy_do_not_fire_when_the_lock_files_were_resolved_first() {
    let src = "FROM rust:1.80\nCOPY Cargo.toml Cargo.lock ./\nRUN cargo fetch\nCOPY . .\nRUN cargo build --release\n";
    assert!(!fires(src, "AL110"));
}

#[test]
fn dependencies_after_full_copy_do_not_fire_on_npm_install_of_a_named_package() {
    let src = "FROM node:20-slim\nCOPY . .\nRUN npm install -g pm2\n";
    assert!(!fires(src, "AL110"));
}

#[test]
fn dynamic_binary_does_not_fire_for_go_on_alpine_without_a_compiler() {
    let src = "FROM golang:1.22-alpine AS b\nRUN go build -o /app\nFROM scratch\nCOPY --from=b /app /app\n";
    assert!(!fires(src, "AL111"));
}

#[test]
fn dynamic_binary_does_not_fire_on_an_image_with_libc() {
    let src = "FROM golang:1.22 AS b\nRUN go build -o /app\nFROM gcr.io/distroless/base-debian12\nCOPY --from=b /app /app\n";
    assert!(!fires(src, "AL111"));
}

#[test]
fn dynamic_binary_does_not_fire_for_a_wasm_target() {
    let src = "FROM rust:1.80 AS b\nRUN cargo build --target wasm32-wasi --release\nFROM scratch\nCOPY --from=b /out.wasm /out.wasm\n";
    assert!(!fires(src, "AL111"));
}

#[test]
fn unreadable_artifact_does_not_fire_when_the_image_runs_as_root() {
    let src = "FROM alpine:3.20\nCOPY --chmod=700 app /app\n";
    assert!(!fires(src, "AL112"));
}

#[test]
fn unreadable_artifact_does_not_compare_a_name_with_a_number() {
    let src = "FROM alpine:3.20\nCOPY --chown=app --chmod=700 app /app\nUSER 1000\n";
    assert!(!fires(src, "AL112"));
}

#[test]
fn pipe_to_shell_does_not_fire_on_a_pipe_into_tar() {
    let src = "FROM alpine:3.20\nRUN wget -qO- https://x/y.tar.gz | tar -xz\n";
    assert!(!fires(src, "AL116"));
}

#[test]
fn git_clone_is_pinned_by_a_later_checkout_in_another_run() {
    let src = "FROM alpine:3.20\nRUN git clone https://x/y.git /y\nWORKDIR /y\nRUN git checkout 0123456789abcdef0123456789abcdef01234567\n";
    assert!(!fires(src, "AL117"));
}

#[test]
fn no_sbom_is_off_by_default() {
    let src =
        "FROM golang:1.22 AS b\nFROM scratch\nCOPY --from=b /app /app\nENTRYPOINT [\"/app\"]\n";
    assert!(codes_at(&check(src), "AL118").is_empty());
    assert!(fires(src, "AL118"));
}

#[test]
fn tests_in_a_separate_test_stage_count() {
    let src = "FROM golang:1.22 AS b\nRUN go build -o /app\nFROM b AS test\nRUN go test ./...\nFROM scratch\nCOPY --from=b /app /app\n";
    assert!(!fires(src, "AL119"));
}

#[test]
fn tests_skipped_in_maven_do_not_count() {
    let src = "FROM maven:3 AS b\nRUN mvn -DskipTests package\nFROM eclipse-temurin:21-jre\nCOPY --from=b /t/app.jar /app.jar\n";
    assert!(fires(src, "AL119"));
}

// ---- BuildKit checks (AL201-AL219) ----

/// The text after applying every fix of `code` once.
fn fixed_by(src: &str, code: &str) -> String {
    let a = check(src);
    let edits: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.code == code)
        .filter_map(|f| f.fix.as_ref())
        .flat_map(|f| f.edits.clone())
        .collect();
    apply_edits(src, &edits).0
}

#[test]
fn buildkit_check_skip_directive_silences_through_the_buildkit_name() {
    let src = "# check=skip=StageNameCasing,FromAsCasing\nFROM alpine:3.20 as Build\n";
    let a = check(src);
    assert!(codes_at(&a, "AL201").is_empty() && codes_at(&a, "AL202").is_empty());
}

#[test]
fn stage_name_fix_renames_the_references_too() {
    let src = "FROM alpine:3.20 AS Build\nFROM Build AS next\nCOPY --from=BUILD /a /a\n";
    assert_eq!(
        fixed_by(src, "AL201"),
        "FROM alpine:3.20 AS build\nFROM build AS next\nCOPY --from=build /a /a\n"
    );
}

#[test]
fn from_as_casing_ignores_a_mixed_case_from() {
    assert!(codes_at(&check("From alpine:3.20 as build\n"), "AL202").is_empty());
}

#[test]
fn instruction_casing_does_not_count_global_args() {
    let src = "arg V=1\narg W=2\nFROM alpine:3.20\nRUN echo\n";
    assert!(codes_at(&check(src), "AL204").is_empty());
}

#[test]
fn instruction_casing_tie_goes_to_upper_case() {
    let a = check("FROM alpine:3.20\nrun echo\n");
    assert_eq!(codes_at(&a, "AL204"), BTreeSet::from([2]));
}

#[test]
fn shell_form_cmd_is_fine_after_shell_in_an_inherited_stage() {
    let src = "FROM alpine:3.20 AS base\nSHELL [\"/bin/ash\", \"-c\"]\nFROM base\nCMD echo hi\n";
    assert!(codes_at(&check(src), "AL207").is_empty());
}

#[test]
fn shell_form_fix_drops_a_leading_exec() {
    let src = "FROM alpine:3.20\nCMD exec nginx -g daemon-off\n";
    assert_eq!(
        fixed_by(src, "AL207"),
        "FROM alpine:3.20\nCMD [\"nginx\", \"-g\", \"daemon-off\"]\n"
    );
}

#[test]
fn shell_form_entrypoint_is_not_rewritten_when_a_cmd_would_start_reaching_it() {
    let src = "FROM alpine:3.20\nENTRYPOINT nginx\nCMD [\"-g\", \"x\"]\n";
    let a = check(src);
    let f = a.findings.iter().find(|f| f.code == "AL207").unwrap();
    assert!(f.fix.is_none());
}

#[test]
fn shell_form_with_quotes_or_variables_gets_no_fix() {
    for cmd in ["CMD echo \"$HOME\"", "CMD a && b", "CMD cd /app"] {
        let a = check(&format!("FROM alpine:3.20\n{cmd}\n"));
        let f = a.findings.iter().find(|f| f.code == "AL207").unwrap();
        assert!(f.fix.is_none(), "{cmd}");
    }
}

#[test]
fn maintainer_fix_escapes_quotes_and_dollars() {
    let src = "FROM alpine:3.20\nMAINTAINER \"Jo\" <$me@x.org>\n";
    assert_eq!(
        fixed_by(src, "AL208"),
        "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"\\\"Jo\\\" <\\$me@x.org>\"\n"
    );
}

#[test]
fn undefined_arg_in_from_accepts_a_global_arg_without_default() {
    assert!(codes_at(&check("ARG TAG\nFROM alpine:${TAG}\n"), "AL209").is_empty());
}

#[test]
fn undefined_arg_in_from_does_not_see_stage_args() {
    let src = "FROM alpine:3.20\nARG TAG=3.20\nFROM alpine:${TAG}\n";
    assert_eq!(codes_at(&check(src), "AL209"), BTreeSet::from([3]));
}

#[test]
fn workdir_relative_is_fine_after_an_absolute_one_in_the_base_stage() {
    let src = "FROM alpine:3.20 AS a\nWORKDIR /src\nFROM a\nWORKDIR sub\n";
    assert!(codes_at(&check(src), "AL210").is_empty());
}

#[test]
fn undefined_variable_in_a_scratch_stage_is_reported_in_an_image_stage_only_if_misspelt() {
    let scratch = "FROM scratch\nCOPY app $DEST\n";
    assert_eq!(codes_at(&check(scratch), "AL211"), BTreeSet::from([2]));
    let image = "FROM alpine:3.20\nCOPY app $DEST\n";
    assert!(codes_at(&check(image), "AL211").is_empty());
}

#[test]
fn undefined_variable_ignores_run_cmd_and_copy_from() {
    let src = "FROM scratch\nRUN echo $X\nCMD echo $Y\nCOPY --from=$Z /a /a\n";
    assert!(codes_at(&check(src), "AL211").is_empty());
}

#[test]
fn undefined_variable_sees_env_of_the_base_stage() {
    let src = "FROM scratch AS a\nENV DIR=/x\nFROM a\nCOPY app $DIR/\n";
    assert!(codes_at(&check(src), "AL211").is_empty());
}

#[test]
fn multiple_cmd_counts_per_stage_and_not_healthcheck_cmd() {
    let src =
        "FROM alpine:3.20 AS a\nCMD [\"a\"]\nFROM a\nHEALTHCHECK CMD [\"true\"]\nCMD [\"b\"]\n";
    assert!(codes_at(&check(src), "AL212").is_empty());
}

#[test]
fn legacy_value_with_its_own_quotes_gets_no_fix() {
    let a = check("FROM alpine:3.20\nENV MSG say \"hi\" there\n");
    let f = a.findings.iter().find(|f| f.code == "AL213").unwrap();
    assert!(f.fix.is_none());
}

#[test]
fn redundant_target_platform_is_not_redundant_when_a_global_arg_sets_it() {
    let src = "ARG TARGETPLATFORM=linux/arm64\nFROM --platform=$TARGETPLATFORM alpine:3.20\n";
    assert!(codes_at(&check(src), "AL214").is_empty());
}

#[test]
fn invalid_default_arg_ignores_froms_without_variables() {
    assert!(codes_at(&check("FROM alpine:3.20\n"), "AL215").is_empty());
}

#[test]
fn constant_platform_is_fine_when_the_stage_name_says_the_architecture() {
    let src = "FROM --platform=linux/aarch64 alpine:3.20 AS tools-arm64\n";
    assert!(codes_at(&check(src), "AL216").is_empty());
}

#[test]
fn definition_description_is_off_by_default() {
    assert!(codes_at(&check("# nothing\nARG V=1\nFROM scratch\n"), "AL219").is_empty());
}

// ---- hadolint hygiene (AL260-AL276) ----

#[test]
fn cache_rules_do_not_fire_in_a_builder_stage() {
    let src = "FROM python:3.12 AS build\nRUN pip install build==1.2.1 && yarn install\nRUN dnf install -y gcc-14.1.1\nRUN yum install -y make-4.2\nFROM scratch\nCOPY --from=build /out /out\n";
    let a = check(src);
    for code in ["AL260", "AL263", "AL265", "AL272"] {
        assert!(codes_at(&a, code).is_empty(), "{code}");
    }
}

#[test]
fn cache_rules_fire_in_a_stage_the_target_is_built_on() {
    let src =
        "FROM python:3.12-slim AS base\nRUN pip install flask==3.0.3\nFROM base\nCMD [\"flask\"]\n";
    assert_eq!(codes_at(&check(src), "AL265"), BTreeSet::from([2]));
}

#[test]
fn pip_cache_is_silenced_by_a_cache_mount() {
    let src = "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask==3.0.3\n";
    assert!(codes_at(&check(src), "AL265").is_empty());
}

#[test]
fn pip_fix_inserts_no_cache_dir_after_each_install() {
    let src = "FROM python:3.12-slim\nRUN pip install a==1 && pip install b==2\n";
    let a = check(src);
    let f = a.findings.iter().find(|f| f.code == "AL265").unwrap();
    let (fixed, _) = apply_edits(src, &f.fix.as_ref().unwrap().edits);
    assert_eq!(fixed, "FROM python:3.12-slim\nRUN pip install --no-cache-dir a==1 && pip install --no-cache-dir b==2\n");
}

#[test]
fn healthcheck_missing_is_off_by_default_and_looks_at_the_shipped_chain_only() {
    let src = "FROM alpine:3.20 AS build\nHEALTHCHECK CMD true\nFROM alpine:3.20\n";
    assert!(codes_at(&check(src), "AL270").is_empty(), "off by default");
    let mut config = Config::default();
    config.rules.enable.push("DL3057".into());
    let a = analyze(src, &config);
    assert_eq!(
        codes_at(&a, "AL270"),
        BTreeSet::from([3]),
        "a builder's HEALTHCHECK does not ship"
    );
}

#[test]
fn consecutive_runs_do_not_fire_in_a_builder_stage() {
    let src = "FROM alpine:3.20 AS build\nRUN mkdir /out\nRUN touch /out/a\nFROM scratch\nCOPY --from=build /out /out\n";
    assert!(codes_at(&check(src), "AL271").is_empty());
}

#[test]
fn pipefail_from_a_shell_in_the_base_stage_counts() {
    let src = "FROM debian:12-slim AS base\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nFROM base\nRUN curl -fsSL https://x | tar -x\n";
    assert!(codes_at(&check(src), "AL276").is_empty());
}

#[test]
fn curl_and_wget_in_a_builder_stage_do_not_fire() {
    let src = "FROM debian:12-slim AS fetch\nRUN wget -q https://x/a\nRUN curl -fsSLO https://x/b\nFROM scratch\nCOPY --from=fetch /a /a\n";
    assert!(codes_at(&check(src), "AL274").is_empty());
}

#[test]
fn relative_copy_is_fine_after_a_workdir_in_the_base_stage() {
    let src = "FROM node:20-alpine AS base\nWORKDIR /app\nFROM base\nCOPY package.json ./\n";
    assert!(codes_at(&check(src), "AL267").is_empty());
}

#[test]
fn hadolint_codes_covered_by_existing_rules_are_their_aliases() {
    for (dl, al) in [
        ("DL3063", "AL206"),
        ("DL3064", "AL109"),
        ("DL3065", "AL214"),
        ("DL3066", "AL105"),
        ("DL3067", "AL106"),
    ] {
        let found = airlock::engine::rules::find(dl).map(|r| r.code);
        assert_eq!(found, Some(al), "{dl}");
    }
}

// ---- hadolint rules (AL230-AL248) ----

#[test]
fn apt_lists_do_not_matter_in_a_builder_stage() {
    let src = "FROM debian:bookworm AS b\nRUN apt-get update && apt-get install -y --no-install-recommends gcc\nFROM debian:bookworm-slim\nCOPY --from=b /app /app\n";
    assert!(!fires(src, "AL233"));
}

#[test]
fn apt_lists_in_a_stage_the_target_is_built_on_still_ship() {
    let src = "FROM debian:bookworm-slim AS base\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nFROM base\nCMD [\"curl\"]\n";
    assert!(fires(src, "AL233"));
}

#[test]
fn apt_lists_in_a_cache_mount_do_not_fire() {
    let src = "FROM debian:bookworm-slim\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y --no-install-recommends curl\n";
    assert!(!fires(src, "AL233"));
}

#[test]
fn apt_lists_removed_by_dist_clean_do_not_fire() {
    let src = "FROM debian:trixie-slim\nRUN apt-get update; apt-get install -y --no-install-recommends curl; apt-get dist-clean\n";
    assert!(!fires(src, "AL233"));
}

#[test]
fn recommends_do_not_matter_in_a_builder_stage() {
    let src = "FROM debian:bookworm AS b\nRUN apt-get install -y gcc\nFROM scratch\nCOPY --from=b /app /app\n";
    assert!(!fires(src, "AL237"));
}

#[test]
fn cleanup_rules_are_silent_in_a_dev_environment_target() {
    let src = "FROM alpine:3.20 AS app\nFROM app AS dev-envs\nRUN apk add git=2.45.2-r0\nRUN apt-get update && apt-get install -y git\n";
    for code in ["AL233", "AL237", "AL240"] {
        assert!(!fires(src, code), "{code}");
    }
}

#[test]
fn apk_cache_does_not_matter_in_a_builder_stage_or_a_cache_mount() {
    let src = "FROM alpine:3.20 AS b\nRUN apk add gcc=13.2.1-r0\nFROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl=8.9.1-r0\n";
    assert!(!fires(src, "AL240"));
}

#[test]
fn target_choice_decides_where_cleanup_rules_fire() {
    let src = "FROM alpine:3.20 AS tools\nRUN apk add curl=8.9.1-r0\nFROM alpine:3.20 AS prod\nRUN apk add --no-cache jq=1.7.1-r0\n";
    assert!(!fires(src, "AL240"));
    let mut config = Config::default();
    config.graph.target = Some("tools".into());
    assert!(analyze(src, &config)
        .findings
        .iter()
        .any(|f| f.code == "AL240"));
}

#[test]
fn untrusted_registry_is_silent_without_a_list() {
    assert!(!fires("FROM quay.io/acme/app:1.0\n", "AL245"));
}

#[test]
fn a_simulated_apt_get_install_needs_no_yes_pin_or_recommends() {
    let src = "FROM debian:bookworm-slim\nRUN if apt-get install -s jit > /dev/null 2>&1; then echo yes; fi\n";
    for code in ["AL232", "AL236", "AL237"] {
        assert!(!fires(src, code), "{code}");
    }
}

#[test]
fn yes_fix_inserts_after_each_spelled_out_install() {
    let src = "FROM debian:bookworm-slim\nRUN apt-get install -y curl && apt-get install jq\n";
    let a = check(src);
    let f = a.findings.iter().find(|f| f.code == "AL236").unwrap();
    let (fixed, _) = apply_edits(src, &f.fix.as_ref().unwrap().edits);
    assert_eq!(
        fixed,
        "FROM debian:bookworm-slim\nRUN apt-get install -y curl && apt-get install -y jq\n"
    );
}

#[test]
fn base_images_and_privilege_dropping_entrypoints_pass_without_user() {
    for src in [
        "FROM python:3.12-slim\nCMD [\"python3\"]\n",
        "FROM eclipse-temurin:21-jdk\nCMD [\"jshell\"]\n",
        "FROM eclipse-temurin:21-jre\nENTRYPOINT [\"/__cacert_entrypoint.sh\"]\n",
        "FROM postgres:16\nRUN apt-get update && apt-get install -y gosu\nENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD [\"postgres\"]\n",
        "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
    ] {
        assert!(codes_at(&check(src), "AL104").is_empty(), "{src}");
    }
}

#[test]
fn an_app_command_without_user_still_runs_as_root() {
    let a = check("FROM python:3.12-slim\nCOPY app.py /app.py\nCMD [\"python3\", \"/app.py\"]\n");
    assert_eq!(codes_at(&a, "AL104"), BTreeSet::from([1]));
    let a = check("FROM scratch\nCOPY app /app\nENTRYPOINT [\"/app\"]\n");
    assert_eq!(
        codes_at(&a, "AL104"),
        BTreeSet::from([1]),
        "an entrypoint that is the app"
    );
    let a = check("FROM python:3.12-slim\nCMD [\"python3\"]\nUSER root\n");
    assert_eq!(
        codes_at(&a, "AL104"),
        BTreeSet::from([3]),
        "an explicit USER root always fires"
    );
}

#[test]
fn check_error_true_makes_buildkit_checks_errors() {
    let src = "# check=error=true\nFROM alpine:3.20 as build\nFROM scratch\n";
    let a = check(src);
    let f = a
        .findings
        .iter()
        .find(|f| f.code == "AL202")
        .expect("FromAsCasing fires");
    assert_eq!(f.severity, Severity::Error);
    let a = check("FROM alpine:3.20 as build\nFROM scratch\n");
    assert_eq!(
        a.findings
            .iter()
            .find(|f| f.code == "AL202")
            .unwrap()
            .severity,
        Severity::Warning
    );
    let a =
        check("# check=skip=FromAsCasing;error=true\nFROM alpine:3.20 as build\nFROM scratch\n");
    assert!(a.findings.iter().all(|f| f.code != "AL202"));
}

#[test]
fn every_hadolint_code_and_buildkit_check_of_the_catalog_has_a_home() {
    let hadolint = "DL3000 DL3002 DL3003 DL3004 DL3006 DL3007 DL3008 DL3009 DL3011 DL3013 DL3014 \
        DL3015 DL3016 DL3018 DL3019 DL3020 DL3021 DL3022 DL3023 DL3024 DL3025 DL3026 DL3027 DL3028 \
        DL3029 DL3030 DL3032 DL3033 DL3038 DL3040 DL3041 DL3042 DL3043 DL3044 DL3045 DL3046 DL3047 \
        DL3057 DL3059 DL3060 DL3061 DL3062 DL3063 DL3064 DL3065 DL3066 DL3067 DL4000 DL4001 DL4003 \
        DL4004 DL4005 DL4006";
    let buildkit = "StageNameCasing FromAsCasing NoEmptyContinuation ConsistentInstructionCasing \
        DuplicateStageName ReservedStageName JSONArgsRecommended MaintainerDeprecated \
        UndefinedArgInFrom WorkdirRelativePath UndefinedVar MultipleInstructionsDisallowed \
        LegacyKeyValueFormat RedundantTargetPlatform SecretsUsedInArgOrEnv InvalidDefaultArgInFrom \
        FromPlatformFlagConstDisallowed ExposeProtoCasing ExposeInvalidFormat \
        InvalidDefinitionDescription";
    for code in hadolint
        .split_whitespace()
        .chain(buildkit.split_whitespace())
    {
        let rule = airlock::engine::rules::find(code);
        let syntax = airlock::engine::syntax::syntax_alias_doc(code);
        assert!(
            rule.is_some() || syntax.is_some(),
            "{code} has no rule and is no syntax error"
        );
        if let Some(rule) = rule {
            assert!(
                rule.aliases.contains(&code),
                "{code} is found but not an alias of {}",
                rule.code
            );
        }
    }
}

#[test]
fn syntax_errors_hadolint_also_reports_carry_its_codes() {
    let a = analyze(
        "RUN echo hi\nFROM alpine:3.20\nONBUILD FROM x\n",
        &Config::default(),
    );
    let aliases: Vec<_> = a.errors.iter().map(|e| e.kind.aliases()).collect();
    assert_eq!(aliases, [&["DL3061"][..], &["DL3043"][..]]);
    let report = airlock::render::report::findings("Dockerfile", &a);
    assert_eq!(report[0].aliases, ["DL3061"]);
}

// ---- BuildKit's `# check=` options ----

#[test]
fn a_check_comment_above_an_instruction_skips_for_that_instruction_only() {
    let src = "FROM scratch\n# check=skip=JSONArgsRecommended // this one\nCMD a\nENTRYPOINT b\n";
    assert_eq!(codes_at(&check(src), "AL207"), BTreeSet::from([4]));
    let src = "FROM scratch\n# check=skip=all\n#\nCMD a\n";
    assert_eq!(
        codes_at(&check(src), "AL207"),
        BTreeSet::from([4]),
        "an empty comment line ends the block above the instruction"
    );
    let src = "FROM scratch\n# check=bogus=1\nCMD a\n";
    assert_eq!(
        codes_at(&check(src), "AL207"),
        BTreeSet::from([3]),
        "options BuildKit cannot read are ignored"
    );
}

#[test]
fn experimental_checks_follow_experimental_and_not_skip() {
    let bad = "# a stray comment\nARG VERSION=1\nFROM scratch\n";
    assert!(codes_at(&check(bad), "AL219").is_empty(), "off by default");
    let on = format!("# check=skip=all;experimental=InvalidDefinitionDescription\n\n{bad}");
    assert_eq!(codes_at(&check(&on), "AL219"), BTreeSet::from([4]));
    let here = "# check=experimental=all // here\nARG VERSION=1\n# stray\nARG B=2\nFROM scratch\n";
    assert!(
        codes_at(&check(here), "AL219").is_empty(),
        "a comment turns it on for its own instruction, which has no other comment"
    );
    let mut config = Config::default();
    config.rules.disable.push("AL219".into());
    assert!(
        codes_at(&analyze(&on, &config), "AL219").is_empty(),
        "a rule turned off by name stays off"
    );
}

#[test]
fn the_check_build_argument_replaces_the_directive() {
    let src = "# check=skip=all\nFROM scratch as base\n";
    let mut config = Config::default();
    config
        .graph
        .build_args
        .push(("BUILDKIT_DOCKERFILE_CHECK".into(), "error=true".into()));
    let a = analyze(src, &config);
    let f = a
        .findings
        .iter()
        .find(|f| f.code == "AL202")
        .expect("AL202");
    assert_eq!(f.severity, Severity::Error);
}

#[test]
fn with_a_named_target_build_time_checks_stay_in_the_stages_it_needs() {
    let src = "FROM scratch AS a\nENV k v\nFROM scratch AS b\nENV k v\nFROM scratch AS C\n";
    assert_eq!(codes_at(&check(src), "AL213"), BTreeSet::from([2, 4]));
    let mut config = Config::default();
    config.graph.target = Some("b".into());
    let a = analyze(src, &config);
    assert_eq!(codes_at(&a, "AL213"), BTreeSet::from([4]));
    assert_eq!(
        codes_at(&a, "AL201"),
        BTreeSet::from([5]),
        "checks BuildKit runs on the whole file still see every stage"
    );
}

#[test]
fn a_variable_used_before_its_arg_is_undefined_on_any_base() {
    let src = "FROM alpine:3.20\nCOPY $SRC /app/\nARG SRC=.\nCOPY $SRC /app/\n";
    assert_eq!(codes_at(&check(src), "AL211"), BTreeSet::from([2]));
}

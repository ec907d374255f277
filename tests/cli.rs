//! The `airlock` binary as users run it: output formats, standard input, exit codes, and one-line
//! errors for input it cannot read. Paths are relative to the project root so snapshots are stable.

// Native test code: the wasm size rules (clippy.toml) do not bind it.
#![allow(clippy::disallowed_methods)]

use std::io::Write;

use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const MULTISTAGE: &str = "tests/fixtures/cli/multistage.Dockerfile";
const ERRORS: &str = "tests/fixtures/cli/errors.Dockerfile";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `airlock` from the project root, feeding `stdin` (none: an empty, non-terminal stdin).
fn airlock(args: &[&str], stdin: &[u8]) -> Run {
    airlock_in(Path::new(env!("CARGO_MANIFEST_DIR")), &[], args, stdin)
}

/// Runs `airlock` in `dir` with extra environment variables.
fn airlock_in(dir: &Path, env: &[(&str, &str)], args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_airlock"))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the airlock binary runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin)
        .expect("stdin accepts the input");
    let out = child.wait_with_output().expect("airlock finishes");
    Run {
        code: out
            .status
            .code()
            .expect("airlock exits, not killed by a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// A scratch file under Cargo's per-target temporary directory.
fn scratch(name: &str, bytes: &[u8]) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, bytes).expect("the scratch file can be written");
    path
}

#[test]
fn json_output_has_the_documented_shape() {
    let run = airlock(&["parse", MULTISTAGE, "--format", "json"], b"");
    assert_eq!(run.code, 0, "a clean file exits 0; stderr: {}", run.stderr);
    assert_eq!(run.stderr, "");
    insta::assert_snapshot!("json_multistage", run.stdout);
}

#[test]
fn json_args_are_a_string_for_shell_form_and_an_array_for_exec_form() {
    let run = airlock(
        &["parse", "-", "--format", "json"],
        b"FROM a\nRUN a \\\n  b\nCMD [\"c\", \"d\"]\n",
    );
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    let ins = &json["instructions"];
    assert_eq!(ins[1]["args"], "a   b");
    assert_eq!(ins[1]["form"], "shell");
    assert_eq!(
        (ins[1]["line"].as_u64(), ins[1]["end_line"].as_u64()),
        (Some(2), Some(3))
    );
    assert_eq!(ins[2]["args"], serde_json::json!(["c", "d"]));
    assert_eq!(ins[2]["form"], "exec");
}

#[test]
fn text_output_is_one_line_per_instruction() {
    let run = airlock(&["parse", MULTISTAGE], b"");
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    insta::assert_snapshot!("text_multistage", run.stdout);
}

#[test]
fn syntax_errors_exit_1_and_are_printed_as_file_line_col() {
    let run = airlock(&["parse", ERRORS], b"");
    assert_eq!(run.code, 1, "syntax errors exit 1");
    assert_eq!(run.stderr, "", "syntax errors are output, not failures");
    assert!(
        run.stdout.contains(
            "tests/fixtures/cli/errors.Dockerfile:3:1: error: unknown instruction `FORM`"
        ),
        "{}",
        run.stdout
    );
    insta::assert_snapshot!("text_errors", run.stdout);
}

#[test]
fn syntax_errors_in_json_carry_start_and_end_positions() {
    let run = airlock(&["parse", ERRORS, "--format", "json"], b"");
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("json_errors", run.stdout);
}

#[test]
fn dash_reads_standard_input_and_calls_it_stdin() {
    let run = airlock(&["parse", "-"], b"FROM a\nFOO b\n");
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("<stdin>:2:1: error: unknown instruction `FOO`"),
        "{}",
        run.stdout
    );

    let run = airlock(&["parse", "-", "--format", "json"], b"FROM a\n");
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    assert_eq!(json["file"], "<stdin>");
}

#[test]
fn no_file_argument_reads_standard_input() {
    let run = airlock(&["parse"], b"FROM a\nRUN b\n");
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_eq!(run.stdout, "1: FROM a\n2: RUN b\n");
}

#[test]
fn a_missing_file_is_one_line_naming_it_and_exits_2() {
    let run = airlock(&["parse", "Dockerfile.x"], b"");
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "airlock: cannot read Dockerfile.x: No such file or directory\n"
    );
}

#[test]
fn a_directory_is_one_line_naming_it_and_exits_2() {
    let run = airlock(&["parse", "tests", "--format", "json"], b"");
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "airlock: cannot read tests: is a directory\n");
}

#[test]
fn a_file_that_is_not_utf8_is_one_line_naming_it_and_exits_2() {
    let path = scratch(
        "latin1.Dockerfile",
        b"FROM alpine\nLABEL author=\"Jos\xe9\"\n",
    );
    let run = airlock(&["parse", path.to_str().expect("UTF-8 temp path")], b"");
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        format!(
            "airlock: cannot read {}: not UTF-8 text (invalid byte at line 2, column 18)\n",
            path.display()
        )
    );
}

#[test]
fn standard_input_that_is_not_utf8_exits_2() {
    let run = airlock(&["parse", "-"], b"FROM \xff\n");
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "airlock: cannot read <stdin>: not UTF-8 text (invalid byte at line 1, column 6)\n"
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [&["parse", "--format", "yaml"][..], &["frobnicate"], &[]] {
        let run = airlock(args, b"");
        assert_eq!(run.code, 2, "airlock {args:?}: {}", run.stderr);
        assert!(!run.stderr.is_empty(), "airlock {args:?} explains itself");
    }
}

#[test]
fn help_exits_0() {
    let run = airlock(&["parse", "--help"], b"");
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("--format"), "{}", run.stdout);
}

/// Each command's `--format` is described in that command's own words.
#[test]
fn help_describes_each_format_in_its_commands_words() {
    for command in ["parse", "size", "rules"] {
        let run = airlock(&[command, "--help"], b"");
        assert_eq!(run.code, 0, "{}", run.stderr);
        let options = &run.stdout[run.stdout.find("Options:").expect("an Options section")..];
        insta::assert_snapshot!(format!("help_{command}_options"), options);
    }
}

// ---- airlock graph ----

const GO: &str = "static/examples/go-distroless.Dockerfile";

#[test]
fn graph_text_names_the_target_roles_and_artifacts() {
    let run = airlock(&["graph", GO], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("graph_text_go", run.stdout);
}

const UNNAMED: &str = "tests/fixtures/cli/unnamed.Dockerfile";

#[test]
fn graph_text_names_unnamed_stages_once_and_resolves_destinations() {
    let run = airlock(&["graph", UNNAMED, "--target", "2"], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("target: stage 2\n"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains('→'), "one arrow: {}", run.stdout);
    insta::assert_snapshot!("graph_text_unnamed", run.stdout);
    let run = airlock(&["graph", UNNAMED, "--format", "json"], b"");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let dests: Vec<_> = json["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["dest"].clone(), e["dest_resolved"].clone()))
        .collect();
    assert_eq!(
        dests,
        [
            (json!("."), json!("/app/")),
            (json!("./"), json!("/app/bin/")),
            (json!("/usr/local/bin/"), json!(null)),
        ]
    );
}

#[test]
fn graph_json_has_the_documented_shape() {
    let run = airlock(&["graph", GO, "--format", "json"], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(json["target"], 2);
    let stages = json["stages"].as_array().unwrap();
    assert_eq!(stages.len(), 3);
    for key in [
        "index",
        "name",
        "base",
        "role",
        "reachable",
        "line",
        "evidence",
    ] {
        assert!(stages[0].get(key).is_some(), "stage has `{key}`");
    }
    assert_eq!(stages[0]["role"], "builder");
    assert_eq!(stages[1]["reachable"], false);
    let edge = json["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "copy")
        .unwrap();
    assert_eq!(edge["from"]["stage"], 0);
    assert_eq!(edge["to"], 2);
    assert_eq!(edge["paths"][0], "/out/server");
    assert_eq!(edge["line"], 24);
    assert!(json["images"].as_array().unwrap().is_empty());
}

#[test]
fn graph_target_and_build_args() {
    let run = airlock(
        &[
            "graph",
            GO,
            "--format",
            "json",
            "--target",
            "test",
            "--build-arg",
            "GO_VERSION=1.25",
        ],
        b"",
    );
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["target"], 1);
    assert_eq!(json["stages"][0]["base"]["ref"], "golang:1.25-bookworm");
    assert_eq!(json["stages"][2]["reachable"], false);
}

#[test]
fn graph_unknown_target_is_a_warning_with_the_last_stage() {
    let run = airlock(&["graph", GO, "--target", "nope"], b"");
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("target: prod (stage 2)"));
    assert!(
        run.stdout.contains("warning: target `nope` is not a stage"),
        "{}",
        run.stdout
    );
}

#[test]
fn graph_build_arg_without_a_name_is_a_usage_error() {
    let run = airlock(&["graph", GO, "--build-arg", "=x"], b"");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("has no name"), "{}", run.stderr);
}

#[test]
fn graph_dot_mermaid_and_svg() {
    for (format, start) in [
        ("dot", "digraph airlock {"),
        ("mermaid", "flowchart LR"),
        ("svg", "<svg "),
    ] {
        let run = airlock(
            &["graph", "-", "--format", format],
            include_bytes!("../static/examples/seed-go.Dockerfile"),
        );
        assert_eq!(run.code, 0, "{format}: {}", run.stderr);
        assert!(run.stdout.starts_with(start), "{format}: {}", run.stdout);
    }
}

#[test]
fn graph_of_a_broken_file_still_prints_and_exits_1() {
    let run = airlock(
        &["graph", "-"],
        b"FROM golang AS b\nFORM x\nFROM scratch\nCOPY --from=b /a /a\n",
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("b -> stage 1: copies /a into /a (line 4)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("<stdin>:2:1: error: unknown instruction `FORM`"),
        "{}",
        run.stdout
    );
}

// ---- airlock check, rules, explain, fix ----

const ROOT_GO: &[u8] = b"FROM golang:1.22 AS b\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=b /app /app\nENTRYPOINT [\"/app\"]\n";

#[test]
fn check_text_exit_codes_and_threshold() {
    let only = ["--disable", "all", "--enable", "AL104"];
    let run = airlock(&[&["check", "-"][..], &only].concat(), ROOT_GO);
    assert_eq!(run.code, 1, "a warning fails by default: {}", run.stdout);
    assert!(
        run.stdout
            .contains("<stdin>:3:1: warning[AL104] the image runs as root"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("    fix: Add `USER 65532` (non-root)"),
        "{}",
        run.stdout
    );
    let run = airlock(
        &[&["check", "-", "--fail-on", "error"][..], &only].concat(),
        ROOT_GO,
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    let run = airlock(&["check", "-", "--disable", "all"], ROOT_GO);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.ends_with("no findings\n"), "{}", run.stdout);
}

/// Identical findings on many lines are one row of the text output, with the count and the
/// lines; JSON keeps one result per occurrence, and the summary counts each.
#[test]
fn check_text_groups_identical_findings_and_json_does_not() {
    let src = b"FROM alpine:3.20 as a\nFROM alpine:3.20 as b\nFROM alpine:3.20 AS c\nFROM a as d\nUSER 65532\n";
    let only = ["--disable", "all", "--enable", "AL202"];
    let text = airlock(&[&["check", "-"][..], &only].concat(), src);
    let rows: Vec<&str> = text
        .stdout
        .lines()
        .filter(|l| l.contains("[AL202]"))
        .collect();
    assert_eq!(
        rows,
        ["<stdin>:1:18: warning[AL202] `as` does not match the case of `FROM` (3 times, lines 1, 2, 4)"],
        "{}",
        text.stdout
    );
    assert!(
        text.stdout.contains("3 findings: 3 warning"),
        "{}",
        text.stdout
    );
    let json = airlock(
        &[&["check", "-", "--format", "json"][..], &only].concat(),
        src,
    );
    let findings: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let lines: Vec<u64> = findings
        .as_array()
        .expect("an array")
        .iter()
        .map(|f| f["line"].as_u64().expect("a line"))
        .collect();
    assert_eq!(lines, [1, 2, 4]);
}

#[test]
fn check_json_has_the_documented_fields() {
    let run = airlock(&["check", "-", "--format", "json"], ROOT_GO);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let f = json
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "AL104")
        .unwrap();
    for key in [
        "code",
        "aliases",
        "severity",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "fix",
    ] {
        assert!(f.get(key).is_some(), "finding has `{key}`: {f}");
    }
    assert_eq!(f["aliases"], serde_json::json!(["DL3002"]));
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["line"], 3);
    assert_eq!(f["fix"], "Add `USER 65532` (non-root)");
}

#[test]
fn check_reports_syntax_errors_as_findings() {
    let run = airlock(
        &["check", "-", "--format", "json"],
        b"FROM alpine:3.20\nFORM x\nUSER 1\n",
    );
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let syntax = json
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "syntax")
        .unwrap();
    assert_eq!(syntax["line"], 2);
    assert_eq!(syntax["severity"], "error");
    assert_eq!(run.code, 1);
}

/// The official SARIF 2.1.0 schema (fetched by scripts/setup.sh), as a validator.
fn sarif_validator() -> jsonschema::Validator {
    let schema_path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/sarif/sarif-2.1.0-rtm.5.json");
    let schema = std::fs::read_to_string(&schema_path)
        .unwrap_or_else(|_| panic!("{} is missing: run scripts/setup.sh", schema_path.display()));
    let mut schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    // The published schema has an unbalanced `]` in its `language` patterns, which a strict
    // validator rejects as a regex; they constrain fields airlock never writes.
    fn mend(v: &mut serde_json::Value) -> usize {
        match v {
            serde_json::Value::String(s) if s == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$" => {
                *s = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into();
                1
            }
            serde_json::Value::Object(m) => m.values_mut().map(mend).sum(),
            serde_json::Value::Array(a) => a.iter_mut().map(mend).sum(),
            _ => 0,
        }
    }
    assert!(
        mend(&mut schema) > 0,
        "the schema's known typo is gone: drop this mending"
    );
    jsonschema::validator_for(&schema).expect("the SARIF schema compiles")
}

/// The schema's complaints about a SARIF document.
fn sarif_errors(validator: &jsonschema::Validator, sarif: &serde_json::Value) -> Vec<String> {
    validator
        .iter_errors(sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let validator = sarif_validator();
    for input in [
        ROOT_GO,
        b"FROM alpine:3.20\nFORM x\n",
        include_bytes!("../static/examples/seed-go.Dockerfile"),
    ] {
        let run = airlock(&["check", "-", "--format", "sarif"], input);
        let sarif: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let errors = sarif_errors(&validator, &sarif);
        assert!(errors.is_empty(), "{errors:#?}");
        let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap();
        assert!(rules.iter().all(|r| r["help"]["markdown"]
            .as_str()
            .is_some_and(|h| h.contains("## What it does"))));
    }
}

#[test]
fn check_github_and_markdown() {
    let run = airlock(&["check", "-", "--format", "github"], ROOT_GO);
    assert!(
        run.stdout.contains("::warning file=<stdin>,line=3,col=1,"),
        "{}",
        run.stdout
    );
    let run = airlock(&["check", "-", "--format", "markdown"], ROOT_GO);
    assert!(
        run.stdout.starts_with("# airlock report\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("| <stdin> | 3:1 | warning | AL104 |"),
        "{}",
        run.stdout
    );
}

#[test]
fn check_finds_airlock_toml_upward() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cfg-project");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("airlock.toml"), "[rules]\ndisable = [\"all\"]\n").unwrap();
    std::fs::write(dir.join("sub/Dockerfile"), ROOT_GO).unwrap();
    let run = airlock(
        &["check", dir.join("sub/Dockerfile").to_str().unwrap()],
        b"",
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    std::fs::write(dir.join("airlock.toml"), "[rules]\nfail-on = \"loud\"\n").unwrap();
    let run = airlock(
        &["check", dir.join("sub/Dockerfile").to_str().unwrap()],
        b"",
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown severity `loud`"),
        "{}",
        run.stderr
    );
}

#[test]
fn rules_and_explain() {
    let run = airlock(&["rules"], b"");
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.lines().any(|l| l.starts_with("AL104  warning")),
        "{}",
        run.stdout
    );
    let run = airlock(&["explain", "DL3002"], b"");
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.starts_with("# AL104 final_stage_runs_as_root"),
        "{}",
        run.stdout
    );
    let run = airlock(&["explain", "dl3061"], b"");
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("syntax error"), "{}", run.stdout);
    let run = airlock(&["explain", "XX999"], b"");
    assert_eq!(run.code, 2);
}

#[test]
fn fix_prints_a_diff_and_writes_with_write() {
    let path = scratch("fix.Dockerfile", ROOT_GO);
    let run = airlock(&["fix", path.to_str().unwrap()], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("+USER 65532\n"), "{}", run.stdout);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        ROOT_GO,
        "no --write: file untouched"
    );
    let run = airlock(&["fix", path.to_str().unwrap(), "--write"], b"");
    assert_eq!(run.code, 0);
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert!(fixed.contains("USER 65532\nENTRYPOINT"), "{fixed}");
}

/// `airlock fix` prints what `git diff` prints, so `git apply` (and `patch -p1`) take it as is.
#[test]
fn fix_diff_applies_with_git_apply() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fix-git-apply");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("app")).unwrap();
    std::fs::write(dir.join("app/Dockerfile"), ROOT_GO).unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_airlock"))
        .args(["fix", "./app/Dockerfile"])
        .current_dir(&dir)
        .output()
        .expect("airlock runs");
    let diff = String::from_utf8(run.stdout).unwrap();
    assert!(
        diff.starts_with(
            "diff --git a/app/Dockerfile b/app/Dockerfile\n--- a/app/Dockerfile\n+++ b/app/Dockerfile\n@@ "
        ),
        "{diff}"
    );
    std::fs::write(dir.join("fix.patch"), &diff).unwrap();
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(&dir)
            .output()
            .expect("git runs")
    };
    assert!(git(&["init", "-q"]).status.success());
    let applied = git(&["apply", "fix.patch"]);
    assert!(
        applied.status.success(),
        "git apply: {}",
        String::from_utf8_lossy(&applied.stderr)
    );
    let fixed = std::fs::read_to_string(dir.join("app/Dockerfile")).unwrap();
    let expected = Command::new(env!("CARGO_BIN_EXE_airlock"))
        .args(["fix", "app/Dockerfile", "--write"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(expected.status.success());
    assert_eq!(
        std::fs::read_to_string(dir.join("app/Dockerfile")).unwrap(),
        fixed,
        "the applied diff is the --write result"
    );
    // Nothing left to fix: no diff at all.
    let run = airlock(&["fix", UNNAMED], b"");
    assert_eq!(run.code, 0);
}

#[test]
fn size_text_keeps_its_columns_with_long_names_and_unused_stages() {
    let run = airlock(&["size", UNNAMED, "--target", "2"], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let table: Vec<&str> = run
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("stage "))
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(table.len(), 5, "{}", run.stdout);
    // The header ends with `total MB`; every row's last figure ends in that same column, and a
    // status (target, unused) may only follow it.
    let end = table[0].len();
    assert!(table[0].ends_with("total MB"), "{}", table[0]);
    for row in &table[1..] {
        let (figures, status) = row.split_at(end);
        assert!(figures.ends_with(|c: char| c.is_ascii_digit()), "{row}");
        assert!(["", "  target", "  unused"].contains(&status), "{row}");
    }
    assert!(
        table.iter().any(|row| row.ends_with("  unused")),
        "{}",
        run.stdout
    );
    insta::assert_snapshot!("size_text_unnamed", run.stdout);
}

#[test]
fn readme_rule_table_is_generated_from_the_catalog() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let begin = readme
        .find("<!-- rules:begin -->\n")
        .expect("README has a rules:begin marker")
        + "<!-- rules:begin -->\n".len();
    let end = readme
        .find("<!-- rules:end -->")
        .expect("README has a rules:end marker");
    let run = airlock(&["rules", "--format", "markdown"], b"");
    assert_eq!(
        &readme[begin..end],
        run.stdout,
        "README.md's rule table is out of date: run scripts/update-readme-rules.sh"
    );
}

#[test]
fn config_sets_the_non_root_uid_of_fixes() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cfg-uid");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("airlock.toml"), "[rules]\nnon-root-uid = 10001\n").unwrap();
    std::fs::write(dir.join("Dockerfile"), ROOT_GO).unwrap();
    let run = airlock(&["fix", dir.join("Dockerfile").to_str().unwrap()], b"");
    assert!(run.stdout.contains("+USER 10001\n"), "{}", run.stdout);
}

#[test]
fn check_with_a_context_reports_sources_its_dockerignore_excludes() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("context-with-dockerignore");
    std::fs::create_dir_all(&dir).expect("the context folder can be made");
    std::fs::write(dir.join(".dockerignore"), "# no logs\n*.log\n").expect("written");
    let src = b"FROM scratch\nCOPY app.log main.go /src/\n";
    let with = airlock(&["check", "-", "--context", dir.to_str().unwrap()], src);
    assert!(with.stdout.contains("AL220"), "{}", with.stdout);
    assert!(with.stdout.contains("`app.log`"), "{}", with.stdout);
    assert!(!with.stdout.contains("`main.go`"), "{}", with.stdout);
    let without = airlock(&["check", "-"], src);
    assert!(!without.stdout.contains("AL220"), "{}", without.stdout);
}

#[test]
fn check_with_a_context_without_dockerignore_reports_nothing_of_it() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("context-without-dockerignore");
    std::fs::create_dir_all(&dir).expect("the context folder can be made");
    let run = airlock(
        &["check", "-", "--context", dir.to_str().unwrap()],
        b"FROM scratch\nCOPY app.log /src/\n",
    );
    assert!(!run.stdout.contains("AL220"), "{}", run.stdout);
}

// ---- `airlock check DIR`: whole repositories ----

/// A fresh folder under Cargo's temporary directory, holding `files` (path, text).
fn tree(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("dirs")
        .join(name);
    let _ = std::fs::remove_dir_all(&root);
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    root
}

/// Always has a finding (AL114: no tag).
const UNTAGGED: &str = "FROM alpine\n";

/// The files a SARIF report lists as checked, in its order.
fn checked(dir: &Path, args: &[&str]) -> Vec<String> {
    let run = airlock_in(
        dir,
        &[],
        &[&["check", "--format", "sarif"], args].concat(),
        b"",
    );
    assert!(run.code <= 1, "{}", run.stderr);
    let sarif: serde_json::Value = serde_json::from_str(&run.stdout).expect("SARIF is JSON");
    sarif["runs"][0]["artifacts"]
        .as_array()
        .expect("artifacts are listed")
        .iter()
        .map(|a| a["location"]["uri"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_folder_is_walked_for_exactly_the_dockerfile_names() {
    let yes = [
        "Dockerfile",
        "a/dockerfile",
        "a/b/c/Dockerfile.prod",
        "a/b/c/DOCKERFILE",
        "app.Dockerfile",
        "x/app.dockerfile",
        "Containerfile",
        "c/Containerfile.dev",
        "c/web.containerfile",
    ];
    let no = [
        "Dockerfile.dockerignore",
        "x/app.Dockerfile.dockerignore",
        ".dockerignore",
        "Dockerfile-prod",
        "Dockerfiles",
        "docker-compose.yml",
        "notes/dockerfile.md.txt.bak/README",
        "README.md",
    ];
    let files: Vec<(&str, &str)> = yes.iter().chain(&no).map(|p| (*p, UNTAGGED)).collect();
    let root = tree("names", &files);
    let mut expected: Vec<String> = yes.iter().map(|p| p.to_string()).collect();
    expected.sort_by(|a, b| Path::new(a).cmp(Path::new(b)));
    // No path: the current folder; `.` and the folder's own path say the same.
    assert_eq!(checked(&root, &[]), expected);
    assert_eq!(checked(&root, &["."]), expected);
    let from_above = checked(root.parent().unwrap(), &["names"]);
    let prefixed: Vec<String> = expected.iter().map(|p| format!("names/{p}")).collect();
    assert_eq!(from_above, prefixed);
    // A file named on the command line is checked whatever its name.
    assert_eq!(
        checked(&root, &["README.md", "Dockerfile-prod"]),
        ["Dockerfile-prod", "README.md"]
    );
}

#[test]
fn ignore_files_and_hidden_folders_are_respected_outside_a_git_repository() {
    // Not a git repository: a .gitignore still says what the project leaves out (as for an
    // exported tarball or a CI checkout without .git), so it is honoured.
    let root = tree(
        "ignored",
        &[
            (".gitignore", "build/\n*.gen.Dockerfile\n"),
            ("sub/.ignore", "old/\n"),
            ("Dockerfile", UNTAGGED),
            ("build/Dockerfile", UNTAGGED),
            ("x.gen.Dockerfile", UNTAGGED),
            ("sub/Dockerfile", UNTAGGED),
            ("sub/old/Dockerfile", UNTAGGED),
            (".devcontainer/Dockerfile", UNTAGGED),
            (".git/Dockerfile", UNTAGGED),
        ],
    );
    assert_eq!(checked(&root, &[]), ["Dockerfile", "sub/Dockerfile"]);
    assert_eq!(
        checked(&root, &["--hidden"]),
        [".devcontainer/Dockerfile", "Dockerfile", "sub/Dockerfile"]
    );
    // Named on the command line, an ignored file is still checked.
    assert_eq!(checked(&root, &["build/Dockerfile"]), ["build/Dockerfile"]);
}

#[test]
fn include_and_exclude_globs_from_flags_and_airlock_toml() {
    let root = tree(
        "globs",
        &[
            ("Dockerfile", UNTAGGED),
            ("docker/Dockerfile-prod", UNTAGGED),
            ("docker/web.df", UNTAGGED),
            ("vendor/lib/Dockerfile", UNTAGGED),
            ("legacy.Dockerfile", UNTAGGED),
            (
                "svc/airlock.toml",
                "[files]\ninclude = [\"*.df\"]\nexclude = [\"tmp/\"]\n",
            ),
            ("svc/api.df", UNTAGGED),
            ("svc/tmp/Dockerfile", UNTAGGED),
            ("svc/Dockerfile", UNTAGGED),
        ],
    );
    assert_eq!(
        checked(&root, &[]),
        [
            "Dockerfile",
            "legacy.Dockerfile",
            "svc/Dockerfile",
            "svc/api.df",
            "vendor/lib/Dockerfile"
        ]
    );
    assert_eq!(
        checked(
            &root,
            &[
                "--include",
                "docker/Dockerfile-*",
                "--include",
                "*.df",
                "--exclude",
                "vendor/",
                "--exclude",
                "legacy.*"
            ]
        ),
        [
            "Dockerfile",
            "docker/Dockerfile-prod",
            "docker/web.df",
            "svc/Dockerfile",
            "svc/api.df"
        ]
    );
    // A bad glob is a usage error, positioned in airlock.toml.
    std::fs::write(
        root.join("svc/airlock.toml"),
        "[files]\nexclude = [\"[z-a]\"]\n",
    )
    .unwrap();
    let run = airlock_in(&root, &[], &["check"], b"");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("airlock.toml:2:12: bad glob `[z-a]`"),
        "{}",
        run.stderr
    );
    let run = airlock_in(&root, &[], &["check", "--exclude", "a,b}"], b"");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("bad glob `a,b}`"), "{}", run.stderr);
}

#[test]
fn each_file_uses_its_own_airlock_toml() {
    let root = tree(
        "own-config",
        &[
            ("quiet/airlock.toml", "[rules]\ndisable = [\"all\"]\n"),
            ("quiet/Dockerfile", UNTAGGED),
            ("loud/Dockerfile", UNTAGGED),
        ],
    );
    let run = airlock_in(&root, &[], &["check", "--format", "json"], b"");
    assert_eq!(run.code, 1, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let files: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert!(files.contains(&"loud/Dockerfile"), "{files:?}");
    assert!(!files.contains(&"quiet/Dockerfile"), "{files:?}");
}

#[test]
fn output_is_sorted_and_the_same_on_one_core_and_on_all() {
    let mut files = Vec::new();
    let names: Vec<String> = (0..60)
        .map(|i| format!("d{}/s{}/Dockerfile", i % 7, i))
        .collect();
    for (i, name) in names.iter().enumerate() {
        let text = if i % 2 == 0 {
            UNTAGGED
        } else {
            "FROM alpine:3.20\nRUN apk add curl\n"
        };
        files.push((name.as_str(), text));
    }
    let root = tree("parallel", &files);
    for format in ["text", "json", "sarif", "github", "markdown"] {
        let one = airlock_in(
            &root,
            &[("RAYON_NUM_THREADS", "1")],
            &["check", "--format", format],
            b"",
        );
        let all = airlock_in(
            &root,
            &[("RAYON_NUM_THREADS", "4")],
            &["check", "--format", format],
            b"",
        );
        let default = airlock_in(&root, &[], &["check", "--format", format], b"");
        assert_eq!(one.stdout, all.stdout, "{format}");
        assert_eq!(one.stdout, default.stdout, "{format}");
        assert_eq!(one.code, 1);
    }
    let json: serde_json::Value =
        serde_json::from_str(&airlock_in(&root, &[], &["check", "--format", "json"], b"").stdout)
            .unwrap();
    let order: Vec<PathBuf> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|f| PathBuf::from(f["file"].as_str().unwrap()))
        .collect();
    assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
    assert_eq!(
        order.first().map(|p| p.as_path()),
        Some(Path::new("d0/s0/Dockerfile"))
    );
}

#[test]
fn a_file_that_cannot_be_read_is_reported_and_the_others_are_checked() {
    let root = tree(
        "unreadable",
        &[("a/Dockerfile", UNTAGGED), ("c/Dockerfile", UNTAGGED)],
    );
    std::fs::create_dir_all(root.join("b")).unwrap();
    std::fs::write(
        root.join("b/Dockerfile"),
        b"FROM alpine\nLABEL a=\"\xe9\"\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("nowhere", root.join("a/Dockerfile.gone")).unwrap();
    let run = airlock_in(&root, &[], &["check"], b"");
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stdout.contains("a/Dockerfile:1:1: warning[AL114]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("c/Dockerfile:1:1: warning[AL114]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "a/Dockerfile.gone:1:1: error[unreadable] cannot read: No such file or directory"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("b/Dockerfile:1:1: error[unreadable] cannot read: not UTF-8 text (invalid byte at line 2, column 10)"),
        "{}",
        run.stdout
    );
    // Formats for programs keep stdout parseable and say it on stderr too.
    let run = airlock_in(&root, &[], &["check", "--format", "json"], b"");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("airlock: cannot read b/Dockerfile: not UTF-8"),
        "{}",
        run.stderr
    );
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let unreadable: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "unreadable")
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(unreadable, ["a/Dockerfile.gone", "b/Dockerfile"]);
    // A missing file named on the command line, among good ones.
    let run = airlock_in(
        &root,
        &[],
        &["check", "a/Dockerfile", "missing/Dockerfile"],
        b"",
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stdout
            .contains("missing/Dockerfile:1:1: error[unreadable]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("a/Dockerfile:1:1: warning[AL114]"),
        "{}",
        run.stdout
    );
}

#[test]
fn sarif_for_many_files_is_one_valid_run_listing_them() {
    let root = tree(
        "sarif-many",
        &[
            ("Dockerfile", UNTAGGED),
            ("clean/Dockerfile", std::str::from_utf8(ROOT_GO).unwrap()),
            ("x/app.Dockerfile", "FROM alpine:3.20\nFORM x\n"),
        ],
    );
    std::os::unix::fs::symlink("nowhere", root.join("x/Dockerfile")).unwrap();
    let run = airlock_in(&root, &[], &["check", "--format", "sarif"], b"");
    assert_eq!(run.code, 2, "{}", run.stderr);
    let sarif: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let errors = sarif_errors(&sarif_validator(), &sarif);
    assert!(errors.is_empty(), "{errors:#?}");
    let runs = sarif["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let uris: Vec<&str> = runs[0]["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["location"]["uri"].as_str().unwrap())
        .collect();
    assert_eq!(
        uris,
        [
            "Dockerfile",
            "clean/Dockerfile",
            "x/Dockerfile",
            "x/app.Dockerfile"
        ]
    );
    let result_files: std::collections::BTreeSet<&str> = runs[0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(result_files.contains("Dockerfile") && result_files.contains("x/app.Dockerfile"));
    assert!(!result_files.contains("x/Dockerfile"), "{result_files:?}");
    let invocation = &runs[0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert_eq!(
        invocation["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]
            ["artifactLocation"]["uri"],
        "x/Dockerfile"
    );
    // GitHub annotations and Markdown name each file.
    let gh = airlock_in(&root, &[], &["check", "--format", "github"], b"").stdout;
    assert!(gh.contains("::warning file=Dockerfile,line=1"), "{gh}");
    assert!(gh.contains("::error file=x/app.Dockerfile,line=2"), "{gh}");
    assert!(gh.contains("::error file=x/Dockerfile,line=1"), "{gh}");
    let md = airlock_in(&root, &[], &["check", "--format", "markdown"], b"").stdout;
    assert!(
        md.contains("| x/app.Dockerfile | 2:1 | error | syntax |"),
        "{md}"
    );
}

#[test]
fn stdin_filename_names_the_input_and_finds_its_airlock_toml() {
    let root = tree(
        "stdin-name",
        &[(
            "svc/airlock.toml",
            "[rules]\ndisable = [\"AL114\"]\nfail-on = \"error\"\n",
        )],
    );
    let run = airlock_in(
        &root,
        &[],
        &["check", "--stdin-filename", "svc/Dockerfile"],
        b"FROM alpine\nFORM x\n",
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("svc/Dockerfile:2:1: error[syntax]"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("AL114"), "{}", run.stdout);
    let run = airlock_in(
        &root,
        &[],
        &["check", "-", "--stdin-filename", "svc/Dockerfile"],
        UNTAGGED.as_bytes(),
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    // Without the name: <stdin>, and the settings of the current folder (none here).
    let run = airlock_in(&root, &[], &["check", "-"], UNTAGGED.as_bytes());
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("<stdin>:1:1: warning[AL114]"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_folder_without_dockerfiles_says_so() {
    let root = tree("empty", &[("README.md", "hi\n")]);
    let run = airlock_in(&root, &[], &["check"], b"");
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "no findings\n");
    assert_eq!(run.stderr, "airlock: no Dockerfile found in .\n");
}

#[test]
fn size_of_an_export_target_gives_the_files_size_and_no_reduction() {
    let file = "tests/fixtures/size/export.Dockerfile";
    let run = airlock(&["size", file], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("\nexported "), "{}", run.stdout);
    assert!(!run.stdout.contains("\nreduction "), "{}", run.stdout);
    insta::assert_snapshot!("size_text_export", run.stdout);

    let json: serde_json::Value =
        serde_json::from_str(&airlock(&["size", file, "--format", "json"], b"").stdout)
            .expect("JSON");
    assert_eq!(json["target_kind"], "export");
    let runnable: serde_json::Value = serde_json::from_str(
        &airlock(
            &[
                "size",
                "tests/fixtures/size/scratch.Dockerfile",
                "--format",
                "json",
            ],
            b"",
        )
        .stdout,
    )
    .expect("JSON");
    assert_eq!(
        runnable["target_kind"], "image",
        "a scratch target with an ENTRYPOINT is an image"
    );
    assert!(runnable["reduction_pct"].as_f64().is_some());
}

//! AL102's fix on single-stage Go, Node, Python and C/C++ files (`tests/fixtures/convert/`):
//! the converted file is snapshotted, re-parses cleanly, no longer fires the builder-pattern
//! rules it was converted for, and `airlock fix` on it converges.

// Native test code: the wasm size rules (clippy.toml) do not bind it.
#![allow(clippy::disallowed_methods)]

use std::path::{Path, PathBuf};
use std::process::Command;

use airlock::engine::diagnostic::apply_edits;
use airlock::engine::{analyze, fix_all, Config};

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/convert");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/fixtures/convert exists")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "Dockerfile"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    files
}

fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

/// The file after applying AL102's fix alone, and the fix's title.
fn converted(src: &str) -> (String, String) {
    let a = analyze(src, &Config::default());
    let fix = a
        .findings
        .iter()
        .find(|f| f.code == "AL102")
        .unwrap_or_else(|| panic!("AL102 does not fire on:\n{src}"))
        .fix
        .clone()
        .unwrap_or_else(|| panic!("AL102 offers no conversion for:\n{src}"));
    (apply_edits(src, &fix.edits).0, fix.title)
}

#[test]
fn conversions_match_their_snapshots() {
    for path in fixtures() {
        let src = std::fs::read_to_string(&path).unwrap();
        let (out, title) = converted(&src);
        insta::assert_snapshot!(
            format!("convert_{}", stem(&path)),
            format!("# {title}\n{out}")
        );
    }
}

#[test]
fn converted_files_parse_and_the_builder_pattern_rules_are_quiet() {
    for path in fixtures() {
        let src = std::fs::read_to_string(&path).unwrap();
        let (out, _) = converted(&src);
        let a = analyze(&out, &Config::default());
        assert!(
            a.errors.is_empty(),
            "{}: {:?}\n{out}",
            path.display(),
            a.errors
        );
        assert_eq!(a.graph.stages.len(), 2, "{}", path.display());
        for code in ["AL101", "AL102", "AL103", "AL104", "AL105"] {
            let fired: Vec<_> = a.findings.iter().filter(|f| f.code == code).collect();
            assert!(
                fired.is_empty(),
                "{}: {code} fires: {fired:?}\n{out}",
                path.display()
            );
        }
    }
}

#[test]
fn fixing_everything_converges() {
    for path in fixtures() {
        let src = std::fs::read_to_string(&path).unwrap();
        let config = Config::default();
        let once = fix_all(&src, &config);
        assert_eq!(fix_all(&once, &config), once, "{}", path.display());
        let a = analyze(&once, &config);
        assert!(a.errors.is_empty(), "{}:\n{once}", path.display());
        assert!(
            a.findings.iter().all(|f| f.fix.is_none()),
            "{}: fixes left:\n{once}",
            path.display()
        );
        assert!(
            !a.findings.iter().any(|f| f.code == "AL102"),
            "{}",
            path.display()
        );
    }
}

#[test]
fn the_cli_fix_command_converts() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/convert/go.Dockerfile");
    let out = Command::new(env!("CARGO_BIN_EXE_airlock"))
        .args(["fix", path.to_str().unwrap()])
        .output()
        .expect("airlock runs");
    let diff = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{diff}");
    assert!(
        diff.contains("+FROM gcr.io/distroless/static-debian12:nonroot"),
        "{diff}"
    );
    assert!(
        diff.contains("+COPY --from=builder /usr/local/bin/api /usr/local/bin/api"),
        "{diff}"
    );
}

//! The graph's pictures: DOT and Mermaid are pinned by snapshots of the repo's examples; DOT is
//! also fed to Graphviz (installed by scripts/setup.sh), and the SVG is checked as XML.

// Native test code: the wasm size rules (clippy.toml) do not bind it.
#![allow(clippy::disallowed_methods)]

use std::path::{Path, PathBuf};
use std::process::Command;

use airlock::engine::{analyze, Config};
use airlock::render::{dot, mermaid, svg};

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("static/examples");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "Dockerfile"))
        .collect();
    files.sort();
    files
}

fn name(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn dot_and_mermaid_snapshots() {
    for path in examples() {
        let a = analyze(&std::fs::read_to_string(&path).unwrap(), &Config::default());
        insta::assert_snapshot!(format!("{}.dot", name(&path)), dot::render(&a.graph));
        insta::assert_snapshot!(format!("{}.mmd", name(&path)), mermaid::render(&a.graph));
    }
}

/// Every example's DOT renders in Graphviz, and so do the multi-stage corpus files.
#[test]
fn graphviz_accepts_the_dot() {
    let which = Command::new("dot").arg("-V").output();
    assert!(
        which.is_ok(),
        "Graphviz `dot` is missing: run scripts/setup.sh"
    );
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dockerfiles");
    let mut inputs = examples();
    inputs.extend(
        std::fs::read_dir(corpus)
            .unwrap()
            .map(|e| e.unwrap().path()),
    );
    let mut checked = 0;
    for path in inputs {
        let a = analyze(&std::fs::read_to_string(&path).unwrap(), &Config::default());
        if a.graph.stages.len() < 2 {
            continue;
        }
        let mut child = Command::new("dot")
            .args(["-Tsvg", "-o", "/dev/null"])
            .stdin(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(dot::render(&a.graph).as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        checked += 1;
    }
    assert!(checked >= 50, "only {checked} graphs checked");
}

#[test]
fn svg_is_well_formed_xml() {
    for path in examples() {
        let a = analyze(&std::fs::read_to_string(&path).unwrap(), &Config::default());
        let text = svg::render(&a.graph);
        assert!(text.starts_with("<svg"), "{}", path.display());
        // Every element opened is closed, in order.
        let mut stack: Vec<String> = Vec::new();
        let mut rest = text.as_str();
        while let Some(i) = rest.find('<') {
            rest = &rest[i + 1..];
            let end = rest.find('>').expect("unclosed tag");
            let tag = &rest[..end];
            rest = &rest[end + 1..];
            if let Some(closing) = tag.strip_prefix('/') {
                assert_eq!(stack.pop().as_deref(), Some(closing), "{}", path.display());
            } else if !tag.ends_with('/') {
                stack.push(tag.split_whitespace().next().unwrap().to_string());
            }
        }
        assert!(stack.is_empty(), "{}: unclosed {stack:?}", path.display());
    }
}

//! Lists the workshop's exercises (`static/exercises/NN-slug.Dockerfile`, each with its
//! `NN-slug.solution.Dockerfile`) into `$OUT_DIR/exercises.rs`, so that adding a file and
//! rebuilding is all a trainer does. The files' format is checked by `view::workshop` and its tests.
//! Lists the playground's examples (`static/examples/ID.Dockerfile`) into `$OUT_DIR/examples.rs`
//! the same way (`view::examples` gives each its place in the menu).
//! Also generates the rule registry (`build/rule_registry.rs`).
#![allow(clippy::disallowed_methods)] // native build code: the wasm size rules do not bind it

use std::fmt::Write as _;
use std::path::Path;

#[path = "build/rule_registry.rs"]
mod rule_registry;

const SOLUTION: &str = ".solution.Dockerfile";
const EXERCISE: &str = ".Dockerfile";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    list_examples();
    // A directory: Cargo rescans it, so added, removed and edited files all rebuild.
    println!("cargo:rerun-if-changed=static/exercises");
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    rule_registry::generate(Path::new(&manifest), Path::new(&out_dir));
    let dir = Path::new(&manifest).join("static/exercises");
    let mut names: Vec<String> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok())
            .filter_map(|e| match e.file_name().into_string() {
                Ok(name) => Some(name),
                Err(name) => {
                    println!("cargo:warning=static/exercises: skipping {name:?}: not UTF-8");
                    None
                }
            })
            .filter(|name| name.ends_with(EXERCISE))
            .collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    let mut out = String::from(
        "/// Every exercise file, sorted by name.\npub const FILES: &[ExerciseFile] = &[\n",
    );
    for name in names.iter().filter(|n| !n.ends_with(SOLUTION)) {
        let id = &name[..name.len() - EXERCISE.len()];
        let solution = format!("{id}{SOLUTION}");
        let text = dir.join(name);
        let solution = if names.contains(&solution) {
            let path = dir.join(&solution).display().to_string();
            format!("Some(include_str!({path:?}))")
        } else {
            "None".to_string()
        };
        writeln!(
            out,
            "    ExerciseFile {{ id: {id:?}, text: include_str!({:?}), solution: {solution} }},",
            text.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n\n/// Solution files without an exercise of the same name.\npub const ORPHAN_SOLUTIONS: &[&str] = &[\n");
    for name in names.iter().filter(|n| n.ends_with(SOLUTION)) {
        let id = &name[..name.len() - SOLUTION.len()];
        if !names.contains(&format!("{id}{EXERCISE}")) {
            writeln!(out, "    {name:?},").unwrap();
        }
    }
    out.push_str("];\n");
    let target =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("exercises.rs");
    std::fs::write(target, out).expect("OUT_DIR is writable");
}

/// `static/examples/*.Dockerfile` as `FILES: &[(id, text)]`, sorted by id.
fn list_examples() {
    const EXT: &str = ".Dockerfile";
    println!("cargo:rerun-if-changed=static/examples");
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("static/examples");
    let mut ids: Vec<String> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|name| Some(name.strip_suffix(EXT)?.to_string()))
        .collect();
    ids.sort();
    let mut out = String::from("/// Every example file: its id (the name without `.Dockerfile`) and its text, sorted by id.\npub const FILES: &[(&str, &str)] = &[\n");
    for id in &ids {
        let path = dir.join(format!("{id}{EXT}")).display().to_string();
        writeln!(out, "    ({id:?}, include_str!({path:?})),").unwrap();
    }
    out.push_str("];\n");
    let target =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("examples.rs");
    std::fs::write(target, out).expect("OUT_DIR is writable");
}

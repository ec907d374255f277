//! The shape of `src/`, checked: imports point one way (bin -> cli/web -> view/render -> engine),
//! and no module is compiled from another folder's file (`#[path]`) or hides its dead code behind
//! a module-wide `allow(dead_code)`. Reads the source files as text.

// Native test code: the wasm size rules (clippy.toml) do not bind it.
#![allow(clippy::disallowed_methods)]

use std::path::{Path, PathBuf};

/// The layers a file of `layer` must not name.
fn forbidden(layer: &str) -> &'static [&'static str] {
    match layer {
        "engine" => &["render", "view", "cli", "web"],
        "render" | "view" => &["cli", "web"],
        "cli" => &["web"],
        "web" => &["cli"],
        _ => &[],
    }
}

/// The layer of a file, from its path under `src/`: its first folder, or its name for the
/// module file beside it (`engine.rs` is `engine`).
fn layer_of(relative: &Path) -> String {
    let first = relative
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    first.strip_suffix(".rs").unwrap_or(&first).to_string()
}

/// `text` without its `//` comments (doc comments included), so that prose naming a module is
/// not read as an import. A `//` inside a string is rare enough in this code to cut there too.
fn code_only(text: &str) -> String {
    text.lines()
        .map(|line| line.find("//").map_or(line, |at| &line[..at]))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules `code` names through `crate::` (or `$crate::`), including each name of
/// a `crate::{a, b::c}` group.
fn crate_modules(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate") {
        let before = rest[..at].chars().next_back();
        let after = rest[at + "crate".len()..].trim_start();
        rest = &rest[at + "crate".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let Some(path) = after.strip_prefix("::") else {
            continue;
        };
        let path = path.trim_start();
        if let Some(group) = path.strip_prefix('{') {
            // Top-level names of the group: what follows `{` or a `,` at depth 0.
            let mut depth = 0;
            let mut start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && (c.is_alphanumeric() || c == '_') => {
                        out.push(ident(&group[i..]));
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            let name = ident(path);
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    out
}

fn ident(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// What is wrong with one file's text, as lines for the report.
fn problems(relative: &Path, text: &str) -> Vec<String> {
    let name = relative.display();
    let code = code_only(text);
    let layer = layer_of(relative);
    let mut out = Vec::new();
    for module in crate_modules(&code) {
        if forbidden(&layer).contains(&module.as_str()) {
            out.push(format!("{name}: {layer} imports crate::{module}"));
        }
    }
    let lines: Vec<&str> = code.lines().map(str::trim).collect();
    for (i, line) in lines.iter().enumerate() {
        let squeezed: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        if squeezed.starts_with("#[path") {
            out.push(format!("{name}:{}: a #[path] attribute", i + 1));
        }
        if squeezed.starts_with("#![allow(") && squeezed.contains("dead_code") {
            out.push(format!("{name}:{}: a module-wide allow(dead_code)", i + 1));
        }
        // An outer `allow(dead_code)` on a `mod` item, past any other attributes.
        if squeezed.starts_with("#[allow(") && squeezed.contains("dead_code") {
            let item = lines[i + 1..]
                .iter()
                .find(|l| !l.starts_with("#[") && !l.is_empty());
            let is_mod = item.is_some_and(|l| {
                let l = l.strip_prefix("pub ").unwrap_or(l);
                let l = l.strip_prefix("pub(crate) ").unwrap_or(l);
                l.starts_with("mod ")
            });
            if is_mod {
                out.push(format!("{name}:{}: allow(dead_code) on a module", i + 1));
            }
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a readable directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn imports_point_one_way_and_no_module_is_borrowed_or_hidden() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 100, "{} files under src/", files.len());
    let mut all = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).expect("a UTF-8 source file");
        all.extend(problems(path.strip_prefix(&src).unwrap(), &text));
    }
    assert!(all.is_empty(), "\n{}", all.join("\n"));
}

#[test]
fn an_import_against_the_arrows_is_found() {
    let cases = [
        ("engine/rules/x.rs", "use crate::render::svg;\n", true),
        ("engine.rs", "use crate::{syntax, view::page};\n", true),
        ("view/a.rs", "fn f() { crate::web::start() }\n", true),
        ("render/b.rs", "use crate::cli::Args;\n", true),
        ("cli/c.rs", "use crate :: web;\n", true),
        (
            "web/d.rs",
            "use crate::{engine::{Analysis, Config}, cli};\n",
            true,
        ),
        ("view/e.rs", "$crate::web::class_list::join\n", true),
        (
            "web/f.rs",
            "use crate::view::page;\nuse crate::engine::parse;\n",
            false,
        ),
        (
            "cli/g.rs",
            "use crate::{engine, render::{dot, svg}, view::figure};\n",
            false,
        ),
        (
            "engine/h.rs",
            "// crate::web is not imported here\nlet s = my_crate::web;\n",
            false,
        ),
    ];
    for (path, text, bad) in cases {
        let found = problems(Path::new(path), text);
        assert_eq!(!found.is_empty(), bad, "{path}: {text:?} -> {found:?}");
    }
}

#[test]
fn borrowed_files_and_hidden_dead_code_are_found() {
    let bad = [
        "#[path = \"web/outline.rs\"]\nmod outline;\n",
        "#![allow(dead_code)]\nfn f() {}\n",
        "#[allow(dead_code)]\nmod old;\n",
        "#[cfg(test)]\n#[allow(unused, dead_code)]\n#[cfg(test)]\npub mod old;\n",
    ];
    for text in bad {
        assert!(!problems(Path::new("lib.rs"), text).is_empty(), "{text:?}");
    }
    let fine = "#[allow(dead_code)]\nfn helper() {}\n// #[path = \"x.rs\"]\nmod x;\n";
    assert_eq!(problems(Path::new("lib.rs"), fine), Vec::<String>::new());
}

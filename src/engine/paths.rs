//! Path words as COPY, ADD and shell commands write them: quotes, `./` and trailing slashes, the
//! last component, the whole build context, a COPY's sources and destination. Imports only
//! `syntax` (and re-exports the graph's `absolute_path`, the WORKDIR join).

pub use crate::engine::graph::absolute_path;
use crate::engine::syntax::{Instruction, Kw};

/// The sources and the destination of a COPY or ADD, quotes removed; heredoc sources
/// (`<<EOF`) are left out. `None` for other instructions.
pub fn copy_paths(inst: &Instruction) -> Option<(Vec<String>, Option<String>)> {
    if !matches!(inst.keyword.kind, Kw::Copy | Kw::Add) {
        return None;
    }
    let mut values: Vec<String> = inst
        .args
        .values()
        .into_iter()
        .map(|v| unquote(v).to_string())
        .collect();
    let dest = if values.len() >= 2 {
        values.pop()
    } else {
        None
    };
    values.retain(|v| !v.starts_with("<<"));
    Some((values, dest))
}

/// A word without the quotes around it (`"a b"` -> `a b`).
pub fn unquote(word: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = word.strip_prefix(q).and_then(|w| w.strip_suffix(q)) {
            return inner;
        }
    }
    word
}

/// A path with `./` prefixes and trailing `/`, `/.` and `/*` removed (`./src/` -> `src`,
/// `/` -> ``, `.` -> `.`).
pub fn normalize_path(path: &str) -> &str {
    let mut p = path;
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    loop {
        if let Some(rest) = p.strip_suffix("/.").or_else(|| p.strip_suffix("/*")) {
            p = rest;
        } else if p.len() > 1 || p == "/" {
            match p.strip_suffix('/') {
                Some(rest) => p = rest,
                None => break,
            }
        } else {
            break;
        }
    }
    p
}

/// Whether a COPY source names the whole build context (`.`, `./`, `*`, `/`).
pub fn is_whole_context(src: &str) -> bool {
    matches!(normalize_path(src), "" | "." | "*")
}

/// The last path component (`/a/b/` -> `b`).
pub fn base_name(path: &str) -> &str {
    let p = normalize_path(path);
    p.rsplit('/').next().unwrap_or(p)
}

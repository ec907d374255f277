//! AL281: a LABEL key outside Docker's key format or in a namespace Docker reserves (hadolint
//! DL3048).

use crate::engine::paths::unquote;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::Kw;

declare_rule! {
    /// ## What it does
    /// Checks LABEL keys against Docker's guidelines for keys: letters, digits, `.` and `-`
    /// only, starting with a letter and ending with a letter or digit, no `..` or `--`, and
    /// not in the namespaces Docker reserves for itself (`com.docker.*`, `io.docker.*`,
    /// `org.dockerproject.*`). Keys made from a variable (`${PREFIX}.version`) are left alone.
    ///
    /// ## Why is this bad?
    /// Tools that read labels (registries, scanners, `docker inspect --format`) expect keys in
    /// that format, and keys in the reserved namespaces may be overwritten or misread by
    /// Docker's own tooling.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL com.docker.version="1.0" build..date="2024-05-01"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL com.example.version="1.0" build.date="2024-05-01"
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3048
    /// - <https://docs.docker.com/config/labels-custom-metadata/#key-format-recommendations>
    code: "AL281",
    name: "label_key_invalid",
    severity: Style,
    category: Style,
    fixable: false,
    aliases: ["DL3048"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for inst in cx.tree.instructions.iter() {
        if inst.keyword.kind != Kw::Label {
            continue;
        }
        for pair in &inst.pairs {
            let key = unquote(&pair.key);
            if let Some(why) = problem(key) {
                hits.push(Hit::new(pair.key_span, format!("label key `{key}` {why}")));
            }
        }
    }
    hits
}

/// What is wrong with a key, in words, if anything.
fn problem(key: &str) -> Option<&'static str> {
    if key.contains("${") {
        return None;
    }
    let lower = key.to_ascii_lowercase();
    if ["com.docker.", "io.docker.", "org.dockerproject."]
        .iter()
        .any(|ns| lower.starts_with(ns))
    {
        return Some("is in a namespace Docker reserves");
    }
    if !key
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    {
        return Some("has characters other than letters, digits, `.` and `-`");
    }
    if !key.starts_with(|c: char| c.is_ascii_alphabetic())
        || !key.ends_with(|c: char| c.is_ascii_alphanumeric())
    {
        return Some("should start with a letter and end with a letter or digit");
    }
    if key.contains("..") || key.contains("--") {
        return Some("has `..` or `--`");
    }
    None
}

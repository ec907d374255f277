//! AL241: ADD of local files that are not archives (hadolint DL3020).

use crate::engine::analysis::edit::fix;
use crate::engine::diagnostic::Edit;
use crate::engine::paths::{base_name, copy_paths};
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::shell::is_unknown_word;
use crate::engine::syntax::Kw;

declare_rule! {
    /// ## What it does
    /// Reports ADD of local files and directories that are not archives. ADD of a URL, a git
    /// repository, or a tar archive (which ADD unpacks) is what ADD is for and is not
    /// reported; sources held in variables are not judged.
    ///
    /// ## Why is this bad?
    /// COPY does the same and nothing more. ADD also fetches URLs and unpacks any local tar
    /// archive it is given (it looks at the content, not the name), so a reader must check
    /// every source to know what the instruction does.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// ADD nginx.conf /etc/nginx/nginx.conf
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.27
    /// COPY nginx.conf /etc/nginx/nginx.conf
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3020, <https://github.com/hadolint/hadolint/wiki/DL3020>
    code: "AL241",
    name: "add_for_local_files",
    severity: Error,
    category: Correctness,
    fixable: true,
    aliases: ["DL3020"],
    default_enabled: true,
    check: check,
}

/// The suffixes of the archives ADD unpacks (tar, plain or compressed).
const ARCHIVES: &[&str] = &[
    ".tar",
    ".tar.gz",
    ".tgz",
    ".tar.bz2",
    ".tbz2",
    ".tbz",
    ".tar.xz",
    ".txz",
    ".tar.zst",
    ".tzst",
    ".tar.lz",
    ".tar.lzma",
    ".tlz",
    ".gz",
    ".bz2",
    ".xz",
    ".zst",
    ".lzma",
    ".z",
];

fn is_remote(src: &str) -> bool {
    src.contains("://") || src.starts_with("git@")
}

fn is_archive(src: &str) -> bool {
    let lower = src.to_ascii_lowercase();
    ARCHIVES.iter().any(|a| lower.ends_with(a))
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for inst in cx
        .tree
        .instructions
        .iter()
        .filter(|i| i.keyword.kind == Kw::Add)
    {
        let Some((sources, _)) = copy_paths(inst) else {
            continue;
        };
        if sources.is_empty() || sources.iter().any(|s| is_unknown_word(s) || is_remote(s)) {
            continue;
        }
        let local: Vec<&String> = sources.iter().filter(|s| !is_archive(s)).collect();
        let Some(first) = local.first() else {
            continue;
        };
        let mut hit = Hit::new(
            inst.span,
            format!("ADD of `{first}`, a local path and not an archive: use COPY"),
        );
        // Only when no source could be an archive without saying so in its name (a file
        // with no extension), and every flag is one COPY has too.
        let plain_names = sources.iter().all(|s| {
            let base = base_name(s);
            s.ends_with('/') || matches!(base, "" | "." | "*") || base.contains('.')
        });
        let copy_flags = inst.flags.iter().all(|f| {
            matches!(
                f.name.as_str(),
                "chown" | "chmod" | "link" | "from" | "exclude"
            )
        });
        if plain_names && copy_flags && local.len() == sources.len() {
            let copy = if inst.keyword.text.chars().all(|c| c.is_ascii_lowercase()) {
                "copy"
            } else {
                "COPY"
            };
            hit = hit.with_fix(fix(
                "Replace ADD with COPY",
                Edit {
                    span: inst.keyword.span,
                    replacement: copy.to_string(),
                },
            ));
        }
        hits.push(hit);
    }
    hits
}

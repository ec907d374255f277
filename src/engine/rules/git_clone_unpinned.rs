//! AL117: source fetched from Git without a pinned revision.

use crate::engine::analysis::stages::stage_runs;
use crate::engine::paths::copy_paths;
use crate::engine::rules::add_url_without_checksum::is_git_url;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::shell::is_variable;
use crate::engine::shell::Command;
use crate::engine::syntax::{Kw, Span};

declare_rule! {
    /// ## What it does
    /// Checks `git clone` in RUN for a pinned revision: a `--branch`/`-b` that names a
    /// version tag (`v1.2.3`, `1.27.3`) or a commit, or a later `git checkout` /
    /// `git reset --hard` of one in the same stage. A variable (`-b "$VERSION"`) counts as
    /// pinned. Also checks `ADD <git url>` for a `#<tag or commit>` or `--checksum`.
    ///
    /// In BuildKit's query form (`x.git?ref=v1&keep-git-dir=1`) a fixed `ref=`, `tag=` or
    /// `checksum=` pins the source as `#v1` does.
    ///
    /// ## Why is this bad?
    /// A clone of a branch builds whatever the branch holds today: two builds of the same
    /// Dockerfile produce different images, and a pushed commit (or a compromised account)
    /// changes the image without any review of the Dockerfile. A tag or a commit hash makes
    /// the input fixed; a commit hash also survives a moved tag.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM cleanstart-gcc:14-builder AS builder
    /// RUN git clone https://github.com/nginx/nginx.git /src
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM cleanstart-gcc:14-builder AS builder
    /// RUN git clone --depth 1 --branch release-1.27.3 https://github.com/nginx/nginx.git /src
    /// ```
    code: "AL117",
    name: "git_clone_unpinned",
    severity: Info,
    category: Hermeticity,
    fixable: false,
    aliases: [],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for stage in &cx.graph.stages {
        // Clones not pinned yet; a later `git checkout <ref>` pins the latest of them.
        let mut pending: Vec<(Span, String, Option<String>)> = Vec::new();
        for (_, inst, commands) in stage_runs(cx, stage) {
            for c in commands {
                if pins(c) {
                    pending.pop();
                    continue;
                }
                let Some(url) = clone_url(c) else {
                    continue;
                };
                let args = c.unwrapped().args().to_vec();
                let branch = args
                    .windows(2)
                    .find_map(|w| matches!(w[0].as_str(), "-b" | "--branch").then(|| w[1].clone()))
                    .or_else(|| {
                        args.iter()
                            .find_map(|a| a.strip_prefix("--branch=").map(str::to_string))
                    });
                let pinned = branch.as_deref().is_some_and(is_fixed_ref)
                    || args.iter().any(|a| a.starts_with("--revision"));
                if !pinned {
                    pending.push((inst.span, url, branch));
                }
            }
        }
        let mut seen = Vec::new();
        for (span, url, branch) in pending {
            if seen.contains(&span.start) {
                continue;
            }
            seen.push(span.start);
            let what = match branch {
                Some(b) => format!("branch `{b}`"),
                None => "the default branch".to_string(),
            };
            hits.push(Hit::new(
                span,
                format!(
                    "`git clone {url}` builds whatever {what} holds today: pin a tag or commit"
                ),
            ));
        }
    }
    for inst in cx
        .tree
        .instructions
        .iter()
        .filter(|i| i.keyword.kind == Kw::Add)
    {
        if inst.flag("checksum").is_some() {
            continue;
        }
        let Some((sources, _)) = copy_paths(inst) else {
            continue;
        };
        for url in sources.iter().filter(|s| is_git_url(s)) {
            let fixed = git_url_refs(url).any(is_fixed_ref);
            if !fixed {
                hits.push(Hit::new(
                    inst.span,
                    format!(
                        "`ADD {url}` has no pinned tag or commit (`#<ref>`) and no `--checksum`"
                    ),
                ));
                break;
            }
        }
    }
    hits
}

/// The refs an ADD Git URL names: the `#ref` of `x.git#ref:subdir`, and the `ref=`, `tag=`,
/// `branch=` and `checksum=` values of BuildKit's query form (`x.git?ref=v1&subdir=d`).
fn git_url_refs(url: &str) -> impl Iterator<Item = &str> {
    let (rest, fragment) = url.split_once('#').unwrap_or((url, ""));
    let fragment = fragment.split(':').next().filter(|r| !r.is_empty());
    let query = rest.split_once('?').map_or("", |(_, q)| q);
    let params = query.split('&').filter_map(|p| {
        let (key, value) = p.split_once('=')?;
        matches!(key, "ref" | "tag" | "branch" | "checksum").then_some(value)
    });
    fragment.into_iter().chain(params)
}

/// The repository a `git clone` command clones.
fn clone_url(cmd: &Command) -> Option<String> {
    let c = cmd.unwrapped();
    if c.name() != "git" {
        return None;
    }
    let args = c.args();
    let at = args.iter().position(|a| a == "clone")?;
    // The first non-option word after `clone` that is not an option's value.
    let mut i = at + 1;
    while i < args.len() {
        let a = &args[i];
        if matches!(
            a.as_str(),
            "-b" | "--branch"
                | "--depth"
                | "-c"
                | "--config"
                | "--origin"
                | "-o"
                | "--reference"
                | "--jobs"
                | "-j"
                | "--filter"
        ) {
            i += 2;
            continue;
        }
        if !a.starts_with('-') {
            return Some(a.clone());
        }
        i += 1;
    }
    None
}

/// `git checkout <ref>`, `git reset --hard <ref>` or `git fetch ... <sha>` with a fixed ref.
fn pins(cmd: &Command) -> bool {
    let c = cmd.unwrapped();
    if c.name() != "git" {
        return false;
    }
    let words: Vec<&str> = c
        .args()
        .iter()
        .filter(|a| !a.starts_with('-'))
        .map(String::as_str)
        .collect();
    // `git -C dir checkout x`: skip the directory after -C.
    let words: Vec<&str> = if c.args().first().is_some_and(|a| a == "-C") {
        words.into_iter().skip(1).collect()
    } else {
        words
    };
    match words.as_slice() {
        ["checkout" | "switch" | "reset", .., r] => is_fixed_ref(r),
        ["fetch", .., r] => is_commit(r),
        _ => false,
    }
}

fn is_commit(r: &str) -> bool {
    r.len() >= 7 && r.len() <= 40 && r.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A tag that looks like a version, a commit hash, or a variable (set by the author).
fn is_fixed_ref(r: &str) -> bool {
    let r = r.trim_start_matches("refs/tags/");
    if is_variable(r) || is_commit(r) {
        return true;
    }
    // `v1.2.3`, `1.27`, `release-1.27.3`, `curl-8_5_0`: a digit followed by `.` or `_` and a digit.
    let b = r.as_bytes();
    b.windows(3)
        .any(|w| w[0].is_ascii_digit() && (w[1] == b'.' || w[1] == b'_') && w[2].is_ascii_digit())
        || r.strip_prefix('v')
            .is_some_and(|v| !v.is_empty() && v.bytes().all(|c| c.is_ascii_digit()))
}

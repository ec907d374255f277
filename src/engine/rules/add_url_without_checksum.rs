//! AL115: ADD downloads a URL without a checksum.

use crate::engine::paths::{base_name, copy_paths};
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::Kw;

declare_rule! {
    /// ## What it does
    /// Checks `ADD http://...` and `ADD https://...` for a missing `--checksum=sha256:...`.
    /// Git URLs are AL117's business.
    ///
    /// Git URLs are AL117's however the ref is written: `x.git#v1` or BuildKit's query form
    /// `x.git?ref=v1&keep-git-dir=1`. A download that a later RUN of the same stage verifies is
    /// fine: `gpg --verify gosu.asc gosu`, `gpgv`, `cosign verify-blob` or `sha256sum -c` naming
    /// the file (the signature it is checked against too).
    ///
    /// ## Why is this bad?
    /// Without a checksum the build takes whatever the server returns today: a moved release,
    /// a compromised mirror or a man in the middle changes the image without any change to the
    /// Dockerfile, and two builds of the same file differ. `--checksum` makes the build fail
    /// instead.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM cleanstart-gcc:14-builder AS builder
    /// ADD https://nginx.org/download/nginx-1.27.3.tar.gz /src/
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM cleanstart-gcc:14-builder AS builder
    /// ADD --checksum=sha256:ba23a9568f442036b61cd0e29bd66a47b90634efa91e0b2cf2d719057a9b7903 https://nginx.org/download/nginx-1.27.3.tar.gz /src/
    /// ```
    ///
    /// ## References
    /// - Dockerfile reference, `ADD --checksum`: <https://docs.docker.com/reference/dockerfile/#add---checksum>
    code: "AL115",
    name: "add_url_without_checksum",
    severity: Warning,
    category: Hermeticity,
    fixable: false,
    aliases: [],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (n, inst) in cx.tree.instructions.iter().enumerate() {
        if inst.keyword.kind != Kw::Add || inst.flag("checksum").is_some() {
            continue;
        }
        let Some((sources, dest)) = copy_paths(inst) else {
            continue;
        };
        if let Some(url) = sources
            .iter()
            .find(|s| (s.starts_with("http://") || s.starts_with("https://")) && !is_git_url(s))
        {
            // The file's name where it lands: the destination's, or the URL's in a directory.
            let dest = dest.unwrap_or_default();
            let file = if dest.ends_with('/') || dest.is_empty() {
                base_name(url.split(['?', '#']).next().unwrap_or(url))
            } else {
                base_name(&dest)
            };
            if verified_later(cx, n, file) {
                continue;
            }
            hits.push(Hit::new(
                inst.span,
                format!("`ADD {url}` has no `--checksum`: the download is not verified"),
            ));
        }
    }
    hits
}

/// Whether a RUN after instruction `n`, in the same stage, verifies `file`: it runs
/// `gpg --verify`, `gpgv`, `cosign verify-blob` or `sha256sum -c` and names the file
/// (`echo "<sum>  app.tgz" | sha256sum -c -` too).
fn verified_later(cx: &Checker, n: usize, file: &str) -> bool {
    let Some(stage) = cx.stage_of(n) else {
        return false;
    };
    let names_file = |word: &String| word.split_whitespace().any(|w| base_name(w) == file);
    !file.is_empty()
        && cx.stage_instructions(stage).any(|(m, i)| {
            let commands = cx.commands(m);
            m > n
                && i.keyword.kind == Kw::Run
                && commands.iter().any(|c| {
                    let c = c.unwrapped();
                    match c.name().rsplit('/').next().unwrap_or("") {
                        "gpg" | "gpg2" => c.has_arg("--verify"),
                        "gpgv" | "gpgv2" => true,
                        "cosign" => c.has_arg("verify-blob"),
                        name => name.ends_with("sum") && c.has_option(&['c'], &["check"]),
                    }
                })
                && commands.iter().any(|c| c.words.iter().any(names_file))
        })
}

/// A URL BuildKit's ADD treats as a Git repository: `git@`, `git://`, `ssh://`, or a path
/// ending in `.git`, with a `#ref` fragment or a `?ref=...` query after it or not.
pub(crate) fn is_git_url(url: &str) -> bool {
    let repository = url.split(['#', '?']).next().unwrap_or(url);
    url.starts_with("git@")
        || url.starts_with("git://")
        || url.starts_with("ssh://")
        || repository.ends_with(".git")
}

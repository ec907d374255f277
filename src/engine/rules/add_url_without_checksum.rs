//! AL115: ADD downloads a URL without a checksum.

use crate::engine::rules::helpers::copy_paths;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::Kw;

declare_rule! {
    /// ## What it does
    /// Checks `ADD http://...` and `ADD https://...` for a missing `--checksum=sha256:...`.
    /// Git URLs are AL117's business.
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
    for inst in &cx.tree.instructions {
        if inst.keyword.kind != Kw::Add || inst.flag("checksum").is_some() {
            continue;
        }
        let Some((sources, _)) = copy_paths(inst) else {
            continue;
        };
        if let Some(url) = sources
            .iter()
            .find(|s| (s.starts_with("http://") || s.starts_with("https://")) && !is_git_url(s))
        {
            hits.push(Hit::new(
                inst.span,
                format!("`ADD {url}` has no `--checksum`: the download is not verified"),
            ));
        }
    }
    hits
}

/// A URL BuildKit's ADD treats as a Git repository.
pub(crate) fn is_git_url(url: &str) -> bool {
    let without_ref = url.split('#').next().unwrap_or(url);
    url.starts_with("git@")
        || url.starts_with("git://")
        || url.starts_with("ssh://")
        || without_ref.ends_with(".git")
}

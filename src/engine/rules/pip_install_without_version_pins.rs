//! AL235: `pip install` of packages without a version (hadolint DL3013).

use crate::engine::rules::common::unpinned_package_hits;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::shell::Install;

declare_rule! {
    /// ## What it does
    /// Reports packages that `pip install` installs by name alone (`flask` rather than
    /// `flask==3.0.3`). Any version specifier counts (`==`, `~=`, `>=` ...), as do local
    /// paths, archives and wheels, VCS URLs with a revision (`git+https://...@v1.2`), and
    /// installs from a requirements or constraints file (`-r`, `-c`) or from local wheels only
    /// (`--no-index`).
    ///
    /// ## Why is this bad?
    /// An unpinned package resolves to the newest release on the day of the build: two builds
    /// of the same Dockerfile get different code, and a new major release can break the image
    /// without any change to the repository.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install --no-cache-dir flask
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install --no-cache-dir flask==3.0.3
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3013, <https://github.com/hadolint/hadolint/wiki/DL3013>
    code: "AL235",
    name: "pip_install_without_version_pins",
    severity: Info,
    category: Hermeticity,
    fixable: false,
    aliases: ["DL3013"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    // A requirements or constraints file, or local wheels only, decides the versions.
    let wanted = |i: &Install| {
        i.manager == "pip" && !i.has_option(&['r', 'c'], &["requirement", "constraint", "no-index"])
    };
    unpinned_package_hits(cx, wanted, pinned, |list| {
        format!("pip installs {list} without a version: pin `<package>==<version>` or use a requirements file")
    })
}

/// Whether a pip requirement names one version: a specifier, a local path or archive, or a
/// VCS URL with a revision.
fn pinned(req: &str) -> bool {
    if let Some((scheme, rest)) = req.split_once("://") {
        // `git+https://host/repo@v1.2#egg=x`; a plain https URL names one archive.
        return (!scheme.contains('+') && scheme != "git") || rest.contains('@');
    }
    req.contains(['=', '<', '>', '@', '/'])
        || req.starts_with('.')
        || [".whl", ".tar.gz", ".zip", ".tgz"]
            .iter()
            .any(|s| req.ends_with(s))
}

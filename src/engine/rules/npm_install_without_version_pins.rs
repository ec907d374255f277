//! AL238: `npm install <package>` without a version (hadolint DL3016).

use crate::engine::rules::common::unpinned_package_hits;
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Reports packages that `npm install` installs by name alone (`typescript` rather than
    /// `typescript@5.4.5`), or with the moving `@latest` tag. Other tags and ranges, local
    /// folders, tarballs, and git URLs with a `#commit` or `#semver:` count as chosen. A bare
    /// `npm install` (the versions of package.json and its lock file) is not reported.
    ///
    /// ## Why is this bad?
    /// An unpinned package resolves to whatever the registry has on the day of the build, so
    /// two builds of the same Dockerfile differ, and a new major release can break the image
    /// without any change to the repository.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-alpine
    /// RUN npm install -g pnpm
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:20-alpine
    /// RUN npm install -g pnpm@9.1.0
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3016, <https://github.com/hadolint/hadolint/wiki/DL3016>
    code: "AL238",
    name: "npm_install_without_version_pins",
    severity: Info,
    category: Hermeticity,
    fixable: false,
    aliases: ["DL3016"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    unpinned_package_hits(
        cx,
        |i| i.manager == "npm",
        pinned,
        |list| format!("npm installs {list} without a fixed version: pin `<package>@<version>`"),
    )
}

/// Whether an npm package spec chooses a version.
fn pinned(spec: &str) -> bool {
    if [
        "git://",
        "git+ssh://",
        "git+http://",
        "git+https://",
        "github:",
    ]
    .iter()
    .any(|p| spec.starts_with(p))
    {
        return spec.contains('#');
    }
    if spec.starts_with(['/', '.', '~'])
        || [".tgz", ".tar.gz", ".tar"]
            .iter()
            .any(|s| spec.ends_with(s))
    {
        return true;
    }
    // `@scope/name@1.2`: the version is after the second `@`.
    let name = spec.strip_prefix('@').unwrap_or(spec);
    match name.split_once('@') {
        Some((_, version)) => !version.is_empty() && version != "latest",
        None => spec.contains("://"),
    }
}

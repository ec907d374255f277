//! AL232: `apt-get install` of packages without a version (hadolint DL3008).

use crate::engine::rules::common::unpinned_package_hits;
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Reports packages that `apt-get install` (or `apt install`) installs without a version:
    /// `curl` rather than `curl=8.5.0-2ubuntu10`. A target release (`curl/bookworm-backports`)
    /// and a local `.deb` file count as chosen; names held in variables are not judged.
    ///
    /// ## Why is this bad?
    /// Without a version the image gets whatever the mirror has on the day of the build, so
    /// two builds of the same Dockerfile differ, and a rebuild can break on a new release.
    /// A pinned version also makes the layer cache invalidate when you change it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:bookworm-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl \
    ///     && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:bookworm-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \
    ///     && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3008, <https://github.com/hadolint/hadolint/wiki/DL3008>
    code: "AL232",
    name: "apt_get_install_without_version_pins",
    severity: Info,
    category: Hermeticity,
    fixable: false,
    aliases: ["DL3008"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    unpinned_package_hits(
        cx,
        |i| i.manager == "apt-get" || i.manager == "apt",
        |p| p.contains(['=', '/']) || p.ends_with(".deb"),
        |list| format!("apt-get installs {list} without a version: pin `<package>=<version>`"),
    )
}

//! AL239: `apk add` of packages without a version (hadolint DL3018).

use crate::engine::rules::common::unpinned_package_hits;
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Reports packages that `apk add` installs by name alone (`curl` rather than
    /// `curl=8.9.1-r0` or `curl~8.9`). Local `.apk` files, the name given to `--virtual`, and
    /// names held in variables are not judged.
    ///
    /// ## Why is this bad?
    /// Without a version the image gets whatever the Alpine mirror has on the day of the
    /// build, so two builds of the same Dockerfile differ.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl=8.9.1-r0
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3018, <https://github.com/hadolint/hadolint/wiki/DL3018>
    code: "AL239",
    name: "apk_add_without_version_pins",
    severity: Info,
    category: Hermeticity,
    fixable: false,
    aliases: ["DL3018"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    unpinned_package_hits(
        cx,
        |i| i.manager == "apk",
        |p| p.contains(['=', '~', '<', '>']) || p.ends_with(".apk"),
        |list| format!("apk adds {list} without a version: pin `<package>=<version>`"),
    )
}

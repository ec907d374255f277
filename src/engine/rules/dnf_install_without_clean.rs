//! AL263: `dnf install` in a shipped stage leaves dnf's cache in the layer (hadolint DL3040).

use crate::engine::rules::common::rpm_installs_left_uncleaned;
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Checks RUN instructions of the shipped image that call `dnf install` or
    /// `microdnf install` without emptying the cache later in the same RUN (`dnf clean all`,
    /// or removing `/var/cache/dnf` or `/var/cache/yum`). A RUN that cache-mounts the cache
    /// directory is fine, and so is every builder stage.
    ///
    /// ## Why is this bad?
    /// dnf keeps repository metadata and downloaded packages under `/var/cache/dnf`, easily a
    /// hundred megabytes. What a RUN leaves there stays in its layer; a later clean-up only
    /// hides it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y httpd-2.4.62
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y httpd-2.4.62 && dnf clean all
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3040
    /// - Unlike hadolint, a clean by any tool of the family (`microdnf clean all` after
    ///   `dnf install`) counts.
    code: "AL263",
    name: "dnf_install_without_clean",
    severity: Warning,
    category: Performance,
    fixable: false,
    aliases: ["DL3040"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    rpm_installs_left_uncleaned(cx, &["dnf", "microdnf", "tdnf"])
}

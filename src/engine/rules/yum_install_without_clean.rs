//! AL260: `yum install` in a shipped stage leaves yum's cache in the layer (hadolint DL3032).

use crate::engine::rules::common::rpm_installs_left_uncleaned;
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Checks RUN instructions of the shipped image that call `yum install` without emptying
    /// the cache later in the same RUN (`yum clean all`, or removing `/var/cache/yum`). A RUN
    /// that cache-mounts `/var/cache/yum` (`RUN --mount=type=cache,target=/var/cache/yum`) is
    /// fine, and so is every builder stage: their caches never reach the final image.
    ///
    /// ## Why is this bad?
    /// yum keeps repository metadata (often a hundred megabytes or more) under `/var/cache/yum`.
    /// Whatever a RUN leaves there is part of its layer for good; cleaning in a later RUN only
    /// hides the files, it does not shrink the image.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.6
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.6 && yum clean all
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3032
    code: "AL260",
    name: "yum_install_without_clean",
    severity: Warning,
    category: Performance,
    fixable: false,
    aliases: ["DL3032"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    rpm_installs_left_uncleaned(cx, &["yum"])
}

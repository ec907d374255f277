//! AL279: `zypper install` in a shipped stage leaves zypper's cache in the layer (hadolint
//! DL3036).

use crate::engine::rules::common::rpm_installs_left_uncleaned;
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Checks RUN instructions of the shipped image that call `zypper install` without
    /// emptying the cache later in the same RUN (`zypper clean` or `zypper cc`, or removing
    /// `/var/cache/zypp`). A RUN that cache-mounts `/var/cache/zypp` is fine, and so is every
    /// builder stage: their caches never reach the final image.
    ///
    /// ## Why is this bad?
    /// zypper keeps repository metadata and downloaded packages under `/var/cache/zypp`.
    /// Whatever a RUN leaves there is part of its layer for good; cleaning in a later RUN only
    /// hides the files.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install -y mariadb=10.11.8
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install -y mariadb=10.11.8 && zypper clean
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3036
    code: "AL279",
    name: "zypper_install_without_clean",
    severity: Warning,
    category: Performance,
    fixable: false,
    aliases: ["DL3036"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    rpm_installs_left_uncleaned(cx, &["zypper"])
}

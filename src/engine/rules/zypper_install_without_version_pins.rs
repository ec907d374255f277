//! AL280: `zypper install` of packages without a version (hadolint DL3037).

use crate::engine::rules::common::unpinned_package_hits;
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Checks `zypper install` for packages named without a version: `httpd` rather than
    /// `httpd=2.4.58` (or a range, `httpd>=2.4`). `.rpm` files, paths and variables are left
    /// alone.
    ///
    /// ## Why is this bad?
    /// Without a version, the package is whatever the repository holds on the day of the
    /// build: two builds of the same Dockerfile can differ, and an update can break the image
    /// with no change to the file.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install -y tomcat && zypper clean
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install -y tomcat=9.0.89 && zypper clean
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3037
    code: "AL280",
    name: "zypper_install_without_version_pins",
    severity: Info,
    category: Hermeticity,
    fixable: false,
    aliases: ["DL3037"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    unpinned_package_hits(
        cx,
        |i| i.manager == "zypper",
        |p| p.contains(['=', '<', '>', '/']) || p.ends_with(".rpm"),
        |list| {
            format!(
                "`zypper install` without a version for {list}: the build installs whatever is newest"
            )
        },
    )
}

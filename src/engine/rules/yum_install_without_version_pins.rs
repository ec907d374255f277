//! AL261: `yum install` of packages without a version (hadolint DL3033).

use crate::engine::rules::common::unpinned_package_hits;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::shell::rpm_package_pinned;

declare_rule! {
    /// ## What it does
    /// Checks `yum install` for packages named without a version (`httpd` rather than
    /// `httpd-2.4.6`). Module streams with a `:` (`yum module install nodejs:18`), `.rpm`
    /// files, paths, `@groups`, globs and variables are left alone.
    ///
    /// ## Why is this bad?
    /// Without a version, the package is whatever the repository holds on the day of the
    /// build: two builds of the same Dockerfile can differ, and an update can break the image
    /// with no change to the file. A pinned version makes the change visible in review.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd && yum clean all
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.6 && yum clean all
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3033
    code: "AL261",
    name: "yum_install_without_version_pins",
    severity: Info,
    category: Hermeticity,
    fixable: false,
    aliases: ["DL3033"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    unpinned_package_hits(
        cx,
        |i| i.manager == "yum",
        rpm_package_pinned,
        |list| {
            format!(
                "`yum install` without a version for {list}: the build installs whatever is newest"
            )
        },
    )
}

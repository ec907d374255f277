//! AL264: `dnf install` of packages without a version (hadolint DL3041).

use crate::engine::analysis::stages::all_runs;
use crate::engine::rules::common::name_list;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::shell::install;
use crate::engine::shell::{rpm_package_pinned, unpinned_packages};

declare_rule! {
    /// ## What it does
    /// Checks `dnf install` and `microdnf install` for packages named without a version
    /// (`httpd` rather than `httpd-2.4.62`). Module streams with a `:`
    /// (`dnf module install nodejs:18`), `.rpm` files, paths, `@groups`, globs and variables
    /// are left alone.
    ///
    /// ## Why is this bad?
    /// Without a version, the package is whatever the repository holds on the day of the
    /// build: two builds of the same Dockerfile can differ, and an update can break the image
    /// with no change to the file.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y httpd && dnf clean all
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y httpd-2.4.62 && dnf clean all
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3041
    code: "AL264",
    name: "dnf_install_without_version_pins",
    severity: Info,
    category: Hermeticity,
    fixable: false,
    aliases: ["DL3041"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (_, inst, commands) in all_runs(cx) {
        let is_dnf = |manager: &str| matches!(manager, "dnf" | "microdnf" | "tdnf");
        let unpinned = unpinned_packages(commands, |i| is_dnf(&i.manager), rpm_package_pinned);
        let manager = commands
            .iter()
            .filter_map(install)
            .find(|i| is_dnf(&i.manager))
            .map(|i| i.manager);
        if let (false, Some(m)) = (unpinned.is_empty(), manager) {
            hits.push(Hit::new(
                inst.span,
                format!(
                    "`{m} install` without a version for {}: the build installs whatever is newest",
                    name_list(&unpinned)
                ),
            ));
        }
    }
    hits
}

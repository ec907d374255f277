//! AL262: `dnf install` without `-y` (hadolint DL3038).

use crate::engine::rules::common::runs_missing_yes;
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Checks `dnf install` and `microdnf install` for a missing `-y` (`--assumeyes`), alone
    /// or in a group such as `-qy`, before or after `install`.
    ///
    /// ## Why is this bad?
    /// Without `-y`, dnf asks for confirmation. A build has no one to answer, so dnf reads the
    /// end of its input as "no" and the RUN fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install httpd-2.4.62 && dnf clean all
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM fedora:40
    /// RUN dnf install -y httpd-2.4.62 && dnf clean all
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3038
    code: "AL262",
    name: "dnf_install_without_yes",
    severity: Warning,
    category: Correctness,
    fixable: true,
    aliases: ["DL3038"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    runs_missing_yes(
        cx,
        &[
            ("dnf", "dnf install"),
            ("microdnf", "microdnf install"),
            ("tdnf", "tdnf install"),
        ],
        |i| i.has_option(&['y'], &["assumeyes"]),
        |managers| {
            format!(
                "`{managers} install` without `-y`: it waits for a confirmation no one can give"
            )
        },
    )
}

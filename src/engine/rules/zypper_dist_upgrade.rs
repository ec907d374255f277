//! AL278: `zypper dist-upgrade` in a RUN (hadolint DL3035).

use crate::engine::analysis::stages::all_runs;
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Reports `zypper dist-upgrade` (or `zypper dup`) in a RUN.
    ///
    /// ## Why is this bad?
    /// A distribution upgrade replaces whatever the repositories hold that day, across the
    /// whole system: the image no longer matches its base, two builds of the file differ, and
    /// the layer carries a second copy of every upgraded file. Use a newer base image instead,
    /// and install the few packages you need by version.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.5
    /// RUN zypper dist-upgrade -y
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3035
    code: "AL278",
    name: "zypper_dist_upgrade",
    severity: Warning,
    category: Hermeticity,
    fixable: false,
    aliases: ["DL3035"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    all_runs(cx)
        .filter(|(_, _, commands)| {
            commands.iter().any(|c| {
                let c = c.unwrapped();
                c.name().rsplit('/').next() == Some("zypper")
                    && c.args()
                        .iter()
                        .find(|a| !a.starts_with('-'))
                        .is_some_and(|verb| matches!(verb.as_str(), "dist-upgrade" | "dup"))
            })
        })
        .map(|(_, inst, _)| {
            Hit::new(
                inst.span,
                "`zypper dist-upgrade` upgrades the whole distribution: use a newer base image",
            )
        })
        .collect()
}

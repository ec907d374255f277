//! AL277: `zypper install` without `-n`/`-y` (hadolint DL3034).

use crate::engine::rules::common::runs_missing_yes;
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Reports `zypper install` (or `zypper in`) without a non-interactive switch: `-n` /
    /// `--non-interactive` before the command, or `-y` / `--no-confirm` after it.
    ///
    /// ## Why is this bad?
    /// A build has no terminal: when zypper asks "Continue? [y/n/v/...]" it reads end of
    /// input and aborts, so the build fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install httpd=2.4.58 && zypper clean
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM opensuse/leap:15.6
    /// RUN zypper install -y httpd=2.4.58 && zypper clean
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3034
    code: "AL277",
    name: "zypper_install_without_yes",
    severity: Warning,
    category: Correctness,
    fixable: true,
    aliases: ["DL3034"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    runs_missing_yes(
        cx,
        &[("zypper", "zypper install")],
        |i| i.has_option(&['n', 'y'], &["non-interactive", "no-confirm"]),
        |_| "`zypper install` without `-y` aborts at its first question".to_string(),
    )
}

//! AL283: an ignore comment silences findings inline (hadolint DL1001); off by default.

use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Reports the comments that silence findings where they stand: `# hadolint ignore=...`
    /// and `# airlock ignore=...`, and their `stage` and `global` forms. Other comments of
    /// those tools (`# hadolint shell=powershell`) are left alone. Off by default: turn it on
    /// where the team wants every exception in the configuration, in one reviewed place.
    ///
    /// ## Why is this bad?
    /// An inline ignore is easy to add and easy to forget: it outlives the reason it was
    /// written for, and nobody sees the exceptions of a repository at a glance. `disable` in
    /// `airlock.toml` keeps them together.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// # hadolint ignore=DL3018
    /// RUN apk add --no-cache curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl=8.9.0-r0
    /// ```
    ///
    /// ## References
    /// - hadolint: DL1001
    code: "AL283",
    name: "inline_ignore_comment",
    severity: Info,
    category: Style,
    fixable: false,
    aliases: ["DL1001"],
    default_enabled: false,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    cx.tree
        .comments
        .iter()
        .filter(|c| {
            let Some((tool, rest)) = c.text.split_once(char::is_whitespace) else {
                return false;
            };
            let rest = rest.trim_start();
            let rest = rest
                .strip_prefix("stage ")
                .or_else(|| rest.strip_prefix("global "))
                .unwrap_or(rest);
            matches!(tool, "hadolint" | "airlock") && rest.starts_with("ignore=")
        })
        .map(|c| {
            Hit::new(
                c.span,
                "an inline ignore comment: keep exceptions in the configuration",
            )
        })
        .collect()
}

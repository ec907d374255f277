//! AL231: `sudo` inside RUN (hadolint DL3004).

use crate::engine::analysis::stages::all_runs;
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Reports RUN commands that run `sudo`.
    ///
    /// ## Why is this bad?
    /// Build steps already run as the current USER, and switching with `USER root` ... `USER
    /// app` says so in the Dockerfile. `sudo` needs the package and a sudoers entry in the
    /// image, has unpredictable TTY and signal behaviour, and leaves a privilege escalation
    /// path in the shipped image.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// USER app
    /// RUN sudo apt-get update
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// USER root
    /// RUN apt-get update
    /// USER app
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3004, <https://github.com/hadolint/hadolint/wiki/DL3004>
    code: "AL231",
    name: "sudo_in_run",
    severity: Error,
    category: Security,
    fixable: false,
    aliases: ["DL3004"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    all_runs(cx)
        .filter(|(_, _, commands)| {
            commands.iter().any(|c| {
                c.words
                    .iter()
                    .find(|w| {
                        !matches!(
                            w.as_str(),
                            "then"
                                | "do"
                                | "else"
                                | "if"
                                | "elif"
                                | "while"
                                | "until"
                                | "!"
                                | "exec"
                                | "time"
                                | "nice"
                                | "command"
                        )
                    })
                    .is_some_and(|w| w.rsplit('/').next() == Some("sudo"))
            })
        })
        .map(|(_, i, _)| Hit::new(i.span, "`sudo` in RUN: switch with USER instead"))
        .collect()
}

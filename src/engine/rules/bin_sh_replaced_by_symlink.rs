//! AL275: RUN replaces `/bin/sh` with a symlink to change the shell (hadolint DL4005).

use crate::engine::analysis::stages::all_runs;
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Reports `ln` in RUN whose link name is `/bin/sh` (or `/usr/bin/sh`), as in
    /// `ln -sf /bin/bash /bin/sh`.
    ///
    /// ## Why is this bad?
    /// It changes the shell of every later RUN by rewriting a system file, out of sight of
    /// anyone reading the Dockerfile, and it changes `/bin/sh` for every script in the
    /// running container too. `SHELL ["/bin/bash", "-c"]` changes the shell of the RUNs
    /// that follow and says so.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN ln -sf /bin/bash /bin/sh
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12-slim
    /// SHELL ["/bin/bash", "-o", "pipefail", "-c"]
    /// ```
    ///
    /// ## References
    /// - hadolint: DL4005
    code: "AL275",
    name: "bin_sh_replaced_by_symlink",
    severity: Warning,
    category: Correctness,
    fixable: false,
    aliases: ["DL4005"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (_, inst, commands) in all_runs(cx) {
        let relinks = commands.iter().map(|c| c.unwrapped()).any(|c| {
            c.name().rsplit('/').next() == Some("ln")
                && c.args()
                    .iter()
                    .rfind(|a| !a.starts_with('-'))
                    .is_some_and(|a| a == "/bin/sh" || a == "/usr/bin/sh")
        });
        if relinks {
            hits.push(Hit::new(
                inst.span,
                "RUN replaces `/bin/sh` with a symlink: use SHELL to choose the shell of later RUNs",
            ));
        }
    }
    hits
}

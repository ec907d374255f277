//! AL237: `apt-get install` without `--no-install-recommends` in a shipped stage (hadolint
//! DL3015).

use crate::engine::analysis::stages::shipped_runs;
use crate::engine::rules::common::installs_missing;
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Reports `apt-get install` (and `apt install`) without `--no-install-recommends` in the
    /// stages that ship (the target and the stages it is built on). An
    /// `APT::Install-Recommends` setting, on the command line (`-o`) or written to apt's
    /// configuration earlier in those stages, counts. Builder stages are not reported: what
    /// they install is thrown away with them; nor is a target named as a development
    /// environment (`dev`, `dev-envs`, `debug`).
    ///
    /// A simulated install (`apt-get install -s`, `--simulate`, `--dry-run`) installs nothing
    /// and is not reported either (hadolint's DL3015 reports it).
    ///
    /// A target that is a dev or test image (role dev or test in the graph: named `dev`,
    /// `development`, `dev-envs`, `debug`, `test`, `ci`, `lint`, ..., or whose default command
    /// builds or tests) ships nothing: the dev environments above are examples of it.
    ///
    /// ## Why is this bad?
    /// By default apt also installs every package the requested ones "recommend": often
    /// documentation, X11 libraries or whole language runtimes that the image never uses.
    /// They make it larger and add packages for scanners to flag.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:bookworm-slim
    /// RUN apt-get update && apt-get install -y curl \
    ///     && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:bookworm-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl \
    ///     && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3015, <https://github.com/hadolint/hadolint/wiki/DL3015>
    code: "AL237",
    name: "apt_get_install_with_recommends",
    severity: Info,
    category: Performance,
    fixable: true,
    aliases: ["DL3015"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut configured = false;
    for (_, inst, commands) in shipped_runs(cx) {
        configured |= cx.text(inst.span).contains("Install-Recommends");
        if configured {
            continue;
        }
        let Some(missing) = installs_missing(
            cx,
            inst,
            commands,
            &[("apt-get", "apt-get install"), ("apt", "apt install")],
            |_, i| i.has_option(&[], &["no-install-recommends"]),
            "Add `--no-install-recommends`",
            " --no-install-recommends",
        ) else {
            continue;
        };
        hits.push(missing.hit(
            inst.span,
            format!(
                "`{} install` without `--no-install-recommends` also installs recommended packages",
                missing.managers.join("`/`")
            ),
        ));
    }
    hits
}

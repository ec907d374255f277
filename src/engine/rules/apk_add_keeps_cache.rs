//! AL240: `apk add` without `--no-cache` in a shipped stage (hadolint DL3019).

use crate::engine::analysis::stages::shipped_runs;
use crate::engine::rules::common::installs_missing;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::shell::{has_cache_mount, removes_dir};

declare_rule! {
    /// ## What it does
    /// Reports `apk add` without `--no-cache` in the stages that ship (the target and the
    /// stages it is built on). `--no-network` (which downloads nothing) counts. A RUN that deletes `/var/cache/apk` itself, or that mounts a
    /// cache there or at `/etc/apk/cache` (`RUN --mount=type=cache,...`), is not reported; nor
    /// are builder stages, whose layers are thrown away, or a target named as a development
    /// environment (`dev`, `dev-envs`, `debug`).
    ///
    /// A target that is a dev or test image (role dev or test in the graph: named `dev`,
    /// `development`, `dev-envs`, `debug`, `test`, `ci`, `lint`, ..., or whose default command
    /// builds or tests) ships nothing: the dev environments above are examples of it.
    ///
    /// ## Why is this bad?
    /// Without `--no-cache` apk keeps the package index it downloaded in `/var/cache/apk`,
    /// a few megabytes per layer that nothing at run time needs. `--no-cache` also makes a
    /// separate `apk update` unnecessary.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk update && apk add curl=8.9.1-r0
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache curl=8.9.1-r0
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3019, <https://github.com/hadolint/hadolint/wiki/DL3019>
    code: "AL240",
    name: "apk_add_keeps_cache",
    severity: Info,
    category: Performance,
    fixable: true,
    aliases: ["DL3019"],
    default_enabled: true,
    check: check,
}

const CACHE: &str = "/var/cache/apk";

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (_, inst, commands) in shipped_runs(cx) {
        if has_cache_mount(inst, &[CACHE, "/etc/apk/cache"]) || removes_dir(commands, CACHE) {
            continue;
        }
        let Some(missing) = installs_missing(
            cx,
            inst,
            commands,
            &[("apk", "apk add")],
            |_, i| i.has_option(&[], &["no-cache", "no-network"]),
            "Add `--no-cache`",
            " --no-cache",
        ) else {
            continue;
        };
        hits.push(missing.hit(
            inst.span,
            "`apk add` without `--no-cache` leaves the package index in the layer",
        ));
    }
    hits
}

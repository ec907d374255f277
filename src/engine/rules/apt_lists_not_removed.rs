//! AL233: `apt-get update` leaves the package lists in the shipped image (hadolint DL3009).

use crate::engine::analysis::edit::fix;
use crate::engine::analysis::stages::shipped_runs;
use crate::engine::diagnostic::Edit;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::shell::{has_cache_mount, removes_dir};
use crate::engine::syntax::{Args, Span};

declare_rule! {
    /// ## What it does
    /// Reports a RUN in a shipped stage (the target and the stages it is built on) that runs
    /// `apt-get update` without deleting `/var/lib/apt/lists` (or `apt-get dist-clean`) before
    /// it ends. Builder stages are not reported: their layers are not in the image; nor is a
    /// target named as a development environment (`dev`, `dev-envs`, `debug`). Nor is a RUN
    /// that mounts a cache
    /// at `/var/lib/apt` or `/var/lib/apt/lists` (`RUN --mount=type=cache,...`): the lists
    /// then live in the cache, not in the layer.
    ///
    /// A target that is a dev or test image (role dev or test in the graph: named `dev`,
    /// `development`, `dev-envs`, `debug`, `test`, `ci`, `lint`, ..., or whose default command
    /// builds or tests) ships nothing: the dev environments above are examples of it.
    ///
    /// ## Why is this bad?
    /// The lists are tens of megabytes that nothing in the running container needs. Deleting
    /// them in a later RUN does not help: they stay in the earlier layer.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:bookworm-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates=20230311
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:bookworm-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates=20230311 \
    ///     && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3009, <https://github.com/hadolint/hadolint/wiki/DL3009>
    /// - Unlike hadolint, a cache mount on `/var/lib/apt` is enough: the lists are then out of
    ///   the layer, whatever happens to the archives in `/var/cache/apt`.
    code: "AL233",
    name: "apt_lists_not_removed",
    severity: Info,
    category: Performance,
    fixable: true,
    aliases: ["DL3009"],
    default_enabled: true,
    check: check,
}

const LISTS: &str = "/var/lib/apt/lists";

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (_, inst, commands) in shipped_runs(cx) {
        if has_cache_mount(inst, &["/var/lib/apt", LISTS]) {
            continue;
        }
        let updates = commands.iter().any(|c| {
            let c = c.unwrapped();
            matches!(c.name().rsplit('/').next(), Some("apt-get" | "apt"))
                && c.args()
                    .iter()
                    .find(|a| !a.starts_with('-'))
                    .map(String::as_str)
                    == Some("update")
        });
        // `apt-get dist-clean` (apt 2.9+) deletes the lists too.
        let dist_clean = commands.iter().any(|c| {
            let c = c.unwrapped();
            matches!(c.name().rsplit('/').next(), Some("apt-get" | "apt"))
                && c.has_arg("dist-clean")
        });
        if !updates || dist_clean || removes_dir(commands, LISTS) {
            continue;
        }
        let mut hit = Hit::new(
            inst.span,
            "`apt-get update` leaves /var/lib/apt/lists in the layer",
        );
        // Append the clean-up to a plain one-script RUN; anything trickier is left to hand.
        if let Args::Shell { text, span, .. } = &inst.args {
            let tail = text.trim_end();
            let plain = inst.heredocs.is_empty()
                && !text.contains('#')
                && !tail.ends_with([';', '&', '|', '\\'])
                && quotes_closed(tail);
            if plain && !tail.is_empty() {
                let end = span.start + cx.text(*span).trim_end().len();
                hit = hit.with_fix(fix(
                    "Append `&& rm -rf /var/lib/apt/lists/*`",
                    Edit {
                        span: Span::new(end, end),
                        replacement: format!(
                            " {}\n    && rm -rf /var/lib/apt/lists/*",
                            cx.tree.escape
                        ),
                    },
                ));
            }
        }
        hits.push(hit);
    }
    hits
}

/// Whether every quote the shell script opens is closed by its end: text appended to a script
/// with an open quote lands inside the string, so the fix would never take (and "apply all
/// fixes" would append it again and again).
fn quotes_closed(script: &str) -> bool {
    let mut quote = None;
    let mut escaped = false;
    for c in script.chars() {
        match (quote, c) {
            _ if escaped => escaped = false,
            (Some('\''), '\'') => quote = None,
            (Some('\''), _) => {}
            (_, '\\') => escaped = true,
            (Some('"'), '"') => quote = None,
            (None, '\'' | '"') => quote = Some(c),
            _ => {}
        }
    }
    quote.is_none()
}

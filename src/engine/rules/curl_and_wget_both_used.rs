//! AL274: a shipped stage uses both curl and wget (hadolint DL4001).

use crate::engine::analysis::stages::stage_runs;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::shell::Command;

declare_rule! {
    /// ## What it does
    /// Reports the RUN of a shipped stage that calls `curl` when an earlier RUN of the stage
    /// called `wget`, or the other way round (once per stage). A RUN that tries one and
    /// falls back to the other (`curl ... || wget ...`, `if command -v curl ...`) is written
    /// for images that have only one, and does not count. Builder stages are not checked.
    ///
    /// ## Why is this bad?
    /// curl and wget do the same job here; needing both means both (and their libraries)
    /// are installed in the image. Settling on one keeps the image smaller and gives it one
    /// less tool to patch.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN wget -q https://example.com/a.tar.gz
    /// RUN curl -fsSLO https://example.com/b.tar.gz
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN curl -fsSLO https://example.com/a.tar.gz
    /// RUN curl -fsSLO https://example.com/b.tar.gz
    /// ```
    ///
    /// ## References
    /// - hadolint: DL4001
    /// - One finding per stage (hadolint reports every later RUN that uses either tool).
    code: "AL274",
    name: "curl_and_wget_both_used",
    severity: Warning,
    category: Performance,
    fixable: false,
    aliases: ["DL4001"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for stage in cx.graph.stages.iter().filter(|s| cx.is_shipped(s.index)) {
        // The first instruction that used each tool: [curl, wget].
        let mut first: [Option<usize>; 2] = [None, None];
        for (_, inst, commands) in stage_runs(cx, stage) {
            let uses = [uses(commands, "curl"), uses(commands, "wget")];
            if uses == [true, true] && is_fallback(commands) {
                continue;
            }
            let before = first;
            for t in 0..2 {
                if uses[t] && first[t].is_none() {
                    first[t] = Some(inst.span.start);
                }
            }
            if before.iter().any(Option::is_none) && first.iter().all(Option::is_some) {
                let (now, other) = if before[0].is_none() {
                    ("curl", "wget")
                } else {
                    ("wget", "curl")
                };
                let at = before[0].or(before[1]).unwrap_or(inst.span.start);
                let line = cx.tree.line_col(at).line;
                let where_ = if at == inst.span.start {
                    "in the same RUN".to_string()
                } else {
                    format!("on line {line}")
                };
                hits.push(Hit::new(
                    inst.span,
                    format!("`{now}` here and `{other}` {where_}: the image needs both tools where one would do"),
                ));
            }
        }
    }
    hits
}

fn uses(commands: &[Command], tool: &str) -> bool {
    // `command -v curl` asks whether curl exists; it does not use it.
    commands.iter().any(|c| {
        !(c.name() == "command" && c.has_arg("-v"))
            && c.unwrapped().name().rsplit('/').next() == Some(tool)
    })
}

/// `curl ... || wget ...` or a `command -v` / `which` test: one tool or the other.
fn is_fallback(commands: &[Command]) -> bool {
    commands.iter().any(|c| {
        c.joined_by == "||"
            || matches!(c.name(), "if" | "which" | "type" | "hash")
            || (c.name() == "command" && c.has_arg("-v"))
    })
}

//! AL271: short RUN instructions one after another in the shipped image (hadolint DL3059).

use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::shell::run_commands;
use crate::engine::syntax::Kw;

declare_rule! {
    /// ## What it does
    /// Reports a RUN that directly follows another RUN in a shipped stage, when both run a
    /// single command and have the same flags (`--mount`, `--network`, ...). RUNs that
    /// already chain commands (`&&`, `;`), and RUNs set apart by a blank line, are left
    /// alone: whoever split them most likely meant to. Builder stages are not checked, since extra layers there
    /// buy cache granularity and never ship.
    ///
    /// ## Why is this bad?
    /// Each RUN adds a layer to the image, with its own metadata and its own copy of every
    /// file it touches again. Short neighbouring RUNs can usually be one.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN mkdir -p /data
    /// RUN chown 65532 /data
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN mkdir -p /data && chown 65532 /data
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3059
    code: "AL271",
    name: "consecutive_run_instructions",
    severity: Info,
    category: Performance,
    fixable: false,
    aliases: ["DL3059"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for stage in cx.graph.stages.iter().filter(|s| cx.is_shipped(s.index)) {
        // The flags and command count of the RUN just before, if the previous instruction
        // was a RUN.
        let mut previous: Option<(Vec<&str>, usize, usize)> = None;
        for (_, inst) in cx.stage_instructions(stage) {
            if inst.keyword.kind != Kw::Run {
                previous = None;
                continue;
            }
            let mut flags: Vec<&str> = inst.flags.iter().map(|f| cx.text(f.span)).collect();
            crate::engine::sort::sort_by(&mut flags, |a, b| a.cmp(b));
            let count = run_commands(inst).len();
            if let Some((prev_flags, prev_count, prev_end)) = &previous {
                // A blank line between them groups them apart: a deliberate split.
                let between: Vec<&str> = cx.tree.source[*prev_end..inst.span.start]
                    .split('\n')
                    .collect();
                let apart = between.len() > 2
                    && between[1..between.len() - 1]
                        .iter()
                        .any(|line| line.trim().is_empty());
                if *prev_flags == flags && count <= 1 && *prev_count <= 1 && !apart {
                    hits.push(Hit::new(
                        inst.span,
                        "this RUN follows another one-command RUN with the same flags: one RUN would save a layer",
                    ));
                }
            }
            previous = Some((flags, count, inst.span.end));
        }
    }
    hits
}

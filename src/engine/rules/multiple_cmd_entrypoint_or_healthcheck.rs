//! AL212: more than one CMD, ENTRYPOINT or HEALTHCHECK in a stage (BuildKit's
//! MultipleInstructionsDisallowed).

use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::Kw;

declare_rule! {
    /// ## What it does
    /// Reports a `CMD`, `ENTRYPOINT` or `HEALTHCHECK` that a later one of the same kind in the
    /// same stage replaces. As in BuildKit, the finding is on the instruction that has no
    /// effect. The `CMD` of a `HEALTHCHECK` is not a `CMD` instruction.
    ///
    /// ## Why is this bad?
    /// An image has one command, one entrypoint and one health check: only the last of each
    /// counts. The earlier ones are dead code that suggests the container does something it
    /// does not.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENTRYPOINT ["echo", "Hello, Norway!"]
    /// ENTRYPOINT ["echo", "Hello, Sweden!"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENTRYPOINT ["echo", "Hello, Sweden!"]
    /// ```
    ///
    /// ## References
    /// - BuildKit: MultipleInstructionsDisallowed, <https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/>
    /// - hadolint: DL4003 (CMD), DL4004 (ENTRYPOINT), DL3012 (HEALTHCHECK)
    code: "AL212",
    name: "multiple_cmd_entrypoint_or_healthcheck",
    severity: Warning,
    category: Correctness,
    fixable: false,
    aliases: ["MultipleInstructionsDisallowed", "DL4003", "DL4004", "DL3012"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for stage in &cx.graph.stages {
        let stage_insts: Vec<_> = cx.stage_instructions(stage).collect();
        for (pos, (_, inst)) in stage_insts.iter().enumerate() {
            let kind = inst.keyword.kind;
            if !matches!(kind, Kw::Cmd | Kw::Entrypoint | Kw::Healthcheck) {
                continue;
            }
            let Some((_, later)) = stage_insts[pos + 1..]
                .iter()
                .find(|(_, i)| i.keyword.kind == kind)
            else {
                continue;
            };
            let line = cx.tree.line_col(later.span.start).line;
            hits.push(Hit::new(
                inst.span,
                format!(
                    "this `{}` has no effect: the one on line {line} replaces it",
                    kind.as_str()
                ),
            ));
        }
    }
    hits
}

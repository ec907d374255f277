//! AL244: `COPY --from` names the stage it is in (hadolint DL3023).

use crate::engine::graph::GraphProblemKind;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::Kw;

declare_rule! {
    /// ## What it does
    /// Reports `COPY --from=<name>` (and ADD) inside the stage called `<name>`, by name or by
    /// index.
    ///
    /// ## Why is this bad?
    /// A stage cannot copy from itself: it does not exist until it is finished. BuildKit
    /// stops with an error; within a stage, files are already there to `RUN cp`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// COPY --from=build /src/app /app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// RUN cp /src/app /app
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3023, <https://github.com/hadolint/hadolint/wiki/DL3023>
    code: "AL244",
    name: "copy_from_own_stage",
    severity: Error,
    category: Correctness,
    fixable: false,
    aliases: ["DL3023"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (n, inst) in cx.tree.instructions.iter().enumerate() {
        if !matches!(inst.keyword.kind, Kw::Copy | Kw::Add) {
            continue;
        }
        let Some(stage) = cx.stage_of(n) else {
            continue;
        };
        // The graph's problems are in source order: the instruction's are found by a binary
        // search, not a scan of all of them per COPY.
        let problems = &cx.graph.problems;
        let first = problems.partition_point(|p| p.span.start < inst.span.start);
        let mut inside = problems[first..]
            .iter()
            .take_while(|p| p.span.start < inst.span.end);
        let own = inside.find_map(|p| match &p.kind {
            GraphProblemKind::ForwardReference { reference, index }
                if inst.span.contains(p.span.start) && *index == stage.index =>
            {
                Some(reference)
            }
            _ => None,
        });
        if let Some(reference) = own {
            hits.push(Hit::new(
                inst.span,
                format!("`--from={reference}` names the stage this COPY is in"),
            ));
        }
    }
    hits
}

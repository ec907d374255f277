//! AL206: a stage named `scratch` or `context` (BuildKit's ReservedStageName).

use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Reports stages named `scratch` or `context` (in any case).
    ///
    /// ## Why is this bad?
    /// Both words already mean something to the builder: `scratch` is the empty image and
    /// `context` is the build context (named contexts use it too). A stage that takes such a
    /// name makes `FROM scratch` or `COPY --from=context` mean something else than readers
    /// expect.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20 AS scratch
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20 AS base
    /// ```
    ///
    /// ## References
    /// - BuildKit: ReservedStageName, <https://docs.docker.com/reference/build-checks/reserved-stage-name/>
    code: "AL206",
    name: "reserved_stage_name",
    severity: Warning,
    category: Correctness,
    fixable: false,
    aliases: ["ReservedStageName", "DL3063"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    cx.graph
        .stages
        .iter()
        .filter_map(|s| {
            let name = s
                .name
                .as_deref()
                .filter(|n| matches!(*n, "scratch" | "context"))?;
            Some(Hit::new(
                s.from_span,
                format!("`{name}` is a reserved name and should not name a stage"),
            ))
        })
        .collect()
}

//! AL205: two stages with the same name (BuildKit's DuplicateStageName).

use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Reports a stage whose name (compared ignoring case, as BuildKit does) was already given
    /// to an earlier stage.
    ///
    /// ## Why is this bad?
    /// `COPY --from=name`, `FROM name` and `--target name` can then mean either stage; which
    /// one the builder picks depends on where the reference stands, and readers will guess
    /// wrong. Older builders refuse the file outright.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12 AS builder
    /// RUN apt-get update
    /// FROM golang:1.22 AS builder
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12 AS deb-builder
    /// RUN apt-get update
    /// FROM golang:1.22 AS go-builder
    /// ```
    ///
    /// ## References
    /// - BuildKit: DuplicateStageName, <https://docs.docker.com/reference/build-checks/duplicate-stage-name/>
    code: "AL205",
    name: "duplicate_stage_name",
    severity: Error,
    category: Correctness,
    fixable: false,
    aliases: ["DuplicateStageName", "DL3024"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    // The first stage of each name, kept as the stages are read (one look-up per stage).
    let mut first_named = std::collections::HashMap::new();
    (cx.graph.stages.iter())
        .filter_map(|s| {
            let name = s.name.as_deref()?;
            let first = *first_named.entry(name).or_insert(s);
            if first.index == s.index {
                return None;
            }
            let line = cx.tree.line_col(first.from_span.start).line;
            Some(Hit::new(
                s.from_span,
                format!("stage name `{name}` is already used by the stage on line {line}"),
            ))
        })
        .collect()
}

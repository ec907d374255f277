//! AL266: an ENV value refers to a variable that the same ENV instruction sets
//! (hadolint DL3044).

use std::collections::HashSet;

use crate::engine::rules::helpers::ancestor_stages;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::Kw;

declare_rule! {
    /// ## What it does
    /// Reports `ENV A=1 B=$A`: a value that refers to a variable set by another pair of the
    /// same ENV instruction, when no earlier ARG or ENV of the stage (or of a stage it is
    /// built on) sets it. A variable that refers to itself (`PATH=/opt/bin:$PATH`) is fine.
    ///
    /// ## Why is this bad?
    /// All values of one ENV are expanded before any of them is set, so `$A` is the value
    /// from before the instruction, not `1`: here it is empty, and `B` silently ends up
    /// wrong.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV APP_HOME=/opt/app PATH=/opt/app/bin:$PATH APP_CONFIG=$APP_HOME/config
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV APP_HOME=/opt/app PATH=/opt/app/bin:$PATH
    /// ENV APP_CONFIG=$APP_HOME/config
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3044
    code: "AL266",
    name: "env_refers_to_same_instruction",
    severity: Error,
    category: Correctness,
    fixable: false,
    aliases: ["DL3044"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for stage in &cx.graph.stages {
        // Names set by the stages this one is built on, then by this stage as it goes.
        let mut defined: HashSet<&str> = HashSet::new();
        for parent in ancestor_stages(cx, stage) {
            for (_, inst) in cx.stage_instructions(parent) {
                if matches!(inst.keyword.kind, Kw::Env | Kw::Arg) {
                    defined.extend(inst.pairs.iter().map(|p| p.key.as_str()));
                }
            }
        }
        for (_, inst) in cx.stage_instructions(stage) {
            if inst.keyword.kind == Kw::Env {
                let mut found: Vec<(String, String)> = Vec::new();
                for (i, pair) in inst.pairs.iter().enumerate() {
                    let Some(value) = pair.value_span else {
                        continue;
                    };
                    for v in inst
                        .vars
                        .iter()
                        .filter(|v| value.start <= v.span.start && v.span.end <= value.end)
                    {
                        let set_here = inst
                            .pairs
                            .iter()
                            .enumerate()
                            .any(|(j, p)| j != i && p.key == v.name);
                        if set_here
                            && !defined.contains(v.name.as_str())
                            && !found.iter().any(|(_, n)| *n == v.name)
                        {
                            found.push((pair.key.clone(), v.name.clone()));
                        }
                    }
                }
                if let Some((key, name)) = found.first() {
                    hits.push(Hit::new(
                        inst.span,
                        format!(
                            "`{key}` uses `${name}`, which this same ENV sets: it expands to the value from before this instruction, not the one set here"
                        ),
                    ));
                }
            }
            if matches!(inst.keyword.kind, Kw::Env | Kw::Arg) {
                defined.extend(inst.pairs.iter().map(|p| p.key.as_str()));
            }
        }
    }
    hits
}

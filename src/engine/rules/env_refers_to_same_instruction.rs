//! AL266: an ENV value refers to a variable that the same ENV instruction sets
//! (hadolint DL3044).

use std::collections::HashSet;

use crate::engine::analysis::stages::ancestor_stages;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::{Instruction, Kw};

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
        // The names this stage's ARG and ENV set so far. Those of the stages it is built on
        // are looked up only for a name an ENV both sets and uses (rare), not collected for
        // every stage, which made a long chain of stages quadratic.
        let mut defined: HashSet<&str> = HashSet::new();
        let inherited = |name: &str| {
            ancestor_stages(cx, stage).into_iter().any(|parent| {
                cx.stage_instructions(parent).any(|(_, inst)| {
                    matches!(inst.keyword.kind, Kw::Env | Kw::Arg)
                        && inst.pairs.iter().any(|p| p.key == name)
                })
            })
        };
        for (_, inst) in cx.stage_instructions(stage) {
            if inst.keyword.kind == Kw::Env {
                let known = |name: &str| defined.contains(name) || inherited(name);
                if let Some((key, name)) = first_self_reference(inst, &known) {
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

/// The first `(key, variable)` in `inst` where a pair's value uses a variable that another pair
/// of the same ENV sets (and nothing before it did). Linear in the pairs and variables, so a
/// generated ENV of thousands of pairs stays quick.
fn first_self_reference<'i>(
    inst: &'i Instruction,
    defined: &dyn Fn(&str) -> bool,
) -> Option<(&'i str, &'i str)> {
    // The keys set, and those set more than once (a `HashSet` as above keeps the wasm small).
    let (mut keys, mut twice) = (HashSet::new(), HashSet::new());
    for p in &inst.pairs {
        if !keys.insert(p.key.as_str()) {
            twice.insert(p.key.as_str());
        }
    }
    // Pairs in source order, so a variable's pair is found by binary search on the value spans.
    let values: Vec<_> = (inst.pairs.iter())
        .filter_map(|p| p.value_span.map(|span| (span, p.key.as_str())))
        .collect();
    let mut first = None;
    for v in &inst.vars {
        let at = values.partition_point(|(span, _)| span.end < v.span.end);
        let Some(&(value, key)) = values.get(at) else {
            continue;
        };
        if !(value.start <= v.span.start && v.span.end <= value.end) {
            continue;
        }
        let name = v.name.as_str();
        let set_by_another = keys.contains(name) && (key != name || twice.contains(name));
        if set_by_another && !defined(name) {
            let here = (value.start, v.span.start);
            if first.is_none_or(|(best, _, _)| here < best) {
                first = Some((here, key, name));
            }
        }
    }
    first.map(|(_, key, name)| (key, name))
}

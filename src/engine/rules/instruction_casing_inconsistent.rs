//! AL204: instruction keywords not in the file's majority case (BuildKit's
//! ConsistentInstructionCasing).

use crate::engine::analysis::edit::fix;
use crate::engine::diagnostic::Edit;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::Kw;

declare_rule! {
    /// ## What it does
    /// Counts the instruction keywords written all in upper case and all in lower case, and
    /// reports every keyword not written in the majority's case, mixed-case ones (`Run`,
    /// `EntryPoint`) included. A tie counts as upper case. As in BuildKit, the ARGs before the
    /// first FROM are neither counted nor checked.
    ///
    /// ## Why is this bad?
    /// Keywords are case-insensitive, so the builder does not mind, but a file that mixes
    /// `RUN` and `run` is harder to scan: the keyword column stops being a column.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// Run echo hello > /greeting.txt
    /// ENTRYPOINT ["cat", "/greeting.txt"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN echo hello > /greeting.txt
    /// ENTRYPOINT ["cat", "/greeting.txt"]
    /// ```
    ///
    /// ## References
    /// - BuildKit: ConsistentInstructionCasing, <https://docs.docker.com/reference/build-checks/consistent-instruction-casing/>
    code: "AL204",
    name: "instruction_casing_inconsistent",
    severity: Warning,
    category: Style,
    fixable: true,
    aliases: ["ConsistentInstructionCasing"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let Some(first) = cx.graph.stages.first() else {
        return Vec::new();
    };
    let staged: Vec<_> = cx.tree.instructions[first.instructions.start..]
        .iter()
        // The implicit FROM of a fragment (see `rules::rule_view`) has no text to compare.
        .filter(|i| i.keyword.kind != Kw::Unknown && !i.keyword.text.is_empty())
        .collect();
    let (mut lower, mut upper) = (0, 0);
    for inst in &staged {
        let k = &inst.keyword.text;
        if *k == k.to_ascii_lowercase() {
            lower += 1;
        } else if *k == k.to_ascii_uppercase() {
            upper += 1;
        }
    }
    let majority_lower = lower > upper;
    staged
        .into_iter()
        .filter_map(|inst| {
            let k = &inst.keyword.text;
            let wanted = if majority_lower {
                k.to_ascii_lowercase()
            } else {
                k.to_ascii_uppercase()
            };
            if *k == wanted {
                return None;
            }
            let case = if majority_lower { "lower" } else { "upper" };
            Some(
                Hit::new(
                    inst.keyword.span,
                    format!("`{k}` is not in {case} case like most instructions of this file"),
                )
                .with_fix(fix(
                    format!("Write `{wanted}`"),
                    Edit {
                        span: inst.keyword.span,
                        replacement: wanted,
                    },
                )),
            )
        })
        .collect()
}

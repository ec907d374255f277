//! AL209: FROM uses a variable no global ARG declares (BuildKit's UndefinedArgInFrom).

use crate::engine::analysis::scope::{global_instructions, suggest};
use crate::engine::graph::predefined::PLATFORM_ARGS;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::Kw;

declare_rule! {
    /// ## What it does
    /// Reports variables in a `FROM` line (the image or `--platform`) that no ARG before the
    /// first FROM declares and that are not one of BuildKit's predefined platform ARGs
    /// (`BUILDPLATFORM`, `TARGETARCH`, ...). A misspelling of a declared name is pointed out.
    /// A reference with a default, `${TAG:-3.20}`, counts too: without the ARG, no
    /// `--build-arg` can ever change it.
    ///
    /// ## Why is this bad?
    /// FROM sees only the global ARGs. An undeclared variable expands to an empty string, so
    /// `FROM node:22${VARIANT}` quietly builds on `node:22` whatever `--build-arg VARIANT=...`
    /// says, and a misspelt `$BUILDPLATFOM` drops the platform.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22${VARIANT} AS build
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// ARG VARIANT=-alpine3.20
    /// FROM node:22${VARIANT} AS build
    /// ```
    ///
    /// ## References
    /// - BuildKit: UndefinedArgInFrom, <https://docs.docker.com/reference/build-checks/undefined-arg-in-from/>
    code: "AL209",
    name: "undefined_arg_in_from",
    severity: Warning,
    category: Correctness,
    fixable: false,
    aliases: ["UndefinedArgInFrom"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut declared: Vec<&str> = PLATFORM_ARGS.iter().map(|(n, _)| *n).collect();
    for inst in global_instructions(cx)
        .iter()
        .filter(|i| i.keyword.kind == Kw::Arg)
    {
        declared.extend(inst.pairs.iter().map(|p| p.key.as_str()));
    }
    let mut hits = Vec::new();
    for inst in cx
        .tree
        .instructions
        .iter()
        .filter(|i| i.keyword.kind == Kw::From)
    {
        let mut seen: Vec<&str> = Vec::new();
        for var in &inst.vars {
            let name = var.name.as_str();
            if declared.contains(&name) || seen.contains(&name) {
                continue;
            }
            seen.push(name);
            let hint = suggest(name, declared.iter().copied())
                .map(|s| format!(" (did you mean `${s}`?)"))
                .unwrap_or_default();
            hits.push(Hit::new(
                var.span,
                format!("`${name}` is not declared by an ARG before the first FROM{hint}"),
            ));
        }
    }
    hits
}

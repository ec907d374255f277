//! AL214: `FROM --platform=$TARGETPLATFORM`, which is the default (BuildKit's
//! RedundantTargetPlatform).

use crate::engine::analysis::edit::fix;
use crate::engine::analysis::scope::global_instructions;
use crate::engine::diagnostic::Edit;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::{Kw, Span};

declare_rule! {
    /// ## What it does
    /// Reports `FROM --platform=$TARGETPLATFORM` (or `${TARGETPLATFORM}`), unless a global ARG
    /// gives `TARGETPLATFORM` a value of its own.
    ///
    /// ## Why is this bad?
    /// A stage's base is pulled for the target platform anyway; saying so adds noise and
    /// suggests to readers that this stage is special. `--platform` is useful with
    /// `$BUILDPLATFORM`, for stages that cross-compile.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=$TARGETPLATFORM alpine:3.20 AS builder
    /// RUN apk add --no-cache git
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20 AS builder
    /// RUN apk add --no-cache git
    /// ```
    ///
    /// ## References
    /// - BuildKit: RedundantTargetPlatform, <https://docs.docker.com/reference/build-checks/redundant-target-platform/>
    code: "AL214",
    name: "redundant_target_platform",
    severity: Warning,
    category: Style,
    fixable: true,
    aliases: ["RedundantTargetPlatform", "DL3065"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let redefined = global_instructions(cx).iter().any(|i| {
        i.keyword.kind == Kw::Arg
            && i.pairs
                .iter()
                .any(|p| p.key == "TARGETPLATFORM" && p.value.is_some())
    });
    if redefined {
        return Vec::new();
    }
    let source = &cx.tree.source;
    cx.tree
        .instructions
        .iter()
        .filter(|i| i.keyword.kind == Kw::From)
        .filter_map(|inst| {
            let flag = inst.flag("platform")?;
            let value = flag.value.as_deref()?;
            if !matches!(value, "$TARGETPLATFORM" | "${TARGETPLATFORM}") {
                return None;
            }
            // The flag and the blanks after it.
            let rest = &source[flag.span.end..];
            let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            Some(
                Hit::new(
                    flag.span,
                    format!("`--platform={value}` is what FROM does without it"),
                )
                .with_fix(fix(
                    "Remove `--platform`",
                    Edit {
                        span: Span::new(flag.span.start, flag.span.end + blanks),
                        replacement: String::new(),
                    },
                )),
            )
        })
        .collect()
}

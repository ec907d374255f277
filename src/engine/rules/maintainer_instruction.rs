//! AL208: the deprecated MAINTAINER instruction (BuildKit's MaintainerDeprecated).

use crate::engine::analysis::edit::fix;
use crate::engine::diagnostic::Edit;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::{Args, Kw, Span};

const AUTHORS: &str = "org.opencontainers.image.authors";

declare_rule! {
    /// ## What it does
    /// Reports `MAINTAINER` instructions.
    ///
    /// ## Why is this bad?
    /// `MAINTAINER` has been deprecated since Docker 1.13: it fills an image field that few
    /// tools read. The OCI label `org.opencontainers.image.authors` says the same thing where
    /// registries, scanners and `docker inspect` look for it.
    ///
    /// The fix turns the instruction into that label, unless the file already sets it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// MAINTAINER Jane Doe <jane@example.com>
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
    /// ```
    ///
    /// ## References
    /// - BuildKit: MaintainerDeprecated, <https://docs.docker.com/reference/build-checks/maintainer-deprecated/>
    /// - hadolint: DL4000
    code: "AL208",
    name: "maintainer_instruction",
    severity: Warning,
    category: Style,
    fixable: true,
    aliases: ["MaintainerDeprecated", "DL4000"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let has_label = cx.tree.instructions.iter().any(|i| {
        i.keyword.kind == Kw::Label && i.pairs.iter().any(|p| p.key.trim_matches('"') == AUTHORS)
    });
    cx.tree
        .instructions
        .iter()
        .filter(|i| i.keyword.kind == Kw::Maintainer)
        .map(|inst| {
            let hit = Hit::new(
                inst.span,
                "`MAINTAINER` is deprecated; the OCI authors label replaces it",
            );
            let Args::Shell { span, .. } = &inst.args else {
                return hit;
            };
            let value = cx.text(*span).trim();
            if has_label || value.is_empty() || value.contains('\n') {
                return hit;
            }
            let escape = cx.tree.escape;
            let mut quoted = String::with_capacity(value.len() + 2);
            for c in value.chars() {
                if c == '"' || c == '$' || c == escape {
                    quoted.push(escape);
                }
                quoted.push(c);
            }
            let label = if inst.keyword.text == inst.keyword.text.to_ascii_lowercase() {
                "label"
            } else {
                "LABEL"
            };
            hit.with_fix(fix(
                format!("Replace with `LABEL {AUTHORS}`"),
                Edit {
                    span: Span::new(inst.keyword.span.start, span.end),
                    replacement: format!("{label} {AUTHORS}=\"{quoted}\""),
                },
            ))
        })
        .collect()
}

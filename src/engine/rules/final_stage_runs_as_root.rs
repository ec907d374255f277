//! AL104: the image that ships runs as root.

use crate::engine::graph::Base;
use crate::engine::rules::helpers::{
    fix, insert_line_after, insert_line_before, is_root, is_windows, user_value,
};
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::Kw;

declare_rule! {
    /// ## What it does
    /// Checks that the image `docker build` ships switches to a non-root user: the last USER
    /// of the target stage (or of the stages it is built on) must exist and not be `root` or `0`.
    /// USER instructions in builder stages do not count: they are not in the image. Bases that
    /// already run as non-root (distroless `:nonroot` tags, Chainguard images) pass without one.
    ///
    /// ## Why is this bad?
    /// A process running as root in a container is root on the container's filesystem, and one
    /// kernel or runtime bug away from root on the host. Kubernetes' `runAsNonRoot` refuses such
    /// images. The builder pattern ends with `USER 65532` (the conventional `nonroot` UID of
    /// distroless and CleanStart -prod images).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// RUN go build -o /app .
    /// FROM gcr.io/distroless/static-debian12
    /// COPY --from=build /app /app
    /// ENTRYPOINT ["/app"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// RUN go build -o /app .
    /// FROM gcr.io/distroless/static-debian12
    /// COPY --from=build /app /app
    /// USER 65532
    /// ENTRYPOINT ["/app"]
    /// ```
    code: "AL104",
    name: "final_stage_runs_as_root",
    severity: Warning,
    category: Security,
    fixable: true,
    aliases: ["DL3002"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let Some(target) = cx.target().filter(|t| !is_windows(cx, t.index)) else {
        return Vec::new();
    };
    let shipped = cx.shipped_instructions();
    let last_user = shipped
        .iter()
        .rev()
        .find_map(|(_, i)| user_value(i).map(|v| (i, v)));
    match last_user {
        Some((inst, value)) if is_root(value) => {
            vec![Hit::new(
                inst.span,
                format!("the image runs as root: the last USER is `{value}`"),
            )]
        }
        Some(_) => Vec::new(),
        None if runs_as_nonroot_by_default(cx, target.index) => Vec::new(),
        None => {
            let from = &cx.tree.instructions[target.instructions.start];
            // Before the command the image runs, or after the last instruction.
            let stage: Vec<_> = cx.stage_instructions(target).collect();
            let edit = match stage
                .iter()
                .find(|(_, i)| matches!(i.keyword.kind, Kw::Cmd | Kw::Entrypoint))
            {
                Some((_, run)) => insert_line_before(cx, run, "USER 65532"),
                None => insert_line_after(cx, stage.last().map_or(from, |(_, i)| i), "USER 65532"),
            };
            vec![Hit::new(
                from.span,
                "the image runs as root: no USER in the shipped stage",
            )
            .with_fix(fix("Add `USER 65532` (nonroot)", edit))]
        }
    }
}

/// Images whose configuration already sets a non-root user: distroless `nonroot` tags and
/// Chainguard's non-dev images (UID 65532).
fn runs_as_nonroot_by_default(cx: &Checker, stage: usize) -> bool {
    let (_, base) = cx.graph.resolved_base(stage);
    let Base::Image { image, .. } = base else {
        return false;
    };
    let tag = image.tag.as_deref().unwrap_or("latest");
    let name = image.name();
    (name.contains("distroless") && tag.contains("nonroot"))
        || (name.starts_with("cgr.dev/chainguard/") && !tag.contains("dev"))
}

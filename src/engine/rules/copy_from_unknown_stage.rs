//! AL243: `COPY --from` names no stage defined before it (hadolint DL3022).

use crate::engine::graph::{EdgeKind, GraphProblemKind, NodeRef};
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::Kw;

declare_rule! {
    /// ## What it does
    /// Reports `COPY --from=<name>` (and ADD) where the name is not a stage defined earlier in
    /// the file: a stage defined later, or a bare name such as `builder` that no stage
    /// carries. A reference with a registry, a tag or a digest (`--from=nginx:1.27`) names
    /// an image on purpose and is not reported; `--from=<own stage>` is AL244's.
    ///
    /// So does a name with a `/` (`--from=tonistiigi/xx`), which no stage name can hold: BuildKit
    /// pulls that image, as its author meant. hadolint's DL3022 reports every `--from` that is
    /// not a stage alias; airlock reports only names that look like a stage.
    ///
    /// ## Why is this bad?
    /// `--from` can only see stages built before it. A name that is no such stage is pulled
    /// from Docker Hub as `<name>:latest`: a misspelt or reordered stage becomes a failed pull,
    /// or silently copies files out of some unrelated public image.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// RUN go build -o /out/app .
    /// FROM alpine:3.20
    /// COPY --from=builder /out/app /app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// RUN go build -o /out/app .
    /// FROM alpine:3.20
    /// COPY --from=build /out/app /app
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3022, <https://github.com/hadolint/hadolint/wiki/DL3022>
    code: "AL243",
    name: "copy_from_unknown_stage",
    severity: Warning,
    category: Correctness,
    fixable: false,
    aliases: ["DL3022"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (n, inst) in cx.tree.instructions.iter().enumerate() {
        if !matches!(inst.keyword.kind, Kw::Copy | Kw::Add) || inst.flag("from").is_none() {
            continue;
        }
        let Some(stage) = cx.stage_of(n) else {
            continue;
        };
        let later = cx.graph.problems.iter().find_map(|p| match &p.kind {
            GraphProblemKind::ForwardReference { reference, index }
                if inst.span.contains(p.span.start) && *index != stage.index =>
            {
                Some((reference, *index))
            }
            _ => None,
        });
        if let Some((reference, index)) = later {
            let message = match cx.graph.stages.get(index) {
                Some(s) => format!(
                    "`--from={reference}` names stage `{}`, which is defined later: only earlier stages can be copied from",
                    s.label()
                ),
                None => format!(
                    "`--from={reference}` names no stage: the file has {} stages",
                    cx.graph.stages.len()
                ),
            };
            hits.push(Hit::new(inst.span, message));
            continue;
        }
        let image = cx.graph.edges.iter().find_map(|e| match e.from {
            NodeRef::Image(id) if e.instruction == n && e.kind == EdgeKind::Copy => {
                cx.graph.images.get(id)
            }
            _ => None,
        });
        if let Some(image) = image {
            let raw = &image.image.raw;
            if !raw.is_empty() && !raw.contains(['/', ':', '@', '$']) {
                hits.push(Hit::new(
                    inst.span,
                    format!("`--from={raw}` names no stage before this one: BuildKit pulls the image `{raw}:latest`"),
                ));
            }
        }
    }
    hits
}

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
    // The graph's problems are in source order, so an instruction's are found by a binary
    // search; the external image of each COPY is gathered in one pass over the edges (a scan of
    // either per instruction made a long file quadratic).
    let problems = &cx.graph.problems;
    let mut image_of: Vec<Option<usize>> = vec![None; cx.tree.instructions.len()];
    for e in &cx.graph.edges {
        if let (NodeRef::Image(id), EdgeKind::Copy) = (e.from, e.kind) {
            if let Some(slot @ None) = image_of.get_mut(e.instruction) {
                *slot = Some(id);
            }
        }
    }
    for (n, inst) in cx.tree.instructions.iter().enumerate() {
        if !matches!(inst.keyword.kind, Kw::Copy | Kw::Add) || inst.flag("from").is_none() {
            continue;
        }
        let Some(stage) = cx.stage_of(n) else {
            continue;
        };
        let first = problems.partition_point(|p| p.span.start < inst.span.start);
        let mut inside = problems[first..]
            .iter()
            .take_while(|p| p.span.start < inst.span.end);
        let later = inside.find_map(|p| match &p.kind {
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
        let image = image_of
            .get(n)
            .copied()
            .flatten()
            .and_then(|id| cx.graph.images.get(id));
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

//! AL101: the image that ships is built on a builder or -dev image.

use crate::engine::analysis::edit::fix;
use crate::engine::analysis::stages::from_image;
use crate::engine::diagnostic::Edit;
use crate::engine::graph::ImageClass;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::{Args, Instruction, Span};

declare_rule! {
    /// ## What it does
    /// Checks that the stage `docker build` ships (the target) is not built on a builder,
    /// SDK or -dev image: `-builder`, `-dev`, `:latest-dev`, `-debug`, or toolchain images such
    /// as `golang`, `gcc`, `rust`, `maven` and the full `node` and `python` images.
    ///
    /// A -dev base does not make the target a dev image; its name or default command does. A
    /// target that is a dev or test image (role dev or test in the graph: named `dev`,
    /// `development`, `dev-envs`, `debug`, `test`, `ci`, `lint`, ..., or whose default command
    /// builds or tests) ships nothing, and nothing is reported.
    ///
    /// ## Why is this bad?
    /// Builder images carry compilers, package managers, headers and often git: hundreds of
    /// megabytes to gigabytes that the application never uses at run time, and tools an attacker
    /// can use to build an exploit inside a running container. The builder pattern keeps them in
    /// a builder stage and ships only the artifacts on a minimal `-prod` or distroless base.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM cleanstart-gcc:14-builder AS builder
    /// RUN make
    /// FROM cleanstart-gcc:14-dev
    /// COPY --from=builder /src/app /usr/bin/app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM cleanstart-gcc:14-builder AS builder
    /// RUN make
    /// FROM cleanstart-gcc:14-prod
    /// COPY --from=builder /src/app /usr/bin/app
    /// ```
    ///
    /// ## References
    /// - Docker: multi-stage builds, <https://docs.docker.com/build/building/multi-stage/>
    code: "AL101",
    name: "final_stage_on_builder_image",
    severity: Warning,
    category: BuilderPattern,
    fixable: true,
    aliases: [],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    // A single stage on a toolchain is AL102's business (it needs a split, not a new base).
    let Some(target) = cx
        .shipped_target()
        .map(|t| t.index)
        .filter(|_| cx.graph.stages.len() > 1)
    else {
        return Vec::new();
    };
    let (root, _) = cx.resolved_base(target);
    let Some((image, class)) = from_image(cx, root) else {
        return Vec::new();
    };
    if !matches!(class.class, ImageClass::Toolchain | ImageClass::Dev) {
        return Vec::new();
    }
    let stage = &cx.graph.stages[root];
    let from = &cx.tree.instructions[stage.instructions.start];
    let mut hit = Hit::new(
        from.span,
        format!(
            "the shipped image is built on `{}`: {}",
            image.raw, class.reason
        ),
    );
    if let Some(prod) = prod_variant(&image.raw) {
        // Only when the base is written out literally, so the edit replaces exactly it.
        if let Some(word) = first_word_span(from).filter(|w| cx.text(*w) == image.raw) {
            hit = hit.with_fix(fix(
                format!("Use the -prod variant `{prod}`"),
                Edit {
                    span: word,
                    replacement: prod,
                },
            ));
        }
    }
    vec![hit]
}

/// The image's span in a FROM instruction.
fn first_word_span(from: &Instruction) -> Option<Span> {
    match &from.args {
        Args::Shell { words, .. } => words.first().map(|w| w.span),
        Args::Exec { .. } => None,
    }
}

/// The runtime variant of a CleanStart builder/dev image, when the spelling makes it certain.
fn prod_variant(image: &str) -> Option<String> {
    if !image.contains("cleanstart") {
        return None;
    }
    for suffix in ["-builder", "-dev", "-debug"] {
        if let Some(stem) = image.strip_suffix(suffix) {
            return Some(if stem.ends_with(":latest") {
                stem.to_string()
            } else {
                format!("{stem}-prod")
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prod_variants() {
        assert_eq!(
            prod_variant("cleanstart-gcc:14-builder").as_deref(),
            Some("cleanstart-gcc:14-prod")
        );
        assert_eq!(
            prod_variant("cleanstart/go:latest-dev").as_deref(),
            Some("cleanstart/go:latest")
        );
        assert_eq!(
            prod_variant("registry.cleanstart.com/node:20-debug").as_deref(),
            Some("registry.cleanstart.com/node:20-prod")
        );
        assert_eq!(prod_variant("golang:1.22"), None);
    }
}

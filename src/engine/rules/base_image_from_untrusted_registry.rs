//! AL245: an image from a registry outside `trusted_registries` (hadolint DL3026).

use crate::engine::analysis::stages::from_image;
use crate::engine::graph::{ImageRef, NodeRef};
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// When `trusted_registries` is configured (`airlock.toml`, the playground's settings),
    /// reports FROM images and `COPY --from` images that come from any other registry. Docker
    /// Hub is named `docker.io`; `*.example.com` allows every subdomain and `*` every
    /// registry. With no list the rule is silent. `scratch` and stages of the file are not images and always pass.
    ///
    /// ## Why is this bad?
    /// Organisations mirror and scan the images they allow; an image pulled from elsewhere
    /// skips that review and may not be reachable from the build network at all.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM quay.io/evil/alpine:3.20
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM registry.example.com/library/alpine:3.20
    /// ```
    ///
    /// (with `trusted_registries = ["registry.example.com"]`)
    ///
    /// ## References
    /// - hadolint: DL3026, <https://github.com/hadolint/hadolint/wiki/DL3026>
    code: "AL245",
    name: "base_image_from_untrusted_registry",
    severity: Error,
    category: Security,
    fixable: false,
    aliases: ["DL3026"],
    default_enabled: true,
    check: check,
}

const DOCKER_HUB: &[&str] = &[
    "docker.io",
    "hub.docker.com",
    "index.docker.io",
    "registry-1.docker.io",
];

fn trusted(cx: &Checker, image: &ImageRef) -> bool {
    let registry = image.registry.as_deref().unwrap_or("docker.io");
    image.raw.contains('$')
        || cx.config.trusted_registries.iter().any(|t| {
            let t = t.trim().to_ascii_lowercase();
            let r = registry.to_ascii_lowercase();
            t == r
                || t == "*"
                || (image.registry.is_none() && DOCKER_HUB.contains(&t.as_str()))
                || t.strip_prefix("*.").is_some_and(|domain| {
                    r.strip_suffix(domain).is_some_and(|sub| sub.ends_with('.'))
                })
        })
}

fn message(image: &ImageRef) -> String {
    format!(
        "`{}` comes from `{}`, which is not a trusted registry",
        image.raw,
        image.registry.as_deref().unwrap_or("docker.io")
    )
}

fn check(cx: &Checker) -> Vec<Hit> {
    if cx.config.trusted_registries.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for stage in &cx.graph.stages {
        if let Some((image, _)) = from_image(cx, stage.index) {
            if !trusted(cx, image) {
                hits.push(Hit::new(stage.from_span, message(image)));
            }
        }
    }
    for edge in &cx.graph.edges {
        let NodeRef::Image(id) = edge.from else {
            continue;
        };
        if let Some(image) = cx.graph.images.get(id).map(|i| &i.image) {
            if !trusted(cx, image) {
                hits.push(Hit::new(edge.span, message(image)));
            }
        }
    }
    hits
}

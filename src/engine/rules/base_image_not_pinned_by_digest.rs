//! AL113: a base image is not pinned by digest.

use crate::engine::analysis::stages::from_image;
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Reports FROM images given by tag only, without an `@sha256:` digest.
    ///
    /// ## Why is this bad?
    /// A tag can be moved to another image at any time, so the same Dockerfile can build a
    /// different image tomorrow: the build is not hermetic, and a reproducibility check
    /// (building twice and comparing digests) fails. A digest names exactly one image.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d
    /// ```
    code: "AL113",
    name: "base_image_not_pinned_by_digest",
    severity: Info,
    category: Hermeticity,
    fixable: false,
    aliases: [],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    cx.graph
        .stages
        .iter()
        .filter_map(|s| {
            let (image, _) = from_image(cx, s.index)?;
            image.digest.is_none().then(|| {
                Hit::new(
                    s.from_span,
                    format!("`{}` is not pinned by digest", image.raw),
                )
            })
        })
        .collect()
}

//! AL114: a base image has no tag or uses `latest`.

use crate::engine::analysis::stages::from_image;
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Reports FROM images without a tag (which means `latest`) or with the `latest` tag, unless
    /// they are pinned by digest.
    ///
    /// ## Why is this bad?
    /// `latest` moves with every release: a rebuild can silently change the language version or
    /// the distribution under the application, and two builds of the same commit differ. An
    /// explicit version says what was tested.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22.11-bookworm-slim
    /// ```
    code: "AL114",
    name: "base_image_tag_latest_or_missing",
    severity: Warning,
    category: Hermeticity,
    fixable: false,
    aliases: ["DL3006", "DL3007"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    cx.graph
        .stages
        .iter()
        .filter_map(|s| {
            let (image, _) = from_image(cx, s.index)?;
            if image.digest.is_some() {
                return None;
            }
            let message = match image.tag.as_deref() {
                None => format!("`{}` has no tag, so it means `latest`", image.raw),
                Some("latest") => format!("`{}` uses the moving `latest` tag", image.raw),
                Some(_) => return None,
            };
            Some(Hit::new(s.from_span, message))
        })
        .collect()
}

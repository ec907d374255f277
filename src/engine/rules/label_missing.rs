//! AL285: the shipped image lacks a label the label schema requires (hadolint DL3049).

use crate::engine::rules::labels::shipped_labels;
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// When a label schema is configured (`[rules.label-schema]` in `airlock.toml`), reports
    /// the target stage when neither it nor a stage it is built on sets one of the schema's
    /// labels. Without a schema the rule is silent. Builder stages are not checked: their
    /// labels are in no image (hadolint asks every stage).
    ///
    /// ## Why is this bad?
    /// Registries, scanners and deployment tools find an image's source, version, owner and
    /// licence through its labels; an organisation that requires them needs every image to
    /// carry them.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.version="1.4.2"
    /// ```
    ///
    /// (with `"org.opencontainers.image.version" = "semver"` in the schema)
    ///
    /// ## References
    /// - hadolint: DL3049
    code: "AL285",
    name: "label_missing",
    severity: Info,
    category: Style,
    fixable: false,
    aliases: ["DL3049"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let (Some(target), false) = (cx.target(), cx.config.label_schema.is_empty()) else {
        return Vec::new();
    };
    let set: Vec<String> = shipped_labels(cx).into_iter().map(|(_, k, _)| k).collect();
    let missing: Vec<String> = (cx.config.label_schema.iter())
        .filter(|(name, _)| !set.contains(name))
        .map(|(name, _)| format!("`{name}`"))
        .collect();
    if missing.is_empty() {
        return Vec::new();
    }
    vec![Hit::new(
        target.from_span,
        format!(
            "the image has no {} label, which the label schema requires",
            missing.join(", ")
        ),
    )]
}

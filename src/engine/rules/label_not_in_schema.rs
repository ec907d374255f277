//! AL286: a label the strict label schema does not name (hadolint DL3050).

use crate::engine::rules::labels::shipped_labels;
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// When the label schema is strict (`strict-labels = true` with `[rules.label-schema]` in
    /// `airlock.toml`), reports the labels of the shipped stages that the schema does not
    /// name. Otherwise the rule is silent.
    ///
    /// ## Why is this bad?
    /// A strict schema is the organisation's list of labels; others are typos of those
    /// (`org.opencontainers.image.vesion`) or metadata nobody maintains.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.version="1.4.2" build-host="ci-7"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.version="1.4.2"
    /// ```
    ///
    /// (with `strict-labels = true` and only `org.opencontainers.image.version` in the schema)
    ///
    /// ## References
    /// - hadolint: DL3050
    code: "AL286",
    name: "label_not_in_schema",
    severity: Info,
    category: Style,
    fixable: false,
    aliases: ["DL3050"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    if !cx.config.strict_labels || cx.config.label_schema.is_empty() {
        return Vec::new();
    }
    shipped_labels(cx)
        .into_iter()
        .filter(|(_, key, _)| !cx.config.label_schema.iter().any(|(n, _)| n == key))
        .map(|(pair, key, _)| {
            Hit::new(
                pair.key_span,
                format!("label `{key}` is not in the strict label schema"),
            )
        })
        .collect()
}

//! AL287: a label's value does not have the form the label schema gives it (hadolint DL3051
//! to DL3056 and DL3058).

use crate::engine::rules::labels::shipped_labels;
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// When a label schema is configured (`[rules.label-schema]` in `airlock.toml`, each
    /// label with a type), checks the values the shipped stages give those labels: never
    /// empty, and `url` an absolute URL, `rfc3339` a date and time such as
    /// `2024-05-01T12:00:00Z`, `spdx` a licence expression (`MIT`, `Apache-2.0 OR MIT`) of
    /// the common SPDX identifiers or `LicenseRef-...`, `hash` a git commit hash (7 to 40 hex
    /// digits), `semver` a semantic version, `email` an e-mail address; `text` is anything
    /// not empty. Values made from a variable (`$VERSION`) are not judged.
    ///
    /// ## Why is this bad?
    /// Tools that read labels parse them: a version that is not a version, or a date in
    /// another format, breaks the dashboards and policies built on them, silently.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.version="latest"
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
    /// - hadolint: DL3051 (empty), DL3052 (URL), DL3053 (RFC 3339), DL3054 (SPDX), DL3055
    ///   (git hash), DL3056 (semantic version), DL3058 (e-mail). hadolint knows every SPDX
    ///   identifier; airlock the common ones (uncommon licences: `LicenseRef-...`).
    code: "AL287",
    name: "label_value_invalid",
    severity: Warning,
    category: Style,
    fixable: false,
    aliases: ["DL3051", "DL3052", "DL3053", "DL3054", "DL3055", "DL3056", "DL3058"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (pair, key, value) in shipped_labels(cx) {
        let Some((_, ty)) = cx.config.label_schema.iter().find(|(n, _)| *n == key) else {
            continue;
        };
        if value.contains('$') {
            continue;
        }
        if let Some(why) = ty.problem(&value) {
            let at = pair.value_span.unwrap_or(pair.key_span);
            let shown = if value.is_empty() {
                String::new()
            } else {
                format!(": `{value}`")
            };
            hits.push(Hit::new(at, format!("label `{key}` {why}{shown}")));
        }
    }
    hits
}

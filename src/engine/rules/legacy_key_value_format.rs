//! AL213: `ENV key value` / `LABEL key value` without `=` (BuildKit's LegacyKeyValueFormat).

use crate::engine::diagnostic::{Edit, Fix};
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::{KeyValue, Span};

declare_rule! {
    /// ## What it does
    /// Reports `ENV` and `LABEL` in the legacy form `ENV NAME value`, where a blank separates
    /// the name from the value.
    ///
    /// ## Why is this bad?
    /// The legacy form takes everything after the name as one value, so `ENV A 1 B 2` sets A to
    /// `1 B 2`, where the `NAME=value` form sets two variables. It is deprecated and reads
    /// differently from every other `NAME=value` in the file.
    ///
    /// The fix writes `NAME=value`, quoting a value with blanks in double quotes; values with
    /// quotes or escape characters of their own are left for a person to rewrite, and so are
    /// names with a quote, an escape or a Unicode space (such as U+00A0) in them: the legacy
    /// form ends a name at an ASCII blank only, but the `NAME=value` form splits its words at
    /// any space, so `NAME=value` would not read back as the same name.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV APP_HOME /srv/app
    /// LABEL description An example image
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// ENV APP_HOME=/srv/app
    /// LABEL description="An example image"
    /// ```
    ///
    /// ## References
    /// - BuildKit: LegacyKeyValueFormat, <https://docs.docker.com/reference/build-checks/legacy-key-value-format/>
    code: "AL213",
    name: "legacy_key_value_format",
    severity: Warning,
    category: Style,
    fixable: true,
    aliases: ["LegacyKeyValueFormat"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for inst in &cx.tree.instructions {
        for pair in inst.pairs.iter().filter(|p| p.legacy) {
            let kw = inst.keyword.kind.as_str();
            let mut hit = Hit::new(
                inst.span,
                format!("`{kw} {} value` is the legacy form without `=`", pair.key),
            );
            if let Some(fix) = to_equals(cx, pair) {
                hit = hit.with_fix(fix);
            }
            hits.push(hit);
        }
    }
    hits
}

fn to_equals(cx: &Checker, pair: &KeyValue) -> Option<Fix> {
    let (value, span) = (pair.value.as_deref()?, pair.value_span?);
    let special = |c: char| c == '"' || c == '\'' || c == cx.tree.escape;
    if pair.key.contains(|c: char| special(c) || c.is_whitespace()) {
        return None;
    }
    let raw = cx.text(span);
    let value = value.trim_end();
    let end = span.start + raw.trim_end().len();
    let mut edits = vec![Edit {
        span: Span::new(pair.key_span.end, span.start),
        replacement: "=".to_string(),
    }];
    if value.chars().any(char::is_whitespace) {
        let whole_quoted = value.len() >= 2
            && value.starts_with('"')
            && value.ends_with('"')
            && !value[1..value.len() - 1].contains(special);
        if !whole_quoted {
            // Line continuations are in the source text, not in the joined value.
            if value.contains(special) {
                return None;
            }
            edits.push(Edit {
                span: Span::new(span.start, span.start),
                replacement: "\"".to_string(),
            });
            edits.push(Edit {
                span: Span::new(end, end),
                replacement: "\"".to_string(),
            });
        }
    }
    Some(Fix {
        title: format!("Write `{}=`", pair.key),
        edits,
    })
}

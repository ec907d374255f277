//! Findings of the policy rules: what is wrong, where, how bad, and the edit that fixes it.

use serde::Serialize;

use crate::engine::syntax::Span;

/// How much a finding matters; ordered from most to least severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Style,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Error,
        Severity::Warning,
        Severity::Info,
        Severity::Style,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Style => "style",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        Severity::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(text))
    }
}

/// Replace the text at `span` with `replacement` (an insertion when the span is empty).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// A machine-applicable fix: a title saying what it does, and its edits (never overlapping).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
}

/// One finding of one rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: &'static str,
    /// What is wrong (not how to fix it: that is the fix's title).
    pub message: String,
    pub span: Span,
    pub severity: Severity,
    pub fix: Option<Fix>,
}

/// Applies `edits` to `text`. Edits that overlap an earlier one are skipped, so the result is
/// always well defined; returns the new text and how many edits were applied.
pub fn apply_edits(text: &str, edits: &[Edit]) -> (String, usize) {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    crate::engine::sort::sort_by_key(&mut sorted, |e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    let mut applied = 0;
    for e in sorted {
        if e.span.start < cursor
            || e.span.end > text.len()
            || !text.is_char_boundary(e.span.start)
            || !text.is_char_boundary(e.span.end)
        {
            continue;
        }
        out.push_str(&text[cursor..e.span.start]);
        out.push_str(&e.replacement);
        cursor = e.span.end;
        applied += 1;
    }
    out.push_str(&text[cursor..]);
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(start: usize, end: usize, with: &str) -> Edit {
        Edit {
            span: Span::new(start, end),
            replacement: with.to_string(),
        }
    }

    #[test]
    fn applies_in_order_and_skips_overlaps() {
        let (out, n) = apply_edits(
            "hello world",
            &[edit(6, 11, "there"), edit(0, 5, "HELLO"), edit(3, 7, "x")],
        );
        assert_eq!(out, "HELLO there");
        assert_eq!(n, 2);
    }

    #[test]
    fn insertions() {
        let (out, _) = apply_edits("ab", &[edit(1, 1, "-"), edit(2, 2, "!")]);
        assert_eq!(out, "a-b!");
    }
}

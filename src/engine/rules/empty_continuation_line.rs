//! AL203: a blank line inside an instruction continued with `\` (BuildKit's
//! NoEmptyContinuation).

use crate::engine::diagnostic::{Edit, Fix};
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::{line_start_of, Instruction, Span};

declare_rule! {
    /// ## What it does
    /// Reports instructions continued over a blank line: a line ending in the escape character
    /// followed by an empty line, after which the instruction goes on.
    ///
    /// The finding is on the instruction's last line (before any heredoc body), where
    /// BuildKit puts it.
    ///
    /// ## Why is this bad?
    /// A reader takes the blank line for the end of the instruction, but the builder skips it
    /// and joins the next line on. BuildKit has deprecated this and says it will become an
    /// error. Comment lines are fine: they are not empty.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache \
    ///
    ///     curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache \
    ///     curl
    /// ```
    ///
    /// ## References
    /// - BuildKit: NoEmptyContinuation, <https://docs.docker.com/reference/build-checks/no-empty-continuation/>
    code: "AL203",
    name: "empty_continuation_line",
    severity: Warning,
    category: Correctness,
    fixable: true,
    aliases: ["NoEmptyContinuation"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let source = &cx.tree.source;
    cx.tree
        .instructions
        .iter()
        .filter(|i| !i.empty_continuation_lines.is_empty())
        .map(|inst| {
            let lines = &inst.empty_continuation_lines;
            // Each blank line goes with its line break.
            let edits = lines
                .iter()
                .map(|l| {
                    let rest = &source[l.end..];
                    let brk = if rest.starts_with("\r\n") {
                        2
                    } else {
                        usize::from(rest.starts_with('\n'))
                    };
                    Edit {
                        span: Span::new(l.start, l.end + brk),
                        replacement: String::new(),
                    }
                })
                .collect();
            let n = lines.len();
            Hit::new(
                last_line(source, inst),
                format!(
                    "`{}` goes on after {n} empty continuation line{}",
                    inst.keyword.text,
                    if n == 1 { "" } else { "s" }
                ),
            )
            .with_fix(Fix {
                title: format!("Remove the empty line{}", if n == 1 { "" } else { "s" }),
                edits,
            })
        })
        .collect()
}

/// The last line of an instruction's own text (heredoc bodies left out), from its first
/// non-blank character.
fn last_line(source: &str, inst: &Instruction) -> Span {
    let end = inst
        .heredocs
        .first()
        .map_or(inst.span.end, |h| {
            h.marker_span.end.max(h.body_span.start.saturating_sub(1))
        })
        .min(inst.span.end);
    let line_start = line_start_of(source, end);
    let text = &source[line_start..end];
    let start = line_start + (text.len() - text.trim_start().len());
    Span::new(start.min(end), end)
}

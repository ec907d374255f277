//! AL242: COPY or ADD of several sources to a destination without a trailing `/` (hadolint
//! DL3021).

use crate::engine::analysis::edit::fix;
use crate::engine::diagnostic::Edit;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::{Args, Kw, Span};

declare_rule! {
    /// ## What it does
    /// Reports COPY and ADD with more than one source whose destination does not end with
    /// `/`. Destinations held in variables are not judged.
    ///
    /// `.` is fine: BuildKit takes it as the working directory, a directory (hadolint reports it;
    /// the build works).
    ///
    /// ## Why is this bad?
    /// Several sources can only go into a directory, and BuildKit refuses the instruction
    /// unless the destination says so with a trailing slash: the build fails at this step.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-alpine
    /// COPY package.json package-lock.json /app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:20-alpine
    /// COPY package.json package-lock.json /app/
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3021, <https://github.com/hadolint/hadolint/wiki/DL3021>
    code: "AL242",
    name: "copy_multiple_sources_to_non_directory",
    severity: Error,
    category: Correctness,
    fixable: true,
    aliases: ["DL3021"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for inst in cx
        .tree
        .instructions
        .iter()
        .filter(|i| matches!(i.keyword.kind, Kw::Copy | Kw::Add))
    {
        let values = inst.args.values();
        let Some((dest, sources)) = values.split_last() else {
            continue;
        };
        // A heredoc's opener last (`COPY a b <<EOF`) is a source with no destination after
        // it, not a destination to add a slash to: that would rename the heredoc, and its
        // closing line would close nothing.
        if let Args::Shell { words, .. } = &inst.args {
            if (words.last()).is_some_and(|w| inst.heredocs.iter().any(|h| h.marker_span == w.span))
            {
                continue;
            }
        }
        let unquoted = dest.trim_matches(['"', '\'']);
        // BuildKit reads `.` (the working directory) as a directory, slash or not.
        if sources.len() < 2 || unquoted.ends_with('/') || unquoted == "." || unquoted.contains('$')
        {
            continue;
        }
        let mut hit = Hit::new(
            inst.span,
            format!(
                "{} sources go into `{unquoted}`, which does not end with `/`",
                sources.len()
            ),
        );
        if let Args::Shell { words, .. } = &inst.args {
            if let Some(last) = words.last().filter(|w| cx.text(w.span) == w.text.as_str()) {
                let at = if last.text.ends_with(['"', '\'']) && last.text.len() >= 2 {
                    last.span.end - 1
                } else {
                    last.span.end
                };
                hit = hit.with_fix(fix(
                    "Add a trailing `/` to the destination",
                    Edit {
                        span: Span::new(at, at),
                        replacement: "/".to_string(),
                    },
                ));
            }
        }
        hits.push(hit);
    }
    hits
}

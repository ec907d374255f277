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
    /// The fix adds the slash (inside the quotes of a quoted destination). It is not offered
    /// where an escape character would come before the slash, or where the destination ends
    /// with a quote that does not start it: what the slash would then change is not clear.
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
            if let Some(at) = words
                .last()
                .filter(|w| cx.text(w.span) == w.text.as_str())
                .and_then(|w| slash_at(&w.text, w.span.end, cx.tree.escape))
            {
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

/// Where a slash goes at the end of the destination `word` (which ends at `end`): before its
/// closing quote when it is quoted whole, else at its end. `None` when that is not clear: a
/// quote at its end that no quote at its start matches (it may close a quote opened in an
/// earlier word, or be escaped), or the escape character just before the place, which would
/// then escape the slash instead of what it escaped before.
fn slash_at(word: &str, end: usize, escape: char) -> Option<usize> {
    let quoted = word.len() >= 2
        && ['"', '\'']
            .into_iter()
            .any(|q| word.starts_with(q) && word.ends_with(q));
    let before = if quoted {
        &word[..word.len() - 1]
    } else if word.ends_with(['"', '\'']) {
        return None;
    } else {
        word
    };
    (!before.ends_with(escape)).then_some(end - (word.len() - before.len()))
}

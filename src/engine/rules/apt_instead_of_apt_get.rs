//! AL246: the `apt` command in a script (hadolint DL3027).

use crate::engine::analysis::edit::word_spans;
use crate::engine::analysis::stages::all_runs;
use crate::engine::diagnostic::{Edit, Fix};
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::Span;

declare_rule! {
    /// ## What it does
    /// Reports RUN commands that call `apt` rather than `apt-get` or `apt-cache`.
    ///
    /// ## Why is this bad?
    /// `apt` is the interactive front end: its output and behaviour may change between
    /// releases, and it warns that it "does not have a stable CLI interface" when used in
    /// scripts. `apt-get` (install, update, remove ...) and `apt-cache` (search, show,
    /// policy ...) are the stable interfaces for scripts.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// RUN apt update
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// RUN apt-get update
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3027, <https://github.com/hadolint/hadolint/wiki/DL3027>
    code: "AL246",
    name: "apt_instead_of_apt_get",
    severity: Warning,
    category: Correctness,
    fixable: true,
    aliases: ["DL3027"],
    default_enabled: true,
    check: check,
}

/// The stable command that does what `apt <subcommand>` does, with the same arguments.
fn replacement(subcommand: &str) -> Option<&'static str> {
    match subcommand {
        "install" | "update" | "upgrade" | "remove" | "purge" | "autoremove" | "autoclean"
        | "clean" | "dist-upgrade" | "build-dep" | "source" | "download" | "satisfy"
        | "changelog" => Some("apt-get"),
        "search" | "show" | "policy" | "depends" | "rdepends" | "showsrc" | "showpkg" => {
            Some("apt-cache")
        }
        _ => None,
    }
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (_, inst, commands) in all_runs(cx) {
        // The subcommand of each `apt` call (`""` when options come first).
        let subcommands: Vec<String> = commands
            .iter()
            .map(|c| c.unwrapped())
            .filter(|c| c.name().rsplit('/').next() == Some("apt"))
            .map(|c| c.args().first().cloned().unwrap_or_default())
            .collect();
        let Some(first) = subcommands.first() else {
            continue;
        };
        let mut hit = Hit::new(
            inst.span,
            format!(
                "`apt {first}` in a script: use {}",
                replacement(first).map_or("`apt-get` or `apt-cache`".to_string(), |r| format!(
                    "`{r} {first}`"
                ))
            ),
        );
        // Each `apt <sub>` spelt out in the text, as often as it runs; else leave it to hand.
        let mut edits = Vec::new();
        let mut distinct = subcommands.clone();
        crate::engine::sort::sort_by(&mut distinct, |a, b| a.cmp(b));
        distinct.dedup();
        for sub in &distinct {
            let Some(with) = replacement(sub) else {
                edits.clear();
                break;
            };
            let spans = word_spans(cx, inst, &format!("apt {sub}"));
            if spans.len() != subcommands.iter().filter(|s| *s == sub).count() {
                edits.clear();
                break;
            }
            edits.extend(spans.iter().map(|s| Edit {
                span: Span::new(s.start, s.start + "apt".len()),
                replacement: with.to_string(),
            }));
        }
        if !edits.is_empty() {
            let mut tools: Vec<&str> = edits.iter().map(|e| e.replacement.as_str()).collect();
            crate::engine::sort::sort_by(&mut tools, |a, b| a.cmp(b));
            tools.dedup();
            hit = hit.with_fix(Fix {
                title: format!("Replace `apt` with `{}`", tools.join("`/`")),
                edits,
            });
        }
        hits.push(hit);
    }
    hits
}

//! AL210: the first WORKDIR of a stage is relative (BuildKit's WorkdirRelativePath).

use crate::engine::analysis::scope::{expand_known, global_defaults, stage_vars};
use crate::engine::analysis::stages::{parent_stage, workdir_along_chains};
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::{Args, Kw};

declare_rule! {
    /// ## What it does
    /// Reports a relative `WORKDIR` (after expanding the variables the file defines) when no
    /// earlier WORKDIR in the stage, or in the stages it is built on, set an absolute one.
    /// Only the first is reported: later relative ones build on it. A path whose variables
    /// the file does not define is left alone.
    ///
    /// ## Why is this bad?
    /// A relative WORKDIR is joined to the base image's working directory, which the
    /// Dockerfile does not show and the image's maintainers may change: `WORKDIR app` is
    /// `/app` on one tag and `/usr/src/app` on the next.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27 AS web
    /// WORKDIR usr/share/nginx/html
    /// COPY public .
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.27 AS web
    /// WORKDIR /usr/share/nginx/html
    /// COPY public .
    /// ```
    ///
    /// ## References
    /// - BuildKit: WorkdirRelativePath, <https://docs.docker.com/reference/build-checks/workdir-relative-path/>
    /// - hadolint: DL3000
    code: "AL210",
    name: "workdir_relative_path",
    severity: Warning,
    category: Correctness,
    fixable: false,
    aliases: ["WorkdirRelativePath", "DL3000"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    let any_workdir = workdir_along_chains(cx);
    // The global ARGs' defaults, made once when a WORKDIR needs them.
    let mut globals = None;
    for stage in &cx.graph.stages {
        if parent_stage(stage).is_some_and(|p| any_workdir[p]) {
            continue;
        }
        let Some((index, inst)) = cx
            .stage_instructions(stage)
            .find(|(_, i)| i.keyword.kind == Kw::Workdir)
        else {
            continue;
        };
        let Args::Shell { words, .. } = &inst.args else {
            continue;
        };
        let [word] = words.as_slice() else {
            continue;
        };
        let globals = globals.get_or_insert_with(|| global_defaults(cx));
        let vars = stage_vars(cx, stage, index, globals);
        let Some(path) = expand_known(&word.text, cx.tree.escape, &vars, &cx.budget) else {
            continue;
        };
        if is_absolute(&path) {
            continue;
        }
        hits.push(Hit::new(
            word.span,
            format!(
                "`WORKDIR {}` is relative to the base image's working directory",
                word.text
            ),
        ));
    }
    hits
}

/// Absolute on Linux (`/x`) or Windows (`C:\x`, `\x`).
fn is_absolute(path: &str) -> bool {
    let b = path.as_bytes();
    path.starts_with('/')
        || path.starts_with('\\')
        || (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':')
}

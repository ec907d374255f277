//! AL230: `cd` inside RUN to change the working directory (hadolint DL3003).

use crate::engine::analysis::stages::{all_runs, parent_stage, workdir_along_chains};
use crate::engine::paths::normalize_path;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::shell::removes_dir;
use crate::engine::syntax::Kw;

declare_rule! {
    /// ## What it does
    /// Reports a RUN that starts by changing directory with `cd` (after `set` options) and
    /// then works there, or that does nothing but `cd` (which changes nothing for the next
    /// instruction). A `cd` later in the script, into something the RUN itself created,
    /// cloned or unpacked, is not reported; nor is a `cd` into a scratch directory that the
    /// RUN deletes again (`cd /tmp/build && make && rm -rf /tmp/build`), or one in a subshell
    /// (`(cd src && make)`): WORKDIR cannot express these. Once a WORKDIR has been chosen in
    /// the stage (or a stage it is built on), a `cd` elsewhere is a deliberate excursion and
    /// is not reported either: replacing it would take a second WORKDIR to come back.
    ///
    /// ## Why is this bad?
    /// `cd` lasts for one RUN only, so the next instruction silently starts again in the
    /// previous WORKDIR. WORKDIR states the directory once, for every later RUN, COPY, CMD and
    /// ENTRYPOINT, and creates it if needed.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22
    /// COPY . /src
    /// RUN cd /src && go build -o /out/app .
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.22
    /// WORKDIR /src
    /// COPY . .
    /// RUN go build -o /out/app .
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3003, <https://github.com/hadolint/hadolint/wiki/DL3003>
    code: "AL230",
    name: "cd_in_run",
    severity: Warning,
    category: Style,
    fixable: false,
    aliases: ["DL3003"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    // Each stage's first WORKDIR, found once (a file of thousands of RUNs stays linear).
    let first_workdir: Vec<Option<usize>> = (cx.graph.stages.iter())
        .map(|s| {
            cx.stage_instructions(s)
                .find(|(_, i)| i.keyword.kind == Kw::Workdir)
                .map(|(n, _)| n)
        })
        .collect();
    let any_workdir = workdir_along_chains(cx);
    for (n, inst, commands) in all_runs(cx) {
        if workdir_chosen(cx, &first_workdir, &any_workdir, n) {
            continue;
        }
        // Only a RUN that starts by moving (after `set -eux`): a `cd` into something the RUN
        // itself unpacked, cloned or created cannot be a WORKDIR.
        let Some(k) = commands.iter().position(|c| c.unwrapped().name() != "set") else {
            continue;
        };
        // `(cd src && make)` and `$(cd "$dir" && pwd)`: the subshell's directory ends with it.
        let c = commands[k].unwrapped();
        if c.name() != "cd" || commands[k].joined_by == "(" {
            continue;
        }
        let Some(dir) = c.args().iter().find(|a| !a.starts_with('-')) else {
            continue;
        };
        // It works in a scratch directory that the RUN deletes again. (A `cd` with nothing
        // after it is reported: it does nothing, and the next instruction does not start
        // there.)
        let later = &commands[k + 1..];
        if !later.is_empty() && removes_dir(later, normalize_path(dir)) {
            continue;
        }
        hits.push(Hit::new(
            inst.span,
            format!("RUN starts with `cd {dir}`: use WORKDIR to change directory"),
        ));
    }
    hits
}

/// Whether a WORKDIR comes before instruction `n` in its stage or the stages it is built on:
/// a `cd` elsewhere is then a deliberate excursion that WORKDIR would have to undo.
fn workdir_chosen(
    cx: &Checker,
    first_workdir: &[Option<usize>],
    any_workdir: &[bool],
    n: usize,
) -> bool {
    let Some(stage) = cx.stage_of(n) else {
        return false;
    };
    first_workdir[stage.index].is_some_and(|w| w < n)
        || parent_stage(stage).is_some_and(|p| any_workdir[p])
}

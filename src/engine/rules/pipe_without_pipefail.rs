//! AL276: a RUN pipeline under `/bin/sh` without `pipefail` (hadolint DL4006).

use crate::engine::rules::helpers::{ancestor_stages, is_windows};
use crate::engine::rules::shell::run_commands;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::{Args, Instruction, Kw};

declare_rule! {
    /// ## What it does
    /// Reports a shell-form RUN with a pipeline (`curl ... | tar -x`) when the shell is the
    /// default `/bin/sh` or another shell started without `-o pipefail`, and the script does
    /// not run `set -o pipefail` before the pipe. A `SHELL` with `-o pipefail`, in the stage
    /// or in a stage it is built on, settles it. Pipelines whose earlier commands cannot fail
    /// in a way that matters (`echo`, `printf`, `yes`) or that end in a command that fails on
    /// empty input by itself (`sha256sum -c -`, `grep pattern`) are fine, and so are
    /// Windows stages and stages whose SHELL is PowerShell or cmd.
    ///
    /// ## Why is this bad?
    /// A pipeline's exit status is that of its last command. If the download in
    /// `curl -fsSL $URL | tar -xz` fails, the RUN can still succeed and the build carries on
    /// with a missing or half-written result. With `pipefail`, any failing command fails the
    /// RUN.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN curl -fsSL https://example.com/tool-1.2.3.tar.gz | tar -xz -C /opt
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12-slim
    /// SHELL ["/bin/bash", "-o", "pipefail", "-c"]
    /// RUN curl -fsSL https://example.com/tool-1.2.3.tar.gz | tar -xz -C /opt
    /// ```
    ///
    /// ## References
    /// - hadolint: DL4006
    /// - Unlike hadolint, `SHELL ["/bin/sh", "-o", "pipefail", "-c"]` settles it: a shell
    ///   without the option fails that SHELL's first RUN, which is louder than this rule.
    code: "AL276",
    name: "pipe_without_pipefail",
    severity: Warning,
    category: Correctness,
    fixable: false,
    aliases: ["DL4006"],
    default_enabled: true,
    check: check,
}

/// What the SHELL in force means for pipelines.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ShellKind {
    /// A POSIX shell without `pipefail` (the default `/bin/sh -c`).
    NoPipefail,
    /// Started with `-o pipefail`.
    Pipefail,
    /// PowerShell or cmd: pipes mean something else.
    NotPosix,
}

/// Commands whose failure in front of a pipe does not matter.
const CANNOT_FAIL: &[&str] = &["echo", "printf", "yes", "true", ":"];

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for stage in &cx.graph.stages {
        if is_windows(cx, stage.index) {
            continue;
        }
        // The SHELL in force at the start: the last one of the nearest stage built on.
        let mut shell = ancestor_stages(cx, stage)
            .iter()
            .find_map(|s| {
                cx.stage_instructions(s)
                    .filter(|(_, i)| i.keyword.kind == Kw::Shell)
                    .last()
                    .map(|(_, i)| shell_kind(i))
            })
            .unwrap_or(ShellKind::NoPipefail);
        for (_, inst) in cx.stage_instructions(stage) {
            match inst.keyword.kind {
                Kw::Shell => shell = shell_kind(inst),
                Kw::Run if shell == ShellKind::NoPipefail => {
                    if let Some((from, to)) = unguarded_pipe(inst) {
                        hits.push(Hit::new(
                            inst.span,
                            format!("RUN pipes `{from}` into `{to}` without `pipefail`: if `{from}` fails, the RUN still succeeds"),
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    hits
}

fn shell_kind(inst: &Instruction) -> ShellKind {
    let Args::Exec { elements, .. } = &inst.args else {
        return ShellKind::NoPipefail;
    };
    let words: Vec<&str> = elements.iter().map(|e| e.value.as_str()).collect();
    let program = words
        .first()
        .map(|w| {
            w.rsplit(['/', '\\'])
                .next()
                .unwrap_or(w)
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    let program = program.trim_end_matches(".exe");
    if matches!(program, "pwsh" | "powershell" | "cmd") {
        ShellKind::NotPosix
    } else if words.windows(2).any(|w| {
        // `-o pipefail`, also in a group: `-eo pipefail`, `-euxo pipefail`.
        w[0].starts_with('-')
            && !w[0].starts_with("--")
            && w[0].ends_with('o')
            && w[1] == "pipefail"
    }) {
        ShellKind::Pipefail
    } else {
        ShellKind::NoPipefail
    }
}

/// The first pipe of a shell-form RUN that `set -o pipefail` does not cover and whose left
/// side can fail, as (left command, right command).
fn unguarded_pipe(inst: &Instruction) -> Option<(String, String)> {
    if !matches!(inst.args, Args::Shell { .. }) {
        return None;
    }
    // A heredoc with a shebang runs under its own interpreter.
    if inst.heredocs.iter().any(|h| h.body.starts_with("#!")) {
        return None;
    }
    let commands = run_commands(inst);
    let mut pipeline_start = 0;
    // Inside `case ... esac`, `|` separates patterns (`arm64|aarch64)`), not commands.
    let mut in_case = 0usize;
    for (i, c) in commands.iter().enumerate() {
        match c.name() {
            "set" if c.args().iter().any(|a| a.contains("pipefail")) => return None,
            "case" => in_case += 1,
            "esac" => in_case = in_case.saturating_sub(1),
            _ => {}
        }
        if c.joined_by != "|" || in_case > 0 {
            pipeline_start = i;
            continue;
        }
        // A checksum check or a grep fails by itself on missing or empty input.
        let next_is_pipe = commands.get(i + 1).is_some_and(|n| n.joined_by == "|");
        if !next_is_pipe && fails_on_empty_input(c) {
            continue;
        }
        let upstream = &commands[pipeline_start..i];
        if let Some(failing) = upstream
            .iter()
            .map(|u| u.unwrapped())
            .find(|u| !CANNOT_FAIL.contains(&u.name()))
        {
            return Some((failing.name().to_string(), c.unwrapped().name().to_string()));
        }
    }
    None
}

/// A command that fails by itself on empty input: `sha256sum -c`, `md5sum --check`, and
/// `grep` looking for a match (not `-v` or `-c`).
fn fails_on_empty_input(cmd: &crate::engine::rules::shell::Command) -> bool {
    let c = cmd.unwrapped();
    let name = c.name().rsplit('/').next().unwrap_or("");
    (name.ends_with("sum") && c.has_option(&['c'], &["check"]))
        || (matches!(name, "grep" | "egrep" | "fgrep")
            && !c.has_option(&['v', 'c'], &["invert-match", "count"]))
}

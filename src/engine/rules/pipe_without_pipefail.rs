//! AL276: a RUN pipeline under `/bin/sh` without `pipefail` (hadolint DL4006).

use crate::engine::analysis::stages::{along_chains, is_windows, parent_stage};
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::shell::{commands, Command};
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
    /// A pipe inside a command substitution (`V=$(a | b)`) is not reported: the outer command
    /// ignores the substitution's status, so `pipefail` would not change it. A pipeline ending in
    /// `grep` is fine whatever its options (`-v`, `-c` also exit 1 when no line is selected). The
    /// message names the command the script runs (`curl .../x-$(uname -m).tgz | tar -xz` pipes
    /// `curl`).
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
    // The SHELL in force at the end of each stage: its own last one, else the one it inherited.
    let last_shell = along_chains(cx, |stage, inherited: Option<&Option<ShellKind>>| {
        cx.stage_instructions(stage)
            .filter(|(_, i)| i.keyword.kind == Kw::Shell)
            .last()
            .map(|(_, i)| shell_kind(i))
            .or(inherited.copied().flatten())
    });
    for stage in &cx.graph.stages {
        if is_windows(cx, stage.index) {
            continue;
        }
        // The SHELL in force at the start: the last one of the nearest stage built on.
        let mut shell = parent_stage(stage)
            .and_then(|p| last_shell[p])
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
    let Args::Shell { text, .. } = &inst.args else {
        return None;
    };
    // A heredoc with a shebang runs under its own interpreter.
    if inst.heredocs.iter().any(|h| h.body.starts_with("#!")) {
        return None;
    }
    let mut script = text.to_string();
    for h in &inst.heredocs {
        script.push('\n');
        script.push_str(&h.body);
    }
    let commands = commands(&without_substitutions(&script));
    let mut pipeline_start = 0;
    // Inside `case ... esac`, `|` also separates patterns (`arm64|aarch64)`): a run of `|`
    // that a `)` closes is a pattern; a pipe in a branch's commands is a pipe.
    let mut in_case = 0usize;
    for (i, c) in commands.iter().enumerate() {
        match c.name() {
            "set" if c.args().iter().any(|a| a.contains("pipefail")) => return None,
            "case" => in_case += 1,
            "esac" => in_case = in_case.saturating_sub(1),
            _ => {}
        }
        let pattern = in_case > 0
            && commands[i..]
                .iter()
                .find(|n| n.joined_by != "|")
                .is_some_and(|n| n.joined_by == ")");
        if c.joined_by != "|" || pattern {
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

/// The script with each command substitution (`$(...)`, `` `...` ``) replaced by `_`: the
/// outer command ignores a substitution's status, so `pipefail` does not change what a pipe
/// inside one does, and the words around it stay one word of the command that runs
/// (`curl .../x-$(uname -m).tgz | tar -xz` pipes `curl`, not `.tgz`). Single quotes keep `$(`
/// literal; an unclosed substitution runs to the end. (A `)` quoted inside a substitution
/// ends it early: rare enough in a RUN, and it only ever hides a pipe.)
fn without_substitutions(script: &str) -> String {
    let mut out = String::with_capacity(script.len());
    let mut chars = script.chars().peekable();
    // In single quotes nothing is special; in double quotes `'` is a plain character.
    let (mut quoted, mut double) = (false, false);
    while let Some(c) = chars.next() {
        match c {
            '\'' if !double => {
                quoted = !quoted;
                out.push(c);
            }
            '"' if !quoted => {
                double = !double;
                out.push(c);
            }
            '\\' if !quoted => {
                out.push(c);
                out.extend(chars.next());
            }
            '$' if !quoted && chars.peek() == Some(&'(') => {
                // Brackets nest; inside `case ... esac` a `)` ends a pattern, not the
                // substitution (`$(case $(uname -m) in x86_64) echo amd64 ;; esac)`).
                // `cases`: the bracket depth at each open `case`, whose own `)`s end patterns.
                let (mut depth, mut cases, mut word) = (0usize, Vec::new(), String::new());
                for n in chars.by_ref() {
                    if n.is_ascii_alphanumeric() || n == '_' {
                        word.push(n);
                        continue;
                    }
                    match std::mem::take(&mut word).as_str() {
                        "case" => cases.push(depth),
                        "esac" => {
                            cases.pop();
                        }
                        _ => {}
                    }
                    match n {
                        '(' => depth += 1,
                        ')' if cases.last() != Some(&depth) => depth = depth.saturating_sub(1),
                        _ => {}
                    }
                    if depth == 0 {
                        break;
                    }
                }
                out.push('_');
            }
            '`' if !quoted => {
                chars.by_ref().find(|&n| n == '`');
                out.push('_');
            }
            _ => out.push(c),
        }
    }
    out
}

/// A command that fails by itself on empty input: `sha256sum -c`, `md5sum --check`, and
/// `grep`, whose status is 1 when it selects no line (with `-v` or `-c` too).
fn fails_on_empty_input(cmd: &Command) -> bool {
    let c = cmd.unwrapped();
    let name = c.name().rsplit('/').next().unwrap_or("");
    (name.ends_with("sum") && c.has_option(&['c'], &["check"]))
        || matches!(name, "grep" | "egrep" | "fgrep")
}

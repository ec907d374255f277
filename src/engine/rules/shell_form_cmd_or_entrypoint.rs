//! AL207: CMD or ENTRYPOINT in shell form (BuildKit's JSONArgsRecommended).

use crate::engine::analysis::edit::fix;
use crate::engine::diagnostic::Edit;
use crate::engine::graph::{Base, Stage};
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::{Args, Instruction, Kw};

declare_rule! {
    /// ## What it does
    /// Reports `CMD` and `ENTRYPOINT` written in shell form (`CMD node server.js`) in a stage
    /// that has not chosen its shell with `SHELL`, as BuildKit does.
    ///
    /// `HEALTHCHECK CMD` in shell form is not reported (hadolint's DL3025 reports it): Docker
    /// runs the check as a new process beside the container's, never as PID 1, so no signal
    /// goes astray, and `|| exit 1` is the idiom its documentation shows.
    ///
    /// ## Why is this bad?
    /// The shell form runs `/bin/sh -c "node server.js"`: the shell is PID 1 and does not pass
    /// `SIGTERM` on, so `docker stop` waits ten seconds and then kills the program without a
    /// chance to shut down cleanly. A shell-form `ENTRYPOINT` also ignores `CMD` and the
    /// arguments of `docker run`. The exec form (a JSON array) runs the program itself.
    ///
    /// The fix rewrites a command to exec form only when it is plain words (no quotes,
    /// variables, globs, redirections or operators), so the shell had nothing to do; a leading
    /// `exec` is dropped. A shell-form `ENTRYPOINT` is not rewritten when a `CMD` would then
    /// start reaching it, nor a `CMD` when an exec-form `ENTRYPOINT` would receive other
    /// arguments. To keep a shell on purpose, set it with `SHELL`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// CMD node server.js
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-slim
    /// CMD ["node", "server.js"]
    /// ```
    ///
    /// ## References
    /// - BuildKit: JSONArgsRecommended, <https://docs.docker.com/reference/build-checks/json-args-recommended/>
    /// - hadolint: DL3025
    code: "AL207",
    name: "shell_form_cmd_or_entrypoint",
    severity: Warning,
    category: Correctness,
    fixable: true,
    aliases: ["JSONArgsRecommended", "DL3025"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    let chains = Chains::new(cx);
    for stage in &cx.graph.stages {
        let mut shell_set = chains.shell_above[stage.index];
        for (_, inst) in cx.stage_instructions(stage) {
            match inst.keyword.kind {
                Kw::Shell => shell_set = true,
                Kw::Cmd | Kw::Entrypoint if !shell_set => {
                    let Args::Shell { text, span, .. } = &inst.args else {
                        continue;
                    };
                    if text.trim().is_empty() {
                        continue;
                    }
                    let kw = inst.keyword.kind.as_str();
                    let mut hit = Hit::new(
                        inst.span,
                        format!("`{kw}` in shell form runs under `/bin/sh -c`, which does not pass signals on"),
                    );
                    if let Some(json) =
                        exec_form(text).filter(|_| safe_to_rewrite(&chains, stage, inst))
                    {
                        hit = hit.with_fix(fix(
                            format!("Write `{kw} {json}`"),
                            Edit {
                                span: *span,
                                replacement: json,
                            },
                        ));
                    }
                    hits.push(hit);
                }
                _ => {}
            }
        }
    }
    hits
}

/// What each stage's `FROM <stage>` chain holds, worked out once for all the stages: walking a
/// chain (or, for an ENTRYPOINT, every stage's chain) per instruction made a long file quadratic.
struct Chains {
    /// A stage it is built on (not itself) sets SHELL.
    shell_above: Vec<bool>,
    /// It or a stage it is built on has an exec-form ENTRYPOINT.
    exec_entrypoint: Vec<bool>,
    /// It or a stage built on it, at any depth, has a CMD.
    cmd_below: Vec<bool>,
}

impl Chains {
    fn new(cx: &Checker) -> Self {
        let stages = &cx.graph.stages;
        let has = |stage: &Stage, wanted: &dyn Fn(&Instruction) -> bool| {
            cx.stage_instructions(stage).any(|(_, i)| wanted(i))
        };
        // The stage each is built on, as `stage_chain` follows it (only ever an earlier one).
        let parent = |s: &Stage| match s.base {
            Base::Stage { index } if index < s.index => Some(index),
            _ => None,
        };
        let mut chains = Chains {
            shell_above: vec![false; stages.len()],
            exec_entrypoint: vec![false; stages.len()],
            cmd_below: vec![false; stages.len()],
        };
        let mut shell = vec![false; stages.len()];
        for s in stages {
            let i = s.index;
            shell[i] = has(s, &|inst| inst.keyword.kind == Kw::Shell);
            chains.cmd_below[i] = has(s, &|inst| inst.keyword.kind == Kw::Cmd);
            let exec = has(s, &|inst| {
                inst.keyword.kind == Kw::Entrypoint && inst.args.is_exec()
            });
            // Parents come first, so theirs are known.
            let above = parent(s);
            chains.shell_above[i] = above.is_some_and(|p| shell[p] || chains.shell_above[p]);
            chains.exec_entrypoint[i] = exec || above.is_some_and(|p| chains.exec_entrypoint[p]);
        }
        // Children come after their parents: from the last stage back, each hands its CMD up.
        for s in stages.iter().rev() {
            if let Some(p) = parent(s).filter(|_| chains.cmd_below[s.index]) {
                chains.cmd_below[p] = true;
            }
        }
        chains
    }
}

/// The exec form of a command made of plain words, if it is one.
fn exec_form(text: &str) -> Option<String> {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    if words.first() == Some(&"exec") {
        words.remove(0);
    }
    let plain = |w: &str| {
        !w.is_empty()
            && w.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c))
    };
    let first = *words.first()?;
    if !words.iter().all(|w| plain(w)) || first.contains('=') || SHELL_ONLY.contains(&first) {
        return None;
    }
    let quoted: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
    Some(format!("[{}]", quoted.join(", ")))
}

/// Shell builtins and keywords with no program of the same name.
const SHELL_ONLY: &[&str] = &[
    ".", ":", "alias", "cd", "command", "eval", "exec", "exit", "export", "hash", "read",
    "readonly", "return", "set", "shift", "source", "trap", "type", "ulimit", "umask", "unset",
    "wait", "if", "for", "while", "until", "case",
];

/// Whether the exec form means the same: no CMD starts reaching a rewritten ENTRYPOINT, and no
/// exec-form ENTRYPOINT receives a rewritten CMD's words instead of `sh -c "..."`.
fn safe_to_rewrite(chains: &Chains, stage: &Stage, inst: &Instruction) -> bool {
    if !inst.heredocs.is_empty() {
        return false;
    }
    match inst.keyword.kind {
        Kw::Entrypoint => !chains.cmd_below[stage.index],
        _ => !chains.exec_entrypoint[stage.index],
    }
}

//! Whether a single-stage file builds in the image it ships (a toolchain base, build tools kept,
//! a compile): the question AL102 reports and AL103 defers to.

use crate::engine::analysis::stages::{from_image, stage_runs};
use crate::engine::analysis::Facts;
use crate::engine::graph::ImageClass;
use crate::engine::shell::{build_tools_kept, compile_command};
use crate::engine::syntax::{Kw, Span};

/// A single-stage file that builds in the image it ships: where (the FROM or the RUN) and what
/// gives it away, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SingleStageBuild {
    pub span: Span,
    /// `single-stage build on `gcc:14` (toolchain image)` or `the only stage runs `make`, so
    /// the build tools ship`.
    pub what: String,
}

/// The single-stage build, if the file's only stage builds (unless the file builds a base
/// image for others). AL102 reports it; AL103 leaves such files to AL102.
pub fn single_stage_build(cx: &Facts) -> Option<SingleStageBuild> {
    let [stage] = cx.graph.stages.as_slice() else {
        return None;
    };
    if builds_a_base_image(cx) {
        return None;
    }
    let from = &cx.tree.instructions[stage.instructions.start];
    if let Some((image, class)) = from_image(cx, stage.index) {
        if class.class == ImageClass::Toolchain {
            return Some(SingleStageBuild {
                span: from.span,
                what: format!("single-stage build on `{}` ({})", image.raw, class.reason),
            });
        }
    }
    for (_, inst, commands) in stage_runs(cx, stage) {
        let kept = build_tools_kept(commands);
        let compiles = commands.iter().find_map(compile_command);
        // Compiling and purging the build dependencies in one RUN is the one-layer form of
        // the pattern; only tools that stay, or a compile with nothing removed, count.
        let cleans_up = commands.iter().any(|c| {
            let c = c.unwrapped();
            let verb = c.args().iter().find(|a| !a.starts_with('-'));
            matches!(
                (c.name(), verb.map(String::as_str)),
                ("apk", Some("del"))
                    | ("apt-get" | "apt", Some("purge" | "remove" | "autoremove"))
                    | ("yum" | "dnf" | "microdnf", Some("remove" | "history"))
            )
        });
        let why = if !kept.is_empty() {
            format!("installs build tools ({})", kept.join(", "))
        } else if let Some(c) = compiles.filter(|_| !cleans_up) {
            format!("runs `{c}`")
        } else {
            continue;
        };
        return Some(SingleStageBuild {
            span: inst.span,
            what: format!("the only stage {why}, so the build tools ship"),
        });
    }
    None
}

/// Whether the file builds an image for others to build on (the official `golang`, `python`,
/// `node` images): it runs no program of its own, only an interpreter or a shell, or nothing.
fn builds_a_base_image(cx: &Facts) -> bool {
    let last = cx
        .shipped_instructions()
        .into_iter()
        .rev()
        .find(|(_, i)| matches!(i.keyword.kind, Kw::Cmd | Kw::Entrypoint));
    let Some((_, inst)) = last else {
        return true;
    };
    let values = inst.args.values();
    let words: Vec<&str> = values.iter().flat_map(|v| v.split_whitespace()).collect();
    match words.as_slice() {
        [program] => {
            let name = program.rsplit('/').next().unwrap_or(program);
            INTERPRETERS.contains(&name)
                || name
                    .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
                    .ends_with("python")
        }
        _ => false,
    }
}

/// Commands that start an interactive interpreter or shell when run without arguments.
const INTERPRETERS: &[&str] = &[
    "sh",
    "bash",
    "ash",
    "zsh",
    "node",
    "python",
    "python3",
    "irb",
    "php",
    "php-fpm",
    "jshell",
    "ghci",
    "iex",
    "erl",
    "pwsh",
    "powershell",
    "powershell.exe",
    "cmd",
    "cmd.exe",
];

//! Which CleanStart image each stage could start from (`size/cleanstart.csv`), chosen by the
//! stage's role, and whether the swap is safe as written. AL301 reports it; the size estimate's
//! "with CleanStart" figure applies the safe swaps (AL301's fixes) and estimates again.

use super::stages::stage_runs;
use super::Facts;
use crate::engine::graph::{Base, ImageRef, Role};
use crate::engine::shell::install;
use crate::engine::size::{Mapping, Mappings};
use crate::engine::syntax::{Args, Kw, Span};

/// Which variant a swap uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// -dev / -builder: a shell and the toolchain.
    Builder,
    /// -prod: the runtime only, no shell, no package manager.
    Prod,
}

/// One suggested swap.
#[derive(Clone, Debug)]
pub struct Swap<'a> {
    pub stage: usize,
    /// The image the FROM names (after expansion).
    pub image: &'a ImageRef,
    /// The CleanStart image for this stage's role.
    pub to: &'a str,
    pub variant: Variant,
    /// Why this variant, in words.
    pub why: String,
    pub mapping: &'a Mapping,
    /// What stops the swap as written (RUNs on a shell-less -prod image, a distro package
    /// manager the -dev image is not known to have), each with its line; empty: safe.
    pub blockers: Vec<String>,
    /// The image's word in the FROM, when the reference is written out literally (the edit
    /// replaces exactly it, keeping flags and `AS name`).
    pub word: Option<Span>,
}

impl Swap<'_> {
    pub fn is_safe(&self) -> bool {
        self.blockers.is_empty()
    }
}

/// Distribution package managers: the data does not say which one a CleanStart -dev image has.
const DISTRO_MANAGERS: [&str; 7] = ["apt-get", "apt", "apk", "yum", "dnf", "microdnf", "zypper"];

/// The swaps of every stage on a mapped external image, in stage order.
pub fn swaps<'a>(cx: &'a Facts) -> Vec<Swap<'a>> {
    let mappings = Mappings::builtin();
    let mut out = Vec::new();
    for stage in &cx.graph.stages {
        let Base::Image { image, .. } = &stage.base else {
            continue;
        };
        let Some(mapping) = mappings.find(image) else {
            continue;
        };
        let (variant, why) = match stage.role {
            Role::Builder => (Variant::Builder, "this stage builds for other stages"),
            Role::Dev => (Variant::Builder, "this stage is a development image"),
            Role::Test => (Variant::Builder, "this stage runs tests or checks"),
            Role::Prod => (
                Variant::Prod,
                "this stage ships, and -prod holds only the runtime",
            ),
            Role::Export | Role::Other => (
                Variant::Builder,
                "this stage's role is not known; -dev keeps the shell it may use (-prod if it ships)",
            ),
        };
        let to = match variant {
            Variant::Builder => mapping.builder.as_deref(),
            Variant::Prod => mapping.prod.as_deref(),
        };
        let Some(to) = to else {
            continue;
        };
        let from = &cx.tree.instructions[stage.instructions.start];
        let word = match &from.args {
            Args::Shell { words, .. } => words
                .first()
                .map(|w| w.span)
                .filter(|w| cx.text(*w) == image.raw),
            Args::Exec { .. } => None,
        };
        out.push(Swap {
            stage: stage.index,
            image,
            to,
            variant,
            why: why.to_string(),
            mapping,
            blockers: blockers(cx, stage.index, variant),
            word,
        });
    }
    out
}

/// What stops a swap to `variant` for a stage: on -prod, every RUN of the stage and of the
/// stages built on it, and a shell-form CMD/ENTRYPOINT; on -dev, a distro package manager.
fn blockers(cx: &Facts, stage: usize, variant: Variant) -> Vec<String> {
    let on_it: Vec<_> = cx
        .graph
        .stages
        .iter()
        .filter(|s| s.index == stage || cx.resolved_base(s.index).0 == stage)
        .collect();
    let mut out = Vec::new();
    for s in on_it {
        for (_, inst, commands) in stage_runs(cx, s) {
            let line = cx.tree.line_col(inst.span.start).line;
            let managed: Vec<String> = commands
                .iter()
                .filter_map(install)
                .filter(|i| {
                    variant == Variant::Prod || DISTRO_MANAGERS.contains(&i.manager.as_str())
                })
                .map(|i| format!("`{} install` (line {line})", i.manager))
                .collect();
            match variant {
                Variant::Prod if managed.is_empty() => out.push(format!("a RUN (line {line})")),
                _ => out.extend(managed),
            }
        }
        if variant == Variant::Prod {
            for (_, inst) in cx.stage_instructions(s) {
                let shell_form = matches!(inst.args, Args::Shell { .. });
                if matches!(inst.keyword.kind, Kw::Cmd | Kw::Entrypoint) && shell_form {
                    let line = cx.tree.line_col(inst.span.start).line;
                    out.push(format!(
                        "a shell-form {} (line {line})",
                        inst.keyword.kind.as_str()
                    ));
                }
            }
        }
    }
    out
}

//! Facts about stages: the image a stage's FROM names, what it finally rests on (Windows,
//! BusyBox), the stages it is built on, the RUNs of a stage, of the shipped image, of the file,
//! and the EXPOSEd ports.

use super::Facts;
use crate::engine::graph::{Base, Classification, ImageRef, Stage};
use crate::engine::shell::Command;
use crate::engine::syntax::{Args, Instruction, Kw, Word};

/// The image a FROM instruction names, with its class (after expansion), if it names one.
pub fn from_image<'g>(cx: &'g Facts, stage: usize) -> Option<(&'g ImageRef, &'g Classification)> {
    match &cx.graph.stages[stage].base {
        Base::Image { image, class } => Some((image, class)),
        _ => None,
    }
}

/// Whether a stage finally rests on a Windows image (where Linux user rules do not apply).
pub fn is_windows(cx: &Facts, stage: usize) -> bool {
    match cx.resolved_base(stage).1 {
        Base::Image { image, .. } => {
            let name = image.name().to_ascii_lowercase();
            name.contains("windows") || name.contains("nanoserver") || name.contains("servercore")
        }
        _ => false,
    }
}

/// The commands of every RUN in a stage (after its FROM), with the instruction's index.
/// (Copies of what the checker read once; `cx.commands(n)` borrows them instead.)
pub fn stage_runs<'a>(
    cx: &'a Facts,
    stage: &'a Stage,
) -> impl Iterator<Item = (usize, &'a Instruction, &'a [Command])> + 'a {
    cx.stage_instructions(stage)
        .filter(|(_, i)| i.keyword.kind == Kw::Run)
        .map(|(n, i)| (n, i, cx.commands(n)))
}

/// The RUNs of the shipped stages, with their commands: where caches and leftovers cost
/// image size.
pub fn shipped_runs<'a>(
    cx: &'a Facts,
) -> impl Iterator<Item = (usize, &'a Instruction, &'a [Command])> + 'a {
    cx.graph
        .stages
        .iter()
        .filter(|s| cx.is_shipped(s.index))
        .flat_map(move |s| stage_runs(cx, s))
}

/// The RUNs of every stage, with their commands.
pub fn all_runs<'a>(
    cx: &'a Facts,
) -> impl Iterator<Item = (usize, &'a Instruction, &'a [Command])> + 'a {
    cx.graph.stages.iter().flat_map(move |s| stage_runs(cx, s))
}

/// Whether a stage rests on an Alpine or BusyBox image, where `wget` and `/bin/sh` are
/// BusyBox applets rather than GNU wget and dash.
pub fn is_busybox_based(cx: &Facts, stage: usize) -> bool {
    match cx.resolved_base(stage).1 {
        Base::Image { image, .. } => {
            let name = format!(
                "{} {}",
                image.repository,
                image.tag.as_deref().unwrap_or("")
            )
            .to_ascii_lowercase();
            name.contains("alpine") || name.contains("busybox")
        }
        _ => false,
    }
}

/// The stage `stage` is built on (`FROM` an earlier stage), if any.
pub fn parent_stage(stage: &Stage) -> Option<usize> {
    match stage.base {
        // A stage builds only on an earlier one (see `ancestor_stages`).
        Base::Stage { index } if index < stage.index => Some(index),
        _ => None,
    }
}

/// A value for every stage, folded along the `FROM` chains: `f(stage, its parent's value)`,
/// each stage once, in order (a parent comes before the stages built on it). What a rule
/// needs from "the stages this one is built on" is read from its parent's value, instead of
/// walking the chain again for every stage, which made a long chain of stages quadratic.
pub fn along_chains<T>(cx: &Facts, mut f: impl FnMut(&Stage, Option<&T>) -> T) -> Vec<T> {
    fold_chains(cx, &mut f)
}

/// `along_chains`, made once per value type rather than once per caller (a smaller wasm).
fn fold_chains<T>(cx: &Facts, f: &mut dyn FnMut(&Stage, Option<&T>) -> T) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(cx.graph.stages.len());
    for stage in &cx.graph.stages {
        let value = f(stage, parent_stage(stage).and_then(|p| out.get(p)));
        out.push(value);
    }
    out
}

/// For every stage, whether it or a stage it is built on has a WORKDIR.
pub fn workdir_along_chains(cx: &Facts) -> Vec<bool> {
    along_chains(cx, |stage, inherited: Option<&bool>| {
        inherited == Some(&true)
            || cx
                .stage_instructions(stage)
                .any(|(_, i)| i.keyword.kind == Kw::Workdir)
    })
}

/// The stages a stage is built on (`FROM <stage>`), nearest first.
pub fn ancestor_stages<'a>(cx: &Facts<'a>, stage: &Stage) -> Vec<&'a Stage> {
    let graph = cx.graph;
    let mut out: Vec<&'a Stage> = Vec::new();
    let (mut at, mut base) = (stage.index, &stage.base);
    // A stage builds only on an earlier one (the graph reads a later stage's name as an
    // image), so the indexes fall and the walk ends; the check keeps it so for any graph.
    while let Base::Stage { index } = *base {
        if index >= at {
            break;
        }
        let parent = &graph.stages[index];
        out.push(parent);
        (at, base) = (index, &parent.base);
    }
    out
}

/// The literal port words of every EXPOSE (words with variables are not judged).
pub fn expose_ports<'a>(cx: &'a Facts) -> impl Iterator<Item = &'a Word> + 'a {
    cx.tree
        .instructions
        .iter()
        .filter(|i| i.keyword.kind == Kw::Expose)
        .flat_map(|i| match &i.args {
            Args::Shell { words, .. } => words.as_slice(),
            Args::Exec { .. } => &[],
        })
        .filter(|w| !w.text.contains('$'))
}

//! AL267: COPY or ADD to a relative destination before any WORKDIR (hadolint DL3045).

use crate::engine::analysis::stages::{parent_stage, workdir_along_chains};
use crate::engine::graph::{known_config, Base};
use crate::engine::paths::copy_paths;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::Kw;

declare_rule! {
    /// ## What it does
    /// Reports `COPY` and `ADD` with a relative destination (`app/`, `.`) in a stage where no
    /// WORKDIR has been set yet, neither in the stage nor in a stage it is built on.
    /// Absolute paths, Windows drive paths and destinations that start with a variable are
    /// fine.
    ///
    /// So is a stage whose working directory is known without a WORKDIR: one built on `scratch`
    /// (`/`), or on a common official image whose working directory airlock knows (`golang`:
    /// `/go`; `node`, `python`, `debian`, `alpine`...: `/`; the table in
    /// `graph/image_config.rs`).
    ///
    /// ## Why is this bad?
    /// A relative destination is resolved against the working directory, which then comes
    /// from the base image: `/` for most, `/go` for golang, whatever an in-house base sets,
    /// something else after the next base image update. Where the files land is not visible
    /// in the Dockerfile, and an unrelated base change can move them.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM registry.example.com/team/node-base:20
    /// COPY package.json app/
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM registry.example.com/team/node-base:20
    /// WORKDIR /usr/src
    /// COPY package.json app/
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3045
    code: "AL267",
    name: "copy_to_relative_path_without_workdir",
    severity: Warning,
    category: Correctness,
    fixable: false,
    aliases: ["DL3045"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    let any_workdir = workdir_along_chains(cx);
    for stage in &cx.graph.stages {
        let placed = match cx.resolved_base(stage.index).1 {
            Base::Scratch => true,
            Base::Image { image, .. } => known_config(image).is_some(),
            _ => false,
        };
        if placed {
            continue;
        }
        // A WORKDIR in a stage this one is built on counts.
        let mut workdir = parent_stage(stage).is_some_and(|p| any_workdir[p]);
        for (_, inst) in cx.stage_instructions(stage) {
            match inst.keyword.kind {
                Kw::Workdir => workdir = true,
                Kw::Copy | Kw::Add if !workdir => {
                    let Some((_, Some(dest))) = copy_paths(inst) else {
                        continue;
                    };
                    if !is_absolute(&dest) {
                        hits.push(Hit::new(
                            inst.span,
                            format!(
                                "`{}` to the relative path `{dest}` with no WORKDIR set: where it lands depends on the base image's working directory",
                                inst.keyword.kind.as_str()
                            ),
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    hits
}

/// `/x`, `$DIR/x`, `C:\x`, `c:/x`.
fn is_absolute(dest: &str) -> bool {
    let mut chars = dest.chars();
    dest.starts_with(['/', '$'])
        || (chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.next() == Some(':')
            && matches!(chars.next(), Some('/' | '\\')))
}

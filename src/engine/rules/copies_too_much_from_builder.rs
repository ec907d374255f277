//! AL106: a shipped stage copies a builder's whole filesystem, home or source tree.

use crate::engine::analysis::stages::{along_chains, stage_runs};
use crate::engine::graph::{Base, EdgeKind, NodeRef, Role};
use crate::engine::paths::{base_name, copy_paths, is_whole_context, normalize_path};
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::shell::compile_command;
use crate::engine::syntax::Kw;

declare_rule! {
    /// ## What it does
    /// Checks `COPY --from=<stage>` into a shipped stage for sources that take far more than
    /// the artifacts: the root (`/`, `.` and `*`, which `--from` reads from the stage's root),
    /// home and workspace directories (`/root`, `/home/<user>`, `/go`, `/src`, `/usr/src/...`,
    /// `/workspace`), and the builder's working directory when the whole build context was
    /// copied into it.
    ///
    /// Only a source stage whose role is builder counts (`airlock graph` shows it), and only one
    /// that can hold build leftovers:
    /// - a stage on `scratch` holds only what was copied into it: `COPY --from=binaries /` of an
    ///   export stage (`FROM scratch AS binaries` + `COPY --from=build /out/app /`) is fine;
    /// - a home, workspace or source directory (or the one the context was copied into) counts
    ///   only when the source stage (or one it is built on) compiles (`make`, `go build`,
    ///   `npm run build`, ...): a stage that only downloads or checks out files holds just those;
    /// - a virtual environment (`.venv`, `venv`) is what a Python build installs: copying it is
    ///   copying the artifact.
    ///
    /// `COPY --from=<image> / /` of an image (`tonistiigi/xx`, `crazymax/yasu`) is not reported,
    /// nor a copy into a stage that does not ship (a test or dev target): hadolint's DL3067
    /// reports every copy of `/`, but a tool image published to be copied whole holds no build
    /// leftovers, and a test stage's layers never reach the image.
    ///
    /// ## Why is this bad?
    /// Copying the builder's filesystem or source tree defeats the multi-stage build: the
    /// compiler caches, dev dependencies, source code and often credentials left in a home
    /// directory all ship. Copy the compiled binary, its runtime files and the SBOM by name.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM cleanstart-node:18-builder AS builder
    /// WORKDIR /app
    /// COPY . .
    /// RUN npm ci && npm run build
    /// FROM cleanstart-node:18-prod
    /// COPY --from=builder /app /app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM cleanstart-node:18-builder AS builder
    /// WORKDIR /app
    /// COPY . .
    /// RUN npm ci && npm run build && npm prune --omit=dev
    /// FROM cleanstart-node:18-prod
    /// COPY --from=builder /app/node_modules /app/node_modules
    /// COPY --from=builder /app/dist /app/dist
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3067, which also reports `COPY --from=<image> / /`; an external image
    ///   copied whole (`COPY --from=busybox:1.36 / /busybox`) is an idiom this rule allows.
    code: "AL106",
    name: "copies_too_much_from_builder",
    severity: Warning,
    category: BuilderPattern,
    fixable: false,
    aliases: ["DL3067"],
    default_enabled: true,
    check: check,
}

/// Directories that hold a whole home, workspace or source tree.
const TREES: &[&str] = &[
    "/root",
    "/home",
    "/src",
    "/usr/src",
    "/usr/local/src",
    "/go",
    "/workspace",
];

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    // Whether a stage or one it is built on compiles, stage by stage: found when the first
    // copy from a builder needs it (most analyses, one per settled key in the playground,
    // have none to judge).
    let mut compiled: Option<Vec<bool>> = None;
    for e in &cx.graph.edges {
        let NodeRef::Stage(from) = e.from else {
            continue;
        };
        if e.kind != EdgeKind::Copy || !cx.is_shipped(e.to) {
            continue;
        }
        let source = &cx.graph.stages[from];
        if source.role != Role::Builder || matches!(cx.resolved_base(from).1, Base::Scratch) {
            continue;
        }
        let label = source.label();
        let filled = context_dirs(cx, from);
        let compiles = compiled.get_or_insert_with(|| {
            along_chains(cx, |s, inherited: Option<&bool>| {
                inherited == Some(&true)
                    || stage_runs(cx, s).any(|(_, _, commands)| {
                        commands.iter().any(|c| compile_command(c).is_some())
                    })
            })
        })[from];
        for path in &e.paths {
            let p = normalize_path(path);
            if matches!(base_name(p), ".venv" | "venv") {
                continue;
            }
            let what = if is_whole_context(path) {
                "its whole filesystem".to_string()
            } else if !compiles {
                continue;
            } else if TREES.contains(&p) {
                format!("all of `{p}`")
            } else if ["/home/", "/usr/src/"]
                .iter()
                .any(|d| p.strip_prefix(d).is_some_and(|r| !r.contains('/')))
            {
                format!("the whole tree `{p}`")
            } else if filled.iter().any(|d| d == p) {
                format!("`{p}` (where the whole build context was copied)")
            } else {
                continue;
            };
            hits.push(Hit::new(
                e.span,
                format!("copies {what} from stage `{label}`: copy only the artifacts"),
            ));
            break;
        }
    }
    hits
}

/// Directories of `stage` (and the stages it is built on) that received the whole build
/// context (`COPY . .`, `COPY . /app`), as absolute paths.
fn context_dirs(cx: &Checker, stage: usize) -> Vec<String> {
    let mut chain = vec![stage];
    while let Base::Stage { index } = cx.graph.stages[*chain.last().unwrap_or(&stage)].base {
        if chain.contains(&index) {
            break;
        }
        chain.push(index);
    }
    let mut workdir = "/".to_string();
    let mut dirs = Vec::new();
    for s in chain.into_iter().rev() {
        for (_, inst) in cx.stage_instructions(&cx.graph.stages[s]) {
            match inst.keyword.kind {
                Kw::Workdir => {
                    if let Some(w) = inst.args.values().first() {
                        workdir = join(&workdir, w);
                    }
                }
                Kw::Copy | Kw::Add if inst.flag("from").is_none() => {
                    if let Some((srcs, Some(dest))) = copy_paths(inst) {
                        if srcs.iter().any(|s| is_whole_context(s)) {
                            dirs.push(join(&workdir, &dest));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    dirs
}

/// `path` resolved against `dir`, normalized.
fn join(dir: &str, path: &str) -> String {
    let p = normalize_path(path);
    let d = normalize_path(dir);
    let joined = if path.starts_with('/') {
        p.to_string()
    } else {
        match p {
            "" | "." => d.to_string(),
            _ => format!("{d}/{p}"),
        }
    };
    if joined.is_empty() {
        "/".to_string()
    } else {
        joined
    }
}

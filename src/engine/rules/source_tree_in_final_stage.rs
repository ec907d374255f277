//! AL107: the build context (source tree) or VCS metadata is copied into the image that ships.

use crate::engine::analysis::stages::stage_runs;
use crate::engine::graph::{EdgeKind, NodeRef};
use crate::engine::paths::{base_name, copy_paths, is_whole_context};
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::shell::compile_command;

declare_rule! {
    /// ## What it does
    /// Checks the stages that ship for `COPY . .` / `ADD . <dir>` (the whole build context)
    /// when they also take artifacts from a builder stage (`COPY --from`) or compile in the
    /// same stage, and for `.git` copied
    /// explicitly anywhere in them. `COPY --from` is AL106's business.
    ///
    /// A target that is a dev or test image (role dev or test in the graph: named `dev`,
    /// `development`, `dev-envs`, `debug`, `test`, `ci`, `lint`, ..., or whose default command
    /// builds or tests) ships nothing, and nothing is reported.
    ///
    /// ## Why is this bad?
    /// In a builder -> prod build the source was already compiled in the builder; copying the
    /// context again ships source, tests, build scripts and whatever `.dockerignore` missed
    /// (`.git`, `.env`, local builds). `.git` holds the whole history of the code, which an
    /// attacker who gets into the container can read. Copy only what runs.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM cleanstart-golang:1.21-builder AS builder
    /// WORKDIR /src
    /// COPY . .
    /// RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app
    /// FROM cleanstart-golang:1.21-prod
    /// WORKDIR /app
    /// COPY . .
    /// COPY --from=builder /out/app /usr/local/bin/app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM cleanstart-golang:1.21-builder AS builder
    /// WORKDIR /src
    /// COPY . .
    /// RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app
    /// FROM cleanstart-golang:1.21-prod
    /// COPY --from=builder /out/app /usr/local/bin/app
    /// ```
    code: "AL107",
    name: "source_tree_in_final_stage",
    severity: Warning,
    category: BuilderPattern,
    fixable: false,
    aliases: [],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    // The builder pattern is in place when a shipped stage takes files from another stage.
    let takes_from_builder = cx.graph.edges.iter().any(|e| {
        e.kind == EdgeKind::Copy
            && matches!(e.from, NodeRef::Stage(s) if !cx.is_shipped(s))
            && cx.is_shipped(e.to)
    });
    let mut hits = Vec::new();
    for stage in cx.shipped_chain() {
        let compiles = stage_runs(cx, stage)
            .any(|(_, _, commands)| commands.iter().any(|c| compile_command(c).is_some()));
        for (_, inst) in cx.stage_instructions(stage) {
            if inst.flag("from").is_some() {
                continue;
            }
            let Some((sources, _)) = copy_paths(inst) else {
                continue;
            };
            if let Some(git) = sources.iter().find(|s| base_name(s) == ".git") {
                hits.push(Hit::new(
                    inst.span,
                    format!("`{git}` (the repository history) is copied into the shipped image"),
                ));
            } else if sources.iter().any(|s| is_whole_context(s))
                && (takes_from_builder || compiles)
            {
                let why = if compiles {
                    "this stage compiles it"
                } else {
                    "it also takes artifacts from a builder stage"
                };
                hits.push(Hit::new(
                    inst.span,
                    format!("the whole build context (sources, tests, build files, whatever `.dockerignore` misses) is copied into the shipped image, and {why}: copy only what runs"),
                ));
            }
        }
    }
    hits
}

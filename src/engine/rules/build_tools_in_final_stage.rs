//! AL103: compilers, build systems, git or headers installed in the image that ships.

use crate::engine::analysis::builds::single_stage_build;
use crate::engine::analysis::stages::{from_image, stage_runs};
use crate::engine::graph::ImageClass;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::shell::build_tools_kept;

declare_rule! {
    /// ## What it does
    /// Checks the stages that ship (the target and the stages it is built on) for build tools
    /// installed with an OS package manager (`apt-get`, `apt`, `apk`, `yum`, `dnf`,
    /// `microdnf`, `zypper`): `gcc`, `g++`, `make`, `cmake`, `git`, `autoconf`, `automake`,
    /// `libtool`, `pkg-config`, `build-essential`, `build-base`, `clang`, and `*-dev` /
    /// `*-devel` header packages. Packages removed again in the same RUN (`apk add --virtual
    /// .build-deps ... && apk del .build-deps`, `apt-get purge`, `apt-mark auto` followed by
    /// `apt-get purge --auto-remove`) are fine. Python build helpers such as `wheel` or
    /// `setuptools` are not reported: they are not compilers. Nor is `git` on its own: images
    /// such as the Docker CLI or Jenkins run it. A stage on a toolchain image is left to AL101,
    /// a single-stage build to AL102, and a target named as a development environment
    /// (`dev-envs`, `development`, `debug`) is meant to carry tools.
    ///
    /// A target that is a dev or test image (role dev or test in the graph: named `dev`,
    /// `development`, `dev-envs`, `debug`, `test`, `ci`, `lint`, ..., or whose default command
    /// builds or tests) ships nothing: the dev environments above are examples of it.
    ///
    /// ## Why is this bad?
    /// Build tools are hundreds of megabytes the application never runs, and they let an
    /// attacker who gets into the container compile an exploit. `git` also brings the means to
    /// fetch more code. Install them in a builder stage and copy only the artifacts out.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:bookworm-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends gcc make libssl-dev
    /// COPY . /src
    /// RUN make -C /src install
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:bookworm-slim AS builder
    /// RUN apt-get update && apt-get install -y --no-install-recommends gcc make libssl-dev
    /// COPY . /src
    /// RUN make -C /src install DESTDIR=/out
    /// FROM debian:bookworm-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends libssl3
    /// COPY --from=builder /out/usr/local/bin/app /usr/local/bin/app
    /// ```
    code: "AL103",
    name: "build_tools_in_final_stage",
    severity: Warning,
    category: BuilderPattern,
    fixable: false,
    aliases: [],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    // A single-stage build that builds is AL102's (the remedy is the split); a stage named as
    // a development environment is meant to carry tools.
    if single_stage_build(cx).is_some() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for stage in cx.shipped_chain() {
        let (root, _) = cx.resolved_base(stage.index);
        let on_toolchain = from_image(cx, root)
            .is_some_and(|(_, c)| matches!(c.class, ImageClass::Toolchain | ImageClass::Dev));
        if on_toolchain {
            continue;
        }
        for (_, inst, commands) in stage_runs(cx, stage) {
            let kept = build_tools_kept(commands);
            if kept.is_empty() {
                continue;
            }
            let list = kept
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ");
            hits.push(Hit::new(
                inst.span,
                format!("build tools installed in the shipped image: {list}"),
            ));
        }
    }
    hits
}

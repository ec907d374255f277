//! AL102: a single-stage build compiles in the image it ships.

use crate::engine::graph::ImageClass;
use crate::engine::rules::helpers::{build_tools_kept, compile_command, from_image, stage_runs};
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Checks for a Dockerfile with one stage that builds: it starts from a toolchain image
    /// (`golang`, `gcc`, `rust`, `maven`, the full `node` or `python` image, a `-builder`
    /// image), installs build tools it never removes, or compiles (`go build`, `make`,
    /// `cargo build`, `mvn package`, `npm run build` ...). A RUN that compiles and removes its
    /// build dependencies again in the same layer (the official images' idiom) does not count.
    ///
    /// ## Why is this bad?
    /// With one stage, everything needed to build ships: the compiler, headers, package
    /// caches, the source tree. The image is typically 10-30 times larger than the artifact
    /// needs, and an attacker who gets in finds a compiler. A builder stage on the `-builder`
    /// image and a final stage on the `-prod` (or distroless) image that copies only the
    /// artifact keeps the build tools out.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM cleanstart-gcc:14-builder
    /// COPY . /src
    /// RUN cd /src && ./configure && make -j8 && make install PREFIX=/usr
    /// USER 65532
    /// CMD ["/usr/bin/app"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM cleanstart-gcc:14-builder AS builder
    /// COPY . /src
    /// RUN cd /src && ./configure && make -j8 && make install DESTDIR=/out PREFIX=/usr
    /// FROM cleanstart-gcc:14-prod
    /// COPY --from=builder /out/usr/bin/app /usr/bin/app
    /// USER 65532
    /// CMD ["/usr/bin/app"]
    /// ```
    ///
    /// ## References
    /// - Docker: multi-stage builds, <https://docs.docker.com/build/building/multi-stage/>
    code: "AL102",
    name: "single_stage_build_compiles",
    severity: Warning,
    category: BuilderPattern,
    fixable: false,
    aliases: [],
    default_enabled: true,
    check: check,
}

const ADVICE: &str =
    "split it into a builder stage and a -prod stage that copies only the artifacts";

fn check(cx: &Checker) -> Vec<Hit> {
    let [stage] = cx.graph.stages.as_slice() else {
        return Vec::new();
    };
    let from = &cx.tree.instructions[stage.instructions.start];
    if let Some((image, class)) = from_image(cx, stage.index) {
        if class.class == ImageClass::Toolchain {
            return vec![Hit::new(
                from.span,
                format!(
                    "single-stage build on `{}` ({}): {ADVICE}",
                    image.raw, class.reason
                ),
            )];
        }
    }
    for (_, inst, commands) in stage_runs(cx, stage) {
        let kept = build_tools_kept(&commands);
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
        return vec![Hit::new(
            inst.span,
            format!("the only stage {why}, so the build tools ship: {ADVICE}"),
        )];
    }
    Vec::new()
}

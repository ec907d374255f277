//! AL102: a single-stage build compiles in the image it ships.

use crate::engine::analysis::stages::{from_image, stage_runs};
use crate::engine::graph::ImageClass;
use crate::engine::rules::convert_to_multi_stage::convert;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::shell::{build_tools_kept, compile_command};
use crate::engine::syntax::Kw;

declare_rule! {
    /// ## What it does
    /// Checks for a Dockerfile with one stage that builds: it starts from a toolchain image
    /// (`golang`, `gcc`, `rust`, `maven`, the full `node` or `python` image, a `-builder`
    /// image), installs build tools it never removes, or compiles (`go build`, `make`,
    /// `cargo build`, `mvn package`, `npm run build` ...). A RUN that compiles and removes its
    /// build dependencies again in the same layer (the official images' idiom) does not count,
    /// nor does a file that builds a base image for others to build on (no CMD or ENTRYPOINT,
    /// or only a bare interpreter or shell such as `CMD ["python3"]`).
    ///
    /// For Go, Node, Python and C/C++ the fix splits the file into a `builder` stage and a
    /// final stage on a minimal runtime (the CleanStart `-prod`, distroless, or the slim
    /// image) that copies only the artifacts and runs as `65532`; it is offered only when the
    /// artifacts and the runtime are certain from the text.
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
    fixable: true,
    aliases: [],
    default_enabled: true,
    check: check,
}

const ADVICE: &str =
    "split it into a builder stage and a -prod stage that copies only the artifacts";

fn check(cx: &Checker) -> Vec<Hit> {
    finding(cx)
        .map(|hit| match convert(cx) {
            Ok(fix) => hit.with_fix(fix),
            Err(_) => hit,
        })
        .into_iter()
        .collect()
}

/// The finding for a single-stage build, if it builds (AL103 leaves such files to this rule).
pub(crate) fn finding(cx: &Checker) -> Option<Hit> {
    let [stage] = cx.graph.stages.as_slice() else {
        return None;
    };
    if builds_a_base_image(cx) {
        return None;
    }
    let from = &cx.tree.instructions[stage.instructions.start];
    if let Some((image, class)) = from_image(cx, stage.index) {
        if class.class == ImageClass::Toolchain {
            return Some(Hit::new(
                from.span,
                format!(
                    "single-stage build on `{}` ({}): {ADVICE}",
                    image.raw, class.reason
                ),
            ));
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
        return Some(Hit::new(
            inst.span,
            format!("the only stage {why}, so the build tools ship: {ADVICE}"),
        ));
    }
    None
}

/// Whether the file builds an image for others to build on (the official `golang`, `python`,
/// `node` images): it runs no program of its own, only an interpreter or a shell, or nothing.
fn builds_a_base_image(cx: &Checker) -> bool {
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

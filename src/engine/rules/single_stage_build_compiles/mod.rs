//! AL102: a single-stage build compiles in the image it ships.
//!
//! The finding is shared analysis (`analysis::builds`, which AL103 asks too); the fix, the
//! conversion to a builder and a final stage, is `fix.rs`. It lives with the rule because only
//! this rule offers it and it reads the rules' settings (`non_root_uid`): nothing outside the
//! rules needs to import it.

mod fix;

use crate::engine::analysis::builds::single_stage_build;
use crate::engine::rules::{declare_rule, Checker, Hit};
use fix::convert;

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
    single_stage_build(cx)
        .map(|b| {
            let mut message = b.what;
            message.push_str(": ");
            message.push_str(ADVICE);
            Hit::new(b.span, message)
        })
        .map(|hit| match convert(cx) {
            Ok(fix) => hit.with_fix(fix),
            Err(_) => hit,
        })
        .into_iter()
        .collect()
}

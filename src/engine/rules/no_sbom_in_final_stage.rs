//! AL118: the image that ships carries no SBOM and asks for no SBOM scan.

use crate::engine::paths::{base_name, copy_paths};
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::{Args, Kw};

declare_rule! {
    /// ## What it does
    /// Checks that the shipped image carries a software bill of materials: a file copied or
    /// written into a shipped stage whose name says SBOM (`*.spdx.json`, `*.spdx`,
    /// `*.cdx.json`, `bom.json`, `sbom*`), or BuildKit's SBOM scan arguments
    /// (`ARG BUILDKIT_SBOM_SCAN_STAGE=true`, `ARG BUILDKIT_SBOM_SCAN_CONTEXT=true`) that make
    /// `docker buildx build --sbom=true` attest the builder stages too. Off by default: many
    /// pipelines attach the SBOM outside the Dockerfile.
    ///
    /// ## Why is this bad?
    /// Without an SBOM, nobody downstream can tell which packages and versions are in the
    /// image, so vulnerability scanners guess from the files and SLSA provenance has nothing to
    /// point at. The builder pattern's final stage copies the binary, its runtime configuration
    /// and the SBOM the builder produced.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM cleanstart-gcc:14-builder AS builder
    /// RUN make && make install DESTDIR=/out
    /// FROM cleanstart-gcc:14-prod
    /// COPY --from=builder /out/usr/sbin/nginx /usr/sbin/nginx
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM cleanstart-gcc:14-builder AS builder
    /// RUN make && make install DESTDIR=/out
    /// FROM cleanstart-gcc:14-prod
    /// COPY --from=builder /out/usr/sbin/nginx /usr/sbin/nginx
    /// COPY --from=builder /out/sbom.spdx.json /usr/share/sbom/nginx.spdx.json
    /// ```
    ///
    /// ## References
    /// - Docker: SBOM attestations, <https://docs.docker.com/build/metadata/attestations/sbom/>
    code: "AL118",
    name: "no_sbom_in_final_stage",
    severity: Info,
    category: Hermeticity,
    fixable: false,
    aliases: [],
    default_enabled: false,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let Some(target) = cx.shipped_target() else {
        return Vec::new();
    };
    let scan_arg = cx.tree.instructions.iter().any(|i| {
        i.keyword.kind == Kw::Arg
            && i.pairs
                .iter()
                .any(|p| p.key.starts_with("BUILDKIT_SBOM_SCAN_"))
    });
    let carries = cx.shipped_instructions().iter().any(|(_, i)| {
        let paths = copy_paths(i).map(|(s, d)| s.into_iter().chain(d).collect::<Vec<_>>());
        match paths {
            Some(paths) => paths.iter().any(|p| is_sbom(p)),
            // A RUN that writes one (`syft ... -o spdx-json=/sbom.spdx.json`).
            None => match &i.args {
                Args::Shell { text, .. } if i.keyword.kind == Kw::Run => text
                    .split(|c: char| c.is_whitespace() || c == '=')
                    .any(is_sbom),
                _ => false,
            },
        }
    });
    if scan_arg || carries {
        return Vec::new();
    }
    vec![Hit::new(
        cx.tree.instructions[target.instructions.start].span,
        "the shipped image carries no SBOM",
    )]
}

fn is_sbom(path: &str) -> bool {
    let name = base_name(path).to_ascii_lowercase();
    name.starts_with("sbom")
        || name.ends_with(".spdx")
        || name.ends_with(".spdx.json")
        || name.ends_with(".cdx.json")
        || name.ends_with(".cdx.xml")
        || name == "bom.json"
        || name == "bom.xml"
}

//! AL111: a dynamically linked build is copied into an image that has no libc.

use crate::engine::analysis::stages::stage_runs;
use crate::engine::graph::{Base, EdgeKind, NodeRef};
use crate::engine::paths::{base_name, normalize_path};
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Checks `COPY --from=<stage>` into a shipped stage that rests on an image without a C
    /// library (`scratch`, distroless `static`, Chainguard `static`, and the seed's
    /// `cleanstart-golang:*-prod`, which is meant for static binaries) when the source stage
    /// builds a dynamically linked program: Go without `CGO_ENABLED=0` (on an image with a C
    /// compiler, where cgo is on by default), C/C++ compiled without `-static`, or Rust built
    /// for a glibc target (no `--target *-musl`, no `crt-static`). Copies of certificates,
    /// configuration and data files are not reported, nor builds that copy shared libraries
    /// along.
    ///
    /// ## Why is this bad?
    /// A dynamically linked program needs the loader (`/lib/ld-linux-*.so`) and libc at run
    /// time. On an image without them it fails to start with a confusing `no such file or
    /// directory` for a file that is plainly there. Link statically in the builder.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// WORKDIR /src
    /// COPY . .
    /// RUN go build -o /out/app ./cmd/app
    /// FROM scratch
    /// COPY --from=build /out/app /app
    /// ENTRYPOINT ["/app"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// WORKDIR /src
    /// COPY . .
    /// RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app
    /// FROM scratch
    /// COPY --from=build /out/app /app
    /// ENTRYPOINT ["/app"]
    /// ```
    code: "AL111",
    name: "dynamic_binary_in_libc_free_image",
    severity: Warning,
    category: Correctness,
    fixable: false,
    aliases: [],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let shipped_edges = || {
        cx.graph
            .edges
            .iter()
            .filter(|e| e.kind == EdgeKind::Copy && cx.is_shipped(e.to))
    };
    // Shared libraries copied along: the author is providing the runtime by hand.
    if shipped_edges().any(|e| e.paths.iter().any(|p| is_library(p))) {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for e in shipped_edges() {
        let NodeRef::Stage(from) = e.from else {
            continue;
        };
        let Some(image) = libc_free(cx, e.to) else {
            continue;
        };
        if e.paths.iter().all(|p| is_data(p)) {
            continue;
        }
        if let Some(why) = dynamic_build(cx, from) {
            hits.push(Hit::new(
                e.span,
                format!(
                    "stage `{}` {why}, so its program needs libc, which `{image}` does not have",
                    cx.graph.stages[from].label()
                ),
            ));
        }
    }
    hits
}

/// The name of the libc-free image a stage rests on, if it does.
fn libc_free(cx: &Checker, stage: usize) -> Option<String> {
    match cx.resolved_base(stage).1 {
        Base::Scratch => Some("scratch".into()),
        Base::Image { image, .. } => {
            let name = image.name();
            let tag = image.tag.as_deref().unwrap_or("");
            let free = name.contains("distroless/static")
                || name.ends_with("chainguard/static")
                || (image.short_name() == "cleanstart-golang" && tag.ends_with("-prod"));
            free.then(|| image.raw.clone())
        }
        _ => None,
    }
}

fn is_library(path: &str) -> bool {
    let p = normalize_path(path);
    p.contains(".so")
        || p.contains("ld-linux")
        || p.contains("ld-musl")
        || ["/lib", "/lib64", "/usr/lib", "/usr/lib64"]
            .iter()
            .any(|d| p == *d || p.starts_with(&format!("{d}/")))
}

/// Certificates, time zones, configuration and other files that are not programs.
fn is_data(path: &str) -> bool {
    let p = normalize_path(path);
    if ["/etc/", "/usr/share/", "/usr/local/share/"]
        .iter()
        .any(|d| p.starts_with(d))
    {
        return true;
    }
    let name = base_name(p);
    name.rsplit_once('.').is_some_and(|(_, ext)| {
        matches!(
            ext,
            "crt"
                | "pem"
                | "json"
                | "yaml"
                | "yml"
                | "toml"
                | "conf"
                | "html"
                | "css"
                | "js"
                | "txt"
                | "md"
                | "xml"
                | "properties"
                | "ini"
                | "jar"
        )
    })
}

/// Why the stage (or a stage it is built on) produces a dynamically linked program, if it does.
fn dynamic_build(cx: &Checker, stage: usize) -> Option<String> {
    let mut chain = vec![stage];
    while let Base::Stage { index } = cx.graph.stages[*chain.last()?].base {
        if chain.contains(&index) {
            break;
        }
        chain.push(index);
    }
    let var = |name: &str| {
        chain.iter().find_map(|&s| {
            let st = &cx.graph.stages[s];
            st.env
                .iter()
                .chain(st.args.iter())
                .rev()
                .find(|v| v.name == name)
                .and_then(|v| v.value.clone())
        })
    };
    let (_, root_base) = cx.resolved_base(stage);
    let (alpine, go_version) = match root_base {
        Base::Image { image, .. } => {
            let tag = image.tag.as_deref().unwrap_or("");
            (
                tag.contains("alpine") || image.short_name() == "alpine",
                go_minor(tag),
            )
        }
        _ => (false, None),
    };
    let cgo_env = var("CGO_ENABLED");
    let rustflags = var("RUSTFLAGS").unwrap_or_default();
    let cargo_target = var("CARGO_BUILD_TARGET").unwrap_or_default();
    let ldflags = var("LDFLAGS").unwrap_or_default();
    for &s in &chain {
        for (_, _, commands) in stage_runs(cx, &cx.graph.stages[s]) {
            let exported = |name: &str| {
                commands.iter().rev().find_map(|c| {
                    (c.name() == "export").then(|| {
                        c.args()
                            .iter()
                            .find_map(|a| a.strip_prefix(&format!("{name}=")).map(str::to_string))
                    })?
                })
            };
            for c in commands {
                let c = c.unwrapped();
                let args = c.args();
                match c.name() {
                    "go" if args.first().is_some_and(|a| a == "build") => {
                        let cgo = c
                            .env_value("CGO_ENABLED")
                            .map(str::to_string)
                            .or_else(|| exported("CGO_ENABLED"))
                            .or_else(|| cgo_env.clone());
                        let static_link = args.iter().any(|a| a.contains("-static"));
                        // Without a C compiler (the alpine images since Go 1.20) cgo is off.
                        let no_cc = alpine && go_version.is_none_or(|v| v >= 20);
                        if cgo.as_deref() != Some("0") && !static_link && !no_cc {
                            return Some("builds Go with cgo on (no `CGO_ENABLED=0`)".into());
                        }
                    }
                    "cargo" if args.first().is_some_and(|a| a == "build") => {
                        // A `--target` other than `*-linux-gnu` (musl, wasm32-wasi) needs no glibc.
                        let target = args
                            .iter()
                            .position(|a| a == "--target")
                            .and_then(|i| args.get(i + 1))
                            .map(String::as_str)
                            .or_else(|| args.iter().find_map(|a| a.strip_prefix("--target=")))
                            .unwrap_or(cargo_target.as_str());
                        let musl = !target.is_empty() && !target.contains("gnu");
                        let flags = c
                            .env_value("RUSTFLAGS")
                            .map_or(rustflags.clone(), str::to_string);
                        if !musl && !alpine && !flags.contains("crt-static") {
                            return Some(
                                "builds Rust for the glibc target (no `--target *-musl`)".into(),
                            );
                        }
                    }
                    "gcc" | "g++" | "cc" | "c++" | "clang" | "clang++" => {
                        let links =
                            args.iter().any(|a| a == "-o") && !args.iter().any(|a| a == "-c");
                        let static_link = args.iter().any(|a| a.starts_with("-static"))
                            || ldflags.contains("-static");
                        if links && !static_link {
                            return Some(format!("links with `{}` without `-static`", c.name()));
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    None
}

/// The minor version of Go 1.x in an image tag (`1.22-alpine` -> 22).
fn go_minor(tag: &str) -> Option<u32> {
    let rest = tag.strip_prefix("1.")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

//! AL216: `FROM --platform=` with a constant platform (BuildKit's
//! FromPlatformFlagConstDisallowed).

use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Reports `FROM --platform=<constant>` (no variable, such as `linux/amd64`) unless the
    /// stage's name mentions the platform's OS or architecture (`AS build-amd64`), which marks
    /// a stage meant for one platform.
    ///
    /// ## Why is this bad?
    /// A fixed platform pins the stage to one architecture: `docker build --platform
    /// linux/arm64` and multi-platform builds still get the amd64 base, and on other machines
    /// the stage runs under emulation. Leave the platform to the command line, or use
    /// `$BUILDPLATFORM` / `$TARGETPLATFORM`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=linux/amd64 alpine:3.20 AS base
    /// RUN apk add --no-cache git
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM --platform=$BUILDPLATFORM alpine:3.20 AS base
    /// RUN apk add --no-cache git
    /// ```
    ///
    /// ## References
    /// - BuildKit: FromPlatformFlagConstDisallowed, <https://docs.docker.com/reference/build-checks/from-platform-flag-const-disallowed/>
    /// - hadolint: DL3029, <https://github.com/hadolint/hadolint/wiki/DL3029> (which also reports
    ///   `--platform=$BUILDPLATFORM`, the cross-compilation idiom; this rule does not)
    code: "AL216",
    name: "from_platform_constant",
    severity: Warning,
    category: Correctness,
    fixable: false,
    aliases: ["FromPlatformFlagConstDisallowed", "DL3029"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for stage in &cx.graph.stages {
        let inst = &cx.tree.instructions[stage.instructions.start];
        let Some(flag) = inst.flag("platform") else {
            continue;
        };
        let Some(value) = flag.value.as_deref() else {
            continue;
        };
        if inst.vars.iter().any(|v| flag.span.contains(v.span.start)) || value.contains('$') {
            continue;
        }
        let Some((os, arch)) = parse_platform(value) else {
            continue;
        };
        let name = stage.name.as_deref().unwrap_or("");
        if (!name.is_empty() && name.contains(os)) || arch.is_some_and(|a| name.contains(a)) {
            continue;
        }
        hits.push(Hit::new(
            flag.span,
            format!("`--platform={value}` fixes the stage to one platform"),
        ));
    }
    hits
}

/// The OS and normalized architecture of a platform string as containerd parses it
/// (`linux/amd64`, `linux/arm64/v8`, `arm64`, `linux`); `None` when it does not parse.
fn parse_platform(value: &str) -> Option<(&'static str, Option<&'static str>)> {
    let parts: Vec<String> = value.split('/').map(str::to_ascii_lowercase).collect();
    let valid = |p: &String| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    if parts.is_empty() || parts.len() > 3 || !parts.iter().all(valid) {
        return None;
    }
    let os = |p: &str| OSES.iter().copied().find(|o| *o == p);
    match parts.as_slice() {
        [one] => match (os(one), arch(one)) {
            (Some(o), _) => Some((o, None)),
            (None, Some(a)) => Some(("linux", Some(a))),
            (None, None) => None,
        },
        [o, a, ..] => Some((os(o)?, Some(arch(a)?))),
        [] => None,
    }
}

const OSES: &[&str] = &[
    "linux", "windows", "darwin", "freebsd", "netbsd", "openbsd", "solaris", "illumos", "android",
    "ios", "aix", "plan9", "js", "wasip1",
];

fn arch(a: &str) -> Option<&'static str> {
    Some(match a {
        "amd64" | "x86_64" | "x86-64" => "amd64",
        "arm64" | "aarch64" => "arm64",
        "arm" | "armhf" | "armel" => "arm",
        "386" | "i386" | "i486" | "i586" | "i686" => "386",
        "ppc64le" => "ppc64le",
        "ppc64" => "ppc64",
        "s390x" => "s390x",
        "riscv64" => "riscv64",
        "mips64le" => "mips64le",
        "mips64" => "mips64",
        "loong64" => "loong64",
        "wasm" => "wasm",
        _ => return None,
    })
}

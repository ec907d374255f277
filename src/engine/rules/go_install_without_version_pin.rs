//! AL273: `go install`, `go get` or `go run` of a remote module without a fixed version
//! (hadolint DL3062).

use crate::engine::analysis::stages::all_runs;
use crate::engine::rules::common::name_list;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::shell::is_variable;
use crate::engine::shell::Command;

declare_rule! {
    /// ## What it does
    /// Checks `go install`, `go get` and `go run` for remote packages (a first path element
    /// with a dot, such as `github.com/...`) given without a version or with a moving one:
    /// `@latest`, `@upgrade`, `@patch`, `@master`, `@main` or `@HEAD`. Local packages
    /// (`.`, `./...`, `/src/cmd`, `main.go`), module-less names resolved by `go.mod` and
    /// versions given as variables (`@${SWAG_VERSION}`) are fine.
    ///
    /// The `tool` meta-package is fine too (`go install tool`, Go 1.24): it installs go.mod's
    /// tools at go.mod's versions.
    ///
    /// ## Why is this bad?
    /// Without a fixed version, the build fetches whatever the module's newest release or
    /// branch head is that day: two builds of the same Dockerfile can produce different
    /// tools, and a breaking release upstream breaks the build with no change here.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// RUN go install github.com/swaggo/swag/cmd/swag@latest
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// RUN go install github.com/swaggo/swag/cmd/swag@v1.16.3
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3062
    /// - Unlike hadolint, module-less names (`go get -tool foobar`) are not reported: go does
    ///   not fetch them; `go get -tool example.com/x` is.
    code: "AL273",
    name: "go_install_without_version_pin",
    severity: Warning,
    category: Hermeticity,
    fixable: false,
    aliases: ["DL3062"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (_, inst, commands) in all_runs(cx) {
        let mut verb = None;
        let mut unpinned = Vec::new();
        for c in commands {
            if let Some((v, packages)) = unpinned_go_packages(c) {
                if !packages.is_empty() {
                    verb.get_or_insert(v);
                    unpinned.extend(packages);
                }
            }
        }
        if let Some(v) = verb {
            hits.push(Hit::new(
                inst.span,
                format!(
                    "`go {v}` of {} without a fixed version: the build fetches whatever is newest",
                    name_list(&unpinned)
                ),
            ));
        }
    }
    hits
}

/// Build flags of the go command that take the next word as their value.
const VALUE_FLAGS: &[&str] = &[
    "o",
    "p",
    "C",
    "ldflags",
    "gcflags",
    "asmflags",
    "gccgoflags",
    "tags",
    "mod",
    "modfile",
    "overlay",
    "pkgdir",
    "toolexec",
    "exec",
    "buildmode",
    "compiler",
    "installsuffix",
    "pgo",
    "covermode",
    "coverpkg",
    "buildvcs",
    "modcacherw",
    "json",
];

/// The verb and the remote packages without a fixed version of a `go install/get/run`.
fn unpinned_go_packages(cmd: &Command) -> Option<(String, Vec<String>)> {
    let c = cmd.unwrapped();
    if c.name().rsplit('/').next() != Some("go") {
        return None;
    }
    let args = c.args();
    let verb = args.first()?.as_str();
    if !matches!(verb, "install" | "get" | "run") {
        return None;
    }
    let mut packages = Vec::new();
    let mut words = args[1..].iter();
    while let Some(w) = words.next() {
        if let Some(flag) = w.strip_prefix('-') {
            let flag = flag.trim_start_matches('-');
            if !flag.contains('=') && VALUE_FLAGS.contains(&flag) {
                words.next();
            }
            continue;
        }
        packages.push(w.clone());
        // `go run pkg args...`: the rest are the program's arguments.
        if verb == "run" {
            break;
        }
    }
    // `go install tool ...` (Go 1.24): the tools of go.mod's `tool` lines, at go.mod's versions.
    if verb == "install" && packages.iter().any(|p| p == "tool") {
        return Some((verb.to_string(), Vec::new()));
    }
    let unpinned = packages.into_iter().filter(|p| !pinned(p)).collect();
    Some((verb.to_string(), unpinned))
}

/// Whether a package argument is local, resolved by `go.mod`, or fixed to a version.
fn pinned(package: &str) -> bool {
    let (path, version) = match package.split_once('@') {
        Some((p, v)) => (p, Some(v)),
        None => (package, None),
    };
    let first = path.split('/').next().unwrap_or("");
    let remote = first.contains('.') && !first.starts_with('.') && !path.ends_with(".go");
    match version {
        _ if !remote => true,
        Some(v) => !matches!(
            v,
            "latest" | "upgrade" | "patch" | "master" | "main" | "HEAD"
        ),
        None => is_variable(path),
    }
}

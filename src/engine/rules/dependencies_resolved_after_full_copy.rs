//! AL110: dependencies are resolved after the whole source tree is copied.

use crate::engine::paths::{copy_paths, is_whole_context};
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::shell::Command;
use crate::engine::syntax::Kw;

declare_rule! {
    /// ## What it does
    /// Checks each stage for a dependency download (`npm ci`, `npm install`, `yarn install`,
    /// `pnpm install`, `pip install -r`, `poetry install`, `pipenv install`, `uv sync`,
    /// `go mod download`, `cargo fetch`, `cargo build`, `bundle install`, `composer install`,
    /// `mvn dependency:...`, `mvn package`, `dotnet restore`) that runs after `COPY . .` (the
    /// whole build context) when the same tool did not already resolve before it. A RUN with a
    /// cache mount (`--mount=type=cache`) keeps its downloads across builds and is left alone.
    ///
    /// ## Why is this bad?
    /// A layer is rebuilt when anything it depends on changes. After `COPY . .`, any edit to
    /// any source file invalidates the dependency layer, so every build downloads (and for
    /// Rust and Maven, compiles) all dependencies again. Copy the manifest and lock files
    /// first, resolve, then copy the rest.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM cleanstart-node:18-builder AS builder
    /// WORKDIR /app
    /// COPY . .
    /// RUN npm ci
    /// RUN npm run build
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM cleanstart-node:18-builder AS builder
    /// WORKDIR /app
    /// COPY package.json package-lock.json ./
    /// RUN npm ci
    /// COPY . .
    /// RUN npm run build
    /// ```
    ///
    /// ## References
    /// - Docker: optimizing builds with cache, <https://docs.docker.com/build/cache/optimize/>
    code: "AL110",
    name: "dependencies_resolved_after_full_copy",
    severity: Info,
    category: Performance,
    fixable: false,
    aliases: [],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for stage in &cx.graph.stages {
        let mut full_copy: Option<u32> = None;
        let mut resolved_before: Vec<&str> = Vec::new();
        for (n, inst) in cx.stage_instructions(stage) {
            match inst.keyword.kind {
                Kw::Copy | Kw::Add if inst.flag("from").is_none() => {
                    let whole = copy_paths(inst)
                        .is_some_and(|(srcs, _)| srcs.iter().any(|s| is_whole_context(s)));
                    if whole && full_copy.is_none() {
                        full_copy = Some(cx.tree.lines(inst.span).0);
                    }
                }
                Kw::Run => {
                    let cached = inst.flags.iter().any(|f| {
                        f.name == "mount"
                            && f.value.as_deref().is_some_and(|v| v.contains("type=cache"))
                    });
                    for cmd in cx.commands(n) {
                        let Some(tool) = resolver(cmd) else {
                            continue;
                        };
                        // `cargo fetch` before counts for `cargo build` after, and so on.
                        let key = tool.split(' ').next().unwrap_or(tool);
                        match full_copy {
                            None => resolved_before.push(key),
                            Some(line) if !cached && !resolved_before.contains(&key) => {
                                hits.push(Hit::new(
                                    inst.span,
                                    format!("`{tool}` runs after the whole context is copied (line {line}): any source change downloads the dependencies again; copy the manifest and lock files first"),
                                ));
                                resolved_before.push(key);
                            }
                            Some(_) => {}
                        }
                    }
                }
                _ => {}
            }
        }
    }
    hits
}

/// The dependency-resolving command `cmd` runs, in words.
fn resolver(cmd: &Command) -> Option<&'static str> {
    let cmd = cmd.unwrapped();
    let name = cmd.name().rsplit('/').next().unwrap_or("");
    let args = cmd.args();
    let words: Vec<&str> = args
        .iter()
        .filter(|a| !a.starts_with('-'))
        .map(String::as_str)
        .collect();
    let first = words.first().copied();
    let flag = |f: &str| args.iter().any(|a| a == f);
    match (name, first) {
        // With package names it adds packages; without, it installs the project's.
        ("npm", Some("ci")) => Some("npm ci"),
        ("npm", Some("install" | "i")) if words.len() == 1 && !flag("-g") => Some("npm install"),
        ("yarn", None) => Some("yarn install"),
        ("yarn", Some("install")) => Some("yarn install"),
        ("pnpm", Some("install" | "i")) if words.len() == 1 => Some("pnpm install"),
        ("pip" | "pip3", Some("install"))
            if flag("-r") || args.iter().any(|a| a.starts_with("--requirement")) =>
        {
            Some("pip install -r")
        }
        ("python" | "python3", Some("pip"))
            if args.first().is_some_and(|a| a == "-m") && flag("-r") =>
        {
            Some("pip install -r")
        }
        ("poetry", Some("install")) => Some("poetry install"),
        ("pipenv", Some("install" | "sync")) => Some("pipenv install"),
        ("uv", Some("sync")) => Some("uv sync"),
        ("go", Some("mod")) if words.get(1) == Some(&"download") => Some("go mod download"),
        ("cargo", Some("fetch")) => Some("cargo fetch"),
        ("cargo", Some("build")) => Some("cargo build"),
        ("bundle", Some("install")) | ("bundle", None) => Some("bundle install"),
        ("composer", Some("install")) => Some("composer install"),
        ("mvn" | "mvnw", _)
            if words.iter().any(|w| {
                w.starts_with("dependency:") || matches!(*w, "package" | "install" | "verify")
            }) =>
        {
            Some("mvn")
        }
        ("dotnet", Some("restore")) => Some("dotnet restore"),
        _ => None,
    }
}

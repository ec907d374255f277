//! AL272: `yarn install` in a shipped stage keeps yarn's cache in the layer (hadolint DL3060).

use crate::engine::analysis::stages::shipped_runs;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::shell::has_cache_mount;
use crate::engine::shell::Command;

declare_rule! {
    /// ## What it does
    /// Checks `yarn install` (or a bare `yarn`) in the shipped image for a missing
    /// `yarn cache clean` later in the same RUN. Removing the cache directory instead, or a
    /// cache mount on it (`RUN --mount=type=cache,target=/usr/local/share/.cache/yarn`), is
    /// fine, and so is every builder stage.
    ///
    /// ## Why is this bad?
    /// yarn keeps a copy of every package it downloads in its global cache. In an image that
    /// copy is dead weight, often as large as `node_modules` itself, and it stays in the
    /// layer that wrote it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-alpine
    /// WORKDIR /app
    /// COPY package.json yarn.lock ./
    /// RUN yarn install --frozen-lockfile --production
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:20-alpine
    /// WORKDIR /app
    /// COPY package.json yarn.lock ./
    /// RUN yarn install --frozen-lockfile --production && yarn cache clean
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3060
    code: "AL272",
    name: "yarn_install_without_cache_clean",
    severity: Info,
    category: Performance,
    fixable: false,
    aliases: ["DL3060"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (_, inst, commands) in shipped_runs(cx) {
        if has_cache_mount(
            inst,
            &[
                "/usr/local/share/.cache/yarn",
                "/root/.cache/yarn",
                "/root/.yarn",
                "/home/node/.cache/yarn",
            ],
        ) {
            continue;
        }
        let forgot = commands
            .iter()
            .enumerate()
            .any(|(i, c)| is_yarn_install(c) && !commands[i + 1..].iter().any(cleans_yarn_cache));
        if forgot {
            hits.push(Hit::new(
                inst.span,
                "`yarn install` without `yarn cache clean` afterwards in the same RUN: the package cache stays in the layer",
            ));
        }
    }
    hits
}

/// `yarn install ...`, or `yarn` with options only.
fn is_yarn_install(cmd: &Command) -> bool {
    let c = cmd.unwrapped();
    c.name().rsplit('/').next() == Some("yarn")
        && c.args()
            .iter()
            .find(|a| !a.starts_with('-'))
            .is_none_or(|a| a == "install")
        && !c.has_option(&['v', 'h'], &["version", "help"])
}

/// `yarn cache clean`, or removing yarn's cache directory.
fn cleans_yarn_cache(cmd: &Command) -> bool {
    let c = cmd.unwrapped();
    let name = c.name().rsplit('/').next().unwrap_or("");
    (name == "yarn" && c.has_arg("cache") && c.has_arg("clean"))
        || (name == "rm"
            && c.args().iter().any(|a| {
                let p = a.trim_end_matches(['*', '/']);
                p.ends_with("/.cache")
                    || p.ends_with(".cache/yarn")
                    || p.ends_with(".yarn/cache")
                    || p.contains("yarn-cache")
                    || p.ends_with("/.yarn")
            }))
}

//! AL265: `pip install` in a shipped stage keeps pip's download cache in the layer
//! (hadolint DL3042).

use crate::engine::analysis::edit::insert_after_commands;
use crate::engine::analysis::stages::shipped_runs;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::shell::{has_cache_mount, removes_dir};
use crate::engine::shell::{install, Command};
use crate::engine::syntax::Kw;

declare_rule! {
    /// ## What it does
    /// Checks `pip install` (also `pip2`, `pip3`, `python -m pip`) in the shipped image for a
    /// missing `--no-cache-dir`. It stays quiet when the cache is off or never reaches the
    /// layer: `PIP_NO_CACHE_DIR` set by ENV, ARG or on the command, a cache mount on pip's
    /// cache (`RUN --mount=type=cache,target=/root/.cache/pip`), or `pip cache purge` /
    /// removing `~/.cache` later in the same RUN. Builder stages are not checked.
    ///
    /// ## Why is this bad?
    /// pip keeps every wheel it downloads under `~/.cache/pip`. In an image that cache is dead
    /// weight, often as large as the installed packages themselves, and a later RUN cannot
    /// remove it from the layer that wrote it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install requests==2.32.3
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install --no-cache-dir requests==2.32.3
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3042
    /// - Unlike hadolint, `PIP_NO_CACHE_DIR=0` (or `off`, `no`, `false`) counts as turning the
    ///   cache off: pip does so for any valid boolean there, for backward compatibility.
    code: "AL265",
    name: "pip_install_keeps_cache",
    severity: Warning,
    category: Performance,
    fixable: true,
    aliases: ["DL3042"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    let disabled_at = cache_disabled_at(cx);
    for (index, inst, commands) in shipped_runs(cx) {
        if has_cache_mount(inst, &["/root/.cache"]) || disabled_at.is_some_and(|at| at < index) {
            continue;
        }
        // The pip installs of the RUN, as (command index, whether it keeps the cache).
        let pips: Vec<(usize, bool)> = commands
            .iter()
            .enumerate()
            .filter_map(|(i, c)| install(c).filter(|p| p.manager == "pip").map(|p| (i, c, p)))
            .map(|(i, c, p)| {
                let keeps = !p.has_option(&[], &["no-cache-dir"])
                    && c.env_value("PIP_NO_CACHE_DIR").is_none()
                    && !commands[..i].iter().any(sets_no_cache_dir)
                    && !commands[i + 1..].iter().any(purges_cache)
                    && !removes_dir(&commands[i + 1..], "/root/.cache/pip");
                (i, keeps)
            })
            .collect();
        let failing: Vec<usize> = (0..pips.len()).filter(|&n| pips[n].1).collect();
        if failing.is_empty() {
            continue;
        }
        let mut hit = Hit::new(
            inst.span,
            "`pip install` without `--no-cache-dir`: the downloaded wheels stay in the layer",
        );
        // The fix needs every pip install spelled the same way to know which is which.
        hit.fix = ["pip install", "pip3 install"].iter().find_map(|needle| {
            insert_after_commands(
                cx,
                inst,
                needle,
                pips.len(),
                &failing,
                "Add `--no-cache-dir`",
                " --no-cache-dir",
            )
        });
        hits.push(hit);
    }
    hits
}

/// The first ENV or ARG of a shipped stage that sets `PIP_NO_CACHE_DIR`: the RUNs after it keep
/// no cache (pip reads any valid boolean there, `off` included, as "no cache"). Found once, so
/// a file of thousands of RUNs stays linear.
fn cache_disabled_at(cx: &Checker) -> Option<usize> {
    cx.tree
        .instructions
        .iter()
        .enumerate()
        .position(|(i, inst)| {
            matches!(inst.keyword.kind, Kw::Env | Kw::Arg)
                && inst.pairs.iter().any(|p| p.key == "PIP_NO_CACHE_DIR")
                && cx.stage_of(i).is_some_and(|s| cx.is_shipped(s.index))
        })
}

/// `export PIP_NO_CACHE_DIR=1` earlier in the RUN.
fn sets_no_cache_dir(cmd: &Command) -> bool {
    cmd.name() == "export"
        && cmd
            .args()
            .iter()
            .any(|a| a.starts_with("PIP_NO_CACHE_DIR="))
        || cmd.env_value("PIP_NO_CACHE_DIR").is_some() && cmd.words.is_empty()
}

/// `pip cache purge` or `pip cache remove ...`.
fn purges_cache(cmd: &Command) -> bool {
    let c = cmd.unwrapped();
    let name = c.name().rsplit('/').next().unwrap_or("");
    name.starts_with("pip") && c.has_arg("cache") && (c.has_arg("purge") || c.has_arg("remove"))
}

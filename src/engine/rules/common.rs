//! Check building blocks that several rules instantiate with their own wording (unpinned
//! packages, a missing `-y`, an uncleaned rpm cache): they return `Hit`s, so they belong to the
//! rules; the questions they ask are in `analysis` and `shell`.

use crate::engine::analysis::edit::insert_after_commands;
use crate::engine::analysis::stages::{all_runs, shipped_runs};
use crate::engine::diagnostic::Fix;
use crate::engine::rules::{Checker, Hit};
use crate::engine::shell::{
    has_cache_mount, install, is_rpm_clean, removes_dir, unpinned_packages, Command, Install,
};
use crate::engine::syntax::{Instruction, Span};

/// The RUNs of the shipped image that install with one of `managers` (yum, dnf, zypper ...)
/// and do not clean the cache afterwards in the same RUN (`yum clean all`, `dnf clean all`,
/// `zypper clean`, removing `/var/cache/yum`, `/var/cache/dnf` or `/var/cache/zypp`), unless
/// the RUN cache-mounts the cache.
pub fn rpm_installs_left_uncleaned(cx: &Checker, managers: &[&str]) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (_, run, commands) in shipped_runs(cx) {
        if has_cache_mount(
            run,
            &[
                "/var/cache/yum",
                "/var/cache/dnf",
                "/var/cache/libdnf5",
                "/var/cache/zypp",
            ],
        ) {
            continue;
        }
        let left = commands.iter().enumerate().find_map(|(i, c)| {
            let inst = install(c)?;
            let after = &commands[i + 1..];
            let cleaned = after.iter().any(is_rpm_clean)
                || removes_dir(after, "/var/cache/yum")
                || removes_dir(after, "/var/cache/dnf")
                || removes_dir(after, "/var/cache/zypp");
            (managers.contains(&inst.manager.as_str()) && !cleaned).then_some(inst.manager)
        });
        if let Some(m) = left {
            let all = if m == "zypper" { "" } else { " all" };
            hits.push(Hit::new(
                run.span,
                format!("`{m} install` without `{m} clean{all}` afterwards in the same RUN: the package cache stays in the layer"),
            ));
        }
    }
    hits
}

/// Up to three names in backticks, then how many more (`` `a`, `b`, `c` and 2 more ``).
pub fn name_list(names: &[String]) -> String {
    let mut out = names
        .iter()
        .take(3)
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > 3 {
        out.push_str(&format!(" and {} more", names.len() - 3));
    }
    out
}

/// One finding per RUN whose installations (those `wanted` accepts) name packages that
/// `pinned` does not accept; `message` gets the packages as a list (`` `a`, `b` ``).
pub fn unpinned_package_hits(
    cx: &Checker,
    wanted: impl Fn(&Install) -> bool,
    pinned: impl Fn(&str) -> bool,
    message: impl Fn(&str) -> String,
) -> Vec<Hit> {
    all_runs(cx)
        .filter_map(|(_, inst, commands)| {
            let unpinned = unpinned_packages(commands, &wanted, &pinned);
            (!unpinned.is_empty()).then(|| Hit::new(inst.span, message(&name_list(&unpinned))))
        })
        .collect()
}

/// The package managers of a RUN's installations that lack something, and a fix that inserts
/// it after each of them.
pub struct MissingOption {
    /// The managers as written in the message (`apt-get`), without repeats.
    pub managers: Vec<String>,
    pub fix: Option<Fix>,
}

impl MissingOption {
    /// The finding, with the fix when there is one.
    pub fn hit(&self, span: Span, message: impl Into<String>) -> Hit {
        Hit {
            span,
            message: message.into(),
            fix: self.fix.clone(),
        }
    }
}

/// One finding per RUN whose installs by one of `kinds` (see `installs_missing`) lack a `-y`
/// that `ok` would accept, worded by `message` from the managers; the fix adds `-y`.
pub fn runs_missing_yes(
    cx: &Checker,
    kinds: &[(&str, &str)],
    ok: impl Fn(&Install) -> bool,
    message: impl Fn(&str) -> String,
) -> Vec<Hit> {
    all_runs(cx)
        .filter_map(|(_, inst, commands)| {
            let missing =
                installs_missing(cx, inst, commands, kinds, |_, i| ok(i), "Add `-y`", " -y")?;
            Some(missing.hit(inst.span, message(&missing.managers.join("`/`"))))
        })
        .collect()
}

/// Checks every installation in `commands` by one of `kinds` (a manager and how its install
/// command is written, `("apt-get", "apt-get install")`) with `ok` (given the command's index
/// in `commands`); the fix inserts `insert` after each failing one when the text spells them
/// all as written in `kinds`.
pub fn installs_missing(
    cx: &Checker,
    inst: &Instruction,
    commands: &[Command],
    kinds: &[(&str, &str)],
    ok: impl Fn(usize, &Install) -> bool,
    title: &str,
    insert: &str,
) -> Option<MissingOption> {
    let mut managers: Vec<String> = Vec::new();
    let mut edits = Vec::new();
    let mut fixable = true;
    for (manager, needle) in kinds {
        let installs: Vec<(usize, Install)> = commands
            .iter()
            .enumerate()
            .filter_map(|(k, c)| install(c).map(|i| (k, i)))
            .filter(|(_, i)| i.manager == *manager)
            .collect();
        let failing: Vec<usize> = installs
            .iter()
            .enumerate()
            .filter(|(_, (k, i))| !i.simulates() && !ok(*k, i))
            .map(|(n, _)| n)
            .collect();
        if failing.is_empty() {
            continue;
        }
        managers.push(manager.to_string());
        match insert_after_commands(cx, inst, needle, installs.len(), &failing, title, insert) {
            Some(f) => edits.extend(f.edits),
            None => fixable = false,
        }
    }
    if managers.is_empty() {
        return None;
    }
    Some(MissingOption {
        managers,
        fix: fixable.then(|| Fix {
            title: title.to_string(),
            edits,
        }),
    })
}

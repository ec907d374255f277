//! AL284: a local archive is copied in and unpacked by a later RUN (hadolint DL3010).

use crate::engine::analysis::stages::shipped_runs;
use crate::engine::paths::copy_paths;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::Kw;

declare_rule! {
    /// ## What it does
    /// Reports a `COPY` of a local tar archive (`.tar`, `.tar.gz`, `.tgz`, `.tar.bz2`,
    /// `.tar.xz`, ...) into a shipped stage when a later RUN of the stage unpacks it with
    /// `tar -x`. Archives copied from another stage (`COPY --from`) are left alone, and so are
    /// builder stages.
    ///
    /// ## Why is this bad?
    /// The COPY keeps the archive in its layer for good, next to the files the RUN unpacks
    /// from it: the image carries the same content twice. `ADD` unpacks a local tar archive
    /// as it copies it, in one layer, with no archive left over.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:bookworm-slim
    /// COPY app.tar.gz /opt/
    /// RUN tar -xzf /opt/app.tar.gz -C /opt
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:bookworm-slim
    /// ADD app.tar.gz /opt/
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3010
    code: "AL284",
    name: "archive_copied_then_extracted",
    severity: Info,
    category: Performance,
    fixable: false,
    aliases: ["DL3010"],
    default_enabled: true,
    check: check,
}

const ARCHIVES: &[&str] = &[
    ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar.zst",
];

/// The last component of a path written with `/` or `\` (Windows paths), without the quotes
/// of a quoted word.
fn file_name(path: &str) -> &str {
    let p = path.trim_matches(['"', '\'']).trim_end_matches(['/', '\\']);
    p.rsplit(['/', '\\']).next().unwrap_or(p)
}

fn is_archive(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    ARCHIVES.iter().any(|ext| lower.ends_with(ext))
}

fn check(cx: &Checker) -> Vec<Hit> {
    // Archives copied so far in each stage: (stage, COPY instruction, the names the archive
    // may have once copied: its own and the destination's).
    let mut copied: Vec<(usize, usize, Vec<String>)> = Vec::new();
    for stage in cx.graph.stages.iter().filter(|s| cx.is_shipped(s.index)) {
        for (n, inst) in cx.stage_instructions(stage) {
            if inst.keyword.kind != Kw::Copy || inst.flag("from").is_some() {
                continue;
            }
            let Some((sources, Some(dest))) = copy_paths(inst) else {
                continue;
            };
            let mut names: Vec<String> = sources
                .iter()
                .map(|s| file_name(s))
                .filter(|s| is_archive(s))
                .map(str::to_string)
                .collect();
            if names.is_empty() {
                continue;
            }
            if is_archive(file_name(&dest)) {
                names.push(file_name(&dest).to_string());
            }
            copied.push((stage.index, n, names));
        }
    }
    // The COPYs whose archive a later RUN of the same stage unpacks.
    let mut unpacked: Vec<usize> = Vec::new();
    for (run, _, commands) in shipped_runs(cx) {
        let Some(stage) = cx.stage_of(run).map(|s| s.index) else {
            continue;
        };
        for c in commands {
            let c = c.unwrapped();
            if c.name().rsplit('/').next() != Some("tar") || !extracts(c.args()) {
                continue;
            }
            for name in c.args().iter().map(|a| file_name(a)) {
                for (s, copy, names) in &copied {
                    if *s == stage
                        && *copy < run
                        && names.iter().any(|n| n == name)
                        && !unpacked.contains(copy)
                    {
                        unpacked.push(*copy);
                    }
                }
            }
        }
    }
    crate::engine::sort::sort_by(&mut unpacked, |a, b| a.cmp(b));
    unpacked
        .into_iter()
        .map(|n| {
            Hit::new(
                cx.tree.instructions[n].span,
                "this COPY brings an archive that a later RUN unpacks: ADD unpacks it in one layer, with no archive left",
            )
        })
        .collect()
}

/// Whether tar's arguments ask to extract (`-x`, `-xzf`, `xf`, `--extract`, `--get`).
fn extracts(args: &[String]) -> bool {
    args.iter().enumerate().any(|(i, a)| {
        a == "--extract"
            || a == "--get"
            || (a.starts_with('-') && !a.starts_with("--") && a.contains('x'))
            || (i == 0
                && !a.starts_with('-')
                && a.contains('x')
                && a.bytes().all(|b| b.is_ascii_alphabetic()))
    })
}

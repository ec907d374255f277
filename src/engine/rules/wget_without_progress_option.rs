//! AL269: GNU `wget` without a progress setting fills the build log (hadolint DL3047).

use crate::engine::analysis::stages::{along_chains, is_busybox_based, parent_stage, stage_runs};
use crate::engine::graph::Stage;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::shell::{install, Command};

declare_rule! {
    /// ## What it does
    /// Checks `wget` in RUN for a missing `--progress=...`, `-q` (`--quiet`), `-nv`
    /// (`--no-verbose`) or `-o`/`-a` log file. Stages on Alpine or BusyBox images (by name,
    /// or because they run `apk`) are skipped unless they install GNU wget: BusyBox's applet
    /// draws a compact bar and knows none of these options. Downloads of signatures and
    /// checksums only (`.asc`, `.sha256` ...) are too small to matter.
    ///
    /// ## Why is this bad?
    /// Without a terminal, GNU wget falls back to its "dot" progress display: a line for
    /// every 50 KB. Downloading a few hundred megabytes writes thousands of lines, which
    /// buries the useful part of the build log and can hit CI log limits.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN wget https://example.com/release-1.2.3.tar.gz
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN wget --progress=dot:giga https://example.com/release-1.2.3.tar.gz
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3047
    code: "AL269",
    name: "wget_without_progress_option",
    severity: Info,
    category: Style,
    fixable: false,
    aliases: ["DL3047"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    // Whether a stage or one it is built on runs apk, and installs GNU wget, stage by stage.
    let found = |s: &Stage, what: fn(&Command) -> bool| {
        stage_runs(cx, s).any(|(_, _, c)| c.iter().any(what))
    };
    let apk = along_chains(cx, |s, inherited: Option<&bool>| {
        inherited == Some(&true) || found(s, |c| c.unwrapped().name() == "apk")
    });
    let wget = along_chains(cx, |s, inherited: Option<&bool>| {
        inherited == Some(&true) || found(s, installs_wget)
    });
    for stage in &cx.graph.stages {
        // An Alpine stage, by its image's name or by its use of apk, has BusyBox's wget
        // until it installs GNU wget (possibly in a stage it is built on).
        let mut gnu = !(is_busybox_based(cx, stage.index) || apk[stage.index])
            || parent_stage(stage).is_some_and(|p| wget[p]);
        for (_, inst, commands) in stage_runs(cx, stage) {
            let mut noisy = false;
            for c in commands {
                gnu |= installs_wget(c);
                noisy |= gnu && noisy_wget(c);
            }
            if noisy {
                hits.push(Hit::new(
                    inst.span,
                    "`wget` without `--progress=dot:giga`, `-q` or `-nv`: its progress writes a line per 50 KB to the build log",
                ));
            }
        }
    }
    hits
}

fn noisy_wget(cmd: &Command) -> bool {
    let c = cmd.unwrapped();
    c.name().rsplit('/').next() == Some("wget")
        && !c.args().is_empty()
        && !c.has_option(
            &['q', 'o', 'a'],
            &[
                "progress",
                "quiet",
                "no-verbose",
                "output-file",
                "append-output",
                "version",
                "help",
                "spider",
            ],
        )
        && !c.has_arg("-nv")
        && !c.has_arg("-V")
        && !c.has_arg("-h")
        && !only_small_files(&c)
}

/// Whether every URL the command fetches is a signature or checksum file: a few lines of
/// progress at most.
fn only_small_files(cmd: &Command) -> bool {
    const SMALL: &[&str] = &[
        ".asc",
        ".sig",
        ".sign",
        ".gpg",
        ".pem",
        ".sha1",
        ".sha256",
        ".sha512",
        ".md5",
        "SUMS",
        ".sha256sum",
        ".sha512sum",
        ".sha256sums",
    ];
    let urls: Vec<&String> = cmd.args().iter().filter(|a| a.contains("://")).collect();
    !urls.is_empty()
        && urls.iter().all(|u| {
            SMALL
                .iter()
                .any(|s| u.trim_end_matches(['"', '\'']).ends_with(s))
        })
}

fn installs_wget(cmd: &Command) -> bool {
    install(cmd).is_some_and(|i| {
        i.packages
            .iter()
            .any(|p| p == "wget" || p.starts_with("wget="))
    })
}

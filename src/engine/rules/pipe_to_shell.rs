//! AL116: a downloaded script is piped straight into a shell.

use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::Kw;

declare_rule! {
    /// ## What it does
    /// Checks RUN for a download piped into an interpreter (`curl ... | sh`,
    /// `wget -qO- ... | sudo bash`, `curl ... | python3 -`) and for `sh -c "$(curl ...)"` and
    /// `bash <(curl ...)`.
    ///
    /// ## Why is this bad?
    /// The script is run as it arrives, unverified: whatever the server (or anyone between)
    /// sends today runs as root in the build, and the next build may run something else. A
    /// failed download can even run half a script. Download to a file, check its checksum,
    /// then run it; or use a pinned package or release artifact.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM cleanstart-golang:1.21-builder AS builder
    /// RUN curl -fsSL https://example.com/install.sh | sh
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM cleanstart-golang:1.21-builder AS builder
    /// RUN curl -fsSLo /tmp/install.sh https://example.com/v1.2.3/install.sh \
    ///  && echo "<sha256>  /tmp/install.sh" | sha256sum -c - \
    ///  && sh /tmp/install.sh
    /// ```
    code: "AL116",
    name: "pipe_to_shell",
    severity: Warning,
    category: Hermeticity,
    fixable: false,
    aliases: [],
    default_enabled: true,
    check: check,
}

const SHELLS: &[&str] = &[
    "sh", "bash", "dash", "ash", "zsh", "ksh", "python", "python3", "perl", "ruby", "node",
];

fn is_download(name: &str) -> bool {
    matches!(name, "curl" | "wget" | "fetch")
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (n, inst) in cx
        .tree
        .instructions
        .iter()
        .enumerate()
        .filter(|(_, i)| i.keyword.kind == Kw::Run)
    {
        let commands = cx.commands(n);
        let mut downloading = None;
        let mut found = None;
        for (i, c) in commands.iter().enumerate() {
            let u = c.unwrapped();
            let name = u.name().rsplit('/').next().unwrap_or("");
            if c.joined_by != "|" {
                downloading = None;
            }
            if is_download(name) {
                downloading = Some(name.to_string());
            }
            let is_shell = SHELLS.contains(&name);
            if is_shell && c.joined_by == "|" {
                if let Some(d) = &downloading {
                    found = Some(format!("`{d} ... | {name}`"));
                    break;
                }
            }
            // `sh -c "$(curl ...)"` and `bash <(curl ...)`.
            if is_shell {
                let substituted = u.args().iter().any(|a| {
                    ["$(curl", "$(wget", "`curl", "`wget"]
                        .iter()
                        .any(|p| a.contains(p))
                });
                let process = u.args().last().is_some_and(|a| a == "<")
                    && commands
                        .get(i + 1)
                        .is_some_and(|n| n.joined_by == "(" && is_download(n.name()));
                if substituted || process {
                    found = Some(format!("`{name}` running a downloaded script"));
                    break;
                }
            }
        }
        if let Some(what) = found {
            hits.push(Hit::new(
                inst.span,
                format!("{what}: the script runs unverified"),
            ));
        }
    }
    hits
}

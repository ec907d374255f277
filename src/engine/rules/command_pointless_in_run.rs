//! AL282: a RUN calls a command that makes no sense while building an image (hadolint DL3001).

use crate::engine::analysis::stages::all_runs;
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Reports RUN instructions that call a command meant for a running, interactive system:
    /// `ssh`, `vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount` or
    /// `ifconfig`. Installing such a tool (`apt-get install ssh`) is fine.
    ///
    /// ## Why is this bad?
    /// A build step runs once, without a terminal, and keeps only the files it writes:
    /// a service started there is gone in the next step, `top` or `vim` wait for a user who
    /// never comes, and `mount` or `shutdown` need privileges a build does not have. Start
    /// services from CMD or ENTRYPOINT, and use RUN for what changes the filesystem.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:bookworm-slim
    /// RUN service nginx start
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:bookworm-slim
    /// CMD ["nginx", "-g", "daemon off;"]
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3001
    code: "AL282",
    name: "command_pointless_in_run",
    severity: Info,
    category: Correctness,
    fixable: false,
    aliases: ["DL3001"],
    default_enabled: true,
    check: check,
}

const COMMANDS: &[&str] = &[
    "ssh", "vim", "shutdown", "service", "ps", "free", "top", "kill", "mount", "ifconfig",
];

fn check(cx: &Checker) -> Vec<Hit> {
    all_runs(cx)
        .filter_map(|(_, inst, commands)| {
            let name = commands.iter().find_map(|c| {
                let c = c.unwrapped();
                let name = c.name().rsplit('/').next().unwrap_or("");
                COMMANDS.contains(&name).then(|| name.to_string())
            })?;
            Some(Hit::new(
                inst.span,
                format!("`{name}` makes no sense in a build step: nothing runs or waits there"),
            ))
        })
        .collect()
}

//! AL236: `apt-get install` without `-y` (hadolint DL3014).

use crate::engine::analysis::stages::all_runs;
use crate::engine::rules::common::installs_missing;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::shell::{Command, Install};

declare_rule! {
    /// ## What it does
    /// Reports `apt-get install` (and `apt install`) without `-y`. `--yes`, `--assume-yes`,
    /// `-qq` (which implies `-y`), `-o APT::Get::Assume-Yes=true`, piping `yes` into it and an
    /// `Assume-Yes` setting written earlier in the stage all count.
    ///
    /// A simulated install (`apt-get install -s`, `--simulate`, `--dry-run`) asks nothing and
    /// installs nothing, so it is not reported (hadolint's DL3014 and DL3015 report it): the
    /// postgres image tests `if apt-get install -s "postgresql-$PG_MAJOR-jit"` this way.
    ///
    /// ## Why is this bad?
    /// A build has no terminal: when apt asks "Do you want to continue? [Y/n]" it reads end
    /// of input and aborts, so the build fails as soon as an install pulls in a dependency.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// RUN apt-get update && apt-get install curl
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM ubuntu:24.04
    /// RUN apt-get update && apt-get install -y curl
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3014, <https://github.com/hadolint/hadolint/wiki/DL3014>
    code: "AL236",
    name: "apt_get_install_without_yes",
    severity: Warning,
    category: Correctness,
    fixable: true,
    aliases: ["DL3014"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut configured = false;
    for (_, inst, commands) in all_runs(cx) {
        // `echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/90yes` answers for later
        // installs too.
        configured |= cx.text(inst.span).contains("Assume-Yes");
        if configured {
            continue;
        }
        let Some(missing) = installs_missing(
            cx,
            inst,
            commands,
            &[("apt-get", "apt-get install"), ("apt", "apt install")],
            |k, i| answers_yes(commands, k, i),
            "Add `-y`",
            " -y",
        ) else {
            continue;
        };
        hits.push(missing.hit(
            inst.span,
            format!(
                "`{} install` without `-y` aborts at its first question",
                missing.managers.join("`/`")
            ),
        ));
    }
    hits
}

fn answers_yes(commands: &[Command], k: usize, i: &Install) -> bool {
    let piped_yes =
        commands[k].joined_by == "|" && k > 0 && commands[k - 1].unwrapped().name() == "yes";
    piped_yes
        || i.has_option(&['y'], &["yes", "assume-yes"])
        || i.short_count('q') + i.options.iter().filter(|o| *o == "--quiet").count() >= 2
        || i.options.iter().any(|o| o == "-q=2" || o == "--quiet=2")
}

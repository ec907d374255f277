//! AL248: `yum install` without `-y` (hadolint DL3030).

use crate::engine::analysis::stages::all_runs;
use crate::engine::rules::common::installs_missing;
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Reports `yum install` (and `groupinstall`, `localinstall`) without `-y` or
    /// `--assumeyes`. An `assumeyes` setting written earlier in the file counts.
    ///
    /// ## Why is this bad?
    /// A build has no terminal: when yum asks "Is this ok [y/N]" it reads end of input,
    /// takes the default "no" and exits with an error, so the build fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install httpd-2.4.6 && yum clean all
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM centos:7
    /// RUN yum install -y httpd-2.4.6 && yum clean all
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3030, <https://github.com/hadolint/hadolint/wiki/DL3030>
    code: "AL248",
    name: "yum_install_without_yes",
    severity: Warning,
    category: Correctness,
    fixable: true,
    aliases: ["DL3030"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut configured = false;
    for (_, inst, commands) in all_runs(cx) {
        // `echo assumeyes=1 >> /etc/yum.conf` answers for later installs too.
        configured |= cx.text(inst.span).contains("assumeyes=");
        if configured {
            continue;
        }
        let Some(missing) = installs_missing(
            cx,
            inst,
            commands,
            &[("yum", "yum install")],
            |_, i| i.has_option(&['y'], &["assumeyes"]),
            "Add `-y`",
            " -y",
        ) else {
            continue;
        };
        hits.push(missing.hit(
            inst.span,
            "`yum install` without `-y` aborts at its first question",
        ));
    }
    hits
}

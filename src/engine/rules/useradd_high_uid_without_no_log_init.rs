//! AL268: `useradd` with a high UID and without `--no-log-init` (hadolint DL3046).

use crate::engine::analysis::edit::insert_after_commands;
use crate::engine::analysis::stages::shipped_runs;
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Checks `useradd` in the shipped image for a UID of six digits or more (`-u 100000`)
    /// given without `-l` (`--no-log-init`). UIDs given as variables are not judged.
    ///
    /// ## Why is this bad?
    /// `useradd` reserves a record for the new UID in `/var/log/lastlog` and
    /// `/var/log/faillog`, files indexed by UID. On disk they are sparse, but image layers do
    /// not keep holes: a UID in the millions turns into hundreds of megabytes or gigabytes
    /// of zeros in the layer. `--no-log-init` skips those records.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN useradd -u 1000000 app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12-slim
    /// RUN useradd --no-log-init -u 1000000 app
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3046
    /// - <https://github.com/moby/moby/issues/5419>
    code: "AL268",
    name: "useradd_high_uid_without_no_log_init",
    severity: Warning,
    category: Performance,
    fixable: true,
    aliases: ["DL3046"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (_, inst, commands) in shipped_runs(cx) {
        let useradds: Vec<_> = commands
            .iter()
            .map(|c| c.unwrapped())
            .filter(|c| c.name().rsplit('/').next() == Some("useradd"))
            .collect();
        // The first useradd with a high UID and no `-l`, by its place among the useradds.
        let found = useradds.iter().enumerate().find_map(|(n, c)| {
            if c.has_option(&['l'], &["no-log-init"]) {
                return None;
            }
            let uid = c.option_value('u', "uid")?;
            (uid.len() > 5 && uid.bytes().all(|b| b.is_ascii_digit())).then(|| (n, uid.to_string()))
        });
        let Some((n, uid)) = found else {
            continue;
        };
        let mut hit = Hit::new(
            inst.span,
            format!("`useradd -u {uid}` without `--no-log-init`: the lastlog and faillog records for this UID add a large file of zeros to the layer"),
        );
        hit.fix = insert_after_commands(
            cx,
            inst,
            "useradd",
            useradds.len(),
            &[n],
            "Add `--no-log-init`",
            " --no-log-init",
        );
        hits.push(hit);
    }
    hits
}

//! AL112: files copied with a mode the image's non-root user cannot read or run.

use crate::engine::analysis::user::{is_root, user_part, user_value};
use crate::engine::paths::{copy_paths, normalize_path};
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::Kw;

declare_rule! {
    /// ## What it does
    /// Checks COPY and ADD in the stages that ship for a `--chmod` that does not let the
    /// image's last USER read the files: the owner bits count when the user is the owner
    /// (`--chown`, root when absent), the group bits when the group matches, the "other" bits
    /// otherwise. A program the image runs (its ENTRYPOINT or CMD) must also be executable.
    ///
    /// ## Why is this bad?
    /// The copy succeeds and the build passes, but the container fails at start with
    /// `permission denied`: `--chmod=700` on a root-owned binary leaves nothing for UID 65532.
    /// Give others read (and execute for programs and directories), e.g. `--chmod=0555`, or
    /// `--chown` the files to the runtime user.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM cleanstart-golang:1.21-builder AS builder
    /// RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app
    /// FROM cleanstart-golang:1.21-prod
    /// COPY --from=builder --chmod=700 /out/app /usr/local/bin/app
    /// USER 65532
    /// ENTRYPOINT ["/usr/local/bin/app"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM cleanstart-golang:1.21-builder AS builder
    /// RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app
    /// FROM cleanstart-golang:1.21-prod
    /// COPY --from=builder --chmod=0555 /out/app /usr/local/bin/app
    /// USER 65532
    /// ENTRYPOINT ["/usr/local/bin/app"]
    /// ```
    code: "AL112",
    name: "artifact_unreadable_by_runtime_user",
    severity: Warning,
    category: Correctness,
    fixable: false,
    aliases: [],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let shipped = cx.shipped_instructions();
    let Some(user) = shipped.iter().rev().find_map(|(_, i)| user_value(i)) else {
        return Vec::new();
    };
    if is_root(user) || user.contains('$') || user.is_empty() {
        return Vec::new();
    }
    let uid = canonical(user_part(user));
    let gid = user.split_once(':').map(|(_, g)| canonical(g.trim()));
    let program = shipped
        .iter()
        .rev()
        .find(|(_, i)| matches!(i.keyword.kind, Kw::Entrypoint | Kw::Cmd))
        .and_then(|(_, i)| {
            i.args
                .values()
                .first()
                .map(|v| v.split_whitespace().next().unwrap_or("").to_string())
        });
    let mut hits = Vec::new();
    for (_, inst) in &shipped {
        let Some(mode) = inst.flag("chmod").and_then(|f| f.value.as_deref()) else {
            continue;
        };
        let Some(bits) = octal(mode) else {
            continue;
        };
        let chown = inst
            .flag("chown")
            .and_then(|f| f.value.as_deref())
            .unwrap_or("0:0");
        if chown.contains('$') {
            continue;
        }
        let owner = canonical(user_part(chown));
        let group = chown
            .split_once(':')
            .map_or(owner, |(_, g)| canonical(g.trim()));
        // A name against a number cannot be compared without the image's /etc/passwd.
        if is_numeric(owner) != is_numeric(uid) {
            continue;
        }
        let (who, perm) = if owner == uid {
            ("as the owner", (bits >> 6) & 7)
        } else if gid.is_some_and(|g| g == group) {
            ("through the group", (bits >> 3) & 7)
        } else {
            ("as others", bits & 7)
        };
        let owner_name = if owner == "0" { "root" } else { owner };
        let dest = copy_paths(inst).and_then(|(_, d)| d).unwrap_or_default();
        let runs_it = program.as_deref().is_some_and(|p| {
            !p.is_empty()
                && (normalize_path(&dest) == normalize_path(p)
                    || (dest.ends_with('/') && p.starts_with(&dest)))
        });
        let problem = if perm & 4 == 0 {
            Some("cannot read them")
        } else if runs_it && perm & 1 == 0 {
            Some("cannot run the program")
        } else {
            None
        };
        if let Some(problem) = problem {
            hits.push(Hit::new(
                inst.span,
                format!("`--chmod={mode}` on files owned by {owner_name}: USER `{user}` ({who}) {problem}"),
            ));
        }
    }
    hits
}

/// Names whose UID is the same in every image that has them, as that UID.
fn canonical(user: &str) -> &str {
    match user {
        "root" => "0",
        "nonroot" => "65532",
        "nobody" => "65534",
        u => u,
    }
}

fn is_numeric(user: &str) -> bool {
    !user.is_empty() && user.bytes().all(|b| b.is_ascii_digit())
}

/// An octal mode (`755`, `0700`), if the value is one.
fn octal(mode: &str) -> Option<u32> {
    (!mode.is_empty() && mode.len() <= 4 && mode.bytes().all(|b| (b'0'..=b'7').contains(&b)))
        .then(|| u32::from_str_radix(mode, 8).ok())
        .flatten()
}

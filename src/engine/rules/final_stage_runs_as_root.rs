//! AL104: the image that ships runs as root.

use crate::engine::analysis::edit::{fix, insert_line_after, insert_line_before};
use crate::engine::analysis::stages::is_windows;
use crate::engine::analysis::user::{is_root, user_value};
use crate::engine::diagnostic::Edit;
use crate::engine::graph::Base;
use crate::engine::paths::{base_name, copy_paths};
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::{Args, Instruction, Kw};

declare_rule! {
    /// ## What it does
    /// Checks that the image `docker build` ships switches to a non-root user: the last USER
    /// of the target stage (or of the stages it is built on) must exist and not be `root` or `0`.
    /// USER instructions in builder stages do not count: they are not in the image. Bases that
    /// already run as non-root (distroless `:nonroot` tags, Chainguard images) pass without one,
    /// and so do images made as bases for others (no command, or a bare interpreter or shell
    /// as CMD) and images whose entrypoint drops privileges with `gosu`/`su-exec`/`setpriv`.
    /// An explicit `USER root` always fires.
    ///
    /// An entrypoint also drops privileges when `gosu` or `su-exec` is copied in
    /// (`COPY --from=gosu /gosu /usr/local/bin/`), and so does the base's when the command is
    /// `postgres`, which refuses to run as root. A target that is a dev or test image (role
    /// dev or test in the graph: named `dev`, `development`, `dev-envs`, `debug`, `test`, `ci`,
    /// `lint`, ..., or whose default command builds or tests) ships nothing and is not checked.
    ///
    /// ## Why is this bad?
    /// A process running as root in a container is root on the container's filesystem, and one
    /// kernel or runtime bug away from root on the host. Kubernetes' `runAsNonRoot` refuses such
    /// images. The builder pattern ends with `USER 65532` (the conventional `nonroot` UID of
    /// distroless and CleanStart -prod images).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// RUN go build -o /app .
    /// FROM gcr.io/distroless/static-debian12
    /// COPY --from=build /app /app
    /// ENTRYPOINT ["/app"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// RUN go build -o /app .
    /// FROM gcr.io/distroless/static-debian12
    /// COPY --from=build /app /app
    /// USER 65532
    /// ENTRYPOINT ["/app"]
    /// ```
    code: "AL104",
    name: "final_stage_runs_as_root",
    severity: Warning,
    category: Security,
    fixable: true,
    aliases: ["DL3002"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let Some(target) = cx.shipped_target().filter(|t| !is_windows(cx, t.index)) else {
        return Vec::new();
    };
    let shipped = cx.shipped_instructions();
    let last_user = shipped
        .iter()
        .enumerate()
        .rev()
        .find_map(|(at, (_, i))| user_value(i).map(|v| (at, i, v)));
    match last_user {
        Some((at, inst, value)) if is_root(value) => {
            let hit = Hit::new(
                inst.span,
                format!("the image runs as root: the last USER is `{value}`"),
            );
            // When no RUN follows, the USER decides only who the container runs as, so it can
            // name the nonroot UID itself; otherwise the build's later steps keep their root.
            let runs_after = shipped[at..].iter().any(|(_, i)| i.keyword.kind == Kw::Run);
            let uid = cx.config.non_root_uid();
            let edit = match (&inst.args, shipped.last()) {
                (Args::Shell { span, .. }, _) if !runs_after => Some((
                    format!("Run as `{uid}` (non-root) instead of root"),
                    Edit {
                        span: *span,
                        replacement: uid.to_string(),
                    },
                )),
                (_, Some((_, last))) => Some((
                    format!("Add `USER {uid}` (non-root) at the end"),
                    insert_line_after(cx, last, &format!("USER {uid}")),
                )),
                _ => None,
            };
            vec![match edit {
                Some((title, edit)) => hit.with_fix(fix(title, edit)),
                None => hit,
            }]
        }
        Some(_) => Vec::new(),
        None if runs_as_nonroot_by_default(cx, target.index) => Vec::new(),
        None if builds_a_base_image(&shipped) || drops_privileges(cx, &shipped) => Vec::new(),
        None => {
            let from = &cx.tree.instructions[target.instructions.start];
            // Before the command the image runs, or after the last instruction.
            let stage: Vec<_> = cx.stage_instructions(target).collect();
            let user = format!("USER {}", cx.config.non_root_uid());
            let edit = match stage
                .iter()
                .find(|(_, i)| matches!(i.keyword.kind, Kw::Cmd | Kw::Entrypoint))
            {
                Some((_, run)) => insert_line_before(cx, run, &user),
                None => insert_line_after(cx, stage.last().map_or(from, |(_, i)| i), &user),
            };
            vec![Hit::new(
                from.span,
                "the image runs as root: no USER in the shipped stage",
            )
            .with_fix(fix(format!("Add `{user}` (non-root)"), edit))]
        }
    }
}

/// Images whose configuration already sets a non-root user: distroless `nonroot` tags and
/// Chainguard's non-dev images (UID 65532).
fn runs_as_nonroot_by_default(cx: &Checker, stage: usize) -> bool {
    let (_, base) = cx.resolved_base(stage);
    let Base::Image { image, .. } = base else {
        return false;
    };
    let tag = image.tag.as_deref().unwrap_or("latest");
    let name = image.name();
    (name.contains("distroless") && tag.contains("nonroot"))
        || (name.starts_with("cgr.dev/chainguard/") && !tag.contains("dev"))
}

/// The image is a base for others: it sets no command (an entrypoint wrapper script alone does
/// not count), or only a bare interpreter or shell (`CMD ["python3"]`, `CMD ["bash"]`,
/// `php -a`), so the images built on it choose the user.
fn builds_a_base_image(shipped: &[(usize, &Instruction)]) -> bool {
    const INTERPRETERS: &[&str] = &[
        "sh",
        "bash",
        "ash",
        "zsh",
        "python",
        "python3",
        "node",
        "jshell",
        "irb",
        "php",
        "ruby",
        "perl",
        "pwsh",
        "powershell",
        "ghci",
        "erl",
        "iex",
    ];
    let command = shipped
        .iter()
        .rev()
        .find(|(_, i)| i.keyword.kind == Kw::Cmd);
    let entrypoint = shipped
        .iter()
        .rev()
        .find(|(_, i)| i.keyword.kind == Kw::Entrypoint);
    // A wrapper script (`docker-entrypoint.sh`) prepares the container and runs the command.
    let wrapper = entrypoint.is_some_and(|(_, e)| {
        e.args
            .values()
            .first()
            .is_some_and(|p| p.rsplit('/').next().unwrap_or(p).contains("entrypoint"))
    });
    let has_entrypoint = entrypoint.is_some() && !wrapper;
    let Some((_, cmd)) = command else {
        return !has_entrypoint;
    };
    let words: Vec<String> = match &cmd.args {
        Args::Exec { elements, .. } => elements.iter().map(|e| e.value.to_string()).collect(),
        Args::Shell { text, .. } => text.split_whitespace().map(str::to_string).collect(),
    };
    match words.split_first() {
        Some((program, rest)) => {
            let name = program.rsplit('/').next().unwrap_or(program);
            INTERPRETERS.contains(&name) && rest.iter().all(|a| matches!(a.as_str(), "-a" | "-i"))
        }
        None => !has_entrypoint,
    }
}

/// An entrypoint that drops to another user itself: the image installs `gosu`, `su-exec` or
/// `setpriv` (with a RUN, or by copying the binary in) and has an ENTRYPOINT (the pattern of
/// the official database images); or its command is `postgres`, which refuses to run as root,
/// so the base image's entrypoint must switch user.
fn drops_privileges(cx: &Checker, shipped: &[(usize, &Instruction)]) -> bool {
    const DROPPERS: &[&str] = &["gosu", "su-exec", "setpriv"];
    let has_entrypoint = shipped
        .iter()
        .any(|(_, i)| i.keyword.kind == Kw::Entrypoint);
    let installs = shipped.iter().any(|(n, i)| match i.keyword.kind {
        Kw::Run => cx
            .commands(*n)
            .iter()
            .any(|c| c.words.iter().any(|w| DROPPERS.contains(&w.as_str()))),
        Kw::Copy | Kw::Add => copy_paths(i).is_some_and(|(sources, dest)| {
            sources
                .iter()
                .chain(dest.iter())
                .any(|p| DROPPERS.contains(&base_name(p)))
        }),
        _ => false,
    });
    let command = shipped
        .iter()
        .rev()
        .find(|(_, i)| i.keyword.kind == Kw::Cmd)
        .and_then(|(_, i)| i.args.values().first().map(|p| base_name(p).to_string()));
    (has_entrypoint && installs) || command.as_deref() == Some("postgres")
}

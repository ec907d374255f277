//! AL105: the shipped USER is a name, not a numeric UID.

use crate::engine::analysis::edit::fix;
use crate::engine::analysis::stages::is_windows;
use crate::engine::analysis::user::{is_numeric_uid, is_root, user_part, user_value};
use crate::engine::diagnostic::Edit;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::Args;

declare_rule! {
    /// ## What it does
    /// Checks that the last USER of the shipped image is a numeric UID (`65532`, `1000:1000`)
    /// rather than a user name (`nonroot`, `app`).
    ///
    /// Only that last USER counts, where hadolint's DL3066 reports every USER with a name: one
    /// in a builder stage, or one the image switches away from, never decides who the container
    /// runs as. `USER root` is AL104's finding, a user held in a variable is not judged, and
    /// Windows images are not checked: their accounts (`ContainerUser`) have no numeric form.
    ///
    /// ## Why is this bad?
    /// Kubernetes' `runAsNonRoot` can only verify a numeric UID: with a name it cannot tell
    /// whether the user is root and refuses to start the pod. A name also depends on
    /// `/etc/passwd` in the image, which minimal images may not have.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM gcr.io/distroless/static-debian12
    /// USER nonroot
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM gcr.io/distroless/static-debian12
    /// USER 65532
    /// ```
    code: "AL105",
    name: "user_by_name_not_uid",
    severity: Info,
    category: Security,
    fixable: true,
    aliases: ["DL3066"],
    default_enabled: true,
    check: check,
}

/// Names whose UID is the same in every image that has them.
const KNOWN: &[(&str, &str)] = &[("nonroot", "65532"), ("nobody", "65534")];

fn check(cx: &Checker) -> Vec<Hit> {
    if cx.shipped_target().is_none_or(|t| is_windows(cx, t.index)) {
        return Vec::new();
    }
    let shipped = cx.shipped_instructions();
    let Some((inst, value)) = shipped
        .iter()
        .rev()
        .find_map(|(_, i)| user_value(i).map(|v| (*i, v)))
    else {
        return Vec::new();
    };
    let user = user_part(value);
    if is_numeric_uid(value) || is_root(value) || user.contains('$') || user.is_empty() {
        return Vec::new();
    }
    let mut hit = Hit::new(
        inst.span,
        format!("USER `{user}` is a name: Kubernetes runAsNonRoot needs a numeric UID"),
    );
    if let (Some((_, uid)), Args::Shell { span, .. }) =
        (KNOWN.iter().find(|(n, _)| *n == user), &inst.args)
    {
        let group = value
            .split_once(':')
            .map(|(_, g)| KNOWN.iter().find(|(n, _)| *n == g).map_or(g, |(_, id)| id));
        let replacement = match group {
            Some(g) => format!("{uid}:{g}"),
            None => uid.to_string(),
        };
        hit = hit.with_fix(fix(
            format!("Use UID {replacement}"),
            Edit {
                span: *span,
                replacement,
            },
        ));
    }
    vec![hit]
}

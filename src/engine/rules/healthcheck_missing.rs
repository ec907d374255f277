//! AL270: the shipped image has no HEALTHCHECK (hadolint DL3057); off by default.

use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::Kw;

declare_rule! {
    /// ## What it does
    /// Reports a target image that neither it nor any stage it is built on gives a
    /// `HEALTHCHECK` (`HEALTHCHECK NONE` counts as a decision). Builder stages are never
    /// checked. Off by default: a health check from the base image is invisible here, and
    /// orchestrators such as Kubernetes ignore `HEALTHCHECK` in favour of their own probes,
    /// so the finding is only useful where plain Docker, Compose or Swarm run the image.
    ///
    /// ## Why is this bad?
    /// Without a health check, Docker reports a container as running as long as its process
    /// exists, even when it has stopped answering. Compose's `depends_on: service_healthy`
    /// and Swarm's rolling updates rely on it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27-alpine
    /// COPY site/ /usr/share/nginx/html/
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.27-alpine
    /// COPY site/ /usr/share/nginx/html/
    /// HEALTHCHECK CMD wget -q --spider http://localhost/ || exit 1
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3057
    code: "AL270",
    name: "healthcheck_missing",
    severity: Info,
    category: Correctness,
    fixable: false,
    aliases: ["DL3057"],
    default_enabled: false,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let Some(target) = cx.shipped_target() else {
        return Vec::new();
    };
    let has_healthcheck = cx
        .shipped_instructions()
        .iter()
        .any(|(_, i)| i.keyword.kind == Kw::Healthcheck);
    if has_healthcheck {
        return Vec::new();
    }
    vec![Hit::new(
        target.from_span,
        format!(
            "the image built from stage `{}` has no HEALTHCHECK: Docker cannot tell a hung container from a healthy one",
            target.label()
        ),
    )]
}

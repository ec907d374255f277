//! AL217: an EXPOSE protocol not in lower case (BuildKit's ExposeProtoCasing).

use crate::engine::analysis::edit::fix;
use crate::engine::analysis::stages::expose_ports;
use crate::engine::diagnostic::Edit;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::Span;

declare_rule! {
    /// ## What it does
    /// Reports `EXPOSE` ports whose protocol is not written in lower case (`80/TCP`).
    ///
    /// ## Why is this bad?
    /// The builder lower-cases the protocol anyway; writing it as the image config and `docker
    /// run -p` spell it keeps the file consistent with them.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// EXPOSE 80/TCP 53/Udp
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// EXPOSE 80/tcp 53/udp
    /// ```
    ///
    /// ## References
    /// - BuildKit: ExposeProtoCasing, <https://docs.docker.com/reference/build-checks/expose-proto-casing/>
    code: "AL217",
    name: "expose_protocol_not_lowercase",
    severity: Warning,
    category: Style,
    fixable: true,
    aliases: ["ExposeProtoCasing"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for word in expose_ports(cx) {
        let Some(slash) = word.text.find('/') else {
            continue;
        };
        let proto = &word.text[slash + 1..];
        let lower = proto.to_ascii_lowercase();
        // Only the same text in the source can be edited in place (no continuation inside).
        if proto == lower || cx.text(word.span) != word.text {
            continue;
        }
        let at = word.span.start + slash + 1;
        hits.push(
            Hit::new(
                word.span,
                format!(
                    "protocol `{proto}` in `EXPOSE {}` is not in lower case",
                    word.text
                ),
            )
            .with_fix(fix(
                format!("Write `{lower}`"),
                Edit {
                    span: Span::new(at, word.span.end),
                    replacement: lower,
                },
            )),
        );
    }
    hits
}

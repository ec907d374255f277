//! AL218: EXPOSE with an IP address or a host port (BuildKit's ExposeInvalidFormat).

use crate::engine::analysis::edit::fix;
use crate::engine::analysis::stages::expose_ports;
use crate::engine::diagnostic::Edit;
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Reports `EXPOSE` ports written as a `docker run -p` mapping: `8080:80` or
    /// `127.0.0.1:8080:80`.
    ///
    /// ## Why is this bad?
    /// `EXPOSE` only records which ports the container listens on. The builder drops the host
    /// address and host port without a word, so the mapping the line promises never happens;
    /// BuildKit says this will become an error. Publishing is decided at `docker run -p`.
    ///
    /// The fix keeps the container port, which is all the image records anyway.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// EXPOSE 127.0.0.1:8080:80
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// EXPOSE 80
    /// ```
    ///
    /// ## References
    /// - BuildKit: ExposeInvalidFormat, <https://docs.docker.com/reference/build-checks/expose-invalid-format/>
    code: "AL218",
    name: "expose_host_port_or_ip",
    severity: Warning,
    category: Correctness,
    fixable: true,
    aliases: ["ExposeInvalidFormat"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for word in expose_ports(cx) {
        if !word.text.contains(':') {
            continue;
        }
        let mut hit = Hit::new(
            word.span,
            format!(
                "`EXPOSE {}` gives a host address or port, which the image cannot record",
                word.text
            ),
        );
        if cx.text(word.span) == word.text {
            if let Some(replacement) = container_port(&word.text) {
                hit = hit.with_fix(fix(
                    format!("Keep the container port `{replacement}`"),
                    Edit {
                        span: word.span,
                        replacement,
                    },
                ));
            }
        }
        hits.push(hit);
    }
    hits
}

/// The word with only its container port left (`8080/tcp` of `127.0.0.1:80:8080/tcp`), quoted
/// as the word was when one pair of quotes holds it whole; `None` when the port is empty or the
/// word holds any other quote or backslash (cutting it could leave a quote open).
fn container_port(word: &str) -> Option<String> {
    let (quote, inner) = match word.as_bytes() {
        [q @ (b'"' | b'\''), .., last] if last == q && word.len() >= 2 => {
            (&word[..1], &word[1..word.len() - 1])
        }
        _ => ("", word),
    };
    let container = &inner[inner.rfind(':')? + 1..];
    let plain = !inner.contains(['"', '\'', '\\']);
    (plain && !container.is_empty()).then(|| format!("{quote}{container}{quote}"))
}

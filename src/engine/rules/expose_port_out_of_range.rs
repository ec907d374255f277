//! AL234: EXPOSE of a port outside 0-65535 (hadolint DL3011).

use crate::engine::analysis::stages::expose_ports;
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Reports EXPOSE ports and port ranges with a number above 65535 (`EXPOSE 80800`,
    /// `EXPOSE 8000-70000/udp`). Ports given by a variable are not judged.
    ///
    /// ## Why is this bad?
    /// TCP and UDP ports are 16-bit numbers. Such a port is a typo, and `docker run -P` or a
    /// Compose file reading the image's metadata cannot publish it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 80800
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 8080
    /// ```
    ///
    /// ## References
    /// - hadolint: DL3011, <https://github.com/hadolint/hadolint/wiki/DL3011>
    code: "AL234",
    name: "expose_port_out_of_range",
    severity: Error,
    category: Correctness,
    fixable: false,
    aliases: ["DL3011"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for word in expose_ports(cx) {
        let text = word.text.trim_matches(['"', '\'']);
        let ports = text.split('/').next().unwrap_or(text);
        // `host:port` forms are AL218's business; the container port is after the colon.
        let ports = ports.rsplit(':').next().unwrap_or(ports);
        let too_big = ports.split('-').any(|p| {
            !p.is_empty()
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u32>().map_or(true, |n| n > 65535)
        });
        if too_big {
            hits.push(Hit::new(
                word.span,
                format!("`{text}`: ports range from 0 to 65535"),
            ));
        }
    }
    hits
}

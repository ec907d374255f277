//! AL215: with the ARGs' defaults, a FROM names no valid image (BuildKit's
//! InvalidDefaultArgInFrom).

use crate::engine::analysis::scope::{global_defaults, lookup_set};
use crate::engine::graph::expand_within;
use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::{Args, Kw};

declare_rule! {
    /// ## What it does
    /// Expands each `FROM` image that uses variables with the global ARGs' default values only
    /// (no `--build-arg`), as BuildKit does, and reports it when the result is empty or not a
    /// valid image reference: `ARG TAG` without a default makes `FROM busybox:${TAG}` read
    /// `busybox:`.
    ///
    /// ## Why is this bad?
    /// The file cannot be built as it is: `docker build .` fails until someone finds out which
    /// `--build-arg` it needs. A default documents a known-good value; an optional part can
    /// use `${VAR:-default}` or be allowed to be empty.
    ///
    /// ## Example
    /// ```dockerfile
    /// ARG TAG
    /// FROM busybox:${TAG}
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// ARG TAG=1.36
    /// FROM busybox:${TAG}
    /// ```
    ///
    /// ## References
    /// - BuildKit: InvalidDefaultArgInFrom, <https://docs.docker.com/reference/build-checks/invalid-default-arg-in-from/>
    code: "AL215",
    name: "invalid_default_arg_in_from",
    severity: Warning,
    category: Correctness,
    fixable: false,
    aliases: ["InvalidDefaultArgInFrom"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let defaults = global_defaults(cx);
    let mut hits = Vec::new();
    for inst in cx
        .tree
        .instructions
        .iter()
        .filter(|i| i.keyword.kind == Kw::From)
    {
        let Args::Shell { words, .. } = &inst.args else {
            continue;
        };
        let Some(image) = words.first() else {
            continue;
        };
        if !inst.vars.iter().any(|v| image.span.contains(v.span.start)) {
            continue;
        }
        let expanded = expand_within(
            &image.text,
            cx.tree.escape,
            &|n| lookup_set(&defaults, n),
            &cx.budget,
        );
        // A `${VAR:?message}` failure is an error of its own, not this check's.
        if !expanded
            .problems
            .iter()
            .all(|p| matches!(p, crate::engine::graph::Problem::Undefined(_)))
        {
            continue;
        }
        if is_reference(&expanded.value) {
            continue;
        }
        let shown = if expanded.value.is_empty() {
            "an empty name".to_string()
        } else {
            format!("`{}`", expanded.value)
        };
        hits.push(Hit::new(
            image.span,
            format!(
                "with the ARGs' defaults, `{}` expands to {shown}, which is not a valid image",
                image.text
            ),
        ));
    }
    hits
}

/// Whether `s` is a valid image reference in the distribution grammar:
/// `[domain[:port]/]path[:tag][@digest]`, path components in lower case.
fn is_reference(s: &str) -> bool {
    let (rest, digest) = match s.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (s, None),
    };
    if let Some(d) = digest {
        let Some((algo, hex)) = d.split_once(':') else {
            return false;
        };
        let algo_ok = algo.split(['+', '.', '_', '-']).all(|c| {
            c.starts_with(|ch: char| ch.is_ascii_alphabetic())
                && c.chars().all(|ch| ch.is_ascii_alphanumeric())
        });
        if !algo_ok || hex.len() < 32 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return false;
        }
    }
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match rest[last_slash..].rfind(':') {
        Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..])),
        None => (rest, None),
    };
    if let Some(t) = tag {
        let ok = !t.is_empty()
            && t.len() <= 128
            && t.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
            && t.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c));
        if !ok {
            return false;
        }
    }
    if name.is_empty() || name.len() > 255 {
        return false;
    }
    let mut parts: Vec<&str> = name.split('/').collect();
    if parts.len() > 1 {
        let first = parts[0];
        if first.contains(['.', ':']) || first == "localhost" || first != first.to_ascii_lowercase()
        {
            let (host, port) = match first.rsplit_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (first, None),
            };
            let host_ok = !host.is_empty()
                && host.split('.').all(|l| {
                    !l.is_empty()
                        && !l.starts_with('-')
                        && !l.ends_with('-')
                        && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                });
            let port_ok =
                port.is_none_or(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
            if !host_ok || !port_ok {
                return false;
            }
            parts.remove(0);
        }
    }
    parts.iter().all(|c| path_component(c))
}

/// `[a-z0-9]+` joined by `.`, `_`, `__` or runs of `-`.
fn path_component(c: &str) -> bool {
    let b = c.as_bytes();
    if b.is_empty() || !is_alnum(b[0]) || !is_alnum(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if is_alnum(b[i]) {
            i += 1;
            continue;
        }
        let sep_start = i;
        while i < b.len() && !is_alnum(b[i]) {
            i += 1;
        }
        let sep = &c[sep_start..i];
        let ok = sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|x| x == b'-');
        if !ok {
            return false;
        }
    }
    true
}

fn is_alnum(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

#[cfg(test)]
mod tests {
    use super::is_reference;

    #[test]
    fn references() {
        for ok in [
            "alpine",
            "alpine:3.20",
            "busybox:stable",
            "ghcr.io/org/app:1.0",
            "localhost:5000/app",
            "node@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "my-registry.example.com:443/team/app_name:v1",
        ] {
            assert!(is_reference(ok), "{ok}");
        }
        for bad in [
            "",
            "busybox:",
            "Alpine",
            "alpine:-x",
            ":tag",
            "a//b",
            "node@sha256:xyz",
        ] {
            assert!(!is_reference(bad), "{bad}");
        }
    }
}

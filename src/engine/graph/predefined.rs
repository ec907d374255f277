//! The build arguments BuildKit defines without an `ARG`: the one table of them.
//!
//! Sources: the Dockerfile reference (<https://docs.docker.com/reference/dockerfile/>),
//! sections "Predefined ARGs" (the proxy arguments), "Automatic platform ARGs in the global
//! scope" (the eight `BUILD*`/`TARGET*` platform arguments) and "BuildKit built-in build args";
//! and BuildKit's Dockerfile frontend (`dockerfile2llb`), whose global scope also holds
//! `TARGETSTAGE`, the name of the stage being built, and which reads `BUILDKIT_DOCKERFILE_CHECK`
//! and the `BUILDKIT_SBOM_SCAN_*` arguments.

/// The global-scope (platform) arguments, with the value a build on linux/amd64 gives them
/// (`""` for those it leaves empty). In the global scope: usable in FROM without a declaration;
/// a stage sees one after a bare `ARG NAME`.
pub const PLATFORM_ARGS: &[(&str, &str)] = &[
    ("BUILDPLATFORM", "linux/amd64"),
    ("BUILDOS", "linux"),
    ("BUILDARCH", "amd64"),
    ("BUILDVARIANT", ""),
    ("TARGETPLATFORM", "linux/amd64"),
    ("TARGETOS", "linux"),
    ("TARGETARCH", "amd64"),
    ("TARGETVARIANT", ""),
    // BuildKit gives it the target's name (the last stage's without `--target`); one value
    // for every file here, so it is known to exist but not what it holds.
    ("TARGETSTAGE", ""),
];

/// The proxy arguments: handed to RUN without a declaration, kept out of `docker history`.
/// BuildKit matches them ignoring case (`http_proxy` too).
pub const PROXY_ARGS: &[&str] = &[
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "FTP_PROXY",
    "NO_PROXY",
    "ALL_PROXY",
];

/// The arguments BuildKit itself reads (frontend, cache, checks, reproducible builds).
pub const BUILDKIT_ARGS: &[&str] = &[
    "BUILDKIT_BUILD_NAME",
    "BUILDKIT_CACHE_MOUNT_NS",
    "BUILDKIT_CONTEXT_KEEP_GIT_DIR",
    "BUILDKIT_DOCKERFILE_CHECK",
    "BUILDKIT_INLINE_BUILDINFO_ATTRS",
    "BUILDKIT_INLINE_CACHE",
    "BUILDKIT_MULTI_PLATFORM",
    "BUILDKIT_SANDBOX_HOSTNAME",
    "BUILDKIT_SBOM_SCAN_CONTEXT",
    "BUILDKIT_SBOM_SCAN_STAGE",
    "BUILDKIT_SYNTAX",
    "SOURCE_DATE_EPOCH",
];

/// The value of a global-scope argument, if `name` is one.
pub fn platform_value(name: &str) -> Option<&'static str> {
    PLATFORM_ARGS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| *v)
}

/// Whether `name` is a global-scope argument (usable in FROM without a declaration).
pub fn is_platform_arg(name: &str) -> bool {
    platform_value(name).is_some()
}

/// Whether BuildKit defines `name` in any way: a `--build-arg` of it is never unused.
pub fn is_predefined(name: &str) -> bool {
    is_platform_arg(name)
        || PROXY_ARGS.iter().any(|p| p.eq_ignore_ascii_case(name))
        || BUILDKIT_ARGS.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_name_once() {
        let names: Vec<&str> = PLATFORM_ARGS
            .iter()
            .map(|(n, _)| *n)
            .chain(PROXY_ARGS.iter().copied())
            .chain(BUILDKIT_ARGS.iter().copied())
            .collect();
        for (i, n) in names.iter().enumerate() {
            assert!(!names[..i].contains(n), "{n} twice");
        }
        assert_eq!(PLATFORM_ARGS.len(), 9);
    }

    #[test]
    fn only_platform_args_are_in_the_global_scope() {
        assert_eq!(platform_value("TARGETARCH"), Some("amd64"));
        assert!(is_platform_arg("TARGETSTAGE"));
        assert!(!is_platform_arg("HTTP_PROXY"));
        assert!(is_predefined("HTTP_PROXY") && is_predefined("http_proxy"));
        assert!(is_predefined("BUILDKIT_SYNTAX"));
        assert!(!is_predefined("targetarch") && !is_predefined("buildkit_syntax"));
    }
}

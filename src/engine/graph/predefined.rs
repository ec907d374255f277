//! The build arguments BuildKit defines without an `ARG`: the one table of them.
//!
//! Sources: the Dockerfile reference (<https://docs.docker.com/reference/dockerfile/>),
//! sections "Predefined ARGs" (the proxy arguments), "Automatic platform ARGs in the global
//! scope" (the eight `BUILD*`/`TARGET*` platform arguments) and "BuildKit built-in build args";
//! and BuildKit's Dockerfile frontend (`dockerfile2llb`), whose global scope also holds
//! `TARGETSTAGE`, the name of the stage being built, and which reads `BUILDKIT_DOCKERFILE_CHECK`
//! and the `BUILDKIT_SBOM_SCAN_*` arguments.

/// What BuildKit does with a predefined argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgKind {
    /// In the global scope: usable in FROM without a declaration; a stage sees it after a bare
    /// `ARG NAME`.
    Platform,
    /// Proxy settings: handed to RUN without a declaration, kept out of `docker history`.
    Proxy,
    /// Read by BuildKit itself (frontend, cache, checks, reproducible builds), not by the file.
    BuildKit,
}

/// One predefined argument, with the value a build on linux/amd64 gives it (`""` for those the
/// build leaves empty or the caller sets).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PredefinedArg {
    pub name: &'static str,
    pub kind: ArgKind,
    pub value: &'static str,
}

const fn arg(name: &'static str, kind: ArgKind, value: &'static str) -> PredefinedArg {
    PredefinedArg { name, kind, value }
}

use ArgKind::{BuildKit, Platform, Proxy};

/// Every argument BuildKit defines, platform arguments first.
pub const PREDEFINED_ARGS: &[PredefinedArg] = &[
    arg("BUILDPLATFORM", Platform, "linux/amd64"),
    arg("BUILDOS", Platform, "linux"),
    arg("BUILDARCH", Platform, "amd64"),
    arg("BUILDVARIANT", Platform, ""),
    arg("TARGETPLATFORM", Platform, "linux/amd64"),
    arg("TARGETOS", Platform, "linux"),
    arg("TARGETARCH", Platform, "amd64"),
    arg("TARGETVARIANT", Platform, ""),
    // BuildKit gives it the target's name (the last stage's without `--target`); the table
    // keeps one value for every file, so it is known to exist but not what it holds.
    arg("TARGETSTAGE", Platform, ""),
    arg("HTTP_PROXY", Proxy, ""),
    arg("http_proxy", Proxy, ""),
    arg("HTTPS_PROXY", Proxy, ""),
    arg("https_proxy", Proxy, ""),
    arg("FTP_PROXY", Proxy, ""),
    arg("ftp_proxy", Proxy, ""),
    arg("NO_PROXY", Proxy, ""),
    arg("no_proxy", Proxy, ""),
    arg("ALL_PROXY", Proxy, ""),
    arg("all_proxy", Proxy, ""),
    arg("BUILDKIT_BUILD_NAME", BuildKit, ""),
    arg("BUILDKIT_CACHE_MOUNT_NS", BuildKit, ""),
    arg("BUILDKIT_CONTEXT_KEEP_GIT_DIR", BuildKit, ""),
    arg("BUILDKIT_DOCKERFILE_CHECK", BuildKit, ""),
    arg("BUILDKIT_INLINE_BUILDINFO_ATTRS", BuildKit, ""),
    arg("BUILDKIT_INLINE_CACHE", BuildKit, ""),
    arg("BUILDKIT_MULTI_PLATFORM", BuildKit, ""),
    arg("BUILDKIT_SANDBOX_HOSTNAME", BuildKit, ""),
    arg("BUILDKIT_SBOM_SCAN_CONTEXT", BuildKit, ""),
    arg("BUILDKIT_SBOM_SCAN_STAGE", BuildKit, ""),
    arg("BUILDKIT_SYNTAX", BuildKit, ""),
    arg("SOURCE_DATE_EPOCH", BuildKit, ""),
];

/// The global-scope (platform) arguments with their linux/amd64 values.
pub fn platform_args() -> impl Iterator<Item = &'static PredefinedArg> {
    PREDEFINED_ARGS.iter().filter(|a| a.kind == Platform)
}

/// The value of a global-scope argument, if `name` is one.
pub fn platform_value(name: &str) -> Option<&'static str> {
    platform_args().find(|a| a.name == name).map(|a| a.value)
}

/// Whether `name` is a global-scope argument (usable in FROM without a declaration).
pub fn is_platform_arg(name: &str) -> bool {
    platform_value(name).is_some()
}

/// Whether BuildKit defines `name` in any way: a `--build-arg` of it is never unused.
pub fn is_predefined(name: &str) -> bool {
    PREDEFINED_ARGS.iter().any(|a| a.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_name_once_and_platform_args_first() {
        for (i, a) in PREDEFINED_ARGS.iter().enumerate() {
            assert!(
                !PREDEFINED_ARGS[..i].iter().any(|b| b.name == a.name),
                "{} twice",
                a.name
            );
        }
        let platform = platform_args().count();
        assert_eq!(platform, 9);
        assert!(PREDEFINED_ARGS[..platform]
            .iter()
            .all(|a| a.kind == ArgKind::Platform));
    }

    #[test]
    fn only_platform_args_are_in_the_global_scope() {
        assert_eq!(platform_value("TARGETARCH"), Some("amd64"));
        assert!(is_platform_arg("TARGETSTAGE"));
        assert!(!is_platform_arg("HTTP_PROXY"));
        assert!(is_predefined("HTTP_PROXY") && is_predefined("BUILDKIT_SYNTAX"));
        assert!(!is_predefined("targetarch"));
    }
}

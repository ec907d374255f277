//! Image references (`registry/repo:tag@digest`) and what kind of image a reference names:
//! a toolchain (builder) image, a -dev/-debug variant, a minimal runtime, or a plain OS base.

use serde::Serialize;

/// A parsed image reference. Parsing never fails: odd input gives odd parts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ImageRef {
    /// As written after expansion.
    pub raw: String,
    /// `None` means Docker Hub.
    pub registry: Option<String>,
    /// The path, without Docker Hub's implicit `library/`.
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
}

impl ImageRef {
    pub fn parse(raw: &str) -> ImageRef {
        let (rest, digest) = match raw.split_once('@') {
            Some((r, d)) => (r, Some(d.to_string())),
            None => (raw, None),
        };
        let (registry, path) = match rest.split_once('/') {
            Some((first, path)) if first.contains(['.', ':']) || first == "localhost" => {
                (Some(first), path)
            }
            _ => (None, rest),
        };
        let last_slash = path.rfind('/').map_or(0, |i| i + 1);
        let (repository, tag) = match path[last_slash..].rfind(':') {
            Some(i) => (
                &path[..last_slash + i],
                Some(path[last_slash + i + 1..].to_string()),
            ),
            None => (path, None),
        };
        let registry = registry
            .filter(|r| !matches!(*r, "docker.io" | "index.docker.io" | "registry-1.docker.io"));
        let repository = match registry {
            None => repository.strip_prefix("library/").unwrap_or(repository),
            Some(_) => repository,
        };
        ImageRef {
            raw: raw.to_string(),
            registry: registry.map(str::to_string),
            repository: repository.to_string(),
            tag,
            digest,
        }
    }

    /// The repository with its registry, as people write it (`golang`, `gcr.io/distroless/static`).
    pub fn name(&self) -> String {
        match &self.registry {
            Some(r) => format!("{r}/{}", self.repository),
            None => self.repository.clone(),
        }
    }

    /// The last path component (`static` for `gcr.io/distroless/static`).
    pub fn short_name(&self) -> &str {
        self.repository
            .rsplit('/')
            .next()
            .unwrap_or(&self.repository)
    }
}

/// What an image is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImageClass {
    /// Compilers, SDKs, package managers: made to build with (`golang`, `gcc`, `-builder`).
    Toolchain,
    /// A `-dev`, `:latest-dev` or `-debug` variant: a runtime with a shell and tools added.
    Dev,
    /// A minimal runtime made to ship (`-prod`, distroless, chainguard, scratch, slim, alpine).
    Runtime,
    /// A general-purpose OS base (debian, ubuntu, ...).
    Os,
    Unknown,
}

/// An image's class and the reason for it, in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Classification {
    pub class: ImageClass,
    pub reason: String,
}

/// Official images that carry a compiler or SDK in their default (full) variant.
const TOOLCHAINS: &[(&str, &str)] = &[
    ("golang", "the Go toolchain"),
    ("gcc", "GCC"),
    ("rust", "the Rust toolchain"),
    ("maven", "Maven and a JDK"),
    ("gradle", "Gradle and a JDK"),
    ("openjdk", "a JDK"),
    ("buildpack-deps", "compilers and -dev headers"),
    ("clang", "Clang"),
    ("haskell", "GHC"),
    ("swift", "the Swift toolchain"),
    ("composer", "Composer"),
    ("sbt", "sbt and a JDK"),
    ("elixir", "the Elixir toolchain"),
    ("erlang", "the Erlang toolchain"),
    ("dotnet/sdk", "the .NET SDK"),
    ("golang-builder", "the Go toolchain"),
];

/// Official images whose full variant is a build environment (npm, pip, headers) but whose
/// slim/alpine variants are runtimes.
const FULL_IS_BUILDER: &[(&str, &str)] = &[
    ("node", "Node.js with npm, yarn, git and build tools"),
    ("python", "Python with pip, gcc and -dev headers"),
    ("ruby", "Ruby with gcc and -dev headers"),
    ("php", "PHP with its build scripts"),
];

const OS_BASES: &[&str] = &[
    "debian",
    "ubuntu",
    "fedora",
    "centos",
    "rockylinux",
    "almalinux",
    "amazonlinux",
    "opensuse/leap",
    "archlinux",
    "oraclelinux",
    "ubi8/ubi",
    "ubi9/ubi",
    "ubi10/ubi",
    "windows/servercore",
    "windows/server",
];

/// Decides an image's class from its name and tag.
pub fn classify(image: &ImageRef) -> Classification {
    let c = |class, reason: String| Classification { class, reason };
    let name = image.name();
    let repo = image.repository.as_str();
    let short = image.short_name();
    let tag = image.tag.as_deref().unwrap_or("latest");
    let full = format!("{name}:{tag}");
    let ends = |suffix: &str| tag.ends_with(suffix) || short.ends_with(suffix);

    if ends("-builder") || ends("-build") || tag == "builder" {
        return c(
            ImageClass::Toolchain,
            format!("`{full}` is a -builder image"),
        );
    }
    if ends("-dev")
        || tag == "dev"
        || ends("-debug")
        || tag == "debug"
        || tag.ends_with("-debug-nonroot")
    {
        return c(
            ImageClass::Dev,
            format!("`{full}` is a -dev/-debug variant (shell and tools added)"),
        );
    }
    if ends("-prod") || tag == "prod" {
        return c(ImageClass::Runtime, format!("`{full}` is a -prod image"));
    }
    if repo.starts_with("distroless/")
        || name.contains("/distroless/")
        || repo.contains("distroless")
    {
        return c(
            ImageClass::Runtime,
            format!("`{full}` is a distroless runtime"),
        );
    }
    if name.starts_with("cgr.dev/chainguard") || repo.starts_with("chainguard/") {
        return c(
            ImageClass::Runtime,
            format!("`{full}` is a Chainguard runtime (non -dev)"),
        );
    }
    if repo.starts_with("cleanstart/")
        || name.starts_with("ghcr.io/cleanstart-containers/")
        || name.starts_with("registry.cleanstart.com/")
    {
        return c(
            ImageClass::Runtime,
            format!("`{full}` is a CleanStart runtime (non -dev)"),
        );
    }
    if matches!(short, "busybox" | "alpine") && image.registry.is_none() {
        return c(ImageClass::Runtime, format!("`{full}` is a minimal base"));
    }
    if repo == "dotnet/runtime"
        || repo == "dotnet/aspnet"
        || repo.ends_with("dotnet/runtime")
        || repo.ends_with("dotnet/aspnet")
        || repo.ends_with("dotnet/runtime-deps")
    {
        return c(
            ImageClass::Runtime,
            format!("`{full}` is a .NET runtime image"),
        );
    }
    if repo.ends_with("dotnet/sdk") {
        return c(
            ImageClass::Toolchain,
            format!("`{full}` carries the .NET SDK"),
        );
    }
    let jdk = tag.contains("jdk") || repo.contains("jdk");
    let jre = tag.contains("jre") || repo.contains("jre");
    if matches!(
        short,
        "eclipse-temurin" | "amazoncorretto" | "ibm-semeru-runtimes" | "sapmachine" | "openjdk"
    ) {
        if jre && !jdk {
            return c(
                ImageClass::Runtime,
                format!("`{full}` is a JRE (runtime only)"),
            );
        }
        return c(ImageClass::Toolchain, format!("`{full}` carries a JDK"));
    }
    if let Some((_, what)) = TOOLCHAINS.iter().find(|(n, _)| repo == *n || short == *n) {
        return c(ImageClass::Toolchain, format!("`{full}` carries {what}"));
    }
    let slim = tag.contains("slim") || tag.contains("alpine") || tag.contains("minimal");
    if let Some((_, what)) = FULL_IS_BUILDER.iter().find(|(n, _)| repo == *n) {
        if slim {
            return c(
                ImageClass::Runtime,
                format!("`{full}` is a slim/alpine runtime variant"),
            );
        }
        return c(
            ImageClass::Toolchain,
            format!("`{full}` is the full image: {what}"),
        );
    }
    if matches!(
        short,
        "nginx" | "httpd" | "caddy" | "traefik" | "nginx-unprivileged"
    ) {
        return c(ImageClass::Runtime, format!("`{full}` is a server runtime"));
    }
    if OS_BASES
        .iter()
        .any(|b| repo == *b || repo.ends_with(&format!("/{b}")))
    {
        if slim {
            return c(ImageClass::Runtime, format!("`{full}` is a slim OS base"));
        }
        return c(
            ImageClass::Os,
            format!("`{full}` is a general-purpose OS base"),
        );
    }
    if slim || short.contains("nanoserver") {
        return c(
            ImageClass::Runtime,
            format!("`{full}` is a slim/minimal variant"),
        );
    }
    c(
        ImageClass::Unknown,
        format!("`{full}` is not in the built-in image list"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(raw: &str) -> (Option<String>, String, Option<String>, Option<String>) {
        let r = ImageRef::parse(raw);
        (r.registry, r.repository, r.tag, r.digest)
    }

    #[test]
    fn parses_references() {
        assert_eq!(
            parts("golang:1.22"),
            (None, "golang".into(), Some("1.22".into()), None)
        );
        assert_eq!(
            parts("docker.io/library/golang:1.25"),
            (None, "golang".into(), Some("1.25".into()), None)
        );
        assert_eq!(
            parts("localhost:5000/team/app:v1@sha256:abc"),
            (
                Some("localhost:5000".into()),
                "team/app".into(),
                Some("v1".into()),
                Some("sha256:abc".into())
            )
        );
        assert_eq!(
            parts("gcr.io/distroless/static-debian12"),
            (
                Some("gcr.io".into()),
                "distroless/static-debian12".into(),
                None,
                None
            )
        );
        assert_eq!(
            parts("cleanstart/go"),
            (None, "cleanstart/go".into(), None, None)
        );
    }

    fn class(raw: &str) -> ImageClass {
        classify(&ImageRef::parse(raw)).class
    }

    #[test]
    fn classifies_the_seed_and_vendor_spellings() {
        assert_eq!(class("cleanstart-gcc:14-builder"), ImageClass::Toolchain);
        assert_eq!(class("cleanstart-gcc:14-prod"), ImageClass::Runtime);
        assert_eq!(class("cleanstart-gcc:14-dev"), ImageClass::Dev);
        assert_eq!(class("cleanstart/go:latest"), ImageClass::Runtime);
        assert_eq!(class("cleanstart/go:latest-dev"), ImageClass::Dev);
        assert_eq!(
            class("ghcr.io/cleanstart-containers/python:latest"),
            ImageClass::Runtime
        );
        assert_eq!(
            class("registry.cleanstart.com/node:20-prod"),
            ImageClass::Runtime
        );
        assert_eq!(
            class("registry.cleanstart.com/node:20-debug"),
            ImageClass::Dev
        );
    }

    #[test]
    fn classifies_public_images() {
        assert_eq!(class("golang:1.22"), ImageClass::Toolchain);
        assert_eq!(class("golang:1.22-alpine"), ImageClass::Toolchain);
        assert_eq!(class("node:22"), ImageClass::Toolchain);
        assert_eq!(class("node:22-alpine"), ImageClass::Runtime);
        assert_eq!(class("python:3.12-slim"), ImageClass::Runtime);
        assert_eq!(
            class("gcr.io/distroless/static-debian12:nonroot"),
            ImageClass::Runtime
        );
        assert_eq!(class("gcr.io/distroless/base:debug"), ImageClass::Dev);
        assert_eq!(class("cgr.dev/chainguard/static"), ImageClass::Runtime);
        assert_eq!(class("cgr.dev/chainguard/go:latest-dev"), ImageClass::Dev);
        assert_eq!(class("eclipse-temurin:21-jre"), ImageClass::Runtime);
        assert_eq!(class("eclipse-temurin:21-jdk"), ImageClass::Toolchain);
        assert_eq!(class("maven:3-eclipse-temurin-21"), ImageClass::Toolchain);
        assert_eq!(
            class("mcr.microsoft.com/dotnet/sdk:8.0"),
            ImageClass::Toolchain
        );
        assert_eq!(
            class("mcr.microsoft.com/dotnet/aspnet:8.0"),
            ImageClass::Runtime
        );
        assert_eq!(class("alpine:3.20"), ImageClass::Runtime);
        assert_eq!(class("debian:bookworm"), ImageClass::Os);
        assert_eq!(class("debian:bookworm-slim"), ImageClass::Runtime);
        assert_eq!(class("nginx:1.27-alpine"), ImageClass::Runtime);
        assert_eq!(class("example.com/team/thing:1"), ImageClass::Unknown);
    }
}

//! What the common official images set that a Dockerfile built on them does not show: their
//! ENV names and working directory. Rules ask it before calling a variable undefined or a
//! relative destination unplaced.
//!
//! Source: the official images' Dockerfiles (github.com/docker-library/<image>, and
//! adoptium/containers for eclipse-temurin), read for this table in 2026-12. Each list is the
//! union over the current versions and variants (alpine, slim, bookworm...): older Python
//! images set the `PYTHON_PIP_*` names, newer ones `PYTHON_SHA256`. An image is listed only
//! when all of its variants agree on the working directory.

use super::ImageRef;

/// The configuration an image brings (names only: the values change with each release).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImageConfig {
    /// The working directory instructions start in (`/` when the image sets none).
    pub workdir: &'static str,
    /// The ENV names the image sets, PATH included when it sets it.
    pub env: &'static [&'static str],
}

/// Official images by repository name (Docker Hub, no registry).
const CONFIGS: &[(&str, ImageConfig)] = &[
    ("alpine", plain()),
    ("busybox", plain()),
    ("debian", plain()),
    ("ubuntu", plain()),
    (
        "eclipse-temurin",
        ImageConfig {
            workdir: "/",
            env: &[
                "JAVA_HOME",
                "PATH",
                "LANG",
                "LANGUAGE",
                "LC_ALL",
                "JAVA_VERSION",
            ],
        },
    ),
    (
        "golang",
        ImageConfig {
            workdir: "/go",
            env: &["PATH", "GOLANG_VERSION", "GOTOOLCHAIN", "GOPATH"],
        },
    ),
    (
        "nginx",
        ImageConfig {
            workdir: "/",
            env: &[
                "NGINX_VERSION",
                "NJS_VERSION",
                "NJS_RELEASE",
                "PKG_RELEASE",
                "DYNPKG_RELEASE",
            ],
        },
    ),
    (
        "node",
        ImageConfig {
            workdir: "/",
            env: &["NODE_VERSION", "YARN_VERSION"],
        },
    ),
    (
        "postgres",
        ImageConfig {
            workdir: "/",
            env: &[
                "GOSU_VERSION",
                "LANG",
                "PG_MAJOR",
                "PG_VERSION",
                "PG_SHA256",
                "DOCKER_PG_LLVM_DEPS",
                "PATH",
                "PGDATA",
            ],
        },
    ),
    (
        "python",
        ImageConfig {
            workdir: "/",
            env: &[
                "PATH",
                "LANG",
                "GPG_KEY",
                "PYTHON_VERSION",
                "PYTHON_SHA256",
                "PYTHON_PIP_VERSION",
                "PYTHON_SETUPTOOLS_VERSION",
                "PYTHON_GET_PIP_URL",
                "PYTHON_GET_PIP_SHA256",
            ],
        },
    ),
    (
        "ruby",
        ImageConfig {
            workdir: "/",
            env: &[
                "LANG",
                "RUBY_MAJOR",
                "RUBY_VERSION",
                "RUBY_DOWNLOAD_URL",
                "RUBY_DOWNLOAD_SHA256",
                "GEM_HOME",
                "BUNDLE_SILENCE_ROOT_WARNING",
                "BUNDLE_APP_CONFIG",
                "PATH",
            ],
        },
    ),
    (
        "rust",
        ImageConfig {
            workdir: "/",
            env: &["RUSTUP_HOME", "CARGO_HOME", "PATH", "RUST_VERSION"],
        },
    ),
];

/// An OS image that sets no ENV and no WORKDIR.
const fn plain() -> ImageConfig {
    ImageConfig {
        workdir: "/",
        env: &[],
    }
}

/// The configuration of an official image listed above, whatever its tag; `None` for any
/// other image (its ENV and WORKDIR are unknown here).
pub fn known_config(image: &ImageRef) -> Option<&'static ImageConfig> {
    if image.registry.is_some() {
        return None;
    }
    CONFIGS
        .iter()
        .find(|(name, _)| *name == image.repository)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_images_by_any_tag_and_spelling() {
        let go = known_config(&ImageRef::parse("golang:1.22-alpine")).map(|c| c.workdir);
        assert_eq!(go, Some("/go"));
        let node = known_config(&ImageRef::parse("docker.io/library/node:20"));
        assert!(node.is_some_and(|c| c.env.contains(&"NODE_VERSION")));
        assert!(known_config(&ImageRef::parse("ghcr.io/x/golang:1")).is_none());
        assert!(known_config(&ImageRef::parse("rocm/dev-almalinux-8:6")).is_none());
    }

    #[test]
    fn the_table_lists_each_image_once() {
        for (i, (name, _)) in CONFIGS.iter().enumerate() {
            assert!(!CONFIGS[i + 1..].iter().any(|(n, _)| n == name), "{name}");
        }
    }
}

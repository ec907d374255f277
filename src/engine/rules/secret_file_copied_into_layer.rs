//! AL108: a key, credential or token file is copied into an image layer.

use crate::engine::paths::{base_name, copy_paths, normalize_path};
use crate::engine::rules::{declare_rule, Checker, Hit};

declare_rule! {
    /// ## What it does
    /// Checks COPY and ADD, in every stage, for files that hold secrets, by source or
    /// destination name: SSH keys (`id_rsa`, `id_ed25519` ...), private keys (`*.key`, `*.pem`
    /// other than certificates, `*.p12`, `*.pfx`), `.env` files, `.npmrc`, `.netrc`,
    /// `.pypirc`, `.git-credentials`, `credentials`, `kubeconfig`, and the `.ssh`, `.aws`,
    /// `.kube` and `.docker/config.json` locations.
    ///
    /// ## Why is this bad?
    /// A file copied into a layer stays in that layer, even if a later instruction deletes it,
    /// and anyone who can pull the image (or read a builder stage's cache) can read it.
    /// BuildKit secret mounts give a RUN the file without writing it to any layer: `RUN
    /// --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`, built with `docker build
    /// --secret id=npmrc,src=$HOME/.npmrc`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM cleanstart-node:18-builder AS builder
    /// COPY .npmrc package.json package-lock.json ./
    /// RUN npm ci
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM cleanstart-node:18-builder AS builder
    /// COPY package.json package-lock.json ./
    /// RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
    /// ```
    ///
    /// ## References
    /// - Docker: build secrets, <https://docs.docker.com/build/building/secrets/>
    code: "AL108",
    name: "secret_file_copied_into_layer",
    severity: Warning,
    category: Security,
    fixable: false,
    aliases: [],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for inst in &cx.tree.instructions {
        let Some((sources, dest)) = copy_paths(inst) else {
            continue;
        };
        // The destination names the file only when it is not a directory.
        let dest = dest.filter(|d| !d.ends_with('/') && sources.len() == 1);
        // `COPY vendor.key /etc/apt/keyrings/vendor.asc`: a public signing key.
        if dest.as_deref().is_some_and(is_public_key_name) {
            continue;
        }
        let found = sources
            .iter()
            .chain(dest.iter())
            .find_map(|p| secret_kind(p).map(|k| (p, k)));
        if let Some((path, kind)) = found {
            hits.push(Hit::new(
                inst.span,
                format!("`{path}` ({kind}) is copied into a layer: mount it with `RUN --mount=type=secret` instead"),
            ));
        }
    }
    hits
}

/// What kind of secret a path names, if any.
pub(crate) fn secret_kind(path: &str) -> Option<&'static str> {
    if path.contains("://") || path.contains('$') {
        return None;
    }
    let norm = normalize_path(path).to_ascii_lowercase();
    let name = base_name(&norm).to_string();
    let components: Vec<&str> = norm.split('/').collect();
    if components.contains(&".ssh") {
        return (!name.ends_with(".pub") && name != "known_hosts").then_some("SSH keys");
    }
    if components.contains(&".aws") {
        return Some("AWS credentials");
    }
    if components.contains(&".kube") || name == "kubeconfig" {
        return Some("a Kubernetes config");
    }
    if norm.ends_with(".docker/config.json") || name == ".dockercfg" {
        return Some("registry credentials");
    }
    if matches!(
        name.as_str(),
        "id_rsa" | "id_dsa" | "id_ecdsa" | "id_ed25519"
    ) {
        return Some("an SSH private key");
    }
    match name.as_str() {
        ".npmrc" => return Some("a package registry token"),
        ".netrc" | "_netrc" | ".git-credentials" => return Some("login credentials"),
        ".pypirc" => return Some("a PyPI token"),
        "credentials" | "credentials.json" | "service-account.json" => return Some("credentials"),
        _ => {}
    }
    if name == ".env"
        || name.strip_prefix(".env.").is_some_and(|rest| {
            !matches!(
                rest,
                "example" | "sample" | "template" | "dist" | "defaults" | "test"
            )
        })
    {
        return Some("an environment file with secrets");
    }
    let (stem, ext) = name.rsplit_once('.')?;
    let public = [
        "cert", "crt", "ca", "chain", "bundle", "root", "pub", "gpg", "asc", "trust",
    ]
    .iter()
    .any(|w| {
        stem.split(['.', '-', '_'])
            .any(|part| part == *w || part.starts_with("cert"))
    }) || stem.contains("fullchain");
    match ext {
        "key" | "pem" if !public => Some("a private key"),
        "p12" | "pfx" | "jks" | "keystore" if !public => Some("a key store"),
        _ => None,
    }
}

/// A name that says the file is a certificate or a public key (`ca.pem`, `vendor.gpg.key`,
/// `jenkins-key.pub`).
fn is_public_key_name(path: &str) -> bool {
    let name = base_name(path).to_ascii_lowercase();
    name.split(['.', '-', '_']).any(|part| {
        matches!(
            part,
            "crt"
                | "ca"
                | "chain"
                | "fullchain"
                | "bundle"
                | "root"
                | "pub"
                | "public"
                | "gpg"
                | "asc"
                | "trust"
                | "keyring"
        ) || part.starts_with("cert")
    })
}

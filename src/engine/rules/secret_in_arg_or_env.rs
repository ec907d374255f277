//! AL109: a secret passed through ARG or ENV, by name or by value.

use crate::engine::rules::{declare_rule, Checker, Hit};
use crate::engine::syntax::Kw;

declare_rule! {
    /// ## What it does
    /// Checks ARG and ENV names for words that mean a secret, as BuildKit's
    /// `SecretsUsedInArgOrEnv` does: `PASSWORD`, `PASSWD`, `PWORD`, `TOKEN`, `SECRET`,
    /// `APIKEY`, `API_KEY`, `PRIVATE_KEY`, `ACCESS_KEY`, `SECRET_KEY`, `CREDENTIAL(S)` and
    /// `AUTH`, as whole `_`-separated parts of the name. Names with a part that says the value
    /// is not the secret itself are allowed: `PUBLIC`, `FILE`, `PATH`, `DIR`, `VERSION`, `URL`
    /// (`DB_PASSWORD_FILE`, `TOKEN_URL`). A bare `KEY` part is not enough (`GPG_KEY` holds a
    /// public fingerprint): here airlock departs from BuildKit, which warns on `GIT_KEY`. Values of ARG, ENV and LABEL are checked for credentials whatever
    /// the name: AWS access key ids (`AKIA...`), GitHub tokens (`ghp_...`, `github_pat_...`)
    /// and private key blocks (`-----BEGIN ... PRIVATE KEY-----`).
    ///
    /// ## Why is this bad?
    /// ARG values are recorded in the image history and ENV values in the image
    /// configuration: `docker history` and `docker inspect` show them to anyone who can pull
    /// the image. A secret mount gives the value to one RUN without recording it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM cleanstart-python:3.11-builder
    /// ARG PIP_INDEX_TOKEN
    /// RUN pip install --index-url "https://user:${PIP_INDEX_TOKEN}@pypi.example.com/simple" app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM cleanstart-python:3.11-builder
    /// RUN --mount=type=secret,id=pip_index_token,env=PIP_INDEX_TOKEN \
    ///     pip install --index-url "https://user:${PIP_INDEX_TOKEN}@pypi.example.com/simple" app
    /// ```
    ///
    /// ## References
    /// - BuildKit check: <https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/>
    code: "AL109",
    name: "secret_in_arg_or_env",
    severity: Warning,
    category: Security,
    fixable: false,
    aliases: ["SecretsUsedInArgOrEnv", "DL3064"],
    default_enabled: true,
    check: check,
}

fn check(cx: &Checker) -> Vec<Hit> {
    let mut hits = Vec::new();
    for inst in &cx.tree.instructions {
        let kind = inst.keyword.kind;
        if !matches!(kind, Kw::Arg | Kw::Env | Kw::Label) {
            continue;
        }
        for pair in &inst.pairs {
            let value = pair.value.as_deref().unwrap_or("");
            if let Some(what) = secret_value(value) {
                hits.push(Hit::new(
                    inst.span,
                    format!("the value of `{}` looks like {what}", pair.key),
                ));
            } else if kind != Kw::Label && is_secret_name(&pair.key) {
                hits.push(Hit::new(
                    inst.span,
                    format!(
                        "{} `{}` may hold a secret, and its value is recorded in the image",
                        kind.as_str(),
                        pair.key
                    ),
                ));
            }
        }
    }
    hits
}

/// Whether a variable name says it holds a secret (BuildKit's token rule, with a wider
/// allow-list and without the bare `KEY`).
pub(crate) fn is_secret_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let parts: Vec<&str> = lower.split(['_', '-', '.']).collect();
    let allowed = parts.iter().any(|p| {
        matches!(
            *p,
            "public" | "file" | "path" | "dir" | "version" | "url" | "uri" | "endpoint"
        )
    });
    if allowed {
        return false;
    }
    let single = parts.iter().any(|p| {
        matches!(
            *p,
            "password"
                | "passwd"
                | "pword"
                | "token"
                | "secret"
                | "apikey"
                | "credential"
                | "credentials"
                | "auth"
        )
    });
    let pair = parts.windows(2).any(|w| {
        w[1] == "key" && matches!(w[0], "api" | "private" | "access" | "secret" | "signing")
    });
    single || pair
}

/// What a value looks like, if it is a credential.
pub(crate) fn secret_value(value: &str) -> Option<&'static str> {
    let bytes = value.as_bytes();
    let run =
        |start: usize, ok: fn(u8) -> bool| bytes[start..].iter().take_while(|b| ok(**b)).count();
    for (i, _) in value.match_indices("AKIA") {
        let boundary = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let n = run(i + 4, |b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if boundary && n == 16 {
            return Some("an AWS access key id");
        }
    }
    for (i, _) in value.match_indices("ghp_") {
        if run(i + 4, |b| b.is_ascii_alphanumeric()) >= 36 {
            return Some("a GitHub token");
        }
    }
    for (i, _) in value.match_indices("github_pat_") {
        if run(i + 11, |b| b.is_ascii_alphanumeric() || b == b'_') >= 22 {
            return Some("a GitHub token");
        }
    }
    if let Some(i) = value.find("-----BEGIN ") {
        let header = &value[i..];
        let end = header[11..].find("-----").map_or(header.len(), |e| e + 11);
        if header[..end].contains("PRIVATE KEY") {
            return Some("a private key");
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for n in [
            "AWS_SECRET_ACCESS_KEY",
            "AWS_ACCESS_KEY_ID",
            "GITHUB_TOKEN",
            "db_password",
            "API_KEY",
            "APIKEY",
            "NPM_AUTH",
            "secret",
        ] {
            assert!(is_secret_name(n), "{n}");
        }
        for n in [
            "GPG_KEY",
            "PASSWORD_FILE",
            "TOKEN_URL",
            "PUBLIC_KEY",
            "NODE_VERSION",
            "MONKEY",
            "AUTHOR",
            "KEYRING",
            "SECRETS_DIR",
        ] {
            assert!(!is_secret_name(n), "{n}");
        }
    }

    #[test]
    fn values() {
        assert!(secret_value("AKIAIOSFODNN7EXAMPLE").is_some());
        assert!(secret_value("xAKIAIOSFODNN7EXAMPLE").is_none());
        assert!(secret_value("AKIAIOSFODNN7EXAMPL").is_none());
        assert!(secret_value("ghp_0123456789abcdefghijklmnopqrstuvwxyz").is_some());
        assert!(secret_value("-----BEGIN OPENSSH PRIVATE KEY-----\nabc").is_some());
        assert!(secret_value("-----BEGIN PUBLIC KEY-----").is_none());
        assert!(secret_value("1.2.3").is_none());
    }
}

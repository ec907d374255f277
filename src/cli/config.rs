//! `airlock.toml`: rule settings for the CLI, found upward from the Dockerfile or given with
//! `--config`. The playground has the same settings in its panel.
//!
//! ```toml
//! [rules]
//! enable = ["AL118"]                 # codes, aliases, names or categories
//! disable = ["AL113", "hermeticity"]
//! fail-on = "warning"                # error | warning | info | style
//! trusted-registries = ["docker.io", "gcr.io"]
//! non-root-uid = 10001               # the UID fixes switch to (65532 by default)
//! builder-images = ["mycorp/sdk-*"]  # extra patterns for the builder and prod roles
//! prod-images = ["mycorp/runtime:*"]
//! strict-labels = false              # true: only the labels of label-schema are allowed
//!
//! [rules.label-schema]               # labels the image must carry, and their form
//! "org.opencontainers.image.version" = "semver"   # text url rfc3339 spdx hash semver email
//!
//! [rules.severity]
//! AL105 = "warning"
//!
//! [files]                            # `airlock check DIR`: gitignore-style globs, relative to
//! include = ["docker/*.df"]          # this file's folder; include adds files to the Dockerfile
//! exclude = ["vendor/", "old.*"]     # names, exclude removes files or whole folders
//! ```

use std::collections::BTreeMap;
use std::num::NonZeroU32;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::engine::rules::labels::LabelType;
use crate::engine::{RuleConfig, Severity};

pub const FILE_NAME: &str = "airlock.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    rules: Rules,
    #[serde(default)]
    files: Files,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Files {
    #[serde(default)]
    include: Vec<toml::Spanned<String>>,
    #[serde(default)]
    exclude: Vec<toml::Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Rules {
    #[serde(default)]
    enable: Vec<String>,
    #[serde(default)]
    disable: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, String>,
    fail_on: Option<String>,
    #[serde(default)]
    trusted_registries: Vec<String>,
    /// Zero is root, so it is refused (with the file's line and column) rather than obeyed.
    non_root_uid: Option<NonZeroU32>,
    #[serde(default)]
    builder_images: Vec<String>,
    #[serde(default)]
    prod_images: Vec<String>,
    /// Label name to value type (`text`, `url`, `rfc3339`, `spdx`, `hash`, `semver`, `email`).
    #[serde(default)]
    label_schema: BTreeMap<String, String>,
    #[serde(default)]
    strict_labels: bool,
}

/// Rule settings plus the CLI's failure threshold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub rules: RuleConfig,
    /// Findings at or above this severity make `check` exit 1.
    pub fail_on: Severity,
    /// Extra image patterns for the builder and prod roles (globs over `name:tag`).
    pub builder_images: Vec<String>,
    pub prod_images: Vec<String>,
    /// `[files]`: globs that add files to a walked folder's Dockerfiles, and that leave files
    /// or folders out (gitignore lines, relative to the folder of `source`).
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    /// The file they came from, if any.
    pub source: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            rules: RuleConfig::default(),
            fail_on: Severity::Warning,
            builder_images: Vec::new(),
            prod_images: Vec::new(),
            include: Vec::new(),
            exclude: Vec::new(),
            source: None,
        }
    }
}

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: unknown severity `{value}` (expected error, warning, info or style)")]
    Severity { path: String, value: String },
    #[error(
        "{path}: label `{label}` has the unknown type `{value}` (expected text, url, rfc3339, spdx, hash, semver or email)"
    )]
    LabelType {
        path: String,
        label: String,
        value: String,
    },
}

/// The nearest `airlock.toml` in `start` or a parent directory.
pub fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|p| p.is_file())
}

pub fn load(path: &Path) -> Result<Settings, ConfigError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: name.clone(),
        source,
    })?;
    parse(&text, &name).map(|mut s| {
        s.source = Some(path.to_path_buf());
        s
    })
}

pub fn parse(text: &str, name: &str) -> Result<Settings, ConfigError> {
    // An error at a byte offset of the file, as `path:line:column: message`.
    let at = |offset: usize, message: String| {
        let before = &text[..offset.min(text.len())];
        ConfigError::Syntax {
            path: name.to_string(),
            line: before.matches('\n').count() + 1,
            column: before.rsplit('\n').next().unwrap_or("").chars().count() + 1,
            message,
        }
    };
    let file: File = toml::from_str(text)
        .map_err(|e| at(e.span().map_or(0, |s| s.start), e.message().to_string()))?;
    settings(file, name, at)
}

/// The `[rules]` table given as JSON rather than in a file (the language server's
/// `initializationOptions` and `workspace/didChangeConfiguration`: `{"rules": {...}}`), with the
/// same keys and the same checks.
pub fn from_json(value: serde_json::Value, name: &str) -> Result<Settings, ConfigError> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Options {
        #[serde(default)]
        rules: Rules,
    }
    let error = |message: String| ConfigError::Syntax {
        path: name.to_string(),
        line: 1,
        column: 1,
        message,
    };
    let options = Options::deserialize(value).map_err(|e| error(e.to_string()))?;
    let file = File {
        rules: options.rules,
        files: Files::default(),
    };
    settings(file, name, |_, message| error(message))
}

/// Settings from a decoded file; `at` positions an error at a byte offset of its text.
fn settings(
    file: File,
    name: &str,
    at: impl Fn(usize, String) -> ConfigError,
) -> Result<Settings, ConfigError> {
    let mut globs = [Vec::new(), Vec::new()];
    for (list, out) in [&file.files.include, &file.files.exclude]
        .into_iter()
        .zip(&mut globs)
    {
        for glob in list {
            super::files::check_glob(glob.get_ref()).map_err(|m| at(glob.span().start, m))?;
            out.push(glob.get_ref().clone());
        }
    }
    let [include, exclude] = globs;
    let severity = |value: &str| {
        Severity::parse(value).ok_or_else(|| ConfigError::Severity {
            path: name.to_string(),
            value: value.to_string(),
        })
    };
    let mut overrides = Vec::new();
    for (code, value) in &file.rules.severity {
        overrides.push((code.clone(), severity(value)?));
    }
    let mut label_schema = Vec::new();
    for (label, value) in &file.rules.label_schema {
        let ty = LabelType::parse(value).ok_or_else(|| ConfigError::LabelType {
            path: name.to_string(),
            label: label.clone(),
            value: value.clone(),
        })?;
        label_schema.push((label.clone(), ty));
    }
    Ok(Settings {
        rules: RuleConfig {
            enable: file.rules.enable,
            disable: file.rules.disable,
            severity: overrides,
            trusted_registries: file.rules.trusted_registries,
            non_root_uid: file.rules.non_root_uid.map(NonZeroU32::get),
            label_schema,
            strict_labels: file.rules.strict_labels,
            ..RuleConfig::default()
        },
        fail_on: match &file.rules.fail_on {
            Some(v) => severity(v)?,
            None => Severity::Warning,
        },
        builder_images: file.rules.builder_images,
        prod_images: file.rules.prod_images,
        include,
        exclude,
        source: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_setting() {
        let s = parse(
            "[rules]\nenable = [\"AL118\"]\ndisable = [\"hermeticity\"]\nfail-on = \"error\"\ntrusted-registries = [\"gcr.io\"]\nnon-root-uid = 10001\nbuilder-images = [\"mycorp/sdk-*\"]\nprod-images = [\"mycorp/run:*\"]\n[rules.severity]\nAL105 = \"warning\"\n",
            "airlock.toml",
        )
        .unwrap();
        assert_eq!(s.rules.enable, ["AL118"]);
        assert_eq!(s.rules.disable, ["hermeticity"]);
        assert_eq!(s.rules.severity, [("AL105".to_string(), Severity::Warning)]);
        assert_eq!(s.rules.trusted_registries, ["gcr.io"]);
        assert_eq!(s.fail_on, Severity::Error);
        assert_eq!(s.rules.non_root_uid(), 10001);
        assert_eq!(s.builder_images, ["mycorp/sdk-*"]);
        assert_eq!(s.prod_images, ["mycorp/run:*"]);
    }

    #[test]
    fn reads_the_label_schema() {
        let s = parse(
            "[rules]\nstrict-labels = true\n[rules.label-schema]\n\"org.opencontainers.image.version\" = \"semver\"\nmaintainer = \"email\"\n",
            "airlock.toml",
        )
        .unwrap();
        assert!(s.rules.strict_labels);
        assert_eq!(
            s.rules.label_schema,
            [
                ("maintainer".to_string(), LabelType::Email),
                (
                    "org.opencontainers.image.version".to_string(),
                    LabelType::SemVer
                ),
            ]
        );
        let err = parse("[rules.label-schema]\nx = \"number\"\n", "x.toml")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("label `x` has the unknown type `number`"),
            "{err}"
        );
    }

    #[test]
    fn errors_are_positioned() {
        let err = parse("[rules]\nenable = [\"AL118\"\n", "airlock.toml")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("airlock.toml:"), "{err}");
        let err = parse("[rules]\nbogus = 1\n", "x.toml")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("x.toml:2:1:"), "{err}");
        let err = parse("[rules]\nfail-on = \"loud\"\n", "x.toml")
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown severity `loud`"), "{err}");
    }

    #[test]
    fn reads_the_files_table_and_positions_a_bad_glob() {
        let s = parse(
            "[files]\ninclude = [\"*.df\"]\nexclude = [\"vendor/\", \"old.*\"]\n",
            "airlock.toml",
        )
        .unwrap();
        assert_eq!(s.include, ["*.df"]);
        assert_eq!(s.exclude, ["vendor/", "old.*"]);
        let err = parse("[files]\nexclude = [\"ok\", \"[z-a]\"]\n", "x.toml")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("x.toml:2:18: bad glob `[z-a]`"), "{err}");
        let err = parse("[files]\nonly = []\n", "x.toml")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("x.toml:2:1:"), "{err}");
    }

    #[test]
    fn a_non_root_uid_of_zero_is_refused_where_it_is_written() {
        let err = parse("[rules]\nnon-root-uid = 0\n", "x.toml")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("x.toml:2:16:"), "{err}");
        assert!(err.contains("nonzero"), "{err}");
    }
}

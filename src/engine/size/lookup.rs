//! Finding an image in the table: references are normalised (`docker.io/library/golang:1.25` is
//! `golang:1.25`, no tag is `latest`, digests are ignored), then matched exactly, else by tag
//! family: the same repository and variant with the nearest version, flagged as approximate.

use serde::Serialize;

use super::table::Table;
use crate::engine::graph::ImageRef;

/// The lookup key of a reference: `name:tag`, lower-cased, Docker Hub's prefixes dropped, no
/// digest, `latest` when no tag is given.
pub fn pattern_key(reference: &str) -> String {
    key(&ImageRef::parse(reference))
}

/// `pattern_key` of a parsed reference.
pub fn key(image: &ImageRef) -> String {
    format!(
        "{}:{}",
        image.name().to_ascii_lowercase(),
        image
            .tag
            .as_deref()
            .unwrap_or("latest")
            .to_ascii_lowercase()
    )
}

/// A row found for a reference.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Match {
    /// Index into `Table::images`.
    pub row: usize,
    /// The pattern that matched.
    pub pattern: String,
    /// Why the match is not exact, when it is not.
    pub approximate: Option<String>,
}

/// Why a reference has no row.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Miss {
    pub reference: String,
    pub reason: String,
}

/// Looks `image` up in `table`.
pub fn lookup(table: &Table, image: &ImageRef) -> Result<Match, Miss> {
    let wanted = key(image);
    if let Some((row, place)) = table.exact(&wanted) {
        return Ok(Match {
            row,
            pattern: table.images[row].patterns[place].clone(),
            approximate: None,
        });
    }
    let (name, tag) = wanted.split_once(':').unwrap_or((&wanted, "latest"));
    let family = Family::of(tag);
    let mut same_repo = Vec::new();
    let mut best: Option<(usize, usize, &str)> = None;
    for (row, place, k) in table.keys() {
        let Some((pname, ptag)) = k.split_once(':') else {
            continue;
        };
        if pname != name {
            continue;
        }
        let p = &table.images[*row].patterns[*place];
        same_repo.push(p.clone());
        let pf = Family::of(ptag);
        if pf.variant != family.variant {
            continue;
        }
        let score = family.closeness(&pf);
        if best.is_none_or(|(_, s, _)| score > s) {
            best = Some((*row, score, p));
        }
    }
    match best {
        Some((row, _, pattern)) => Ok(Match {
            row,
            pattern: pattern.to_string(),
            approximate: Some(format!(
                "`{}` is not in the table; `{pattern}` is the nearest tag of the same variant",
                image.raw
            )),
        }),
        None if same_repo.is_empty() => Err(Miss {
            reference: image.raw.clone(),
            reason: format!("`{name}` is not in the built-in table"),
        }),
        None => Err(Miss {
            reference: image.raw.clone(),
            reason: format!(
                "the table has `{name}` only as {}, none of the variant `{}`",
                same_repo.join(", "),
                if family.variant.is_empty() {
                    tag
                } else {
                    &family.variant
                }
            ),
        }),
    }
}

/// Distribution code names: `golang:1.25` and `golang:1.25-bookworm` are the same variant.
const CODENAMES: &[&str] = &[
    "bookworm", "bullseye", "buster", "stretch", "trixie", "sid", "noble", "jammy", "focal",
    "bionic",
];

/// Tag words that stand for a version.
const VERSION_WORDS: &[&str] = &["latest", "stable", "mainline", "lts", "current"];

/// A tag split into its version numbers and its variant (`1.25.3-slim-bookworm` is version
/// 1.25.3, variant `slim`; `alpine3.23` is variant `alpine`).
struct Family {
    version: Vec<u64>,
    variant: String,
}

impl Family {
    fn of(tag: &str) -> Family {
        let mut version = Vec::new();
        let mut words = Vec::new();
        for token in tag.split('-') {
            if token.starts_with(|c: char| c.is_ascii_digit()) || VERSION_WORDS.contains(&token) {
                if version.is_empty() {
                    version = token
                        .split(['.', '_', '+'])
                        .map_while(|n| n.parse().ok())
                        .collect();
                }
                continue;
            }
            let word = token.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
            if !word.is_empty() && !CODENAMES.contains(&word) {
                words.push(word);
            }
        }
        Family {
            version,
            variant: words.join("-"),
        }
    }

    /// How many leading version numbers agree.
    fn closeness(&self, other: &Family) -> usize {
        self.version
            .iter()
            .zip(&other.version)
            .take_while(|(a, b)| a == b)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(reference: &str) -> Result<Match, Miss> {
        lookup(Table::builtin(), &ImageRef::parse(reference))
    }

    #[test]
    fn keys_drop_docker_hub_prefixes_digests_and_default_the_tag() {
        assert_eq!(pattern_key("docker.io/library/golang:1.25"), "golang:1.25");
        assert_eq!(pattern_key("golang:1.25@sha256:abc"), "golang:1.25");
        assert_eq!(pattern_key("Alpine"), "alpine:latest");
        assert_eq!(
            pattern_key("index.docker.io/cleanstart/go"),
            "cleanstart/go:latest"
        );
    }

    #[test]
    fn families_split_version_and_variant() {
        let f = Family::of("1.25.3-slim-bookworm");
        assert_eq!((f.version, f.variant.as_str()), (vec![1, 25, 3], "slim"));
        assert_eq!(Family::of("22-alpine3.23").variant, "alpine");
        assert_eq!(Family::of("latest-dev").variant, "dev");
        assert_eq!(
            Family::of("3-eclipse-temurin-21-noble").variant,
            "eclipse-temurin"
        );
    }

    #[test]
    fn exact_matches_are_not_approximate() {
        let m = find("docker.io/library/golang:1.25-bookworm@sha256:0123").unwrap();
        assert_eq!(m.pattern, "golang:1.25-bookworm");
        assert_eq!(m.approximate, None);
    }

    #[test]
    fn a_newer_patch_matches_its_family() {
        let m = find("golang:1.25.3-bookworm").unwrap();
        assert_eq!(m.pattern, "golang:1.25-bookworm");
        assert!(m.approximate.is_some());
        assert_eq!(
            find("golang:1.22-alpine").unwrap().pattern,
            "golang:1.25-alpine"
        );
        assert_eq!(
            find("registry.cleanstart.com/python:3.12-prod")
                .unwrap()
                .pattern,
            "registry.cleanstart.com/python:3.11-prod"
        );
        assert_eq!(
            find("cleanstart/go:1.26.5").unwrap().pattern,
            "cleanstart/go:latest"
        );
    }

    #[test]
    fn a_variant_the_table_lacks_is_unknown_with_a_reason() {
        let miss = find("cleanstart-gcc:14-dev").unwrap_err();
        assert!(
            miss.reason.contains("none of the variant `dev`"),
            "{}",
            miss.reason
        );
        let miss = find("example.com/team/app:1").unwrap_err();
        assert_eq!(
            miss.reason,
            "`example.com/team/app` is not in the built-in table"
        );
    }
}

//! The CleanStart mapping (`cleanstart.csv`): public images and the CleanStart image a stage on
//! them could use instead, the -dev/builder variant for stages that build and the -prod one for
//! stages that ship. It sits beside the size table because it is the same kind of data: read
//! with the same CSV reader, and every CleanStart name it gives must be a row of `images.csv`
//! (so each swap has a size, and no name is made up). Compiled in, parsed once on first use.

use std::sync::OnceLock;

use serde::Serialize;

use super::csv::{self, field_error, CsvError};
use super::lookup::{key, pattern_key};
use super::table::{Table, TableError};
use crate::engine::graph::ImageRef;

pub const CLEANSTART_CSV: &str = include_str!("cleanstart.csv");

/// One row of `cleanstart.csv`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mapping {
    /// Repositories, lower-case; a trailing `*` is a prefix.
    pub images: Vec<String>,
    /// For stages that build, test or are run for development.
    pub builder: Option<String>,
    /// For stages that ship.
    pub prod: Option<String>,
    pub source: String,
    pub note: String,
    pub line: usize,
}

impl Mapping {
    /// Whether the data names no CleanStart image for these repositories.
    pub fn is_none(&self) -> bool {
        self.builder.is_none() && self.prod.is_none()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mappings {
    pub rows: Vec<Mapping>,
}

impl Mappings {
    /// The compiled-in mapping, checked against the compiled-in size table (tests check both,
    /// so failing here is a bug in the build, never in user input).
    pub fn builtin() -> &'static Mappings {
        static MAPPINGS: OnceLock<Mappings> = OnceLock::new();
        MAPPINGS.get_or_init(|| {
            Mappings::parse(CLEANSTART_CSV, Table::builtin())
                .unwrap_or_else(|e| panic!("the built-in CleanStart mapping is invalid: {e}"))
        })
    }

    /// Reads and checks the file: repositories without tag, digest or spaces, none twice; the
    /// CleanStart names exact patterns of `table` (the size table) and CleanStart's; a source
    /// on every row.
    pub fn parse(text: &str, table: &Table) -> Result<Mappings, TableError> {
        let err = |error| TableError {
            file: "cleanstart.csv",
            error,
        };
        let (header, rows) = csv::read(text).map_err(err)?;
        for column in ["images", "builder", "prod", "source", "note"] {
            if !header.iter().any(|h| h == column) {
                return Err(err(CsvError {
                    line: 1,
                    kind: csv::CsvErrorKind::Field {
                        column: column.into(),
                        message: "is not in the header".into(),
                    },
                }));
            }
        }
        let mut out: Vec<Mapping> = Vec::new();
        for r in csv::records(&header, rows) {
            let mut images = Vec::new();
            for p in r.get("images").split('|').map(str::trim) {
                let bare = p.strip_suffix('*').unwrap_or(p);
                let tagged = bare
                    .rsplit('/')
                    .next()
                    .is_some_and(|last| last.contains(':'));
                if bare.is_empty()
                    || tagged
                    || bare.contains(|c: char| c.is_whitespace() || c == '@' || c == '*')
                {
                    return Err(err(field_error(
                        &r,
                        "images",
                        format!("`{p}` is not a repository (no tag, digest or space; `*` only at the end)"),
                    )));
                }
                let p = p.to_ascii_lowercase();
                if let Some(first) = out.iter().find(|m| m.images.contains(&p)) {
                    return Err(err(field_error(
                        &r,
                        "images",
                        format!("`{p}` is already on line {}", first.line),
                    )));
                }
                images.push(p);
            }
            let variant = |column: &str| -> Result<Option<String>, TableError> {
                let name = r.get(column);
                if name.is_empty() {
                    return Ok(None);
                }
                if !name.contains("cleanstart") {
                    return Err(err(field_error(
                        &r,
                        column,
                        format!("`{name}` is not a CleanStart image"),
                    )));
                }
                if table.exact(&pattern_key(name)).is_none() {
                    return Err(err(field_error(
                        &r,
                        column,
                        format!("`{name}` is not a pattern of images.csv (no source names it)"),
                    )));
                }
                Ok(Some(name.to_string()))
            };
            let builder = variant("builder")?;
            let prod = variant("prod")?;
            let source = r.get("source");
            if source.is_empty() {
                return Err(err(field_error(&r, "source", "is empty".into())));
            }
            out.push(Mapping {
                images,
                builder,
                prod,
                source: source.to_string(),
                note: r.get("note").to_string(),
                line: r.line,
            });
        }
        Ok(Mappings { rows: out })
    }

    /// The row for an image's repository, if any (CleanStart's own images have none).
    pub fn find(&self, image: &ImageRef) -> Option<&Mapping> {
        let wanted = key(image);
        let name = wanted.rsplit_once(':').map_or(wanted.as_str(), |(n, _)| n);
        if name.contains("cleanstart") {
            return None;
        }
        self.rows.iter().find(|m| {
            m.images.iter().any(|p| match p.strip_suffix('*') {
                Some(prefix) => name.starts_with(prefix),
                None => name == p,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Mappings, TableError> {
        Mappings::parse(text, Table::builtin())
    }

    const HEADER: &str = "images,builder,prod,source,note\n";

    #[test]
    fn the_builtin_mapping_is_valid() {
        let m = parse(CLEANSTART_CSV).unwrap();
        assert!(m.rows.len() > 10);
        assert!(m.rows.iter().any(Mapping::is_none));
    }

    #[test]
    fn finds_by_repository_and_prefix() {
        let m = Mappings::builtin();
        let find = |r: &str| m.find(&ImageRef::parse(r)).map(|m| m.line);
        assert_eq!(find("python:3.12-slim"), find("docker.io/library/python"));
        assert!(find("golang:1.25").is_some());
        assert_eq!(
            find("gcr.io/distroless/python3-debian12:nonroot"),
            find("gcr.io/distroless/python3")
        );
        assert_ne!(find("gcr.io/distroless/python3"), find("python"));
        assert_eq!(find("cleanstart/python:latest"), None);
        assert_eq!(find("example.com/python:3"), None);
        assert!(m
            .find(&ImageRef::parse("rust:1"))
            .is_some_and(Mapping::is_none));
    }

    #[test]
    fn errors_name_the_line_and_column() {
        let e = parse(&format!("{HEADER}golang,cleanstart/go:9-dev,,src,\n")).unwrap_err();
        assert_eq!(e.error.line, 2);
        assert!(e.to_string().contains("builder"), "{e}");
        assert!(e.to_string().contains("not a pattern of images.csv"), "{e}");

        let e = parse(&format!("{HEADER}\ngolang:1.25,,,src,\n")).unwrap_err();
        assert_eq!(e.error.line, 3);
        assert!(e.to_string().contains("images"), "{e}");

        let e = parse(&format!("{HEADER}golang,,,src,\ngolang,,,src,\n")).unwrap_err();
        assert_eq!(e.error.line, 3);
        assert!(e.to_string().contains("already on line 2"), "{e}");

        let e = parse(&format!("{HEADER}golang,,python:3.11,src,\n")).unwrap_err();
        assert!(e.to_string().contains("not a CleanStart image"), "{e}");

        let e = parse(&format!("{HEADER}golang,,,,\n")).unwrap_err();
        assert!(e.to_string().contains("source"), "{e}");

        let e = parse("images,builder\n").unwrap_err();
        assert!(e.to_string().contains("prod"), "{e}");
    }
}

//! The built-in data: image sizes (`images.csv`), defaults for what builds add (`defaults.csv`)
//! and published whole-image figures (`published.csv`). Compiled in, read once, checked here.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;
use thiserror::Error;

use super::csv::{self, field_error, number, CsvError, Record};
use super::lookup::pattern_key;

/// Which figure a source states.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stated {
    Uncompressed,
    Compressed,
    Both,
    /// The source does not say; the figure is read as uncompressed.
    Unstated,
}

/// Who published a figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// The project's guide (shared/seed).
    Seed,
    /// A vendor's own page.
    Vendor,
    Measured,
    /// True by definition (`scratch` is empty).
    Definition,
}

/// How a default size was arrived at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DefaultBasis {
    Sourced,
    Derived,
    Assumption,
}

/// One image of `images.csv`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ImageRow {
    /// The references that name it, as written in the file.
    pub patterns: Vec<String>,
    pub role: String,
    pub uncompressed_mb: Option<f64>,
    pub compressed_mb: Option<f64>,
    pub stated: Stated,
    pub kind: RowKind,
    /// Item kinds (`defaults.csv`) that the figure already contains.
    pub includes: Vec<String>,
    pub source: String,
    pub date: String,
    pub note: String,
    pub line: usize,
}

/// One default of `defaults.csv`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DefaultRow {
    pub kind: String,
    pub mb: f64,
    /// Uncompressed / compressed; `None`: the table's measured image ratio.
    pub compress_ratio: Option<f64>,
    pub basis: DefaultBasis,
    pub source: String,
    pub note: String,
    pub line: usize,
}

/// One figure of `published.csv`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PublishedRow {
    pub subject: String,
    pub label: String,
    pub mb: f64,
    pub stated: Stated,
    pub kind: RowKind,
    pub source: String,
    pub date: String,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Table {
    pub images: Vec<ImageRow>,
    pub defaults: Vec<DefaultRow>,
    /// The measured uncompressed/compressed ratio (the `ratio` row of `defaults.csv`).
    pub ratio: f64,
    /// Normalised pattern -> (index into `images`, place in the row's patterns).
    #[serde(skip)]
    exact: HashMap<String, (usize, usize)>,
    /// Every pattern's normalised key with its row and its place in the row, in file order
    /// (the approximate lookup scans them on every analysis, so they are made once).
    #[serde(skip)]
    keys: Vec<(usize, usize, String)>,
}

/// A problem in one of the data files.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("{file}: {error}")]
pub struct TableError {
    pub file: &'static str,
    pub error: CsvError,
}

pub const IMAGES_CSV: &str = include_str!("images.csv");
pub const DEFAULTS_CSV: &str = include_str!("defaults.csv");
pub const PUBLISHED_CSV: &str = include_str!("published.csv");

impl Table {
    /// The compiled-in table. The data files are checked by tests, so failing here is a bug in
    /// the build, never in user input.
    pub fn builtin() -> &'static Table {
        static TABLE: OnceLock<Table> = OnceLock::new();
        TABLE.get_or_init(|| {
            Table::parse(IMAGES_CSV, DEFAULTS_CSV)
                .unwrap_or_else(|e| panic!("the built-in size table is invalid: {e}"))
        })
    }

    /// Reads and checks the two files the estimate uses: known values in enumerated columns, a
    /// source on every row, positive sizes (0 only for `scratch`), the figures present that the
    /// basis states, no pattern twice, and `includes` naming known defaults.
    pub fn parse(images: &str, defaults: &str) -> Result<Table, TableError> {
        let defaults = parse_defaults(defaults).map_err(|error| TableError {
            file: "defaults.csv",
            error,
        })?;
        let images = parse_images(images, &defaults).map_err(|error| TableError {
            file: "images.csv",
            error,
        })?;
        let ratio = defaults
            .iter()
            .find(|d| d.kind == "ratio")
            .map(|d| d.mb)
            .ok_or(TableError {
                file: "defaults.csv",
                error: CsvError {
                    line: 1,
                    kind: csv::CsvErrorKind::Field {
                        column: "kind".into(),
                        message: "no `ratio` row (the measured uncompressed/compressed ratio)"
                            .into(),
                    },
                },
            })?;
        let keys: Vec<(usize, usize, String)> = images
            .iter()
            .enumerate()
            .flat_map(|(i, row)| {
                row.patterns
                    .iter()
                    .enumerate()
                    .map(move |(j, p)| (i, j, pattern_key(p)))
            })
            .collect();
        let exact = keys.iter().map(|(i, j, k)| (k.clone(), (*i, *j))).collect();
        Ok(Table {
            images,
            defaults,
            ratio,
            exact,
            keys,
        })
    }

    pub fn default(&self, kind: &str) -> Option<&DefaultRow> {
        self.defaults.iter().find(|d| d.kind == kind)
    }

    /// Each pattern as (row, place in the row, `lookup::pattern_key`), in file order.
    pub(super) fn keys(&self) -> &[(usize, usize, String)] {
        &self.keys
    }

    /// The row one of whose patterns is exactly `key` (see `lookup::pattern_key`), and that
    /// pattern's place in the row.
    pub(super) fn exact(&self, key: &str) -> Option<(usize, usize)> {
        self.exact.get(key).copied()
    }
}

fn required<'r>(record: &'r Record, column: &str) -> Result<&'r str, CsvError> {
    let v = record.get(column);
    if v.is_empty() {
        return Err(field_error(record, column, "is empty".into()));
    }
    Ok(v)
}

fn one_of<T: Copy>(record: &Record, column: &str, values: &[(&str, T)]) -> Result<T, CsvError> {
    let v = record.get(column);
    values
        .iter()
        .find(|(name, _)| *name == v)
        .map(|(_, t)| *t)
        .ok_or_else(|| {
            let names: Vec<&str> = values.iter().map(|(n, _)| *n).collect();
            field_error(
                record,
                column,
                format!("`{v}` is not one of {}", names.join(", ")),
            )
        })
}

const STATED: &[(&str, Stated)] = &[
    ("uncompressed", Stated::Uncompressed),
    ("compressed", Stated::Compressed),
    ("both", Stated::Both),
    ("unstated", Stated::Unstated),
];

const KINDS: &[(&str, RowKind)] = &[
    ("seed", RowKind::Seed),
    ("vendor", RowKind::Vendor),
    ("measured", RowKind::Measured),
    ("definition", RowKind::Definition),
];

fn parse_images(text: &str, defaults: &[DefaultRow]) -> Result<Vec<ImageRow>, CsvError> {
    let (header, rows) = csv::read(text)?;
    let mut out: Vec<ImageRow> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for r in csv::records(&header, rows) {
        let patterns: Vec<String> = required(&r, "patterns")?
            .split('|')
            .map(|p| p.trim().to_string())
            .collect();
        for p in &patterns {
            if p.is_empty() || p.contains(char::is_whitespace) || p.contains('@') {
                return Err(field_error(
                    &r,
                    "patterns",
                    format!("`{p}` is not a reference without spaces or digest"),
                ));
            }
            if let Some(first) = seen.insert(pattern_key(p), r.line) {
                return Err(field_error(
                    &r,
                    "patterns",
                    format!("`{p}` is already on line {first}"),
                ));
            }
        }
        let role = one_of(
            &r,
            "role",
            &[
                ("builder", "builder"),
                ("prod", "prod"),
                ("dev", "dev"),
                ("base", "base"),
            ],
        )?;
        let unc = number(&r, "uncompressed_mb")?;
        let comp = number(&r, "compressed_mb")?;
        let stated = one_of(&r, "basis", STATED)?;
        let fits = match stated {
            Stated::Uncompressed | Stated::Unstated => unc.is_some() && comp.is_none(),
            Stated::Compressed => unc.is_none() && comp.is_some(),
            Stated::Both => unc.is_some() && comp.is_some(),
        };
        if !fits {
            return Err(field_error(
                &r,
                "basis",
                format!(
                    "`{}` does not match the size columns filled in",
                    r.get("basis")
                ),
            ));
        }
        let scratch = patterns.iter().all(|p| p.starts_with("scratch"));
        for (column, v) in [("uncompressed_mb", unc), ("compressed_mb", comp)] {
            if v == Some(0.0) && !scratch {
                return Err(field_error(
                    &r,
                    column,
                    "is 0: only scratch is empty".into(),
                ));
            }
        }
        let includes: Vec<String> = r
            .get("includes")
            .split(';')
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_string)
            .collect();
        if let Some(k) = includes
            .iter()
            .find(|k| !defaults.iter().any(|d| &d.kind == *k))
        {
            return Err(field_error(
                &r,
                "includes",
                format!("`{k}` is not a kind in defaults.csv"),
            ));
        }
        out.push(ImageRow {
            patterns,
            role: role.to_string(),
            uncompressed_mb: unc,
            compressed_mb: comp,
            stated,
            kind: one_of(&r, "kind", KINDS)?,
            includes,
            source: required(&r, "source")?.to_string(),
            date: r.get("date").to_string(),
            note: r.get("note").to_string(),
            line: r.line,
        });
    }
    Ok(out)
}

fn parse_defaults(text: &str) -> Result<Vec<DefaultRow>, CsvError> {
    let (header, rows) = csv::read(text)?;
    let mut out: Vec<DefaultRow> = Vec::new();
    for r in csv::records(&header, rows) {
        let kind = required(&r, "kind")?.to_string();
        if let Some(first) = out.iter().find(|d| d.kind == kind) {
            return Err(field_error(
                &r,
                "kind",
                format!("`{kind}` is already on line {}", first.line),
            ));
        }
        let mb = number(&r, "mb")?
            .filter(|v| *v > 0.0)
            .ok_or_else(|| field_error(&r, "mb", "must be a size above 0".into()))?;
        let compress_ratio = number(&r, "compress_ratio")?;
        if compress_ratio.is_some_and(|v| v < 1.0) {
            return Err(field_error(
                &r,
                "compress_ratio",
                "must be 1 or more".into(),
            ));
        }
        out.push(DefaultRow {
            kind,
            mb,
            compress_ratio,
            basis: one_of(
                &r,
                "basis",
                &[
                    ("sourced", DefaultBasis::Sourced),
                    ("derived", DefaultBasis::Derived),
                    ("assumption", DefaultBasis::Assumption),
                ],
            )?,
            source: required(&r, "source")?.to_string(),
            note: r.get("note").to_string(),
            line: r.line,
        });
    }
    Ok(out)
}

/// The whole-image figures of `published.csv`, read and checked. The estimate does not use them
/// (tests compare it with them), so they are read on demand and the playground does not carry
/// them.
pub fn published() -> Result<Vec<PublishedRow>, TableError> {
    parse_published(PUBLISHED_CSV).map_err(|error| TableError {
        file: "published.csv",
        error,
    })
}

fn parse_published(text: &str) -> Result<Vec<PublishedRow>, CsvError> {
    let (header, rows) = csv::read(text)?;
    let mut out = Vec::new();
    for r in csv::records(&header, rows) {
        out.push(PublishedRow {
            subject: required(&r, "subject")?.to_string(),
            label: required(&r, "label")?.to_string(),
            mb: number(&r, "mb")?
                .filter(|v| *v > 0.0)
                .ok_or_else(|| field_error(&r, "mb", "must be a size above 0".into()))?,
            stated: one_of(&r, "basis", STATED)?,
            kind: one_of(&r, "kind", KINDS)?,
            source: required(&r, "source")?.to_string(),
            date: r.get("date").to_string(),
            line: r.line,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "patterns,role,uncompressed_mb,compressed_mb,basis,kind,includes,source,date,note\n";

    fn images(rows: &str) -> Result<Table, TableError> {
        Table::parse(&format!("{HEADER}{rows}"), DEFAULTS_CSV)
    }

    fn message(rows: &str) -> String {
        images(rows).unwrap_err().to_string()
    }

    #[test]
    fn the_builtin_table_reads() {
        let t = Table::builtin();
        assert!(t.images.len() > 50, "{}", t.images.len());
        assert!((t.ratio - 2.7).abs() < 1e-9);
        // The figures tests compare with read too, each with a source.
        let published = published().unwrap();
        assert!(published.len() >= 10, "{}", published.len());
        assert!(published.iter().all(|p| !p.source.is_empty() && p.mb > 0.0));
    }

    #[test]
    fn a_published_figure_needs_a_positive_size() {
        let err = parse_published(
            "subject,label,mb,basis,kind,source,date\nx,y,0,uncompressed,measured,s,\n",
        )
        .unwrap_err();
        assert!(err.to_string().contains("must be a size above 0"), "{err}");
    }

    #[test]
    fn a_pattern_may_appear_once() {
        assert_eq!(
            message("a:1,prod,1,,uncompressed,measured,,s,,\ndocker.io/library/a:1,prod,2,,uncompressed,measured,,s,,\n"),
            "images.csv: line 3: column `patterns`: `docker.io/library/a:1` is already on line 2"
        );
    }

    #[test]
    fn every_row_needs_a_source() {
        assert_eq!(
            message("a:1,prod,1,,uncompressed,measured,,,,\n"),
            "images.csv: line 2: column `source`: is empty"
        );
    }

    #[test]
    fn sizes_are_positive_except_scratch() {
        assert_eq!(
            message("a:1,prod,0,,uncompressed,measured,,s,,\n"),
            "images.csv: line 2: column `uncompressed_mb`: is 0: only scratch is empty"
        );
        assert_eq!(
            message("a:1,prod,-3,,uncompressed,measured,,s,,\n"),
            "images.csv: line 2: column `uncompressed_mb`: `-3` is not a size in MB (a number, 0 or more)"
        );
        assert!(images("scratch:latest,prod,0,0,both,definition,,s,,\n").is_ok());
    }

    #[test]
    fn the_basis_must_match_the_figures() {
        assert_eq!(
            message("a:1,prod,1,,compressed,measured,,s,,\n"),
            "images.csv: line 2: column `basis`: `compressed` does not match the size columns filled in"
        );
    }

    #[test]
    fn includes_name_known_defaults() {
        assert_eq!(
            message("a:1,prod,1,,unstated,seed,go-binry,s,,\n"),
            "images.csv: line 2: column `includes`: `go-binry` is not a kind in defaults.csv"
        );
    }

    #[test]
    fn enumerated_columns_say_what_they_accept() {
        assert_eq!(
            message("a:1,ship,1,,unstated,seed,,s,,\n"),
            "images.csv: line 2: column `role`: `ship` is not one of builder, prod, dev, base"
        );
    }
}

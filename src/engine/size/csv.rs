//! A very small CSV reader for the built-in data files: `#` comment lines, blank lines, a header
//! row, comma-separated fields, and double-quoted fields (`""` is a quote). No crate: this code
//! reaches the wasm bundle.

use thiserror::Error;

/// One data row, with its 1-based line number in the file.
#[derive(Debug)]
pub(super) struct Record<'h> {
    pub line: usize,
    header: &'h [String],
    fields: Vec<String>,
}

impl Record<'_> {
    /// The field under column `name`, trimmed; empty when the column is missing.
    pub fn get(&self, name: &str) -> &str {
        self.header
            .iter()
            .position(|h| h == name)
            .and_then(|i| self.fields.get(i))
            .map_or("", |f| f.trim())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CsvErrorKind {
    #[error("the file has no header row")]
    NoHeader,
    #[error("a quoted field is not closed")]
    UnclosedQuote,
    #[error("expected {expected} fields like the header, found {found}")]
    FieldCount { expected: usize, found: usize },
    #[error("column `{column}`: {message}")]
    Field { column: String, message: String },
}

/// A problem in a data file, at a line.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("line {line}: {kind}")]
pub struct CsvError {
    pub line: usize,
    pub kind: CsvErrorKind,
}

/// A data row's line number and fields.
pub(super) type Row = (usize, Vec<String>);

/// Splits `text` into its header and rows.
pub(super) fn read(text: &str) -> Result<(Vec<String>, Vec<Row>), CsvError> {
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
            continue;
        }
        let fields = split(raw).ok_or(CsvError {
            line,
            kind: CsvErrorKind::UnclosedQuote,
        })?;
        match &header {
            None => header = Some(fields.iter().map(|f| f.trim().to_string()).collect()),
            Some(h) if h.len() != fields.len() => {
                return Err(CsvError {
                    line,
                    kind: CsvErrorKind::FieldCount {
                        expected: h.len(),
                        found: fields.len(),
                    },
                })
            }
            Some(_) => rows.push((line, fields)),
        }
    }
    let header = header.ok_or(CsvError {
        line: 1,
        kind: CsvErrorKind::NoHeader,
    })?;
    Ok((header, rows))
}

/// Wraps `read`'s rows as records that look fields up by column name.
pub(super) fn records<'h>(
    header: &'h [String],
    rows: Vec<Row>,
) -> impl Iterator<Item = Record<'h>> {
    rows.into_iter().map(move |(line, fields)| Record {
        line,
        header,
        fields,
    })
}

/// One line's fields; `None` when a quote is left open.
fn split(line: &str) -> Option<Vec<String>> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (false, '"') if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            (false, ',') => fields.push(std::mem::take(&mut field)),
            (_, c) => field.push(c),
        }
    }
    if quoted {
        return None;
    }
    fields.push(field);
    Some(fields)
}

/// A number field: `Ok(None)` when empty, an error naming the column otherwise.
pub(super) fn number(record: &Record, column: &str) -> Result<Option<f64>, CsvError> {
    let text = record.get(column);
    if text.is_empty() {
        return Ok(None);
    }
    match crate::engine::number::parse_f64(text) {
        Some(v) if v.is_finite() && v >= 0.0 => Ok(Some(v)),
        _ => Err(field_error(
            record,
            column,
            format!("`{text}` is not a size in MB (a number, 0 or more)"),
        )),
    }
}

pub(super) fn field_error(record: &Record, column: &str, message: String) -> CsvError {
    CsvError {
        line: record.line,
        kind: CsvErrorKind::Field {
            column: column.to_string(),
            message,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quotes_comments_and_blank_lines() {
        let (header, rows) = read("# note\n\na,b,c\n1,\"x, \"\"y\"\"\",3\n").unwrap();
        assert_eq!(header, ["a", "b", "c"]);
        assert_eq!(rows, [(4, vec!["1".into(), "x, \"y\"".into(), "3".into()])]);
    }

    #[test]
    fn reports_the_line_of_a_short_row() {
        let err = read("a,b\n1,2\n3\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 3: expected 2 fields like the header, found 1"
        );
    }

    #[test]
    fn reports_an_unclosed_quote() {
        let err = read("a\n\"open\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert_eq!(err.kind, CsvErrorKind::UnclosedQuote);
    }

    #[test]
    fn an_empty_file_has_no_header() {
        assert_eq!(
            read("# only a comment\n").unwrap_err().kind,
            CsvErrorKind::NoHeader
        );
    }
}

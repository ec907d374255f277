//! The findings pane as plain logic: rows grouped by severity and filtered by the severity
//! toggles and a text filter, identical findings on many lines as one entry, and the report
//! files the pane exports.

use crate::engine::rules;
use crate::engine::syntax::Span;
use crate::engine::{Analysis, Severity};
use crate::render::report;

/// One rule finding as the pane lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingRow {
    /// Its index in `Analysis::findings` (where its fix is).
    pub index: usize,
    pub code: &'static str,
    /// The rule's name (`final_stage_runs_as_root`).
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub line: u32,
    pub column: u32,
    pub span: Span,
    /// The fix's title, when the finding has one.
    pub fix: Option<String>,
}

impl FindingRow {
    /// `line:column`, 1-based.
    pub fn position(&self) -> String {
        format!("{}:{}", self.line, self.column)
    }
}

/// The rule findings of an analysis, in source order.
pub fn finding_rows(analysis: &Analysis) -> Vec<FindingRow> {
    let tree = &analysis.tree;
    analysis
        .findings
        .iter()
        .enumerate()
        .map(|(index, d)| {
            let at = tree.line_col(d.span.start);
            FindingRow {
                index,
                code: d.code,
                rule: rules::find(d.code).map_or("", |r| r.name),
                severity: d.severity,
                message: d.message.clone(),
                line: at.line,
                column: at.column,
                span: d.span,
                fix: d.fix.as_ref().map(|f| f.title.clone()),
            }
        })
        .collect()
}

/// What the pane shows: the severities not toggled off, and rows matching the text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FindingFilter {
    pub hidden: Vec<Severity>,
    pub text: String,
}

impl FindingFilter {
    pub fn shows_severity(&self, severity: Severity) -> bool {
        !self.hidden.contains(&severity)
    }

    /// The filter with `severity` shown if it was hidden, hidden if it was shown.
    pub fn toggled(&self, severity: Severity) -> FindingFilter {
        let mut hidden = self.hidden.clone();
        match hidden.iter().position(|s| *s == severity) {
            Some(i) => {
                hidden.remove(i);
            }
            None => hidden.push(severity),
        }
        FindingFilter {
            hidden,
            text: self.text.clone(),
        }
    }

    /// Whether the text (any case, any of its words) is in the row's code, rule name, aliases,
    /// message or position.
    pub fn matches(&self, row: &FindingRow) -> bool {
        let aliases = rules::find(row.code).map_or(&[][..], |r| r.aliases);
        let haystack = format!(
            "{} {} {} {} {}",
            row.code,
            row.rule,
            aliases.join(" "),
            row.message,
            row.position()
        )
        .to_ascii_lowercase();
        self.text
            .split_whitespace()
            .all(|word| haystack.contains(&word.to_ascii_lowercase()))
    }

    pub fn shows(&self, row: &FindingRow) -> bool {
        self.shows_severity(row.severity) && self.matches(row)
    }
}

/// The findings of one severity: how many there are, and those the filter shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group<'a> {
    pub severity: Severity,
    pub total: usize,
    pub rows: Vec<&'a FindingRow>,
}

/// One group per severity that has findings, most severe first. A group whose rows are all
/// filtered out is still returned (its count says what is hidden).
pub fn groups<'a>(rows: &'a [FindingRow], filter: &FindingFilter) -> Vec<Group<'a>> {
    Severity::ALL
        .into_iter()
        .filter_map(|severity| {
            let all: Vec<&FindingRow> = rows.iter().filter(|r| r.severity == severity).collect();
            (!all.is_empty()).then(|| Group {
                severity,
                total: all.len(),
                rows: all.into_iter().filter(|r| filter.shows(r)).collect(),
            })
        })
        .collect()
}

/// The rows of a severity group as the pane lists them: findings that say the same thing (same
/// rule, severity, message and fix) are one entry, its rows in source order, placed where the
/// first of them is. The same rule as `airlock check`'s text output, so a file with 50
/// `FROM x as y` reads as one thing to fix in both faces.
pub fn repeats<'a>(rows: &[&'a FindingRow]) -> Vec<Vec<&'a FindingRow>> {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let same = |a: &FindingRow, b: &FindingRow| {
        (a.code, a.severity, &a.message, &a.fix) == (b.code, b.severity, &b.message, &b.fix)
    };
    let mut entries: Vec<Vec<&'a FindingRow>> = Vec::new();
    // Each key's hash to its entry + 1 (the map type the editor already has, so the wasm holds
    // no second one). Two keys with one hash only keep the second apart, never mix them.
    let mut index: std::collections::HashMap<u64, u32> =
        std::collections::HashMap::with_capacity(rows.len());
    for &row in rows {
        let mut h = DefaultHasher::new();
        (row.code, row.severity.as_str(), &row.message, &row.fix).hash(&mut h);
        let slot = index.entry(h.finish()).or_default();
        match (*slot as usize)
            .checked_sub(1)
            .and_then(|e| entries.get_mut(e))
            .filter(|e| same(e[0], row))
        {
            Some(entry) => entry.push(row),
            None => {
                entries.push(vec![row]);
                if *slot == 0 {
                    *slot = entries.len() as u32;
                }
            }
        }
    }
    entries
}

/// What a screen reader hears after a repeated finding's message: `12 times, lines 3, 5, 9`
/// (the first 20 lines, then how many more).
pub fn repeat_text(rows: &[&FindingRow]) -> String {
    const LISTED: usize = 20;
    let lines: Vec<String> = rows
        .iter()
        .take(LISTED)
        .map(|r| r.line.to_string())
        .collect();
    let more = match rows.len().saturating_sub(LISTED) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    format!("{} times, lines {}{more}", rows.len(), lines.join(", "))
}

/// How many findings have a severity.
pub fn count(rows: &[FindingRow], severity: Severity) -> usize {
    rows.iter().filter(|r| r.severity == severity).count()
}

/// A report file the pane exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Json,
    Sarif,
    Markdown,
}

impl ReportFormat {
    pub fn filename(self) -> &'static str {
        match self {
            ReportFormat::Json => "airlock-report.json",
            ReportFormat::Sarif => "airlock-report.sarif",
            ReportFormat::Markdown => "airlock-report.md",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            ReportFormat::Json => "application/json",
            ReportFormat::Sarif => "application/sarif+json",
            ReportFormat::Markdown => "text/markdown",
        }
    }

    /// The report of the editor's text, named `Dockerfile` (what `airlock check` writes for it).
    pub fn render(self, analysis: &Analysis) -> String {
        let all = report::findings("Dockerfile", analysis);
        let mut out = match self {
            ReportFormat::Json => report::findings_json(&all).pretty(),
            ReportFormat::Sarif => report::sarif(&all).pretty(),
            ReportFormat::Markdown => return report::markdown(&all),
        };
        out.push('\n');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{analyze, Config};

    const ROOT: &str = "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\nUSER root\n";

    fn rows(text: &str) -> Vec<FindingRow> {
        finding_rows(&analyze(text, &Config::default()))
    }

    fn row<'a>(rows: &'a [FindingRow], code: &str) -> &'a FindingRow {
        rows.iter().find(|r| r.code == code).expect(code)
    }

    #[test]
    fn rows_carry_code_rule_position_and_fix_title() {
        let rows = rows(ROOT);
        let root = row(&rows, "AL104");
        assert_eq!(root.rule, "final_stage_runs_as_root");
        assert_eq!(root.position(), "5:1");
        assert!(root.fix.is_some());
    }

    #[test]
    fn groups_are_by_severity_most_severe_first_with_counts() {
        let rows = rows(ROOT);
        let groups = groups(&rows, &FindingFilter::default());
        assert!(groups.windows(2).all(|g| g[0].severity < g[1].severity));
        assert_eq!(groups.iter().map(|g| g.total).sum::<usize>(), rows.len());
        assert!(groups.iter().all(|g| g.rows.len() == g.total));
    }

    #[test]
    fn identical_findings_are_one_entry_at_the_first_with_every_line() {
        let text = "FROM alpine:3.20 as a\nFROM alpine:3.20 as b\nUSER root\nFROM a as c\n";
        let rows = rows(text);
        let all: Vec<&FindingRow> = rows.iter().collect();
        let entries = repeats(&all);
        assert_eq!(entries.iter().map(Vec::len).sum::<usize>(), rows.len());
        let casing = entries
            .iter()
            .find(|e| e[0].code == "AL202")
            .expect("`as` in lower case is reported on each FROM");
        assert_eq!(
            casing.iter().map(|r| r.line).collect::<Vec<_>>(),
            [1, 2, 4],
            "{rows:#?}"
        );
        assert!(casing.iter().all(|r| r.message == casing[0].message));
        assert_eq!(repeat_text(casing), "3 times, lines 1, 2, 4");
        // Entries keep the order of their first rows.
        let firsts: Vec<usize> = entries.iter().map(|e| e[0].index).collect();
        assert!(firsts.windows(2).all(|w| w[0] < w[1]), "{firsts:?}");
        // A different message or fix is a different entry.
        let mut other = casing[1].clone();
        other.message.push('!');
        let mut fixless = casing[2].clone();
        fixless.fix = None;
        assert_eq!(repeats(&[casing[0], &other, &fixless]).len(), 3);
    }

    #[test]
    fn a_long_repeat_names_its_first_twenty_lines() {
        let row = row(&rows(ROOT), "AL104").clone();
        let many: Vec<FindingRow> = (1..=25)
            .map(|line| FindingRow {
                line,
                ..row.clone()
            })
            .collect();
        let refs: Vec<&FindingRow> = many.iter().collect();
        assert_eq!(repeats(&refs).len(), 1);
        let text = repeat_text(&refs);
        assert!(text.starts_with("25 times, lines 1, 2, 3,"), "{text}");
        assert!(text.ends_with(", 20 and 5 more"), "{text}");
    }

    #[test]
    fn a_hidden_severity_keeps_its_group_and_count_but_no_rows() {
        let rows = rows(ROOT);
        let filter = FindingFilter::default().toggled(Severity::Warning);
        let warnings = groups(&rows, &filter)
            .into_iter()
            .find(|g| g.severity == Severity::Warning)
            .unwrap();
        assert!(warnings.total > 0);
        assert!(warnings.rows.is_empty());
        assert_eq!(filter.toggled(Severity::Warning), FindingFilter::default());
    }

    #[test]
    fn the_text_filter_matches_code_alias_rule_name_and_message_in_any_case() {
        let rows = rows(ROOT);
        let root = row(&rows, "AL104");
        for text in [
            "al104",
            "DL3002",
            "runs_as_root",
            "RUNS AS",
            "5:1",
            "root al104",
        ] {
            let filter = FindingFilter {
                text: text.into(),
                ..FindingFilter::default()
            };
            assert!(filter.matches(root), "{text}");
        }
        let filter = FindingFilter {
            text: "nothing-like-this".into(),
            ..FindingFilter::default()
        };
        assert!(!filter.matches(root));
    }

    #[test]
    fn exports_start_as_their_formats_do() {
        let a = analyze(ROOT, &Config::default());
        assert!(ReportFormat::Json
            .render(&a)
            .starts_with("[\n  {\n    \"file\": \"Dockerfile\""));
        assert!(ReportFormat::Sarif
            .render(&a)
            .starts_with("{\n  \"$schema\""));
        assert!(ReportFormat::Markdown
            .render(&a)
            .starts_with("# airlock report\n"));
        assert!(ReportFormat::Json.render(&a).ends_with("\n  }\n]\n"));
    }
}

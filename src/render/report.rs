//! The check report shared by the CLI and the playground's export: findings flattened to
//! positions, the summary line, Markdown, findings JSON and SARIF 2.1.0 (through `json.rs`, so
//! that the browser needs no serde_json).

use std::fmt::Write as _;

use serde::Serialize;

use super::json::Json;
use crate::engine::registry::RULES;
use crate::engine::rules::{self, RuleInfo};
use crate::engine::{Analysis, Severity};

/// One finding, flattened for every report format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub file: String,
    pub code: String,
    /// The overlapping hadolint codes and BuildKit check names, spelled as those tools do.
    pub aliases: Vec<String>,
    pub severity: Severity,
    /// The rule's name (`final_stage_runs_as_root`).
    pub rule: String,
    pub line: u32,
    pub column: u32,
    /// Just past the end (exclusive), like an editor selection.
    pub end_line: u32,
    pub end_column: u32,
    pub message: String,
    /// The fix's title, if the finding has one.
    pub fix: Option<String>,
}

/// The syntax errors (code `syntax`) and rule findings of `a`, in source order.
pub fn findings(file: &str, a: &Analysis) -> Vec<Finding> {
    let tree = &a.tree;
    let mut out: Vec<Finding> = a
        .errors
        .iter()
        .map(|e| {
            let (s, t) = (tree.line_col(e.span.start), tree.line_col(e.span.end));
            Finding {
                file: file.to_string(),
                code: "syntax".into(),
                aliases: e.kind.aliases().iter().map(|a| a.to_string()).collect(),
                severity: Severity::Error,
                rule: "syntax_error".into(),
                line: s.line,
                column: s.column,
                end_line: t.line,
                end_column: t.column,
                message: e.message(),
                fix: None,
            }
        })
        .collect();
    for d in &a.findings {
        let rule = rules::find(d.code);
        let (s, t) = (tree.line_col(d.span.start), tree.line_col(d.span.end));
        out.push(Finding {
            file: file.to_string(),
            code: d.code.to_string(),
            aliases: rule
                .map(|r| r.aliases.iter().map(|a| a.to_string()).collect())
                .unwrap_or_default(),
            severity: d.severity,
            rule: rule.map_or("", |r| r.name).to_string(),
            line: s.line,
            column: s.column,
            end_line: t.line,
            end_column: t.column,
            message: d.message.clone(),
            fix: d.fix.as_ref().map(|f| f.title.clone()),
        });
    }
    crate::engine::sort::sort_by(&mut out, |a, b| {
        (a.line, a.column, &a.code).cmp(&(b.line, b.column, &b.code))
    });
    out
}

/// Keeps a line a line: control characters (line breaks, terminal escapes) are shown escaped.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\t' {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// `3 findings: 1 error, 2 warning (1 fixable with `airlock fix`)`, or `no findings`.
pub fn summary(all: &[Finding]) -> String {
    if all.is_empty() {
        return "no findings".to_string();
    }
    let counts: Vec<String> = Severity::ALL
        .iter()
        .filter_map(|s| {
            let n = all.iter().filter(|f| f.severity == *s).count();
            (n > 0).then(|| format!("{n} {}", s.as_str()))
        })
        .collect();
    let fixable = all.iter().filter(|f| f.fix.is_some()).count();
    format!(
        "{} finding{}: {}{}",
        all.len(),
        if all.len() == 1 { "" } else { "s" },
        counts.join(", "),
        if fixable > 0 {
            format!(" ({fixable} fixable with `airlock fix`)")
        } else {
            String::new()
        }
    )
}

/// A Markdown report: a summary and a table of findings.
pub fn markdown(all: &[Finding]) -> String {
    let cell = |t: &str| one_line(t).replace('|', "\\|");
    let mut out = format!("# airlock report\n\n{}\n", summary(all));
    if !all.is_empty() {
        out.push_str(
            "\n| file | line | severity | code | message | fix |\n|---|---|---|---|---|---|\n",
        );
        for f in all {
            let _ = writeln!(
                out,
                "| {} | {}:{} | {} | {} | {} | {} |",
                cell(&f.file),
                f.line,
                f.column,
                f.severity.as_str(),
                f.code,
                cell(&f.message),
                f.fix.as_deref().map(cell).unwrap_or_default()
            );
        }
    }
    out
}

/// The first paragraph of `## What it does`.
pub fn summary_line(rule: &RuleInfo) -> String {
    let doc = rule.doc();
    let start = doc
        .find("## What it does")
        .map_or(0, |i| i + "## What it does".len());
    doc[start..]
        .trim_start()
        .split("\n\n")
        .next()
        .unwrap_or("")
        .replace('\n', " ")
}

/// The findings as a JSON array, one object per finding with the fields of `Finding` in order
/// (what `serde_json` makes of `Finding`).
pub fn findings_json(all: &[Finding]) -> Json {
    Json::Array(
        all.iter()
            .map(|f| {
                Json::Object(vec![
                    ("file", f.file.as_str().into()),
                    ("code", f.code.as_str().into()),
                    ("aliases", strings(f.aliases.iter().map(String::as_str))),
                    ("severity", f.severity.as_str().into()),
                    ("rule", f.rule.as_str().into()),
                    ("line", f.line.into()),
                    ("column", f.column.into()),
                    ("end_line", f.end_line.into()),
                    ("end_column", f.end_column.into()),
                    ("message", f.message.as_str().into()),
                    ("fix", f.fix.as_deref().into()),
                ])
            })
            .collect(),
    )
}

fn strings<'a>(items: impl Iterator<Item = &'a str>) -> Json {
    Json::Array(items.map(Json::from).collect())
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "note",
    }
}

fn text(t: impl Into<String>) -> Json {
    Json::Object(vec![("text", Json::Str(t.into()))])
}

/// SARIF's `results`: one object per finding, pointing into the rule catalog by index. The only
/// part of the SARIF document that depends on the findings (the rest is the constant catalog).
pub fn sarif_results(all: &[Finding]) -> Json {
    let results: Vec<Json> = all
        .iter()
        .map(|f| {
            let region = Json::Object(vec![
                ("endColumn", f.end_column.into()),
                ("endLine", f.end_line.into()),
                ("startColumn", f.column.into()),
                ("startLine", f.line.into()),
            ]);
            let location = Json::Object(vec![(
                "physicalLocation",
                Json::Object(vec![
                    (
                        "artifactLocation",
                        Json::Object(vec![("uri", f.file.as_str().into())]),
                    ),
                    ("region", region),
                ]),
            )]);
            let mut result = vec![
                ("level", sarif_level(f.severity).into()),
                ("locations", Json::Array(vec![location])),
                ("message", text(f.message.as_str())),
                ("ruleId", f.code.as_str().into()),
            ];
            if let Some(i) = RULES.iter().position(|r| r.code == f.code) {
                result.push(("ruleIndex", Json::Int(i as i64)));
            }
            Json::Object(result)
        })
        .collect();
    Json::Array(results)
}

/// SARIF 2.1.0 with the rule catalog as the driver's rules. Every object's keys are written in
/// sorted order, as the CLI has always written them (serde_json's map sorts; a test checks).
pub fn sarif(all: &[Finding]) -> Json {
    let rules = RULES
        .iter()
        .map(|r| {
            Json::Object(vec![
                (
                    "defaultConfiguration",
                    Json::Object(vec![
                        ("enabled", r.default_enabled.into()),
                        ("level", sarif_level(r.severity).into()),
                    ]),
                ),
                ("fullDescription", text(summary_line(r))),
                (
                    "help",
                    Json::Object(vec![
                        ("markdown", Json::Str(r.doc())),
                        ("text", Json::Str(r.doc())),
                    ]),
                ),
                ("id", r.code.into()),
                ("name", r.name.into()),
                (
                    "properties",
                    Json::Object(vec![
                        ("aliases", strings(r.aliases.iter().copied())),
                        ("tags", strings([r.category.as_str()].into_iter())),
                    ]),
                ),
                ("shortDescription", text(summary_line(r))),
            ])
        })
        .collect();
    let results = sarif_results(all);
    let driver = Json::Object(vec![
        ("name", "airlock".into()),
        ("rules", Json::Array(rules)),
        ("version", env!("CARGO_PKG_VERSION").into()),
    ]);
    Json::Object(vec![
        (
            "$schema",
            "https://json.schemastore.org/sarif-2.1.0.json".into(),
        ),
        (
            "runs",
            Json::Array(vec![Json::Object(vec![
                ("results", results),
                ("tool", Json::Object(vec![("driver", driver)])),
            ])]),
        ),
        ("version", "2.1.0".into()),
    ])
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::engine::{analyze, Config};

    const ROOT: &str =
        "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\nUSER root\nFORM x\n";

    fn report() -> Vec<Finding> {
        findings("dir/Docker \"file\"", &analyze(ROOT, &Config::default()))
    }

    #[test]
    fn findings_json_is_what_serde_json_makes_of_the_findings() {
        let all = report();
        assert!(all.iter().any(|f| f.fix.is_some()) && all.iter().any(|f| f.fix.is_none()));
        assert_eq!(
            findings_json(&all).pretty(),
            serde_json::to_string_pretty(&all).unwrap()
        );
        assert_eq!(findings_json(&[]).pretty(), "[]");
    }

    #[test]
    fn sarif_text_is_serde_json_pretty_with_sorted_keys() {
        let ours = sarif(&report()).pretty();
        let value: serde_json::Value = serde_json::from_str(&ours).unwrap();
        assert_eq!(ours, serde_json::to_string_pretty(&value).unwrap());
        assert_eq!(
            value["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
                ["uri"],
            "dir/Docker \"file\""
        );
    }

    #[test]
    fn markdown_escapes_table_cells() {
        let mut all = report();
        all[0].message = "a | b\nc".into();
        let md = markdown(&all);
        assert!(md.starts_with("# airlock report\n\n"), "{md}");
        assert!(md.contains("a \\| b\\nc"), "{md}");
    }

    #[test]
    fn summary_counts_by_severity_and_fixable() {
        assert_eq!(summary(&[]), "no findings");
        let all = report();
        let s = summary(&all);
        assert!(
            s.starts_with(&format!("{} findings: 1 error", all.len())),
            "{s}"
        );
    }

    #[test]
    fn summary_line_is_the_first_paragraph_of_what_it_does() {
        let rule = rules::find("AL104").unwrap();
        let line = summary_line(rule);
        assert!(line.starts_with("Checks that the image"), "{line}");
        assert!(!line.contains('\n'));
    }
}

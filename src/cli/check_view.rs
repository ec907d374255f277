//! `airlock check` reports (text, JSON, SARIF 2.1.0, GitHub annotations, Markdown) and the
//! `rules` / `explain` catalog views. Syntax errors are reported as findings with code `syntax`.

use std::fmt::Write as _;

use serde::Serialize;
use serde_json::{json, Value};

use super::one_line;
use crate::engine::registry::RULES;
use crate::engine::rules::{self, RuleInfo};
use crate::engine::{Analysis, Severity};

/// One finding, flattened for every report format.
#[derive(Clone, Debug, Serialize)]
pub(super) struct FindingView {
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

pub(super) fn findings(file: &str, a: &Analysis) -> Vec<FindingView> {
    let tree = &a.tree;
    let mut out: Vec<FindingView> = a
        .errors
        .iter()
        .map(|e| {
            let (s, t) = (tree.line_col(e.span.start), tree.line_col(e.span.end));
            FindingView {
                file: file.to_string(),
                code: "syntax".into(),
                aliases: Vec::new(),
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
        out.push(FindingView {
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
    out.sort_by(|a, b| (a.line, a.column, &a.code).cmp(&(b.line, b.column, &b.code)));
    out
}

fn summary(all: &[FindingView]) -> String {
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

/// `file:line:col: severity[CODE] message`, a fix hint, then a summary.
pub(super) fn text(all: &[FindingView]) -> String {
    let mut out = String::new();
    for f in all {
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            f.file,
            f.line,
            f.column,
            f.severity.as_str(),
            f.code,
            one_line(&f.message)
        );
        if let Some(fix) = &f.fix {
            let _ = writeln!(out, "    fix: {}", one_line(fix));
        }
    }
    let _ = writeln!(out, "{}", summary(all));
    out
}

/// GitHub Actions workflow commands: one annotation per finding.
pub(super) fn github(all: &[FindingView]) -> String {
    fn data(text: &str) -> String {
        text.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    }
    fn property(text: &str) -> String {
        data(text).replace(':', "%3A").replace(',', "%2C")
    }
    let mut out = String::new();
    for f in all {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info | Severity::Style => "notice",
        };
        let _ = writeln!(
            out,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&f.file),
            f.line,
            f.column,
            f.end_line,
            f.end_column,
            property(&format!("{} {}", f.code, f.rule)),
            data(&f.message)
        );
    }
    out
}

/// A Markdown report: a summary and a table of findings.
pub(super) fn markdown(all: &[FindingView]) -> String {
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

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "note",
    }
}

/// The first paragraph of `## What it does`.
fn summary_line(rule: &RuleInfo) -> String {
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

/// SARIF 2.1.0 with the rule catalog as the driver's rules.
pub(super) fn sarif(all: &[FindingView]) -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": summary_line(r) },
                "fullDescription": { "text": summary_line(r) },
                "help": { "text": r.doc(), "markdown": r.doc() },
                "defaultConfiguration": { "level": sarif_level(r.severity), "enabled": r.default_enabled },
                "properties": { "tags": [r.category.as_str()], "aliases": r.aliases },
            })
        })
        .collect();
    let results: Vec<Value> = all
        .iter()
        .map(|f| {
            let mut result = json!({
                "ruleId": f.code,
                "level": sarif_level(f.severity),
                "message": { "text": f.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": f.file },
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line,
                            "endColumn": f.end_column,
                        }
                    }
                }],
            });
            if let Some(i) = RULES.iter().position(|r| r.code == f.code) {
                result["ruleIndex"] = json!(i);
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "airlock",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "results": results,
        }]
    })
}

/// The catalog, one line per rule.
pub(super) fn rules_text() -> String {
    let mut out = String::new();
    for r in RULES {
        let _ = writeln!(
            out,
            "{}  {:<7}  {:<15}  {}{}{}{}",
            r.code,
            r.severity.as_str(),
            r.category.as_str(),
            r.name,
            if r.fixable { "  (fix)" } else { "" },
            if r.default_enabled {
                ""
            } else {
                "  (off by default)"
            },
            if r.aliases.is_empty() {
                String::new()
            } else {
                format!("  aka {}", r.aliases.join(", "))
            }
        );
    }
    out
}

/// The catalog as a Markdown table (the README's rule table is this).
pub(super) fn rules_markdown() -> String {
    let mut out = String::from("| code | name | severity | category | fix | aliases | what it does |\n|---|---|---|---|---|---|---|\n");
    for r in RULES {
        let _ = writeln!(
            out,
            "| {} | `{}` | {}{} | {} | {} | {} | {} |",
            r.code,
            r.name,
            r.severity.as_str(),
            if r.default_enabled { "" } else { " (off)" },
            r.category.as_str(),
            if r.fixable { "yes" } else { "" },
            r.aliases.join(", "),
            summary_line(r).replace('|', "\\|")
        );
    }
    out
}

pub(super) fn rules_json() -> Value {
    Value::Array(
        RULES
            .iter()
            .map(|r| {
                json!({
                    "code": r.code, "name": r.name, "severity": r.severity, "category": r.category.as_str(),
                    "fixable": r.fixable, "aliases": r.aliases, "default_enabled": r.default_enabled,
                    "summary": summary_line(r),
                })
            })
            .collect(),
    )
}

/// `airlock explain CODE`: the rule's header and its docs.
pub(super) fn explain(rule: &RuleInfo) -> String {
    let mut out = format!("# {} {}\n\n", rule.code, rule.name);
    let _ = writeln!(
        out,
        "severity: {}{} · category: {} · fix: {}{}\n",
        rule.severity.as_str(),
        if rule.default_enabled {
            ""
        } else {
            " (off by default)"
        },
        rule.category.as_str(),
        if rule.fixable { "yes" } else { "no" },
        if rule.aliases.is_empty() {
            String::new()
        } else {
            format!(" · aliases: {}", rule.aliases.join(", "))
        }
    );
    out.push_str(&rule.doc());
    out
}

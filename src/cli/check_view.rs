//! `airlock check` reports (text, JSON, SARIF 2.1.0, GitHub annotations, Markdown) and the
//! `rules` / `explain` catalog views. Syntax errors are reported as findings with code `syntax`.
//! The findings, Markdown and SARIF are `render::report`'s, shared with the playground's export.

use std::fmt::Write as _;

use serde_json::{json, Value};

use super::one_line;
use crate::engine::registry::RULES;
use crate::engine::rules::RuleInfo;
use crate::engine::Severity;
pub(super) use crate::render::report::{findings, markdown, Finding as FindingView};
use crate::render::report::{summary, summary_line};

/// `file:line:col: severity[CODE] message`, a fix hint, then a summary. Identical findings
/// (same file, rule, severity, message and fix) are one row at the first, with the count and
/// their lines: a file with 50 `FROM x as y` reads as one finding to fix, not 50 rows. The
/// summary still counts each; JSON, SARIF, GitHub and Markdown keep one result each.
pub(super) fn text(all: &[FindingView]) -> String {
    let mut out = String::new();
    // Each group's findings, in order of first appearance (one map look-up per finding).
    let mut groups: Vec<(&FindingView, Vec<u32>)> = Vec::new();
    let mut index: std::collections::HashMap<_, usize> = std::collections::HashMap::new();
    for f in all {
        let key = (
            f.file.as_str(),
            f.code.as_str(),
            f.severity,
            f.message.as_str(),
            f.fix.as_deref(),
        );
        match index.get(&key) {
            Some(&g) => groups[g].1.push(f.line),
            None => {
                index.insert(key, groups.len());
                groups.push((f, vec![f.line]));
            }
        }
    }
    for (f, lines) in groups {
        let repeats = if lines.len() > 1 {
            let list: Vec<String> = lines.iter().map(u32::to_string).collect();
            format!(" ({} times, lines {})", lines.len(), list.join(", "))
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}{repeats}",
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

/// SARIF 2.1.0 with the rule catalog as the driver's rules (shared with the playground), as one
/// run: every file checked is listed among the run's artifacts; a file that could not be read
/// is a tool execution notification (and the invocation unsuccessful), not a result.
pub(super) fn sarif(all: &[FindingView], files: &[String]) -> String {
    use crate::render::json::Json;
    let unreadable = super::check_run::UNREADABLE;
    let (failed, found): (Vec<FindingView>, Vec<FindingView>) =
        all.iter().cloned().partition(|f| f.code == unreadable);
    let location = |uri: &str| {
        Json::Object(vec![(
            "physicalLocation",
            Json::Object(vec![(
                "artifactLocation",
                Json::Object(vec![("uri", uri.into())]),
            )]),
        )])
    };
    let artifacts = files
        .iter()
        .map(|f| {
            Json::Object(vec![(
                "location",
                Json::Object(vec![("uri", f.as_str().into())]),
            )])
        })
        .collect();
    let notifications = failed
        .iter()
        .map(|f| {
            Json::Object(vec![
                ("level", "error".into()),
                ("locations", Json::Array(vec![location(&f.file)])),
                (
                    "message",
                    Json::Object(vec![("text", f.message.as_str().into())]),
                ),
            ])
        })
        .collect();
    let invocation = Json::Object(vec![
        ("executionSuccessful", failed.is_empty().into()),
        ("toolExecutionNotifications", Json::Array(notifications)),
    ]);
    let mut report = crate::render::report::sarif(&found);
    // Keys stay sorted: `artifacts` and `invocations` come before the run's `results`.
    if let Json::Object(members) = &mut report {
        if let Some((_, Json::Array(runs))) = members.iter_mut().find(|(k, _)| *k == "runs") {
            if let Some(Json::Object(run)) = runs.first_mut() {
                run.splice(
                    0..0,
                    [
                        ("artifacts", Json::Array(artifacts)),
                        ("invocations", Json::Array(vec![invocation])),
                    ],
                );
            }
        }
    }
    let mut out = report.pretty();
    out.push('\n');
    out
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
pub(crate) fn explain(rule: &RuleInfo) -> String {
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

//! The syntax errors and rule findings of a document as the protocol's diagnostics, what
//! `airlock check` reports for the same text and settings.

use lsp_server::Notification;
use lsp_types::notification::{Notification as _, PublishDiagnostics};
use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticSeverity, NumberOrString, PublishDiagnosticsParams, Url,
};

use super::documents::{range, Document};
use crate::engine::{Analysis, Severity};

pub const SOURCE: &str = "airlock";

/// `docs_url`: the client's `docsUrl` setting, a link with `{code}` where the rule's code goes
/// (a hosted playground's `?rule={code}` shows that rule's docs); each finding links to it as
/// its `codeDescription`.
pub fn diagnostics(doc: &mut Document, docs_url: Option<&str>) -> Vec<Diagnostic> {
    let (text, a) = doc.analysis();
    let mut out: Vec<Diagnostic> = a
        .errors
        .iter()
        .map(|e| make(text, a, e.span, "syntax", Severity::Error, e.message()))
        .collect();
    out.extend(a.findings.iter().map(|f| {
        Diagnostic {
            code_description: docs_url
                .and_then(|url| Url::parse(&url.replace("{code}", f.code)).ok())
                .map(|href| CodeDescription { href }),
            ..finding(text, a, f)
        }
    }));
    out
}

/// One finding's diagnostic: what `actions` matches a client's diagnostics against.
pub fn finding(text: &str, a: &Analysis, f: &crate::engine::Diagnostic) -> Diagnostic {
    make(text, a, f.span, f.code, f.severity, f.message.clone())
}

fn make(
    text: &str,
    a: &Analysis,
    span: crate::engine::syntax::Span,
    code: &str,
    severity: Severity,
    message: String,
) -> Diagnostic {
    Diagnostic {
        range: range(text, &a.tree.line_index, span),
        severity: Some(match severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
            Severity::Style => DiagnosticSeverity::HINT,
        }),
        code: Some(NumberOrString::String(code.to_string())),
        source: Some(SOURCE.to_string()),
        message,
        ..Diagnostic::default()
    }
}

pub fn notification(uri: Url, diagnostics: Vec<Diagnostic>, version: Option<i32>) -> Notification {
    Notification::new(
        PublishDiagnostics::METHOD.into(),
        PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        },
    )
}

//! Code actions: each finding's fix (the builder/prod conversion as a rewrite), an ignore
//! comment for a finding's instruction, and every fix at once (`source.fixAll`, what
//! `airlock fix` writes).

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse,
    Diagnostic, TextEdit, Url, WorkspaceEdit,
};

use super::diagnostics::finding;
use super::documents::{range, span, Document};
use crate::engine::diagnostic::Edit;
use crate::engine::rules::single_stage_build_compiles::RULE as CONVERSION;
use crate::engine::syntax::{line_end_of, line_start_of, Span};
use crate::engine::Analysis;

pub fn code_actions(
    uri: &Url,
    doc: &mut Document,
    params: CodeActionParams,
) -> Option<CodeActionResponse> {
    let only = params.context.only;
    let allows = |kind: &CodeActionKind| {
        (only.as_ref()).is_none_or(|o| o.iter().any(|k| kind.as_str().starts_with(k.as_str())))
    };
    // Every fix applied, when the client takes that kind and a fix exists (kept with the
    // document until it changes).
    let fixed_all = (allows(&CodeActionKind::SOURCE_FIX_ALL)
        && doc.analysis().1.findings.iter().any(|f| f.fix.is_some()))
    .then(|| doc.fixed_all().to_string());
    let (text, a) = doc.analysis();
    // The whole lines of the range: a client asks at the cursor, which is rarely on the
    // finding's first character.
    let asked = span(text, &a.tree.line_index, params.range);
    let wanted = Span::new(
        line_start_of(text, asked.start),
        line_end_of(text, asked.end),
    );
    let mut out = Vec::new();
    for f in &a.findings {
        if f.span.start > wanted.end || wanted.start > f.span.end {
            continue;
        }
        let diagnostic = finding(text, a, f);
        if let Some(fix) = &f.fix {
            let kind = if f.code == CONVERSION.code {
                CodeActionKind::REFACTOR_REWRITE
            } else {
                CodeActionKind::QUICKFIX
            };
            if allows(&kind) {
                let edits = fix.edits.iter().map(|e| text_edit(text, a, e)).collect();
                out.push(action(uri, &fix.title, kind, edits, &diagnostic, true));
            }
        }
        if let Some(edit) = (allows(&CodeActionKind::QUICKFIX))
            .then(|| ignore_comment(text, a, f.span, f.code))
            .flatten()
        {
            let title = format!(
                "Ignore {} on this line (# airlock ignore={})",
                f.code, f.code
            );
            let edits = vec![text_edit(text, a, &edit)];
            out.push(action(
                uri,
                &title,
                CodeActionKind::QUICKFIX,
                edits,
                &diagnostic,
                false,
            ));
        }
    }
    if let Some(fixed) = fixed_all {
        if fixed != text {
            let whole = Edit {
                span: Span::new(0, text.len()),
                replacement: fixed,
            };
            let edits = vec![text_edit(text, a, &whole)];
            let mut all = action(
                uri,
                "Apply every airlock fix",
                CodeActionKind::SOURCE_FIX_ALL,
                edits,
                &Diagnostic::default(),
                false,
            );
            all.diagnostics = None;
            out.push(all);
        }
    }
    Some(
        out.into_iter()
            .map(CodeActionOrCommand::CodeAction)
            .collect(),
    )
}

/// `# airlock ignore=CODE` on its own line above the instruction that holds `at`, indented as
/// the instruction is: the runner silences `CODE` anywhere in the next instruction.
fn ignore_comment(text: &str, a: &Analysis, at: Span, code: &str) -> Option<Edit> {
    let instructions = &a.tree.instructions;
    let i = instructions
        .partition_point(|i| i.span.start <= at.start)
        .checked_sub(1)?;
    let inst = instructions[i].span;
    if at.start > inst.end {
        return None;
    }
    let line = line_start_of(text, inst.start);
    let indent = &text[line..inst.start];
    if !indent.bytes().all(|b| b == b' ' || b == b'\t') {
        return None;
    }
    let newline = if text[inst.start..line_end_of(text, inst.start)].ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    Some(Edit {
        span: Span::new(line, line),
        replacement: format!("{indent}# airlock ignore={code}{newline}"),
    })
}

fn text_edit(text: &str, a: &Analysis, edit: &Edit) -> TextEdit {
    TextEdit {
        range: range(text, &a.tree.line_index, edit.span),
        new_text: edit.replacement.clone(),
    }
}

fn action(
    uri: &Url,
    title: &str,
    kind: CodeActionKind,
    edits: Vec<TextEdit>,
    diagnostic: &Diagnostic,
    preferred: bool,
) -> CodeAction {
    CodeAction {
        title: title.to_string(),
        kind: Some(kind),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    }
}

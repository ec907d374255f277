//! `airlock parse`: the tree as JSON (built from view structs, so the tree can change without
//! changing this format) or as one line per instruction.

use std::fmt::Write as _;

use serde::Serialize;

use super::one_line;
use crate::engine::syntax::{Args, Dockerfile, Heredoc, Instruction, Kw, SyntaxError};

/// The JSON document of `airlock parse --format json`.
#[derive(Debug, Serialize)]
pub(super) struct FileView {
    file: String,
    directives: Vec<DirectiveView>,
    instructions: Vec<InstructionView>,
    errors: Vec<ErrorView>,
}

#[derive(Debug, Serialize)]
struct DirectiveView {
    name: String,
    value: String,
    line: u32,
}

#[derive(Debug, Serialize)]
struct InstructionView {
    /// Upper case; for an unknown instruction, the word as written, upper-cased.
    keyword: String,
    line: u32,
    /// Inclusive; covers continuation lines and heredoc bodies.
    end_line: u32,
    column: u32,
    flags: Vec<FlagView>,
    /// HEALTHCHECK's `CMD` or `NONE`, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    subcommand: Option<String>,
    args: ArgsView,
    form: Form,
    heredocs: Vec<HeredocView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    onbuild: Option<Box<InstructionView>>,
}

#[derive(Debug, Serialize)]
struct FlagView {
    name: String,
    value: Option<String>,
}

/// Shell form: one string; exec form: the array's decoded elements.
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum ArgsView {
    Shell(String),
    Exec(Vec<String>),
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "lowercase")]
enum Form {
    Shell,
    Exec,
}

#[derive(Debug, Serialize)]
struct HeredocView {
    name: String,
    chomp: bool,
    expand: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    fd: Option<u32>,
    /// The line of the `<<EOF` marker.
    line: u32,
    /// The line that closes the heredoc (the file's last line when nothing closes it).
    end_line: u32,
    body: String,
}

#[derive(Debug, Serialize)]
pub(super) struct ErrorView {
    message: String,
    line: u32,
    column: u32,
    /// Just past the end of the error (exclusive), like an editor selection.
    end_line: u32,
    end_column: u32,
}

impl FileView {
    pub(super) fn new(file: String, tree: &Dockerfile, errors: &[SyntaxError]) -> Self {
        FileView {
            file,
            directives: tree
                .directives
                .iter()
                .map(|d| DirectiveView {
                    name: d.name.to_string(),
                    value: d.value.to_string(),
                    line: tree.line_col(d.span.start).line,
                })
                .collect(),
            instructions: tree
                .instructions
                .iter()
                .map(|i| InstructionView::new(tree, i))
                .collect(),
            errors: errors.iter().map(|e| ErrorView::new(tree, e)).collect(),
        }
    }
}

impl InstructionView {
    fn new(tree: &Dockerfile, ins: &Instruction) -> Self {
        let (line, end_line) = tree.lines(ins.span);
        let (args, form) = match &ins.args {
            Args::Shell { text, .. } => (ArgsView::Shell(text.to_string()), Form::Shell),
            Args::Exec { elements, .. } => (
                ArgsView::Exec(elements.iter().map(|e| e.value.to_string()).collect()),
                Form::Exec,
            ),
        };
        InstructionView {
            keyword: keyword(ins),
            line,
            end_line,
            column: tree.line_col(ins.keyword.span.start).column,
            flags: ins
                .flags
                .iter()
                .map(|f| FlagView {
                    name: f.name.to_string(),
                    value: f.value.as_deref().map(str::to_string),
                })
                .collect(),
            subcommand: ins.subcommand.as_ref().map(|w| w.text.to_string()),
            args,
            form,
            heredocs: ins
                .heredocs
                .iter()
                .map(|h| HeredocView::new(tree, h))
                .collect(),
            onbuild: ins
                .onbuild
                .as_ref()
                .map(|inner| Box::new(InstructionView::new(tree, inner))),
        }
    }
}

impl HeredocView {
    fn new(tree: &Dockerfile, h: &Heredoc) -> Self {
        let whole = h
            .marker_span
            .cover(h.body_span)
            .cover(h.end_span.unwrap_or(h.body_span));
        let (line, end_line) = tree.lines(whole);
        HeredocView {
            name: h.name.to_string(),
            chomp: h.chomp,
            expand: h.expand,
            fd: h.fd,
            line,
            end_line,
            body: h.body.to_string(),
        }
    }
}

impl ErrorView {
    pub(super) fn new(tree: &Dockerfile, err: &SyntaxError) -> Self {
        let start = tree.line_col(err.span.start);
        let end = tree.line_col(err.span.end);
        ErrorView {
            message: err.message(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
        }
    }
}

/// The keyword in upper case; an unknown word keeps its spelling, upper-cased.
fn keyword(ins: &Instruction) -> String {
    match ins.keyword.kind {
        Kw::Unknown => ins.keyword.text.to_uppercase(),
        kind => kind.as_str().to_string(),
    }
}

/// One line per directive and instruction (`3: FROM --platform=$P golang AS build`, or
/// `5-9: RUN <<EOF` when it spans lines), then one `file:line:col: error: message` per error.
pub(super) fn render_text(file: &str, tree: &Dockerfile, errors: &[SyntaxError]) -> String {
    let mut out = String::new();
    for d in &tree.directives {
        let line = tree.line_col(d.span.start).line;
        let _ = writeln!(out, "{line}: # {}={}", d.name, one_line(&d.value));
    }
    for ins in &tree.instructions {
        let (line, end_line) = tree.lines(ins.span);
        let lines = if end_line > line {
            format!("{line}-{end_line}")
        } else {
            line.to_string()
        };
        let _ = writeln!(out, "{lines}: {}", instruction_text(ins));
    }
    super::write_errors(&mut out, file, tree, errors);
    out
}

/// An instruction on one line: keyword, flags, subcommand and arguments.
fn instruction_text(ins: &Instruction) -> String {
    let mut parts = vec![keyword(ins)];
    for flag in &ins.flags {
        parts.push(match &flag.value {
            Some(value) => format!("--{}={}", flag.name, value),
            None => format!("--{}", flag.name),
        });
    }
    if let Some(sub) = &ins.subcommand {
        parts.push(sub.text.to_string());
    }
    if let Some(inner) = &ins.onbuild {
        parts.push(instruction_text(inner));
    } else {
        match &ins.args {
            Args::Shell { text, .. } if text.is_empty() => {}
            Args::Shell { text, .. } => parts.push(text.to_string()),
            Args::Exec { elements, .. } => {
                let values: Vec<&str> = elements.iter().map(|e| e.value.as_str()).collect();
                parts.push(serde_json::to_string(&values).unwrap_or_default());
            }
        }
    }
    one_line(&parts.join(" "))
}

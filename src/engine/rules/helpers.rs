//! Questions several rules ask.

use crate::engine::diagnostic::{Edit, Fix};
use crate::engine::graph::{Base, Classification, ImageRef};
use crate::engine::rules::Checker;
use crate::engine::syntax::{Args, Instruction, Kw, Span};

/// The user part of a USER value (`app:app` -> `app`).
pub fn user_part(value: &str) -> &str {
    value.split(':').next().unwrap_or(value).trim()
}

/// `root`, `0`, and those with any group.
pub fn is_root(value: &str) -> bool {
    matches!(user_part(value), "root" | "0")
}

/// Whether a USER value names a numeric UID (variables count as unknown, not as names).
pub fn is_numeric_uid(value: &str) -> bool {
    let user = user_part(value);
    !user.is_empty() && user.bytes().all(|b| b.is_ascii_digit())
}

/// The USER value of an instruction, as written (its first argument).
pub fn user_value(inst: &Instruction) -> Option<&str> {
    if inst.keyword.kind != Kw::User {
        return None;
    }
    Some(match &inst.args {
        Args::Shell { text, .. } => text.as_str(),
        Args::Exec { .. } => "",
    })
}

/// The image a FROM instruction names, with its class (after expansion), if it names one.
pub fn from_image<'g>(cx: &'g Checker, stage: usize) -> Option<(&'g ImageRef, &'g Classification)> {
    match &cx.graph.stages[stage].base {
        Base::Image { image, class } => Some((image, class)),
        _ => None,
    }
}

/// An edit that inserts a line before `inst` (at its line's start, same indentation).
pub fn insert_line_before(cx: &Checker, inst: &Instruction, line: &str) -> Edit {
    let start = cx.tree.source[..inst.span.start]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let indent = &cx.tree.source[start..inst.span.start];
    Edit {
        span: Span::new(start, start),
        replacement: format!("{indent}{line}\n"),
    }
}

/// An edit that inserts a line after `inst`.
pub fn insert_line_after(cx: &Checker, inst: &Instruction, line: &str) -> Edit {
    let newline = if cx.tree.source[inst.span.end..].starts_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    Edit {
        span: Span::new(inst.span.end, inst.span.end),
        replacement: format!("{newline}{line}"),
    }
}

/// A fix made of one edit.
pub fn fix(title: impl Into<String>, edit: Edit) -> Fix {
    Fix {
        title: title.into(),
        edits: vec![edit],
    }
}

/// Whether a stage finally rests on a Windows image (where Linux user rules do not apply).
pub fn is_windows(cx: &Checker, stage: usize) -> bool {
    match cx.graph.resolved_base(stage).1 {
        Base::Image { image, .. } => {
            let name = image.name().to_ascii_lowercase();
            name.contains("windows") || name.contains("nanoserver") || name.contains("servercore")
        }
        _ => false,
    }
}

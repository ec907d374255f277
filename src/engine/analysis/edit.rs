//! Edits that fixes are made of: a line inserted before or after an instruction, text inserted
//! after the k-th spelling of a command, a fix of one edit.

use super::Facts;
use crate::engine::diagnostic::{Edit, Fix};
use crate::engine::syntax::{line_start_of, Instruction, Span};

/// An edit that inserts a line before `inst` (at its line's start, same indentation).
pub fn insert_line_before(cx: &Facts, inst: &Instruction, line: &str) -> Edit {
    let start = line_start_of(&cx.tree.source, inst.span.start);
    let indent = &cx.tree.source[start..inst.span.start];
    Edit {
        span: Span::new(start, start),
        replacement: format!("{indent}{line}\n"),
    }
}

/// An edit that inserts a line after `inst`.
pub fn insert_line_after(cx: &Facts, inst: &Instruction, line: &str) -> Edit {
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

/// The spans of `needle` in an instruction's source (heredoc bodies included) where it stands
/// as whole words (`apt-get install`, not `xapt-get installer`).
pub fn word_spans(cx: &Facts, inst: &Instruction, needle: &str) -> Vec<Span> {
    let text = cx.text(inst.span);
    let is_word = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    text.match_indices(needle)
        .filter(|(at, _)| {
            !text[..*at].ends_with(is_word) && !text[at + needle.len()..].starts_with(is_word)
        })
        .map(|(at, _)| Span::new(inst.span.start + at, inst.span.start + at + needle.len()))
        .collect()
}

/// A fix that inserts `insert` after each of the `commands` (indices among `all`, the
/// commands of one kind a RUN runs, written as `needle`), when the text spells every one of
/// them as `needle` so that the k-th occurrence is the k-th command; `None` when it cannot be
/// sure (`apt-get -q install`, a command built from variables).
pub fn insert_after_commands(
    cx: &Facts,
    inst: &Instruction,
    needle: &str,
    all: usize,
    commands: &[usize],
    title: &str,
    insert: &str,
) -> Option<Fix> {
    let spans = word_spans(cx, inst, needle);
    if spans.len() != all || commands.is_empty() {
        return None;
    }
    let edits = commands
        .iter()
        .map(|&k| Edit {
            span: Span::new(spans[k].end, spans[k].end),
            replacement: insert.to_string(),
        })
        .collect();
    Some(Fix {
        title: title.to_string(),
        edits,
    })
}

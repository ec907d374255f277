//! Edits that fixes are made of: a line inserted before or after an instruction, text inserted
//! after the k-th spelling of a command, a fix of one edit.

use super::Facts;
use crate::engine::diagnostic::{apply_edits, Edit, Fix};
use crate::engine::shell::run_commands;
use crate::engine::syntax::{line_start_of, parse, Instruction, Span};

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
    let edits: Vec<Edit> = commands
        .iter()
        .map(|&k| Edit {
            span: Span::new(spans[k].end, spans[k].end),
            replacement: insert.to_string(),
        })
        .collect();
    lands_on_commands(cx, inst, &edits, needle).then(|| Fix {
        title: title.to_string(),
        edits,
    })
}

/// Whether `edits` (insertions into `inst`) change exactly as many of its shell commands as there
/// are edits, each one a command spelled `needle` (after `sudo`, `env` and the like; its name
/// may carry a path). A match of the text that is no such command, such as `$pip install` in
/// `python3 -m$pip install` or the words of `echo pip install`, can coincide with the count of
/// commands and put the insertion on the wrong one: then the finding would stay, and "apply all
/// fixes" would insert it again every round. No fix is better than that one.
fn lands_on_commands(cx: &Facts, inst: &Instruction, edits: &[Edit], needle: &str) -> bool {
    let text = cx.text(inst.span);
    let local: Vec<Edit> = edits
        .iter()
        .map(|e| Edit {
            span: Span::new(e.span.start - inst.span.start, e.span.end - inst.span.start),
            replacement: e.replacement.clone(),
        })
        .collect();
    let (edited, _) = apply_edits(text, &local);
    // Both read alone, the same way (an `# escape=` directive of the file does not reach here
    // either side).
    let commands_of = |text: &str| {
        let (tree, _) = parse(text);
        tree.instructions
            .first()
            .map(run_commands)
            .unwrap_or_default()
    };
    let (before, after) = (commands_of(text), commands_of(&edited));
    if before.len() != after.len() {
        return false;
    }
    let needle: Vec<&str> = needle.split_whitespace().collect();
    let mut changed = 0;
    for (b, a) in before.iter().zip(&after) {
        if b == a {
            continue;
        }
        changed += 1;
        let a = a.unwrapped();
        let spelled = a.words.len() >= needle.len()
            && a.words.iter().zip(&needle).enumerate().all(|(i, (w, n))| {
                let w = if i == 0 {
                    w.rsplit('/').next().unwrap_or(w)
                } else {
                    w
                };
                w == *n
            });
        if !spelled {
            return false;
        }
    }
    changed == edits.len()
}

//! Tab and Shift-Tab in the editor as plain logic: the smallest replacement that indents or
//! outdents the selected lines (or inserts spaces at a bare caret), and where the selection goes
//! afterwards. The editor applies it as one native text insertion so the browser's undo keeps
//! working. Offsets are bytes; pure, so it is unit-tested natively.

/// Spaces per indentation step.
pub const WIDTH: usize = 4;

/// Replace `start..end` of the old text with `insert`, then select `selection` (offsets in
/// the new text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub start: usize,
    pub end: usize,
    pub insert: String,
    pub selection: (usize, usize),
}

/// What Tab (`outdent == false`) or Shift-Tab does to `text` with the selection `from..to`;
/// `None` when nothing changes (Shift-Tab on lines without indentation).
pub fn indent(text: &str, from: usize, to: usize, outdent: bool) -> Option<TextEdit> {
    let (from, to) = (from.min(to).min(text.len()), to.max(from).min(text.len()));
    if !text.is_char_boundary(from) || !text.is_char_boundary(to) {
        return None;
    }
    if from == to && !outdent {
        // A bare caret: spaces up to the next tab stop.
        let column = text[line_start(text, from)..from].chars().count();
        let insert = " ".repeat(WIDTH - column % WIDTH);
        let at = from + insert.len();
        return Some(TextEdit {
            start: from,
            end: from,
            insert,
            selection: (at, at),
        });
    }
    let first = line_start(text, from);
    // A selection that ends at the start of a line does not take that line along.
    let last_end = if to > from && text[..to].ends_with('\n') {
        to - 1
    } else {
        to
    };
    let block_end = text[last_end..]
        .find('\n')
        .map_or(text.len(), |i| last_end + i);
    let block = &text[first..block_end];
    let several = block.contains('\n');
    // Per line: where it starts (old offset) and how many bytes it gains (+) or loses (-).
    let mut changes: Vec<(usize, isize)> = Vec::new();
    let mut new_block = String::with_capacity(block.len() + WIDTH);
    let mut at = first;
    for (i, line) in block.split('\n').enumerate() {
        if i > 0 {
            new_block.push('\n');
        }
        let change = if outdent {
            let removed = if line.starts_with('\t') {
                1
            } else {
                line.bytes().take(WIDTH).take_while(|&b| b == b' ').count()
            };
            new_block.push_str(&line[removed..]);
            -(removed as isize)
        } else if several && line.trim().is_empty() {
            // Blank lines in a block stay blank rather than gaining trailing spaces.
            new_block.push_str(line);
            0
        } else {
            new_block.extend(std::iter::repeat_n(' ', WIDTH));
            new_block.push_str(line);
            WIDTH as isize
        };
        changes.push((at, change));
        at += line.len() + 1;
    }
    if new_block == block {
        return None;
    }
    let map = |p: usize, keep_line_start: bool| -> usize {
        let mut delta = 0isize;
        for &(start, change) in &changes {
            if start > p {
                break;
            }
            if change < 0 {
                // A position inside the removed indentation moves to the line start.
                delta += change.max(-((p - start) as isize));
            } else if !(keep_line_start && p == start) {
                delta += change;
            }
        }
        (p as isize + delta) as usize
    };
    let selection = if from == to {
        let p = map(from, false);
        (p, p)
    } else {
        // A selection from a line's start keeps whole lines selected.
        (map(from, true), map(to, true))
    };
    // The smallest replacement: undo then restores exactly what changed.
    let prefix = common_prefix(block, &new_block);
    let suffix = common_suffix(&block[prefix..], &new_block[prefix..]);
    Some(TextEdit {
        start: first + prefix,
        end: block_end - suffix,
        insert: new_block[prefix..new_block.len() - suffix].to_string(),
        selection,
    })
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

fn common_prefix(a: &str, b: &str) -> usize {
    let mut n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while !a.is_char_boundary(n) || !b.is_char_boundary(n) {
        n -= 1;
    }
    n
}

fn common_suffix(a: &str, b: &str) -> usize {
    let mut n = a
        .bytes()
        .rev()
        .zip(b.bytes().rev())
        .take_while(|(x, y)| x == y)
        .count();
    while !a.is_char_boundary(a.len() - n) || !b.is_char_boundary(b.len() - n) {
        n -= 1;
    }
    n
}

/// `text` with the edit applied (what the textarea holds afterwards).
pub fn apply(text: &str, edit: &TextEdit) -> String {
    format!(
        "{}{}{}",
        &text[..edit.start],
        edit.insert,
        &text[edit.end..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies Tab or Shift-Tab to a text whose selection is marked with `[` and `]` (or a
    /// caret `|`), and returns the result marked the same way.
    fn press(marked: &str, outdent: bool) -> String {
        let (text, from, to) = unmark(marked);
        match indent(&text, from, to, outdent) {
            Some(edit) => {
                let new = apply(&text, &edit);
                mark(&new, edit.selection)
            }
            None => marked.to_string(),
        }
    }

    fn unmark(marked: &str) -> (String, usize, usize) {
        if let Some(at) = marked.find('|') {
            return (marked.replacen('|', "", 1), at, at);
        }
        let from = marked.find('[').unwrap();
        let to = marked.find(']').unwrap() - 1;
        (marked.replacen('[', "", 1).replacen(']', "", 1), from, to)
    }

    fn mark(text: &str, (from, to): (usize, usize)) -> String {
        if from == to {
            return format!("{}|{}", &text[..from], &text[from..]);
        }
        format!("{}[{}]{}", &text[..from], &text[from..to], &text[to..])
    }

    #[test]
    fn tab_at_a_bare_caret_inserts_spaces_to_the_next_stop() {
        assert_eq!(press("RUN a &&|", false), "RUN a &&    |");
        assert_eq!(press("RUN|", false), "RUN |");
        assert_eq!(press("ab\n|x", false), "ab\n    |x");
    }

    #[test]
    fn tab_indents_every_selected_line_and_keeps_them_selected() {
        assert_eq!(
            press("[RUN a \\\nb \\\nc\n]FROM x", false),
            "[    RUN a \\\n    b \\\n    c\n]FROM x"
        );
        assert_eq!(press("RU[N a\nb]c", false), "    RU[N a\n    b]c");
    }

    #[test]
    fn tab_leaves_blank_lines_of_a_block_alone() {
        assert_eq!(press("[a\n\nb]", false), "[    a\n\n    b]");
    }

    #[test]
    fn shift_tab_removes_one_step_of_spaces_or_a_tab() {
        assert_eq!(press("[      a\n\tb\n  c\nd]", true), "[  a\nb\nc\nd]");
        assert_eq!(press("    ab|c", true), "ab|c");
        assert_eq!(press("  |  abc", true), "|abc");
    }

    #[test]
    fn shift_tab_without_indentation_changes_nothing() {
        assert_eq!(indent("abc\ndef", 1, 5, true), None);
    }

    #[test]
    fn the_edit_is_the_smallest_replacement() {
        let edit = indent("x\nab\ncd\ny", 2, 7, false).unwrap();
        assert_eq!((edit.start, edit.end), (2, 5));
        assert_eq!(edit.insert, "    ab\n    ");
        let edit = indent("    a", 5, 5, true).unwrap();
        assert_eq!((edit.start, edit.end, edit.insert.as_str()), (0, 4, ""));
    }

    #[test]
    fn multibyte_text_stays_on_character_boundaries() {
        assert_eq!(press("[é\nü]", false), "[    é\n    ü]");
        assert_eq!(press("[    é\n    ü]", true), "[é\nü]");
        assert_eq!(indent("é", 1, 1, false), None, "not a character boundary");
    }
}

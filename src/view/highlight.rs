//! The editor's colours and squiggles as plain logic: the parser's lossless tokens classified
//! (keywords, flags, strings, variables, comments, directives, heredocs, exec-form JSON), the
//! syntax errors and findings as marks on their exact spans, and both cut into lines of runs
//! for the overlay behind the textarea. Classes come from the parse the rest of the page uses,
//! so the colours never disagree with the analysis. Pure, so it is unit-tested natively.

use std::hash::{DefaultHasher, Hash, Hasher};

use crate::engine::syntax::{
    parse, var_refs, Args, Dockerfile, ErrorKind, Instruction, Kw, Span, SyntaxError, TokenKind,
};
use crate::engine::{Analysis, Severity};

/// What a run of text is, for its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    Plain,
    Keyword,
    /// A flag's `--name=` (its value is read as a word).
    Flag,
    /// A quoted string, in shell words or in the exec-form array.
    String,
    /// `$V`, `${V}`, `${V:-x}`.
    Variable,
    Comment,
    /// `# syntax=`, `# escape=`, `# check=` at the top.
    Directive,
    /// `<<EOF` and the line that ends the heredoc.
    HeredocMarker,
    HeredocBody,
    /// The exec-form array's brackets and commas.
    Json,
    /// The escape character that continues a line.
    Continuation,
}

impl Class {
    /// The CSS class of the run (`None` for plain text, which needs none).
    pub fn css(self) -> Option<&'static str> {
        Some(match self {
            Class::Plain => return None,
            Class::Keyword => "hl-keyword",
            Class::Flag => "hl-flag",
            Class::String => "hl-string",
            Class::Variable => "hl-variable",
            Class::Comment => "hl-comment",
            Class::Directive => "hl-directive",
            Class::HeredocMarker => "hl-heredoc-marker",
            Class::HeredocBody => "hl-heredoc",
            Class::Json => "hl-json",
            Class::Continuation => "hl-continuation",
        })
    }
}

/// A syntax error or finding as the editor marks it: squiggled over `span`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// Never empty when the text has a character to put it under (see [`error_marks`] and
    /// [`finding_marks`]).
    pub span: Span,
    pub severity: Severity,
    /// `error: ...` or `warning AL104: ...`, as the gutter's hover text says it.
    pub message: String,
}

/// The syntax errors of a parse of `text`, as marks.
pub fn error_marks(text: &str, errors: &[SyntaxError]) -> Vec<Mark> {
    errors
        .iter()
        .map(|e| Mark {
            span: widen(text, e.span),
            severity: Severity::Error,
            message: format!("error: {}", e.message()),
        })
        .collect()
}

/// The rule findings of an analysis, as marks.
pub fn finding_marks(analysis: &Analysis) -> Vec<Mark> {
    let text = analysis.tree.source.as_str();
    analysis
        .findings
        .iter()
        .map(|d| Mark {
            span: widen(text, d.span),
            severity: d.severity,
            message: format!("{} {}: {}", d.severity.as_str(), d.code, d.message),
        })
        .collect()
}

/// Marks made for `old` moved onto `new`, for the moment between a keystroke and the analysis
/// of its text: the text differs in one stretch (the common start and end are kept), marks
/// before it stay, marks after it move by the change in length, a mark the change is inside
/// grows or shrinks with it, and a mark the change cuts through is dropped.
pub fn shift_marks(marks: &[Mark], old: &str, new: &str) -> Vec<Mark> {
    let (prefix, old_end, new_end) = changed(old, new);
    let moved = |at: usize| at + new_end - old_end;
    marks
        .iter()
        .filter_map(|m| {
            let Span { start, end } = m.span;
            let span = if end <= prefix {
                m.span
            } else if start >= old_end {
                Span::new(moved(start), moved(end))
            } else if start <= prefix && end >= old_end {
                Span::new(start, moved(end))
            } else {
                return None;
            };
            let fits = new.is_char_boundary(span.start) && new.is_char_boundary(span.end);
            fits.then(|| Mark { span, ..m.clone() })
        })
        .collect()
}

/// Where `old` and `new` differ: `old[prefix..old_end]` became `new[prefix..new_end]`.
pub fn changed(old: &str, new: &str) -> (usize, usize, usize) {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let prefix = common_prefix(a, b);
    let room = a.len().min(b.len()) - prefix;
    let suffix = common_suffix(&a[a.len() - room..], &b[b.len() - room..]);
    (prefix, old.len() - suffix, new.len() - suffix)
}

/// The length of the longest common start of `a` and `b`, compared eight bytes at a time
/// (this runs on every keystroke, over the whole text).
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let same = a
        .chunks_exact(8)
        .zip(b.chunks_exact(8))
        .take_while(|(x, y)| word(x) == word(y))
        .count()
        * 8;
    same + a[same..]
        .iter()
        .zip(&b[same..])
        .take_while(|(x, y)| x == y)
        .count()
}

/// Eight bytes as one number (a chunk of `chunks_exact(8)`).
fn word(bytes: &[u8]) -> u64 {
    let mut w = [0; 8];
    w.copy_from_slice(bytes);
    u64::from_ne_bytes(w)
}

/// The length of the longest common end of `a` and `b`.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let same = a
        .rchunks_exact(8)
        .zip(b.rchunks_exact(8))
        .take_while(|(x, y)| word(x) == word(y))
        .count()
        * 8;
    same + a[..a.len() - same]
        .iter()
        .rev()
        .zip(b[..b.len() - same].iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn widen(text: &str, span: Span) -> Span {
    let start = floor_boundary(text, span.start.min(text.len()));
    let end = floor_boundary(text, span.end.min(text.len())).max(start);
    if end > start {
        return Span::new(start, end);
    }
    let next = text[start..]
        .chars()
        .next()
        .filter(|&c| c != '\n' && c != '\r');
    if let Some(c) = next {
        return Span::new(start, start + c.len_utf8());
    }
    let prev = text[..start].chars().next_back().filter(|&c| c != '\n');
    match prev {
        Some(c) => Span::new(start - c.len_utf8(), start),
        None => Span::new(start, start),
    }
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The marks under a caret at `offset` (a caret just after a span's last character is still
/// in it, as it is when one has just typed it).
pub fn marks_at(marks: &[Mark], offset: usize) -> Vec<&Mark> {
    marks
        .iter()
        .filter(|m| m.span.start <= offset && offset <= m.span.end)
        .collect()
}

/// A run of one line with one class, and the worst mark over it if any.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Run {
    pub start: usize,
    pub end: usize,
    pub class: Class,
    /// Index into the marks, the most severe one covering the run.
    pub mark: Option<usize>,
    /// The messages of the marks over the run's first byte, one per line (its hover text);
    /// empty when it has none.
    pub messages: String,
}

/// One source line (without its line break), cut into runs that tile it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub runs: Vec<Run>,
}

/// The class of every byte of the tree's source: tokens first, then strings and variables
/// inside them.
pub fn classify(tree: &Dockerfile) -> Vec<Class> {
    let text = tree.source.as_str();
    let mut classes = vec![Class::Plain; text.len()];
    let paint = |span: Span, class: Class, classes: &mut Vec<Class>| {
        let end = span.end.min(classes.len());
        if span.start < end {
            classes[span.start..end].fill(class);
        }
    };
    let escape = tree.escape;
    for token in &tree.tokens {
        let span = token.span;
        let class = match token.kind {
            TokenKind::Bom | TokenKind::Whitespace | TokenKind::Newline => continue,
            TokenKind::Comment => Class::Comment,
            TokenKind::Directive => Class::Directive,
            TokenKind::Keyword => Class::Keyword,
            TokenKind::FlagTerminator => Class::Flag,
            TokenKind::HeredocMarker | TokenKind::HeredocEnd => Class::HeredocMarker,
            TokenKind::HeredocBody => Class::HeredocBody,
            TokenKind::Json => Class::Json,
            TokenKind::Continuation => Class::Continuation,
            TokenKind::Flag => {
                // `--name=` is the flag; the value is a word like any other.
                let flag = &text[span.start..span.end];
                let name = flag.find('=').map_or(flag.len(), |i| i + 1);
                paint(
                    Span::new(span.start, span.start + name),
                    Class::Flag,
                    &mut classes,
                );
                strings(
                    text,
                    Span::new(span.start + name, span.end),
                    escape,
                    &mut classes,
                );
                continue;
            }
            // Words are coloured by their instruction (whether quotes mean anything there).
            TokenKind::Word => continue,
            TokenKind::Text => {
                strings(text, span, escape, &mut classes);
                // The shell expands the variables of a command; the parser does not list
                // them, so they are read here with the parser's own reader.
                for v in var_refs(&text[span.start..span.end], span.start, escape) {
                    paint(v.span, Class::Variable, &mut classes);
                }
                continue;
            }
        };
        paint(span, class, &mut classes);
    }
    for instruction in &tree.instructions {
        instruction_parts(tree, instruction, &mut classes);
    }
    classes
}

/// What the typed instruction knows beyond its tokens: quoted strings in its words (not where
/// BuildKit takes quotes literally), exec-form strings, the variables BuildKit expands, the `AS`
/// of FROM and HEALTHCHECK's `CMD`/`NONE`.
fn instruction_parts(tree: &Dockerfile, i: &Instruction, classes: &mut [Class]) {
    let paint = |span: Span, class: Class, classes: &mut [Class]| {
        let end = span.end.min(classes.len());
        if span.start < end {
            classes[span.start..end].fill(class);
        }
    };
    let literal_quotes = matches!(
        i.keyword.kind,
        Kw::From | Kw::Expose | Kw::Copy | Kw::Add | Kw::Volume
    );
    if let Args::Shell { words, .. } = &i.args {
        if !literal_quotes {
            for w in words {
                strings(&tree.source, w.span, tree.escape, classes);
            }
        }
    }
    if let Args::Exec { elements, .. } = &i.args {
        for e in elements {
            paint(e.span, Class::String, classes);
        }
    }
    if let Some(sub) = &i.subcommand {
        paint(sub.span, Class::Keyword, classes);
    }
    if i.keyword.kind == Kw::From {
        if let Args::Shell { words, .. } = &i.args {
            if words.len() == 3 && words[1].text.eq_ignore_ascii_case("as") {
                paint(words[1].span, Class::Keyword, classes);
            }
        }
    }
    for v in &i.vars {
        paint(v.span, Class::Variable, classes);
    }
    if let Some(inner) = &i.onbuild {
        instruction_parts(tree, inner, classes);
    }
}

/// Paints the quoted parts of `span` (quotes included) as strings, with the quote rules of
/// BuildKit's word splitting: the escape character escapes inside double quotes, not single.
fn strings(text: &str, span: Span, escape: char, classes: &mut [Class]) {
    let part = &text[span.start..span.end];
    if !part.contains(['"', '\'']) {
        return;
    }
    let mut open: Option<(usize, char)> = None;
    let mut chars = part.char_indices();
    while let Some((i, c)) = chars.next() {
        match open {
            Some((from, q)) if c == q => {
                classes[span.start + from..span.start + i + 1].fill(Class::String);
                open = None;
            }
            Some((_, q)) if c == escape && q != '\'' => {
                chars.next();
            }
            Some(_) => {}
            None if c == escape => {
                chars.next();
            }
            None if c == '"' || c == '\'' => open = Some((i, c)),
            None => {}
        }
    }
    // An unterminated quote runs to the end of the token, as the text reads while typing.
    if let Some((from, _)) = open {
        classes[span.start + from..span.end].fill(Class::String);
    }
}

/// Where each line of `text` starts: line `n` runs from `starts[n]` to the next line break.
pub fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
        .collect()
}

/// The lines numbered `range` (0-based) of `text`, whose lines start at `starts`: the editor
/// draws only the lines in view, so only they are cut into runs.
pub fn lines_in(
    text: &str,
    classes: &[Class],
    marks: &[Mark],
    starts: &[usize],
    range: std::ops::Range<usize>,
) -> Vec<Line> {
    let range = range.start.min(starts.len())..range.end.min(starts.len());
    if range.is_empty() {
        return Vec::new();
    }
    let (from, to) = match (starts.get(range.start), starts.get(range.end)) {
        (Some(&from), Some(&next)) => (from, next - 1),
        (Some(&from), None) => (from, text.len()),
        _ => return Vec::new(),
    };
    // The marks that reach into the range; the worst of them over each of its bytes (ties go
    // to the first: errors come before findings).
    let near: Vec<usize> = (0..marks.len())
        .filter(|&i| marks[i].span.end >= from && marks[i].span.start <= to)
        .collect();
    let mut worst: Vec<Option<usize>> = vec![None; to - from];
    let mut points: Vec<(usize, usize)> = Vec::new();
    for &index in &near {
        let mark = &marks[index];
        let Span { start, end } = mark.span;
        if start == end {
            points.push((start, index));
            continue;
        }
        for slot in &mut worst[start.clamp(from, to) - from..end.clamp(from, to) - from] {
            match slot {
                Some(w) if marks[*w].severity <= mark.severity => {}
                _ => *slot = Some(index),
            }
        }
    }
    // The marks by the line they start on (those from above on the first), swept along with
    // the lines, so that each run's messages come from the few marks active there.
    let mut by_line: Vec<Vec<usize>> = vec![Vec::new(); range.len()];
    for &index in &near {
        let line = starts
            .partition_point(|&s| s <= marks[index].span.start)
            .saturating_sub(1)
            .saturating_sub(range.start);
        if let Some(bucket) = by_line.get_mut(line) {
            bucket.push(index);
        }
    }
    let mut active: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(range.len());
    for n in range {
        let start = starts[n];
        let end = starts.get(n + 1).map_or(text.len(), |&next| next - 1);
        let stop = if end > start && text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        active.retain(|&i| marks[i].span.end > start);
        if let Some(bucket) = by_line.get(out.len()) {
            active.extend(bucket);
        }
        let messages = |at: usize| {
            let mut out = String::new();
            for &i in &active {
                let Span { start, end } = marks[i].span;
                if start <= at && (at < end || start == end) {
                    if !out.is_empty() {
                        out.push('\n');
                    }
                    out.push_str(&marks[i].message);
                }
            }
            out
        };
        let mut runs: Vec<Run> = Vec::new();
        let mut at = start;
        while at < stop {
            let (class, mark) = (classes[at], worst[at - from]);
            let mut next = at + 1;
            while next < stop && classes[next] == class && worst[next - from] == mark {
                next += 1;
            }
            runs.push(Run {
                start: at,
                end: next,
                class,
                mark,
                messages: mark.map(|_| messages(at)).unwrap_or_default(),
            });
            at = next;
        }
        // A point is left only where a line is empty (see `widen`), so it is the line's one run.
        for &(point, index) in points.iter().filter(|(p, _)| (start..=stop).contains(p)) {
            runs.push(Run {
                start: point,
                end: point,
                class: Class::Plain,
                mark: Some(index),
                messages: marks[index].message.clone(),
            });
        }
        out.push(Line {
            start,
            end: stop,
            runs,
        });
    }
    out
}

/// The classes of `new` after an edit of `old` (whose classes are `old_classes`), parsing again
/// only the instructions the edit touched: from the last instruction line before it to the
/// first one after it, neither continued from the line before. Returns that window of `new`
/// and its parse, or `None` where a window cannot be trusted (heredocs, another escape
/// character); then the caller parses everything.
pub fn reclassify(
    old: &str,
    old_classes: &[Class],
    new: &str,
    escape: char,
) -> Option<(Vec<Class>, Span, Vec<SyntaxError>)> {
    if escape != '\\' || old_classes.len() != old.len() {
        return None;
    }
    let (prefix, old_end, new_end) = changed(old, new);
    // The line starts at `at`: its first byte that is not a blank, if any.
    let first_byte = |text: &str, at: usize| {
        let line = &text.as_bytes()[at..];
        let end = memchr::memchr(b'\n', line).unwrap_or(line.len());
        line[..end]
            .iter()
            .position(|b| !matches!(b, b' ' | b'\t' | b'\r'))
            .map(|i| at + i)
    };
    // Whether the instruction before the line at `at` goes on into it: the nearest line above
    // that is neither blank nor a comment ends with the escape character.
    let continued = |text: &str, mut at: usize| {
        while at > 0 {
            let prev = text[..at - 1].rfind('\n').map_or(0, |i| i + 1);
            let line = text[prev..at - 1].trim();
            if !line.is_empty() && !line.starts_with('#') {
                return line.ends_with('\\');
            }
            at = prev;
        }
        false
    };
    let starts_instruction = |text: &str, at: usize, classes_at: &dyn Fn(usize) -> Class| {
        first_byte(text, at).is_some_and(|f| classes_at(f) == Class::Keyword)
            && !continued(text, at)
    };
    // Back from the edited line to an instruction that is unchanged up to its keyword.
    let mut start = old[..prefix].rfind('\n').map_or(0, |i| i + 1);
    while start > 0
        && !(first_byte(old, start).is_some_and(|f| f < prefix)
            && starts_instruction(old, start, &|i| old_classes[i]))
    {
        start = old[..start - 1].rfind('\n').map_or(0, |i| i + 1);
    }
    // On from the edit to the next instruction line (its classes are the old ones, moved).
    let old_at = |i: usize| old_classes[i + old_end - new_end];
    let mut end = new[new_end..].find('\n').map_or(new.len(), |i| new_end + i);
    while end < new.len() {
        let next = end + 1;
        if starts_instruction(new, next, &old_at) {
            break;
        }
        end = new[next..].find('\n').map_or(new.len(), |i| next + i);
    }
    let old_window = &old_classes[start..end + old_end - new_end];
    let heredoc = |c: &Class| matches!(c, Class::HeredocBody | Class::HeredocMarker);
    if new[start..end].contains("<<") || old_window.iter().any(heredoc) {
        return None;
    }
    let (tree, errors) = parse(&new[start..end]);
    let mut classes = Vec::with_capacity(new.len());
    classes.extend_from_slice(&old_classes[..start]);
    classes.extend(classify(&tree));
    classes.extend_from_slice(&old_classes[end + old_end - new_end..]);
    // Errors about the whole file (no instructions, an instruction before the first FROM) are
    // not the window's to report.
    let errors = errors
        .into_iter()
        .filter(|e| match e.kind {
            ErrorKind::Empty => end - start == new.len(),
            ErrorKind::InstructionBeforeFrom { .. } => start == 0,
            _ => true,
        })
        .map(|e| SyntaxError {
            span: Span::new(e.span.start + start, e.span.end + start),
            ..e
        })
        .collect();
    (classes.len() == new.len()).then_some((classes, Span::new(start, end), errors))
}

/// A fingerprint of everything a line shows (its text, classes and squiggles with their
/// messages), but not where it is: a line that only moved keeps it, so the page redraws only
/// the lines that changed.
pub fn line_hash(text: &str, line: &Line, marks: &[Mark]) -> u64 {
    let mut h = DefaultHasher::new();
    text[line.start..line.end].hash(&mut h);
    for run in &line.runs {
        (run.start - line.start, run.end - line.start, run.class).hash(&mut h);
        if let Some(m) = run.mark {
            marks[m].severity.as_str().hash(&mut h);
            run.messages.hash(&mut h);
        }
    }
    h.finish()
}

/// One line's mark in the gutter: the worst severity of the marks starting on it, and their
/// messages one per line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GutterMark {
    /// 1-based.
    pub line: u32,
    pub severity: Severity,
    pub title: String,
}

/// The gutter's marks, by line (filled in by line rather than sorted, as in `findings.rs`);
/// `starts` are the lines' starts ([`line_starts`]).
pub fn gutter_marks(marks: &[Mark], starts: &[usize]) -> Vec<GutterMark> {
    let mut by_line: Vec<Option<GutterMark>> = vec![None; starts.len()];
    for mark in marks {
        let i = starts
            .partition_point(|&s| s <= mark.span.start)
            .saturating_sub(1);
        let Some(slot) = by_line.get_mut(i) else {
            continue;
        };
        match slot {
            Some(g) => {
                g.severity = g.severity.min(mark.severity);
                g.title.push('\n');
                g.title.push_str(&mark.message);
            }
            None => {
                *slot = Some(GutterMark {
                    line: i as u32 + 1,
                    severity: mark.severity,
                    title: mark.message.clone(),
                })
            }
        }
    }
    by_line.into_iter().flatten().collect()
}

/// Lines drawn beyond each edge of the view, so that scrolling a little draws nothing new.
pub const MARGIN_LINES: usize = 24;

/// The lines to draw (0-based, end excluded) when lines `top..top + rows` are in view and
/// `drawn` are drawn: those if they cover the view, else the view with a margin around it.
/// Keeping what covers the view redraws only every `MARGIN_LINES` lines of scrolling.
pub fn lines_to_draw(top: usize, rows: usize, drawn: (usize, usize)) -> (usize, usize) {
    if drawn.0 <= top && top + rows <= drawn.1 {
        return drawn;
    }
    (top.saturating_sub(MARGIN_LINES), top + rows + MARGIN_LINES)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{analyze, parse, Config};

    /// The syntax errors, then the findings, as marks (what the editor draws, in one list).
    fn marks(analysis: &Analysis) -> Vec<Mark> {
        let mut marks = error_marks(&analysis.tree.source, &analysis.errors);
        marks.extend(finding_marks(analysis));
        marks
    }

    /// Every line of `text` whose bytes have `classes`.
    fn lines_of(text: &str, classes: &[Class], marks: &[Mark]) -> Vec<Line> {
        let starts = line_starts(text);
        lines_in(text, classes, marks, &starts, 0..starts.len())
    }

    /// Every line of the tree's source.
    fn lines(tree: &Dockerfile, marks: &[Mark]) -> Vec<Line> {
        lines_of(&tree.source, &classify(tree), marks)
    }

    /// The text of every run of `class`.
    fn runs_of(text: &str, class: Class) -> Vec<String> {
        let (tree, _) = parse(text);
        lines(&tree, &[])
            .iter()
            .flat_map(|l| l.runs.iter())
            .filter(|r| r.class == class)
            .map(|r| text[r.start..r.end].to_string())
            .collect()
    }

    const SAMPLE: &str = "# syntax=docker/dockerfile:1\n\
        # a comment\n\
        ARG GO=1.22\n\
        FROM golang:${GO:-1.22} AS build\n\
        COPY --from=build --chmod=755 /app \"/usr/local/bin/\"\n\
        LABEL title=\"my app\" other='x'\n\
        RUN echo \"$HOME\" 'single $NOT' && \\\n    make\n\
        CMD [\"/app\", \"--serve\"]\n\
        RUN <<EOF\nset -e\necho hi\nEOF\n\
        HEALTHCHECK CMD curl -f http://localhost/\n";

    #[test]
    fn the_runs_of_each_line_tile_it_exactly() {
        let (tree, _) = parse(SAMPLE);
        let lines = lines(&tree, &[]);
        assert_eq!(lines.len(), SAMPLE.split('\n').count());
        for line in &lines {
            let mut at = line.start;
            for run in &line.runs {
                assert_eq!(run.start, at);
                assert!(run.end > run.start);
                at = run.end;
            }
            assert_eq!(at, line.end);
            assert!(!SAMPLE[line.start..line.end].contains('\n'));
        }
    }

    #[test]
    fn keywords_include_the_instruction_as_and_healthcheck_cmd() {
        let keywords = runs_of(SAMPLE, Class::Keyword);
        for k in ["ARG", "FROM", "AS", "COPY", "RUN", "CMD", "HEALTHCHECK"] {
            assert!(keywords.iter().any(|w| w == k), "{k} in {keywords:?}");
        }
    }

    #[test]
    fn a_flag_is_its_name_and_equals_sign() {
        assert_eq!(runs_of(SAMPLE, Class::Flag), ["--from=", "--chmod="]);
    }

    #[test]
    fn strings_are_quoted_words_and_exec_form_elements() {
        let strings = runs_of(SAMPLE, Class::String);
        assert!(strings.contains(&"\"my app\"".to_string()), "{strings:?}");
        assert!(strings.contains(&"'x'".to_string()), "{strings:?}");
        assert!(
            !strings.iter().any(|s| s.contains("bin")),
            "COPY takes quotes literally"
        );
        assert!(
            strings.contains(&"'single $NOT'".to_string()),
            "{strings:?}"
        );
        assert!(strings.contains(&"\"/app\"".to_string()), "{strings:?}");
        assert!(strings.contains(&"\"--serve\"".to_string()), "{strings:?}");
        assert_eq!(runs_of(SAMPLE, Class::Json), ["[", ", ", "]"]);
    }

    #[test]
    fn variables_in_flags_arguments_and_double_quoted_shell_text_but_not_single_quotes() {
        let vars = runs_of(SAMPLE, Class::Variable);
        assert!(vars.contains(&"${GO:-1.22}".to_string()), "{vars:?}");
        assert!(vars.contains(&"$HOME".to_string()), "{vars:?}");
        assert!(!vars.iter().any(|v| v.contains("NOT")), "{vars:?}");
    }

    #[test]
    fn comments_directives_continuations_and_heredocs() {
        assert_eq!(
            runs_of(SAMPLE, Class::Directive),
            ["# syntax=docker/dockerfile:1"]
        );
        assert_eq!(runs_of(SAMPLE, Class::Comment), ["# a comment"]);
        assert_eq!(runs_of(SAMPLE, Class::Continuation), ["\\"]);
        assert_eq!(runs_of(SAMPLE, Class::HeredocMarker), ["<<EOF", "EOF"]);
        assert_eq!(runs_of(SAMPLE, Class::HeredocBody), ["set -e", "echo hi"]);
    }

    #[test]
    fn an_unterminated_quote_colours_the_rest_of_its_word() {
        assert_eq!(runs_of("LABEL a=\"open\n", Class::String), ["\"open"]);
    }

    #[test]
    fn a_syntax_error_is_a_mark_on_its_span_with_its_message() {
        let text = "FROM alpine:3.20\nFORM alpine\n";
        let a = analyze(text, &Config::default());
        let marks = marks(&a);
        let error = &marks[0];
        assert_eq!(error.severity, Severity::Error);
        assert!(
            error.message.starts_with("error: unknown instruction"),
            "{}",
            error.message
        );
        let lines = lines(&a.tree, &marks);
        let marked: Vec<&str> = lines[1]
            .runs
            .iter()
            .filter(|r| r.mark == Some(0))
            .map(|r| &text[r.start..r.end])
            .collect();
        assert_eq!(marked.concat(), &text[error.span.start..error.span.end]);
        assert!(lines[0].runs.iter().all(|r| r.mark != Some(0)));
    }

    #[test]
    fn overlapping_marks_show_the_worst_severity() {
        let text = "FROM alpine:3.20\nRUN echo\n";
        let (tree, _) = parse(text);
        let marks = vec![
            Mark {
                span: Span::new(17, 25),
                severity: Severity::Info,
                message: "info".into(),
            },
            Mark {
                span: Span::new(21, 25),
                severity: Severity::Warning,
                message: "warning".into(),
            },
        ];
        let lines = lines(&tree, &marks);
        let by_mark: Vec<(&str, Option<usize>)> = lines[1]
            .runs
            .iter()
            .map(|r| (&text[r.start..r.end], r.mark))
            .collect();
        assert_eq!(
            by_mark,
            [("RUN", Some(0)), (" ", Some(0)), ("echo", Some(1))]
        );
        assert_eq!(marks_at(&marks, 22).len(), 2);
        assert_eq!(
            marks_at(&marks, 25).len(),
            2,
            "a caret right after the span"
        );
        assert!(marks_at(&marks, 5).is_empty());
    }

    #[test]
    fn an_empty_span_is_widened_to_a_character_or_kept_as_a_point_on_an_empty_line() {
        let text = "FROM a\n\nRUN x";
        assert_eq!(widen(text, Span::new(5, 5)), Span::new(5, 6));
        assert_eq!(
            widen(text, Span::new(6, 6)),
            Span::new(5, 6),
            "at a line's end"
        );
        assert_eq!(
            widen(text, Span::new(7, 7)),
            Span::new(7, 7),
            "an empty line"
        );
        assert_eq!(
            widen(text, Span::new(99, 99)),
            Span::new(12, 13),
            "past the end"
        );
        let (tree, _) = parse(text);
        let marks = vec![Mark {
            span: Span::new(7, 7),
            severity: Severity::Error,
            message: "e".into(),
        }];
        let lines = lines(&tree, &marks);
        assert_eq!(
            lines[1].runs,
            [Run {
                start: 7,
                end: 7,
                class: Class::Plain,
                mark: Some(0),
                messages: "e".into(),
            }]
        );
    }

    fn mark(start: usize, end: usize) -> Mark {
        Mark {
            span: Span::new(start, end),
            severity: Severity::Warning,
            message: format!("{start}..{end}"),
        }
    }

    #[test]
    fn marks_move_with_an_edit_grow_around_it_and_drop_when_cut() {
        let old = "FROM a\nUSER root\nRUN x\n";
        let marks = [mark(0, 4), mark(7, 16), mark(17, 22), mark(12, 16)];
        // Typed inside `root`: that mark and the one around it grow, the next one moves.
        let new = "FROM a\nUSER roXot\nRUN x\n";
        let spans: Vec<Span> = shift_marks(&marks, old, new)
            .iter()
            .map(|m| m.span)
            .collect();
        assert_eq!(
            spans,
            [
                Span::new(0, 4),
                Span::new(7, 17),
                Span::new(18, 23),
                Span::new(12, 17)
            ]
        );
        // A line deleted before a mark moves it back; the deleted line's mark goes.
        let new = "FROM a\nRUN x\n";
        let shifted = shift_marks(&marks, old, new);
        let spans: Vec<Span> = shifted.iter().map(|m| m.span).collect();
        assert_eq!(spans, [Span::new(0, 4), Span::new(7, 12)]);
        assert_eq!(&new[7..12], "RUN x");
        // Typing right after a mark does not stretch it; typing right before moves it.
        let new = "FROMX a\nUSER root\nRUN x\n";
        assert_eq!(shift_marks(&marks[..1], old, new)[0].span, Span::new(0, 4));
        let new = "XFROM a\nUSER root\nRUN x\n";
        assert_eq!(shift_marks(&marks[..1], old, new)[0].span, Span::new(1, 5));
        assert_eq!(shift_marks(&marks, old, old), marks);
    }

    #[test]
    fn a_line_hash_ignores_where_the_line_is_but_not_what_it_shows() {
        let (tree, _) = parse("RUN a\nRUN a\nRUN b\n");
        let lines = lines(&tree, &[]);
        let text = tree.source.as_str();
        assert_eq!(
            line_hash(text, &lines[0], &[]),
            line_hash(text, &lines[1], &[])
        );
        assert_ne!(
            line_hash(text, &lines[0], &[]),
            line_hash(text, &lines[2], &[])
        );
        let marks = [mark(0, 3)];
        let marked = self::lines(&tree, &marks);
        assert_ne!(
            line_hash(text, &marked[0], &marks),
            line_hash(text, &lines[0], &[])
        );
    }

    #[test]
    fn gutter_marks_take_the_worst_severity_and_every_message_of_a_line() {
        let text = "FROM a\nUSER root\n";
        let (tree, _) = parse(text);
        let mut marks = vec![mark(7, 11), mark(12, 16), mark(0, 4)];
        marks[1].severity = Severity::Error;
        let lines = lines(&tree, &marks);
        let gutter = gutter_marks(&marks, &line_starts(text));
        assert_eq!(gutter.len(), 2);
        assert_eq!((gutter[0].line, gutter[0].severity), (1, Severity::Warning));
        assert_eq!((gutter[1].line, gutter[1].severity), (2, Severity::Error));
        assert_eq!(gutter[1].title, "7..11\n12..16");
        let run = &lines[1].runs[0];
        assert_eq!(run.messages, "7..11");
        assert!(lines[0].runs[0].messages.is_empty() || lines[0].runs[0].mark.is_some());
    }

    /// A corpus-like file: stages with continuations, comments, JSON, variables.
    fn long_file() -> String {
        let mut text = String::from("# syntax=docker/dockerfile:1\nARG V=1\n");
        for i in 0..12 {
            text.push_str(&format!(
                "# stage {i}\nFROM golang:1.22 AS build{i}\nRUN --mount=type=cache,target=/c \\\n    \
                 go build \\\n    # a comment\n    -o /out/app{i} \"$V\"\n\n\
                 HEALTHCHECK --interval=5s \\\n  CMD curl -f http://x/\n\
                 FROM alpine:3.20 AS prod{i}\nCOPY --from=build{i} /out/app{i} /app\n\
                 ENTRYPOINT [\"/app\", \"${{V}}\"]\n"
            ));
        }
        text
    }

    #[test]
    fn reclassifying_a_window_gives_the_classes_of_a_full_parse() {
        let old = long_file();
        let (tree, _) = parse(&old);
        let old_classes = classify(&tree);
        let mut windowed = 0;
        let mut edits: Vec<String> = Vec::new();
        for (at, _) in old.char_indices().step_by(7) {
            for insert in ["x", "\\", "\n", "\"", " \\\n", "#", "FROM a\n", "<<EOF\n"] {
                edits.push(format!("{}{insert}{}", &old[..at], &old[at..]));
            }
            let end = (at + 9).min(old.len());
            if old.is_char_boundary(end) {
                edits.push(format!("{}{}", &old[..at], &old[end..]));
            }
        }
        for new in &edits {
            let (full, full_errors) = parse(new);
            let Some((classes, window, errors)) = reclassify(&old, &old_classes, new, '\\') else {
                continue;
            };
            windowed += 1;
            assert_eq!(classes, classify(&full), "{new}");
            let inside: Vec<Span> = full_errors
                .iter()
                .filter(|e| match e.kind {
                    ErrorKind::InstructionBeforeFrom { .. } => window.start == 0,
                    _ => true,
                })
                .map(|e| e.span)
                .filter(|s| s.start >= window.start && s.end <= window.end)
                .collect();
            assert_eq!(
                errors.iter().map(|e| e.span).collect::<Vec<_>>(),
                inside,
                "{new}"
            );
        }
        assert!(windowed > edits.len() / 2, "{windowed} of {}", edits.len());
    }

    #[test]
    fn the_lines_of_a_window_are_those_of_the_whole_text() {
        let text = long_file() + "FORM x\r\nUSER root";
        let a = analyze(&text, &Config::default());
        let mut marks = marks(&a);
        // Marks that cross the window's edges, and a point on an empty line.
        marks.push(mark(30, 120));
        marks.push(mark(text.len() - 40, text.len()));
        let empty = text.find("\n\n").unwrap_or(0) + 1;
        marks.push(mark(empty, empty));
        let classes = classify(&a.tree);
        let all = lines_of(&text, &classes, &marks);
        let starts = line_starts(&text);
        assert_eq!(starts.len(), all.len());
        for range in [0..5, 2..9, 40..all.len(), 100..all.len() + 10, 7..7] {
            let end = range.end.min(all.len());
            let part = lines_in(&text, &classes, &marks, &starts, range.clone());
            assert_eq!(part, all[range.start.min(end)..end], "{range:?}");
        }
        assert!(lines_in(
            &text,
            &classes,
            &marks,
            &starts,
            all.len() + 1..all.len() + 3
        )
        .is_empty());
    }

    #[test]
    fn the_drawn_lines_are_kept_while_they_cover_the_view() {
        assert_eq!(lines_to_draw(0, 30, (0, 0)), (0, 30 + MARGIN_LINES));
        assert_eq!(lines_to_draw(10, 30, (0, 54)), (0, 54));
        assert_eq!(lines_to_draw(25, 30, (0, 54)), (1, 79));
        assert_eq!(lines_to_draw(3, 30, (10, 80)), (0, 57));
    }

    #[test]
    fn crlf_line_breaks_stay_out_of_the_lines() {
        let text = "FROM a\r\nRUN b\r\n";
        let (tree, _) = parse(text);
        let lines = lines(&tree, &[]);
        assert_eq!(&text[lines[0].start..lines[0].end], "FROM a");
        assert_eq!(&text[lines[1].start..lines[1].end], "RUN b");
    }

    #[test]
    fn any_text_highlights_without_panicking() {
        for text in [
            "",
            "\n",
            "FROM",
            "RUN [\"a\", ",
            "RUN <<EOF\n",
            "\u{feff}FROM é\\\n",
            "ENV A=\"ü $B",
            "# escape=`\nRUN a `\n  b",
        ] {
            let a = analyze(text, &Config::default());
            let marks = marks(&a);
            let lines = lines(&a.tree, &marks);
            assert_eq!(lines.len(), text.split('\n').count(), "{text:?}");
        }
    }

    proptest::proptest! {
        /// Comparing eight bytes at a time finds what comparing one at a time finds.
        #[test]
        fn changed_matches_a_byte_by_byte_scan(
            base in "[ab\n]{0,70}",
            cut in 0usize..70,
            gone in 0usize..20,
            put in "[abc]{0,20}",
        ) {
            let at = cut.min(base.len());
            let new = format!("{}{put}{}", &base[..at], &base[(at + gone).min(base.len())..]);
            let (a, b) = (base.as_bytes(), new.as_bytes());
            let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
            let room = a.len().min(b.len()) - prefix;
            let suffix = a.iter().rev().zip(b.iter().rev()).take(room).take_while(|(x, y)| x == y).count();
            proptest::prop_assert_eq!(
                changed(&base, &new),
                (prefix, a.len() - suffix, b.len() - suffix)
            );
        }
    }
}

//! The parser. It follows BuildKit's line rules (directives, continuations, comments inside
//! continuations, heredocs) and its per-instruction argument rules, but never stops: every
//! problem becomes a [`SyntaxError`] and parsing resumes at the next line.
//!
//! An instruction is read in two steps, as BuildKit does: its physical lines are joined into one
//! logical line (continuations removed), then the logical line is split into keyword, flags and
//! arguments. [`Segments`] maps logical offsets back to the source, so every node gets a real span.

use super::error::{ErrorKind, SyntaxError};
use std::borrow::Cow;
use std::cell::OnceCell;

use super::json::{parse_string_array, JsonForm};
use super::text::Buf;
use super::tree::*;
use super::words::{
    blank_ranges, char_width, is_blank, is_space_at, push_var_refs, unterminated_quote, word_ranges,
};

const BOM: &str = "\u{feff}";
const DIRECTIVES: [&str; 3] = ["syntax", "escape", "check"];

/// Parses `src`; always returns a tree, and the errors found on the way (sorted by position).
pub fn parse(src: &str) -> (Dockerfile, Vec<SyntaxError>) {
    let buf = Buf::from(src);
    let mut p = Parser {
        src,
        buf: buf.clone(),
        lines: Lines::new(Vec::new(), 0, 0),
        next: 0,
        escape: '\\',
        directives_done: false,
        seen_from: false,
        tree: Dockerfile {
            source: Text::whole(&buf),
            escape: '\\',
            line_index: LineIndex::new(src),
            ..Dockerfile::default()
        },
        errors: Vec::new(),
        scratch: Scratch::default(),
        ranges: Vec::new(),
    };
    // About one token every thirteen bytes in the corpus; more are added as needed.
    p.tree.tokens.reserve(src.len() / 10);
    p.scratch.logical.reserve(256);
    p.run();
    let Parser {
        mut tree,
        mut errors,
        escape,
        lines,
        ..
    } = p;
    tree.line_index = LineIndex::from_starts(lines.starts);
    if tree.instructions.is_empty() {
        errors.push(SyntaxError::new(ErrorKind::Empty, Span::new(0, 0)));
    }
    crate::engine::sort::sort_by_key(&mut errors, |e| (e.span.start, e.span.end));
    tree.escape = escape;
    (tree, errors)
}

/// One physical line: `start..content_end` is its text, `content_end..end` its line break.
#[derive(Clone, Copy, Debug)]
struct Line {
    start: usize,
    content_end: usize,
    end: usize,
}

/// The physical lines from `from` on (after a byte order mark), read from the line starts the
/// line index found: no list of their own.
struct Lines {
    /// The line index's starts, taken for the parse and given back to the tree after it.
    starts: Vec<usize>,
    /// The text's length.
    text_len: usize,
    from: usize,
    /// The lines are `starts[first..first + count]`: an empty first line (a file of a lone byte
    /// order mark) and the empty "line" after a final line break are not lines.
    first: usize,
    count: usize,
}

impl Lines {
    fn new(starts: Vec<usize>, text_len: usize, from: usize) -> Lines {
        let end_of = |k: usize| starts.get(k + 1).copied().unwrap_or(text_len);
        let first = usize::from(from > 0 && end_of(0) <= from);
        let last_empty = usize::from(starts.last().is_some_and(|&s| s >= text_len) && first == 0);
        let count = starts.len() - first - last_empty;
        Lines {
            starts,
            text_len,
            from,
            first,
            count,
        }
    }

    fn len(&self) -> usize {
        self.count
    }

    /// Line `i` (below `len()`) of `bytes`.
    fn get(&self, bytes: &[u8], i: usize) -> Line {
        let k = i + self.first;
        let start = self.starts[k].max(self.from);
        let end = self.starts.get(k + 1).copied().unwrap_or(self.text_len);
        let mut content_end = if bytes[end - 1] == b'\n' {
            end - 1
        } else {
            end
        };
        while content_end > start && bytes[content_end - 1] == b'\r' {
            content_end -= 1;
        }
        Line {
            start,
            content_end,
            end,
        }
    }

    /// Where line `i` starts; the text's end past the last line.
    fn start(&self, i: usize) -> usize {
        if i < self.count {
            self.starts[i + self.first].max(self.from)
        } else {
            self.text_len
        }
    }
}

/// Where the escape character that continues `text` on the next line stands, if it does:
/// the last non-blank character is the escape, and it is not itself escaped.
fn continuation_at(text: &str, escape: char) -> Option<usize> {
    // The escape is `\\` or `` ` ``: one byte, so bytes will do.
    let escape = u8::try_from(escape).ok()?;
    let bytes = text.as_bytes();
    let mut end = bytes.len();
    while end > 0 && matches!(bytes[end - 1], b' ' | b'\t') {
        end -= 1;
    }
    let at = end.checked_sub(1)?;
    if bytes[at] != escape {
        return None;
    }
    (at == 0 || bytes[at - 1] != escape).then_some(at)
}

/// A piece of the logical line copied from the source.
#[derive(Clone, Copy, Debug)]
struct Seg {
    logical: usize,
    source: usize,
    len: usize,
}

/// Maps offsets in a logical line back to the source, and makes the [`Text`]s of the line.
struct Segments {
    segs: Vec<Seg>,
    /// The file's source.
    source: Buf,
    /// The logical line, once a text crossing a continuation needs it.
    joined: OnceCell<Buf>,
}

impl Segments {
    /// The text of logical bytes `s..e` of `logical`: a slice of the source when no
    /// continuation falls inside it (one line, or a piece of one), of the joined line otherwise
    /// (made once per instruction, on first need).
    fn text(&self, logical: &str, s: usize, e: usize) -> Text {
        if s >= e {
            return Text::default();
        }
        if let [g] = self.segs[..] {
            if e <= g.len {
                return Text::slice(&self.source, g.source + s, g.source + e);
            }
        }
        let i = self.segs.partition_point(|g| g.logical + g.len <= s);
        if let Some(g) = self.segs.get(i) {
            if g.logical <= s && e <= g.logical + g.len {
                return Text::slice(
                    &self.source,
                    g.source + s - g.logical,
                    g.source + e - g.logical,
                );
            }
        }
        let joined = self.joined.get_or_init(|| Buf::from(logical));
        if e <= joined.len() {
            Text::slice(joined, s, e)
        } else {
            Text::from(&logical[s..e])
        }
    }

    /// A decoded value: its text when it reads as written at `s..`, its own otherwise.
    fn decoded(&self, logical: &str, value: Cow<'_, str>, s: usize) -> Text {
        match value {
            Cow::Borrowed(v) => self.text(logical, s, s + v.len()),
            Cow::Owned(v) => Text::from(v),
        }
    }

    /// Source offset of the logical offset `l`, as the start of a span.
    fn start(&self, l: usize) -> usize {
        if let [s] = self.segs[..] {
            // One line (most instructions): no search.
            return s.source + l.min(s.len);
        }
        let i = self.segs.partition_point(|s| s.logical + s.len <= l);
        match self.segs.get(i) {
            Some(s) if s.logical <= l => s.source + (l - s.logical),
            Some(s) => s.source,
            None => self.segs.last().map_or(0, |s| s.source + s.len),
        }
    }

    /// Source offset just after logical byte `l - 1`, as the end of a span.
    fn end(&self, l: usize) -> usize {
        if l == 0 {
            return self.start(0);
        }
        self.start(l - 1) + 1
    }

    fn span(&self, start: usize, end: usize) -> Span {
        if start >= end {
            let p = self.start(start);
            Span::new(p, p)
        } else {
            Span::new(self.start(start), self.end(end))
        }
    }

    /// Maps logical tokens (sorted by start) to source tokens, split where they cross a
    /// continuation. One walk over the segments for all of them.
    fn pieces(&self, tokens: &[LogicalToken], out: &mut Vec<Token>) {
        let mut first = 0;
        for &(kind, start, end) in tokens {
            while first < self.segs.len()
                && self.segs[first].logical + self.segs[first].len <= start
            {
                first += 1;
            }
            for s in self.segs[first..].iter().take_while(|s| s.logical < end) {
                let (a, b) = (start.max(s.logical), end.min(s.logical + s.len));
                if a < b {
                    out.push(Token {
                        kind,
                        span: Span::new(s.source + a - s.logical, s.source + b - s.logical),
                    });
                }
            }
        }
    }
}

/// A token of the logical line, in logical offsets.
type LogicalToken = (TokenKind, usize, usize);

/// Per-instruction buffers, kept between instructions to avoid reallocating.
#[derive(Default)]
struct Scratch {
    logical: String,
    segs: Vec<Seg>,
    structure: Vec<Token>,
    sem: Vec<LogicalToken>,
    mapped: Vec<Token>,
}

impl Scratch {
    fn clear(&mut self) {
        self.logical.clear();
        self.segs.clear();
        self.structure.clear();
        self.sem.clear();
        self.mapped.clear();
    }
}

struct Parser<'a> {
    src: &'a str,
    /// `src`, shared by the tree's texts.
    buf: Buf,
    lines: Lines,
    next: usize,
    escape: char,
    directives_done: bool,
    seen_from: bool,
    tree: Dockerfile,
    errors: Vec<SyntaxError>,
    scratch: Scratch,
    /// Word ranges of the arguments, reused (see [`Parser::ranges`]).
    ranges: Vec<(usize, usize)>,
}

impl Parser<'_> {
    fn error(&mut self, kind: ErrorKind, span: Span) {
        self.errors.push(SyntaxError::new(kind, span));
    }

    fn run(&mut self) {
        let mut from = 0;
        if self.src.starts_with(BOM) {
            from = BOM.len();
            self.tree.tokens.push(Token {
                kind: TokenKind::Bom,
                span: Span::new(0, from),
            });
        }
        let starts = std::mem::take(&mut self.tree.line_index).into_starts();
        self.lines = Lines::new(starts, self.src.len(), from);
        // At most one instruction a line; most files have about one every five to ten.
        self.tree.instructions.reserve(self.lines.len() / 6 + 1);
        while self.next < self.lines.len() {
            let line = self.lines.get(self.src.as_bytes(), self.next);
            let text = &self.src[line.start..line.content_end];
            let body = line.start + (text.len() - text.trim_start().len());
            let trimmed = &self.src[body..line.content_end];
            if !self.directives_done {
                if self.directive(line, body) {
                    self.next += 1;
                    continue;
                }
                self.directives_done = true;
            }
            if trimmed.starts_with('#') || trimmed.is_empty() {
                trivia_line(line, body, &mut self.tree.tokens);
                if !trimmed.is_empty() {
                    let c = comment(&self.buf, body, line.content_end);
                    self.tree.comments.push(c);
                }
                self.next += 1;
                continue;
            }
            self.instruction(line, body);
        }
    }

    /// Reads a parser directive (`# name=value`) at `line`, if it is one.
    fn directive(&mut self, line: Line, body: usize) -> bool {
        let text = &self.src[body..line.content_end];
        let Some(parsed) = parse_directive(text) else {
            return false;
        };
        let written = &text[parsed.name.0..parsed.name.1];
        let Some(&lower) = DIRECTIVES.iter().find(|d| d.eq_ignore_ascii_case(written)) else {
            return false;
        };
        let name_span = Span::new(body + parsed.name.0, body + parsed.name.1);
        let name = if lower == written {
            Text::slice(&self.buf, name_span.start, name_span.end)
        } else {
            Text::from(lower)
        };
        let span = Span::new(body, line.content_end);
        let value_span = Span::new(body + parsed.value.0, body + parsed.value.1);
        let value = Text::slice(&self.buf, value_span.start, value_span.end);
        if self.tree.directives.iter().any(|d| d.name == name) {
            self.error(
                ErrorKind::DuplicateDirective {
                    name: name.to_string(),
                },
                span,
            );
        } else if name == "escape" {
            match value.as_str() {
                "\\" => self.escape = '\\',
                "`" => self.escape = '`',
                _ => self.error(
                    ErrorKind::InvalidEscape {
                        value: value.to_string(),
                    },
                    value_span,
                ),
            }
        }
        self.tree.directives.push(Directive {
            name,
            value,
            span,
            name_span,
            value_span,
        });
        let tokens = &mut self.tree.tokens;
        push(tokens, TokenKind::Whitespace, line.start, body);
        push(tokens, TokenKind::Directive, body, line.content_end);
        push(tokens, TokenKind::Newline, line.content_end, line.end);
        true
    }

    /// Reads the instruction that starts at `line` (its text starting at `body`), with its
    /// continuation lines and heredoc bodies.
    fn instruction(&mut self, first: Line, body: usize) {
        let src = self.src;
        let escape = self.escape;
        // Buffers reused from one instruction to the next (parsing runs on every keystroke).
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        let Scratch {
            logical,
            segs,
            structure,
            sem,
            mapped,
        } = &mut scratch;
        let mut comments = Vec::new();
        let mut empty_lines = Vec::new();

        push(structure, TokenKind::Whitespace, first.start, body);
        let mut line = first;
        let mut content_start = body;
        let mut last_end = first.content_end;
        let mut logical_len = 0;
        self.next += 1;
        loop {
            let text = &src[content_start..line.content_end];
            let cont = continuation_at(text, escape);
            let len = cont.unwrap_or(text.len());
            segs.push(Seg {
                logical: logical_len,
                source: content_start,
                len,
            });
            logical_len += len;
            if cont.is_some() {
                push(
                    structure,
                    TokenKind::Continuation,
                    content_start + len,
                    line.content_end,
                );
            }
            push(structure, TokenKind::Newline, line.content_end, line.end);
            last_end = last_end.max(line.content_end);
            if cont.is_none() {
                break;
            }
            // Continuation lines: comments and blank lines are skipped, others joined as is.
            let mut joined = false;
            while self.next < self.lines.len() {
                let l = self.lines.get(src.as_bytes(), self.next);
                self.next += 1;
                let text = &src[l.start..l.content_end];
                let lbody = l.start + (text.len() - text.trim_start().len());
                let trimmed = &src[lbody..l.content_end];
                if trimmed.starts_with('#') || trimmed.is_empty() {
                    trivia_line(l, lbody, structure);
                    if trimmed.is_empty() {
                        empty_lines.push(Span::new(l.start, l.content_end));
                    } else {
                        comments.push(comment(&self.buf, lbody, l.content_end));
                    }
                    last_end = l.content_end;
                    continue;
                }
                line = l;
                content_start = l.start;
                joined = true;
                break;
            }
            if !joined {
                break;
            }
        }

        // The logical line: the source itself for one line (most instructions), the pieces
        // joined otherwise.
        let line_text = match segs[..] {
            [g] => &src[g.source..g.source + g.len],
            _ => {
                for g in segs.iter() {
                    logical.push_str(&src[g.source..g.source + g.len]);
                }
                logical.as_str()
            }
        };
        let map = Segments {
            segs: std::mem::take(segs),
            source: self.buf.clone(),
            joined: OnceCell::new(),
        };
        // An instruction is a few hundred bytes: it is finished where it is and moved once, into
        // the tree.
        if let Some(mut inst) = self.parse_line(line_text, 0, &map, sem, false) {
            self.finish_instruction(&mut inst, structure, comments, empty_lines, last_end);
            self.tree.instructions.push(inst);
        }
        self.emit(structure, &map, sem, mapped, first.start);
        *segs = map.segs;
        self.scratch = scratch;
    }

    /// Checks an instruction's place and reads its heredoc bodies.
    fn finish_instruction(
        &mut self,
        inst: &mut Instruction,
        structure: &mut Vec<Token>,
        comments: Vec<Comment>,
        empty_lines: Vec<Span>,
        mut last_end: usize,
    ) {
        if inst.keyword.kind == Kw::From {
            self.seen_from = true;
        } else if !self.seen_from && !matches!(inst.keyword.kind, Kw::Arg | Kw::Unknown) {
            self.error(
                ErrorKind::InstructionBeforeFrom {
                    keyword: inst.keyword.kind.as_str().to_string(),
                },
                inst.keyword.span,
            );
        }

        // Heredocs are found on the inner instruction of ONBUILD but belong to the outer one.
        let mut heredocs = std::mem::take(&mut inst.heredocs);
        if let Some(inner) = inst.onbuild.as_mut() {
            heredocs.append(&mut inner.heredocs);
        }
        let mut unterminated = false;
        for h in &mut heredocs {
            if unterminated {
                self.error(
                    ErrorKind::UnterminatedHeredoc {
                        name: h.name.to_string(),
                    },
                    h.marker_span,
                );
                continue;
            }
            match self.heredoc_body(h, structure) {
                Some(end) => last_end = end,
                None => {
                    unterminated = true;
                    self.error(
                        ErrorKind::UnterminatedHeredoc {
                            name: h.name.to_string(),
                        },
                        h.marker_span,
                    );
                }
            }
        }
        inst.heredocs = heredocs;
        inst.span = Span::new(inst.keyword.span.start, last_end.max(inst.keyword.span.end));
        inst.comments = comments;
        inst.empty_continuation_lines = empty_lines;
    }

    /// Reads the body of `h` from the next lines. Returns the end of its terminator line, or
    /// `None` (consuming nothing) when no line closes it: the lines after it are then read as
    /// instructions again, so one missing terminator does not swallow the rest of the file.
    fn heredoc_body(&mut self, h: &mut Heredoc, structure: &mut Vec<Token>) -> Option<usize> {
        let body_start = self.lines.start(self.next);
        h.body_span = Span::new(body_start, body_start);
        let bytes = self.src.as_bytes();
        let found = (self.next..self.lines.len()).find(|&i| {
            let l = self.lines.get(bytes, i);
            let text = &self.src[l.start..l.content_end];
            let text = if h.chomp {
                text.trim_start_matches('\t')
            } else {
                text
            };
            text == h.name.as_str()
        })?;
        let end = self.lines.get(bytes, found);
        h.body_span = Span::new(body_start, end.start);
        h.body = Text::slice(&self.buf, body_start, end.start);
        h.end_span = Some(Span::new(end.start, end.content_end));
        push(structure, TokenKind::HeredocBody, body_start, end.start);
        push(structure, TokenKind::HeredocEnd, end.start, end.content_end);
        push(structure, TokenKind::Newline, end.content_end, end.end);
        self.next = found + 1;
        Some(end.content_end)
    }

    /// Merges the logical tokens (mapped to the source) with the structural ones and fills the
    /// gaps with whitespace, so the tokens tile the instruction's lines exactly.
    fn emit(
        &mut self,
        structure: &mut Vec<Token>,
        map: &Segments,
        sem: &mut [LogicalToken],
        mapped: &mut Vec<Token>,
        start: usize,
    ) {
        let end = self.lines.start(self.next);
        // Both lists are in source order once the logical tokens are sorted, so one merge pass
        // places them; the segment walk is shared by all logical tokens.
        // They almost always come in source order already: sort only when they do not.
        if !sem.is_sorted_by_key(|t| t.1) {
            crate::engine::sort::sort_by_key(sem, |t| t.1);
        }
        if let [g] = map.segs[..] {
            // One line (most instructions): the logical tokens are the source's, shifted.
            let shift = |&(kind, s, e): &LogicalToken| Token {
                kind,
                span: Span::new(g.source + s, g.source + e),
            };
            mapped.extend(sem.iter().filter(|t| t.1 < t.2).map(shift));
        } else {
            map.pieces(sem, mapped);
        }
        let mut cursor = start;
        let tokens = &mut self.tree.tokens;
        tokens.reserve(2 * (structure.len() + mapped.len()) + 1);
        let (mut i, mut j) = (0, 0);
        loop {
            // Indexes rather than peekable iterators: this loop runs for every token.
            let take_structure = match (structure.get(i), mapped.get(j)) {
                (Some(a), Some(b)) => a.span.start <= b.span.start,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            let mut t = if take_structure {
                i += 1;
                structure[i - 1]
            } else {
                j += 1;
                mapped[j - 1]
            };
            if t.span.end <= cursor {
                continue; // never happens for well-formed maps; kept so printing stays lossless
            }
            t.span.start = t.span.start.max(cursor);
            push(tokens, TokenKind::Whitespace, cursor, t.span.start);
            cursor = t.span.end;
            tokens.push(t);
        }
        push(tokens, TokenKind::Whitespace, cursor, end);
        structure.clear();
        mapped.clear();
    }

    /// Parses the logical line from `off`: keyword, flags and arguments. `None` when it is blank.
    fn parse_line(
        &mut self,
        logical: &str,
        off: usize,
        map: &Segments,
        sem: &mut Vec<LogicalToken>,
        nested: bool,
    ) -> Option<Instruction> {
        let text = &logical[off..];
        let ks = off + (text.len() - text.trim_start().len());
        let line_end = off + text.trim_end().len();
        if ks >= line_end {
            return None;
        }
        let ke = logical[ks..line_end]
            .find(is_blank)
            .map_or(line_end, |i| ks + i);
        let sem_start = sem.len();
        let word = &logical[ks..ke];
        let kind = Kw::from_word(word);
        sem.push((TokenKind::Keyword, ks, ke));
        let keyword = Keyword {
            kind,
            text: map.text(logical, ks, ke),
            span: map.span(ks, ke),
        };
        if kind == Kw::Unknown {
            let suggestion = suggest(word).map(str::to_string);
            self.error(
                ErrorKind::UnknownInstruction {
                    word: word.to_string(),
                    suggestion,
                },
                keyword.span,
            );
        } else if nested && matches!(kind, Kw::Onbuild | Kw::From | Kw::Maintainer) {
            self.error(
                ErrorKind::OnbuildNotAllowed {
                    keyword: kind.as_str().to_string(),
                },
                keyword.span,
            );
        }

        let rest = skip_blanks(logical, ke, line_end);
        let (flags, args_start) = self.flags(logical, rest, line_end, kind, map, sem);
        let mut inst = Instruction::bare(
            keyword,
            map.span(ks, line_end),
            map.span(line_end, line_end),
        );
        inst.flags = flags;
        let whole = map.span(ks, line_end);
        let (a, b) = (args_start, line_end);
        match kind {
            // `ONBUILD ONBUILD` is an error (above); the rest of a nested one is read as plain
            // words below, not parsed again, so a generated chain of them stays flat.
            Kw::Onbuild if !nested => {
                inst.args = self.shell_args(logical, a, b, &[], map);
                if a >= b {
                    self.missing(kind, "an instruction to run later", whole);
                } else {
                    inst.onbuild = self
                        .parse_line(&logical[..b], a, map, sem, true)
                        .map(Box::new);
                }
            }
            Kw::Healthcheck => self.healthcheck(&mut inst, logical, a, b, map, sem),
            Kw::Run | Kw::Cmd | Kw::Entrypoint | Kw::Shell | Kw::Copy | Kw::Add | Kw::Volume => {
                (inst.args, inst.heredocs) = self.maybe_json(kind, logical, a, b, map, sem);
            }
            Kw::Arg | Kw::Env | Kw::Label => {
                let ranges = self.ranges(&logical[a..b], true);
                inst.args = self.shell_args(logical, a, b, &ranges, map);
                push_words(sem, a, &ranges, |_| TokenKind::Word);
                inst.pairs = self.pairs(kind, logical, a, b, &ranges, map);
                self.ranges = ranges;
            }
            _ => {
                let ranges = self.ranges(&logical[a..b], !matches!(kind, Kw::From | Kw::Expose));
                inst.args = self.shell_args(logical, a, b, &ranges, map);
                push_words(sem, a, &ranges, |_| TokenKind::Word);
                self.ranges = ranges;
            }
        }
        self.check_arguments(&inst, logical, a, b, whole, map);

        // Variable references BuildKit expands: flags and arguments, but not the shell-form
        // command text, which the shell expands. ONBUILD's are on its inner instruction.
        if kind != Kw::Onbuild {
            for &(tk, s, e) in &sem[sem_start..] {
                if matches!(
                    tk,
                    TokenKind::Flag | TokenKind::Word | TokenKind::Json | TokenKind::HeredocMarker
                ) {
                    let from = inst.vars.len();
                    let make = |s, e| map.text(logical, s, e);
                    push_var_refs(&logical[s..e], s, self.escape, &make, &mut inst.vars);
                    for r in &mut inst.vars[from..] {
                        r.span = map.span(r.span.start, r.span.end);
                        r.name_span = map.span(r.name_span.start, r.name_span.end);
                    }
                }
            }
        }
        Some(inst)
    }

    /// BuildKit's flag reading: `--words` at the start of the arguments, quotes allowed, up to
    /// the first word that does not start with `--` or up to a lone `--`.
    fn flags(
        &mut self,
        logical: &str,
        mut pos: usize,
        end: usize,
        kind: Kw,
        map: &Segments,
        sem: &mut Vec<LogicalToken>,
    ) -> (Vec<Flag>, usize) {
        let mut flags = Vec::new();
        loop {
            pos = skip_blanks(logical, pos, end);
            if pos >= end || !logical[pos..end].starts_with("--") {
                return (flags, pos);
            }
            let (word_end, value) = read_flag_word(&logical[pos..end]);
            let we = pos + word_end;
            if value == "--" && &logical[pos..we] == "--" {
                sem.push((TokenKind::FlagTerminator, pos, we));
                return (flags, skip_blanks(logical, we, end));
            }
            sem.push((TokenKind::Flag, pos, we));
            let raw = &logical[pos..we];
            let skip = if value.starts_with("--") { 2 } else { 0 };
            let body = &value[skip..];
            let (n, v) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (body, None),
            };
            // As written (no quotes or escapes): slices of the line; decoded: texts of their own.
            let (name, flag_value) = match &value {
                Cow::Borrowed(_) => {
                    let ns = pos + skip;
                    let ne = ns + n.len();
                    (
                        map.text(logical, ns, ne),
                        v.map(|_| map.text(logical, ne + 1, we)),
                    )
                }
                Cow::Owned(_) => (Text::from(n), v.map(Text::from)),
            };
            let eq = raw.find('=').map(|i| pos + i);
            let name_end = eq.unwrap_or(we);
            let flag = Flag {
                name,
                value: flag_value,
                span: map.span(pos, we),
                name_span: map.span((pos + 2).min(name_end), name_end),
                value_span: eq.map(|e| map.span(e + 1, we)),
            };
            self.check_flag(kind, &flag);
            flags.push(flag);
            pos = we;
        }
    }

    fn check_flag(&mut self, kind: Kw, flag: &Flag) {
        if flag.name.is_empty() {
            self.error(ErrorKind::FlagWithoutName, flag.span);
            return;
        }
        if kind == Kw::Unknown || kind == Kw::Onbuild {
            return;
        }
        match known_flags(kind).iter().find(|(n, _)| *n == flag.name) {
            None => self.error(
                ErrorKind::UnknownFlag {
                    flag: flag.name.to_string(),
                    keyword: kind.as_str().to_string(),
                },
                flag.span,
            ),
            Some((_, FlagType::Value)) if flag.value.as_deref().is_none_or(str::is_empty) => self
                .error(
                    ErrorKind::FlagNeedsValue {
                        flag: flag.name.to_string(),
                    },
                    flag.span,
                ),
            Some(_) => {}
        }
    }

    fn healthcheck(
        &mut self,
        inst: &mut Instruction,
        logical: &str,
        a: usize,
        b: usize,
        map: &Segments,
        sem: &mut Vec<LogicalToken>,
    ) {
        let whole = inst.span;
        if a >= b {
            self.missing(Kw::Healthcheck, "CMD and a command, or NONE", whole);
            return;
        }
        let te = logical[a..b].find(char::is_whitespace).map_or(b, |i| a + i);
        let word = &logical[a..te];
        sem.push((TokenKind::Keyword, a, te));
        let sub = Word {
            text: map.text(logical, a, te),
            span: map.span(a, te),
        };
        let rest = skip_blanks(logical, te, b);
        if word.eq_ignore_ascii_case("NONE") {
            let ranges = self.ranges(&logical[rest..b], true);
            push_words(sem, rest, &ranges, |_| TokenKind::Word);
            inst.args = self.shell_args(logical, rest, b, &ranges, map);
            self.ranges = ranges;
            if rest < b {
                self.error(ErrorKind::HealthcheckNoneArgs, map.span(rest, b));
            }
        } else {
            if !word.eq_ignore_ascii_case("CMD") {
                self.error(
                    ErrorKind::UnknownHealthcheckType {
                        word: word.to_string(),
                    },
                    sub.span,
                );
            }
            inst.args = self
                .maybe_json(Kw::Healthcheck, logical, rest, b, map, sem)
                .0;
            if rest >= b {
                self.missing(Kw::Healthcheck, "a command after CMD", whole);
            }
        }
        inst.subcommand = Some(sub);
    }

    /// Exec form when the arguments are a JSON array of strings; shell form otherwise, with the
    /// heredocs it opens (bodies still to be read).
    fn maybe_json(
        &mut self,
        kind: Kw,
        logical: &str,
        a: usize,
        b: usize,
        map: &Segments,
        sem: &mut Vec<LogicalToken>,
    ) -> (Args, Vec<Heredoc>) {
        let text = &logical[a..b];
        if text.starts_with('[') {
            match parse_string_array(text) {
                JsonForm::Strings(items) => {
                    sem.push((TokenKind::Json, a, b));
                    let elements = items
                        .into_iter()
                        .map(|(value, s, e)| JsonString {
                            value: map.decoded(logical, value, a + s + 1),
                            span: map.span(a + s, a + e),
                        })
                        .collect();
                    let args = Args::Exec {
                        elements,
                        span: map.span(a, b),
                    };
                    return (args, Vec::new());
                }
                JsonForm::Unterminated => self.error(ErrorKind::UnterminatedJson, map.span(a, b)),
                JsonForm::NotJson => {}
            }
        }
        // RUN, CMD, ENTRYPOINT, SHELL and HEALTHCHECK hand their shell form to the shell as one
        // string: it is not split into words (only searched for heredoc openers).
        let command = matches!(
            kind,
            Kw::Run | Kw::Cmd | Kw::Entrypoint | Kw::Shell | Kw::Healthcheck
        );
        let heredoc_kind = matches!(kind, Kw::Run | Kw::Copy | Kw::Add);
        let mut ranges = std::mem::take(&mut self.ranges);
        ranges.clear();
        if command {
            if heredoc_kind && text.contains("<<") {
                word_ranges(text, self.escape, &mut ranges);
            }
        } else if matches!(kind, Kw::Copy | Kw::Add | Kw::Volume) {
            blank_ranges(text, &mut ranges);
        } else {
            word_ranges(text, self.escape, &mut ranges);
        }
        // Each word's heredoc, if it opens one (none without a `<<`: no list then).
        let markers: Vec<Option<Heredoc>> = if heredoc_kind && text.contains("<<") {
            ranges
                .iter()
                .map(|&(s, e)| {
                    let make = |x, y| map.text(logical, a + s + x, a + s + y);
                    heredoc_marker(&text[s..e], map.span(a + s, a + e), &make)
                })
                .collect()
        } else {
            Vec::new()
        };
        let args = if command {
            let mut pos = a;
            for (&(s, e), marker) in ranges.iter().zip(&markers) {
                if marker.is_some() {
                    sem.push((TokenKind::Text, pos, a + s));
                    sem.push((TokenKind::HeredocMarker, a + s, a + e));
                    pos = a + e;
                }
            }
            sem.push((TokenKind::Text, pos, b));
            self.shell_args(logical, a, b, &[], map)
        } else {
            let mut index = 0;
            push_words(sem, a, &ranges, |_| {
                index += 1;
                if markers.get(index - 1).is_some_and(Option::is_some) {
                    TokenKind::HeredocMarker
                } else {
                    TokenKind::Word
                }
            });
            self.shell_args(logical, a, b, &ranges, map)
        };
        self.ranges = ranges;
        (args, markers.into_iter().flatten().collect())
    }

    /// The word ranges of `text` (quote-aware, or split at blanks only), in the buffer reused
    /// from one instruction to the next: hand it back with `self.ranges = ranges`.
    fn ranges(&mut self, text: &str, quoted: bool) -> Vec<(usize, usize)> {
        let mut ranges = std::mem::take(&mut self.ranges);
        ranges.clear();
        if quoted {
            word_ranges(text, self.escape, &mut ranges);
        } else {
            blank_ranges(text, &mut ranges);
        }
        ranges
    }

    fn shell_args(
        &self,
        logical: &str,
        a: usize,
        b: usize,
        ranges: &[(usize, usize)],
        map: &Segments,
    ) -> Args {
        Args::Shell {
            text: map.text(logical, a, b),
            span: map.span(a, b),
            words: ranges
                .iter()
                .map(|&(s, e)| Word {
                    text: map.text(logical, a + s, a + e),
                    span: map.span(a + s, a + e),
                })
                .collect(),
        }
    }

    /// ARG, ENV and LABEL: `name[=value]` pairs, or ENV/LABEL's legacy `name value`.
    fn pairs(
        &mut self,
        kind: Kw,
        logical: &str,
        a: usize,
        b: usize,
        ranges: &[(usize, usize)],
        map: &Segments,
    ) -> Vec<KeyValue> {
        let text = &logical[a..b];
        let mut pairs = Vec::new();
        let Some(&(fs, fe)) = ranges.first() else {
            return pairs;
        };
        if kind != Kw::Arg && !text[fs..fe].contains('=') {
            // Legacy form: the first blank separates the name from the value, which is the rest.
            let ke = text[fs..].find(is_blank).map_or(text.len(), |i| fs + i);
            let vs = a + skip_blanks(text, ke, text.len());
            if vs >= b {
                self.missing(kind, "a name and a value (name=value)", map.span(a, b));
            }
            pairs.push(KeyValue {
                key: map.text(logical, a + fs, a + ke),
                key_span: map.span(a + fs, a + ke),
                value: (vs < b).then(|| map.text(logical, vs, b)),
                value_span: (vs < b).then(|| map.span(vs, b)),
                legacy: true,
            });
            return pairs;
        }
        for &(s, e) in ranges {
            let word = &text[s..e];
            let (key, value) = match word.split_once('=') {
                Some((k, v)) => (k, Some((v, a + s + k.len() + 1))),
                None if kind == Kw::Arg => (word, None),
                None => {
                    self.error(
                        ErrorKind::MissingEquals {
                            word: word.to_string(),
                        },
                        map.span(a + s, a + e),
                    );
                    continue;
                }
            };
            if key.is_empty() {
                self.error(
                    ErrorKind::EmptyName {
                        keyword: kind.as_str().to_string(),
                    },
                    map.span(a + s, a + e),
                );
            }
            pairs.push(KeyValue {
                key: map.text(logical, a + s, a + s + key.len()),
                key_span: map.span(a + s, a + s + key.len()),
                value: value.map(|(v, vs)| map.text(logical, vs, vs + v.len())),
                value_span: value.map(|(v, vs)| map.span(vs, vs + v.len())),
                legacy: false,
            });
        }
        pairs
    }

    /// Argument counts and forms BuildKit insists on.
    fn check_arguments(
        &mut self,
        inst: &Instruction,
        logical: &str,
        a: usize,
        b: usize,
        whole: Span,
        map: &Segments,
    ) {
        let kind = inst.keyword.kind;
        let count = match &inst.args {
            // Command text is one argument, not split into words.
            Args::Shell { words, text, .. } if words.is_empty() => usize::from(!text.is_empty()),
            Args::Shell { words, .. } => words.len(),
            Args::Exec { elements, .. } => elements.len(),
        };
        let shell = !inst.args.is_exec();
        match kind {
            Kw::From => match &inst.args {
                Args::Shell { words, .. }
                    if count == 3 && !words[1].text.eq_ignore_ascii_case("as") =>
                {
                    self.error(
                        ErrorKind::ExpectedAs {
                            found: words[1].text.to_string(),
                        },
                        words[1].span,
                    );
                }
                _ if count != 1 && count != 3 => self.missing(
                    kind,
                    "an image, optionally followed by AS and a stage name",
                    whole,
                ),
                _ => {}
            },
            Kw::Copy | Kw::Add if count < 2 => {
                self.missing(kind, "a source and a destination", whole)
            }
            Kw::Shell if shell && count > 0 => {
                self.error(ErrorKind::ShellNotJson, inst.args.span())
            }
            Kw::Run
            | Kw::Shell
            | Kw::Workdir
            | Kw::User
            | Kw::Stopsignal
            | Kw::Maintainer
            | Kw::Expose
            | Kw::Volume
            | Kw::Arg
            | Kw::Env
            | Kw::Label
                if count == 0 && shell =>
            {
                self.missing(kind, "at least one argument", whole)
            }
            _ => {}
        }
        let quoted = matches!(
            kind,
            Kw::Add
                | Kw::Copy
                | Kw::Env
                | Kw::Expose
                | Kw::From
                | Kw::Label
                | Kw::Stopsignal
                | Kw::User
                | Kw::Volume
                | Kw::Workdir
                | Kw::Arg
        );
        if quoted && shell && a < b {
            if let Some((at, quote)) = unterminated_quote(&logical[a..b], self.escape) {
                self.error(ErrorKind::UnterminatedQuote { quote }, map.span(a + at, b));
            }
        }
    }

    fn missing(&mut self, kind: Kw, expected: &'static str, span: Span) {
        self.error(
            ErrorKind::MissingArguments {
                keyword: kind.as_str().to_string(),
                expected,
            },
            span,
        );
    }
}

fn push(tokens: &mut Vec<Token>, kind: TokenKind, start: usize, end: usize) {
    if start < end {
        tokens.push(Token {
            kind,
            span: Span::new(start, end),
        });
    }
}

/// Tokens of a comment or blank line.
fn trivia_line(line: Line, body: usize, tokens: &mut Vec<Token>) {
    push(tokens, TokenKind::Whitespace, line.start, body);
    push(tokens, TokenKind::Comment, body, line.content_end);
    push(tokens, TokenKind::Newline, line.content_end, line.end);
}

/// The comment at `start..end` of `src` (from its `#`).
fn comment(src: &Buf, start: usize, end: usize) -> Comment {
    let inner = &src[start + 1..end];
    let from = start + 1 + (inner.len() - inner.trim_start().len());
    let to = from + inner.trim().len();
    Comment {
        text: Text::slice(src, from, to),
        span: Span::new(start, end),
    }
}

fn push_words(
    sem: &mut Vec<LogicalToken>,
    base: usize,
    ranges: &[(usize, usize)],
    mut kind: impl FnMut(usize) -> TokenKind,
) {
    for (i, &(s, e)) in ranges.iter().enumerate() {
        sem.push((kind(i), base + s, base + e));
    }
}

fn skip_blanks(text: &str, mut pos: usize, end: usize) -> usize {
    while pos < end && is_space_at(text, pos) {
        pos += char_width(text.as_bytes()[pos]);
    }
    pos
}

/// Byte ranges (within the text) of a directive's name and value.
struct DirectiveParts {
    name: (usize, usize),
    value: (usize, usize),
}

/// Matches BuildKit's `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`.
fn parse_directive(text: &str) -> Option<DirectiveParts> {
    let is_ws = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r');
    let bytes = text.as_bytes();
    if bytes.first() != Some(&b'#') {
        return None;
    }
    let mut i = 1;
    while i < bytes.len() && is_ws(bytes[i]) {
        i += 1;
    }
    let name_start = i;
    if !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
        i += 1;
    }
    let name_end = i;
    while i < bytes.len() && is_ws(bytes[i]) {
        i += 1;
    }
    if bytes.get(i) != Some(&b'=') {
        return None;
    }
    i += 1;
    while i < bytes.len() && is_ws(bytes[i]) {
        i += 1;
    }
    let mut end = bytes.len();
    while end > i && is_ws(bytes[end - 1]) {
        end -= 1;
    }
    (end > i).then_some(DirectiveParts {
        name: (name_start, name_end),
        value: (i, end),
    })
}

/// Reads one flag word from the start of `text`: returns where it ends and its value with
/// quotes and backslash escapes removed (BuildKit's `extractBuilderFlags`), borrowed when it
/// has neither.
fn read_flag_word(text: &str) -> (usize, Cow<'_, str>) {
    // Decoded so far; `None` while the word reads as written.
    let mut value: Option<String> = None;
    let mut quote: Option<char> = None;
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        if quote.is_none() && c.is_whitespace() {
            return (i, value.map_or(Cow::Borrowed(&text[..i]), Cow::Owned));
        }
        if !matches!(c, '\'' | '"' | '\\') {
            if let Some(v) = &mut value {
                v.push(c);
            }
            continue;
        }
        let v = value.get_or_insert_with(|| text[..i].to_string());
        match quote {
            None if c != '\\' => quote = Some(c),
            Some(q) if c == q => quote = None,
            _ if c == '\\' => {
                if let Some((_, n)) = chars.next() {
                    v.push(n);
                }
            }
            _ => v.push(c),
        }
    }
    (text.len(), value.map_or(Cow::Borrowed(text), Cow::Owned))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FlagType {
    /// `--link` or `--link=true`.
    Bool,
    /// `--from=stage`: a value is required.
    Value,
}

/// The flags `kind` accepts, each with whether it takes a value (`--from=stage`) or is a switch
/// (`--link`): what an editor completes after `--`.
pub fn flag_names(kind: Kw) -> impl Iterator<Item = (&'static str, bool)> {
    (known_flags(kind).iter()).map(|&(name, ty)| (name, ty == FlagType::Value))
}

/// The flags each instruction accepts (BuildKit's Dockerfile frontend, labs flags included).
fn known_flags(kind: Kw) -> &'static [(&'static str, FlagType)] {
    use FlagType::{Bool, Value};
    match kind {
        Kw::From => &[("platform", Value)],
        Kw::Run => &[
            ("mount", Value),
            ("network", Value),
            ("security", Value),
            ("device", Value),
        ],
        Kw::Copy => &[
            ("from", Value),
            ("chown", Value),
            ("chmod", Value),
            ("link", Bool),
            ("parents", Bool),
            ("exclude", Value),
        ],
        Kw::Add => &[
            ("chown", Value),
            ("chmod", Value),
            ("link", Bool),
            ("checksum", Value),
            ("keep-git-dir", Bool),
            ("exclude", Value),
            ("unpack", Bool),
        ],
        Kw::Healthcheck => &[
            ("interval", Value),
            ("timeout", Value),
            ("start-period", Value),
            ("start-interval", Value),
            ("retries", Value),
        ],
        _ => &[],
    }
}

/// A heredoc opener (`<<EOF`, `<<-EOF`, `<<"EOF"`, `3<<EOF`), as BuildKit's
/// `^(\d*)<<(-?)([^<]*)$` with a single-word delimiter. `make` gives the text of a range of
/// `word`.
fn heredoc_marker(
    word: &str,
    marker_span: Span,
    make: &dyn Fn(usize, usize) -> Text,
) -> Option<Heredoc> {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let rest = word[digits..].strip_prefix("<<")?;
    let (chomp, raw) = match rest.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    if raw.is_empty() || raw.contains('<') {
        return None;
    }
    let name = unquote(raw)?;
    if name.is_empty() || name.chars().any(char::is_whitespace) {
        return None;
    }
    let name = match name {
        Cow::Borrowed(_) => make(word.len() - raw.len(), word.len()),
        Cow::Owned(name) => Text::from(name),
    };
    Some(Heredoc {
        name,
        chomp,
        expand: !raw.contains(['"', '\'']),
        fd: if digits > 0 {
            word[..digits].parse().ok()
        } else {
            None
        },
        marker_span,
        body: Text::default(),
        body_span: Span::new(marker_span.end, marker_span.end),
        end_span: None,
    })
}

/// Removes shell quoting from a word (borrowed when it has none); `None` if a quote is left
/// open.
fn unquote(raw: &str) -> Option<Cow<'_, str>> {
    if !raw.contains(['\'', '"', '\\']) {
        return Some(Cow::Borrowed(raw));
    }
    let mut out = String::new();
    let mut quote: Option<char> = None;
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) if c == q => quote = None,
            Some('"') if c == '\\' => out.push(chars.next().unwrap_or('\\')),
            Some(_) => out.push(c),
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '\\' => out.push(chars.next().unwrap_or('\\')),
            None => out.push(c),
        }
    }
    quote.is_none().then_some(Cow::Owned(out))
}

/// The known keyword closest to a mistyped one, if it is close enough to be a typo.
fn suggest(word: &str) -> Option<&'static str> {
    // Two edits change a length by at most two, so a word much longer than every keyword is no
    // typo of one: rejected without a look at its characters (a pasted non-Dockerfile has
    // thousands of such lines).
    if word.len() > 4 * (KEYWORD_MAX + 2) {
        return None;
    }
    let length = word.chars().count();
    Kw::ALL
        .iter()
        .map(|k| k.as_str())
        .filter(|k| length.abs_diff(k.len()) <= 2)
        .map(|k| (edit_distance(word, k), k))
        .filter(|&(d, k)| d <= 2 && d < k.len() / 2 + 1)
        .min_by_key(|&(d, _)| d)
        .map(|(_, k)| k)
}

/// The longest keyword's length: `edit_distance`'s rows live on the stack.
const KEYWORD_MAX: usize = 11;

/// Levenshtein distance between `word`, compared without regard to ASCII case, and `keyword`
/// (upper-case ASCII, at most `KEYWORD_MAX` bytes), in two rows on the stack.
fn edit_distance(word: &str, keyword: &str) -> usize {
    let kw = keyword.as_bytes();
    let mut prev = [0usize; KEYWORD_MAX + 1];
    let mut cur = [0usize; KEYWORD_MAX + 1];
    for (j, cell) in prev.iter_mut().enumerate().take(kw.len() + 1) {
        *cell = j;
    }
    for (i, c) in word.chars().enumerate() {
        let c = c.to_ascii_uppercase();
        cur[0] = i + 1;
        for (j, &k) in kw.iter().enumerate() {
            let sub = prev[j] + usize::from(c != char::from(k));
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[kw.len()]
}

#[cfg(test)]
mod tests {
    use super::{edit_distance, suggest, Kw, KEYWORD_MAX};

    #[test]
    fn every_keyword_fits_the_distance_rows() {
        for k in Kw::ALL {
            assert!(k.as_str().len() <= KEYWORD_MAX, "{}", k.as_str());
            assert_eq!(edit_distance(k.as_str(), k.as_str()), 0);
        }
    }

    #[test]
    fn typos_get_the_nearest_keyword() {
        assert_eq!(suggest("FORM"), Some("FROM"));
        assert_eq!(suggest("run"), Some("RUN"));
        assert_eq!(suggest("HEALTHCHEK"), Some("HEALTHCHECK"));
        assert_eq!(suggest("ENTRYPONT"), Some("ENTRYPOINT"));
        assert_eq!(suggest("RÜN"), Some("RUN"));
        assert_eq!(edit_distance("cpy", "COPY"), 1);
        assert_eq!(edit_distance("", "ARG"), 3);
    }

    #[test]
    fn far_or_long_words_get_none() {
        assert_eq!(suggest("apt-get"), None);
        assert_eq!(suggest("X"), None);
        assert_eq!(suggest(&"RUN".repeat(2_000)), None);
        assert_eq!(suggest(&"é".repeat(12)), None);
    }
}

//! The syntax tree: a lossless token list plus a typed view of every instruction.
//!
//! Every node carries a byte [`Span`] into [`Dockerfile::source`]; line and column come from
//! [`LineIndex`]. The tokens tile the source exactly, which is what makes printing lossless.

use serde::Serialize;

pub use super::text::Text;

/// A half-open byte range `start..end` into the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub const fn len(self) -> usize {
        self.end - self.start
    }
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }
    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
    pub fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
}

/// A 1-based line and column; the column counts Unicode scalar values, like most compilers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// Maps byte offsets to lines and columns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset at which each line starts; always begins with 0.
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = Vec::with_capacity(bytes.len() / 32 + 1);
        line_starts.push(0);
        // Eight bytes at a time: lines are short (a few dozen bytes), so a `memchr` call per
        // line costs more than it saves. A word with no line break is skipped whole.
        const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
        const LOW7: u64 = u64::from_ne_bytes([0x7f; 8]);
        let mut chunks = bytes.chunks_exact(8);
        let mut base = 0;
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default()) ^ (ONES * 0x0a);
            // The high bit of each byte of `word` that is zero (a `\n` in the text), exactly:
            // no carry crosses bytes, since each low-seven-bit sum stays below 0x100.
            let mut zeros = !(((word & LOW7) + LOW7) | word | LOW7);
            while zeros != 0 {
                line_starts.push(base + (zeros.trailing_zeros() / 8) as usize + 1);
                zeros &= zeros - 1;
            }
            base += 8;
        }
        for (i, &b) in chunks.remainder().iter().enumerate() {
            if b == b'\n' {
                line_starts.push(base + i + 1);
            }
        }
        LineIndex { line_starts }
    }

    /// The line starts, to be handed back with [`LineIndex::from_starts`] (the parser reads
    /// its lines from them).
    pub(crate) fn into_starts(self) -> Vec<usize> {
        self.line_starts
    }

    pub(crate) fn from_starts(line_starts: Vec<usize>) -> Self {
        LineIndex { line_starts }
    }

    /// Number of lines (a trailing newline does not open a new line for this count).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte offsets at which lines start (the first is 0).
    pub fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }

    /// Byte offset where 1-based `line` starts, if it exists.
    pub fn line_start(&self, line: u32) -> Option<usize> {
        self.line_starts
            .get((line as usize).checked_sub(1)?)
            .copied()
    }

    /// 1-based line and column of `offset` (clamped to the text).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let column = text[start..offset].chars().count() + 1;
        LineCol {
            line: line as u32 + 1,
            column: column as u32,
        }
    }
}

/// Byte offset where the line holding `at` starts (for text without a `LineIndex`, such as a
/// fix's output; `at` is clamped to the text).
pub fn line_start_of(text: &str, at: usize) -> usize {
    let at = floor_char_boundary(text, at.min(text.len()));
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// Byte offset just after the line break that ends the line holding `at` (the text's end on
/// the last line).
pub fn line_end_of(text: &str, at: usize) -> usize {
    let at = floor_char_boundary(text, at.min(text.len()));
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The kinds of lossless tokens; together they cover every byte of the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// The UTF-8 byte order mark at the very start.
    Bom,
    /// Spaces and tabs (and a `\r` that is not part of a line break).
    Whitespace,
    /// `\n` or `\r\n`.
    Newline,
    /// A `#` comment line, without its line break.
    Comment,
    /// A parser directive such as `# syntax=docker/dockerfile:1`.
    Directive,
    /// The instruction keyword (`FROM`, `run`, ...).
    Keyword,
    /// A `--name=value` flag.
    Flag,
    /// The `--` that ends the flags.
    FlagTerminator,
    /// An argument word of a shell-form instruction.
    Word,
    /// The shell-form command of RUN, CMD, ENTRYPOINT, SHELL or HEALTHCHECK: one string for the
    /// shell, not split into words.
    Text,
    /// A heredoc opener such as `<<-"EOF"`.
    HeredocMarker,
    /// The JSON (exec form) array, punctuation and strings alike.
    Json,
    /// The escape character that continues a line, with blanks after it.
    Continuation,
    /// The body lines of a heredoc, line breaks included.
    HeredocBody,
    /// The line that ends a heredoc.
    HeredocEnd,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
}

/// A parsed Dockerfile. It owns its source text; all spans point into it.
#[derive(Clone, Debug, Default)]
pub struct Dockerfile {
    /// The text parsed (the buffer most [`Text`]s of the tree point into).
    pub source: Text,
    /// The escape character in force (`\` or `` ` ``).
    pub escape: char,
    pub directives: Vec<Directive>,
    /// Comment lines outside instructions (directives excluded).
    pub comments: Vec<Comment>,
    pub instructions: Vec<Instruction>,
    /// Lossless tokens in source order; concatenated they give back `source`.
    pub tokens: Vec<Token>,
    pub line_index: LineIndex,
}

impl Dockerfile {
    /// The source text of a span.
    pub fn text(&self, span: Span) -> &str {
        &self.source[span.start..span.end]
    }
    pub fn line_col(&self, offset: usize) -> LineCol {
        self.line_index.line_col(&self.source, offset)
    }
    /// First and last line (1-based, inclusive) touched by `span`.
    pub fn lines(&self, span: Span) -> (u32, u32) {
        let start = self.line_col(span.start).line;
        let end = self
            .line_col(span.end.saturating_sub(1).max(span.start))
            .line;
        (start, end.max(start))
    }
}

/// A parser directive (`# syntax=`, `# escape=`, `# check=`) at the top of the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Directive {
    /// Lower-cased name.
    pub name: Text,
    pub value: Text,
    pub span: Span,
    pub name_span: Span,
    pub value_span: Span,
}

/// A comment line; `text` is what follows the `#`, trimmed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Comment {
    pub text: Text,
    pub span: Span,
}

/// The instructions BuildKit knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Kw {
    Add,
    Arg,
    Cmd,
    Copy,
    Entrypoint,
    Env,
    Expose,
    From,
    Healthcheck,
    Label,
    Maintainer,
    Onbuild,
    Run,
    Shell,
    Stopsignal,
    User,
    Volume,
    Workdir,
    /// Anything else (reported as an error; parsing continues).
    Unknown,
}

impl Kw {
    pub const ALL: [Kw; 18] = [
        Kw::Add,
        Kw::Arg,
        Kw::Cmd,
        Kw::Copy,
        Kw::Entrypoint,
        Kw::Env,
        Kw::Expose,
        Kw::From,
        Kw::Healthcheck,
        Kw::Label,
        Kw::Maintainer,
        Kw::Onbuild,
        Kw::Run,
        Kw::Shell,
        Kw::Stopsignal,
        Kw::User,
        Kw::Volume,
        Kw::Workdir,
    ];

    /// The canonical upper-case spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Kw::Add => "ADD",
            Kw::Arg => "ARG",
            Kw::Cmd => "CMD",
            Kw::Copy => "COPY",
            Kw::Entrypoint => "ENTRYPOINT",
            Kw::Env => "ENV",
            Kw::Expose => "EXPOSE",
            Kw::From => "FROM",
            Kw::Healthcheck => "HEALTHCHECK",
            Kw::Label => "LABEL",
            Kw::Maintainer => "MAINTAINER",
            Kw::Onbuild => "ONBUILD",
            Kw::Run => "RUN",
            Kw::Shell => "SHELL",
            Kw::Stopsignal => "STOPSIGNAL",
            Kw::User => "USER",
            Kw::Volume => "VOLUME",
            Kw::Workdir => "WORKDIR",
            Kw::Unknown => "UNKNOWN",
        }
    }

    /// Keywords are case-insensitive.
    pub fn from_word(word: &str) -> Kw {
        // Upper-cased into a buffer and matched, rather than compared with each keyword in turn.
        let mut upper = [0u8; 11];
        let Some(buf) = upper.get_mut(..word.len()) else {
            return Kw::Unknown;
        };
        buf.copy_from_slice(word.as_bytes());
        buf.make_ascii_uppercase();
        match &*buf {
            b"ADD" => Kw::Add,
            b"ARG" => Kw::Arg,
            b"CMD" => Kw::Cmd,
            b"COPY" => Kw::Copy,
            b"ENTRYPOINT" => Kw::Entrypoint,
            b"ENV" => Kw::Env,
            b"EXPOSE" => Kw::Expose,
            b"FROM" => Kw::From,
            b"HEALTHCHECK" => Kw::Healthcheck,
            b"LABEL" => Kw::Label,
            b"MAINTAINER" => Kw::Maintainer,
            b"ONBUILD" => Kw::Onbuild,
            b"RUN" => Kw::Run,
            b"SHELL" => Kw::Shell,
            b"STOPSIGNAL" => Kw::Stopsignal,
            b"USER" => Kw::User,
            b"VOLUME" => Kw::Volume,
            b"WORKDIR" => Kw::Workdir,
            _ => Kw::Unknown,
        }
    }
}

/// The keyword as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Keyword {
    pub kind: Kw,
    /// As written (`run`, `Run`, `RUN`, or an unknown word).
    pub text: Text,
    pub span: Span,
}

/// One instruction, with everything it spans: continuation lines, comments between them and
/// heredoc bodies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Instruction {
    /// From the keyword to the end of the last line that belongs to it (line break excluded).
    pub span: Span,
    pub keyword: Keyword,
    pub flags: Vec<Flag>,
    /// For HEALTHCHECK: the `CMD` or `NONE` word; the command itself is in `args`.
    pub subcommand: Option<Word>,
    pub args: Args,
    /// Heredocs opened on this instruction, in order.
    pub heredocs: Vec<Heredoc>,
    /// For ARG, ENV and LABEL: the names and values.
    pub pairs: Vec<KeyValue>,
    /// For ONBUILD: the wrapped instruction.
    pub onbuild: Option<Box<Instruction>>,
    /// Comment lines inside the continuation lines of this instruction.
    pub comments: Vec<Comment>,
    /// Blank lines inside the continuation lines (BuildKit's NoEmptyContinuation).
    pub empty_continuation_lines: Vec<Span>,
    /// Variable references (`$V`, `${V:-x}`, ...) that BuildKit expands, in source order: in
    /// flags and arguments, but not in the shell-form text of RUN, CMD, ENTRYPOINT, SHELL and
    /// HEALTHCHECK, which the shell expands.
    pub vars: Vec<VarRef>,
}

impl Instruction {
    /// An instruction over `span` with its keyword and nothing else yet: no flags, and empty
    /// shell-form arguments at `args_at`.
    pub fn bare(keyword: Keyword, span: Span, args_at: Span) -> Instruction {
        Instruction {
            span,
            keyword,
            flags: Vec::new(),
            subcommand: None,
            args: Args::Shell {
                text: Text::default(),
                span: args_at,
                words: Vec::new(),
            },
            heredocs: Vec::new(),
            pairs: Vec::new(),
            onbuild: None,
            comments: Vec::new(),
            empty_continuation_lines: Vec::new(),
            vars: Vec::new(),
        }
    }

    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags.iter().find(|f| f.name == name)
    }

    /// What a RUN hands to the shell, as one text: the command (exec form joined by spaces)
    /// followed by the heredoc bodies.
    pub fn script(&self) -> String {
        let mut text = match &self.args {
            Args::Shell { text, .. } => text.to_string(),
            Args::Exec { elements, .. } => elements
                .iter()
                .map(|e| e.value.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        };
        for h in &self.heredocs {
            text.push('\n');
            text.push_str(&h.body);
        }
        text
    }
}

/// A `--name` or `--name=value` flag. `value` has its quotes removed, as BuildKit does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Flag {
    pub name: Text,
    pub value: Option<Text>,
    pub span: Span,
    pub name_span: Span,
    pub value_span: Option<Span>,
}

/// The arguments after the flags.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "form", rename_all = "lowercase")]
pub enum Args {
    /// Shell form: the text with line continuations joined, and its words. RUN, CMD,
    /// ENTRYPOINT, SHELL and HEALTHCHECK hand the text to the shell as one string, so their
    /// `words` is empty (use `split_words` when needed).
    Shell {
        text: Text,
        span: Span,
        words: Vec<Word>,
    },
    /// Exec (JSON) form: the array's strings, decoded.
    Exec {
        elements: Vec<JsonString>,
        span: Span,
    },
}

impl Args {
    pub fn span(&self) -> Span {
        match self {
            Args::Shell { span, .. } | Args::Exec { span, .. } => *span,
        }
    }
    pub fn is_exec(&self) -> bool {
        matches!(self, Args::Exec { .. })
    }
    /// The arguments as strings: shell words as written (a command's text as one string), or
    /// the JSON elements decoded.
    pub fn values(&self) -> Vec<&str> {
        match self {
            Args::Shell { words, text, .. } if words.is_empty() && !text.is_empty() => {
                vec![text.as_str()]
            }
            Args::Shell { words, .. } => words.iter().map(|w| w.text.as_str()).collect(),
            Args::Exec { elements, .. } => elements.iter().map(|e| e.value.as_str()).collect(),
        }
    }
}

/// A whitespace-separated word as written (quotes and escapes kept, continuations joined).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Word {
    pub text: Text,
    pub span: Span,
}

/// A decoded JSON string of an exec-form array.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct JsonString {
    pub value: Text,
    pub span: Span,
}

/// A heredoc: `<<EOF` ... `EOF`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Heredoc {
    /// The delimiter, quotes removed.
    pub name: Text,
    /// `<<-`: leading tabs are stripped from the body and the terminator.
    pub chomp: bool,
    /// False when the delimiter is quoted: no variable expansion in the body.
    pub expand: bool,
    /// The file descriptor before `<<` (as in `3<<EOF`), if any.
    pub fd: Option<u32>,
    /// The `<<EOF` word on the instruction line.
    pub marker_span: Span,
    /// The body lines, each with its line break, as BuildKit passes them on.
    pub body: Text,
    pub body_span: Span,
    /// The terminator line; `None` when the file ended first.
    pub end_span: Option<Span>,
}

/// A `name[=value]` of ARG, ENV or LABEL (or the legacy `ENV name value` form).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KeyValue {
    pub key: Text,
    pub key_span: Span,
    /// The value as written (quotes kept); `None` for `ARG name`.
    pub value: Option<Text>,
    pub value_span: Option<Span>,
    /// `ENV key value` / `LABEL key value` without `=`.
    pub legacy: bool,
}

/// A variable reference such as `$V`, `${V}` or `${V:-default}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VarRef {
    pub name: Text,
    /// The whole reference, `$` to closing brace.
    pub span: Span,
    pub name_span: Span,
    pub braced: bool,
    /// The modifier operator (`:-`, `-`, `:+`, `+`, `:?`, `?`, `#`, `##`, `%`, `%%`, `/`, `//`).
    pub operator: Option<Text>,
    /// The word after the operator, as written.
    pub operand: Option<Text>,
}

#[cfg(test)]
mod tests {
    use super::{Kw, LineIndex};

    #[test]
    fn line_starts_follow_every_line_break() {
        // Line breaks at every position of the eight-byte words, next to bytes that differ
        // from `\n` in one bit or carry into the next byte (0x0b, 0x8a, 0xff, 0x09, 0x00).
        let bytes = [b'\n', b'a', 0x0b, 0x09, 0x00, 0xff, 0x8a, b'\r'];
        let mut seed = 1u32;
        for len in 0..70 {
            let text: Vec<u8> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    bytes[(seed >> 16) as usize % bytes.len()]
                })
                .collect();
            let text = String::from_utf8_lossy(&text).into_owned();
            let mut expected = vec![0];
            expected.extend(
                text.bytes()
                    .enumerate()
                    .filter(|&(_, b)| b == b'\n')
                    .map(|(i, _)| i + 1),
            );
            assert_eq!(LineIndex::new(&text).line_starts(), expected, "{text:?}");
        }
    }

    #[test]
    fn keywords_read_back_in_any_case() {
        for k in Kw::ALL {
            let upper = k.as_str();
            assert_eq!(Kw::from_word(upper), k);
            assert_eq!(Kw::from_word(&upper.to_ascii_lowercase()), k);
            assert_eq!(Kw::from_word(&upper[..upper.len() - 1]), Kw::Unknown);
            assert_eq!(Kw::from_word(&format!("{upper}S")), Kw::Unknown);
        }
        for word in ["", "RÜN", "HEALTHCHECKS", "FROM\u{0}", "\u{1F600}"] {
            assert_eq!(Kw::from_word(word), Kw::Unknown, "{word}");
        }
    }
}

//! Word splitting and variable references, following BuildKit's rules for instruction arguments.
//!
//! Offsets are byte offsets into the text passed in, plus `base`, so callers can place the
//! results in their own coordinates.

use super::text::{Buf, Text};
use super::tree::{Span, VarRef, Word};

/// BuildKit's whitespace between instruction parts (`[\t\v\f\r ]`).
pub(crate) fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\x0b' | '\x0c' | '\r')
}

/// Splits on blanks outside quotes, keeping quotes and escapes in the words (BuildKit's
/// `parseWords`, used by ARG, ENV and LABEL and for heredoc detection).
pub fn split_words(text: &str, base: usize, escape: char) -> Vec<Word> {
    let buf = Buf::from(text);
    let mut ranges = Vec::new();
    word_ranges(text, escape, &mut ranges);
    ranges
        .into_iter()
        .map(|(s, e)| Word {
            text: Text::slice(&buf, s, e),
            span: Span::new(base + s, base + e),
        })
        .collect()
}

/// Byte ranges of the quote-aware words of `text`, onto `words` (a buffer the parser reuses).
pub(crate) fn word_ranges(text: &str, escape: char, words: &mut Vec<(usize, usize)>) {
    // Byte by byte: quotes and the escape (`\\` or `` ` ``) are ASCII; a character after an
    // escape is skipped whole, so `i` stays on character boundaries.
    let esc = u8::try_from(escape).unwrap_or(b'\\');
    let bytes = text.as_bytes();
    let skip_next = |i: usize| i + 1 + bytes.get(i + 1).map_or(0, |&n| char_width(n));
    let mut start: Option<usize> = None;
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(q) if b == esc && q != b'\'' => {
                i = skip_next(i);
                continue;
            }
            Some(_) => {}
            None if is_space_at(text, i) => {
                if let Some(s) = start.take() {
                    words.push((s, i));
                }
            }
            None => {
                start.get_or_insert(i);
                if b == b'\'' || b == b'"' {
                    quote = Some(b);
                } else if b == esc {
                    i = skip_next(i);
                    continue;
                }
            }
        }
        i += char_width(b);
    }
    if let Some(s) = start {
        // BuildKit drops an escape character that ends the text.
        let mut end = text.len();
        if quote.is_none()
            && text[s..end].ends_with(escape)
            && !ends_with_escaped(&text[s..end], escape)
        {
            end -= escape.len_utf8();
        }
        if end > s {
            words.push((s, end));
        }
    }
}

/// The length of the UTF-8 character whose first byte is `b`.
#[inline]
pub(crate) fn char_width(b: u8) -> usize {
    match b {
        0..0x80 => 1,
        0xf0.. => 4,
        0xe0.. => 3,
        _ => 2,
    }
}

/// Whether the character at byte `i` of `text` (a character boundary) is white space in
/// Unicode's sense, as `char::is_whitespace`, without decoding ASCII.
#[inline]
pub(crate) fn is_space_at(text: &str, i: usize) -> bool {
    match text.as_bytes()[i] {
        b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => true,
        0..0x80 => false,
        _ => text[i..].chars().next().is_some_and(char::is_whitespace),
    }
}

/// True when the final character of `word` is itself escaped (an even run of escapes).
fn ends_with_escaped(word: &str, escape: char) -> bool {
    let run = word.chars().rev().take_while(|&c| c == escape).count();
    run % 2 == 0
}

/// Byte ranges of blank-separated words, quotes not considered (BuildKit's
/// `parseStringsWhitespaceDelimited`, used by FROM, EXPOSE, COPY, ADD and VOLUME), onto `words`.
pub(crate) fn blank_ranges(text: &str, words: &mut Vec<(usize, usize)>) {
    // The blanks are ASCII, and no byte of a multi-byte character is: bytes will do.
    let mut start = None;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if matches!(b, b' ' | b'\t' | 0x0b | 0x0c | b'\r' | b'\n') {
            if let Some(s) = start.take() {
                words.push((s, i));
            }
        } else {
            start.get_or_insert(i);
        }
    }
    if let Some(s) = start {
        words.push((s, text.len()));
    }
}

/// Where an unterminated quote opens in `text`, if one does.
pub(crate) fn unterminated_quote(text: &str, escape: char) -> Option<(usize, char)> {
    // Quotes and the escape (`\\` or `` ` ``) are ASCII, and no byte of a multi-byte
    // character is, so bytes will do: skipping the first byte of an escaped character leaves
    // bytes that match nothing.
    let esc = u8::try_from(escape).unwrap_or(b'\\');
    let bytes = text.as_bytes();
    let mut open: Option<(usize, u8)> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match open {
            Some((_, q)) if b == q => open = None,
            Some((_, q)) if b == esc && q != b'\'' => i += 1,
            Some(_) => {}
            None if b == esc => i += 1,
            None if b == b'\'' || b == b'"' => open = Some((i, b)),
            None => {}
        }
        i += 1;
    }
    open.map(|(at, q)| (at, char::from(q)))
}

/// The variable references in `text` (`$V`, `${V}`, `${V:-word}` ... including references nested
/// in a modifier's word), outside single quotes and not escaped.
pub fn var_refs(text: &str, base: usize, escape: char) -> Vec<VarRef> {
    let mut out = Vec::new();
    if text.contains('$') {
        let buf = Buf::from(text);
        push_var_refs(
            text,
            base,
            escape,
            &|s, e| Text::slice(&buf, s - base, e - base),
            &mut out,
        );
    }
    out
}

/// [`var_refs`] onto `out`, with the names and operands made by `make` from offsets (`base`
/// included), so that the parser can point them into its own buffers.
pub(crate) fn push_var_refs(
    text: &str,
    base: usize,
    escape: char,
    make: &dyn Fn(usize, usize) -> Text,
    out: &mut Vec<VarRef>,
) {
    if memchr::memchr(b'$', text.as_bytes()).is_none() {
        return;
    }
    let mut scan = VarScan {
        text,
        base,
        esc: u8::try_from(escape).unwrap_or(b'\\'),
        closes: brace_pairs(text.as_bytes()),
        make,
        out,
    };
    scan.scan(0, text.len(), 0);
}

/// How deep references are followed into modifier words (`${A:-${B:-...}}`): each level copies
/// its word, so a generated file nesting thousands deep would take quadratic memory. The deeper
/// ones are left as text.
const MAX_NESTING: usize = 32;

/// Each `${` (the offset of its `$`) with its closing brace, in order of the `$`: braces pair
/// up like parentheses, quotes or not, as BuildKit's lexer reads a modifier's word. One pass, so
/// a line of thousands of unclosed `${` costs no more than its length.
/// (Unclosed ones have `usize::MAX`.)
fn brace_pairs(bytes: &[u8]) -> Vec<(usize, usize)> {
    // Each `${` takes its place in the list when it opens, so the list needs no sorting.
    let mut open = Vec::new();
    let mut pairs = Vec::new();
    let mut j = 0;
    while j < bytes.len() {
        match bytes[j] {
            b'$' if bytes.get(j + 1) == Some(&b'{') => {
                open.push(pairs.len());
                pairs.push((j, usize::MAX));
                j += 2;
                continue;
            }
            b'}' => {
                if let Some(k) = open.pop() {
                    pairs[k].1 = j;
                }
            }
            _ => {}
        }
        j += 1;
    }
    pairs
}

struct VarScan<'t> {
    text: &'t str,
    /// Offset of `text` in the file.
    base: usize,
    esc: u8,
    closes: Vec<(usize, usize)>,
    make: &'t dyn Fn(usize, usize) -> Text,
    out: &'t mut Vec<VarRef>,
}

impl VarScan<'_> {
    /// The references in `text[from..to]`, `depth` modifier words deep.
    fn scan(&mut self, from: usize, to: usize, depth: usize) {
        // Jumps from one `$` or quote to the next. Every character that matters is ASCII, and
        // UTF-8 continuation bytes never equal an ASCII byte, so byte offsets are safe.
        let bytes = &self.text.as_bytes()[..to];
        let mut in_double = false;
        let mut i = from;
        while i < to {
            let Some(k) = memchr::memchr3(b'$', b'\'', b'"', &bytes[i..]) else {
                break;
            };
            let j = i + k;
            // Escaped when an odd run of escape characters stands right before it.
            let run = bytes[from..j]
                .iter()
                .rev()
                .take_while(|&&b| b == self.esc)
                .count();
            if run % 2 == 1 {
                i = j + 1;
                continue;
            }
            match bytes[j] {
                b'\'' if !in_double => match memchr::memchr(b'\'', &bytes[j + 1..]) {
                    Some(close) => {
                        i = j + 1 + close + 1;
                        continue;
                    }
                    None => break,
                },
                b'"' => in_double = !in_double,
                b'$' => {
                    if let Some(end) = self.var_at(j, to, depth) {
                        i = end;
                        continue;
                    }
                }
                _ => {}
            }
            i = j + 1;
        }
    }

    /// Reads the reference starting at the `$` at `at`; returns the offset after it.
    fn var_at(&mut self, at: usize, to: usize, depth: usize) -> Option<usize> {
        let (text, base) = (self.text, self.base);
        let bytes = &text.as_bytes()[..to];
        let next = *bytes.get(at + 1)?;
        if is_name_start(next) {
            let mut end = at + 1;
            while end < to && is_name_char(bytes[end]) {
                end += 1;
            }
            self.out.push(VarRef {
                name: (self.make)(base + at + 1, base + end),
                span: Span::new(base + at, base + end),
                name_span: Span::new(base + at + 1, base + end),
                braced: false,
                operator: None,
                operand: None,
            });
            return Some(end);
        }
        if next != b'{' {
            return None;
        }
        let name_start = at + 2;
        let mut name_end = name_start;
        while name_end < to && is_name_char(bytes[name_end]) {
            name_end += 1;
        }
        if name_end == name_start {
            return None;
        }
        let k = self.closes.binary_search_by_key(&at, |p| p.0).ok()?;
        let close = self.closes[k].1;
        if close >= to {
            return None;
        }
        let rest = &text[name_end..close];
        let operator = [
            "//", "##", "%%", ":-", ":+", ":?", "-", "+", "?", "#", "%", "/",
        ]
        .into_iter()
        .find(|op| rest.starts_with(op));
        self.out.push(VarRef {
            name: (self.make)(base + name_start, base + name_end),
            span: Span::new(base + at, base + close + 1),
            name_span: Span::new(base + name_start, base + name_end),
            braced: true,
            operator: operator.map(|op| (self.make)(base + name_end, base + name_end + op.len())),
            operand: operator.map(|op| (self.make)(base + name_end + op.len(), base + close)),
        });
        if let Some(op) = operator.filter(|_| depth + 1 < MAX_NESTING) {
            self.scan(name_end + op.len(), close, depth + 1);
        }
        Some(close + 1)
    }
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_name_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blanks(s: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        blank_ranges(s, &mut out);
        out
    }

    fn texts(s: &str) -> Vec<String> {
        split_words(s, 0, '\\')
            .into_iter()
            .map(|w| w.text.to_string())
            .collect()
    }

    #[test]
    fn words_keep_quotes_and_escapes() {
        assert_eq!(
            texts(r#"a="x y" b=c\ d 'e f'"#),
            [r#"a="x y""#, r"b=c\ d", "'e f'"]
        );
    }

    #[test]
    fn words_split_on_unicode_spaces_and_escape_whole_characters() {
        assert_eq!(texts("a\u{a0}b\u{2003}c\u{85}d"), ["a", "b", "c", "d"]);
        assert_eq!(
            texts("a\\\u{a0}b \"\\é\"\u{3000}€ \\"),
            ["a\\\u{a0}b", "\"\\é\"", "€"]
        );
        assert_eq!(blanks("é\u{a0}x\t€"), [(0, 5), (6, 9)]);
        assert_eq!(unterminated_quote("é \\\"€ '日本", '\\'), Some((9, '\'')));
    }

    #[test]
    fn trailing_lone_escape_is_dropped() {
        assert_eq!(texts(r"a b\"), ["a", "b"]);
    }

    #[test]
    fn blank_ranges_ignore_quotes() {
        assert_eq!(blanks(r#""my file" x"#), [(0, 3), (4, 9), (10, 11)]);
    }

    #[test]
    fn finds_simple_and_braced_refs() {
        let refs = var_refs("$A ${B} ${C:-x} '$D' \\$E \"$F\"", 0, '\\');
        let names: Vec<_> = refs.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["A", "B", "C", "F"]);
        assert_eq!(refs[2].operator.as_deref(), Some(":-"));
        assert_eq!(refs[2].operand.as_deref(), Some("x"));
    }

    #[test]
    fn finds_every_modifier() {
        for op in [
            ":-", ":+", ":?", "-", "+", "?", "#", "##", "%", "%%", "/", "//",
        ] {
            let text = format!("${{V{op}w}}");
            let refs = var_refs(&text, 10, '\\');
            assert_eq!(refs.len(), 1, "{text}");
            assert_eq!(refs[0].operator.as_deref(), Some(op), "{text}");
            assert_eq!(refs[0].span, Span::new(10, 10 + text.len()));
        }
    }

    #[test]
    fn nested_refs_in_operand() {
        let refs = var_refs("${A:-${B}}", 0, '\\');
        let names: Vec<_> = refs.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["A", "B"]);
        assert_eq!(refs[1].span, Span::new(5, 9));
    }

    #[test]
    fn backtick_escape() {
        let refs = var_refs("`$A $B", 0, '`');
        assert_eq!(refs.len(), 1);
        assert_eq!(refs[0].name, "B");
    }

    #[test]
    fn unterminated_brace_is_not_a_ref() {
        assert!(var_refs("${A:-x", 0, '\\').is_empty());
    }

    #[test]
    fn unterminated_quotes() {
        assert_eq!(unterminated_quote(r#"a "b"#, '\\'), Some((2, '"')));
        assert_eq!(unterminated_quote(r#"a "it's""#, '\\'), None);
        assert_eq!(unterminated_quote(r"a \'", '\\'), None);
    }
}

//! The exec (JSON) form: a JSON array of strings, read the way BuildKit's `json.Unmarshal` does.
//!
//! Hand-written rather than serde_json: it must report where each string lies, tell an
//! unterminated array from other text that merely starts with `[`, and stay tiny in wasm.

use std::borrow::Cow;

/// A decoded string with the byte range of its literal (quotes included). The string borrows
/// the text between the quotes unless it has escapes.
pub(crate) type Item<'a> = (Cow<'a, str>, usize, usize);

/// What the text after the flags turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum JsonForm<'a> {
    /// A valid array of strings: each decoded value with its byte range (quotes included).
    Strings(Vec<Item<'a>>),
    /// The input ended inside the array: almost certainly a half-typed exec form.
    Unterminated,
    /// Anything else (valid JSON that is not a string array, or not JSON at all): shell form.
    NotJson,
}

/// How deep arrays and objects may nest. A string array nests one level, so anything deeper
/// is shell form whatever it holds; the limit (Go's is 10,000) keeps the recursion short.
const MAX_DEPTH: usize = 1000;

pub(crate) fn parse_string_array(text: &str) -> JsonForm<'_> {
    let mut p = Reader {
        s: text.as_bytes(),
        text,
        i: 0,
        depth: 0,
    };
    match p.array() {
        Ok(Some(items)) => {
            p.skip_ws();
            if p.i == p.s.len() {
                JsonForm::Strings(items)
            } else {
                JsonForm::NotJson
            }
        }
        Ok(None) => JsonForm::NotJson,
        Err(Stop::Eof) => JsonForm::Unterminated,
        Err(Stop::Invalid) => JsonForm::NotJson,
    }
}

enum Stop {
    Eof,
    Invalid,
}

struct Reader<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
    /// Arrays and objects open around the reader.
    depth: usize,
}

impl<'a> Reader<'a> {
    fn skip_ws(&mut self) {
        while matches!(self.s.get(self.i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn peek(&mut self) -> Result<u8, Stop> {
        self.skip_ws();
        self.s.get(self.i).copied().ok_or(Stop::Eof)
    }

    /// An array; `Ok(None)` if it is valid JSON but holds something other than strings.
    fn array(&mut self) -> Result<Option<Vec<Item<'a>>>, Stop> {
        if self.peek()? != b'[' {
            return Err(Stop::Invalid);
        }
        self.i += 1;
        let mut items = Vec::new();
        let mut all_strings = true;
        if self.peek()? == b']' {
            self.i += 1;
            return Ok(Some(items));
        }
        loop {
            if self.peek()? == b'"' {
                let start = self.i;
                let value = self.string()?;
                items.push((value, start, self.i));
            } else {
                all_strings = false;
                self.value()?;
            }
            match self.peek()? {
                b',' => self.i += 1,
                b']' => {
                    self.i += 1;
                    return Ok(all_strings.then_some(items));
                }
                _ => return Err(Stop::Invalid),
            }
        }
    }

    /// Any JSON value, checked and discarded.
    fn value(&mut self) -> Result<(), Stop> {
        if self.depth >= MAX_DEPTH {
            return Err(Stop::Invalid);
        }
        self.depth += 1;
        let value = self.value_inside();
        self.depth -= 1;
        value
    }

    fn value_inside(&mut self) -> Result<(), Stop> {
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'[' => self.array().map(drop),
            b'{' => {
                self.i += 1;
                if self.peek()? == b'}' {
                    self.i += 1;
                    return Ok(());
                }
                loop {
                    if self.peek()? != b'"' {
                        return Err(Stop::Invalid);
                    }
                    self.string()?;
                    if self.peek()? != b':' {
                        return Err(Stop::Invalid);
                    }
                    self.i += 1;
                    self.value()?;
                    match self.peek()? {
                        b',' => self.i += 1,
                        b'}' => {
                            self.i += 1;
                            return Ok(());
                        }
                        _ => return Err(Stop::Invalid),
                    }
                }
            }
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            b'-' | b'0'..=b'9' => self.number(),
            _ => Err(Stop::Invalid),
        }
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), Stop> {
        for &b in word {
            match self.s.get(self.i) {
                None => return Err(Stop::Eof),
                Some(&c) if c == b => self.i += 1,
                Some(_) => return Err(Stop::Invalid),
            }
        }
        Ok(())
    }

    fn number(&mut self) -> Result<(), Stop> {
        if self.s.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        let digits = |r: &mut Self| {
            let from = r.i;
            while r.s.get(r.i).is_some_and(u8::is_ascii_digit) {
                r.i += 1;
            }
            r.i - from
        };
        match self.s.get(self.i) {
            None => return Err(Stop::Eof),
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                digits(self);
            }
            Some(_) => return Err(Stop::Invalid),
        }
        if self.s.get(self.i) == Some(&b'.') {
            self.i += 1;
            if digits(self) == 0 {
                return Err(self.eof_or_invalid());
            }
        }
        if matches!(self.s.get(self.i), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.s.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if digits(self) == 0 {
                return Err(self.eof_or_invalid());
            }
        }
        Ok(())
    }

    fn eof_or_invalid(&self) -> Stop {
        if self.i >= self.s.len() {
            Stop::Eof
        } else {
            Stop::Invalid
        }
    }

    /// A string starting at the opening quote; returns the decoded value (borrowed when it has
    /// no escapes).
    fn string(&mut self) -> Result<Cow<'a, str>, Stop> {
        self.i += 1;
        let first = self.i;
        // Decoded so far; `None` while the string is its text as is.
        let mut decoded: Option<String> = None;
        loop {
            let run_start = self.i;
            while let Some(&b) = self.s.get(self.i) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.i += 1;
            }
            let text = self.text;
            match self.s.get(self.i) {
                None => return Err(Stop::Eof),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(match decoded {
                        None => Cow::Borrowed(&text[first..self.i - 1]),
                        Some(mut out) => {
                            out.push_str(&text[run_start..self.i - 1]);
                            Cow::Owned(out)
                        }
                    });
                }
                Some(b'\\') => {
                    let out = decoded.get_or_insert_with(String::new);
                    out.push_str(&text[run_start..self.i]);
                    self.i += 1;
                    let c = match self.s.get(self.i) {
                        None => return Err(Stop::Eof),
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.i += 1;
                            let c = self.unicode_escape()?;
                            out.push(c);
                            continue;
                        }
                        Some(_) => return Err(Stop::Invalid),
                    };
                    self.i += 1;
                    out.push(c);
                }
                Some(_) => return Err(Stop::Invalid), // raw control character
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, Stop> {
        let mut v = 0;
        for _ in 0..4 {
            let d = match self.s.get(self.i) {
                None => return Err(Stop::Eof),
                Some(b) => (*b as char).to_digit(16).ok_or(Stop::Invalid)?,
            };
            v = v * 16 + d;
            self.i += 1;
        }
        Ok(v)
    }

    /// After `\u`: a code point, joining surrogate pairs; lone surrogates become U+FFFD as in Go.
    fn unicode_escape(&mut self) -> Result<char, Stop> {
        let hi = self.hex4()?;
        if (0xD800..0xDC00).contains(&hi) && self.s[self.i..].starts_with(b"\\u") {
            let save = self.i;
            self.i += 2;
            let lo = self.hex4()?;
            if (0xDC00..0xE000).contains(&lo) {
                let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                return Ok(char::from_u32(c).unwrap_or('\u{FFFD}'));
            }
            self.i = save;
        }
        Ok(char::from_u32(hi).unwrap_or('\u{FFFD}'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(text: &str) -> Vec<String> {
        match parse_string_array(text) {
            JsonForm::Strings(items) => items.into_iter().map(|(v, _, _)| v.into_owned()).collect(),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn decodes_every_escape() {
        assert_eq!(
            strings(r#"["a\"b", "\\ \/ \b\f\n\r\t", "\u00e9\ud83d\ude00", "\ud800x"]"#),
            ["a\"b", "\\ / \u{8}\u{c}\n\r\t", "é😀", "\u{FFFD}x"]
        );
    }

    #[test]
    fn spans_cover_the_quotes() {
        match parse_string_array(r#"[ "ab", "c" ]"#) {
            JsonForm::Strings(items) => {
                assert_eq!(items, [("ab".into(), 2, 6), ("c".into(), 8, 11)])
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn empty_array() {
        assert_eq!(strings("[]"), Vec::<String>::new());
        assert_eq!(strings(" [ ] "), Vec::<String>::new());
    }

    #[test]
    fn unterminated() {
        for text in [
            r#"["a", "b""#,
            r#"["a"#,
            "[",
            r#"["a\"#,
            r#"["\u12"#,
            "[1.",
            "[tr",
        ] {
            assert_eq!(parse_string_array(text), JsonForm::Unterminated, "{text}");
        }
    }

    #[test]
    fn not_json_is_shell_form() {
        for text in [
            r#"[ -f "$x" ]"#,
            r#"["a"] && b"#,
            r#"["a", 1]"#,
            r#"[["a"]]"#,
            "['a']",
            r#"["a",]"#,
            "[\"tab\there\"]",
            r#"["\x"]"#,
        ] {
            assert_eq!(parse_string_array(text), JsonForm::NotJson, "{text}");
        }
    }

    #[test]
    fn deep_nesting_is_shell_form_without_deep_recursion() {
        let deep = format!("[{}", "[".repeat(200_000));
        assert_eq!(parse_string_array(&deep), JsonForm::NotJson);
        let closed = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(parse_string_array(&closed), JsonForm::NotJson);
        // Within the limit a half-typed nested array is still told apart.
        assert_eq!(parse_string_array("[[[\"a\""), JsonForm::Unterminated);
    }
}

//! Inline markup, the one reading of every text the page draws with code in it: the rule docs,
//! the size pane's sources and notes, the workshop's tasks, hints and goal results. Inline code
//! between backticks and `<http(s)://...>` links; the rest (an unmatched backtick, an address of
//! another scheme) is text.

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Code(String),
    /// An `http(s)` address written as `<https://...>`.
    Link(String),
}

/// `text` cut into its inline parts.
pub fn inlines(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let special = match c {
            '`' => rest[1..]
                .find('`')
                .map(|end| (Inline::Code(rest[1..1 + end].to_string()), &rest[end + 2..])),
            '<' => rest.find('>').and_then(|end| {
                let url = &rest[1..end];
                let is_url = (url.starts_with("https://") || url.starts_with("http://"))
                    && !url.contains(char::is_whitespace);
                is_url.then(|| (Inline::Link(url.to_string()), &rest[end + 1..]))
            }),
            _ => None,
        };
        match special {
            Some((inline, after)) => {
                if !plain.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut plain)));
                }
                out.push(inline);
                rest = after;
            }
            None => {
                plain.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if !plain.is_empty() {
        out.push(Inline::Text(plain));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Inline::{Code, Link, Text};
    use super::*;

    #[test]
    fn code_between_backticks_and_http_links() {
        let read = inlines("compares `a` with `b:1` here, see <https://example.com/x>");
        let parts = [
            Text("compares ".into()),
            Code("a".into()),
            Text(" with ".into()),
            Code("b:1".into()),
            Text(" here, see ".into()),
            Link("https://example.com/x".into()),
        ];
        assert_eq!(read, parts);
        assert_eq!(inlines("`x`"), [Code("x".into())]);
    }

    #[test]
    fn unclosed_markup_reads_as_text() {
        for text in ["a `b", "odd ` tick", "<not a link> <javascript:x>"] {
            assert_eq!(inlines(text), [Text(text.into())]);
        }
    }
}

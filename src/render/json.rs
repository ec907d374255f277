//! A tiny JSON value and writer for the reports the browser exports (findings, SARIF): the wasm
//! bundle has no serde_json (see ARCHITECTURE.md). Its pretty form is byte-for-byte what
//! `serde_json::to_string_pretty` writes, so the CLI and the playground export the same files.

use std::fmt::Write as _;

/// A JSON value. Objects keep the order their keys were given in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Json {
    Null,
    Bool(bool),
    Int(i64),
    Str(String),
    Array(Vec<Json>),
    Object(Vec<(&'static str, Json)>),
}

impl Json {
    pub fn str(text: impl Into<String>) -> Json {
        Json::Str(text.into())
    }

    /// Two-space indented, one member per line, no trailing newline.
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out
    }

    fn write(&self, out: &mut String, depth: usize) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Int(n) => {
                let _ = write!(out, "{n}");
            }
            Json::Str(s) => write_str(out, s),
            Json::Array(items) if items.is_empty() => out.push_str("[]"),
            Json::Object(members) if members.is_empty() => out.push_str("{}"),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    indent(out, depth + 1);
                    item.write(out, depth + 1);
                }
                out.push('\n');
                indent(out, depth);
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    indent(out, depth + 1);
                    write_str(out, key);
                    out.push_str(": ");
                    value.write(out, depth + 1);
                }
                out.push('\n');
                indent(out, depth);
                out.push('}');
            }
        }
    }
}

impl From<&str> for Json {
    fn from(text: &str) -> Json {
        Json::Str(text.to_string())
    }
}

impl From<u32> for Json {
    fn from(n: u32) -> Json {
        Json::Int(n.into())
    }
}

impl From<bool> for Json {
    fn from(b: bool) -> Json {
        Json::Bool(b)
    }
}

impl<T: Into<Json>> From<Option<T>> for Json {
    fn from(value: Option<T>) -> Json {
        value.map_or(Json::Null, Into::into)
    }
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// A JSON string: quotes, backslashes and control characters escaped (the short forms where JSON
/// has them, `\u00XX` otherwise); everything else, non-ASCII included, as it is.
fn write_str(out: &mut String, text: &str) {
    out.push('"');
    // Runs of bytes that need no escape are copied whole: every escaped byte is ASCII, so the
    // cuts fall on character boundaries.
    let mut run = 0;
    for (i, b) in text.bytes().enumerate() {
        let short = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&text[run..i]);
        if short.is_empty() {
            let _ = write!(out, "\\u{:04x}", b);
        } else {
            out.push_str(short);
        }
        run = i + 1;
    }
    out.push_str(&text[run..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::Json;

    fn string(text: &str) -> String {
        Json::str(text).pretty()
    }

    #[test]
    fn quotes_and_backslashes_are_escaped() {
        assert_eq!(string(r#"say "hi" \ bye"#), r#""say \"hi\" \\ bye""#);
    }

    #[test]
    fn control_characters_use_short_escapes_where_json_has_them() {
        assert_eq!(string("a\nb\rc\td\u{8}e\u{c}"), r#""a\nb\rc\td\be\f""#);
        assert_eq!(string("\u{0}\u{1b}\u{1f}"), r#""\u0000\u001b\u001f""#);
    }

    #[test]
    fn non_ascii_and_delete_are_kept_as_they_are() {
        assert_eq!(string("é ✓ \u{7f} 🐳"), "\"é ✓ \u{7f} 🐳\"");
    }

    #[test]
    fn every_escape_matches_serde_json() {
        let all: String = (0u32..0x80).filter_map(char::from_u32).collect::<String>() + "é\u{2028}";
        assert_eq!(string(&all), serde_json::to_string(&all).unwrap());
    }

    #[test]
    fn nesting_is_indented_by_two_spaces_like_serde_json_pretty() {
        let value = Json::Object(vec![
            ("name", "airlock".into()),
            ("count", 3u32.into()),
            ("empty", Json::Array(vec![])),
            ("none", Json::Object(vec![])),
            ("fix", Json::from(None::<&str>)),
            (
                "list",
                Json::Array(vec![true.into(), Json::Object(vec![("a", Json::Int(-1))])]),
            ),
        ]);
        let expected = serde_json::json!({
            "name": "airlock", "count": 3, "empty": [], "none": {}, "fix": null,
            "list": [true, { "a": -1 }],
        });
        // serde_json's map sorts its keys; compare the text after the same reordering.
        let reparsed: serde_json::Value = serde_json::from_str(&value.pretty()).unwrap();
        assert_eq!(reparsed, expected);
        assert_eq!(
            value.pretty(),
            "{\n  \"name\": \"airlock\",\n  \"count\": 3,\n  \"empty\": [],\n  \"none\": {},\n  \"fix\": null,\n  \"list\": [\n    true,\n    {\n      \"a\": -1\n    }\n  ]\n}"
        );
    }
}

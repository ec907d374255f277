//! The open documents: their text, version and settings, edits applied in the protocol's
//! positions (lines and UTF-16 code units), and the analysis, made once per text.

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

use crate::engine::syntax::{LineIndex, Span};
use crate::engine::{analyze, Analysis, Config};
use crate::view::controls::{byte_to_utf16, utf16_to_byte};

pub struct Document {
    pub text: String,
    pub version: i32,
    pub config: Config,
    analysis: Option<Analysis>,
    /// The text with every fix applied (`fix_all`), made on the first "fix all" code action
    /// of this version: a client asks for code actions at every move of the cursor, and
    /// fixing runs up to ten analyses.
    fixed: Option<String>,
}

impl Document {
    pub fn new(text: String, version: i32, config: Config) -> Self {
        Document {
            text,
            version,
            config,
            analysis: None,
            fixed: None,
        }
    }

    /// The text with every fix applied, under the document's settings.
    pub fn fixed_all(&mut self) -> &str {
        self.fixed
            .get_or_insert_with(|| crate::engine::fix_all(&self.text, &self.config))
    }

    /// The current text and the engine's analysis of it, under the document's settings.
    pub fn analysis(&mut self) -> (&str, &Analysis) {
        let analysis = (self.analysis).get_or_insert_with(|| analyze(&self.text, &self.config));
        (&self.text, analysis)
    }

    /// The text, the analysis and `position` as a byte offset: what a request about one place
    /// starts from.
    pub fn at(&mut self, position: Position) -> (&str, &Analysis, usize) {
        let (text, a) = self.analysis();
        (text, a, offset(text, &a.tree.line_index, position))
    }

    pub fn set_config(&mut self, config: Config) {
        self.config = config;
        self.analysis = None;
        self.fixed = None;
    }

    /// Applies `didChange`'s changes in order: each range is in the text the previous change left.
    pub fn apply(&mut self, version: i32, changes: Vec<TextDocumentContentChangeEvent>) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let index = LineIndex::new(&self.text);
                    let start = offset(&self.text, &index, range.start);
                    let end = offset(&self.text, &index, range.end).max(start);
                    self.text.replace_range(start..end, &change.text);
                }
                None => self.text = change.text,
            }
        }
        self.version = version;
        self.analysis = None;
        self.fixed = None;
    }
}

/// The byte offset of a position; a line past the end is the end of the text, a character past
/// the end of its line is the line's end (as the protocol says).
pub fn offset(text: &str, index: &LineIndex, position: Position) -> usize {
    let Some(start) = index.line_start(position.line.saturating_add(1)) else {
        return text.len();
    };
    let line = &text[start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let line = line.strip_suffix('\r').unwrap_or(line);
    start + utf16_to_byte(line, position.character)
}

/// The position of a byte offset (clamped to the text, and down to a character's start).
pub fn position(text: &str, index: &LineIndex, offset: usize) -> Position {
    let at = index.line_col(text, offset);
    let start = index.line_start(at.line).unwrap_or(0);
    let offset = offset.clamp(start, text.len());
    Position::new(at.line - 1, byte_to_utf16(&text[start..], offset - start))
}

pub fn range(text: &str, index: &LineIndex, span: Span) -> Range {
    Range::new(
        position(text, index, span.start),
        position(text, index, span.end),
    )
}

/// The span of a protocol range.
pub fn span(text: &str, index: &LineIndex, range: Range) -> Span {
    let start = offset(text, index, range.start);
    Span::new(start, offset(text, index, range.end).max(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(
        range: Option<((u32, u32), (u32, u32))>,
        text: &str,
    ) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range
                .map(|((a, b), (c, d))| Range::new(Position::new(a, b), Position::new(c, d))),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn positions_count_utf16_units() {
        // "é" is two bytes and one unit, "😀" four bytes and two units.
        let text = "FROM é😀x\nRUN ok\n";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(position(text, &index, x), Position::new(0, 8));
        assert_eq!(offset(text, &index, Position::new(0, 8)), x);
        assert_eq!(
            offset(text, &index, Position::new(1, 3)),
            text.find(" ok").unwrap()
        );
        // Past the line's end: the line's end; past the last line: the text's end.
        assert_eq!(offset(text, &index, Position::new(0, 99)), x + 1);
        assert_eq!(offset(text, &index, Position::new(9, 0)), text.len());
    }

    #[test]
    fn applies_incremental_changes_in_order_over_non_ascii_text() {
        let mut doc = Document::new("FROM é😀x AS a\nRUN true\n".into(), 1, Config::default());
        doc.apply(
            2,
            vec![
                // Replace "x" (after "é", one unit, and "😀", two) with "yz".
                change(Some(((0, 8), (0, 9))), "yz"),
                // Then insert a line at the start of line 1, in the text the first change left.
                change(Some(((1, 0), (1, 0))), "ENV A=ü\n"),
                // And delete "true" on what is now line 2.
                change(Some(((2, 4), (2, 8))), "false"),
            ],
        );
        assert_eq!(doc.text, "FROM é😀yz AS a\nENV A=ü\nRUN false\n");
        assert_eq!(doc.version, 2);
        doc.apply(3, vec![change(None, "FROM scratch\n")]);
        assert_eq!(doc.text, "FROM scratch\n");
    }

    #[test]
    fn the_fixed_text_is_kept_for_a_version_and_made_again_after_a_change() {
        let text = "FROM alpine:3.20\nRUN apt-get install curl\n";
        let mut doc = Document::new(text.into(), 1, Config::default());
        let first = doc.fixed_all().to_string();
        assert_eq!(first, crate::engine::fix_all(text, &Config::default()));
        assert_ne!(first, text, "the example has a fix");
        doc.apply(2, vec![change(None, "FROM alpine:3.21\n")]);
        assert_eq!(doc.fixed_all(), "FROM alpine:3.21\n");
        doc.apply(3, vec![change(None, text)]);
        doc.set_config(Config {
            rules: crate::engine::rules::RuleConfig {
                disable: vec!["AL236".into()],
                ..Default::default()
            },
            ..Config::default()
        });
        let expected = crate::engine::fix_all(text, &doc.config);
        assert_ne!(expected, first, "without AL236, no `-y`");
        assert_eq!(doc.fixed_all(), expected);
    }

    #[test]
    fn a_range_inside_a_character_or_reversed_never_panics() {
        let mut doc = Document::new("é\n".into(), 1, Config::default());
        doc.apply(2, vec![change(Some(((0, 1), (0, 0))), "x")]);
        doc.apply(3, vec![change(Some(((5, 0), (2, 9))), "y")]);
        assert!(doc.text.starts_with('é'), "{:?}", doc.text);
    }
}

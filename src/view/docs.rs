//! A rule's Markdown docs (`RuleInfo::doc`) as blocks the rules pane draws with Yew elements:
//! headings, paragraphs, bullet lists and code blocks, their text read by `view::markup`. Only
//! the little Markdown the rule docs use; anything else reads as plain text.

use crate::view::markup::inlines;
pub use crate::view::markup::Inline;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// `## Title`: the level (number of `#`) and the text.
    Heading(usize, Vec<Inline>),
    Paragraph(Vec<Inline>),
    /// `- item` lines (an item continues on indented lines).
    List(Vec<Vec<Inline>>),
    /// A fenced block: its language (`dockerfile`, or empty) and its text.
    Code {
        lang: String,
        text: String,
    },
}

/// Splits Markdown into blocks. Never fails: an unclosed fence runs to the end.
pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    // The lines of the paragraph or list item being read.
    let mut para: Vec<&str> = Vec::new();
    let mut items: Vec<Vec<Inline>> = Vec::new();
    let mut item: Option<Vec<&str>> = None;
    let mut lines = markdown.lines();

    fn flush_para(para: &mut Vec<&str>, out: &mut Vec<Block>) {
        if !para.is_empty() {
            out.push(Block::Paragraph(inlines(&para.join(" "))));
            para.clear();
        }
    }
    fn flush_list(
        item: &mut Option<Vec<&str>>,
        items: &mut Vec<Vec<Inline>>,
        out: &mut Vec<Block>,
    ) {
        if let Some(lines) = item.take() {
            items.push(inlines(&lines.join(" ")));
        }
        if !items.is_empty() {
            out.push(Block::List(std::mem::take(items)));
        }
    }

    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if let Some(lang) = trimmed.strip_prefix("```") {
            flush_para(&mut para, &mut out);
            flush_list(&mut item, &mut items, &mut out);
            let mut text = String::new();
            for code in lines.by_ref() {
                if code.trim_start().starts_with("```") {
                    break;
                }
                text.push_str(code);
                text.push('\n');
            }
            out.push(Block::Code {
                lang: lang.trim().to_string(),
                text,
            });
        } else if trimmed.is_empty() {
            flush_para(&mut para, &mut out);
            flush_list(&mut item, &mut items, &mut out);
        } else if let Some(level) = heading_level(trimmed) {
            flush_para(&mut para, &mut out);
            flush_list(&mut item, &mut items, &mut out);
            out.push(Block::Heading(level, inlines(trimmed[level..].trim())));
        } else if let Some(rest) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
        {
            flush_para(&mut para, &mut out);
            if let Some(lines) = item.take() {
                items.push(inlines(&lines.join(" ")));
            }
            item = Some(vec![rest.trim()]);
        } else if let (Some(lines), true) = (item.as_mut(), line.starts_with(' ')) {
            lines.push(trimmed);
        } else {
            flush_list(&mut item, &mut items, &mut out);
            para.push(trimmed);
        }
    }
    flush_para(&mut para, &mut out);
    flush_list(&mut item, &mut items, &mut out);
    out
}

/// `## x` -> 2; not a heading without the space (`#hashtag`).
fn heading_level(line: &str) -> Option<usize> {
    let level = line.bytes().take_while(|&b| b == b'#').count();
    ((1..=6).contains(&level) && line[level..].starts_with(' ')).then_some(level)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::registry::RULES;

    fn text(t: &str) -> Inline {
        Inline::Text(t.to_string())
    }

    #[test]
    fn headings_paragraphs_and_code_blocks() {
        let doc = "## What it does\nChecks the\n`USER`.\n\n## Example\n```dockerfile\nFROM x\nUSER root\n```\n\nUse instead:\n```dockerfile\nUSER 1\n```\n";
        assert_eq!(
            blocks(doc),
            vec![
                Block::Heading(2, vec![text("What it does")]),
                Block::Paragraph(vec![
                    text("Checks the "),
                    Inline::Code("USER".into()),
                    text(".")
                ]),
                Block::Heading(2, vec![text("Example")]),
                Block::Code {
                    lang: "dockerfile".into(),
                    text: "FROM x\nUSER root\n".into()
                },
                Block::Paragraph(vec![text("Use instead:")]),
                Block::Code {
                    lang: "dockerfile".into(),
                    text: "USER 1\n".into()
                },
            ]
        );
    }

    #[test]
    fn list_items_continue_on_indented_lines_and_links_are_recognised() {
        let doc = "## References\n- hadolint: DL3029, <https://example.com/DL3029> (which also\n  reports more)\n- Docker\nAfter.\n";
        assert_eq!(
            blocks(doc),
            vec![
                Block::Heading(2, vec![text("References")]),
                Block::List(vec![
                    vec![
                        text("hadolint: DL3029, "),
                        Inline::Link("https://example.com/DL3029".into()),
                        text(" (which also reports more)"),
                    ],
                    vec![text("Docker")],
                ]),
                Block::Paragraph(vec![text("After.")]),
            ]
        );
    }

    #[test]
    fn unclosed_markup_reads_as_text() {
        assert_eq!(
            blocks("#nospace"),
            vec![Block::Paragraph(vec![text("#nospace")])]
        );
        assert_eq!(
            blocks("```\nopen"),
            vec![Block::Code {
                lang: String::new(),
                text: "open\n".into()
            }]
        );
    }

    #[test]
    fn every_rule_doc_has_its_sections_as_headings_and_two_dockerfile_blocks() {
        for r in RULES {
            let blocks = blocks(&r.doc());
            let headings: Vec<String> = blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Heading(2, t) => match &t[..] {
                        [Inline::Text(t)] => Some(t.clone()),
                        _ => None,
                    },
                    _ => None,
                })
                .collect();
            assert_eq!(
                headings[..3],
                ["What it does", "Why is this bad?", "Example"],
                "{}",
                r.code
            );
            let code = blocks
                .iter()
                .filter(|b| matches!(b, Block::Code { lang, .. } if lang == "dockerfile"))
                .count();
            assert!(code >= 2, "{}", r.code);
        }
    }
}

//! Completion: instruction keywords at a line's start, an instruction's flags after `--`,
//! stage names after `--from=` (and a mount's `from=`), and after `FROM` the images of the
//! built-in size table and the stages above.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit,
    Range, TextEdit, Url,
};

use super::documents::{range, Document};
use crate::engine::size::Table;
use crate::engine::syntax::{flag_names, line_start_of, Kw, Span};
use crate::engine::Analysis;
use crate::view::figure::{mb_text, Unit};

pub fn complete(
    _: &Url,
    doc: &mut Document,
    params: CompletionParams,
) -> Option<CompletionResponse> {
    let (text, a, at) = doc.at(params.text_document_position.position);
    let index = &a.tree.line_index;
    let line_start = line_start_of(text, at);
    let before = &text[line_start..at];
    // The typed word the item replaces, and the items for it.
    let (typed, items) = candidates(a, line_start, before)?;
    let replace = range(text, index, Span::new(at - typed.len(), at));
    Some(CompletionResponse::Array(
        items.into_iter().map(|c| with_edit(c, replace)).collect(),
    ))
}

/// An item and the text it inserts.
type Candidate = (CompletionItem, String);

fn candidates<'t>(
    a: &Analysis,
    line_start: usize,
    before: &'t str,
) -> Option<(&'t str, Vec<Candidate>)> {
    let trimmed = before.trim_start();
    // After the last space of any kind (U+2028 and others are several bytes long).
    let word_start = (before.char_indices().rev())
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let current = &before[word_start..];
    // A continued instruction's later lines do not start with a keyword.
    let continued = a
        .tree
        .instructions
        .iter()
        .any(|i| i.span.start < line_start && line_start < i.span.end);
    if let Some(at) = current.rfind("from=") {
        let typed = &current[at + "from=".len()..];
        if !typed.contains(',') {
            return Some((typed, stages(a, line_start + word_start, typed)));
        }
    }
    if !continued && !trimmed.is_empty() && trimmed == current && !current.starts_with('#') {
        return Some((current, keywords(current)));
    }
    if continued || trimmed.is_empty() {
        return (trimmed.is_empty() && !continued).then(|| (current, keywords("")));
    }
    let mut words = trimmed.split_whitespace();
    let keyword = Kw::from_word(words.next()?);
    let mut args = words.filter(|w| !w.starts_with("--"));
    if let Some(flag) = current.strip_prefix("--").filter(|f| !f.contains('=')) {
        return Some((current, flags(keyword, flag)));
    }
    let first_arg = match args.next() {
        None => true,
        Some(w) => !before.ends_with(char::is_whitespace) && args.next().is_none() && w == current,
    };
    if keyword == Kw::From && first_arg {
        let mut items = stages(a, line_start, current);
        items.extend(images(current));
        return Some((current, items));
    }
    None
}

fn starts_with_ignoring_case(word: &str, typed: &str) -> bool {
    word.len() >= typed.len()
        && word.as_bytes()[..typed.len()].eq_ignore_ascii_case(typed.as_bytes())
}

fn item(label: &str, kind: CompletionItemKind, detail: Option<String>) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail,
        ..CompletionItem::default()
    }
}

fn with_edit((mut item, insert): Candidate, range: Range) -> CompletionItem {
    item.text_edit = Some(CompletionTextEdit::Edit(TextEdit {
        range,
        new_text: insert,
    }));
    item
}

fn keywords(typed: &str) -> Vec<Candidate> {
    Kw::ALL
        .iter()
        .map(|k| k.as_str())
        .filter(|k| starts_with_ignoring_case(k, typed))
        .map(|k| (item(k, CompletionItemKind::KEYWORD, None), format!("{k} ")))
        .collect()
}

fn flags(keyword: Kw, typed: &str) -> Vec<Candidate> {
    flag_names(keyword)
        .filter(|(name, _)| name.starts_with(typed))
        .map(|(name, value)| {
            let insert = if value {
                format!("--{name}=")
            } else {
                format!("--{name}")
            };
            (
                item(&format!("--{name}"), CompletionItemKind::PROPERTY, None),
                insert,
            )
        })
        .collect()
}

/// The named stages above the one that holds `at` (a stage can only use the ones above it).
fn stages(a: &Analysis, at: usize, typed: &str) -> Vec<Candidate> {
    a.graph
        .stages
        .iter()
        .filter(|s| s.from_span.end <= at && !(s.from_span.start <= at && at <= s.span.end))
        .filter_map(|s| Some((s, s.name.as_deref()?)))
        .filter(|(_, name)| starts_with_ignoring_case(name, typed))
        .map(|(s, name)| {
            let detail = format!(
                "stage {} · {} · FROM {}",
                s.index,
                s.role.as_str(),
                s.base_written
            );
            (
                item(name, CompletionItemKind::MODULE, Some(detail)),
                name.to_string(),
            )
        })
        .collect()
}

fn images(typed: &str) -> Vec<Candidate> {
    let table = Table::builtin();
    let mut out: Vec<Candidate> = Vec::new();
    for row in &table.images {
        for pattern in row
            .patterns
            .iter()
            .filter(|p| starts_with_ignoring_case(p, typed))
        {
            if out.iter().any(|(i, _)| &i.label == pattern) {
                continue;
            }
            let size = row
                .uncompressed_mb
                .or(row.compressed_mb)
                .map_or("size not stated".into(), |mb| mb_text(mb, Unit::Auto));
            let detail = format!("{size} · {}", row.role);
            (out).push((
                item(pattern, CompletionItemKind::VALUE, Some(detail)),
                pattern.clone(),
            ));
        }
    }
    out
}

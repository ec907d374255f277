//! Hover: a finding's rule docs (what `airlock explain` prints), a stage's role and why, what
//! a `COPY --from` or `RUN --mount=from=` brings in, and a base image's size from the built-in
//! table with its source.

use std::fmt::Write as _;

use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind, Url};

use super::documents::{range, Document};
use super::navigation::{from_words, instruction_at};
use crate::cli::check_view::explain;
use crate::engine::graph::{Base, EdgeKind, NodeRef, Stage};
use crate::engine::size::{lookup, Table};
use crate::engine::syntax::Span;
use crate::engine::{rules, Analysis};
use crate::view::figure::{mb_text, Unit};

pub fn hover(_: &Url, doc: &mut Document, params: HoverParams) -> Option<Hover> {
    let (text, a, at) = doc.at(params.text_document_position_params.position);
    let index = &a.tree.line_index;
    // The most precise first: the word, then the findings there, then the instruction.
    let parts: Vec<(String, Span)> = [stage_or_image(a, at), rule_docs(a, at), crossing(a, at)]
        .into_iter()
        .flatten()
        .collect();
    let span = parts.first()?.1;
    let value = (parts.into_iter().map(|p| p.0))
        .collect::<Vec<_>>()
        .join("\n---\n\n");
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(range(text, index, span)),
    })
}

/// The docs of the rules whose findings cover `at`.
fn rule_docs(a: &Analysis, at: usize) -> Option<(String, Span)> {
    let mut codes: Vec<&str> = Vec::new();
    let mut span: Option<Span> = None;
    for f in a
        .findings
        .iter()
        .filter(|f| f.span.start <= at && at < f.span.end.max(f.span.start + 1))
    {
        if !codes.contains(&f.code) {
            codes.push(f.code);
        }
        span = Some(span.map_or(f.span, |s| s.cover(f.span)));
    }
    let docs: Vec<String> = codes
        .iter()
        .filter_map(|c| rules::find(c))
        .map(explain)
        .collect();
    (!docs.is_empty()).then(|| (docs.join("\n---\n\n"), span.unwrap_or_default()))
}

/// On a FROM's stage name: the stage's role and its evidence; on its image: the image's size,
/// or the role of the stage it names.
fn stage_or_image(a: &Analysis, at: usize) -> Option<(String, Span)> {
    let stage = a.graph.stages.iter().find(|s| s.from_span.contains(at))?;
    let (image, name) = from_words(a, stage);
    if let Some(name) = name.filter(|n| n.contains(at) || n.end == at) {
        return Some((role(stage), name));
    }
    let image = image.filter(|w| w.contains(at) || w.end == at)?;
    match &stage.base {
        Base::Stage { index } => Some((role(&a.graph.stages[*index]), image)),
        Base::Image {
            image: reference, ..
        } => {
            let table = Table::builtin();
            let mut out = format!("**{}**\n\n", reference.raw);
            match lookup(table, reference) {
                Ok(found) => {
                    let row = &table.images[found.row];
                    let figure = |mb: Option<f64>| {
                        mb.map_or("not stated".into(), |mb| mb_text(mb, Unit::Auto))
                    };
                    let _ = writeln!(
                        out,
                        "Size (built-in table, row `{}`): {} uncompressed, {} compressed\n",
                        found.pattern,
                        figure(row.uncompressed_mb),
                        figure(row.compressed_mb)
                    );
                    if let Some(why) = &found.approximate {
                        let _ = writeln!(out, "Approximate: {why}\n");
                    }
                    let _ = writeln!(out, "Source: {} ({})", row.source, row.date);
                    if !row.note.is_empty() {
                        let _ = writeln!(out, "\n{}", row.note);
                    }
                }
                Err(miss) => {
                    let _ = writeln!(out, "Not in the built-in size table: {}", miss.reason);
                }
            }
            Some((out, image))
        }
        Base::Scratch => Some(("`scratch`: an empty filesystem, 0 MB".into(), image)),
        Base::Missing => None,
    }
}

fn role(stage: &Stage) -> String {
    let mut out = format!(
        "**Stage `{}`**: role **{}**{}\n",
        stage.label(),
        stage.role.as_str(),
        if stage.ships {
            ", ships in the image built"
        } else {
            ""
        }
    );
    for why in &stage.evidence {
        let _ = writeln!(out, "- {why}");
    }
    out
}

/// On an instruction that copies or mounts from another stage or image: what crosses.
fn crossing(a: &Analysis, at: usize) -> Option<(String, Span)> {
    let i = instruction_at(a, at)?;
    let mut out = String::new();
    for e in a
        .graph
        .edges
        .iter()
        .filter(|e| e.instruction == i && e.kind != EdgeKind::From)
    {
        let from = match e.from {
            NodeRef::Stage(s) => {
                let s = &a.graph.stages[s];
                format!("stage `{}` ({})", s.label(), s.role.as_str())
            }
            NodeRef::Image(m) => format!("image `{}`", a.graph.images[m].image.name()),
        };
        let verb = if e.kind == EdgeKind::Mount {
            "Mounts from"
        } else {
            "Copies from"
        };
        let _ = writeln!(out, "{verb} {from}:\n");
        let dest = e
            .dest_resolved
            .as_deref()
            .or(e.dest.as_deref())
            .unwrap_or("?");
        for path in &e.paths {
            let _ = writeln!(out, "- `{path}` → `{dest}`");
        }
    }
    (!out.is_empty()).then(|| (out, a.tree.instructions[i].span))
}

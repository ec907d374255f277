//! Graphviz DOT for the stage graph.

use std::fmt::Write;

use super::{node_id, role_colors, stage_label, tip};
use crate::engine::graph::{EdgeKind, Graph, NodeRef};
use crate::render::layout::artifact_text;

/// Escapes text for a double-quoted DOT string (newlines become `\n` line breaks).
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn render(graph: &Graph) -> String {
    let mut out = String::from("digraph airlock {\n  rankdir=LR;\n  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n");
    for img in &graph.images {
        let _ = writeln!(
            out,
            "  {} [label={}, shape=cylinder, style=\"filled,dashed\", fillcolor=\"#f9fafb\"];",
            node_id(NodeRef::Image(img.index)),
            quote(&tip(&img.image.raw))
        );
    }
    for s in &graph.stages {
        let (border, fill) = role_colors(s.role);
        let target = graph.target == Some(s.index);
        let label = stage_label(graph, s);
        let mut attrs = format!(
            "label={}, color=\"{border}\", fillcolor=\"{fill}\"",
            quote(&label)
        );
        if target {
            attrs.push_str(", penwidth=3");
        }
        if !s.reachable {
            attrs.push_str(", style=\"rounded,filled,dashed\", fontcolor=\"#6b7280\"");
        }
        let _ = writeln!(out, "  {} [{attrs}];", node_id(NodeRef::Stage(s.index)));
    }
    for (i, e) in graph.edges.iter().enumerate() {
        let style = match e.kind {
            EdgeKind::From => "style=bold, arrowhead=empty",
            EdgeKind::Copy => "style=solid",
            EdgeKind::Mount => "style=dashed",
        };
        let _ = writeln!(
            out,
            "  {} -> {} [label={}, {style}];",
            node_id(e.from),
            node_id(NodeRef::Stage(e.to)),
            quote(&artifact_text(graph, i))
        );
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_escaped() {
        assert_eq!(quote("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
    }
}

//! Mermaid flowchart for the stage graph.

use std::fmt::Write;

use super::{node_id, role_colors, stage_label, tip};
use crate::engine::graph::{EdgeKind, Graph, NodeRef, Role};
use crate::render::layout::artifact_text;

/// Text inside a quoted Mermaid label: entity codes for what Mermaid would read as syntax.
fn label(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '#' => out.push_str("#35;"),
            '|' => out.push_str("#124;"),
            '\n' => out.push_str("<br/>"),
            c => out.push(c),
        }
    }
    out
}

pub fn render(graph: &Graph) -> String {
    let mut out = String::from("flowchart LR\n");
    for img in &graph.images {
        let _ = writeln!(
            out,
            "  {}[(\"{}\")]",
            node_id(NodeRef::Image(img.index)),
            label(&tip(&img.image.raw))
        );
    }
    for s in &graph.stages {
        let text = stage_label(graph, s);
        let _ = writeln!(
            out,
            "  {}[\"{}\"]",
            node_id(NodeRef::Stage(s.index)),
            label(&text)
        );
    }
    for (i, e) in graph.edges.iter().enumerate() {
        let arrow = match e.kind {
            EdgeKind::From => "==>",
            EdgeKind::Copy => "-->",
            EdgeKind::Mount => "-.->",
        };
        let _ = writeln!(
            out,
            "  {} {arrow}|\"{}\"| {}",
            node_id(e.from),
            label(&artifact_text(graph, i)),
            node_id(NodeRef::Stage(e.to))
        );
    }
    for role in Role::ALL {
        let (border, fill) = role_colors(role);
        let _ = writeln!(
            out,
            "  classDef {} fill:{fill},stroke:{border},color:#111827",
            role.as_str()
        );
        let members: Vec<String> = graph
            .stages
            .iter()
            .filter(|s| s.role == role)
            .map(|s| node_id(NodeRef::Stage(s.index)))
            .collect();
        if !members.is_empty() {
            let _ = writeln!(out, "  class {} {}", members.join(","), role.as_str());
        }
    }
    if let Some(t) = graph.target {
        let _ = writeln!(
            out,
            "  style {} stroke-width:3px",
            node_id(NodeRef::Stage(t))
        );
    }
    for s in graph.stages.iter().filter(|s| !s.reachable) {
        let _ = writeln!(
            out,
            "  style {} stroke-dasharray:4 3,opacity:0.6",
            node_id(NodeRef::Stage(s.index))
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_escape_mermaid_syntax() {
        assert_eq!(label("a\"b<c>|#\nd"), "a#quot;b#lt;c#gt;#124;#35;<br/>d");
    }
}

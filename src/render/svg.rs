//! A standalone SVG picture of the stage graph (CLI `--format svg` and the playground's export).
//! The playground draws the same layout with live elements; this is its static twin.

use std::fmt::Write;

use super::layout::{layout, NodeBox};
use super::{base_text, class_word, clip, role_colors, stage_title, tip};
use crate::engine::graph::{EdgeKind, Graph, NodeRef, Role};
use crate::engine::number::Fixed;

/// Escapes text for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub fn render(graph: &Graph) -> String {
    let l = layout(graph);
    let (w, h) = (l.width.max(760.0), l.height.max(90.0) + 40.0);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" font-family=\"system-ui, sans-serif\" font-size=\"12\">",
        w = Fixed(w, 0),
        h = Fixed(h, 0)
    );
    out.push_str("<title>airlock stage graph</title>\n");
    out.push_str("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"10\" markerHeight=\"10\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#374151\"/></marker></defs>\n");
    out.push_str("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    for line in &l.edges {
        let dash = match line.kind {
            EdgeKind::Mount => " stroke-dasharray=\"6 4\"",
            _ => "",
        };
        let width = if line.kind == EdgeKind::From {
            "3"
        } else {
            "1.5"
        };
        let _ = writeln!(
            out,
            "<g class=\"edge\"><title>{}</title><path d=\"{}\" fill=\"none\" stroke=\"#374151\" stroke-width=\"{width}\"{dash} marker-end=\"url(#arrow)\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#111827\" paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"4\">{}</text></g>",
            escape(&tip(&line.full_label)),
            line.path,
            Fixed(line.label_x, 1),
            Fixed(line.label_y, 1),
            escape(&line.label)
        );
    }
    for node in &l.nodes {
        node_svg(&mut out, graph, node, graph.target);
    }
    legend(&mut out, h - 28.0);
    out.push_str("</svg>\n");
    out
}

fn node_svg(out: &mut String, graph: &Graph, b: &NodeBox, target: Option<usize>) {
    match b.node {
        NodeRef::Image(i) => {
            let img = &graph.images[i];
            let _ = writeln!(
                out,
                "<g class=\"image\"><title>{} ({})</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"18\" fill=\"#f9fafb\" stroke=\"#6b7280\" stroke-dasharray=\"5 3\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#111827\">{}</text><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#4b5563\" font-size=\"10\">external {}</text></g>",
                escape(&tip(&img.image.raw)),
                escape(&tip(&img.class.reason)),
                Fixed(b.x, 1),
                Fixed(b.y, 1),
                Fixed(b.w, 1),
                Fixed(b.h, 1),
                Fixed(b.x + b.w / 2.0, 1),
                Fixed(b.y + 18.0, 1),
                escape(&clip(&img.image.raw, 30)),
                Fixed(b.x + b.w / 2.0, 1),
                Fixed(b.y + 33.0, 1),
                class_word(img.class.class)
            );
        }
        NodeRef::Stage(i) => {
            let s = &graph.stages[i];
            let (border, fill) = role_colors(s.role);
            let is_target = target == Some(i);
            let opacity = if s.reachable { "1" } else { "0.45" };
            let stroke = if is_target { 3 } else { 1 };
            let title = format!(
                "{}{}",
                stage_title(s),
                if is_target { " ◎ target" } else { "" }
            );
            let _ = writeln!(
                out,
                "<g class=\"stage\" opacity=\"{opacity}\"><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\" fill=\"{fill}\" stroke=\"{border}\" stroke-width=\"{stroke}\"/><text x=\"{}\" y=\"{}\" font-weight=\"600\" fill=\"#111827\">{}</text><text x=\"{}\" y=\"{}\" fill=\"#374151\" font-size=\"11\">{}</text><text x=\"{}\" y=\"{}\" fill=\"{border}\" font-size=\"10\" font-weight=\"600\">{}</text></g>",
                escape(
                    &s.evidence
                        .iter()
                        .map(|why| tip(why))
                        .collect::<Vec<_>>()
                        .join("\n")
                ),
                Fixed(b.x, 1),
                Fixed(b.y, 1),
                Fixed(b.w, 1),
                Fixed(b.h, 1),
                Fixed(b.x + 10.0, 1),
                Fixed(b.y + 20.0, 1),
                escape(&clip(&title, 30)),
                Fixed(b.x + 10.0, 1),
                Fixed(b.y + 38.0, 1),
                escape(&clip(&base_text(graph, s), 32)),
                Fixed(b.x + 10.0, 1),
                Fixed(b.y + 56.0, 1),
                s.role.as_str().to_ascii_uppercase()
            );
        }
    }
}

fn legend(out: &mut String, y: f64) {
    let mut x = 24.0;
    for role in Role::ALL {
        let (border, fill) = role_colors(role);
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"14\" rx=\"3\" fill=\"{fill}\" stroke=\"{border}\"/><text x=\"{}\" y=\"{}\" fill=\"#111827\">{}</text>",
            Fixed(x, 0),
            Fixed(y, 0),
            Fixed(x + 20.0, 0),
            Fixed(y + 11.0, 0),
            role.as_str()
        );
        x += 84.0;
    }
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" fill=\"#4b5563\">solid: COPY --from · bold: FROM stage · dashed: RUN --mount</text>",
        Fixed(x, 0),
        Fixed(y + 11.0, 0)
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{analyze, Config};

    #[test]
    fn user_text_is_escaped() {
        let a = analyze(
            "FROM alpine AS b\nFROM scratch\nCOPY --from=b \"/a<b>&c\" /d\n",
            &Config::default(),
        );
        let svg = render(&a.graph);
        assert!(svg.contains("/a&lt;b&gt;&amp;c"));
        assert!(!svg.contains("<b>"));
    }
}

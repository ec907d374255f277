//! What the graph pane draws, as plain data: each node's and edge's text (clipped to its box),
//! accessible name and tooltip, the details panel, and which stage the editor's caret is in.
//! Pure, so `cargo test` covers it on every target; the components only turn it into SVG.

use crate::engine::graph::{EdgeKind, Graph, NodeRef, Role};
use crate::engine::syntax::Span;
use crate::engine::Analysis;
use crate::render::layout::{artifact_text, Layout};
use crate::render::{base_text, class_word, clip, stage_title, tip};

/// Characters that fit on a row of a node box (monospace, at the sizes set in style.css).
pub const TITLE_CHARS: usize = 23;
pub const BASE_CHARS: usize = 28;
pub const IMAGE_CHARS: usize = 26;

/// What the user picked in the graph: a node, or an edge (by its first index in `Graph::edges`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selection {
    Node(NodeRef),
    Edge(usize),
}

impl Selection {
    /// Whether the selection still names something in `graph`.
    pub fn exists(self, graph: &Graph) -> bool {
        match self {
            Selection::Node(NodeRef::Stage(i)) => i < graph.stages.len(),
            Selection::Node(NodeRef::Image(i)) => i < graph.images.len(),
            Selection::Edge(i) => i < graph.edges.len(),
        }
    }

    /// The source text it stands for, selected in the editor: a stage's FROM instruction, an
    /// edge's instruction, the first instruction that takes from an external image.
    pub fn source(self, graph: &Graph) -> Option<Span> {
        match self {
            Selection::Node(NodeRef::Stage(i)) => graph.stages.get(i).map(|s| s.from_span),
            Selection::Node(image @ NodeRef::Image(_)) => {
                graph.edges.iter().find(|e| e.from == image).map(|e| e.span)
            }
            Selection::Edge(i) => graph.edges.get(i).map(|e| e.span),
        }
    }

    /// Whether a caret at `offset` is still inside what the selection stands for; moving the
    /// caret elsewhere ends the selection.
    pub fn contains(self, graph: &Graph, offset: usize) -> bool {
        let within = |span: Span| span.start <= offset && offset <= span.end;
        match self {
            Selection::Node(NodeRef::Stage(i)) => stage_at(graph, offset) == Some(i),
            Selection::Node(image @ NodeRef::Image(_)) => graph
                .edges
                .iter()
                .any(|e| e.from == image && within(e.span)),
            Selection::Edge(i) => graph.edges.get(i).is_some_and(|e| within(e.span)),
        }
    }
}

/// The stage whose lines hold byte `offset`: the last stage whose FROM starts at or before it,
/// so the blank and comment lines after a stage count as its own. `None` before the first FROM.
pub fn stage_at(graph: &Graph, offset: usize) -> Option<usize> {
    let after = graph
        .stages
        .partition_point(|s| s.from_span.start <= offset);
    after.checked_sub(1)
}

/// A node as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeView {
    pub node: NodeRef,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    /// First row: the stage's name or the image reference, clipped.
    pub title: String,
    /// Second row: the stage's base, or the image's class, clipped.
    pub subtitle: String,
    /// `None` for an external image.
    pub role: Option<Role>,
    pub target: bool,
    pub reachable: bool,
    /// The accessible name, complete.
    pub label: String,
    /// The hover text, complete (role evidence included).
    pub tooltip: String,
}

/// An edge as drawn: every graph edge of one kind between the same two nodes.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeView {
    /// Indices into `Graph::edges`; the first one stands for the line when it is selected.
    pub edges: Vec<usize>,
    pub from: NodeRef,
    pub to: NodeRef,
    pub kind: EdgeKind,
    pub path: String,
    pub label: String,
    pub label_x: f64,
    pub label_y: f64,
    pub label_accessible: String,
    /// Every artifact, one per line.
    pub tooltip: String,
}

impl EdgeView {
    pub fn selection(&self) -> Selection {
        Selection::Edge(self.edges.first().copied().unwrap_or_default())
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct GraphView {
    pub width: f64,
    pub height: f64,
    pub nodes: Vec<NodeView>,
    pub edges: Vec<EdgeView>,
}

/// A node's element id in the playground's drawing: `stage-2`, `image-0`.
pub fn node_id(node: NodeRef) -> String {
    match node {
        NodeRef::Stage(i) => format!("stage-{i}"),
        NodeRef::Image(i) => format!("image-{i}"),
    }
}

/// A node's name in sentences: the stage's title or the image as written.
pub fn node_name(graph: &Graph, node: NodeRef) -> String {
    match node {
        NodeRef::Stage(i) => graph.stages.get(i).map(stage_title).unwrap_or_default(),
        NodeRef::Image(i) => graph
            .images
            .get(i)
            .map(|img| tip(&img.image.raw))
            .unwrap_or_default(),
    }
}

/// How the instruction that makes edge `i` is spelled: `COPY`, `ADD`, `RUN --mount` or `FROM`.
pub fn edge_word(analysis: &Analysis, i: usize) -> &'static str {
    let Some(edge) = analysis.graph.edges.get(i) else {
        return "";
    };
    match edge.kind {
        EdgeKind::From => "FROM",
        EdgeKind::Mount => "RUN --mount",
        EdgeKind::Copy => analysis
            .tree
            .instructions
            .get(edge.instruction)
            .map_or("COPY", |ins| ins.keyword.kind.as_str()),
    }
}

pub fn graph_view(analysis: &Analysis, layout: &Layout) -> GraphView {
    let graph = &analysis.graph;
    let nodes = layout
        .nodes
        .iter()
        .map(|b| {
            let mut view = NodeView {
                node: b.node,
                x: b.x,
                y: b.y,
                w: b.w,
                h: b.h,
                title: String::new(),
                subtitle: String::new(),
                role: None,
                target: false,
                reachable: true,
                label: String::new(),
                tooltip: String::new(),
            };
            match b.node {
                NodeRef::Stage(i) => {
                    let s = &graph.stages[i];
                    let title = stage_title(s);
                    let full_base = base_text(graph, s);
                    let base = tip(&full_base);
                    view.target = graph.target == Some(i);
                    view.reachable = s.reachable;
                    view.role = Some(s.role);
                    view.title = clip(&title, TITLE_CHARS);
                    view.subtitle = clip(&full_base, BASE_CHARS);
                    let mut status = String::new();
                    if view.target {
                        status.push_str(", the target");
                    } else if !s.reachable {
                        status.push_str(", not built for the target");
                    }
                    view.label = format!(
                        "Stage {title}, {} role, base {base}{status}",
                        s.role.as_str()
                    );
                    view.tooltip = format!("{title}\nbase: {base}\nrole: {}", s.role.as_str());
                    for why in &s.evidence {
                        view.tooltip.push_str("\n  · ");
                        view.tooltip.push_str(&tip(why));
                    }
                }
                NodeRef::Image(i) => {
                    let img = &graph.images[i];
                    let word = class_word(img.class.class);
                    view.title = clip(&img.image.raw, IMAGE_CHARS);
                    view.subtitle = format!("external {word}");
                    let name = tip(&img.image.raw);
                    view.label = format!("External image {name}, {word}");
                    view.tooltip = format!("{name}\n{}", tip(&img.class.reason));
                }
            }
            view
        })
        .collect();
    let edges = layout
        .edges
        .iter()
        .map(|line| {
            let first = line.edges.first().copied().unwrap_or_default();
            let label_accessible = format!(
                "{} from {} to {}: {}",
                edge_word(analysis, first),
                node_name(graph, line.from),
                node_name(graph, NodeRef::Stage(line.to)),
                tip(&line.full_label.replace('\n', "; "))
            );
            EdgeView {
                edges: line.edges.clone(),
                from: line.from,
                to: NodeRef::Stage(line.to),
                kind: line.kind,
                path: line.path.clone(),
                label: line.label.clone(),
                label_x: line.label_x,
                label_y: line.label_y,
                label_accessible,
                tooltip: line.full_label.clone(),
            }
        })
        .collect();
    GraphView {
        width: layout.width,
        height: layout.height,
        nodes,
        edges,
    }
}

/// What lights up when `item` is selected or pointed at, by index into [`GraphView::nodes`] and
/// [`GraphView::edges`]: a node with every line into or out of it and the nodes at their other
/// ends; a line with its two ends. The rest of the drawing is dimmed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lit {
    pub nodes: Vec<bool>,
    pub edges: Vec<bool>,
}

pub fn lit(view: &GraphView, item: Selection) -> Lit {
    let edges: Vec<bool> = view
        .edges
        .iter()
        .map(|e| match item {
            Selection::Node(n) => e.from == n || e.to == n,
            Selection::Edge(i) => e.edges.contains(&i),
        })
        .collect();
    let nodes = view
        .nodes
        .iter()
        .map(|n| {
            item == Selection::Node(n.node)
                || view
                    .edges
                    .iter()
                    .zip(&edges)
                    .any(|(e, &on)| on && (e.from == n.node || e.to == n.node))
        })
        .collect();
    Lit { nodes, edges }
}

/// The details panel under the graph: a heading, facts, and lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Details {
    pub heading: String,
    pub facts: Vec<(&'static str, String)>,
    pub lists: Vec<(&'static str, Vec<String>)>,
}

fn lines_text(analysis: &Analysis, span: Span) -> String {
    match analysis.tree.lines(span) {
        (a, b) if a == b => format!("line {a}"),
        (a, b) => format!("lines {a}–{b}"),
    }
}

/// One edge as a sentence for the details lists: `builder: /out/server → /bin/server (line 23)`.
fn edge_row(analysis: &Analysis, i: usize, other: NodeRef) -> String {
    let e = &analysis.graph.edges[i];
    format!(
        "{} {}: {} ({})",
        edge_word(analysis, i),
        node_name(&analysis.graph, other),
        artifact_text(&analysis.graph, i),
        lines_text(analysis, e.span)
    )
}

pub fn details(analysis: &Analysis, item: Selection) -> Option<Details> {
    let graph = &analysis.graph;
    if !item.exists(graph) {
        return None;
    }
    Some(match item {
        Selection::Node(NodeRef::Stage(i)) => {
            let s = &graph.stages[i];
            let base = base_text(graph, s);
            let mut facts = vec![("Role", s.role.as_str().to_string())];
            if !s.base_written.is_empty() && s.base_written != base {
                facts.push(("Base", format!("{base} (written {})", s.base_written)));
            } else {
                facts.push(("Base", base));
            }
            if let Some(p) = &s.platform {
                facts.push(("Platform", p.clone()));
            }
            facts.push(("Source", lines_text(analysis, s.span)));
            let status = if graph.target == Some(i) {
                "the target"
            } else if s.reachable {
                "built: the target needs it"
            } else {
                "not built: the target does not need it"
            };
            facts.push(("Build", status.to_string()));
            let into: Vec<String> = (0..graph.edges.len())
                .filter(|&e| graph.edges[e].to == i)
                .map(|e| edge_row(analysis, e, graph.edges[e].from))
                .collect();
            let out: Vec<String> = (0..graph.edges.len())
                .filter(|&e| graph.edges[e].from == NodeRef::Stage(i))
                .map(|e| edge_row(analysis, e, NodeRef::Stage(graph.edges[e].to)))
                .collect();
            let mut lists = vec![("Why this role", s.evidence.clone())];
            if !into.is_empty() {
                lists.push(("Takes from", into));
            }
            if !out.is_empty() {
                lists.push(("Gives to", out));
            }
            Details {
                heading: match &s.name {
                    Some(name) => format!("Stage {name}"),
                    None => format!("Stage {}", s.index),
                },
                facts,
                lists,
            }
        }
        Selection::Node(image @ NodeRef::Image(i)) => {
            let img = &graph.images[i];
            let users = (0..graph.edges.len())
                .filter(|&e| graph.edges[e].from == image)
                .map(|e| edge_row(analysis, e, NodeRef::Stage(graph.edges[e].to)))
                .collect();
            Details {
                heading: format!("External image {}", img.image.raw),
                facts: vec![
                    ("Kind", class_word(img.class.class).to_string()),
                    ("Why", img.class.reason.clone()),
                ],
                lists: vec![("Used by", users)],
            }
        }
        Selection::Edge(i) => {
            let e = &graph.edges[i];
            // The drawn line stands for every edge of its kind between the same two nodes.
            let group: Vec<usize> = (0..graph.edges.len())
                .filter(|&j| {
                    let o = &graph.edges[j];
                    o.from == e.from && o.to == e.to && o.kind == e.kind
                })
                .collect();
            let mut facts = vec![
                ("From", node_name(graph, e.from)),
                ("To", node_name(graph, NodeRef::Stage(e.to))),
                ("Source", lines_text(analysis, e.span)),
            ];
            if let Some(v) = &e.chmod {
                facts.push(("--chmod", v.clone()));
            }
            if let Some(v) = &e.chown {
                facts.push(("--chown", v.clone()));
            }
            let flags: Vec<&str> = [(e.link, "--link"), (e.parents, "--parents")]
                .iter()
                .filter(|(on, _)| *on)
                .map(|(_, f)| *f)
                .collect();
            if !flags.is_empty() {
                facts.push(("Flags", flags.join(" ")));
            }
            if !e.exclude.is_empty() {
                facts.push(("--exclude", e.exclude.join(" ")));
            }
            let artifacts = group
                .iter()
                .map(|&j| {
                    format!(
                        "{} ({})",
                        artifact_text(graph, j),
                        lines_text(analysis, graph.edges[j].span)
                    )
                })
                .collect();
            Details {
                heading: format!(
                    "{} {} → {}",
                    edge_word(analysis, i),
                    node_name(graph, e.from),
                    node_name(graph, NodeRef::Stage(e.to))
                ),
                facts,
                lists: vec![("Artifacts", artifacts)],
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{analyze, Config};
    use crate::render::layout::layout;

    const EXAMPLE: &str = include_str!("../../static/examples/go-distroless.Dockerfile");

    fn view(text: &str) -> (Analysis, GraphView) {
        let analysis = analyze(text, &Config::default());
        let view = graph_view(&analysis, &layout(&analysis.graph));
        (analysis, view)
    }

    fn at(text: &str, needle: &str) -> usize {
        text.find(needle).expect("the needle is in the text")
    }

    #[test]
    fn the_caret_before_the_first_from_is_in_no_stage() {
        let (a, _) = view(EXAMPLE);
        assert_eq!(stage_at(&a.graph, at(EXAMPLE, "ARG GO_VERSION")), None);
    }

    #[test]
    fn the_caret_inside_a_stage_finds_that_stage() {
        let (a, _) = view(EXAMPLE);
        assert_eq!(stage_at(&a.graph, at(EXAMPLE, "WORKDIR /src")), Some(0));
        assert_eq!(stage_at(&a.graph, at(EXAMPLE, "go test")), Some(1));
        assert_eq!(stage_at(&a.graph, EXAMPLE.len()), Some(2));
    }

    #[test]
    fn the_blank_line_after_a_stage_belongs_to_it() {
        let (a, _) = view(EXAMPLE);
        let blank = at(EXAMPLE, "\n\nFROM builder") + 1;
        assert_eq!(stage_at(&a.graph, blank), Some(0));
    }

    #[test]
    fn a_stage_selects_its_from_instruction() {
        let (a, _) = view(EXAMPLE);
        let span = Selection::Node(NodeRef::Stage(2))
            .source(&a.graph)
            .unwrap_or_default();
        assert!(EXAMPLE[span.start..span.end].starts_with("FROM gcr.io/distroless"));
    }

    #[test]
    fn an_edge_selects_its_copy_instruction() {
        let (a, view) = view(EXAMPLE);
        let copy = view
            .edges
            .iter()
            .find(|e| e.kind == EdgeKind::Copy)
            .map(EdgeView::selection)
            .and_then(|s| s.source(&a.graph))
            .unwrap_or_default();
        assert!(EXAMPLE[copy.start..copy.end].starts_with("COPY --from=builder"));
    }

    #[test]
    fn a_selection_ends_when_the_caret_leaves_it() {
        let (a, _) = view(EXAMPLE);
        let prod = Selection::Node(NodeRef::Stage(2));
        assert!(prod.contains(&a.graph, at(EXAMPLE, "USER 65532")));
        assert!(!prod.contains(&a.graph, at(EXAMPLE, "WORKDIR /src")));
        assert!(!Selection::Edge(99).contains(&a.graph, 0));
    }

    #[test]
    fn an_external_image_selects_the_instruction_that_uses_it() {
        let text = "FROM alpine\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n";
        let (a, _) = view(text);
        let image = Selection::Node(NodeRef::Image(0));
        let span = image.source(&a.graph).unwrap_or_default();
        assert!(text[span.start..span.end].starts_with("COPY --from=nginx"));
        assert!(image.contains(&a.graph, at(text, "/etc/nginx")));
    }

    #[test]
    fn the_example_draws_three_stages_with_their_roles_and_the_target() {
        let (_, view) = view(EXAMPLE);
        let stages: Vec<_> = view
            .nodes
            .iter()
            .filter_map(|n| Some((n.title.as_str(), n.role?.as_str(), n.target)))
            .collect();
        assert_eq!(stages.len(), 3);
        assert!(stages.contains(&("builder", "builder", false)));
        assert!(stages.contains(&("prod", "prod", true)));
    }

    #[test]
    fn node_text_is_clipped_to_the_box_but_the_accessible_name_is_whole() {
        let long = "a-very-long-stage-name-that-cannot-fit-in-a-box";
        let (_, view) = view(&format!("FROM alpine AS {long}\n"));
        let node = &view.nodes[0];
        assert_eq!(node.title.chars().count(), TITLE_CHARS);
        assert!(node.title.ends_with('…'));
        assert!(node.label.contains(long), "{}", node.label);
    }

    #[test]
    fn the_copy_edge_is_labelled_with_its_artifact_and_named_in_words() {
        let (_, view) = view(EXAMPLE);
        let copy = view
            .edges
            .iter()
            .find(|e| e.kind == EdgeKind::Copy)
            .cloned();
        let copy = copy.expect("the example copies from builder");
        assert_eq!(copy.label, "/out/server");
        assert_eq!(
            copy.label_accessible,
            "COPY from builder to prod: /out/server → /usr/local/bin/server"
        );
    }

    #[test]
    fn stage_details_give_role_evidence_base_and_edges() {
        let (a, _) = view(EXAMPLE);
        let d = details(&a, Selection::Node(NodeRef::Stage(0))).expect("stage 0 exists");
        assert_eq!(d.heading, "Stage builder");
        assert!(d.facts.contains(&("Role", "builder".to_string())));
        let base = d.facts.iter().find(|(k, _)| *k == "Base").map(|(_, v)| v);
        assert_eq!(
            base.map(String::as_str),
            Some("golang:1.23-bookworm (written golang:${GO_VERSION}-bookworm)")
        );
        let why = &d.lists[0];
        assert_eq!(why.0, "Why this role");
        assert!(!why.1.is_empty());
        let gives: Vec<_> = d.lists.iter().filter(|(k, _)| *k == "Gives to").collect();
        assert!(gives[0]
            .1
            .iter()
            .any(|row| row.starts_with("COPY prod: /out/server")));
    }

    #[test]
    fn edge_details_list_every_artifact_of_the_line() {
        let text =
            "FROM alpine AS b\nFROM scratch\nCOPY --from=b /a /x\nCOPY --link --from=b /b /y\n";
        let (a, _) = view(text);
        let d = details(&a, Selection::Edge(0)).expect("edge 0 exists");
        assert_eq!(d.heading, "COPY b → stage 1");
        assert_eq!(d.lists[0].1, ["/a → /x (line 3)", "/b → /y (line 4)"]);
    }

    #[test]
    fn an_unnamed_stage_is_headed_by_its_index() {
        let (a, _) = view("FROM alpine\n");
        let d = details(&a, Selection::Node(NodeRef::Stage(0)));
        assert_eq!(d.map(|d| d.heading).as_deref(), Some("Stage 0"));
    }

    #[test]
    fn a_stage_lights_its_own_edges_and_their_other_ends_only() {
        let text = "FROM alpine AS a\nFROM alpine AS b\nCOPY --from=a /x /x\n\
                    FROM alpine AS c\nCOPY --from=b /y /y\nFROM alpine AS d\nCOPY --from=c /z /z\n";
        let (a, view) = view(text);
        let b = Selection::Node(NodeRef::Stage(1));
        let on = lit(&view, b);
        let names: Vec<String> = view
            .nodes
            .iter()
            .zip(&on.nodes)
            .filter(|(_, &on)| on)
            .map(|(n, _)| node_name(&a.graph, n.node))
            .collect();
        assert_eq!(names, ["a", "b", "c"]);
        let lines: Vec<(NodeRef, NodeRef)> = view
            .edges
            .iter()
            .zip(&on.edges)
            .filter(|(_, &on)| on)
            .map(|(e, _)| (e.from, e.to))
            .collect();
        let expected: Vec<(NodeRef, NodeRef)> = a
            .graph
            .edges
            .iter()
            .filter(|e| e.from == NodeRef::Stage(1) || e.to == 1)
            .map(|e| (e.from, NodeRef::Stage(e.to)))
            .collect();
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| expected.contains(l)));
        // An edge lights itself and its two ends.
        let first = view.edges.iter().position(|e| e.to == NodeRef::Stage(3));
        let edge = Selection::Edge(view.edges[first.expect("c -> d is drawn")].edges[0]);
        let on = lit(&view, edge);
        assert_eq!(on.edges.iter().filter(|&&on| on).count(), 1);
        let ends: Vec<NodeRef> = view
            .nodes
            .iter()
            .zip(&on.nodes)
            .filter(|(_, &on)| on)
            .map(|(n, _)| n.node)
            .collect();
        assert_eq!(ends.len(), 2);
        assert!(ends.contains(&NodeRef::Stage(2)) && ends.contains(&NodeRef::Stage(3)));
    }

    #[test]
    fn details_of_something_gone_are_none() {
        let (a, _) = view("FROM alpine\n");
        assert_eq!(details(&a, Selection::Edge(0)), None);
        assert_eq!(details(&a, Selection::Node(NodeRef::Stage(1))), None);
    }
}

//! Layered layout of the stage graph: sources on the left, the target on the right.
//!
//! Pure geometry shared by the SVG export and the playground's interactive graph. Nodes of one
//! layer are stacked with a fixed gap, so boxes never overlap; crossings are reduced with a few
//! barycenter sweeps.

use super::clip;
use crate::engine::graph::{EdgeKind, Graph, NodeRef};
use crate::engine::number::Fixed;

pub const NODE_W: f64 = 210.0;
pub const NODE_H: f64 = 66.0;
pub const IMAGE_H: f64 = 44.0;
const GAP_X: f64 = 190.0;
const GAP_Y: f64 = 34.0;
pub const MARGIN: f64 = 24.0;
/// Characters of artifact list shown on an edge before it is shortened.
const LABEL_CHARS: usize = 26;

#[derive(Clone, Debug, PartialEq)]
pub struct NodeBox {
    pub node: NodeRef,
    pub layer: usize,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl NodeBox {
    pub fn center_y(&self) -> f64 {
        self.y + self.h / 2.0
    }
}

/// One drawn edge: all graph edges of the same kind between the same two nodes.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeLine {
    /// Indices into `Graph::edges`.
    pub edges: Vec<usize>,
    pub from: NodeRef,
    pub to: usize,
    pub kind: EdgeKind,
    /// SVG path data (a cubic Bézier from the right side of `from` to the left side of `to`).
    pub path: String,
    /// The label as shown (shortened).
    pub label: String,
    /// Every artifact, one per line: shown on hover and focus.
    pub full_label: String,
    pub label_x: f64,
    pub label_y: f64,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub nodes: Vec<NodeBox>,
    pub edges: Vec<EdgeLine>,
}

impl Layout {
    pub fn node(&self, node: NodeRef) -> Option<&NodeBox> {
        self.nodes.iter().find(|n| n.node == node)
    }
}

/// The artifacts an edge carries, as one line: `src -> dest`.
pub fn artifact_text(graph: &Graph, edge: usize) -> String {
    let e = &graph.edges[edge];
    match e.kind {
        EdgeKind::From => "FROM (whole filesystem)".to_string(),
        _ => {
            let paths = e.paths.join(" ");
            match &e.dest {
                Some(d) if e.kind == EdgeKind::Mount => format!("mount {paths} at {d}"),
                Some(d) => format!("{paths} → {d}"),
                None => paths,
            }
        }
    }
}

pub fn layout(graph: &Graph) -> Layout {
    let stages = graph.stages.len();
    let mut nodes: Vec<NodeRef> = (0..graph.images.len()).map(NodeRef::Image).collect();
    nodes.extend((0..stages).map(NodeRef::Stage));

    // Longest-path layering; edges only point to later stages, so one pass in order suffices.
    let mut stage_layer = vec![0usize; stages];
    for s in 0..stages {
        let mut layer = 0;
        for e in graph.edges.iter().filter(|e| e.to == s) {
            layer = layer.max(match e.from {
                NodeRef::Stage(f) if f < s => stage_layer[f] + 1,
                NodeRef::Image(_) => 1,
                NodeRef::Stage(_) => 0,
            });
        }
        stage_layer[s] = layer;
    }
    // The target goes to the far right.
    let max_layer = stage_layer.iter().copied().max().unwrap_or(0);
    if let Some(t) = graph.target {
        if graph.edges.iter().all(|e| e.from != NodeRef::Stage(t)) {
            stage_layer[t] = max_layer.max(stage_layer[t]);
        }
    }
    let layer_of = |n: NodeRef| match n {
        NodeRef::Stage(s) => stage_layer[s],
        NodeRef::Image(i) => graph
            .edges
            .iter()
            .filter(|e| e.from == NodeRef::Image(i))
            .map(|e| stage_layer[e.to].saturating_sub(1))
            .min()
            .unwrap_or(0),
    };
    let layers = nodes
        .iter()
        .map(|&n| layer_of(n))
        .max()
        .map_or(0, |m| m + 1);
    let mut rows: Vec<Vec<NodeRef>> = vec![Vec::new(); layers];
    for &n in &nodes {
        rows[layer_of(n)].push(n);
    }

    // Barycenter sweeps: order each layer by the mean position of its neighbours. Nodes are
    // numbered once (images, then stages) so adjacency and positions are plain vectors.
    let images = graph.images.len();
    let slot = |n: NodeRef| match n {
        NodeRef::Image(i) => i,
        NodeRef::Stage(s) => images + s,
    };
    let mut adjacent: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for e in &graph.edges {
        let (a, b) = (slot(e.from), slot(NodeRef::Stage(e.to)));
        adjacent[a].push(b);
        adjacent[b].push(a);
    }
    let mut position = vec![0.0f64; nodes.len()];
    for _ in 0..4 {
        for row in &rows {
            for (i, &n) in row.iter().enumerate() {
                position[slot(n)] = i as f64;
            }
        }
        for row in rows.iter_mut() {
            let mut keyed: Vec<(f64, usize, NodeRef)> = row
                .iter()
                .enumerate()
                .map(|(i, &n)| {
                    let ns = &adjacent[slot(n)];
                    let key = if ns.is_empty() {
                        i as f64
                    } else {
                        ns.iter().map(|&m| position[m]).sum::<f64>() / ns.len() as f64
                    };
                    (key, i, n)
                })
                .collect();
            crate::engine::sort::sort_by(&mut keyed, |a, b| {
                a.0.total_cmp(&b.0).then(a.1.cmp(&b.1))
            });
            *row = keyed.into_iter().map(|(_, _, n)| n).collect();
            for (i, &n) in row.iter().enumerate() {
                position[slot(n)] = i as f64;
            }
        }
    }

    let height_of = |n: NodeRef| match n {
        NodeRef::Stage(_) => NODE_H,
        NodeRef::Image(_) => IMAGE_H,
    };
    let column_height = |r: &Vec<NodeRef>| -> f64 {
        r.iter().map(|&n| height_of(n)).sum::<f64>() + GAP_Y * r.len().saturating_sub(1) as f64
    };
    let tallest = rows.iter().map(column_height).fold(0.0, f64::max);
    let mut boxes = Vec::new();
    for (l, row) in rows.iter().enumerate() {
        let mut y = MARGIN + (tallest - column_height(row)) / 2.0;
        for &n in row {
            let h = height_of(n);
            boxes.push(NodeBox {
                node: n,
                layer: l,
                x: MARGIN + l as f64 * (NODE_W + GAP_X),
                y,
                w: NODE_W,
                h,
            });
            y += h + GAP_Y;
        }
    }

    let mut lines: Vec<EdgeLine> = Vec::new();
    let mut line_of: std::collections::HashMap<(NodeRef, usize, EdgeKind), usize> =
        std::collections::HashMap::new();
    for (i, e) in graph.edges.iter().enumerate() {
        if let Some(&l) = line_of.get(&(e.from, e.to, e.kind)) {
            lines[l].edges.push(i);
        } else {
            line_of.insert((e.from, e.to, e.kind), lines.len());
            lines.push(EdgeLine {
                edges: vec![i],
                from: e.from,
                to: e.to,
                kind: e.kind,
                path: String::new(),
                label: String::new(),
                full_label: String::new(),
                label_x: 0.0,
                label_y: 0.0,
            });
        }
    }
    let mut box_of = vec![usize::MAX; nodes.len()];
    for (i, b) in boxes.iter().enumerate() {
        box_of[slot(b.node)] = i;
    }
    let find = |n: NodeRef| boxes.get(box_of[slot(n)]);
    for line in &mut lines {
        let (Some(a), Some(b)) = (find(line.from), find(NodeRef::Stage(line.to))) else {
            continue;
        };
        let (x1, y1) = (a.x + a.w, a.center_y());
        let (x2, y2) = (b.x, b.center_y());
        let dx = ((x2 - x1) / 2.0).max(40.0);
        line.path = format!(
            "M{},{} C{},{} {},{} {},{}",
            Fixed(x1, 1),
            Fixed(y1, 1),
            Fixed(x1 + dx, 1),
            Fixed(y1, 1),
            Fixed(x2 - dx, 1),
            Fixed(y2, 1),
            Fixed(x2, 1),
            Fixed(y2, 1)
        );
        let texts: Vec<String> = line
            .edges
            .iter()
            .map(|&i| artifact_text(graph, i))
            .collect();
        line.full_label = texts.join("\n");
        let sources: Vec<&str> = line
            .edges
            .iter()
            .flat_map(|&i| graph.edges[i].paths.iter().map(String::as_str))
            .collect();
        line.label = match (line.kind, sources.as_slice()) {
            (EdgeKind::From, _) => "FROM".to_string(),
            (_, []) => String::new(),
            (_, [one]) => clip(one, LABEL_CHARS),
            (_, [first, rest @ ..]) => {
                format!("{} +{}", clip(first, LABEL_CHARS - 4), rest.len())
            }
        };
        // Label near the target end of the edge, where edges into one node fan out least.
        line.label_x = x1 + (x2 - x1) * 0.5;
        line.label_y = y1 + (y2 - y1) * 0.5 - 6.0;
    }

    let width = boxes.iter().map(|b| b.x + b.w).fold(0.0, f64::max) + MARGIN;
    let height = boxes.iter().map(|b| b.y + b.h).fold(0.0, f64::max) + MARGIN;
    Layout {
        width,
        height,
        nodes: boxes,
        edges: lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{analyze, Config};

    fn overlaps(a: &NodeBox, b: &NodeBox) -> bool {
        a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
    }

    fn check(src: &str) -> Layout {
        let a = analyze(src, &Config::default());
        let l = layout(&a.graph);
        for (i, x) in l.nodes.iter().enumerate() {
            for y in &l.nodes[i + 1..] {
                assert!(!overlaps(x, y), "{x:?} overlaps {y:?}");
            }
            assert!(x.x >= 0.0 && x.y >= 0.0 && x.x + x.w <= l.width && x.y + x.h <= l.height);
        }
        l
    }

    #[test]
    fn builder_left_of_target() {
        let l = check("FROM golang AS b\nRUN go build\nFROM scratch\nCOPY --from=b /app /app\n");
        let b = l.node(NodeRef::Stage(0)).unwrap();
        let t = l.node(NodeRef::Stage(1)).unwrap();
        assert!(b.x < t.x);
        assert_eq!(l.edges.len(), 1);
        assert_eq!(l.edges[0].label, "/app");
        assert_eq!(l.edges[0].full_label, "/app → /app");
    }

    #[test]
    fn one_stage() {
        let l = check("FROM alpine\n");
        assert_eq!(l.nodes.len(), 1);
        assert!(l.edges.is_empty());
    }

    #[test]
    fn forty_stages_never_overlap() {
        let mut src = String::from("FROM alpine AS s0\n");
        for i in 1..40 {
            src.push_str(&format!(
                "FROM alpine AS s{i}\nCOPY --from=s{} /a{i} /b\nCOPY --from=s{} /c /d\n",
                i / 2,
                i / 3
            ));
        }
        let l = check(&src);
        assert_eq!(l.nodes.len(), 40);
    }

    #[test]
    fn parallel_edges_are_drawn_once_and_long_labels_shortened() {
        let l = check(
            "FROM alpine AS b\nFROM scratch\nCOPY --from=b /very/long/path/to/some/artifact/file /x\nCOPY --from=b /b /y\n",
        );
        assert_eq!(l.edges.len(), 1);
        assert_eq!(l.edges[0].edges.len(), 2);
        assert!(l.edges[0].label.ends_with("… +1"), "{}", l.edges[0].label);
        assert_eq!(l.edges[0].full_label.lines().count(), 2);
    }

    #[test]
    fn external_images_sit_left_of_their_consumer() {
        let l = check("FROM alpine\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n");
        let img = l.node(NodeRef::Image(0)).unwrap();
        let s = l.node(NodeRef::Stage(0)).unwrap();
        assert!(img.x < s.x);
    }
}

//! `airlock graph`: the stage graph as JSON (view structs, a stable format) or as text.

use std::fmt::Write as _;

use serde::Serialize;

use super::one_line;
use super::parse_view::ErrorView;
use crate::engine::graph::{
    Base, Classification, Edge, EdgeKind, ImageClass, ImageRef, NodeRef, Role, Stage, Variable,
};
use crate::engine::Analysis;
use crate::render::{base_text, stage_title};

/// The JSON document of `airlock graph --format json`.
#[derive(Debug, Serialize)]
pub(super) struct GraphView {
    file: String,
    /// Index of the target stage (`null` when the file has no stage).
    target: Option<usize>,
    stages: Vec<StageView>,
    /// External images referenced by `--from` (COPY, ADD, RUN --mount).
    images: Vec<ImageView>,
    edges: Vec<EdgeView>,
    global_args: Vec<Variable>,
    /// Graph problems: undefined variables, an unknown target, forward references.
    problems: Vec<ProblemView>,
    /// Syntax errors (the graph is of what could be read).
    errors: Vec<ErrorView>,
}

#[derive(Debug, Serialize)]
struct StageView {
    index: usize,
    name: Option<String>,
    /// Line of the FROM instruction.
    line: u32,
    /// Last line of the stage.
    end_line: u32,
    base: BaseView,
    /// The FROM image as written, before variables are expanded.
    base_written: String,
    platform: Option<String>,
    role: Role,
    evidence: Vec<String>,
    reachable: bool,
    args: Vec<Variable>,
    env: Vec<Variable>,
}

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum BaseView {
    Image {
        #[serde(flatten)]
        image: ImageView,
    },
    Stage {
        index: usize,
    },
    Scratch,
    Missing,
}

#[derive(Debug, Serialize)]
struct ImageView {
    #[serde(rename = "ref")]
    reference: String,
    registry: Option<String>,
    repository: String,
    tag: Option<String>,
    digest: Option<String>,
    class: ImageClass,
    class_reason: String,
}

impl ImageView {
    fn new(image: &ImageRef, class: &Classification) -> Self {
        ImageView {
            reference: image.raw.clone(),
            registry: image.registry.clone(),
            repository: image.repository.clone(),
            tag: image.tag.clone(),
            digest: image.digest.clone(),
            class: class.class,
            class_reason: class.reason.clone(),
        }
    }
}

#[derive(Debug, Serialize)]
struct EdgeView {
    /// `{"stage": N}` or `{"image": N}`.
    from: NodeRef,
    /// Index of the stage the artifacts go into.
    to: usize,
    kind: EdgeKind,
    paths: Vec<String>,
    dest: Option<String>,
    /// A relative destination joined to the stage's WORKDIR, where the file tells it.
    dest_resolved: Option<String>,
    /// Line of the instruction that makes the edge.
    line: u32,
    chmod: Option<String>,
    chown: Option<String>,
    link: bool,
    parents: bool,
    exclude: Vec<String>,
}

#[derive(Debug, Serialize)]
struct ProblemView {
    message: String,
    /// 0 when the problem is not about a place in the file (an unknown `--target`).
    line: u32,
    column: u32,
}

impl GraphView {
    pub(super) fn new(file: String, a: &Analysis) -> Self {
        let tree = &a.tree;
        let g = &a.graph;
        GraphView {
            file,
            target: g.target,
            stages: g
                .stages
                .iter()
                .map(|s| {
                    let (line, end_line) = tree.lines(s.span);
                    StageView {
                        index: s.index,
                        name: s.name.clone(),
                        line,
                        end_line,
                        base: match &s.base {
                            Base::Image { image, class } => BaseView::Image {
                                image: ImageView::new(image, class),
                            },
                            Base::Stage { index } => BaseView::Stage { index: *index },
                            Base::Scratch => BaseView::Scratch,
                            Base::Missing => BaseView::Missing,
                        },
                        base_written: s.base_written.clone(),
                        platform: s.platform.clone(),
                        role: s.role,
                        evidence: s.evidence.clone(),
                        reachable: s.reachable,
                        args: s.args.clone(),
                        env: s.env.clone(),
                    }
                })
                .collect(),
            images: g
                .images
                .iter()
                .map(|i| ImageView::new(&i.image, &i.class))
                .collect(),
            edges: g
                .edges
                .iter()
                .map(|e| EdgeView {
                    from: e.from,
                    to: e.to,
                    kind: e.kind,
                    paths: e.paths.clone(),
                    dest: e.dest.clone(),
                    dest_resolved: e.dest_resolved.clone(),
                    line: tree.lines(e.span).0,
                    chmod: e.chmod.clone(),
                    chown: e.chown.clone(),
                    link: e.link,
                    parents: e.parents,
                    exclude: e.exclude.clone(),
                })
                .collect(),
            global_args: g.global_args.clone(),
            problems: g
                .problems
                .iter()
                .map(|p| {
                    let placed = p.span.end > 0;
                    let at = tree.line_col(p.span.start);
                    ProblemView {
                        message: p.kind.to_string(),
                        line: if placed { at.line } else { 0 },
                        column: if placed { at.column } else { 0 },
                    }
                })
                .collect(),
            errors: a.errors.iter().map(|e| ErrorView::new(tree, e)).collect(),
        }
    }
}

/// How the text names a stage: `stage 2` when it has no name, else `build (stage 2)` after
/// `target:` and `stage 2 build` in the stage list.
fn stage_heading(stage: &Stage, name_first: bool) -> String {
    match &stage.name {
        None => format!("stage {}", stage.index),
        Some(name) if name_first => format!("{} (stage {})", one_line(name), stage.index),
        Some(name) => format!("stage {} {}", stage.index, one_line(name)),
    }
}

/// What an edge does, in words: `copies /app into /srv/` (the destination resolved against the
/// WORKDIR where the file tells it), `mounts / at /cache`, `FROM: builds on its whole filesystem`.
fn edge_text(e: &Edge) -> String {
    let paths = e.paths.join(" ");
    match (e.kind, e.dest_resolved.as_ref().or(e.dest.as_ref())) {
        (EdgeKind::From, _) => "FROM: builds on its whole filesystem".to_string(),
        (EdgeKind::Mount, Some(d)) => format!("mounts {paths} at {d}"),
        (EdgeKind::Mount, None) => format!("mounts {paths}"),
        (EdgeKind::Copy, Some(d)) => format!("copies {paths} into {d}"),
        (EdgeKind::Copy, None) => format!("copies {paths}"),
    }
}

/// The graph as lines: the target, each stage with its role and evidence, each edge with what it
/// carries, then problems and syntax errors like a compiler's messages.
pub(super) fn render_text(file: &str, a: &Analysis) -> String {
    let g = &a.graph;
    let tree = &a.tree;
    let mut out = String::new();
    let label = |n: NodeRef| match n {
        NodeRef::Stage(i) => stage_title(&g.stages[i]),
        NodeRef::Image(i) => g.images[i].image.raw.clone(),
    };
    match g.target {
        Some(t) => {
            let _ = writeln!(out, "target: {}", stage_heading(&g.stages[t], true));
        }
        None => out.push_str("target: none (no FROM)\n"),
    }
    for s in &g.stages {
        let _ = writeln!(
            out,
            "{}: {} on {} (line {}){}",
            stage_heading(s, false),
            s.role.as_str(),
            one_line(&base_text(g, s)),
            tree.lines(s.from_span).0,
            if s.reachable {
                ""
            } else {
                ", not needed by the target"
            }
        );
        for e in &s.evidence {
            let _ = writeln!(out, "    - {}", one_line(e));
        }
    }
    for e in &g.edges {
        let _ = writeln!(
            out,
            "{} -> {}: {} (line {})",
            one_line(&label(e.from)),
            one_line(&stage_title(&g.stages[e.to])),
            one_line(&edge_text(e)),
            tree.lines(e.span).0
        );
    }
    for p in &g.problems {
        if p.span.end > 0 {
            super::write_located(
                &mut out,
                file,
                tree,
                p.span.start,
                "warning",
                &p.kind.to_string(),
            );
        } else {
            let _ = writeln!(out, "{file}: warning: {}", one_line(&p.kind.to_string()));
        }
    }
    super::write_errors(&mut out, file, tree, &a.errors);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{analyze, Config};

    #[test]
    fn text_lists_stages_and_edges() {
        let a = analyze(
            "FROM golang:1.22 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n",
            &Config::default(),
        );
        let text = render_text("Dockerfile", &a);
        assert!(text.starts_with("target: stage 1\n"), "{text}");
        assert!(
            text.contains("stage 0 build: builder on golang:1.22 (line 1)"),
            "{text}"
        );
        assert!(
            text.contains("\nstage 1: prod on scratch (line 3)"),
            "{text}"
        );
        assert!(
            text.contains("build -> stage 1: copies /app into /app (line 4)"),
            "{text}"
        );
        assert!(!text.contains('→'), "{text}");
    }
}

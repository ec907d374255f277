//! The graph layout measured against Graphviz `dot` (installed by scripts/setup.sh) on every
//! multi-stage corpus file and on generated graphs up to 200 stages: edge crossings, edges drawn
//! through a box that is not their end, and overlapping edge labels. `dot -Tjson` lays out the
//! same nodes (same box sizes) and the same drawn edges with the same labels; both drawings are
//! measured by the same code. `scripts/layout-quality.sh` prints the whole table.

// Native test code: the wasm size rules (clippy.toml) do not bind it.
#![allow(clippy::disallowed_methods)]

mod common;

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use airlock::engine::graph::NodeRef;
use airlock::engine::{analyze, Config};
use airlock::render::layout::{layout, Layout};

type Point = (f64, f64);

#[derive(Clone, Copy, Debug)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Rect {
    fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }
    fn grown(&self, by: f64) -> Rect {
        Rect {
            x: self.x - by,
            y: self.y - by,
            w: self.w + 2.0 * by,
            h: self.h + 2.0 * by,
        }
    }
    fn contains(&self, p: Point) -> bool {
        p.0 > self.x && p.0 < self.x + self.w && p.1 > self.y && p.1 < self.y + self.h
    }
}

/// A drawing reduced to what is measured: boxes, edges as polylines between two boxes, labels.
struct Drawing {
    boxes: Vec<Rect>,
    /// (tail box, head box, polyline)
    edges: Vec<(usize, usize, Vec<Point>)>,
    labels: Vec<Rect>,
}

/// Label text is 12px: 7.2px a character in a monospace face (the widest the pages use).
const CHAR_W: f64 = 7.2;
const LABEL_H: f64 = 13.0;

fn cubic(out: &mut Vec<Point>, p0: Point, p1: Point, p2: Point, p3: Point) {
    const STEPS: usize = 12;
    for i in 1..=STEPS {
        let t = i as f64 / STEPS as f64;
        let u = 1.0 - t;
        let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
        out.push((
            a * p0.0 + b * p1.0 + c * p2.0 + d * p3.0,
            a * p0.1 + b * p1.1 + c * p2.1 + d * p3.1,
        ));
    }
}

/// An SVG path of M, L and C commands (absolute) as a polyline.
fn path_points(d: &str) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::new();
    let mut cmd = ' ';
    let mut nums: Vec<f64> = Vec::new();
    let flush = |cmd: char, nums: &mut Vec<f64>, out: &mut Vec<Point>| {
        let pts: Vec<Point> = nums.chunks(2).map(|c| (c[0], c[1])).collect();
        match cmd {
            'M' | 'L' => out.extend(pts),
            'C' => {
                for c in pts.chunks(3) {
                    let p0 = *out.last().expect("C after a point");
                    cubic(out, p0, c[0], c[1], c[2]);
                }
            }
            ' ' => {}
            other => panic!("unexpected path command {other} in {d}"),
        }
        nums.clear();
    };
    let mut number = String::new();
    for ch in d.chars().chain([' ']) {
        if ch.is_ascii_digit() || ch == '.' || ch == '-' {
            number.push(ch);
            continue;
        }
        if !number.is_empty() {
            nums.push(number.parse().expect("a number"));
            number.clear();
        }
        if ch.is_ascii_alphabetic() {
            flush(cmd, &mut nums, &mut out);
            cmd = ch;
        }
    }
    flush(cmd, &mut nums, &mut out);
    out
}

fn airlock_drawing(l: &Layout) -> Drawing {
    let index = |n: NodeRef| l.nodes.iter().position(|b| b.node == n).expect("a box");
    Drawing {
        boxes: l
            .nodes
            .iter()
            .map(|b| Rect {
                x: b.x,
                y: b.y,
                w: b.w,
                h: b.h,
            })
            .collect(),
        edges: l
            .edges
            .iter()
            .map(|e| {
                (
                    index(e.from),
                    index(NodeRef::Stage(e.to)),
                    path_points(&e.path),
                )
            })
            .collect(),
        labels: l
            .edges
            .iter()
            .filter(|e| !e.label.is_empty())
            .map(|e| {
                let w = e.label.chars().count() as f64 * CHAR_W;
                Rect {
                    x: e.label_x - w / 2.0,
                    y: e.label_y - 10.0,
                    w,
                    h: LABEL_H,
                }
            })
            .collect(),
    }
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The same boxes and drawn edges as plain DOT: fixed-size boxes, the shown labels.
fn plain_dot(l: &Layout) -> String {
    let mut out = String::from(
        "digraph g {\n  rankdir=LR;\n  node [shape=box, fixedsize=true];\n  edge [fontname=Courier, fontsize=12];\n",
    );
    for (i, b) in l.nodes.iter().enumerate() {
        out.push_str(&format!(
            "  n{i} [width={}, height={}];\n",
            b.w / 72.0,
            b.h / 72.0
        ));
    }
    let index = |n: NodeRef| l.nodes.iter().position(|b| b.node == n).expect("a box");
    for e in &l.edges {
        out.push_str(&format!(
            "  n{} -> n{} [label={}];\n",
            index(e.from),
            index(NodeRef::Stage(e.to)),
            quote(&e.label)
        ));
    }
    out.push_str("}\n");
    out
}

fn num(v: &serde_json::Value) -> f64 {
    match v {
        serde_json::Value::Number(n) => n.as_f64().expect("a number"),
        serde_json::Value::String(s) => s.parse().expect("a number"),
        other => panic!("not a number: {other}"),
    }
}

fn dot_drawing(dot: &str) -> Drawing {
    let mut child = Command::new("dot")
        .arg("-Tjson")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("Graphviz `dot` is missing: run scripts/setup.sh");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(dot.as_bytes())
        .expect("write to dot");
    let out = child.wait_with_output().expect("dot runs");
    assert!(out.status.success(), "dot failed on\n{dot}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("dot's JSON");
    let top = json["bb"]
        .as_str()
        .and_then(|bb| bb.split(',').nth(3))
        .map_or(0.0, |h| h.parse().expect("bb height"));
    // dot's y grows upwards; flip it so both drawings read the same way.
    let pt = |p: &serde_json::Value| (num(&p[0]), top - num(&p[1]));
    let boxes = json["objects"]
        .as_array()
        .map(|objects| {
            objects
                .iter()
                .map(|o| {
                    let pos: Vec<f64> = o["pos"]
                        .as_str()
                        .expect("pos")
                        .split(',')
                        .map(|v| v.parse().expect("pos number"))
                        .collect();
                    let (w, h) = (num(&o["width"]) * 72.0, num(&o["height"]) * 72.0);
                    Rect {
                        x: pos[0] - w / 2.0,
                        y: top - pos[1] - h / 2.0,
                        w,
                        h,
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let mut edges = Vec::new();
    let mut labels = Vec::new();
    for e in json["edges"].as_array().into_iter().flatten() {
        let mut points = Vec::new();
        for op in e["_draw_"].as_array().into_iter().flatten() {
            if op["op"] == "b" {
                let ps: Vec<Point> = op["points"]
                    .as_array()
                    .expect("points")
                    .iter()
                    .map(pt)
                    .collect();
                points.push(ps[0]);
                for c in ps[1..].chunks(3) {
                    let p0 = *points.last().expect("a start");
                    cubic(&mut points, p0, c[0], c[1], c[2]);
                }
            }
        }
        let tail = num(&e["tail"]) as usize;
        let head = num(&e["head"]) as usize;
        edges.push((tail, head, points));
        for op in e["_ldraw_"].as_array().into_iter().flatten() {
            if op["op"] == "T" {
                let (x, y) = pt(&op["pt"]);
                let w = num(&op["width"]);
                labels.push(Rect {
                    x: x - w / 2.0,
                    y: y - 10.0,
                    w,
                    h: LABEL_H,
                });
            }
        }
    }
    Drawing {
        boxes,
        edges,
        labels,
    }
}

/// Where segments `a-b` and `c-d` cross (a proper crossing, not a touch or an overlap).
fn crossing(a: Point, b: Point, c: Point, d: Point) -> Option<Point> {
    let r = (b.0 - a.0, b.1 - a.1);
    let s = (d.0 - c.0, d.1 - c.1);
    let den = r.0 * s.1 - r.1 * s.0;
    if den.abs() < 1e-12 {
        return None;
    }
    let q = (c.0 - a.0, c.1 - a.1);
    let t = (q.0 * s.1 - q.1 * s.0) / den;
    let u = (q.0 * r.1 - q.1 * r.0) / den;
    ((0.0..1.0).contains(&t) && (0.0..1.0).contains(&u)).then_some((a.0 + t * r.0, a.1 + t * r.1))
}

/// Whether segment `a-b` enters the inside of `r`.
fn segment_enters(a: Point, b: Point, r: &Rect) -> bool {
    (0..=16).any(|i| {
        let t = i as f64 / 16.0;
        r.contains((a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1)))
    })
}

#[derive(Default, Clone, Copy)]
struct Score {
    crossings: usize,
    through_box: usize,
    label_overlaps: usize,
    label_on_box: usize,
}

impl std::ops::AddAssign for Score {
    fn add_assign(&mut self, o: Score) {
        self.crossings += o.crossings;
        self.through_box += o.through_box;
        self.label_overlaps += o.label_overlaps;
        self.label_on_box += o.label_on_box;
    }
}

fn score(d: &Drawing) -> Score {
    let mut s = Score::default();
    // Crossings: pairs of segments of different edges that cross, except where two edges meet
    // at a box they share (edges into one node join there by design).
    for (i, (t1, h1, p1)) in d.edges.iter().enumerate() {
        for (t2, h2, p2) in &d.edges[i + 1..] {
            let shared: Vec<Rect> = [*t1, *h1]
                .into_iter()
                .filter(|n| n == t2 || n == h2)
                .map(|n| d.boxes[n].grown(12.0))
                .collect();
            for a in p1.windows(2) {
                for b in p2.windows(2) {
                    if let Some(p) = crossing(a[0], a[1], b[0], b[1]) {
                        if !shared.iter().any(|r| r.contains(p)) {
                            s.crossings += 1;
                        }
                    }
                }
            }
        }
    }
    // Through a box: (edge, box that is not its end) pairs where the drawn line enters the box.
    for (t, h, p) in &d.edges {
        for (n, r) in d.boxes.iter().enumerate() {
            if n == *t || n == *h {
                continue;
            }
            let inner = r.grown(-1.0);
            if p.windows(2).any(|w| segment_enters(w[0], w[1], &inner)) {
                s.through_box += 1;
            }
        }
    }
    for (i, a) in d.labels.iter().enumerate() {
        s.label_overlaps += d.labels[i + 1..].iter().filter(|b| a.overlaps(b)).count();
        s.label_on_box += d.boxes.iter().filter(|b| a.overlaps(b)).count();
    }
    s
}

fn inputs() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut out = Vec::new();
    for dir in ["dockerfiles", "large"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap_or_else(|e| panic!("the corpus is missing ({e})"))
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "Dockerfile"))
            .collect();
        paths.sort();
        for p in paths {
            let name = format!("{dir}/{}", p.file_name().expect("name").to_string_lossy());
            out.push((name, std::fs::read_to_string(&p).expect("readable")));
        }
    }
    for (i, stages) in [10, 20, 40, 60, 80, 100, 150, 200].into_iter().enumerate() {
        out.push((
            format!("generated/{stages}"),
            common::generated_dag(stages, i as u64),
        ));
    }
    out
}

#[test]
fn the_layout_is_as_readable_as_graphviz_dot() {
    let (mut ours, mut theirs) = (Score::default(), Score::default());
    let (mut files, mut no_worse) = (0, 0);
    let mut table = String::new();
    for (name, text) in inputs() {
        let a = analyze(&text, &Config::default());
        if a.graph.stages.len() < 2 || a.graph.edges.is_empty() {
            continue;
        }
        let l = layout(&a.graph);
        let us = score(&airlock_drawing(&l));
        let them = score(&dot_drawing(&plain_dot(&l)));
        files += 1;
        no_worse += usize::from(us.crossings <= them.crossings);
        ours += us;
        theirs += them;
        table.push_str(&format!(
            "{:<4} {:>5} {:>5} {:>6} {:>6} {:>4} {:>4} {:>4} {:>4} {:>4} {:>4}  {}\n",
            if us.crossings <= them.crossings {
                "ok"
            } else {
                "MORE"
            },
            l.nodes.len(),
            l.edges.len(),
            us.crossings,
            them.crossings,
            us.through_box,
            them.through_box,
            us.label_overlaps,
            them.label_overlaps,
            us.label_on_box,
            them.label_on_box,
            name
        ));
    }
    println!(
        "cross nodes edges  cross  (dot)  box (dot) lbl (dot) l/b (dot)  file\n{table}\
         TOTAL over {files} graphs: crossings {} (dot {}), no more than dot on {no_worse} ({}%), \
         through a box {} (dot {}), label overlaps {} (dot {}), label on a box {} (dot {})",
        ours.crossings,
        theirs.crossings,
        no_worse * 100 / files.max(1),
        ours.through_box,
        theirs.through_box,
        ours.label_overlaps,
        theirs.label_overlaps,
        ours.label_on_box,
        theirs.label_on_box,
    );
    assert!(files >= 150, "only {files} multi-stage graphs measured");
    assert_eq!(ours.through_box, 0, "edges drawn through a box");
    assert_eq!(ours.label_overlaps, 0, "labels over labels");
    assert_eq!(ours.label_on_box, 0, "labels over boxes");
    assert!(
        ours.crossings <= theirs.crossings,
        "{} crossings, dot {}",
        ours.crossings,
        theirs.crossings
    );
    // The goal: no more crossings than dot on 95% of the graphs. Moving each long edge's run of
    // dummies as one reaches 156 of 163 (2026-12-07: 3,379 crossings to dot's 5,514). Behind:
    // the generated graphs of 10, 20 and 100 stages and four corpus files, by 1 to 11 crossings.
    assert!(
        no_worse * 100 >= files * 95,
        "no more crossings than dot on only {no_worse} of {files} graphs"
    );
}

#[test]
fn the_measure_counts_what_it_should() {
    // Two straight edges that cross once, one of them through a third box.
    let unit = |x, y| Rect {
        x,
        y,
        w: 10.0,
        h: 10.0,
    };
    let d = Drawing {
        boxes: vec![
            unit(0.0, 0.0),
            unit(100.0, 100.0),
            unit(0.0, 100.0),
            unit(100.0, 0.0),
            unit(50.0, 50.0),
        ],
        edges: vec![
            (0, 1, path_points("M10,5 C40,5 60,105 100,105")),
            (2, 3, path_points("M10,105 L100,5")),
        ],
        labels: vec![unit(20.0, 20.0), unit(25.0, 25.0), unit(0.0, 5.0)],
    };
    let s = score(&d);
    assert_eq!(s.crossings, 1);
    assert_eq!(s.through_box, 2, "both pass through the box in the middle");
    assert_eq!(s.label_overlaps, 1);
    assert_eq!(s.label_on_box, 1);
}

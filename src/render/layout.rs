//! Layered layout of the stage graph: sources on the left, the target on the right.
//!
//! Pure geometry shared by the SVG export and the playground's interactive graph, in the steps of
//! Sugiyama's method as Graphviz dot takes them: ranks by network simplex (the least total edge
//! length, so the fewest dummies), a dummy vertex wherever an edge crosses a column (so it bends
//! in the gaps between boxes, never through one), median and transposition sweeps against
//! crossings, then sifting of vertices and of each long edge's run of dummies as one, then a
//! least-squares placement that straightens long edges. Labels are dummies too, with room kept
//! for them, so they overlap neither each other nor a box.

use std::fmt::Write;

mod rank;

use super::clip;
use crate::engine::graph::{EdgeKind, Graph, NodeRef};
use crate::engine::number::Fixed;

pub const NODE_W: f64 = 210.0;
pub const NODE_H: f64 = 66.0;
pub const IMAGE_H: f64 = 44.0;
/// The gap between two columns, where edges curve from one row to another.
const GAP_X: f64 = 40.0;
/// Between two boxes of a column, and between an edge's bend and anything else.
const GAP_Y: f64 = 28.0;
const EDGE_GAP: f64 = 12.0;
pub const MARGIN: f64 = 24.0;
/// Room kept above and below an edge for its label, and the label's baseline above the edge.
const LABEL_ABOVE: f64 = 18.0;
const LABEL_BELOW: f64 = 3.0;
const LABEL_LIFT: f64 = 5.0;
const LABEL_CHAR_W: f64 = 7.2;
/// Ports on a box side: edges spread this far apart, kept this far from the corners.
const PORT_STEP: f64 = 10.0;
const PORT_INSET: f64 = 10.0;
/// Sweeps of the placement, each way.
const PLACE_ROUNDS: usize = 12;
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

/// A point of the layered drawing: a box, or a bend of an edge in a column (a dummy node), which
/// may carry the edge's label.
struct Vertex {
    column: usize,
    /// Room kept above and below the line through the vertex (half a box, or a label).
    above: f64,
    below: f64,
    /// `Some(slot)` for a box.
    node: Option<usize>,
    /// Whether the edge's label rides on this bend.
    label: bool,
}

/// Edges are drawn through one dummy per column they cross, so a neighbour is always one column
/// away; these give straight runs of dummies a stronger pull than a dummy to a box (dot's weights).
fn weight(a: &Vertex, b: &Vertex) -> f64 {
    match (a.node, b.node) {
        (None, None) => 8.0,
        _ => 2.0,
    }
}

/// Ranks: the least total length of the drawn edges (network simplex), each edge at least one
/// rank long; the target, when nothing reads from it, never left of anything connected to it.
fn ranks(
    lines: &[EdgeLine],
    slot: &dyn Fn(NodeRef) -> usize,
    target: Option<usize>,
    count: usize,
) -> Vec<usize> {
    let mut arcs: Vec<rank::Arc> = Vec::with_capacity(lines.len());
    for line in lines {
        // Edges only point to later stages; anything else is drawn but does not rank.
        if matches!(line.from, NodeRef::Stage(f) if f >= line.to) {
            continue;
        }
        arcs.push(rank::Arc {
            tail: slot(line.from),
            head: slot(NodeRef::Stage(line.to)),
            min: 1,
            weight: 1,
        });
    }
    let pinned = target
        .map(|t| slot(NodeRef::Stage(t)))
        .filter(|&t| t < count && arcs.iter().all(|a| a.tail != t));
    if let Some(t) = pinned {
        // Every node connected to the target at or before its rank: arcs of no weight.
        let mut part: Vec<usize> = (0..count).collect();
        fn find(part: &mut [usize], mut v: usize) -> usize {
            while part[v] != v {
                part[v] = part[part[v]];
                v = part[v];
            }
            v
        }
        for a in &arcs {
            let (x, y) = (find(&mut part, a.tail), find(&mut part, a.head));
            part[x] = y;
        }
        let root = find(&mut part, t);
        for v in (0..count).filter(|&v| v != t) {
            if find(&mut part, v) == root {
                arcs.push(rank::Arc {
                    tail: v,
                    head: t,
                    min: 0,
                    weight: 0,
                });
            }
        }
    }
    rank::network_simplex(count, &arcs, 4 * count + 100)
        .into_iter()
        .map(|r| r.max(0) as usize)
        .collect()
}

/// Crossings between the segments of two neighbouring columns, by counting inversions.
fn crossings_between(upper: &[usize], succ: &[Vec<usize>], pos: &[usize], size: usize) -> usize {
    let mut tree = vec![0usize; size + 1];
    let (mut total, mut seen) = (0, 0);
    let mut ends: Vec<usize> = Vec::new();
    for &u in upper {
        ends.clear();
        ends.extend(succ[u].iter().map(|&v| pos[v]));
        ends.sort_unstable();
        for &p in &ends {
            // Earlier segments that end below this one cross it.
            let mut i = p + 1;
            let mut not_below = 0;
            while i > 0 {
                not_below += tree[i];
                i &= i - 1;
            }
            total += seen - not_below;
            let mut i = p + 1;
            while i <= size {
                tree[i] += 1;
                i += i & i.wrapping_neg();
            }
            seen += 1;
        }
    }
    total
}

/// Crossings that putting `v` just above `w` causes among their edges on both sides.
fn pair_crossings(v: usize, w: usize, adj: [&[Vec<usize>]; 2], pos: &[usize]) -> usize {
    adj.iter()
        .map(|side| {
            let mut n = 0;
            for &a in &side[v] {
                n += side[w].iter().filter(|&&b| pos[a] > pos[b]).count();
            }
            n
        })
        .sum()
}

/// dot's weighted median of the neighbours' places; `None` without neighbours on that side.
fn median(places: &mut [usize]) -> Option<f64> {
    places.sort_unstable();
    let n = places.len();
    let m = n / 2;
    let at = |i: usize| places[i] as f64;
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(at(m)),
        2 => Some((at(0) + at(1)) / 2.0),
        _ => {
            let (left, right) = (at(m - 1) - at(0), at(n - 1) - at(m));
            Some(if left + right == 0.0 {
                (at(m - 1) + at(m)) / 2.0
            } else {
                (at(m - 1) * right + at(m) * left) / (left + right)
            })
        }
    }
}

/// Orders each column to cut crossings: median sweeps alternating direction, each followed by
/// transposition of neighbours, keeping the best order seen (Gansner et al., dot); then up to
/// `sifts` passes of sifting over the best.
fn order_columns(
    columns: &mut [Vec<usize>],
    pred: &[Vec<usize>],
    succ: &[Vec<usize>],
    mean: bool,
    rounds: usize,
    sifts: usize,
) -> usize {
    let mut pos = vec![0usize; pred.len()];
    let place = |columns: &[Vec<usize>], pos: &mut [usize]| {
        for col in columns {
            for (i, &v) in col.iter().enumerate() {
                pos[v] = i;
            }
        }
    };
    let count = |columns: &[Vec<usize>], pos: &[usize]| -> usize {
        columns
            .windows(2)
            .map(|w| crossings_between(&w[0], succ, pos, w[1].len()))
            .sum()
    };
    place(columns, &mut pos);
    let mut best = count(columns, &pos);
    let mut best_order = columns.to_vec();
    let mut stale = 0;
    // Buffers of the sweeps, kept from one column to the next.
    let (mut places, mut keyed, mut movable, mut old) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        if best == 0 {
            break;
        }
        let down = round % 2 == 0;
        // Every other pair of rounds, ties go the other way, to leave a plateau (as dot does).
        let reverse = round % 4 >= 2;
        let n = columns.len();
        for step in 1..n {
            let c = if down { step } else { n - 1 - step };
            let side = if down { pred } else { succ };
            keyed.clear();
            for &v in &columns[c] {
                places.clear();
                places.extend(side[v].iter().map(|&u| pos[u]));
                keyed.push(match places.len() {
                    0 => None,
                    n if mean => Some(places.iter().sum::<usize>() as f64 / n as f64),
                    _ => median(&mut places),
                });
            }
            // Vertices without neighbours on that side keep their places; the rest are sorted
            // into the places left.
            movable.clear();
            movable.extend(
                keyed
                    .iter()
                    .enumerate()
                    .filter_map(|(i, k)| k.map(|k| (k, i))),
            );
            crate::engine::sort::sort_by(&mut movable, |a, b| {
                let tie = if reverse {
                    b.1.cmp(&a.1)
                } else {
                    a.1.cmp(&b.1)
                };
                a.0.total_cmp(&b.0).then(tie)
            });
            let mut next = movable.iter();
            old.clone_from(&columns[c]);
            for (i, slot) in columns[c].iter_mut().enumerate() {
                if keyed[i].is_some() {
                    *slot = old[next.next().map_or(i, |&(_, j)| j)];
                }
            }
            for (i, &v) in columns[c].iter().enumerate() {
                pos[v] = i;
            }
        }
        // Transposition: swap neighbours while that removes crossings.
        for _ in 0..8 {
            let mut better = false;
            for col in columns.iter_mut() {
                for i in 1..col.len() {
                    let (v, w) = (col[i - 1], col[i]);
                    let sides = [pred, succ];
                    let (now, swapped) = (
                        pair_crossings(v, w, sides, &pos),
                        pair_crossings(w, v, sides, &pos),
                    );
                    if now > swapped || (reverse && now > 0 && now == swapped) {
                        col.swap(i - 1, i);
                        pos[v] = i;
                        pos[w] = i - 1;
                        better |= now > swapped;
                    }
                }
            }
            if !better {
                break;
            }
        }
        let now = count(columns, &pos);
        if now < best {
            best = now;
            best_order.clone_from_slice(columns);
            stale = 0;
        } else {
            stale += 1;
            if stale == 8 {
                break;
            }
        }
    }
    columns.clone_from_slice(&best_order);
    if sifts > 0 && best > 0 {
        place(columns, &mut pos);
        for _ in 0..sifts {
            if !sift(columns, [pred, succ], &mut pos) {
                break;
            }
        }
        best = count(columns, &pos);
    }
    best
}

/// The dummies of one edge, moved as one (after the block sifting of Bachmaier, Brandenburg,
/// Brunner and Hübner, "Global k-level crossing reduction", 2010): with the run taken out, its
/// places in the columns it crosses are the states of a shortest path, a step costing the
/// crossings of its segment in that gap, and the run goes where the path is cheapest. Sifting
/// one vertex at a time cannot do this: a long edge on the wrong side of a box stays there when
/// each of its dummies alone would cross more by moving. Whether any run moved.
fn sift_runs(
    columns: &mut [Vec<usize>],
    chains: &[Vec<usize>],
    column: &[usize],
    succ: &[Vec<usize>],
    pos: &mut [usize],
) -> bool {
    let mut moved = false;
    let mut tree = MinTree::default();
    let (mut reach, mut segs, mut by_q, mut starts) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut left_of, mut above): (Vec<i64>, Vec<i64>) = (Vec::new(), Vec::new());
    // Per column of the run after its first: the best place before it, for each of its places.
    let mut from: Vec<Vec<u32>> = Vec::new();
    let mut slot: Vec<usize> = Vec::new();
    // A run of one dummy is a vertex that `sift` moves already.
    for chain in chains.iter().filter(|c| c.len() > 3) {
        let run = &chain[1..chain.len() - 1];
        let (tail, head) = (chain[0], chain[chain.len() - 1]);
        let first = column[run[0]];
        let len = run.len();
        // A vertex's place among the others of its column, with the run taken out; at the
        // tail and the head, whether it is above (0) or below (1) the fixed end.
        let place = |v: usize, pos: &[usize]| -> usize {
            let c = column[v];
            if c + 1 == first {
                usize::from(pos[v] > pos[tail])
            } else if c == first + len {
                usize::from(pos[v] > pos[head])
            } else {
                pos[v] - usize::from(pos[v] > pos[run[c - first]])
            }
        };
        let (mut now, mut fewest) = (0i64, i64::MAX);
        from.resize_with(len, Vec::new);
        // Gap k lies before the run's column k (the last, k == len, before the head's column).
        for k in 0..=len {
            let (left, right) = (
                if k == 0 { tail } else { run[k - 1] },
                if k == len { head } else { run[k] },
            );
            let (ml, mr) = (
                if k == 0 {
                    2
                } else {
                    columns[first + k - 1].len() - 1
                },
                if k == len {
                    2
                } else {
                    columns[first + k].len() - 1
                },
            );
            // The other segments of the gap, (place on the left, place on the right); those
            // that share an end with the run's segment never cross it (ports keep them apart).
            segs.clear();
            for &u in columns[column[left]].iter().filter(|&&u| u != left) {
                let i = place(u, pos);
                segs.extend(
                    succ[u]
                        .iter()
                        .filter(|&&w| w != right)
                        .map(|&w| (i, place(w, pos))),
                );
            }
            // The run's segment from place p to place q crosses those from at or after p to
            // before q, and from before p to at or after q: L(p) + R(q) - 2 F(p, q), with L and
            // R the segments starting before p and ending before q, F those doing both.
            left_of.clear();
            left_of.resize(ml + 2, 0);
            above.clear();
            above.resize(mr + 2, 0);
            for &(i, j) in &segs {
                left_of[i + 1] += 1;
                above[j + 1] += 1;
            }
            for p in 1..left_of.len() {
                left_of[p] += left_of[p - 1];
            }
            for q in 1..above.len() {
                above[q] += above[q - 1];
            }
            let at = |k: usize| {
                if k == 0 || k > len {
                    1
                } else {
                    pos[run[k - 1]]
                }
            };
            let (p0, q0) = (at(k), at(k + 1));
            let both = segs.iter().filter(|&&(i, j)| i < p0 && j < q0).count() as i64;
            now += left_of[p0] + above[q0] - 2 * both;
            // At the tail (head) the run's end is fixed: F counts the segments from above the
            // tail (into above the head), by where their other end is.
            if k == 0 || k == len {
                let n = if k == 0 { mr } else { ml };
                let mut f = vec![0i64; n + 2];
                for &(i, j) in &segs {
                    match k {
                        0 if i == 0 => f[j + 1] += 1,
                        _ if k == len && j == 0 => f[i + 1] += 1,
                        _ => {}
                    }
                }
                for x in 1..f.len() {
                    f[x] += f[x - 1];
                }
                if k == 0 {
                    reach.clear();
                    reach.extend((0..=mr).map(|q| left_of[1] + above[q] - 2 * f[q]));
                    continue;
                }
                for p in 0..=ml {
                    let c = reach[p] + left_of[p] + above[1] - 2 * f[p];
                    if c < fewest {
                        fewest = c;
                        slot.clear();
                        slot.push(p);
                    }
                }
                continue;
            }
            // For each q in turn, the least over p of reach(p) + L(p) - 2 F(p, q): F grows by
            // one for every p after i as q passes the right end j of a segment (i, j).
            tree.reset((0..ml + 1).map(|p| reach[p] + left_of[p]));
            starts.clear();
            starts.resize(mr + 2, 0);
            for &(_, j) in &segs {
                starts[j + 1] += 1;
            }
            for q in 1..starts.len() {
                starts[q] += starts[q - 1];
            }
            by_q.clear();
            by_q.resize(segs.len(), 0);
            for &(i, j) in &segs {
                by_q[starts[j]] = i;
                starts[j] += 1;
            }
            from[k].clear();
            reach.clear();
            let mut done = 0;
            for q in 0..=mr {
                let (best, arg) = tree.least();
                reach.push(best + above[q]);
                from[k].push(arg as u32);
                let end = if q < mr { starts[q] } else { done };
                for &i in &by_q[done..end] {
                    tree.add(i + 1, ml + 1, -2);
                }
                done = end;
            }
        }
        if fewest >= now {
            continue;
        }
        // The places from the last column back, then the run moves there.
        for k in (1..len).rev() {
            let q = slot[slot.len() - 1];
            slot.push(from[k][q] as usize);
        }
        slot.reverse();
        for (k, (&r, &to)) in run.iter().zip(&slot).enumerate() {
            let col = &mut columns[first + k];
            let at = pos[r];
            col.remove(at);
            col.insert(to, r);
            for (i, &u) in col.iter().enumerate().take(at.max(to) + 1).skip(at.min(to)) {
                pos[u] = i;
            }
        }
        moved = true;
    }
    moved
}

/// A segment tree of numbers with a range add and the least value and its index.
#[derive(Default)]
struct MinTree {
    size: usize,
    /// The least of each subtree, with the adds made to it; adds made to a whole subtree.
    least: Vec<i64>,
    added: Vec<i64>,
}

impl MinTree {
    fn reset(&mut self, values: impl ExactSizeIterator<Item = i64>) {
        self.size = values.len().next_power_of_two();
        self.least.clear();
        self.least.resize(2 * self.size, i64::MAX / 2);
        self.added.clear();
        self.added.resize(self.size, 0);
        for (i, v) in values.enumerate() {
            self.least[self.size + i] = v;
        }
        for k in (1..self.size).rev() {
            self.least[k] = self.least[2 * k].min(self.least[2 * k + 1]);
        }
    }

    /// Adds `by` to the values at `from..to`.
    fn add(&mut self, from: usize, to: usize, by: i64) {
        let (mut l, mut r) = (from + self.size, to + self.size);
        let (l0, r0) = (l, r - 1);
        while l < r {
            if l & 1 == 1 {
                self.apply(l, by);
                l += 1;
            }
            if r & 1 == 1 {
                r -= 1;
                self.apply(r, by);
            }
            l >>= 1;
            r >>= 1;
        }
        for mut k in [l0, r0] {
            k >>= 1;
            while k > 0 {
                self.least[k] = self.least[2 * k].min(self.least[2 * k + 1]) + self.added[k];
                k >>= 1;
            }
        }
    }

    fn apply(&mut self, k: usize, by: i64) {
        self.least[k] += by;
        if k < self.size {
            self.added[k] += by;
        }
    }

    /// The least value and the first index holding it.
    fn least(&self) -> (i64, usize) {
        let mut k = 1;
        let mut rest = self.least[1];
        while k < self.size {
            rest -= self.added[k];
            k = if self.least[2 * k] == rest {
                2 * k
            } else {
                2 * k + 1
            };
        }
        (self.least[1], k - self.size)
    }
}

/// Sifting (Matuszewski, Schönfeld and Molitor, 1999): each vertex of a column in turn goes to
/// the place in it where its column crosses its neighbour columns least. Whether any moved.
fn sift(columns: &mut [Vec<usize>], sides: [&[Vec<usize>]; 2], pos: &mut [usize]) -> bool {
    let mut moved = false;
    for col in columns.iter_mut().filter(|c| c.len() > 1) {
        for v in col.clone() {
            let at = pos[v];
            // The change in crossings of putting v just before each other vertex, and after.
            let (mut best, mut to, mut change) = (0i64, at, 0i64);
            for k in (0..at).rev() {
                let w = col[k];
                change += pair_crossings(v, w, sides, pos) as i64
                    - pair_crossings(w, v, sides, pos) as i64;
                if change < best {
                    (best, to) = (change, k);
                }
            }
            change = 0;
            for (k, &w) in col.iter().enumerate().skip(at + 1) {
                change += pair_crossings(w, v, sides, pos) as i64
                    - pair_crossings(v, w, sides, pos) as i64;
                if change < best {
                    (best, to) = (change, k);
                }
            }
            if to == at {
                continue;
            }
            moved = true;
            let v = col.remove(at);
            col.insert(to, v);
            for (i, &u) in col.iter().enumerate().take(at.max(to) + 1).skip(at.min(to)) {
                pos[u] = i;
            }
        }
    }
    moved
}

/// Places each column's vertices at the weighted mean of their neighbours, in their order and
/// apart by their room: a least-squares fit per column (pool adjacent violators), swept back and
/// forth so long edges straighten.
fn place_columns(columns: &[Vec<usize>], verts: &[Vertex], adj: &[Vec<usize>]) -> Vec<f64> {
    let gap = |a: &Vertex, b: &Vertex| match (a.node, b.node) {
        (Some(_), Some(_)) => GAP_Y,
        _ => EDGE_GAP,
    };
    let mut y = vec![0.0f64; verts.len()];
    let mut offset = vec![0.0f64; verts.len()];
    for col in columns {
        let mut at = 0.0;
        for (i, &v) in col.iter().enumerate() {
            if i > 0 {
                let u = col[i - 1];
                at += verts[u].below + gap(&verts[u], &verts[v]) + verts[v].above;
            }
            offset[v] = at;
            y[v] = at;
        }
    }
    let n = columns.len();
    for round in 0..2 * PLACE_ROUNDS {
        for step in 0..n {
            let c = if round % 2 == 0 { step } else { n - 1 - step };
            // Blocks of (weight, weighted sum, length) of z = y - offset, kept non-decreasing.
            let mut blocks: Vec<(f64, f64, usize)> = Vec::new();
            for &v in &columns[c] {
                let (mut w, mut s) = (1e-3, 1e-3 * y[v]);
                for &u in &adj[v] {
                    let k = weight(&verts[u], &verts[v]);
                    w += k;
                    s += k * y[u];
                }
                let mut block = (w, s - w * offset[v], 1);
                while let Some(&(pw, ps, pl)) = blocks.last() {
                    if ps / pw < block.1 / block.0 {
                        break;
                    }
                    blocks.pop();
                    block = (pw + block.0, ps + block.1, pl + block.2);
                }
                blocks.push(block);
            }
            let mut i = 0;
            for (w, s, len) in blocks {
                for &v in &columns[c][i..i + len] {
                    y[v] = s / w + offset[v];
                }
                i += len;
            }
        }
    }
    y
}

pub fn layout(graph: &Graph) -> Layout {
    let images = graph.images.len();
    let slot = |n: NodeRef| match n {
        NodeRef::Image(i) => i,
        NodeRef::Stage(s) => images + s,
    };
    let count = images + graph.stages.len();
    let node_of = |i: usize| {
        if i < images {
            NodeRef::Image(i)
        } else {
            NodeRef::Stage(i - images)
        }
    };
    let mut lines = edge_lines(graph);
    let rank = ranks(&lines, &slot, graph.target, count);

    // Boxes sit in even columns (column 2r for rank r); an edge from rank a to rank b gets a
    // dummy in every column between, and its label rides the dummy in the odd column at its middle.
    let mut verts: Vec<Vertex> = (0..count)
        .map(|n| {
            let h = height_of(node_of(n)) / 2.0;
            Vertex {
                column: 2 * rank[n],
                above: h,
                below: h,
                node: Some(n),
                label: false,
            }
        })
        .collect();
    let mut chains: Vec<Vec<usize>> = Vec::with_capacity(lines.len());
    for line in &lines {
        let (a, b) = (slot(line.from), slot(NodeRef::Stage(line.to)));
        let mut chain = vec![a];
        if rank[a] < rank[b] {
            let label_column = 2 * (rank[a] + (rank[b] - rank[a] - 1) / 2) + 1;
            for column in 2 * rank[a] + 1..2 * rank[b] {
                let labelled = column == label_column && !line.label.is_empty();
                chain.push(verts.len());
                verts.push(Vertex {
                    column,
                    above: if labelled { LABEL_ABOVE } else { 0.0 },
                    below: if labelled { LABEL_BELOW } else { 0.0 },
                    node: None,
                    label: labelled,
                });
            }
        }
        chain.push(b);
        chains.push(chain);
    }
    let mut pred: Vec<Vec<usize>> = vec![Vec::new(); verts.len()];
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); verts.len()];
    for chain in chains.iter().filter(|c| c.len() > 2) {
        for w in chain.windows(2) {
            succ[w[0]].push(w[1]);
            pred[w[1]].push(w[0]);
        }
    }
    // First orders: depth first from the boxes in rank order, along the edges from the sources
    // and against them from the sinks; the sweeps start from each, the fewer crossings win.
    let columns_n = verts.iter().map(|v| v.column + 1).max().unwrap_or(0);
    let mut columns: Vec<Vec<usize>> = Vec::new();
    let mut fewest = usize::MAX;
    // What this costs is bounded: a pasted file of a thousand stages with edges reaching far
    // back has a quarter of a million dummies, so big drawings get one start and few sweeps,
    // and drawings of 4,000 to 8,000 vertices (some 200 stages) two starts; runs of dummies
    // move as one (each move weighs every place of every column they cross) up to 2,000, over
    // the best start only.
    let big = verts.len() > 8000;
    let starts = if big {
        1
    } else if verts.len() > 4000 {
        2
    } else {
        4
    };
    let rounds = if big { 4 } else { 48 };
    let sifts = if big { 0 } else { 4 };
    for (forward, mean) in [(true, false), (false, false), (true, true), (false, true)]
        .into_iter()
        .take(starts)
    {
        let mut start: Vec<Vec<usize>> = vec![Vec::new(); columns_n];
        let mut seen = vec![false; verts.len()];
        let mut starts: Vec<usize> = (0..count).collect();
        crate::engine::sort::sort_by_key(&mut starts, |&n| rank[n]);
        if !forward {
            starts.reverse();
        }
        let next = if forward { &succ } else { &pred };
        for s in starts {
            let mut stack = vec![s];
            while let Some(v) = stack.pop() {
                if std::mem::replace(&mut seen[v], true) {
                    continue;
                }
                start[verts[v].column].push(v);
                stack.extend(next[v].iter().rev().filter(|&&w| !seen[w]));
            }
        }
        let crossings = order_columns(&mut start, &pred, &succ, mean, rounds, sifts);
        if crossings < fewest {
            fewest = crossings;
            columns = start;
        }
    }
    // Then the best order's runs of dummies move as one, each time followed by sifting again.
    if verts.len() <= 2000 {
        let column: Vec<usize> = verts.iter().map(|v| v.column).collect();
        let mut pos = vec![0usize; verts.len()];
        for col in &columns {
            for (i, &v) in col.iter().enumerate() {
                pos[v] = i;
            }
        }
        for _ in 0..2 {
            if !sift_runs(&mut columns, &chains, &column, &succ, &mut pos)
                || !sift(&mut columns, [&pred, &succ], &mut pos)
            {
                break;
            }
        }
    }
    let adj: Vec<Vec<usize>> = (0..verts.len())
        .map(|v| pred[v].iter().chain(&succ[v]).copied().collect())
        .collect();
    let mut y = place_columns(&columns, &verts, &adj);
    let top = verts
        .iter()
        .zip(&y)
        .map(|(v, y)| y - v.above)
        .fold(f64::INFINITY, f64::min);
    for y in &mut y {
        *y += MARGIN - top;
    }

    // Column widths: boxes, or the widest label; gaps between columns hold the curves.
    let mut widths = vec![0.0f64; columns_n];
    for (i, w) in widths.iter_mut().enumerate() {
        if i % 2 == 0 {
            *w = NODE_W;
        }
    }
    for (line, chain) in lines.iter().zip(&chains) {
        if let Some(&v) = chain.iter().find(|&&v| verts[v].label) {
            let c = verts[v].column;
            widths[c] = widths[c].max(label_width(&line.label));
        }
    }
    let mut left = Vec::with_capacity(columns_n);
    let mut x = MARGIN;
    for w in &widths {
        left.push(x);
        x += w + GAP_X;
    }

    let boxes: Vec<NodeBox> = (0..count)
        .map(|n| {
            let node = node_of(n);
            let h = height_of(node);
            NodeBox {
                node,
                layer: rank[n],
                x: left[verts[n].column],
                y: y[n] - h / 2.0,
                w: NODE_W,
                h,
            }
        })
        .collect();

    // Ports: the edges leaving (entering) a box spread down its side in the order of the
    // vertices they go to (come from), so edges of one box do not cross each other.
    let mut port = vec![(0.0f64, 0.0f64); chains.len()];
    let mut pos = vec![0usize; verts.len()];
    for col in &columns {
        for (i, &v) in col.iter().enumerate() {
            pos[v] = i;
        }
    }
    for n in 0..count {
        for out in [true, false] {
            let mut ends: Vec<(usize, usize)> = chains
                .iter()
                .enumerate()
                .filter(|(_, c)| if out { c[0] == n } else { c[c.len() - 1] == n })
                .map(|(i, c)| (if out { pos[c[1]] } else { pos[c[c.len() - 2]] }, i))
                .collect();
            crate::engine::sort::sort_by_key(&mut ends, |&(p, _)| p);
            let k = ends.len() as f64;
            let step = if k > 1.0 {
                (boxes[n].h - 2.0 * PORT_INSET).min(PORT_STEP * (k - 1.0)) / (k - 1.0)
            } else {
                0.0
            };
            for (j, &(_, i)) in ends.iter().enumerate() {
                let at = y[n] + (j as f64 - (k - 1.0) / 2.0) * step;
                if out {
                    port[i].0 = at;
                } else {
                    port[i].1 = at;
                }
            }
        }
    }

    for (i, (line, chain)) in lines.iter_mut().zip(&chains).enumerate() {
        let (a, b) = (chain[0], chain[chain.len() - 1]);
        // Every run: a point where the edge enters a column and where it leaves it.
        let mut runs: Vec<(f64, f64, f64)> =
            vec![(boxes[a].x + NODE_W, boxes[a].x + NODE_W, port[i].0)];
        for &v in &chain[1..chain.len() - 1] {
            let c = verts[v].column;
            runs.push((left[c], left[c] + widths[c], y[v]));
            if verts[v].label {
                line.label_x = left[c] + widths[c] / 2.0;
                line.label_y = y[v] - LABEL_LIFT;
            }
        }
        runs.push((boxes[b].x, boxes[b].x, port[i].1));
        let mut path = format!("M{},{}", Fixed(runs[0].1, 1), Fixed(runs[0].2, 1));
        for w in runs.windows(2) {
            let ((_, x1, y1), (x2, x3, y2)) = (w[0], w[1]);
            let dx = (x2 - x1) / 2.0;
            let _ = write!(
                path,
                " C{},{} {},{} {},{}",
                Fixed(x1 + dx, 1),
                Fixed(y1, 1),
                Fixed(x2 - dx, 1),
                Fixed(y2, 1),
                Fixed(x2, 1),
                Fixed(y2, 1)
            );
            if x3 > x2 {
                let _ = write!(path, " L{},{}", Fixed(x3, 1), Fixed(y2, 1));
            }
        }
        line.path = path;
        if chain.len() == 2 {
            line.label_x = (runs[0].1 + runs[1].0) / 2.0;
            line.label_y = (runs[0].2 + runs[1].2) / 2.0 - LABEL_LIFT;
        }
    }

    let width = left.last().map_or(0.0, |l| l + NODE_W) + MARGIN;
    let height = verts
        .iter()
        .zip(&y)
        .map(|(v, y)| y + v.below + MARGIN)
        .fold(MARGIN, f64::max);
    Layout {
        width,
        height,
        nodes: boxes,
        edges: lines,
    }
}

fn height_of(n: NodeRef) -> f64 {
    match n {
        NodeRef::Stage(_) => NODE_H,
        NodeRef::Image(_) => IMAGE_H,
    }
}

/// How wide a label is drawn: 12px monospace at most, the widest face the pictures use.
pub fn label_width(label: &str) -> f64 {
    label.chars().count() as f64 * LABEL_CHAR_W + 8.0
}

/// The drawn edges, one per kind between two nodes, with their labels; no geometry yet.
fn edge_lines(graph: &Graph) -> Vec<EdgeLine> {
    let mut lines: Vec<EdgeLine> = Vec::new();
    for (i, e) in graph.edges.iter().enumerate() {
        if let Some(l) = lines
            .iter_mut()
            .find(|l| (l.from, l.to, l.kind) == (e.from, e.to, e.kind))
        {
            l.edges.push(i);
            continue;
        }
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
    for line in &mut lines {
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
    }
    lines
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

    /// The points where `path` turns: its start, the end of each curve and of each run.
    fn ends(path: &str) -> Vec<(f64, f64)> {
        path.split(['M', 'C', 'L'])
            .filter_map(|part| part.split_whitespace().last())
            .filter_map(|p| p.split_once(','))
            .map(|(x, y)| (x.parse().unwrap(), y.parse().unwrap()))
            .collect()
    }

    #[test]
    fn an_edge_that_skips_a_column_bends_around_the_box_in_it() {
        // a -> b -> c and a -> c: the long edge passes b's column beside b, not through it.
        let l = check(
            "FROM alpine AS a\nFROM alpine AS b\nCOPY --from=a /x /x\nFROM alpine AS c\nCOPY --from=b /y /y\nCOPY --from=a /z /z\n",
        );
        let b = l.node(NodeRef::Stage(1)).unwrap();
        let long = l.edges.iter().find(|e| e.label == "/z").unwrap();
        let inside = ends(&long.path)
            .into_iter()
            .filter(|&(x, _)| x >= b.x && x <= b.x + b.w)
            .collect::<Vec<_>>();
        assert_eq!(
            inside.len(),
            2,
            "enters and leaves b's column: {}",
            long.path
        );
        for (_, y) in inside {
            assert!(y < b.y || y > b.y + b.h, "{} runs through {b:?}", long.path);
        }
    }

    #[test]
    fn labels_of_edges_into_one_stage_do_not_overlap() {
        let mut src = String::new();
        for i in 0..8 {
            src.push_str(&format!("FROM alpine AS s{i}\n"));
        }
        src.push_str("FROM scratch\n");
        for i in 0..8 {
            src.push_str(&format!("COPY --from=s{i} /artifact/{i} /\n"));
        }
        let l = check(&src);
        let mut ys: Vec<f64> = l.edges.iter().map(|e| e.label_y).collect();
        ys.sort_by(f64::total_cmp);
        assert!(ys.windows(2).all(|w| w[1] - w[0] >= 13.0), "{ys:?}");
    }

    #[test]
    fn the_layout_is_the_same_every_time() {
        let src = "FROM alpine AS a\nFROM alpine AS b\nCOPY --from=a /x /x\nFROM alpine\nCOPY --from=a /y /y\nCOPY --from=b /z /z\nCOPY --from=nginx /n /n\n";
        assert_eq!(check(src), check(src));
    }

    #[test]
    fn a_long_edge_on_the_wrong_side_moves_as_a_whole() {
        // t -> r1 -> r2 -> h beside s -> u -> w -> h, the run below u and w: one crossing, which
        // moving r1 or r2 alone cannot remove (either would cross u -> w instead); the run can.
        let (t, s, u, w, h, r1, r2) = (0, 1, 2, 3, 4, 5, 6);
        let mut columns = vec![vec![t, s], vec![u, r1], vec![w, r2], vec![h]];
        let mut succ = vec![Vec::new(); 7];
        for (a, b) in [(t, r1), (r1, r2), (r2, h), (s, u), (u, w), (w, h)] {
            succ[a].push(b);
        }
        let chains = vec![vec![t, r1, r2, h], vec![s, u], vec![u, w], vec![w, h]];
        let column = [0, 0, 1, 2, 3, 1, 2];
        let mut pos = vec![0; 7];
        let crossings = |columns: &[Vec<usize>], pos: &mut [usize]| {
            for col in columns {
                for (i, &v) in col.iter().enumerate() {
                    pos[v] = i;
                }
            }
            (0..3)
                .map(|c| crossings_between(&columns[c], &succ, pos, columns[c + 1].len()))
                .sum::<usize>()
        };
        assert_eq!(crossings(&columns, &mut pos), 1);
        assert!(sift_runs(&mut columns, &chains, &column, &succ, &mut pos));
        assert_eq!(columns, vec![vec![t, s], vec![r1, u], vec![r2, w], vec![h]]);
        assert_eq!(crossings(&columns, &mut pos), 0);
        assert!(!sift_runs(&mut columns, &chains, &column, &succ, &mut pos));
    }

    #[test]
    fn the_min_tree_agrees_with_a_plain_list() {
        let mut tree = MinTree::default();
        let mut plain: Vec<i64> = vec![5, 3, 8, 3, 9, 1, 7];
        tree.reset(plain.iter().copied());
        for (from, to, by) in [(0, 7, 2), (5, 6, 4), (1, 4, -3), (2, 3, -9), (6, 7, -20)] {
            tree.add(from, to, by);
            for x in &mut plain[from..to] {
                *x += by;
            }
            let least = *plain.iter().min().unwrap();
            let first = plain.iter().position(|&x| x == least).unwrap();
            assert_eq!(tree.least(), (least, first), "{plain:?}");
        }
    }

    #[test]
    fn external_images_sit_left_of_their_consumer() {
        let l = check("FROM alpine\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n");
        let img = l.node(NodeRef::Image(0)).unwrap();
        let s = l.node(NodeRef::Stage(0)).unwrap();
        assert!(img.x < s.x);
    }
}

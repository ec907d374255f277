//! Ranks by network simplex (Gansner, Koutsofios, North and Vo, "A technique for drawing
//! directed graphs", 1993): the ranks that keep every arc at least its minimum length and make
//! the weighted sum of lengths the least, so that long edges, and the dummies that cross, are few.
//!
//! Ranks start as longest paths; a spanning tree of tight arcs (length equal to the minimum) is
//! grown by shifting the tree toward the nearest outside node; then, while a tree arc has a
//! negative cut value (the ranks would get shorter in total if it stretched), it leaves the tree
//! and the non-tree arc of least slack across the same cut enters it.

/// `rank[head] - rank[tail] >= min`, at a cost of `weight` for each rank of length.
#[derive(Clone, Copy, Debug)]
pub(super) struct Arc {
    pub tail: usize,
    pub head: usize,
    pub min: i64,
    pub weight: i64,
}

struct Tree<'a> {
    arcs: &'a [Arc],
    /// Arcs at each node, either way.
    incident: Vec<Vec<usize>>,
    rank: Vec<i64>,
    in_tree: Vec<bool>,
    /// Postorder number of each node, and the least one in its subtree.
    lim: Vec<usize>,
    low: Vec<usize>,
    /// The tree arc to the parent (`usize::MAX` at a root).
    parent: Vec<usize>,
    /// Out-weight minus in-weight of each node, and summed over its subtree: the net weight
    /// of the arcs leaving the subtree, from which every cut value follows.
    balance: Vec<i64>,
    net: Vec<i64>,
}

const NONE: usize = usize::MAX;

impl Tree<'_> {
    fn slack(&self, a: usize) -> i64 {
        let arc = &self.arcs[a];
        self.rank[arc.head] - self.rank[arc.tail] - arc.min
    }

    fn other(&self, a: usize, v: usize) -> usize {
        let arc = &self.arcs[a];
        if arc.tail == v {
            arc.head
        } else {
            arc.tail
        }
    }

    /// A spanning forest of tight arcs, one tree per connected part.
    fn feasible(&mut self) {
        let n = self.rank.len();
        let mut reached = vec![false; n];
        for root in 0..n {
            if reached[root] {
                continue;
            }
            reached[root] = true;
            let mut members = vec![root];
            let mut stack = vec![root];
            loop {
                // Take in every node a tight arc reaches.
                while let Some(v) = stack.pop() {
                    for i in 0..self.incident[v].len() {
                        let a = self.incident[v][i];
                        let w = self.other(a, v);
                        if !reached[w] && self.slack(a) == 0 {
                            reached[w] = true;
                            self.in_tree[a] = true;
                            members.push(w);
                            stack.push(w);
                        }
                    }
                }
                // The arc of least slack from the tree to the rest of its part.
                let mut best: Option<(i64, usize)> = None;
                for &v in &members {
                    for &a in &self.incident[v] {
                        if !reached[self.other(a, v)] {
                            let s = self.slack(a);
                            if best.is_none_or(|(b, _)| s < b) {
                                best = Some((s, a));
                            }
                        }
                    }
                }
                let Some((s, a)) = best else { break };
                // Shift the tree so that the arc becomes tight: down if the tree holds its head.
                let delta = if reached[self.arcs[a].head] { -s } else { s };
                for &v in &members {
                    self.rank[v] += delta;
                }
                let w = if reached[self.arcs[a].head] {
                    self.arcs[a].tail
                } else {
                    self.arcs[a].head
                };
                reached[w] = true;
                self.in_tree[a] = true;
                members.push(w);
                stack.push(w);
            }
        }
    }

    /// Parents, postorder numbers and subtree sums of the current tree.
    fn number(&mut self) {
        let n = self.rank.len();
        self.parent.iter_mut().for_each(|p| *p = NONE);
        let mut seen = vec![false; n];
        let mut next = 0;
        for root in 0..n {
            if seen[root] {
                continue;
            }
            seen[root] = true;
            // (node, index of the next incident arc to look at)
            let mut stack = vec![(root, 0usize)];
            self.low[root] = next;
            self.net[root] = self.balance[root];
            while let Some(&mut (v, ref mut i)) = stack.last_mut() {
                if let Some(&a) = self.incident[v].get(*i) {
                    *i += 1;
                    let w = self.other(a, v);
                    if self.in_tree[a] && !seen[w] {
                        seen[w] = true;
                        self.parent[w] = a;
                        self.low[w] = next;
                        self.net[w] = self.balance[w];
                        stack.push((w, 0));
                    }
                    continue;
                }
                stack.pop();
                self.lim[v] = next;
                next += 1;
                if let Some(&(p, _)) = stack.last() {
                    self.net[p] += self.net[v];
                }
            }
        }
    }

    fn child(&self, a: usize) -> usize {
        let arc = &self.arcs[a];
        if self.parent[arc.tail] == a {
            arc.tail
        } else {
            arc.head
        }
    }

    fn cut_value(&self, a: usize) -> i64 {
        let v = self.child(a);
        if self.arcs[a].tail == v {
            self.net[v]
        } else {
            -self.net[v]
        }
    }

    fn under(&self, v: usize, x: usize) -> bool {
        self.low[v] <= self.lim[x] && self.lim[x] <= self.lim[v]
    }
}

/// Ranks of `n` nodes under `arcs`, the least of each connected part 0. Arcs that would close a
/// cycle are ignored; at most `rounds` exchanges are made (each a step toward the optimum).
pub(super) fn network_simplex(n: usize, arcs: &[Arc], rounds: usize) -> Vec<i64> {
    // A topological order (nodes on a cycle last, in index order), and only the arcs along it.
    let mut indegree = vec![0usize; n];
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, a) in arcs.iter().enumerate() {
        if a.tail < n && a.head < n && a.tail != a.head {
            indegree[a.head] += 1;
            out[a.tail].push(i);
        }
    }
    let mut order: Vec<usize> = (0..n).filter(|&v| indegree[v] == 0).collect();
    let mut i = 0;
    while i < order.len() {
        let v = order[i];
        i += 1;
        for &a in &out[v] {
            let h = arcs[a].head;
            indegree[h] -= 1;
            if indegree[h] == 0 {
                order.push(h);
            }
        }
    }
    let mut place = vec![NONE; n];
    for (i, &v) in order.iter().enumerate() {
        place[v] = i;
    }
    for (v, at) in place.iter_mut().enumerate() {
        if *at == NONE {
            *at = order.len();
            order.push(v);
        }
    }
    let kept: Vec<Arc> = arcs
        .iter()
        .filter(|a| a.tail < n && a.head < n && place[a.tail] < place[a.head])
        .map(|a| Arc {
            min: a.min.max(0),
            weight: a.weight.max(0),
            ..*a
        })
        .collect();
    let mut rank = vec![0i64; n];
    let mut incident: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut into: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut balance = vec![0i64; n];
    for (i, a) in kept.iter().enumerate() {
        incident[a.tail].push(i);
        incident[a.head].push(i);
        into[a.head].push(i);
        balance[a.tail] += a.weight;
        balance[a.head] -= a.weight;
    }
    for &v in &order {
        for &a in &into[v] {
            rank[v] = rank[v].max(rank[kept[a].tail] + kept[a].min);
        }
    }
    let mut tree = Tree {
        arcs: &kept,
        incident,
        rank,
        in_tree: vec![false; kept.len()],
        lim: vec![0; n],
        low: vec![0; n],
        parent: vec![NONE; n],
        balance,
        net: vec![0; n],
    };
    tree.feasible();
    tree.number();
    let mut from = 0;
    for _ in 0..rounds {
        // The next tree arc of negative cut value, searching on from the last one found.
        let count = kept.len();
        let Some(leave) = (0..count)
            .map(|k| (from + k) % count)
            .find(|&a| tree.in_tree[a] && tree.cut_value(a) < 0)
        else {
            break;
        };
        from = leave + 1;
        let v = tree.child(leave);
        // The arc that enters crosses the cut the other way, with the least slack.
        let inward = kept[leave].tail == v;
        let enter = (0..count)
            .filter(|&a| {
                !tree.in_tree[a] && {
                    let (t, h) = (kept[a].tail, kept[a].head);
                    if inward {
                        tree.under(v, h) && !tree.under(v, t)
                    } else {
                        tree.under(v, t) && !tree.under(v, h)
                    }
                }
            })
            .min_by_key(|&a| (tree.slack(a), a));
        let Some(enter) = enter else { break };
        let s = tree.slack(enter);
        let delta = if inward { -s } else { s };
        for x in 0..n {
            if tree.under(v, x) {
                tree.rank[x] += delta;
            }
        }
        tree.in_tree[leave] = false;
        tree.in_tree[enter] = true;
        tree.number();
    }
    // Each connected part from rank 0.
    let mut rank = tree.rank;
    let mut part = vec![NONE; n];
    let mut least: Vec<i64> = Vec::new();
    for root in 0..n {
        if part[root] != NONE {
            continue;
        }
        let p = least.len();
        least.push(rank[root]);
        part[root] = p;
        let mut stack = vec![root];
        while let Some(v) = stack.pop() {
            least[p] = least[p].min(rank[v]);
            for &a in &tree.incident[v] {
                let w = if kept[a].tail == v {
                    kept[a].head
                } else {
                    kept[a].tail
                };
                if part[w] == NONE {
                    part[w] = p;
                    stack.push(w);
                }
            }
        }
    }
    for v in 0..n {
        rank[v] -= least[part[v]];
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arc(tail: usize, head: usize) -> Arc {
        Arc {
            tail,
            head,
            min: 1,
            weight: 1,
        }
    }

    fn length(rank: &[i64], arcs: &[Arc]) -> i64 {
        arcs.iter()
            .map(|a| a.weight * (rank[a.head] - rank[a.tail]))
            .sum()
    }

    #[test]
    fn a_source_with_one_late_consumer_moves_next_to_it() {
        // 0 -> 1 -> 2 -> 3 and 4 -> 3: longest path puts 4 at rank 0, three ranks from 3.
        let arcs = [arc(0, 1), arc(1, 2), arc(2, 3), arc(4, 3)];
        let rank = network_simplex(5, &arcs, 100);
        assert_eq!(rank, vec![0, 1, 2, 3, 2]);
        assert_eq!(length(&rank, &arcs), 4);
    }

    #[test]
    fn a_diamond_beside_a_long_path_is_all_tight() {
        // 0 -> 1 -> 2 -> 3 beside 0 -> 4 -> {5, 6} -> 3: every arc one rank long, 8 in all.
        let arcs = [
            arc(0, 1),
            arc(1, 2),
            arc(2, 3),
            arc(0, 4),
            arc(4, 5),
            arc(4, 6),
            arc(5, 3),
            arc(6, 3),
        ];
        let rank = network_simplex(7, &arcs, 100);
        for a in &arcs {
            assert!(rank[a.head] - rank[a.tail] >= 1, "{rank:?}");
        }
        assert_eq!(length(&rank, &arcs), 8, "{rank:?}");
        assert_eq!(rank, vec![0, 1, 2, 3, 1, 2, 2]);
    }

    #[test]
    fn separate_parts_each_start_at_zero_and_cycles_do_not_hang() {
        let arcs = [arc(0, 1), arc(1, 0), arc(2, 3), arc(3, 3), arc(9, 2)];
        let rank = network_simplex(4, &arcs, 100);
        assert_eq!(rank, vec![0, 1, 0, 1]);
    }

    #[test]
    fn minimum_zero_lets_a_sink_share_the_last_rank() {
        // Everything at or before 2, which is pinned by zero-weight arcs.
        let arcs = [
            arc(0, 1),
            arc(1, 2),
            Arc {
                tail: 3,
                head: 2,
                min: 0,
                weight: 0,
            },
            arc(0, 3),
        ];
        let rank = network_simplex(4, &arcs, 100);
        assert_eq!(rank, vec![0, 1, 2, 1]);
    }
}

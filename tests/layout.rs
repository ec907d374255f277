//! The graph layout on random DAGs: boxes never overlap, stay inside the picture, and every edge
//! goes left to right.

use airlock::engine::graph::NodeRef;
use airlock::engine::{analyze, Config};
use airlock::render::layout::{layout, NodeBox};
use proptest::prelude::*;

/// A Dockerfile whose stages copy from random earlier stages and external images.
fn dockerfile(stages: usize, picks: &[(usize, usize, bool)]) -> String {
    let mut out = String::new();
    for s in 0..stages {
        out.push_str(&format!("FROM alpine:3.20 AS s{s}\n"));
        for &(k, from, image) in picks.iter().filter(|(k, _, _)| k % stages == s) {
            if image {
                out.push_str(&format!("COPY --from=img{}:1 /x{k} /y\n", from % 7));
            } else if s > 0 {
                out.push_str(&format!("COPY --from=s{} /a{k} /b\n", from % s));
            }
        }
    }
    out
}

fn overlaps(a: &NodeBox, b: &NodeBox) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_dags_up_to_200_stages_never_overlap(
        stages in 1usize..=200,
        picks in prop::collection::vec((0usize..1000, 0usize..1000, prop::bool::weighted(0.1)), 0..400),
    ) {
        let src = dockerfile(stages, &picks);
        let a = analyze(&src, &Config::default());
        prop_assert_eq!(a.graph.stages.len(), stages);
        let l = layout(&a.graph);
        prop_assert_eq!(l.nodes.len(), stages + a.graph.images.len());
        for (i, x) in l.nodes.iter().enumerate() {
            prop_assert!(x.x >= 0.0 && x.y >= 0.0 && x.x + x.w <= l.width && x.y + x.h <= l.height);
            for y in &l.nodes[i + 1..] {
                prop_assert!(!overlaps(x, y), "{:?} overlaps {:?}", x, y);
            }
        }
        for e in &l.edges {
            let from = l.node(e.from).unwrap();
            let to = l.node(NodeRef::Stage(e.to)).unwrap();
            prop_assert!(from.x + from.w <= to.x, "edges run left to right");
        }
    }
}

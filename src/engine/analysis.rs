//! Shared analysis: questions about a parsed file and its graph that several rules (and fixes)
//! ask, answered here once so that no rule depends on another.
//!
//! `Facts` is what is read once per file (each instruction's stage, each RUN's commands); the
//! submodules answer questions from it. Imports `syntax`, `graph`, `shell`, `paths` and
//! `diagnostic` (for edits), never `rules`, `size` or the front ends.

pub mod builds;
pub mod cleanstart;
pub mod edit;
pub mod scope;
pub mod stages;
pub mod user;

use crate::engine::graph::{Base, Budget, Graph, Stage};
use crate::engine::shell::{self, Command};
use crate::engine::syntax::{Dockerfile, Instruction, Kw, Span};

/// The tree, the graph, and what is read from them once.
pub struct Facts<'a> {
    pub tree: &'a Dockerfile,
    pub graph: &'a Graph,
    /// The stage of each instruction (`None` before the first FROM).
    stage_of: Vec<Option<usize>>,
    /// The shell commands of each RUN (empty for other instructions), read once: most rules
    /// look at them, and reading a script is the costliest step of a check.
    runs: Vec<Vec<Command>>,
    /// The stage each stage finally rests on (`Graph::resolved_base`), found once: rules ask
    /// for it per stage, and following a long chain of stages each time was quadratic.
    roots: Vec<usize>,
    /// The glob steps the rules' expansions of ARG defaults, ENV values and paths share (see
    /// `graph::Budget`): a file of costly patterns costs one budget, not one per expansion.
    pub budget: Budget,
}

impl<'a> Facts<'a> {
    pub fn new(tree: &'a Dockerfile, graph: &'a Graph) -> Self {
        let mut stage_of = vec![None; tree.instructions.len()];
        for s in &graph.stages {
            for i in s.instructions.clone() {
                stage_of[i] = Some(s.index);
            }
        }
        let runs = tree
            .instructions
            .iter()
            .map(|i| match i.keyword.kind {
                Kw::Run => shell::run_commands(i),
                _ => Vec::new(),
            })
            .collect();
        let mut roots: Vec<usize> = Vec::with_capacity(graph.stages.len());
        for s in &graph.stages {
            let root = match s.base {
                Base::Stage { index } if index < s.index => roots[index],
                _ => graph.resolved_base(s.index).0,
            };
            roots.push(root);
        }
        Facts {
            tree,
            graph,
            stage_of,
            runs,
            roots,
            budget: Budget::default(),
        }
    }

    /// `Graph::resolved_base`, looked up: the stage `stage` finally rests on and its base.
    pub fn resolved_base(&self, stage: usize) -> (usize, &'a Base) {
        match self.roots.get(stage) {
            Some(&root) => (root, &self.graph.stages[root].base),
            None => self.graph.resolved_base(stage),
        }
    }

    /// The commands a RUN executes (see `shell::run_commands`), by instruction index.
    pub fn commands(&self, instruction: usize) -> &[shell::Command] {
        self.runs.get(instruction).map_or(&[], Vec::as_slice)
    }

    pub fn stage_of(&self, instruction: usize) -> Option<&Stage> {
        self.stage_of
            .get(instruction)
            .copied()
            .flatten()
            .map(|s| &self.graph.stages[s])
    }

    /// True when the stage's files are part of the product `docker build` makes: the graph's
    /// `Stage::ships` (the target's chain, unless the target is a dev or test image).
    pub fn is_shipped(&self, stage: usize) -> bool {
        self.graph.stages.get(stage).is_some_and(|s| s.ships)
    }

    pub fn target(&self) -> Option<&Stage> {
        self.graph.target.map(|t| &self.graph.stages[t])
    }

    /// The target when it ships (see `is_shipped`): what the rules about the final image
    /// look at. `None` for a dev or test target.
    pub fn shipped_target(&self) -> Option<&Stage> {
        self.target().filter(|t| t.ships)
    }

    /// The instructions of a stage after its FROM, with their indices.
    pub fn stage_instructions(
        &self,
        stage: &Stage,
    ) -> impl Iterator<Item = (usize, &'a Instruction)> + '_ {
        let tree = self.tree;
        (stage.instructions.start + 1..stage.instructions.end)
            .map(move |i| (i, &tree.instructions[i]))
    }

    /// The shipped stages from the first built to the target: what the final image inherits.
    pub fn shipped_chain(&self) -> Vec<&'a Stage> {
        let graph = self.graph;
        graph
            .stages
            .iter()
            .filter(|s| self.is_shipped(s.index))
            .collect()
    }

    /// The instructions whose effect is in the final image, in order.
    pub fn shipped_instructions(&self) -> Vec<(usize, &'a Instruction)> {
        self.shipped_chain()
            .into_iter()
            .flat_map(|s| {
                let tree = self.tree;
                (s.instructions.start + 1..s.instructions.end)
                    .map(move |i| (i, &tree.instructions[i]))
            })
            .collect()
    }

    /// The source text of a span.
    pub fn text(&self, span: Span) -> &'a str {
        let tree: &'a Dockerfile = self.tree;
        tree.text(span)
    }
}

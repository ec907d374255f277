//! The playground's one piece of state: the editor text and the graph settings the user chose,
//! the analysis and everything drawn from it (recomputed in the reducer, never edited on its
//! own), and what the user points at (a selected node or edge, the editor's caret).

use std::rc::Rc;

use yew::Reducible;

use super::graph_view::{graph_view, stage_at, GraphView, Selection};
use super::outline::Outline;
use crate::engine::{analyze, Analysis, Config, GraphConfig};
use crate::render::layout::layout;

/// The Dockerfile the editor starts with.
pub const EXAMPLE: &str = include_str!("../../static/examples/go-distroless.Dockerfile");

#[derive(Clone, Debug)]
pub struct AppState {
    pub text: Rc<str>,
    pub config: GraphConfig,
    pub analysis: Rc<Analysis>,
    pub outline: Rc<Outline>,
    pub view: Rc<GraphView>,
    pub selection: Option<Selection>,
    /// Byte offset of the editor's caret (the start of its selection).
    pub caret: Option<usize>,
}

pub enum Action {
    /// The user changed the editor's text.
    Edit(String),
    /// The stage to build; `None` for the last one.
    SetTarget(Option<String>),
    SetBuildArgs(Vec<(String, String)>),
    Select(Option<Selection>),
    /// The editor's caret moved to this byte offset.
    Caret(usize),
}

impl AppState {
    pub fn new(text: &str) -> Self {
        Self::derive(text.into(), GraphConfig::default(), None, None)
    }

    fn derive(
        text: Rc<str>,
        config: GraphConfig,
        selection: Option<Selection>,
        caret: Option<usize>,
    ) -> Self {
        let analysis = analyze(
            &text,
            &Config {
                graph: config.clone(),
                ..Config::default()
            },
        );
        let outline = Outline::new(&analysis);
        let view = graph_view(&analysis, &layout(&analysis.graph));
        AppState {
            selection: selection.filter(|s| s.exists(&analysis.graph)),
            caret: caret.filter(|&c| c <= text.len()),
            text,
            config,
            analysis: Rc::new(analysis),
            outline: Rc::new(outline),
            view: Rc::new(view),
        }
    }

    /// The stage the caret is in, if any.
    pub fn caret_stage(&self) -> Option<usize> {
        self.caret.and_then(|c| stage_at(&self.analysis.graph, c))
    }

    fn with_config(&self, config: GraphConfig) -> Self {
        Self::derive(self.text.clone(), config, self.selection, self.caret)
    }
}

/// The derived fields follow from the text and the config, so those and what the user points at
/// decide equality (the context compares states to decide whether consumers re-render).
impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
            && self.config == other.config
            && self.selection == other.selection
            && self.caret == other.caret
    }
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new(EXAMPLE)
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            // An input event that leaves the text as it was (e.g. a rejected key) costs no parse.
            Action::Edit(text) if *text == *self.text => self,
            // Spans move with the text, so a selection made before the edit no longer holds.
            Action::Edit(text) => Rc::new(Self::derive(
                text.into(),
                self.config.clone(),
                None,
                self.caret,
            )),
            Action::SetTarget(target) if target == self.config.target => self,
            Action::SetTarget(target) => Rc::new(self.with_config(GraphConfig {
                target,
                ..self.config.clone()
            })),
            Action::SetBuildArgs(args) if args == self.config.build_args => self,
            Action::SetBuildArgs(build_args) => Rc::new(self.with_config(GraphConfig {
                build_args,
                ..self.config.clone()
            })),
            Action::Select(selection) if selection == self.selection => self,
            Action::Select(selection) => Rc::new(AppState {
                selection: selection.filter(|s| s.exists(&self.analysis.graph)),
                ..(*self).clone()
            }),
            Action::Caret(offset) if Some(offset) == self.caret => self,
            Action::Caret(offset) => {
                let graph = &self.analysis.graph;
                Rc::new(AppState {
                    caret: Some(offset),
                    selection: self.selection.filter(|s| s.contains(graph, offset)),
                    ..(*self).clone()
                })
            }
        }
    }
}

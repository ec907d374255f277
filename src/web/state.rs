//! The playground's one piece of state: the editor text and the graph settings the user chose,
//! the analysis and everything drawn from it (recomputed in the reducer, never edited on its
//! own), and what the user points at (a selected node or edge, the editor's caret).

use std::rc::Rc;

use yew::Reducible;

use super::persist::{is_work, same_work};
use crate::engine::diagnostic::{apply_edits, Edit};
use crate::engine::graph::NodeRef;
use crate::engine::size::SizeConfig;
use crate::engine::{
    analyze, fix_all, fix_selected, Analysis, Config, GraphConfig, RuleConfig, CLEANSTART_RULE,
};
use crate::render::layout::layout;
use crate::view::findings::FindingFilter;
use crate::view::graph_view::{graph_view, stage_at, GraphView, Selection};
use crate::view::outline::Outline;
use crate::view::share::Snapshot;
use crate::view::size_view::set_override;

// The time of the two big steps of the last derivation on the page's performance timeline, as
// the measures `airlock:analysis` and `airlock:layout` (only the last of each is kept; the
// outline and the graph's view take well under a millisecond for 60 stages):
// tests/browser/layout-time.test.mjs and paste-time.test.mjs read them.
const STEP_MARK: &str = "airlock:step-start";

#[wasm_bindgen::prelude::wasm_bindgen(js_namespace = performance)]
extern "C" {
    #[wasm_bindgen(js_name = mark)]
    fn perf_mark(name: &str);
    #[wasm_bindgen(js_name = measure)]
    fn perf_measure(name: &str, start: &str);
    #[wasm_bindgen(js_name = clearMarks)]
    fn perf_clear_marks(name: &str);
    #[wasm_bindgen(js_name = clearMeasures)]
    fn perf_clear_measures(name: &str);
}

/// Runs `f` as the step `measure` of the performance timeline (see `STEP_MARK`).
fn timed<T>(measure: &str, f: impl FnOnce() -> T) -> T {
    perf_mark(STEP_MARK);
    let out = f();
    perf_clear_measures(measure);
    perf_measure(measure, STEP_MARK);
    perf_clear_marks(STEP_MARK);
    out
}

/// The Dockerfile the editor starts with.
pub const EXAMPLE: &str = crate::view::examples::GO_DISTROLESS;

/// The panes that share the results column, one shown at a time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Graph,
    Findings,
    Rules,
    Size,
    Workshop,
}

impl Tab {
    /// In the order of the tab bar.
    pub const ALL: &'static [Tab] = &[
        Tab::Graph,
        Tab::Findings,
        Tab::Rules,
        Tab::Size,
        Tab::Workshop,
    ];

    /// The id part of the tab and its panel (`tab-size`, `panel-size`).
    pub fn id(self) -> &'static str {
        match self {
            Tab::Graph => "graph",
            Tab::Findings => "findings",
            Tab::Rules => "rules",
            Tab::Size => "size",
            Tab::Workshop => "workshop",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Tab::Graph => "Graph",
            Tab::Findings => "Findings",
            Tab::Rules => "Rules",
            Tab::Size => "Size",
            Tab::Workshop => "Workshop",
        }
    }
}

/// Rows a long list draws before its "Show all" button.
pub const ROWS_AT_FIRST: usize = 200;

#[derive(Clone, Debug)]
pub struct AppState {
    pub text: Rc<str>,
    pub config: GraphConfig,
    /// The sizes the user typed for the estimate.
    pub size: SizeConfig,
    pub analysis: Rc<Analysis>,
    pub outline: Rc<Outline>,
    pub view: Rc<GraphView>,
    pub selection: Option<Selection>,
    /// Byte offset of the editor's caret (the start of its selection).
    pub caret: Option<usize>,
    pub tab: Tab,
    /// Which rules run and how (the settings panel).
    pub rules: RuleConfig,
    /// The rule whose docs the rules pane shows.
    pub docs: Option<&'static str>,
    /// What the findings pane shows.
    pub filter: FindingFilter,
    /// How many rows each long list (a findings group, the errors, the graph's problems, the
    /// instructions, the size figures) draws:
    /// [`ROWS_AT_FIRST`] until the user asks for all. A generated file of thousands of findings
    /// would otherwise stall the page for seconds building rows nobody scrolls through.
    pub rows_shown: usize,
    /// The user's work that the last `Action::Open` replaced, for `ShareNotices` to keep aside
    /// (storage is its side effect, not the reducer's) and offer back. Cleared by the next
    /// change of the text.
    pub replaced: Option<Rc<Replaced>>,
    /// The workshop exercise whose buffer the editor holds: edits are kept for it, and Check
    /// reads it. `None` once an example, a share link or a draft replaces the text.
    pub exercise: Option<Rc<str>>,
}

/// Work replaced by an example or an exercise.
#[derive(Debug, PartialEq)]
pub struct Replaced {
    /// Counts the replacements, so that the same draft replaced twice is told twice.
    pub seq: u32,
    pub draft: Snapshot,
    /// What replaced it, in words ("the example").
    pub what: &'static str,
}

pub enum Action {
    /// The user changed the editor's text.
    Edit(String),
    /// The stage to build; `None` for the last one.
    SetTarget(Option<String>),
    SetBuildArgs(Vec<(String, String)>),
    /// Extra image patterns for the builder and prod roles (the settings panel).
    SetImagePatterns {
        builder: Vec<String>,
        prod: Vec<String>,
    },
    Select(Option<Selection>),
    /// The editor's caret moved to this byte offset.
    Caret(usize),
    ShowTab(Tab),
    /// The size of an image, artifact path or item kind for the estimate; `None` drops it.
    SetSizeOverride(String, Option<f64>),
    ResetSizeOverrides,
    SetRules(RuleConfig),
    /// Shows a rule's docs in the rules pane.
    ShowDocs(&'static str),
    SetFilter(FindingFilter),
    /// Lifts the row limit of the long lists.
    ShowAllRows,
    /// Applies one finding's fix: its edits, computed for `base` (ignored if the text has
    /// changed since).
    Fix {
        base: Rc<str>,
        edits: Vec<Edit>,
    },
    /// Applies every fix until none is left, as `airlock fix` does.
    FixAll,
    /// Applies the safe CleanStart swaps (AL301's fixes), as `airlock fix --select AL301`.
    FixCleanStart,
    /// Replaces the text and settings with a share link's or a saved draft's.
    Load(Snapshot),
    /// Replaces the text with a built-in one (an example, an exercise's start), noting the
    /// user's work it replaces in `replaced`.
    Open {
        text: String,
        what: &'static str,
    },
    /// Puts an exercise's buffer in the editor. The text it replaces is noted in `replaced`
    /// unless it is another exercise's buffer (kept by the workshop already).
    OpenExercise {
        id: Rc<str>,
        text: String,
    },
}

impl AppState {
    /// The engine settings the analysis was made with.
    pub fn engine_config(&self) -> Config {
        Config {
            graph: self.config.clone(),
            rules: self.rules.clone(),
            size: self.size.clone(),
        }
    }

    pub fn new(text: &str) -> Self {
        Self::derive(
            text.into(),
            GraphConfig::default(),
            SizeConfig::default(),
            RuleConfig::default(),
            None,
            None,
        )
    }

    /// The state a share link or saved draft describes; a pane this build lacks shows the default.
    pub fn from_snapshot(snapshot: Snapshot) -> Self {
        let tab = Tab::ALL
            .iter()
            .copied()
            .find(|t| snapshot.pane.as_deref() == Some(t.id()))
            .unwrap_or_default();
        Self {
            tab,
            ..Self::derive(
                snapshot.text.into(),
                snapshot.graph,
                snapshot.size,
                snapshot.rules,
                None,
                None,
            )
        }
    }

    /// What a share link or saved draft keeps of this state.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            text: self.text.to_string(),
            graph: self.config.clone(),
            size: self.size.clone(),
            rules: self.rules.clone(),
            pane: Some(self.tab.id().to_string()),
        }
    }

    fn derive(
        text: Rc<str>,
        config: GraphConfig,
        size: SizeConfig,
        rules: RuleConfig,
        selection: Option<Selection>,
        caret: Option<usize>,
    ) -> Self {
        let config_now = Config {
            graph: config.clone(),
            size: size.clone(),
            rules: rules.clone(),
        };
        let analysis = timed("airlock:analysis", || analyze(&text, &config_now));
        let outline = Outline::new(&analysis);
        let drawn = timed("airlock:layout", || layout(&analysis.graph));
        let view = graph_view(&analysis, &drawn);
        AppState {
            selection: selection.filter(|s| s.exists(&analysis.graph)),
            caret: caret.filter(|&c| c <= text.len()),
            text,
            config,
            size,
            analysis: Rc::new(analysis),
            outline: Rc::new(outline),
            view: Rc::new(view),
            tab: Tab::default(),
            rules,
            docs: None,
            filter: FindingFilter::default(),
            rows_shown: ROWS_AT_FIRST,
            replaced: None,
            exercise: None,
        }
    }

    /// The stage the caret is in, if any.
    pub fn caret_stage(&self) -> Option<usize> {
        self.caret.and_then(|c| stage_at(&self.analysis.graph, c))
    }

    /// The state re-derived from new text or settings, keeping what the user looks at (pane,
    /// docs, filter, caret); `selection` is what may survive the change.
    fn rederive(
        &self,
        text: Rc<str>,
        config: GraphConfig,
        size: SizeConfig,
        rules: RuleConfig,
        selection: Option<Selection>,
    ) -> Self {
        Self {
            tab: self.tab,
            docs: self.docs,
            filter: self.filter.clone(),
            rows_shown: self.rows_shown,
            exercise: self.exercise.clone(),
            ..Self::derive(text, config, size, rules, selection, self.caret)
        }
    }

    fn with_config(&self, config: GraphConfig) -> Self {
        self.rederive(
            self.text.clone(),
            config,
            self.size.clone(),
            self.rules.clone(),
            self.selection,
        )
    }

    fn with_size(&self, size: SizeConfig) -> Self {
        self.rederive(
            self.text.clone(),
            self.config.clone(),
            size,
            self.rules.clone(),
            self.selection,
        )
    }

    /// What a saved draft or share link depends on: hooks re-run when it changes.
    pub fn saved_parts(&self) -> (Rc<str>, GraphConfig, SizeConfig, RuleConfig, Tab) {
        (
            self.text.clone(),
            self.config.clone(),
            self.size.clone(),
            self.rules.clone(),
            self.tab,
        )
    }
}

/// Equality decides whether the context's readers re-render, so every field the panes draw
/// from takes part. The derived fields (`analysis`, `outline`, `view`) follow from the text and
/// the settings, which are compared instead. The state is destructured, so that a new field
/// cannot be left out without the compiler asking for it.
impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        let AppState {
            text,
            config,
            size,
            analysis: _,
            outline: _,
            view: _,
            selection,
            caret,
            tab,
            rules,
            docs,
            filter,
            rows_shown,
            replaced,
            exercise,
        } = self;
        *text == other.text
            && *config == other.config
            && *size == other.size
            && *selection == other.selection
            && *caret == other.caret
            && *tab == other.tab
            && *rules == other.rules
            && *docs == other.docs
            && *filter == other.filter
            && *rows_shown == other.rows_shown
            && *replaced == other.replaced
            && *exercise == other.exercise
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
            Action::Edit(text) => Rc::new(self.rederive(
                text.into(),
                self.config.clone(),
                self.size.clone(),
                self.rules.clone(),
                None,
            )),
            Action::SetTarget(target) if target == self.config.target => self,
            // The new target becomes the selection: the graph lights it and brings it into
            // view, and the details box describes it rather than a stage picked before.
            Action::SetTarget(target) => {
                let next = self.with_config(GraphConfig {
                    target,
                    ..self.config.clone()
                });
                let selection = next
                    .analysis
                    .graph
                    .target
                    .map(|t| Selection::Node(NodeRef::Stage(t)));
                Rc::new(AppState { selection, ..next })
            }
            Action::SetBuildArgs(args) if args == self.config.build_args => self,
            Action::SetBuildArgs(build_args) => Rc::new(self.with_config(GraphConfig {
                build_args,
                ..self.config.clone()
            })),
            Action::SetImagePatterns { builder, prod }
                if builder == self.config.builder_images && prod == self.config.prod_images =>
            {
                self
            }
            Action::SetImagePatterns { builder, prod } => Rc::new(self.with_config(GraphConfig {
                builder_images: builder,
                prod_images: prod,
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
            Action::ShowTab(tab) if tab == self.tab => self,
            Action::ShowTab(tab) => Rc::new(AppState {
                tab,
                ..(*self).clone()
            }),
            Action::SetSizeOverride(key, mb) => {
                let overrides = set_override(&self.size.overrides, &key, mb);
                if overrides == self.size.overrides {
                    return self;
                }
                Rc::new(self.with_size(SizeConfig { overrides }))
            }
            Action::ResetSizeOverrides if self.size.overrides.is_empty() => self,
            Action::ResetSizeOverrides => Rc::new(self.with_size(SizeConfig::default())),
            Action::SetRules(rules) if rules == self.rules => self,
            Action::SetRules(rules) => Rc::new(self.rederive(
                self.text.clone(),
                self.config.clone(),
                self.size.clone(),
                rules,
                self.selection,
            )),
            Action::ShowDocs(code) => Rc::new(AppState {
                tab: Tab::Rules,
                docs: Some(code),
                ..(*self).clone()
            }),
            Action::ShowAllRows => Rc::new(AppState {
                rows_shown: usize::MAX,
                ..(*self).clone()
            }),
            Action::SetFilter(filter) if filter == self.filter => self,
            Action::SetFilter(filter) => Rc::new(AppState {
                filter,
                ..(*self).clone()
            }),
            // A fix computed for an older text would land in the wrong place.
            Action::Fix { base, .. } if *base != *self.text => self,
            Action::Fix { edits, .. } => {
                let (text, applied) = apply_edits(&self.text, &edits);
                if applied == 0 {
                    return self;
                }
                self.reduce(Action::Edit(text))
            }
            Action::Load(snapshot) => Rc::new(Self::from_snapshot(snapshot)),
            Action::Open { text, what } => {
                let before = self.snapshot();
                let self_exercise = self.exercise.clone();
                let seq = self.replaced.as_ref().map_or(0, |r| r.seq) + 1;
                let next = self.reduce(Action::Edit(text));
                // An exercise's buffer is kept by the workshop already.
                let replaced = (self_exercise.is_none()
                    && is_work(&before)
                    && !same_work(&before, &next.snapshot()))
                .then(|| {
                    Rc::new(Replaced {
                        seq,
                        draft: before,
                        what,
                    })
                });
                Rc::new(AppState {
                    replaced,
                    exercise: None,
                    ..(*next).clone()
                })
            }
            Action::OpenExercise { id, text } => {
                let from_exercise = self.exercise.as_ref().is_some_and(|e| *e != id);
                let next = if from_exercise {
                    let next = self.reduce(Action::Edit(text));
                    Rc::new(AppState {
                        replaced: None,
                        ..(*next).clone()
                    })
                } else {
                    // Its own buffer replaced by its start (starting over) is kept, to restore.
                    let outside = Rc::new(AppState {
                        exercise: None,
                        ..(*self).clone()
                    });
                    outside.reduce(Action::Open {
                        text,
                        what: "the exercise",
                    })
                };
                Rc::new(AppState {
                    exercise: Some(id),
                    ..(*next).clone()
                })
            }
            Action::FixAll => {
                let text = fix_all(&self.text, &self.engine_config());
                self.reduce(Action::Edit(text))
            }
            Action::FixCleanStart => {
                let text =
                    fix_selected(&self.text, &self.engine_config(), &[CLEANSTART_RULE.into()]);
                self.reduce(Action::Edit(text))
            }
        }
    }
}

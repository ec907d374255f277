//! The page: header, the editor on the left, and on the right the tabbed panes (stage graph,
//! findings, rules, size estimate) above the two result lists, around the shared state. With
//! `?embed` (`page.rs`): a compact bar instead of the header, the chosen pane beside or under
//! the editor, and the page's height reported to the parent page.

use std::rc::Rc;

use yew::prelude::*;

use super::components::{
    error_list, instruction_list, Editor, EmbedBar, FindingsPane, GraphPane, Header, RulesPane,
    ShareNotices, SizePane, SplitHandle, TabBar, TrainerPage, WorkshopPane, LAYOUT_ID,
};
use super::dom::{location_query, store, stored};
use super::hooks::{exercise_in, use_exercise_buffer, use_height_report, use_theme, AppContext};
use super::state::{AppState, Tab};
use crate::view::examples::{find, EXAMPLES};
use crate::view::page::PageOptions;
use crate::view::split;
use crate::view::workshop::{mode_from_query, Mode};

/// Where the editor's share of the width is kept (`view::split`'s stored form).
const SPLIT_KEY: &str = "airlock.split";

/// Whether the editor wraps long lines (`1`), kept in `localStorage`.
const WRAP_KEY: &str = "airlock.wrap";

/// The element whose height an embed reports.
const ROOT_ID: &str = "app";

/// What the page starts with: the query's example and pane, else the defaults.
fn start_state(page: &PageOptions) -> AppState {
    let mut state = match page.example.as_deref().and_then(find) {
        Some(example) => AppState::new(example.text),
        // The saved draft (`persist.rs`); an embed never reads it.
        None if !page.embed => super::persist::start_state(),
        None => AppState::default(),
    };
    // `?rule=AL104`: that rule's docs in the Rules pane (unless another pane is asked for).
    if let Some(code) = page.rule {
        state.docs = Some(code);
        state.tab = Tab::Rules;
    }
    if let Some(tab) = Tab::ALL.iter().find(|t| Some(t.id()) == page.pane) {
        state.tab = *tab;
    }
    // A reload in the middle of an exercise goes on with it.
    if !page.embed {
        state.exercise = exercise_in(&state.text).map(Into::into);
    }
    state
}

/// The pane of `tab`: one place that makes each, for the tabbed and the one-pane layouts.
fn pane(tab: Tab, shown: bool) -> Html {
    match tab {
        Tab::Graph => html! { <GraphPane /> },
        Tab::Findings => html! { <FindingsPane /> },
        Tab::Rules => html! { <RulesPane /> },
        Tab::Size => html! { <SizePane /> },
        Tab::Workshop => html! { <WorkshopPane {shown} /> },
    }
}

#[derive(Properties)]
struct TabPanelProps {
    tab: Tab,
    shown: bool,
    /// The state, for the pane's readers below.
    state: AppContext,
}

/// A hidden pane's props equal the last ones whatever the state, so it is not drawn again for
/// every keystroke that nobody can see; it catches up when it is shown. (The pane cannot be
/// handed an older state instead: a clone of the reducer's handle always reads the newest, so
/// the pane would be told of each change and drawn anyway.)
impl PartialEq for TabPanelProps {
    fn eq(&self, other: &Self) -> bool {
        self.tab == other.tab
            && self.shown == other.shown
            && (!self.shown || self.state == other.state)
    }
}

/// One tab's pane, with the state as its context (see `TabPanelProps`).
#[component]
fn TabPanel(props: &TabPanelProps) -> Html {
    let tab = props.tab;
    html! {
        <div role="tabpanel" id={format!("panel-{}", tab.id())} class="tab-panel"
             aria-labelledby={format!("tab-{}", tab.id())} hidden={!props.shown}>
            <ContextProvider<AppContext> context={props.state.clone()}>{ pane(tab, props.shown) }</ContextProvider<AppContext>>
        </div>
    }
}

#[component]
pub fn App() -> Html {
    let page = use_memo((), |_| {
        let ids: Vec<&str> = EXAMPLES.iter().map(|x| x.id).collect();
        let panes: Vec<&'static str> = Tab::ALL.iter().map(|t| t.id()).collect();
        PageOptions::from_query(&location_query(), &ids, &panes)
    });
    let state = {
        let page = page.clone();
        use_reducer(move || start_state(&page))
    };
    use_exercise_buffer(state.exercise.clone(), state.text.clone());
    let theme = use_theme();
    let wrap = use_state_eq(|| stored(WRAP_KEY).as_deref() == Some("1"));
    let on_wrap = {
        let wrap = wrap.clone();
        Callback::from(move |on: bool| {
            store(WRAP_KEY, if on { "1" } else { "0" });
            wrap.set(on);
        })
    };
    let split = use_state_eq(|| {
        stored(SPLIT_KEY)
            .and_then(|s| split::from_stored(&s))
            .unwrap_or(split::DEFAULT)
    });
    let on_split = {
        let split = split.clone();
        Callback::from(move |share: u32| {
            if share != *split {
                store(SPLIT_KEY, &split::to_stored(share));
                split.set(share);
            }
        })
    };
    use_height_report(ROOT_ID, page.embed, page.id.clone());
    // `?trainer`: the workshop's trainer page instead of the playground.
    if mode_from_query(&location_query()) == Mode::Trainer {
        return html! { <TrainerPage /> };
    }
    // Every pane stays mounted (hidden when not shown), so each keeps what it holds while
    // looking (zoom, typed sizes).
    let shown = state.tab;
    let panes = || {
        html! {
            { for Tab::ALL.iter().map(|&tab| html! { <TabPanel {tab} shown={shown == tab} state={state.clone()} /> }) }
        }
    };
    let body = if page.embed {
        // One pane when the query names it (no tabs), else the tabs.
        let results = if page.pane.is_some() {
            html! {
                <div class="results" role="region" aria-label={shown.label()}>
                    { pane(shown, true) }
                </div>
            }
        } else {
            html! { <div class="results"><TabBar />{ panes() }</div> }
        };
        html! {
            <div id={ROOT_ID} class="embed" data-pane={shown.id()}
                 data-readonly={page.readonly.then_some("true")}>
                <EmbedBar page={page.clone()} />
                <ShareNotices />
                <main class="layout embed-layout">
                    <Editor />
                    <div class="embed-results">
                        { results }
                        { error_list(&state) }
                    </div>
                </main>
            </div>
        }
    } else {
        html! {
            <div id={ROOT_ID}>
                <Header theme={theme} wrap={*wrap} {on_wrap} />
                <ShareNotices />
                <main class="layout" id={LAYOUT_ID} style={format!("--editor-share: {}%", *split)}>
                    <Editor wrap={*wrap} />
                    <SplitHandle value={*split} onchange={on_split} />
                    <div class="results">
                        <TabBar />
                        { panes() }
                        { error_list(&state) }
                        { instruction_list(&state) }
                    </div>
                </main>
            </div>
        }
    };
    html! {
        <ContextProvider<Rc<PageOptions>> context={page.clone()}>
            <ContextProvider<AppContext> context={state}>
                { body }
            </ContextProvider<AppContext>>
        </ContextProvider<Rc<PageOptions>>>
    }
}

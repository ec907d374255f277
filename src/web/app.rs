//! The page: header, the editor on the left, and on the right the tabbed panes (stage graph,
//! findings, rules, size estimate) above the two result lists, around the shared state.

use yew::prelude::*;

use super::components::{
    Editor, ErrorList, FindingsPane, GraphPane, Header, InstructionList, RulesPane, SizePane,
    TabBar,
};
use super::hooks::AppContext;
use super::state::{AppState, Tab};

#[component]
pub fn App() -> Html {
    let state = use_reducer(AppState::default);
    // Every pane stays mounted (hidden when not shown), so each keeps what it holds while
    // looking (zoom, typed sizes).
    let shown = state.tab;
    let panel = |tab: Tab, pane: Html| {
        html! {
            <div role="tabpanel" id={format!("panel-{}", tab.id())} class="tab-panel"
                 aria-labelledby={format!("tab-{}", tab.id())} hidden={shown != tab}>
                { pane }
            </div>
        }
    };
    html! {
        <ContextProvider<AppContext> context={state}>
            <Header />
            <main class="layout">
                <Editor />
                <div class="results">
                    <TabBar />
                    { panel(Tab::Graph, html! { <GraphPane /> }) }
                    { panel(Tab::Findings, html! { <FindingsPane /> }) }
                    { panel(Tab::Rules, html! { <RulesPane /> }) }
                    { panel(Tab::Size, html! { <SizePane /> }) }
                    <ErrorList />
                    <InstructionList />
                </div>
            </main>
        </ContextProvider<AppContext>>
    }
}

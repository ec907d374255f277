//! The page: header, the editor on the left, and on the right the stage graph above the two
//! result lists, around the shared state.

use yew::prelude::*;

use super::components::{Editor, ErrorList, GraphPane, Header, InstructionList};
use super::hooks::AppContext;
use super::state::AppState;

#[component]
pub fn App() -> Html {
    let state = use_reducer(AppState::default);
    html! {
        <ContextProvider<AppContext> context={state}>
            <Header />
            <main class="layout">
                <Editor />
                <div class="results">
                    <GraphPane />
                    <ErrorList />
                    <InstructionList />
                </div>
            </main>
        </ContextProvider<AppContext>>
    }
}

//! The page: header, editor and the two result panels, around the shared state.

use yew::prelude::*;

use super::components::{Editor, ErrorList, Header, InstructionList};
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
                    <ErrorList />
                    <InstructionList />
                </div>
            </main>
        </ContextProvider<AppContext>>
    }
}

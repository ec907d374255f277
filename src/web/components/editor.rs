//! The Dockerfile editor: a plain textarea; every input event re-parses through the reducer.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::web::hooks::use_app_state;
use crate::web::state::Action;

#[component]
pub fn Editor() -> Html {
    let state = use_app_state();
    let oninput = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            state.dispatch(Action::Edit(area.value()));
        })
    };
    html! {
        <section class="panel editor-panel" aria-labelledby="editor-label">
            <label id="editor-label" class="panel-title" for="editor">{ "Dockerfile" }</label>
            <textarea
                id="editor"
                data-testid="editor"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                wrap="off"
                value={state.text.to_string()}
                {oninput}
            />
        </section>
    }
}

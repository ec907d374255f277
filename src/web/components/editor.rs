//! The Dockerfile editor: a plain textarea. Every input event re-parses through the reducer, and
//! every caret move (typing, clicking, arrow keys, selecting) tells the graph which stage it is in.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::web::controls::utf16_to_byte;
use crate::web::dom::EDITOR_ID;
use crate::web::hooks::use_app_state;
use crate::web::state::Action;

/// The caret as a byte offset into the area's text (the DOM counts UTF-16 units).
fn caret(area: &HtmlTextAreaElement) -> Option<usize> {
    let start = area.selection_start().ok().flatten()?;
    Some(utf16_to_byte(&area.value(), start))
}

#[component]
pub fn Editor() -> Html {
    let state = use_app_state();
    let oninput = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            state.dispatch(Action::Edit(area.value()));
            if let Some(at) = caret(&area) {
                state.dispatch(Action::Caret(at));
            }
        })
    };
    let moved = |state: &crate::web::hooks::AppContext| {
        let state = state.clone();
        move |e: &Event| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            if let Some(at) = caret(&area) {
                state.dispatch(Action::Caret(at));
            }
        }
    };
    let onclick = {
        let moved = moved(&state);
        Callback::from(move |e: MouseEvent| moved(&e))
    };
    let onkeyup = {
        let moved = moved(&state);
        Callback::from(move |e: KeyboardEvent| moved(&e))
    };
    let onselect = {
        let moved = moved(&state);
        Callback::from(move |e: Event| moved(&e))
    };
    html! {
        <section class="panel editor-panel" aria-labelledby="editor-label">
            <label id="editor-label" class="panel-title" for={EDITOR_ID}>{ "Dockerfile" }</label>
            <textarea
                id={EDITOR_ID}
                data-testid="editor"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                wrap="off"
                value={state.text.to_string()}
                {oninput}
                {onclick}
                {onkeyup}
                {onselect}
            />
        </section>
    }
}

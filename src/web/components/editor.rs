//! The Dockerfile editor: a plain textarea. Every input event re-parses through the reducer, and
//! every caret move (typing, clicking, arrow keys, selecting) tells the graph which stage it is in.
//! Beside it, a gutter of line numbers marks the lines with findings (worst severity, the
//! findings as hover text); it follows the textarea's scrolling.

use web_sys::{Element, HtmlTextAreaElement};
use yew::prelude::*;

use crate::web::controls::utf16_to_byte;
use crate::web::dom::EDITOR_ID;
use crate::web::findings::line_marks;
use crate::web::hooks::use_app_state;
use crate::web::state::Action;

/// The gutter's id in the page.
const GUTTER_ID: &str = "gutter";

/// The caret as a byte offset into the area's text (the DOM counts UTF-16 units).
fn caret(area: &HtmlTextAreaElement) -> Option<usize> {
    let start = area.selection_start().ok().flatten()?;
    Some(utf16_to_byte(&area.value(), start))
}

#[component]
pub fn Editor() -> Html {
    let state = use_app_state();
    // The gutter has no scrollbar of its own: it is moved to where the textarea is whenever
    // that scrolls (typing, selecting from the panes and text set by a fix all end in a scroll
    // event when they move the text).
    let onscroll = Callback::from(|e: Event| {
        let area: Element = e.target_unchecked_into();
        if let Some(gutter) = gloo::utils::document().get_element_by_id(GUTTER_ID) {
            gutter.set_scroll_top(area.scroll_top());
        }
    });
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
    let marks = line_marks(&state.analysis);
    let mut marks = marks.iter().peekable();
    let lines = state.text.split('\n').count() as u32;
    let gutter_lines = (1..=lines).map(|n| match marks.next_if(|m| m.line == n) {
        Some(m) => html! {
            <div class={classes!("gutter-line", "marked", format!("sev-{}", m.severity.as_str()))}
                 data-line={n.to_string()} data-severity={m.severity.as_str()}
                 title={m.title.clone()}>
                <span class="mark"></span>{ n }
            </div>
        },
        None => html! { <div class="gutter-line">{ n }</div> },
    });
    html! {
        <section class="panel editor-panel" aria-labelledby="editor-label">
            <label id="editor-label" class="panel-title" for={EDITOR_ID}>{ "Dockerfile" }</label>
            <div class="editor-frame">
                // Hidden from screen readers: the findings pane says the same in words.
                <div class="gutter" id={GUTTER_ID} aria-hidden="true">
                    { for gutter_lines }
                </div>
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
                    {onscroll}
                />
            </div>
        </section>
    }
}

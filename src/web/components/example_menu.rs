//! The header's example menu: replaces the editor's text with one of the built-in examples.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::web::examples::EXAMPLES;
use crate::web::hooks::use_app_state;
use crate::web::state::Action;

#[component]
pub fn ExampleMenu() -> Html {
    let state = use_app_state();
    let onchange = Callback::from(move |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        if let Some(example) = EXAMPLES.iter().find(|x| x.id == select.value()) {
            state.dispatch(Action::Edit(example.text.to_string()));
        }
    });
    html! {
        <div class="example-menu">
            <label for="example">{ "Load example" }</label>
            <select id="example" {onchange}>
                <option value="" selected=true>{ "Choose…" }</option>
                { for EXAMPLES.iter().map(|x| html! {
                    <option value={x.id}>{ x.title }</option>
                }) }
            </select>
        </div>
    }
}

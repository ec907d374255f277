//! The header's example menu: replaces the editor's text with one of the built-in examples,
//! grouped (showcase, before/after pairs, bad practices) with `<optgroup>`s.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::view::examples::{find, EXAMPLES, GROUPS};
use crate::web::hooks::use_app_state;
use crate::web::state::Action;

#[component]
pub fn ExampleMenu() -> Html {
    let state = use_app_state();
    // The example the editor holds, as it was loaded: the menu names it until the text changes.
    let loaded = EXAMPLES
        .iter()
        .find(|x| *x.text == *state.text)
        .map_or("", |x| x.id);
    let select = use_node_ref();
    {
        // `selected` attributes only set the first choice: the property follows the text.
        let select = select.clone();
        use_effect_with(loaded, move |loaded| {
            if let Some(el) = select.cast::<HtmlSelectElement>() {
                el.set_value(loaded);
            }
        });
    }
    let onchange = Callback::from(move |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        if let Some(example) = find(&select.value()) {
            state.dispatch(Action::Open {
                text: example.text.to_string(),
                what: "the example",
            });
        }
    });
    html! {
        <div class="example-menu">
            <label for="example">{ "Load example" }</label>
            <select id="example" ref={select} {onchange}>
                <option value="" selected={loaded.is_empty()}>{ "Choose…" }</option>
                { for GROUPS.iter().map(|group| html! {
                    <optgroup label={group.group()}>
                        { for EXAMPLES.iter().filter(|x| x.kind.group() == group.group()).map(|x| {
                            let shows = (!x.shows.is_empty())
                                .then(|| format!("Shows {}", x.shows.join(", ")));
                            html! {
                                <option value={x.id} title={shows} selected={x.id == loaded}>
                                    { x.title }
                                </option>
                            }
                        }) }
                    </optgroup>
                }) }
            </select>
        </div>
    }
}

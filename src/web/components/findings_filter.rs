//! The findings filter: one toggle per severity (with its count) and a text box. A plain
//! function drawn by `FindingsPane` (a component type would add kilobytes of wasm).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::engine::Severity;
use crate::view::findings::{count, FindingFilter, FindingRow};
use crate::web::hooks::AppContext;
use crate::web::state::Action;

pub fn findings_filter(state: &AppContext, rows: &[FindingRow]) -> Html {
    let filter = &state.filter;
    let toggle = |severity: Severity| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::SetFilter(state.filter.toggled(severity)))
        })
    };
    let oninput = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            state.dispatch(Action::SetFilter(FindingFilter {
                text: input.value(),
                ..state.filter.clone()
            }));
        })
    };
    html! {
        <div class="findings-filter">
            <div class="toggles" role="group" aria-label="Severities shown">
                { for Severity::ALL.into_iter().map(|s| {
                    let on = filter.shows_severity(s);
                    let n = count(rows, s);
                    html! {
                        <button type="button" id={format!("show-{}", s.as_str())}
                                class={class_list!("toggle", format!("sev-{}", s.as_str()))}
                                aria-pressed={if on { "true" } else { "false" }}
                                onclick={toggle(s)}>
                            <span class="dot" aria-hidden="true"></span>
                            { s.as_str() }<span class="count">{ n }</span>
                        </button>
                    }
                }) }
            </div>
            <input type="search" id="finding-filter" class="filter-box"
                   placeholder="Filter: code, rule, text" aria-label="Filter findings"
                   value={filter.text.clone()} {oninput} />
        </div>
    }
}

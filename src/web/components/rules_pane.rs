//! The rules pane: the docs of the rule in view and the catalog, where each rule can be turned
//! on or off and given another severity, live. The rules settings (categories, registries, ...)
//! are in the header's Settings panel.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::rule_docs::rule_docs;
use super::rule_row::rule_row;
use crate::engine::registry::RULES;
use crate::engine::rules::{enabled, find};
use crate::web::hooks::use_app_state;
use crate::web::state::Tab;

#[component]
pub fn RulesPane() -> Html {
    let state = use_app_state();
    // What the catalog is narrowed to: only matters while looking, so it is the pane's own.
    let query = use_state(String::new);
    let oninput = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            query.set(input.value());
        })
    };
    // Mounted while hidden (it keeps its filter); the catalog is only drawn when shown.
    if state.tab != Tab::Rules {
        return Html::default();
    }
    let on = RULES.iter().filter(|r| enabled(r, &state.rules)).count();
    let words: Vec<String> = query
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .collect();
    let shown = RULES.iter().filter(|r| {
        let text = format!(
            "{} {} {} {}",
            r.code,
            r.name,
            r.category.as_str(),
            r.aliases.join(" ")
        )
        .to_ascii_lowercase();
        words.iter().all(|w| text.contains(w.as_str()))
    });
    html! {
        <section class="panel rules-panel" aria-labelledby="rules-title">
            <div class="pane-head">
                <h2 id="rules-title" class="panel-title">
                    { "Rules " }
                    <span id="rule-count" class="count">
                        { format!("{} rules, {on} on", RULES.len()) }
                    </span>
                </h2>
            </div>
            if let Some(rule) = state.docs.and_then(find) {
                { rule_docs(rule) }
            }
            <input type="search" id="rule-filter" class="filter-box"
                   placeholder="Filter: code, name, category, alias" aria-label="Filter rules"
                   value={(*query).clone()} {oninput} />
            <ul id="rule-list" class="rows rule-list">
                { for shown.map(|r| rule_row(&state, r)) }
            </ul>
        </section>
    }
}

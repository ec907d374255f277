//! The rules settings: categories on or off, the registries images may come from, and a reset.
//! Per-rule switches and severities are in the catalog below it. A plain function drawn by
//! `RulesPane` (a component type would add kilobytes of wasm).

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::engine::registry::RULES;
use crate::engine::rules::{find, RuleConfig};
use crate::web::hooks::AppContext;
use crate::web::settings::{
    category_on, is_customised, parse_registries, set_category, CATEGORIES,
};
use crate::web::state::Action;

pub fn rule_settings(state: &AppContext) -> Html {
    let registries = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            state.dispatch(Action::SetRules(RuleConfig {
                trusted_registries: parse_registries(&area.value()),
                ..state.rules.clone()
            }));
        })
    };
    // The rule that reads the list, named by its hadolint alias (codes are ours to number).
    let registries_hint = match find("DL3026") {
        Some(r) => format!("one per line; empty: any ({})", r.code),
        None => "one per line; empty: any".to_string(),
    };
    let reset = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::SetRules(RuleConfig::default())))
    };
    html! {
        <details class="settings" open=true>
            <summary>{ "Settings" }</summary>
            <fieldset class="categories">
                <legend>{ "Categories" }</legend>
                { for CATEGORIES.into_iter().map(|c| {
                    let on = category_on(&state.rules, c);
                    let n = RULES.iter().filter(|r| r.category == c).count();
                    let onchange = {
                        let state = state.clone();
                        Callback::from(move |e: Event| {
                            let input: HtmlInputElement = e.target_unchecked_into();
                            state.dispatch(Action::SetRules(set_category(&state.rules, c, input.checked())));
                        })
                    };
                    let id = format!("category-{}", c.as_str());
                    html! {
                        <label class="check" for={id.clone()}>
                            <input type="checkbox" {id} checked={on} {onchange} />
                            { c.as_str() }<span class="count">{ n }</span>
                        </label>
                    }
                }) }
            </fieldset>
            <div class="control">
                <label for="trusted-registries">
                    { "Trusted registries " }
                    <span class="hint">{ registries_hint }</span>
                </label>
                <textarea id="trusted-registries" rows="2" spellcheck="false" autocomplete="off"
                          autocapitalize="off" placeholder="docker.io"
                          oninput={registries} />
            </div>
            <button type="button" id="reset-rules" disabled={!is_customised(&state.rules)}
                    onclick={reset}>
                { "Reset to defaults" }
            </button>
        </details>
    }
}

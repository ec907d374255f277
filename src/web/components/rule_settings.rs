//! The rules settings: categories on or off, the registries images may come from, the UID fixes
//! switch to, extra builder/prod image patterns (the same settings as `airlock.toml`) and a
//! reset. Per-rule switches and severities are in the rules pane's catalog. A plain function
//! drawn by the header's settings panel (a component type would add kilobytes of wasm).
//!
//! The text boxes are not bound to the state (a bound box would reformat what is being typed),
//! so the reset clears them itself.

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::engine::registry::RULES;
use crate::engine::rules::{find, RuleConfig};
use crate::web::hooks::AppContext;
use crate::web::settings::{
    category_on, is_customised, parse_list, parse_uid, set_category, CATEGORIES,
};
use crate::web::state::Action;

const REGISTRIES_ID: &str = "trusted-registries";
const UID_ID: &str = "non-root-uid";
const BUILDER_ID: &str = "builder-images";
const PROD_ID: &str = "prod-images";

/// A text box's value by id (empty when it is not in the page).
fn box_value(id: &str) -> String {
    let el = gloo::utils::document().get_element_by_id(id);
    if let Some(area) = el
        .clone()
        .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok())
    {
        return area.value();
    }
    el.and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

fn clear_boxes() {
    for id in [REGISTRIES_ID, UID_ID, BUILDER_ID, PROD_ID] {
        let el = gloo::utils::document().get_element_by_id(id);
        if let Some(area) = el
            .clone()
            .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok())
        {
            area.set_value("");
        } else if let Some(input) = el.and_then(|e| e.dyn_into::<HtmlInputElement>().ok()) {
            input.set_value("");
            input.set_custom_validity("");
            let _ = input.remove_attribute("aria-invalid");
        }
    }
}

/// A labelled text area whose lines become a list in the settings.
fn list_box(
    id: &'static str,
    label: &str,
    hint: String,
    placeholder: &str,
    oninput: Callback<InputEvent>,
) -> Html {
    html! {
        <div class="control">
            <label for={id}>
                { label }{ " " }
                <span class="hint">{ hint }</span>
            </label>
            <textarea {id} rows="2" spellcheck="false" autocomplete="off" autocapitalize="off"
                      placeholder={placeholder.to_string()} {oninput} />
        </div>
    }
}

pub fn rule_settings(state: &AppContext) -> Html {
    let registries = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            state.dispatch(Action::SetRules(RuleConfig {
                trusted_registries: parse_list(&area.value()),
                ..state.rules.clone()
            }));
        })
    };
    // A refused UID keeps the last good one and says why: the browser's own validity message
    // (shown and announced), plus aria-invalid for the styling and screen readers.
    let uid = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            match parse_uid(&input.value()) {
                Ok(uid) => {
                    input.set_custom_validity("");
                    let _ = input.remove_attribute("aria-invalid");
                    state.dispatch(Action::SetRules(RuleConfig {
                        non_root_uid: uid,
                        ..state.rules.clone()
                    }));
                }
                Err(why) => {
                    input.set_custom_validity(why);
                    let _ = input.set_attribute("aria-invalid", "true");
                    input.report_validity();
                }
            }
        })
    };
    let patterns = {
        let state = state.clone();
        Callback::from(move |_: InputEvent| {
            state.dispatch(Action::SetImagePatterns {
                builder: parse_list(&box_value(BUILDER_ID)),
                prod: parse_list(&box_value(PROD_ID)),
            });
        })
    };
    // The rule that reads the list, named by its hadolint alias (codes are ours to number).
    let registries_hint = match find("DL3026") {
        Some(r) => format!("one per line; empty: any ({})", r.code),
        None => "one per line; empty: any".to_string(),
    };
    let customised = is_customised(&state.rules)
        || !state.config.builder_images.is_empty()
        || !state.config.prod_images.is_empty();
    let reset = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            clear_boxes();
            state.dispatch(Action::SetRules(RuleConfig::default()));
            state.dispatch(Action::SetImagePatterns {
                builder: Vec::new(),
                prod: Vec::new(),
            });
        })
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
            { list_box(REGISTRIES_ID, "Trusted registries", registries_hint, "docker.io", registries) }
            <div class="control">
                <label for={UID_ID}>
                    { "Non-root UID " }
                    <span class="hint">{ format!("what fixes switch USER to; empty: {}", RuleConfig::default().non_root_uid()) }</span>
                </label>
                <input id={UID_ID} type="text" inputmode="numeric" autocomplete="off"
                       placeholder={RuleConfig::default().non_root_uid().to_string()} oninput={uid} />
            </div>
            { list_box(BUILDER_ID, "Builder images", "patterns like mycorp/sdk-*: toolchain, never shipped".to_string(), "mycorp/sdk-*", patterns.clone()) }
            { list_box(PROD_ID, "Prod images", "patterns like mycorp/runtime:*: minimal runtime".to_string(), "mycorp/runtime:*", patterns) }
            <button type="button" id="reset-rules" disabled={!customised} onclick={reset}>
                { "Reset to defaults" }
            </button>
        </details>
    }
}

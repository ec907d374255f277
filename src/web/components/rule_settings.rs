//! The rules settings: categories on or off, the registries images may come from, the UID fixes
//! switch to, extra builder/prod image patterns, the label schema and the build context's
//! `.dockerignore` (the same settings as `airlock.toml` and `--context`) and a reset. Per-rule switches and severities are in the rules pane's catalog. A plain function
//! drawn by the header's settings panel (a component type would add kilobytes of wasm).
//!
//! The list boxes are not bound to the state (a bound box would reformat what is being typed),
//! so the reset clears them itself. The `.dockerignore` box is the setting's text as it is, and
//! the label-schema box shows the state only when it no longer says the same (a share link or
//! draft was opened), so both follow a loaded link without rewriting what is typed.

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::engine::registry::RULES;
use crate::engine::rules::{find, RuleConfig};
use crate::view::settings::{
    category_on, dockerignore, is_customised, label_schema_text, parse_label_schema, parse_list,
    parse_uid, set_category, CATEGORIES,
};
use crate::web::hooks::AppContext;
use crate::web::state::Action;

const REGISTRIES_ID: &str = "trusted-registries";
const UID_ID: &str = "non-root-uid";
const BUILDER_ID: &str = "builder-images";
const PROD_ID: &str = "prod-images";
const IGNORE_ID: &str = "dockerignore";
const LABELS_ID: &str = "label-schema";
/// Where a refused label-schema line is named (filled by the box's handler: no state holds it).
const LABELS_ERROR_ID: &str = "label-schema-invalid";

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

/// Marks a box as refused (`why`) or accepted (`""`): the browser's validity, aria-invalid for
/// the styling and screen readers, and the message element under it when it has one.
fn mark_invalid(el: &web_sys::Element, why: &str, message_id: Option<&str>) {
    if why.is_empty() {
        let _ = el.remove_attribute("aria-invalid");
    } else {
        let _ = el.set_attribute("aria-invalid", "true");
    }
    if let Some(message) = message_id.and_then(|id| gloo::utils::document().get_element_by_id(id)) {
        message.set_text_content(Some(why));
    }
}

fn clear_boxes() {
    for id in [REGISTRIES_ID, UID_ID, BUILDER_ID, PROD_ID, LABELS_ID] {
        let el = gloo::utils::document().get_element_by_id(id);
        if let Some(area) = el
            .clone()
            .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok())
        {
            area.set_value("");
            area.set_custom_validity("");
            mark_invalid(&area, "", Some(LABELS_ERROR_ID));
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

/// A text area's input handler that sets a field of the rules from its text.
fn rules_box(state: &AppContext, set: fn(&mut RuleConfig, &str)) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| {
        let area: HtmlTextAreaElement = e.target_unchecked_into();
        let mut rules = state.rules.clone();
        set(&mut rules, &area.value());
        state.dispatch(Action::SetRules(rules));
    })
}

pub fn rule_settings(state: &AppContext) -> Html {
    let registries = rules_box(state, |r, text| r.trusted_registries = parse_list(text));
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
    let ignore = rules_box(state, |r, text| r.dockerignore = dockerignore(text));
    // A refused schema keeps the last good one; the message names the line and column, and the
    // browser's own bubble says it again when the box is left.
    let labels = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            match parse_label_schema(&area.value()) {
                Ok(label_schema) => {
                    area.set_custom_validity("");
                    mark_invalid(&area, "", Some(LABELS_ERROR_ID));
                    state.dispatch(Action::SetRules(RuleConfig {
                        label_schema,
                        ..state.rules.clone()
                    }));
                }
                Err(err) => {
                    let why = err.message();
                    area.set_custom_validity(&why);
                    mark_invalid(&area, &why, Some(LABELS_ERROR_ID));
                }
            }
        })
    };
    let report = Callback::from(|e: Event| {
        let area: HtmlTextAreaElement = e.target_unchecked_into();
        area.report_validity();
    });
    let strict = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            state.dispatch(Action::SetRules(RuleConfig {
                strict_labels: input.checked(),
                ..state.rules.clone()
            }));
        })
    };
    let typed_labels = box_value(LABELS_ID);
    let labels_text = match parse_label_schema(&typed_labels) {
        Ok(schema) if schema != state.rules.label_schema => {
            label_schema_text(&state.rules.label_schema)
        }
        _ => typed_labels,
    };
    let ignore_rule = find("CopyIgnoredFile").map_or("", |r| r.code);
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
            <div class="control">
                <label for={LABELS_ID}>
                    { "Label schema " }
                    <span class="hint">{ "name = type per line: text, url, rfc3339, spdx, hash, semver, email" }</span>
                </label>
                <textarea id={LABELS_ID} rows="2" spellcheck="false" autocomplete="off" autocapitalize="off"
                          placeholder="org.opencontainers.image.version = semver"
                          aria-describedby={LABELS_ERROR_ID} value={labels_text}
                          oninput={labels} onchange={report} />
                <p id={LABELS_ERROR_ID} class="hint invalid" aria-live="polite"></p>
                <label class="check" for="strict-labels">
                    <input type="checkbox" id="strict-labels" checked={state.rules.strict_labels}
                           onchange={strict} />
                    { "Strict labels: only the schema's labels are allowed" }
                </label>
            </div>
            <div class="control">
                <label for={IGNORE_ID}>{ ".dockerignore" }</label>
                <textarea id={IGNORE_ID} rows="3" spellcheck="false" autocomplete="off" autocapitalize="off"
                          placeholder="node_modules\n*.md" aria-describedby="dockerignore-hint"
                          value={state.rules.dockerignore.clone().unwrap_or_default()} oninput={ignore} />
                <p id="dockerignore-hint" class="hint">
                    if state.rules.dockerignore.is_some() {
                        { format!("the build context's patterns: COPY and ADD of what they exclude are reported ({ignore_rule})") }
                    } else {
                        { format!("empty: no .dockerignore, so nothing is checked against one ({ignore_rule})") }
                    }
                </p>
            </div>
            <button type="button" id="reset-rules" disabled={!customised} onclick={reset}>
                { "Reset to defaults" }
            </button>
        </details>
    }
}

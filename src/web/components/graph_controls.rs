//! The build settings that shape the graph: the target stage and `--build-arg` values.

use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::view::controls::{parse_build_args, target_options};
use crate::web::hooks::use_app_state;
use crate::web::state::Action;

#[component]
pub fn GraphControls() -> Html {
    let state = use_app_state();
    // Lines of the build-arg box that are not NAME=VALUE; the box itself keeps its own text.
    let invalid = use_state(Vec::<usize>::new);
    // What was typed, kept as typed; args set from elsewhere (a share link, a restored draft)
    // replace it with one NAME=VALUE line each.
    let typed = use_state(String::new);
    let text = if parse_build_args(&typed).args == state.config.build_args {
        (*typed).clone()
    } else {
        let lines: Vec<String> = state
            .config
            .build_args
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect();
        lines.join("\n")
    };
    let onchange = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let value = select.value();
            state.dispatch(Action::SetTarget((!value.is_empty()).then_some(value)));
        })
    };
    let oninput = {
        let state = state.clone();
        let invalid = invalid.clone();
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            typed.set(area.value());
            let parsed = parse_build_args(&area.value());
            invalid.set(parsed.invalid);
            state.dispatch(Action::SetBuildArgs(parsed.args));
        })
    };
    let options = target_options(&state.analysis.graph, state.config.target.as_deref());
    let invalid_text = invalid
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        <div class="graph-controls">
            <div class="control">
                <label for="target">{ "Target" }</label>
                <select id="target" {onchange}>
                    { for options.into_iter().map(|o| html! {
                        <option value={o.value} selected={o.selected}>{ o.text }</option>
                    }) }
                </select>
            </div>
            <div class="control">
                <label for="build-args">
                    { "Build args " }<span class="hint">{ "NAME=VALUE, one per line" }</span>
                </label>
                <textarea id="build-args" rows="2" spellcheck="false" autocomplete="off"
                          autocapitalize="off" placeholder="GO_VERSION=1.22"
                          aria-describedby="build-args-invalid" value={text} {oninput} />
                <p id="build-args-invalid" class="hint invalid" aria-live="polite">
                    if !invalid.is_empty() {
                        { format!("Not NAME=VALUE, ignored: line {invalid_text}") }
                    }
                </p>
            </div>
        </div>
    }
}

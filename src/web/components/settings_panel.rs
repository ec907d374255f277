//! The Settings panel, a drawer at the right under the header (over the results, so the graph
//! stays in view): the theme, the build the graph is drawn for (target and
//! build args, `GraphControls`) and the rules settings (`rule_settings`), all applied live. It
//! stays mounted while closed: the text boxes keep what was typed in them.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::graph_controls::GraphControls;
use super::rule_settings::rule_settings;
use crate::view::page::Theme;
use crate::web::hooks::{use_app_state, ThemeHandle};

#[derive(Properties, PartialEq)]
pub struct SettingsPanelProps {
    pub open: bool,
    pub theme: ThemeHandle,
    /// Escape or the close button.
    pub on_close: Callback<()>,
    /// The editor's soft wrap.
    pub wrap: bool,
    pub on_wrap: Callback<bool>,
}

/// The panel's id, for the Settings button's `aria-controls`.
pub const SETTINGS_ID: &str = "settings-panel";

#[component]
pub fn SettingsPanel(props: &SettingsPanelProps) -> Html {
    let state = use_app_state();
    let theme = props.theme.clone();
    let on_theme = Callback::from(move |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        theme.choose(Theme::parse(Some(select.value().as_str())));
    });
    let choice = props.theme.choice.map_or("system", Theme::as_str);
    let onkeydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                on_close.emit(());
            }
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    let on_wrap = props.on_wrap.reform(|e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        input.checked()
    });
    html! {
        <section id={SETTINGS_ID} class="settings-panel" role="region"
                 aria-labelledby="settings-title" hidden={!props.open} {onkeydown}>
            <div class="settings-head">
                <h2 id="settings-title" class="panel-title">{ "Settings" }</h2>
                <button type="button" id="settings-close" aria-label="Close settings"
                        onclick={close}>{ "Close" }</button>
            </div>
            <div class="settings-body">
                <fieldset class="settings-group">
                    <legend>{ "Appearance" }</legend>
                    <div class="control">
                        <label for="theme-choice">{ "Theme" }</label>
                        <select id="theme-choice" onchange={on_theme}>
                            { for [("system", "Follow the system"), ("light", "Light"), ("dark", "Dark")]
                                .into_iter()
                                .map(|(value, text)| html! {
                                    <option {value} selected={value == choice}>{ text }</option>
                                }) }
                        </select>
                    </div>
                    <div class="control control-check">
                        <input type="checkbox" id="soft-wrap" checked={props.wrap} onchange={on_wrap} />
                        <label for="soft-wrap">{ "Wrap long lines in the editor" }</label>
                    </div>
                </fieldset>
                <fieldset class="settings-group">
                    <legend>{ "Build" }</legend>
                    <GraphControls />
                </fieldset>
                <fieldset class="settings-group settings-rules">
                    <legend>{ "Rules" }</legend>
                    { rule_settings(&state) }
                </fieldset>
            </div>
        </section>
    }
}

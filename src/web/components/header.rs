//! The page header: the name, the example menu, Share, Export, Settings and the light/dark
//! switch, with the Settings panel opening under it.

use yew::prelude::*;

use super::example_menu::ExampleMenu;
use super::export_menu::ExportMenu;
use super::settings_panel::{SettingsPanel, SETTINGS_ID};
use super::theme_toggle::theme_toggle;
use crate::web::dom::{focus_id, focus_id_later};
use crate::web::hooks::ThemeHandle;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub theme: ThemeHandle,
    /// The editor's soft wrap and its switch (Settings).
    pub wrap: bool,
    pub on_wrap: Callback<bool>,
}

#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let settings = use_state(|| false);
    let toggle_settings = {
        let settings = settings.clone();
        Callback::from(move |_: MouseEvent| {
            if !*settings {
                focus_id_later("theme-choice");
            }
            settings.set(!*settings);
        })
    };
    let close_settings = {
        let settings = settings.clone();
        Callback::from(move |()| {
            // The button is outside the panel and already shown: focus it now, before the
            // panel hides, so focus never lingers in (or falls out of) the closing panel.
            focus_id("settings-button");
            settings.set(false);
        })
    };
    html! {
        <header class="site-header">
            <div class="header-bar">
                <h1>{ "airlock" }</h1>
                <p class="tagline">{ "Multi-stage Dockerfile playground, running in your browser: nothing is sent anywhere." }</p>
                <div class="header-actions">
                    <ExampleMenu />
                    <super::share_button::ShareButton />
                    <ExportMenu />
                    <button type="button" id="settings-button" aria-controls={SETTINGS_ID}
                            aria-expanded={if *settings { "true" } else { "false" }}
                            onclick={toggle_settings}>
                        { "Settings" }
                    </button>
                    { theme_toggle(&props.theme) }
                </div>
            </div>
            <SettingsPanel open={*settings} theme={props.theme.clone()} on_close={close_settings}
                           wrap={props.wrap} on_wrap={props.on_wrap.clone()} />
        </header>
    }
}

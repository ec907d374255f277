//! The header's light/dark switch. It starts from the system's preference; a click makes the
//! other theme the user's choice (Settings can go back to following the system).

use yew::prelude::*;

use crate::view::page::Theme;
use crate::web::hooks::ThemeHandle;

pub fn theme_toggle(theme: &ThemeHandle) -> Html {
    let dark = theme.shown == Theme::Dark;
    let onclick = {
        let theme = theme.clone();
        Callback::from(move |_: MouseEvent| theme.choose(Some(theme.shown.other())))
    };
    html! {
        <button type="button" id="theme-toggle" class="icon-button" aria-pressed={if dark { "true" } else { "false" }}
                aria-label="Dark theme" title={if dark { "Switch to the light theme" } else { "Switch to the dark theme" }}
                {onclick}>
            <span aria-hidden="true">{ if dark { "\u{263e}" } else { "\u{2600}" } }</span>
        </button>
    }
}

//! The page header: the name, what the page does and the example menu.

use yew::prelude::*;

use super::example_menu::ExampleMenu;

#[component]
pub fn Header() -> Html {
    html! {
        <header class="site-header">
            <h1>{ "airlock" }</h1>
            <p class="tagline">{ "Multi-stage Dockerfile playground: parsed in your browser, nothing is sent anywhere." }</p>
            <ExampleMenu />
        </header>
    }
}

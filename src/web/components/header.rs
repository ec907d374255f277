//! The page header: the name and what the page does.

use yew::prelude::*;

#[component]
pub fn Header() -> Html {
    html! {
        <header class="site-header">
            <h1>{ "airlock" }</h1>
            <p class="tagline">{ "Multi-stage Dockerfile playground: parsed in your browser, nothing is sent anywhere." }</p>
        </header>
    }
}

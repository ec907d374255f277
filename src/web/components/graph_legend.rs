//! The key to the drawing: role colours, target, stages not built, images, edge kinds.

use yew::prelude::*;

use crate::engine::graph::Role;
use crate::render::role_colors;

fn edge_sample(class: &'static str) -> Html {
    html! {
        <svg class="legend-edge" width="34" height="10" viewBox="0 0 34 10" aria-hidden="true">
            <path class={class_list!("line", class)} d="M1,5 L26,5" marker-end="url(#arrow)" />
        </svg>
    }
}

/// A plain function, not a component: it has no state, and a component type costs code.
pub fn graph_legend() -> Html {
    html! {
        <ul class="legend" aria-label="Legend">
            { for Role::ALL.into_iter().map(|role| {
                let (border, fill) = role_colors(role);
                html! {
                    <li>
                        <span class="swatch" style={format!("background:{fill};border-color:{border}")}
                              aria-hidden="true" />
                        { role.as_str() }
                    </li>
                }
            }) }
            <li><span class="swatch target" aria-hidden="true" />{ "◎ target" }</li>
            <li><span class="swatch skipped" aria-hidden="true" />{ "not built" }</li>
            <li><span class="swatch pill" aria-hidden="true" />{ "external image" }</li>
            <li>{ edge_sample("copy") }{ "COPY --from" }</li>
            <li>{ edge_sample("from") }{ "FROM stage" }</li>
            <li>{ edge_sample("mount") }{ "RUN --mount" }</li>
        </ul>
    }
}

//! Zoom out, reset and zoom in buttons for the graph, with the current scale, and "Fit".

use yew::prelude::*;

use crate::engine::number::Fixed;
use crate::view::controls::next_zoom;

/// The buttons for `zoom`, each sending the new scale to `on_zoom`; "Fit" (pressed while the view
/// is fitted) to `on_fit`. A plain function, not a component: it has no state, and a component
/// type costs code.
pub fn graph_zoom(
    zoom: f64,
    fit: bool,
    on_zoom: &Callback<f64>,
    on_fit: &Callback<MouseEvent>,
) -> Html {
    let step = |in_: bool| on_zoom.reform(move |_: MouseEvent| next_zoom(zoom, in_));
    let reset = on_zoom.reform(|_: MouseEvent| 1.0);
    html! {
        <div class="zoom" role="group" aria-label="Zoom">
            <button type="button" id="zoom-fit" aria-label="Fit the whole graph in view"
                    aria-pressed={if fit { "true" } else { "false" }} onclick={on_fit.clone()}>{ "Fit" }</button>
            <button type="button" id="zoom-out" aria-label="Zoom out" onclick={step(false)}>{ "−" }</button>
            <button type="button" id="zoom-reset" aria-label="Reset zoom to 100%" onclick={reset}>
                { format!("{}%", Fixed(zoom * 100.0, 0)) }
            </button>
            <button type="button" id="zoom-in" aria-label="Zoom in" onclick={step(true)}>{ "+" }</button>
        </div>
    }
}

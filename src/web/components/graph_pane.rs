//! The stage graph pane: zoom, the drawing, graph problems, details and legend. It owns the
//! state that only matters while looking (zoom, the node or edge under the pointer or focus).

use yew::prelude::*;

use super::graph_canvas::GraphCanvas;
use super::graph_details::graph_details;
use super::graph_legend::graph_legend;
use super::graph_problems::graph_problems;
use super::graph_zoom::graph_zoom;
use crate::engine::graph::NodeRef;
use crate::web::graph_view::Selection;
use crate::web::hooks::use_app_state;
use crate::web::outline::count_label;

#[component]
pub fn GraphPane() -> Html {
    let state = use_app_state();
    let zoom = use_state(|| 1.0_f64);
    let peek = use_state(|| None::<Selection>);
    let on_zoom = {
        let zoom = zoom.clone();
        Callback::from(move |z: f64| zoom.set(z))
    };
    // One callback for every render: each node and edge takes it as a prop.
    let on_peek = {
        let peek = peek.setter();
        use_callback((), move |p: Option<Selection>, ()| peek.set(p))
    };
    // What the details panel explains: what the user is pointing at or focusing, else what is
    // selected, else the stage the caret is in.
    let shown = (*peek).or(state.selection).or_else(|| {
        state
            .caret_stage()
            .map(|i| Selection::Node(NodeRef::Stage(i)))
    });
    let stages = state.analysis.graph.stages.len();
    html! {
        <section class="panel graph-panel" aria-labelledby="graph-title">
            <div class="pane-head">
                <h2 id="graph-title" class="panel-title">
                    { "Stage graph " }
                    <span id="stage-count" class="count">{ count_label(stages, "stage", "stages") }</span>
                </h2>
                <div class="toolbar">
                    { graph_zoom(*zoom, &on_zoom) }
                </div>
            </div>
            <GraphCanvas zoom={*zoom} {on_peek} />
            { graph_problems(&state) }
            { graph_details(&state, shown) }
            { graph_legend() }
        </section>
    }
}

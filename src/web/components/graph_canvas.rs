//! The stage graph drawn as SVG from the shared layout, inside a scrolling box; zoom scales the
//! drawing's size, so nothing is ever clipped, only scrolled. The box scrolls by itself to keep
//! the stage in focus (selected, else the caret's, else the target) in view.

use web_sys::Element;
use yew::prelude::*;

use super::coord;
use super::graph_edge::GraphEdge;
use super::graph_node::GraphNode;
use crate::engine::graph::NodeRef;
use crate::web::controls::scroll_to_show;
use crate::web::graph_view::Selection;
use crate::web::hooks::{use_app_state, use_select};

#[derive(Properties, PartialEq)]
pub struct GraphCanvasProps {
    pub zoom: f64,
    /// The node or edge under the pointer or keyboard focus (`None` when it leaves).
    pub on_peek: Callback<Option<Selection>>,
}

#[component]
pub fn GraphCanvas(props: &GraphCanvasProps) -> Html {
    let state = use_app_state();
    let on_select = use_select();
    let scroll_box = use_node_ref();
    let view = &state.view;
    let current = state.caret_stage().map(NodeRef::Stage);
    let focus = match state.selection {
        Some(Selection::Node(node)) => Some(node),
        _ => current.or(state.analysis.graph.target.map(NodeRef::Stage)),
    };
    let focus_box = focus
        .and_then(|f| view.nodes.iter().find(|n| n.node == f))
        .map(|n| (n.x, n.y, n.w, n.h));
    {
        let scroll_box = scroll_box.clone();
        // Only the graph's own box scrolls (never the page), and only when the stage in focus,
        // its place or the zoom changes: typing inside one stage, or scrolling by hand, leaves
        // the view alone.
        use_effect_with((focus_box, props.zoom), move |&(focus_box, zoom)| {
            if let (Some((x, y, w, h)), Some(el)) = (focus_box, scroll_box.cast::<Element>()) {
                let (left, width) = (f64::from(el.scroll_left()), f64::from(el.client_width()));
                let (top, height) = (f64::from(el.scroll_top()), f64::from(el.client_height()));
                if let Some(to) = scroll_to_show(left, width, x * zoom, w * zoom) {
                    el.set_scroll_left(to as i32);
                }
                if let Some(to) = scroll_to_show(top, height, y * zoom, h * zoom) {
                    el.set_scroll_top(to as i32);
                }
            }
        });
    }
    if view.nodes.is_empty() {
        return html! {
            <div id="graph-scroll" class="graph-scroll" ref={scroll_box}>
                <p class="hint empty-graph">{ "No stages yet: a stage starts with a FROM line." }</p>
            </div>
        };
    }
    let selected_edges: &[usize] = match state.selection {
        Some(Selection::Edge(i)) => view
            .edges
            .iter()
            .find(|e| e.edges.contains(&i))
            .map_or(&[], |e| e.edges.as_slice()),
        _ => &[],
    };
    let (w, h) = (view.width, view.height);
    html! {
        <div id="graph-scroll" class="graph-scroll" ref={scroll_box}>
            <svg id="graph" class="graph" role="group" aria-label="Stage graph"
                 viewBox={format!("0 0 {} {}", coord(w), coord(h))}
                 width={coord(w * props.zoom)} height={coord(h * props.zoom)}>
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse"
                            markerWidth="10" markerHeight="10" orient="auto-start-reverse">
                        <path class="arrowhead" d="M0,0 L10,5 L0,10 z" />
                    </marker>
                    <marker id="arrow-on" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse"
                            markerWidth="12" markerHeight="12" orient="auto-start-reverse">
                        <path class="arrowhead on" d="M0,0 L10,5 L0,10 z" />
                    </marker>
                </defs>
                <g class="edges">
                    { for view.edges.iter().map(|edge| html! {
                        <GraphEdge
                            view={edge.clone()}
                            selected={edge.edges.first().is_some_and(|i| selected_edges.contains(i))}
                            on_select={on_select.clone()}
                            on_peek={props.on_peek.clone()}
                        />
                    }) }
                </g>
                <g class="nodes">
                    { for view.nodes.iter().map(|node| html! {
                        <GraphNode
                            view={node.clone()}
                            selected={state.selection == Some(Selection::Node(node.node))}
                            current={current == Some(node.node)}
                            on_select={on_select.clone()}
                            on_peek={props.on_peek.clone()}
                        />
                    }) }
                </g>
            </svg>
        </div>
    }
}

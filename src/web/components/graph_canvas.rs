//! The stage graph drawn as SVG from the shared layout, inside a scrolling box; zoom scales the
//! drawing's size, so nothing is ever clipped, only scrolled. The box scrolls by itself to keep
//! the stage in focus (selected, else the caret's, else the target) in view. What is selected or
//! pointed at lights up with its edges and their other ends; the rest is dimmed.

use web_sys::Element;
use yew::prelude::*;

use super::coord;
use super::graph_edge::GraphEdge;
use super::graph_node::GraphNode;
use crate::engine::graph::NodeRef;
use crate::view::controls::scroll_to_show;
use crate::view::graph_view::{lit, Selection};
use crate::web::hooks::{use_app_state, use_select};

#[derive(Properties, PartialEq)]
pub struct GraphCanvasProps {
    pub zoom: f64,
    /// What to light up (the rest is dimmed): pointed at or focused, else selected.
    pub highlight: Option<Selection>,
    /// The scrolling box, which the pane zooms and pans.
    pub scroll_box: yew::NodeRef,
    /// The box scrolled.
    pub on_scroll: Callback<()>,
    /// The node or edge under the pointer or keyboard focus (`None` when it leaves).
    pub on_peek: Callback<Option<Selection>>,
}

#[component]
pub fn GraphCanvas(props: &GraphCanvasProps) -> Html {
    let state = use_app_state();
    let on_select = use_select();
    let scroll_box = props.scroll_box.clone();
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
        // Only the graph's own box scrolls (never the page), and only when the stage in focus or
        // its place changes: typing inside one stage, scrolling by hand or zooming (around the
        // pointer, see `graph_pane.rs`) leaves the view alone.
        let zoom = props.zoom;
        use_effect_with(focus_box, move |&focus_box| {
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
    let lit = props.highlight.map(|item| lit(view, item));
    let (w, h) = (view.width, view.height);
    let onscroll = props.on_scroll.reform(|_: Event| ());
    html! {
        <div id="graph-scroll" class="graph-scroll" ref={scroll_box} {onscroll} tabindex="0" role="group"
             aria-label="Stage graph view: arrow keys pan, + and − zoom, 0 fits, Escape clears the selection">
            <svg id="graph" class={class_list!("graph", lit.is_some().then_some("dimmed"))}
                 role="group" aria-label="Stage graph"
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
                    { for view.edges.iter().enumerate().map(|(i, edge)| html! {
                        <GraphEdge
                            view={edge.clone()}
                            lit={lit.as_ref().is_some_and(|l| l.edges[i])}
                            selected={edge.edges.first().is_some_and(|i| selected_edges.contains(i))}
                            on_select={on_select.clone()}
                            on_peek={props.on_peek.clone()}
                        />
                    }) }
                </g>
                <g class="nodes">
                    { for view.nodes.iter().enumerate().map(|(i, node)| html! {
                        <GraphNode
                            view={node.clone()}
                            lit={lit.as_ref().is_some_and(|l| l.nodes[i])}
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

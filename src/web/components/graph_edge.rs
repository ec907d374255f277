//! One edge of the graph: a path with an arrowhead (COPY solid, FROM bold, mount dashed) and its
//! short artifact label; the complete list is its tooltip and goes to the details panel on focus.

use yew::prelude::*;

use super::{coord, ItemEvents};
use crate::engine::graph::EdgeKind;
use crate::view::graph_view::{node_id, EdgeView, Selection};

#[derive(Properties, PartialEq)]
pub struct GraphEdgeProps {
    pub view: EdgeView,
    pub selected: bool,
    /// Lit by the highlight (the drawing dims what is not: only what changes is drawn again).
    pub lit: bool,
    pub on_select: Callback<Selection>,
    pub on_peek: Callback<Option<Selection>>,
}

#[component]
pub fn GraphEdge(props: &GraphEdgeProps) -> Html {
    let v = &props.view;
    let item = v.selection();
    let kind = match v.kind {
        EdgeKind::From => "from",
        EdgeKind::Copy => "copy",
        EdgeKind::Mount => "mount",
    };
    let events = ItemEvents::new(item, &props.on_select, &props.on_peek);
    let marker = if props.selected || props.lit {
        "url(#arrow-on)"
    } else {
        "url(#arrow)"
    };
    let first = v.edges.first().copied().unwrap_or_default();
    html! {
        <g id={format!("edge-{first}")}
           class={class_list!("edge", kind, props.selected.then_some("selected"),
                              props.lit.then_some("lit"))}
           tabindex="0" role="button" aria-label={v.label_accessible.clone()}
           aria-pressed={if props.selected { "true" } else { "false" }}
           data-kind={kind} data-from={node_id(v.from)} data-to={node_id(v.to)}
           onclick={events.onclick} onkeydown={events.onkeydown} onfocus={events.onfocus}
           onblur={events.onblur} onmouseenter={events.onmouseenter}
           onmouseleave={events.onmouseleave}>
            <title>{ &v.tooltip }</title>
            <path class="hit" d={v.path.clone()} />
            <path class={class_list!("line", kind)} d={v.path.clone()} marker-end={marker} />
            if !v.label.is_empty() {
                <text class="edge-label" x={coord(v.label_x)} y={coord(v.label_y)} text-anchor="middle">
                    { &v.label }
                </text>
            }
        </g>
    }
}

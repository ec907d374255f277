//! One node of the graph: a stage box (title, base, role badge, target marker) or an external
//! image pill. Focusable and selectable like a button.

use yew::prelude::*;

use super::{coord, ItemEvents};
use crate::engine::graph::NodeRef;
use crate::render::role_colors;
use crate::view::graph_view::{node_id, NodeView, Selection};

#[derive(Properties, PartialEq)]
pub struct GraphNodeProps {
    pub view: NodeView,
    pub selected: bool,
    /// Lit by the highlight (the drawing dims what is not: only what changes is drawn again).
    pub lit: bool,
    /// The editor's caret is in this stage.
    pub current: bool,
    pub on_select: Callback<Selection>,
    pub on_peek: Callback<Option<Selection>>,
}

/// Pixels per character of the role badge's text (10px monospace).
const BADGE_CHAR_W: f64 = 6.1;

#[component]
pub fn GraphNode(props: &GraphNodeProps) -> Html {
    let v = &props.view;
    let item = Selection::Node(v.node);
    let id = node_id(v.node);
    let kind = match v.node {
        NodeRef::Stage(_) => "stage",
        NodeRef::Image(_) => "image",
    };
    let events = ItemEvents::new(item, &props.on_select, &props.on_peek);
    let clip_id = format!("clip-{id}");
    let (x, y, w, h) = (v.x, v.y, v.w, v.h);
    let ring = html! {
        <rect class="ring" x={coord(x - 5.0)} y={coord(y - 5.0)} width={coord(w + 10.0)}
              height={coord(h + 10.0)} rx="12" />
    };
    let body = match v.role {
        Some(role) => {
            let (border, fill) = role_colors(role);
            let word = role.as_str().to_ascii_uppercase();
            let badge_w = word.len() as f64 * BADGE_CHAR_W + 10.0;
            let marker = if v.target {
                "◎ target"
            } else if !v.reachable {
                "not built"
            } else {
                ""
            };
            html! {
                <>
                    <rect class="box" x={coord(x)} y={coord(y)} width={coord(w)} height={coord(h)} rx="8"
                          fill={fill} stroke={border} stroke-width={if v.target { "3.5" } else { "1.2" }} />
                    <g clip-path={format!("url(#{clip_id})")}>
                        <text class="title" x={coord(x + 10.0)} y={coord(y + 21.0)}>{ &v.title }</text>
                        <text class="base" x={coord(x + 10.0)} y={coord(y + 39.0)}>{ &v.subtitle }</text>
                        <rect class="badge" x={coord(x + 10.0)} y={coord(y + 46.0)} width={coord(badge_w)}
                              height="14" rx="3" fill={border} />
                        <text class="badge-text" x={coord(x + 15.0)} y={coord(y + 56.5)}>{ word }</text>
                        <text class="marker" x={coord(x + 18.0 + badge_w)} y={coord(y + 57.0)}>{ marker }</text>
                    </g>
                </>
            }
        }
        None => html! {
            <>
                <rect class="box pill" x={coord(x)} y={coord(y)} width={coord(w)} height={coord(h)}
                      rx={coord(h / 2.0)} />
                <g clip-path={format!("url(#{clip_id})")}>
                    <text class="title" x={coord(x + w / 2.0)} y={coord(y + 19.0)} text-anchor="middle">
                        { &v.title }
                    </text>
                    <text class="base" x={coord(x + w / 2.0)} y={coord(y + 34.0)} text-anchor="middle">
                        { &v.subtitle }
                    </text>
                </g>
            </>
        },
    };
    let class = class_list!(
        "node",
        kind,
        v.role.map(|r| r.as_str()),
        v.target.then_some("target"),
        (!v.reachable).then_some("skipped"),
        props.selected.then_some("selected"),
        props.current.then_some("current"),
        props.lit.then_some("lit"),
    );
    html! {
        <g {id} {class} tabindex="0" role="button" aria-label={v.label.clone()}
           aria-pressed={if props.selected { "true" } else { "false" }}
           data-role={v.role.map(|r| r.as_str())}
           onclick={events.onclick} onkeydown={events.onkeydown} onfocus={events.onfocus}
           onblur={events.onblur} onmouseenter={events.onmouseenter}
           onmouseleave={events.onmouseleave}>
            <title>{ &v.tooltip }</title>
            <clipPath id={clip_id.clone()}>
                <rect x={coord(x + 4.0)} y={coord(y)} width={coord(w - 8.0)} height={coord(h)} />
            </clipPath>
            { ring }
            // An opaque backdrop, so that a dimmed stage shows the background through it, not
            // the edges behind it.
            <rect class="backdrop" x={coord(x)} y={coord(y)} width={coord(w)} height={coord(h)}
                  rx={if v.role.is_some() { "8".to_string() } else { coord(h / 2.0) }} />
            // One group, so that dimming a stage keeps the contrast between its text and its box.
            <g class="body">{ body }</g>
        </g>
    }
}

//! The overview of a large graph while part of it is out of view: the whole drawing small (boxes in their role colours and the
//! edges), the part in view as a rectangle; pressing or dragging on it centres the view there.
//! For the pointer only: the keyboard pans with the arrow keys (see `graph_pane.rs`).

use std::rc::Rc;

use yew::prelude::*;

use super::coord;
use crate::render::role_colors;
use crate::view::graph_view::GraphView;

/// Graphs of more stages than this get a minimap; smaller ones fit readably.
pub const MINIMAP_STAGES: usize = 15;
/// The minimap's largest size on screen, in pixels.
const MINI_W: f64 = 160.0;
const MINI_H: f64 = 100.0;

/// Pixels on the minimap per drawing unit.
fn mini_scale(view: &GraphView) -> f64 {
    (MINI_W / view.width.max(1.0)).min(MINI_H / view.height.max(1.0))
}

#[derive(Properties, PartialEq)]
struct MiniDrawingProps {
    view: Rc<GraphView>,
}

/// The drawing in miniature: its own component, so that scrolling the graph redraws only the
/// rectangle in view, not every box.
#[component]
fn MiniDrawing(props: &MiniDrawingProps) -> Html {
    let v = &props.view;
    html! {
        <>
            { for v.edges.iter().map(|e| html! { <path class="mini-edge" d={e.path.clone()} /> }) }
            { for v.nodes.iter().map(|n| {
                let (stroke, fill) = n.role.map_or(("var(--pill-border)", "var(--pill-bg)"), role_colors);
                html! {
                    <rect class="mini-node" x={coord(n.x)} y={coord(n.y)} width={coord(n.w)} height={coord(n.h)}
                          {fill} {stroke} />
                }
            }) }
        </>
    }
}

/// The minimap of `view`, showing `seen` (left, top, width, height in drawing units); a press or a
/// drag at a point sends that point (in drawing units) to `on_move`. A plain function: the pane
/// draws it on each scroll.
pub fn graph_minimap(
    view: &Rc<GraphView>,
    seen: super::graph_pane::Seen,
    on_move: &Callback<(f64, f64)>,
) -> Html {
    let k = mini_scale(view);
    let at = move |e: &MouseEvent| (f64::from(e.offset_x()) / k, f64::from(e.offset_y()) / k);
    let onmousedown = on_move.reform(move |e: MouseEvent| {
        e.prevent_default();
        at(&e)
    });
    let onmousemove = {
        let on_move = on_move.clone();
        Callback::from(move |e: MouseEvent| {
            if e.buttons() & 1 == 1 {
                on_move.emit(at(&e));
            }
        })
    };
    let (x, y, w, h) = seen;
    // The rectangle stays inside the drawing when the view is larger than it.
    let (w, h) = (w.min(view.width - x), h.min(view.height - y));
    html! {
        <div id="graph-minimap" class="minimap" aria-hidden="true" title="Overview: press or drag to move the view"
             style={format!("width:{}px;height:{}px", coord(view.width * k), coord(view.height * k))}
             {onmousedown} {onmousemove}>
            <svg viewBox={format!("0 0 {} {}", coord(view.width), coord(view.height))}
                 width="100%" height="100%">
                <MiniDrawing view={view.clone()} />
                <rect id="minimap-view" class="mini-view" x={coord(x)} y={coord(y)}
                      width={coord(w.max(0.0))} height={coord(h.max(0.0))} />
            </svg>
        </div>
    }
}

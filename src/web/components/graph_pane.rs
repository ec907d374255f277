//! The stage graph pane: zoom and fit, the drawing with its minimap, graph problems, details and
//! legend. It owns the state that only matters while looking: the scale and whether it follows
//! the box (fit), the part of the drawing in view, the node or edge under the pointer or focus.
//!
//! Navigation: a fitted view on load (and for a new file), on a change of target and on "Fit"
//! (or `0`); ctrl + wheel (a trackpad pinch) zooms around the pointer, the buttons and `+`/`-`
//! around the view's centre; dragging the background or the arrow keys pan; Escape clears the
//! selection. A minimap shows a large drawing while part of it is out of view.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use super::graph_canvas::GraphCanvas;
use super::graph_details::graph_details;
use super::graph_legend::graph_legend;
use super::graph_minimap::{graph_minimap, MINIMAP_STAGES};
use super::graph_problems::graph_problems;
use super::graph_zoom::graph_zoom;
use crate::engine::graph::NodeRef;
use crate::view::controls::{clamp_zoom, fit_zoom, next_zoom, wheel_zoom, zoom_scroll};
use crate::view::graph_view::Selection;
use crate::view::outline::count_label;
use crate::web::dom::ResizeWatch;
use crate::web::hooks::use_app_state;
use crate::web::state::Action;

/// Zooms to a scale around a point of the view (`None`: its centre).
type ZoomTo = dyn Fn(f64, Option<(f64, f64)>);

/// Pixels the arrow keys pan by.
const PAN_STEP: f64 = 60.0;

/// The drawing's scale, and whether it is the fitted one (kept fitted while the drawing or the
/// box changes size, until the user zooms).
#[derive(Clone, Copy, PartialEq)]
struct Scale {
    zoom: f64,
    fit: bool,
}

/// The part of the drawing in view, in drawing units: left, top, width, height.
pub type Seen = (f64, f64, f64, f64);

fn seen_of(el: &Element, zoom: f64) -> Seen {
    let z = zoom.max(1e-6);
    (
        f64::from(el.scroll_left()) / z,
        f64::from(el.scroll_top()) / z,
        f64::from(el.client_width()) / z,
        f64::from(el.client_height()) / z,
    )
}

/// Scrolls `el` to `(left, top)` pixels.
fn scroll_to(el: &Element, (left, top): (f64, f64)) {
    el.set_scroll_left(left.max(0.0) as i32);
    el.set_scroll_top(top.max(0.0) as i32);
}

#[component]
pub fn GraphPane() -> Html {
    let state = use_app_state();
    let scale = use_state(|| Scale {
        zoom: 1.0,
        fit: true,
    });
    let peek = use_state(|| None::<Selection>);
    let seen = use_state(|| (0.0, 0.0, 0.0, 0.0));
    let scroll_box = use_node_ref();
    let cap = use_node_ref();
    // The scroll offset to apply once the drawing has its new size (zooming around a point).
    let pending = use_mut_ref(|| None::<(f64, f64)>);
    // A drag that pans: where the pointer and the scroll started.
    let drag = use_mut_ref(|| None::<(f64, f64, f64, f64)>);
    let (width, height) = (state.view.width, state.view.height);
    // The room a fitted drawing has, as last measured (the effect below): a fitted view draws a
    // new file at its fitted scale at once, rather than at the old scale and then again.
    let room = use_mut_ref(|| None::<(f64, f64)>);
    let fitted = (*room.borrow())
        .filter(|_| scale.fit)
        .map(|(w, h)| fit_zoom(w, h, width, height));
    let zoom = fitted.unwrap_or(scale.zoom);

    // Keeps the fitted scale fitted, then applies a pending scroll and measures the view. The box
    // is as tall as the drawing up to a cap (style.css); an empty element as wide as the box and
    // as tall as the cap measures the room a fitted drawing has.
    {
        let scale = scale.clone();
        let seen = seen.clone();
        let scroll_box = scroll_box.clone();
        let cap = cap.clone();
        let pending = pending.clone();
        let room = room.clone();
        use_effect(move || {
            if let (Some(el), Some(cap)) = (scroll_box.cast::<Element>(), cap.cast::<Element>()) {
                // Less the box's border (1 px each side).
                let w = f64::from(cap.client_width()) - 2.0;
                let h = f64::from(cap.client_height()) - 2.0;
                *room.borrow_mut() = (w > 0.0).then_some((w, h));
                let mut zoom = scale.zoom;
                if scale.fit && w > 0.0 {
                    zoom = fit_zoom(w, h, width, height);
                    if (zoom - scale.zoom).abs() > 1e-3 {
                        scale.set(Scale { zoom, fit: true });
                    }
                }
                if let Some(to) = pending.borrow_mut().take() {
                    scroll_to(&el, to);
                }
                let now = seen_of(&el, zoom);
                if now != *seen {
                    seen.set(now);
                }
            }
        });
    }
    // The room changes (the window, a tab shown again): drawn again, so a fitted view stays fitted.
    {
        let cap = cap.clone();
        let redraw = use_force_update();
        use_effect_with((), move |_| {
            let watch = cap
                .cast::<Element>()
                .and_then(|el| ResizeWatch::new(&el, move || redraw.force_update()));
            move || drop(watch)
        });
    }
    // A new file (the number of stages jumps: a paste, an example, a draft), fitted again; one
    // stage typed in or out keeps the view.
    {
        let scale = scale.clone();
        let before = use_mut_ref(|| 0_usize);
        let stages = state.analysis.graph.stages.len();
        use_effect_with(stages, move |&stages| {
            let jump = stages.abs_diff(before.replace(stages)) > 1;
            if jump && !scale.fit {
                scale.set(Scale {
                    zoom: scale.zoom,
                    fit: true,
                });
            }
        });
    }
    // A new target: fitted again (the layout moves it), and nothing stale under the pointer.
    {
        let scale = scale.clone();
        let peek = peek.clone();
        use_effect_with(state.config.target.clone(), move |_| {
            if !scale.fit {
                scale.set(Scale {
                    zoom: scale.zoom,
                    fit: true,
                });
            }
            peek.set(None);
        });
    }
    // Zooms to `z` around a point of the view (`None`: its centre).
    let zoom_to: Rc<ZoomTo> = {
        let scale = scale.clone();
        let scroll_box = scroll_box.clone();
        let pending = pending.clone();
        Rc::new(move |z: f64, at: Option<(f64, f64)>| {
            let z = clamp_zoom(z);
            if let Some(el) = scroll_box.cast::<Element>() {
                let (w, h) = (f64::from(el.client_width()), f64::from(el.client_height()));
                let (x, y) = at.unwrap_or((w / 2.0, h / 2.0));
                // The scale drawn (the fitted one, which `scale` may not hold yet).
                let old = zoom;
                *pending.borrow_mut() = Some((
                    zoom_scroll(f64::from(el.scroll_left()), x, old, z),
                    zoom_scroll(f64::from(el.scroll_top()), y, old, z),
                ));
            }
            scale.set(Scale {
                zoom: z,
                fit: false,
            });
        })
    };
    let on_zoom = {
        let zoom_to = zoom_to.clone();
        Callback::from(move |z: f64| zoom_to(z, None))
    };
    let on_fit = {
        let scale = scale.clone();
        Callback::from(move |_: MouseEvent| {
            scale.set(Scale {
                zoom: scale.zoom,
                fit: true,
            })
        })
    };
    // One callback for every render: each node and edge takes it as a prop.
    let on_peek = {
        let peek = peek.setter();
        use_callback((), move |p: Option<Selection>, ()| peek.set(p))
    };
    let on_scroll = {
        let seen = seen.setter();
        let scroll_box = scroll_box.clone();
        use_callback(zoom, move |_: (), &zoom| {
            if let Some(el) = scroll_box.cast::<Element>() {
                seen.set(seen_of(&el, zoom));
            }
        })
    };
    let onwheel = {
        let zoom_to = zoom_to.clone();
        let scroll_box = scroll_box.clone();
        Callback::from(move |e: WheelEvent| {
            // A plain wheel scrolls; with ctrl (and a trackpad's pinch) it zooms.
            let Some(el) = scroll_box.cast::<Element>().filter(|_| e.ctrl_key()) else {
                return;
            };
            e.prevent_default();
            let r = el.get_bounding_client_rect();
            let at = (
                f64::from(e.client_x()) - r.left(),
                f64::from(e.client_y()) - r.top(),
            );
            let lines = if e.delta_mode() == 1 { 40.0 } else { 1.0 };
            zoom_to(wheel_zoom(zoom, e.delta_y() * lines), Some(at));
        })
    };
    let onkeydown = {
        let zoom_to = zoom_to.clone();
        let scroll_box = scroll_box.clone();
        let scale = scale.clone();
        let peek = peek.clone();
        let state = state.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            let Some(el) = scroll_box.cast::<Element>() else {
                return;
            };
            let (left, top) = (f64::from(el.scroll_left()), f64::from(el.scroll_top()));
            match e.key().as_str() {
                "ArrowLeft" => scroll_to(&el, (left - PAN_STEP, top)),
                "ArrowRight" => scroll_to(&el, (left + PAN_STEP, top)),
                "ArrowUp" => scroll_to(&el, (left, top - PAN_STEP)),
                "ArrowDown" => scroll_to(&el, (left, top + PAN_STEP)),
                "+" | "=" => zoom_to(next_zoom(zoom, true), None),
                "-" | "_" => zoom_to(next_zoom(zoom, false), None),
                "0" => scale.set(Scale { zoom, fit: true }),
                "Escape" => {
                    peek.set(None);
                    state.dispatch(Action::Select(None));
                }
                _ => return,
            }
            e.prevent_default();
        })
    };
    // Dragging the background pans (a node or an edge is clicked, not dragged).
    let onmousedown = {
        let scroll_box = scroll_box.clone();
        let drag = drag.clone();
        Callback::from(move |e: MouseEvent| {
            let on_item = e
                .target_dyn_into::<Element>()
                .and_then(|t| t.closest(".node, .edge, .minimap").ok().flatten())
                .is_some();
            let Some(el) = scroll_box.cast::<HtmlElement>() else {
                return;
            };
            if e.button() != 0 || on_item {
                return;
            }
            e.prevent_default();
            let _ = el.focus();
            *drag.borrow_mut() = Some((
                f64::from(e.client_x()),
                f64::from(e.client_y()),
                f64::from(el.scroll_left()),
                f64::from(el.scroll_top()),
            ));
        })
    };
    let onmousemove = {
        let scroll_box = scroll_box.clone();
        let drag = drag.clone();
        Callback::from(move |e: MouseEvent| {
            let start = *drag.borrow();
            if let (Some((x, y, left, top)), Some(el)) = (start, scroll_box.cast::<Element>()) {
                if e.buttons() & 1 == 0 {
                    *drag.borrow_mut() = None;
                    return;
                }
                let dx = f64::from(e.client_x()) - x;
                let dy = f64::from(e.client_y()) - y;
                scroll_to(&el, (left - dx, top - dy));
            }
        })
    };
    let end_drag = {
        let drag: Rc<RefCell<_>> = drag.clone();
        Callback::from(move |_: MouseEvent| *drag.borrow_mut() = None)
    };
    // Clicking or dragging on the minimap centres the view on that point.
    let on_minimap = {
        let scroll_box = scroll_box.clone();
        Callback::from(move |(x, y): (f64, f64)| {
            if let Some(el) = scroll_box.cast::<Element>() {
                let (w, h) = (f64::from(el.client_width()), f64::from(el.client_height()));
                scroll_to(&el, (x * zoom - w / 2.0, y * zoom - h / 2.0));
            }
        })
    };
    // What the details panel explains: what the user is pointing at or focusing, else what is
    // selected, else the stage the caret is in.
    // (What was pointed at may be gone since: an edit removed it.)
    let graph = &state.analysis.graph;
    let highlight = (*peek).filter(|p| p.exists(graph)).or(state.selection);
    let shown = highlight.or_else(|| {
        state
            .caret_stage()
            .map(|i| Selection::Node(NodeRef::Stage(i)))
    });
    let stages = state.analysis.graph.stages.len();
    // The minimap, while part of a large drawing is out of view (a fitted one shows it all).
    // Fitted, what is in view follows from the room (the box is the room, or the drawing where
    // that is smaller), so a new file does not draw it from the old file's view and then again.
    let (seen_w, seen_h) = match (fitted, *room.borrow()) {
        (Some(z), Some((w, h))) => (w / z, h.min(height * z) / z),
        _ => (seen.2, seen.3),
    };
    let partial = seen_w < width - 1.0 || seen_h < height - 1.0;
    let minimap = (stages > MINIMAP_STAGES && partial)
        .then(|| graph_minimap(&state.view, *seen, &on_minimap));
    html! {
        <section class="panel graph-panel" aria-labelledby="graph-title">
            <div class="pane-head">
                <h2 id="graph-title" class="panel-title">
                    { "Stage graph " }
                    <span id="stage-count" class="count">{ count_label(stages, "stage", "stages") }</span>
                </h2>
                <div class="toolbar">
                    { graph_zoom(zoom, scale.fit, &on_zoom, &on_fit) }
                </div>
            </div>
            <div class="graph-frame" {onwheel} {onkeydown} {onmousedown} {onmousemove}
                 onmouseup={end_drag.clone()} onmouseleave={end_drag}>
                <GraphCanvas {zoom} {highlight} {on_peek} {on_scroll}
                             scroll_box={scroll_box.clone()} />
                { minimap }
                <div class="graph-cap" ref={cap} aria-hidden="true" />
            </div>
            { graph_problems(&state) }
            { graph_details(&state, shown) }
            { graph_legend() }
        </section>
    }
}

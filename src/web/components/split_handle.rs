//! The handle between the editor and the results: dragged with the pointer, or focused and moved
//! with the arrow keys (a focusable `role="separator"` with its value), it sets the editor's
//! share of the width (`view::split`), which the page keeps in `localStorage`.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::view::split::{after_key, at_pointer, MAX, MIN};

/// The layout the handle splits: `<main class="layout" id=...>`.
pub const LAYOUT_ID: &str = "layout";

/// The share for a pointer at `x`: measured from the editor's left edge to the results' right
/// edge, the width the grid's columns share.
fn share_at(x: f64) -> Option<u32> {
    let layout = gloo::utils::document().get_element_by_id(LAYOUT_ID)?;
    let first = layout.first_element_child()?.get_bounding_client_rect();
    let last = layout.last_element_child()?.get_bounding_client_rect();
    at_pointer(x, first.left(), last.right() - first.left())
}

#[derive(Properties, PartialEq)]
pub struct SplitHandleProps {
    /// The editor's share of the width, in percent.
    pub value: u32,
    pub onchange: Callback<u32>,
}

#[component]
pub fn SplitHandle(props: &SplitHandleProps) -> Html {
    let dragging = use_mut_ref(|| Rc::new(Cell::new(false)));
    let dragging = dragging.borrow().clone();
    // Window listeners for the page's lifetime: a drag goes on when the pointer leaves the
    // handle, and ends wherever the button is released.
    {
        let dragging = dragging.clone();
        let onchange = props.onchange.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let moved = {
                let dragging = dragging.clone();
                EventListener::new(&window, "mousemove", move |e| {
                    let Some(e) = e.dyn_ref::<MouseEvent>().filter(|_| dragging.get()) else {
                        return;
                    };
                    if let Some(share) = share_at(f64::from(e.client_x())) {
                        onchange.emit(share);
                    }
                })
            };
            let up = EventListener::new(&window, "mouseup", move |_| dragging.set(false));
            move || drop((moved, up))
        });
    }
    let onmousedown = {
        let dragging = dragging.clone();
        Callback::from(move |e: MouseEvent| {
            if e.button() == 0 {
                e.prevent_default();
                dragging.set(true);
            }
        })
    };
    let onkeydown = {
        let (value, onchange) = (props.value, props.onchange.clone());
        Callback::from(move |e: KeyboardEvent| {
            if let Some(next) = after_key(&e.key(), value) {
                e.prevent_default();
                onchange.emit(next);
            }
        })
    };
    html! {
        <div class="split-handle" id="split-handle" role="separator" tabindex="0"
             aria-orientation="vertical" aria-label="Editor width" aria-controls="editor"
             aria-valuenow={props.value.to_string()} aria-valuemin={MIN.to_string()}
             aria-valuemax={MAX.to_string()}
             aria-valuetext={format!("editor {}% of the width", props.value)}
             title="Drag, or focus and press the arrow keys, to share the width"
             {onmousedown} {onkeydown}>
        </div>
    }
}

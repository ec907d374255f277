//! The message of the editor's squiggle under the pointer. The squiggles are beneath the
//! textarea, which covers them, so the one under the pointer is found by its position.

use yew::prelude::*;

use crate::web::dom::{place, squiggle_at};

/// Where the hover message shows, relative to the editor's code box.
#[derive(Clone, PartialEq)]
pub struct Hover {
    pub messages: String,
    left: f64,
    top: f64,
}

/// The hover message, if any, and what the pointer's events call.
#[derive(Clone)]
pub struct SquiggleHover(UseStateHandle<Option<Hover>>);

impl SquiggleHover {
    pub fn current(&self) -> Option<&Hover> {
        self.0.as_ref()
    }

    /// The pointer moved over `area` (the textarea).
    pub fn moved(&self, e: &MouseEvent) {
        let area: web_sys::Element = e.target_unchecked_into();
        let frame = area.get_bounding_client_rect();
        let found = squiggle_at(f64::from(e.client_x()), f64::from(e.client_y()));
        self.0.set(found.map(|(messages, left, bottom)| Hover {
            messages,
            left: left - frame.left(),
            top: bottom - frame.top() + 2.0,
        }));
    }

    /// The pointer left the editor.
    pub fn left(&self) {
        self.0.set(None);
    }
}

/// The squiggle message under the pointer, placed from script in the element `id` (the
/// Content-Security-Policy refuses style attributes).
#[hook]
pub fn use_squiggle_hover(id: &'static str) -> SquiggleHover {
    let hover = use_state_eq(|| None::<Hover>);
    use_effect_with((*hover).clone(), move |hover| {
        if let Some(h) = hover {
            place(id, h.left.max(0.0), h.top);
        }
    });
    SquiggleHover(hover)
}

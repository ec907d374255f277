//! The editor's virtualised overlay and gutter: only the lines in view (and a margin) are
//! drawn, pushed down to their place in boxes as tall as all the lines, and both follow the
//! textarea when it scrolls, resizes or changes font size. With soft wrap a line's height varies:
//! then every line is drawn, in the flow, and the boxes take their own height.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsValue;
use web_sys::Element;
use yew::prelude::*;

use crate::engine::number::Shortest;
use crate::view::highlight::lines_to_draw;

/// The gutter's id in the page.
pub const GUTTER_ID: &str = "gutter";
/// The coloured copy of the text behind the textarea.
pub const HIGHLIGHT_ID: &str = "editor-highlight";
/// The lines drawn before the editor's size is known.
const FIRST_DRAWN: usize = 64;

/// The height of a drawn line in CSS pixels, as laid out (fonts and zoom vary); 0 while none
/// is laid out (a hidden pane).
fn line_height() -> f64 {
    gloo::utils::document()
        .query_selector("#editor-highlight .hl-line")
        .ok()
        .flatten()
        .map_or(0.0, |line| line.get_bounding_client_rect().height())
}

/// The lines to draw for the textarea's scroll position and size, given those drawn.
fn in_view(area: &Element, height: f64, drawn: (usize, usize)) -> (usize, usize) {
    if height <= 0.0 {
        return drawn;
    }
    // Rounded generously: the textarea's padding and a line cut at either edge.
    let top = (f64::from(area.scroll_top()) / height) as usize;
    let rows = (f64::from(area.client_height()) / height) as usize + 2;
    lines_to_draw(top.saturating_sub(1), rows, drawn)
}

/// Sets a length of an element's style from script (the Content-Security-Policy refuses
/// `style` attributes, not the style object).
fn set_px(el: &Element, key: &str, px: f64) {
    if let Ok(style) = js_sys::Reflect::get(el, &JsValue::from_str("style")) {
        let value = JsValue::from_str(&format!("{}px", Shortest(px)));
        let _ = js_sys::Reflect::set(&style, &JsValue::from_str(key), &value);
    }
}

/// Makes the coloured lines and the gutter's numbers as tall as all `total` lines, with the
/// drawn ones from line `first` on pushed down to their place, so that both scroll as far as
/// the textarea and show its lines where it shows them.
fn lay_out(first: usize, total: usize, height: f64, wrap: bool) {
    let document = gloo::utils::document();
    for selector in ["#editor-highlight > code", "#gutter > .gutter-lines"] {
        if let Ok(Some(el)) = document.query_selector(selector) {
            if wrap {
                // Every line is drawn: the box is as tall as its lines.
                set_style(&el, "paddingTop", "");
                set_style(&el, "height", "");
            } else {
                set_px(&el, "paddingTop", first as f64 * height);
                set_px(&el, "height", total.saturating_sub(first) as f64 * height);
            }
        }
    }
}

/// Sets (or, with "", clears) a property of an element's style from script.
fn set_style(el: &Element, key: &str, value: &str) {
    if let Ok(style) = js_sys::Reflect::get(el, &JsValue::from_str("style")) {
        let _ = js_sys::Reflect::set(&style, &JsValue::from_str(key), &JsValue::from_str(value));
    }
}

/// Scrolls the gutter and the coloured lines to where the textarea is scrolled.
fn scroll_with(area: &Element) {
    let document = gloo::utils::document();
    if let Some(gutter) = document.get_element_by_id(GUTTER_ID) {
        gutter.set_scroll_top(area.scroll_top());
    }
    if let Some(pre) = document.get_element_by_id(HIGHLIGHT_ID) {
        // The drawn lines may all be shorter than the line scrolled to.
        if area.scroll_left() > 0 {
            if let Some(code) = pre.first_element_child() {
                set_px(&code, "minWidth", f64::from(area.scroll_width()));
            }
        }
        pre.set_scroll_top(area.scroll_top());
        pre.set_scroll_left(area.scroll_left());
    }
}

/// The lines to draw and what the textarea's scroll events call.
pub struct LinesInView {
    /// The lines drawn, 0-based, end excluded (clamped to the text's lines).
    pub drawn: (usize, usize),
    follow: Rc<dyn Fn(&Element)>,
}

impl LinesInView {
    /// The textarea scrolled: the gutter and the highlight are moved to where it is (they have
    /// no scrollbars of their own), and the lines now in view are drawn.
    pub fn scrolled(&self, area: &Element) {
        scroll_with(area);
        (self.follow)(area);
    }
}

/// The lines of a text of `total` lines to draw beside the textarea `area`; all of them when
/// long lines `wrap`.
#[hook]
pub fn use_lines_in_view(area: &NodeRef, total: usize, wrap: bool) -> LinesInView {
    // The lines drawn (0-based, end excluded; see `lines_to_draw`) and a drawn line's height.
    let view = use_mut_ref(|| (0, FIRST_DRAWN));
    let height = use_mut_ref(|| Cell::new(0.0));
    let redraw = use_force_update();
    let drawn = if wrap {
        (0, total)
    } else {
        let (first, end) = *view.borrow();
        (first.min(total), end.min(total))
    };
    // Draws the lines in view (after a scroll, a resize or a change of font size).
    let follow: Rc<dyn Fn(&Element)> = {
        let (view, height) = (view.clone(), height.clone());
        Rc::new(move |area: &Element| {
            let measured = line_height();
            let changed = measured > 0.0 && measured != height.borrow().get();
            if changed {
                height.borrow().set(measured);
            }
            let next = in_view(area, height.borrow().get(), *view.borrow());
            if changed || next != *view.borrow() {
                *view.borrow_mut() = next;
                redraw.force_update();
            }
        })
    };
    // The drawn lines are put in their place when they, the number of lines or the line height
    // change, all of which are rare while typing. The textarea may have scrolled before they
    // were drawn (pasting a long text scrolls it at once): the rest follows it again.
    {
        let (height, area) = (height.clone(), area.clone());
        let key = (drawn.0, total, height.borrow().get().to_bits(), wrap);
        use_effect_with(key, move |&(first, total, _, wrap)| {
            if height.borrow().get() <= 0.0 {
                height.borrow().set(line_height());
            }
            let height = height.borrow().get();
            if height > 0.0 {
                lay_out(first, total, height, wrap);
            }
            if let Some(area) = area.cast::<Element>() {
                scroll_with(&area);
            }
        });
    }
    {
        let (follow, area) = (follow.clone(), area.clone());
        use_effect_with((), move |_| {
            let update = move || {
                if let Some(area) = area.cast::<Element>() {
                    follow(&area);
                }
            };
            update();
            let listener = EventListener::new(&gloo::utils::window(), "resize", move |_| update());
            move || drop(listener)
        });
    }
    LinesInView { drawn, follow }
}

//! The editor's textarea is not a controlled input (Yew would read the whole text back on every
//! render): text from elsewhere (a fix, an example, a link) is put in here, and the text it
//! holds is kept beside it, since reading it back from the DOM costs a copy of the whole text.
//!
//! Reading what a keystroke typed is cheap too: the textarea's value is kept as a JS string
//! beside the same text in Rust, and an edit at the caret (a character typed, a paste,
//! Backspace, Delete) is read as the few characters it added, once JS has compared the parts
//! before and after it with the previous value (`===` on string slices, no copy into the
//! wasm). Any other change is read whole. At 5,000 lines the whole read (150 KB turned into
//! UTF-8) was the largest single cost of a keystroke (about 0.8 of 3.6 ms, Chromium's profiler).

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::JsString;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::view::controls::{edit_at_caret, splice_utf16};

/// The text the textarea holds, as last typed or set, with the JS string it was read from when
/// it was read (`None` after the text was set from here, which the browser may normalise).
struct Known {
    text: Rc<str>,
    value: Option<JsString>,
}

/// The text the textarea holds, as last typed or set.
#[derive(Clone)]
pub struct TextareaText(Rc<RefCell<Known>>);

impl TextareaText {
    /// The text as last typed or set.
    pub fn get(&self) -> Rc<str> {
        self.0.borrow().text.clone()
    }

    /// Reads the text `area` holds after an input event, and the caret (a byte offset) when
    /// the edit was at the caret, and remembers both.
    pub fn read(&self, area: &HtmlTextAreaElement) -> (Rc<str>, Option<usize>) {
        let value: JsString = js_sys::Reflect::get(area, &JsValue::from_str("value"))
            .ok()
            .and_then(|v| v.dyn_into().ok())
            .unwrap_or_else(|| JsString::from(area.value()));
        let caret = area.selection_start().ok().flatten();
        let spliced = {
            let known = self.0.borrow();
            known
                .value
                .as_ref()
                .zip(caret)
                .and_then(|(old, caret)| at_caret(&known.text, old, &value, caret))
        };
        let (text, at) = match spliced {
            Some((text, at)) => (Rc::<str>::from(text), Some(at)),
            None => {
                let text: Rc<str> = value.as_string().unwrap_or_default().into();
                let at = caret.map(|c| crate::view::controls::utf16_to_byte(&text, c));
                (text, at)
            }
        };
        *self.0.borrow_mut() = Known {
            text: text.clone(),
            value: Some(value),
        };
        (text, at)
    }
}

/// The new text when `new` is `old` (which reads as `text`) with an edit at the caret, and the
/// caret's byte offset in it: the guess of `edit_at_caret`, kept only when the parts before
/// and after the edit are equal in both JS strings.
fn at_caret(text: &str, old: &JsString, new: &JsString, caret: u32) -> Option<(String, usize)> {
    let (old_len, new_len) = (old.length(), new.length());
    let (at, removed, added) = edit_at_caret(old_len, new_len, caret)?;
    let same = |a: JsString, b: JsString| JsValue::from(a) == JsValue::from(b);
    if !same(old.slice(0, at), new.slice(0, at))
        || !same(
            old.slice(at + removed, old_len),
            new.slice(at + added, new_len),
        )
    {
        return None;
    }
    let added = new.slice(at, at + added).as_string()?;
    splice_utf16(text, at, removed, &added)
}

/// Puts `text` in the textarea `area` when it differs from what the textarea holds.
#[hook]
pub fn use_textarea_text(area: &NodeRef, text: Rc<str>) -> TextareaText {
    let known = use_mut_ref(|| Known {
        text: Rc::from(""),
        value: None,
    });
    {
        let (known, area) = (known.clone(), area.clone());
        use_effect_with(SameText(text), move |SameText(text)| {
            let mut known = known.borrow_mut();
            if !Rc::ptr_eq(&known.text, text) && *known.text != **text {
                if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                    area.set_value(text);
                }
                *known = Known {
                    text: text.clone(),
                    value: None,
                };
            }
        });
    }
    TextareaText(known)
}

/// A text compared by identity first: the text typed comes back as the same `Rc`, and
/// comparing 150 KB on every render is a cost of its own.
struct SameText(Rc<str>);

impl PartialEq for SameText {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || self.0 == other.0
    }
}

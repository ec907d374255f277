//! The editor's textarea is not a controlled input (Yew would read the whole text back on every
//! render): text from elsewhere (a fix, an example, a link) is put in here, and the text it
//! holds is kept beside it, since reading it back from the DOM costs a copy of the whole text.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// The text the textarea holds, as last typed or set.
#[derive(Clone)]
pub struct TextareaText(Rc<RefCell<Rc<str>>>);

impl TextareaText {
    /// The text as last typed or set.
    pub fn get(&self) -> Rc<str> {
        self.0.borrow().clone()
    }

    /// The user typed `text` (read once per input event).
    pub fn typed(&self, text: &str) {
        *self.0.borrow_mut() = Rc::from(text);
    }
}

/// Puts `text` in the textarea `area` when it differs from what the textarea holds.
#[hook]
pub fn use_textarea_text(area: &NodeRef, text: Rc<str>) -> TextareaText {
    let known = use_mut_ref(|| Rc::<str>::from(""));
    {
        let (known, area) = (known.clone(), area.clone());
        use_effect_with(text, move |text| {
            if *known.borrow() != *text {
                if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                    area.set_value(text);
                }
                *known.borrow_mut() = text.clone();
            }
        });
    }
    TextareaText(known)
}

//! Tab and Shift-Tab in the editor indent and outdent the selected lines (`view::indent`), as
//! one text edit the browser can undo; Escape then Tab leaves the editor, as Tab elsewhere does,
//! and so does Tab right after a pane selected lines in it.

use std::cell::Cell;
use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::view::controls::utf16_to_byte;
use crate::view::indent::indent;
use crate::web::dom::{edit_editor, PICKED};

/// The selection as byte offsets into `text`.
fn selection(area: &HtmlTextAreaElement, text: &str) -> Option<(usize, usize)> {
    let start = area.selection_start().ok().flatten()?;
    let end = area.selection_end().ok().flatten()?;
    Some((utf16_to_byte(text, start), utf16_to_byte(text, end)))
}

/// The textarea's key handler and what its blur calls.
pub struct TabIndent {
    pub onkeydown: Callback<KeyboardEvent>,
    /// Set by Escape: the next Tab leaves the editor instead of indenting.
    leave: Rc<Cell<bool>>,
}

impl TabIndent {
    /// The editor lost the focus: a later Tab indents again.
    pub fn reset(&self) {
        self.leave.set(false);
    }
}

/// Tab indents unless the editor is `readonly` or Escape came just before.
#[hook]
pub fn use_tab_indent(readonly: bool) -> TabIndent {
    let leave: Rc<Cell<bool>> = use_memo((), |_| Cell::new(false));
    let onkeydown = {
        let leave = leave.clone();
        Callback::from(move |e: KeyboardEvent| {
            match e.key().as_str() {
                "Escape" => return leave.set(true),
                // Shift+Tab starts with Shift alone: that keeps what Escape asked for.
                "Shift" | "Control" | "Alt" | "Meta" => return,
                _ => {}
            }
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            // A selection made from a pane (a finding's lines) is shown, not armed: a Tab then
            // moves on; any other key, or a click in the editor, arms it again.
            let picked = area.has_attribute(PICKED);
            let _ = area.remove_attribute(PICKED);
            let plain_tab = e.key() == "Tab" && !(e.ctrl_key() || e.alt_key() || e.meta_key());
            // Escape, then Tab: the browser moves the focus on as usual.
            if !plain_tab || leave.replace(false) || picked || readonly {
                leave.set(false);
                return;
            }
            e.prevent_default();
            let text = area.value();
            let Some((from, to)) = selection(&area, &text) else {
                return;
            };
            if let Some(edit) = indent(&text, from, to, e.shift_key()) {
                edit_editor(&area, &text, &edit);
            }
        })
    };
    TabIndent { onkeydown, leave }
}

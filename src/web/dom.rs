//! The few direct DOM calls the playground makes outside Yew's rendering: selecting source
//! lines in the editor, and saving an export as a file. Nothing here leaves the browser.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlTextAreaElement, Url};

use super::controls::byte_to_utf16;
use crate::engine::syntax::Span;

/// The editor's id in the page (see `components/editor.rs`).
pub const EDITOR_ID: &str = "editor";

/// Selects `span` of `text` in the editor, focuses it and scrolls the selection into view.
pub fn select_in_editor(text: &str, span: Span) {
    let Some(area) = gloo::utils::document()
        .get_element_by_id(EDITOR_ID)
        .and_then(|el| el.dyn_into::<HtmlTextAreaElement>().ok())
    else {
        return;
    };
    let (start, end) = (
        byte_to_utf16(text, span.start),
        byte_to_utf16(text, span.end),
    );
    // Focus first: focusing may move the caret, and the selection must win.
    let _ = area.focus();
    let _ = area.set_selection_range(start, end);
    // A textarea does not scroll to a selection set from script; put its first line a few lines
    // below the top. The line height is measured rather than assumed (fonts and zoom vary).
    let lines = text.lines().count().max(1) as f64;
    let line = text[..span.start.min(text.len())].matches('\n').count() as f64;
    let line_height = f64::from(area.scroll_height()) / lines;
    area.set_scroll_top(((line - 3.0) * line_height).max(0.0) as i32);
}

/// Saves `content` as a file called `name`: a Blob behind a temporary object URL, followed by a
/// temporary `<a download>`.
pub fn download(name: &str, mime: &str, content: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let link: HtmlAnchorElement = gloo::utils::document()
        .create_element("a")?
        .dyn_into()
        .map_err(JsValue::from)?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // The click has started the download; the URL is not needed after this turn of the loop.
    gloo::timers::callback::Timeout::new(0, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

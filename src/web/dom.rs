//! The few direct DOM calls the playground makes outside Yew's rendering: selecting source
//! lines in the editor, saving an export as a file, the query string, the light/dark choice and
//! the embed's height message. Nothing here leaves the browser except that message, which goes
//! to the page around the iframe.

use std::cell::Cell;

use gloo::timers::callback::Timeout;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    Blob, BlobPropertyBag, Element, HtmlAnchorElement, HtmlElement, HtmlTextAreaElement,
    MediaQueryList, ResizeObserver, Url,
};

use crate::engine::number::Fixed;
use crate::engine::syntax::Span;
use crate::view::controls::byte_to_utf16;
use crate::view::indent::{apply, TextEdit};
use crate::view::page::Theme;

/// The findings pane's list of groups (see `components/findings_pane.rs`).
pub const FINDINGS_ID: &str = "findings";

/// The editor's id in the page (see `components/editor.rs`).
pub const EDITOR_ID: &str = "editor";

/// Marks the editor while its selection was made from a pane rather than by the user in it.
pub const PICKED: &str = "data-picked";

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
    // Shown, not armed: the next Tab moves on rather than indenting these lines (`use_tab_indent`).
    let _ = area.set_attribute(PICKED, "");
    // A textarea does not scroll to a selection set from script; put its first line a few lines
    // below the top. The line height is measured rather than assumed (fonts and zoom vary).
    let lines = text.lines().count().max(1) as f64;
    let line = text[..span.start.min(text.len())].matches('\n').count() as f64;
    let line_height = f64::from(area.scroll_height()) / lines;
    area.set_scroll_top(((line - 3.0) * line_height).max(0.0) as i32);
}

/// The findings pane's rows (`li.finding`), group after group, without the lines of an open
/// repeated finding.
fn finding_rows(list: &Element) -> Vec<Element> {
    let mut rows = Vec::new();
    let mut group = list.first_element_child();
    while let Some(g) = group {
        if let Ok(Some(ul)) = g.query_selector("ul.findings") {
            let mut item = ul.first_element_child();
            while let Some(li) = item {
                if li.matches("li.finding").unwrap_or(false) {
                    rows.push(li.clone());
                }
                item = li.next_element_sibling();
            }
        }
        group = g.next_element_sibling();
    }
    rows
}

/// The position among the findings pane's rows of the row holding `el` (a button in it; a
/// line of an open repeated finding counts as its row).
pub fn finding_position(el: &Element) -> Option<usize> {
    let list = gloo::utils::document().get_element_by_id(FINDINGS_ID)?;
    let mut row = el.closest("li.finding").ok()??;
    while let Some(outer) = row
        .parent_element()
        .and_then(|p| p.closest("li.finding").ok().flatten())
    {
        row = outer;
    }
    finding_rows(&list).iter().position(|r| *r == row)
}

/// Focuses the element `id` if it is on the page.
pub fn focus_id(id: &str) {
    if let Some(el) = gloo::utils::document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Focuses the element `id` once the next render has shown it.
pub fn focus_id_later(id: &'static str) {
    Timeout::new(0, move || focus_id(id)).forget();
}

/// After the next render, focuses the finding at `position` (the one after a fixed finding
/// takes its place), else the last one, else the list itself: the focus never drops to the page.
pub fn focus_finding_later(position: usize) {
    Timeout::new(0, move || {
        let Some(list) = gloo::utils::document().get_element_by_id(FINDINGS_ID) else {
            return;
        };
        let rows = finding_rows(&list);
        let target = (rows.get(position).or(rows.last()))
            .and_then(|r| r.query_selector(".finding-main").ok().flatten())
            .unwrap_or(list);
        if let Ok(el) = target.dyn_into::<HtmlElement>() {
            let _ = el.focus();
        }
    })
    .forget();
}

/// Applies `edit` (made for `text`, the area's value) as the user's own typing would:
/// `execCommand("insertText")` puts it on the browser's undo stack (Ctrl+Z undoes it) and fires
/// the `input` event. Where that command is missing, `setRangeText` plus an `input` event keep
/// the text right, without undo. Then selects `edit.selection`.
pub fn edit_editor(area: &HtmlTextAreaElement, text: &str, edit: &TextEdit) {
    let (start, end) = (
        byte_to_utf16(text, edit.start),
        byte_to_utf16(text, edit.end),
    );
    let _ = area.set_selection_range(start, end);
    let document = gloo::utils::document();
    let (command, value) = if edit.insert.is_empty() {
        ("delete", "")
    } else {
        ("insertText", edit.insert.as_str())
    };
    let done = js_sys::Reflect::get(&document, &JsValue::from_str("execCommand"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| {
            f.call3(
                &document,
                &JsValue::from_str(command),
                &JsValue::FALSE,
                &JsValue::from_str(value),
            )
            .ok()
        })
        .is_some_and(|ok| ok.is_truthy());
    if !done {
        let _ = area.set_range_text(&edit.insert);
        if let Ok(event) = web_sys::Event::new("input") {
            let _ = area.dispatch_event(&event);
        }
    }
    let new_text = apply(text, edit);
    let _ = area.set_selection_range(
        byte_to_utf16(&new_text, edit.selection.0),
        byte_to_utf16(&new_text, edit.selection.1),
    );
}

/// The squiggle under a point of the page, found beneath the textarea that covers it: its
/// messages (`data-msg`), and its box's left and bottom edges.
pub fn squiggle_at(x: f64, y: f64) -> Option<(String, f64, f64)> {
    let hits = gloo::utils::document().elements_from_point(x as f32, y as f32);
    hits.iter()
        .filter_map(|hit| hit.dyn_into::<web_sys::Element>().ok())
        .find_map(|el| {
            let messages = el.get_attribute("data-msg")?;
            let rect = el.get_bounding_client_rect();
            Some((messages, rect.left(), rect.bottom()))
        })
}

/// Moves the element `id` to `left`, `top` (CSS pixels) through its style object: the page's
/// Content-Security-Policy refuses `style` attributes, not styles set from script.
pub fn place(id: &str, left: f64, top: f64) {
    let Some(el) = gloo::utils::document().get_element_by_id(id) else {
        return;
    };
    if let Ok(style) = js_sys::Reflect::get(&el, &JsValue::from_str("style")) {
        for (key, value) in [("left", left), ("top", top)] {
            let _ = js_sys::Reflect::set(
                &style,
                &JsValue::from_str(key),
                &JsValue::from_str(&format!("{}px", Fixed(value, 0))),
            );
        }
    }
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

/// The page's query string (`?embed&pane=size`), empty when there is none.
pub fn location_query() -> String {
    gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default()
}

/// The page's path (`/docs/airlock/`), for links back to the full playground.
pub fn location_path() -> String {
    gloo::utils::window()
        .location()
        .pathname()
        .unwrap_or_default()
}

/// Where the light/dark choice is kept between visits.
const THEME_KEY: &str = "airlock.theme";

/// The stored light/dark choice. Storage may be refused (privacy settings, `file://`): then there
/// is none and the system's preference applies.
pub fn stored_theme() -> Option<Theme> {
    let storage = gloo::utils::window().local_storage().ok().flatten()?;
    Theme::parse(storage.get_item(THEME_KEY).ok().flatten().as_deref())
}

/// Keeps `choice` (or forgets it, for "follow the system"); a refused write only loses the memory.
pub fn store_theme(choice: Option<Theme>) {
    if let Some(storage) = gloo::utils::window().local_storage().ok().flatten() {
        let _ = match choice {
            Some(theme) => storage.set_item(THEME_KEY, theme.as_str()),
            None => storage.remove_item(THEME_KEY),
        };
    }
}

/// A small setting kept in `localStorage` (the split's width); `None` when storage is refused.
pub fn stored(key: &str) -> Option<String> {
    let storage = gloo::utils::window().local_storage().ok().flatten()?;
    storage.get_item(key).ok().flatten()
}

/// Keeps a small setting; a refused write only loses the memory.
pub fn store(key: &str, value: &str) {
    if let Some(storage) = gloo::utils::window().local_storage().ok().flatten() {
        let _ = storage.set_item(key, value);
    }
}

/// The media query for the system's dark preference.
pub fn dark_query() -> Option<MediaQueryList> {
    gloo::utils::window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
}

/// Sets `data-theme` on `<html>`: the style sheet's colours follow it.
pub fn apply_theme(theme: Theme) {
    let _ = gloo::utils::document_element().set_attribute("data-theme", theme.as_str());
}

/// Tells the page around the iframe (if any) how tall the page is:
/// `{type: "airlock:height", height, id}` (README, "Embedding").
pub fn post_height(height: f64, id: Option<&str>) {
    let window = gloo::utils::window();
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    // Not framed: the window is its own parent.
    if js_sys::Object::is(&parent, &window) {
        return;
    }
    let message = js_sys::Object::new();
    let id = id.map_or(JsValue::NULL, JsValue::from_str);
    for (key, value) in [
        ("type", JsValue::from_str("airlock:height")),
        ("height", JsValue::from_f64(height)),
        ("id", id),
    ] {
        let _ = js_sys::Reflect::set(&message, &JsValue::from_str(key), &value);
    }
    let _ = parent.post_message(&message, "*");
}

/// The height of the element `id`, in whole CSS pixels (rounded up, so nothing is cut off).
pub fn element_height(id: &str) -> Option<f64> {
    let el = gloo::utils::document().get_element_by_id(id)?;
    Some(el.get_bounding_client_rect().height().ceil())
}

/// Calls a function at once and whenever an element changes size (a `ResizeObserver`); stops when
/// dropped.
pub struct ResizeWatch {
    observer: ResizeObserver,
    // Kept alive while the observer may call it.
    _call: Closure<dyn FnMut()>,
}

impl ResizeWatch {
    pub fn new(el: &web_sys::Element, mut call: impl FnMut() + 'static) -> Option<Self> {
        call();
        let call = Closure::<dyn FnMut()>::new(call);
        let observer = ResizeObserver::new(call.as_ref().unchecked_ref()).ok()?;
        observer.observe(el);
        Some(ResizeWatch {
            observer,
            _call: call,
        })
    }
}

impl Drop for ResizeWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Reports the height of the element `root` to the parent page on creation and whenever it
/// changes size; stops when dropped.
pub struct HeightReporter {
    _watch: ResizeWatch,
}

impl HeightReporter {
    pub fn new(root: &'static str, id: Option<String>) -> Option<Self> {
        let el = gloo::utils::document().get_element_by_id(root)?;
        let last = Cell::new(-1.0);
        let report = move || {
            // One message per change: the observer also fires for width-only changes.
            if let Some(height) = element_height(root).filter(|h| *h != last.get()) {
                last.set(height);
                post_height(height, id.as_deref());
            }
        };
        ResizeWatch::new(&el, report).map(|_watch| HeightReporter { _watch })
    }
}

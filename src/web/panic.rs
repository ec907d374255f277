//! What happens when the playground's code panics: the editor's text is saved first (the
//! textarea still holds every keystroke), then a banner says what happened. The banner is built
//! with plain DOM calls and a link, no event handler: after a panic the wasm instance is gone
//! (the release build aborts), so nothing written in Rust can run any more.

use wasm_bindgen::prelude::*;

use super::persist::save_editor_text;

/// The banner's id in the page.
pub const BANNER_ID: &str = "panic-banner";

/// Installs the hook; called once when the app starts. Through Yew, which otherwise replaces
/// any hook with its own console logger when the app is mounted.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        // Saving comes first: if anything after it fails, the text is safe.
        let saved = save_editor_text();
        // The message and place only: formatting the whole `PanicHookInfo` would pull Rust's
        // general formatting code into the bundle.
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("(no message)");
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        gloo::console::error!(format!("airlock: panicked at {place}: {message}"));
        show_banner(saved);
    }));
}

/// The words of the banner.
fn banner_text(saved: bool) -> &'static str {
    if saved {
        "Something went wrong inside airlock and the page stopped working. Your text was saved \
         in this browser and comes back when you reload."
    } else {
        "Something went wrong inside airlock and the page stopped working. Your text could not \
         be saved automatically: copy it from the editor before you reload."
    }
}

/// Puts the banner at the top of the page (once), as text nodes only.
fn show_banner(saved: bool) {
    let document = gloo::utils::document();
    if document.get_element_by_id(BANNER_ID).is_some() {
        return;
    }
    let build = || -> Result<(), JsValue> {
        let banner = document.create_element("div")?;
        banner.set_id(BANNER_ID);
        banner.set_class_name("banner banner-error");
        banner.set_attribute("role", "alert")?;
        let message = document.create_element("p")?;
        message.set_text_content(Some(banner_text(saved)));
        banner.append_child(&message)?;
        // A plain link reloads without any script; the fragment (if any) was already cleared.
        let reload = document.create_element("a")?;
        reload.set_attribute("href", &super::link::page_base())?;
        reload.set_text_content(Some("Reload the page"));
        banner.append_child(&reload)?;
        let body = document.body().ok_or(JsValue::NULL)?;
        body.insert_before(&banner, body.first_child().as_ref())?;
        Ok(())
    };
    let _ = build();
}

/// Test-only: panics on purpose when the page's query contains `airlock-test-panic`, so the
/// browser tests can check the hook on the real release build (`tests/browser/safety.test.mjs`).
/// Without that query it does nothing; it is not part of any interface.
#[wasm_bindgen]
pub fn airlock_test_panic() {
    let query = gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default();
    if query.contains("airlock-test-panic") {
        panic!("airlock_test_panic was called (test-only hook)");
    }
}

//! What happens when the playground's code stops: the editor's text is saved first (the
//! textarea still holds every keystroke), then a banner says what happened. The banner is built
//! with plain DOM calls and a link, no event handler: after a trap, no Rust code runs but this
//! crash path.
//!
//! The release wasm is built with `panic=immediate-abort` (scripts/env.sh): a panic is a bare
//! `unreachable` trap, with no hook and no message, which keeps Rust's panic machinery out of the
//! bundle. So the trap is caught where it lands: it surfaces in the page as an uncaught
//! `WebAssembly.RuntimeError` (from an event handler, a timer or a promise), and a window listener
//! installed at start-up saves and shows the banner. This also covers traps that are not panics.
//! The calls after a trap are few and touch no Yew state: read the textarea, write the storage,
//! add the banner.

use gloo::events::EventListener;
use wasm_bindgen::prelude::*;

use super::persist::save_editor_text;

/// The banner's id in the page.
pub const BANNER_ID: &str = "panic-banner";

/// Installs the listeners; called once when the app starts.
pub fn install() {
    // The release wasm never runs a panic hook. A debug build does: it logs the message. The hook
    // is set in both, because Yew would otherwise install its own logger, which pulls Rust's
    // general formatting into the bundle.
    yew::set_custom_panic_hook(Box::new(|info| {
        if cfg!(debug_assertions) {
            let payload = info.payload();
            let message = payload
                .downcast_ref::<&str>()
                .copied()
                .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
                .unwrap_or("(no message)");
            gloo::console::error!(format!("airlock: panicked: {message}"));
        }
    }));
    let window = gloo::utils::window();
    // `error` carries what an event handler or timer threw, `unhandledrejection` a promise's.
    for (event, field) in [("error", "error"), ("unhandledrejection", "reason")] {
        EventListener::new(&window, event, move |event| {
            let thrown = js_sys::Reflect::get(event, &JsValue::from_str(field)).unwrap_or_default();
            if thrown.is_instance_of::<js_sys::WebAssembly::RuntimeError>() {
                crashed(&thrown);
            }
        })
        .forget();
    }
}

/// After a trap: save the text, say so once, show the banner.
fn crashed(thrown: &JsValue) {
    if gloo::utils::document()
        .get_element_by_id(BANNER_ID)
        .is_some()
    {
        return;
    }
    let saved = save_editor_text();
    let what = js_sys::Error::from(thrown.clone()).message();
    gloo::console::error!(format!("airlock: the page's code stopped ({what})"));
    show_banner(saved);
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

/// Puts the banner at the top of the page, as text nodes only.
fn show_banner(saved: bool) {
    let document = gloo::utils::document();
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
/// browser tests can check the crash path on the real release build (`tests/browser/safety.test.mjs`).
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

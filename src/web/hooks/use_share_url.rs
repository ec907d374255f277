//! The share link of the current text and settings, kept up to date a moment after each change
//! (compression is asynchronous): for links that must be ready before a click, such as an
//! embed's "Open in airlock". `link::share_url` makes one on demand.

use std::cell::Cell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::web::hooks::use_app_state;
use crate::web::link::share_url;

const DEBOUNCE_MS: u32 = 250;

/// The whole link (this page's address without its query, then `#share=1.…`); `None` until
/// the first one is made, or if the browser cannot compress.
#[hook]
pub fn use_share_url() -> Option<String> {
    let state = use_app_state();
    let url = use_state_eq(|| None::<String>);
    let timer = use_mut_ref(|| None::<Timeout>);
    // Only the newest request may set the link, whatever order compressions finish in.
    let generation = use_memo((), |_| Rc::new(Cell::new(0u32)));
    {
        let url = url.clone();
        let parts = state.saved_parts();
        let state = state.clone();
        use_effect_with(parts, move |_| {
            let generation = (*generation).clone();
            let mine = generation.get().wrapping_add(1);
            generation.set(mine);
            let snapshot = state.snapshot();
            // Replacing the timer drops (cancels) the one before.
            *timer.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, move || {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(link) = share_url(&snapshot).await {
                        if generation.get() == mine {
                            url.set(Some(link));
                        }
                    }
                });
            }));
        });
    }
    (*url).clone()
}

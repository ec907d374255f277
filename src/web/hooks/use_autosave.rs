//! Saves the text and settings to `localStorage` a moment after the user stops typing, and at
//! once when the page is hidden or closed, so a reload or a crash loses nothing.

use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::web::hooks::use_app_state;
use crate::web::persist::save_draft;
use crate::web::share::Snapshot;

/// How long typing must pause before the draft is written.
const DEBOUNCE_MS: u32 = 300;

/// Keeps the draft saved while `enabled` (an embed does not save: it would overwrite the user's
/// own draft with the documentation's example). Returns why saving fails, if it does.
#[hook]
pub fn use_autosave(enabled: bool) -> Option<String> {
    let state = use_app_state();
    let problem = use_state_eq(|| None::<String>);
    // The snapshot waiting for the timer, flushed early when the page goes away.
    let pending = use_mut_ref(|| None::<Snapshot>);
    let timer = use_mut_ref(|| None::<Timeout>);

    let save = {
        let problem = problem.clone();
        let pending = pending.clone();
        Rc::new(move || {
            if let Some(snapshot) = pending.borrow_mut().take() {
                problem.set(save_draft(&snapshot).err());
            }
        })
    };

    {
        let save = save.clone();
        let parts = state.saved_parts();
        let state = state.clone();
        use_effect_with((enabled, parts), move |(enabled, _)| {
            if *enabled {
                *pending.borrow_mut() = Some(state.snapshot());
                // Replacing the timer drops (cancels) the one before.
                *timer.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, move || save()));
            }
        });
    }

    // `pagehide` covers closing and navigating; `visibilitychange` covers a tab switched away
    // from and then discarded by the browser.
    use_effect_with((), move |_| {
        let window = gloo::utils::window();
        let on_hide = {
            let save = save.clone();
            EventListener::new(&window, "pagehide", move |_| save())
        };
        let on_hidden =
            EventListener::new(&gloo::utils::document(), "visibilitychange", move |_| {
                save()
            });
        move || drop((on_hide, on_hidden))
    });

    (*problem).clone()
}

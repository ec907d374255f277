//! Saves the text and settings to `localStorage` a moment after the user stops typing, and at
//! once when the page is hidden or closed, so a reload or a crash loses nothing; and keeps this
//! tab's text aside when another tab saves over it (`persist::other_tab_saved`).

use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::view::share::Snapshot;
use crate::web::hooks::use_app_state;
use crate::web::persist::{editor_text, other_tab_saved, save_draft};

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
    // What the page starts with is not saved until it changes: it is the stored draft already
    // (or an example from the query, which does not replace it until edited), and a reloaded tab
    // that saved what it shows would take the draft from another tab that the user typed in since.
    let started = use_mut_ref(|| false);
    // The newest state, for the page-hide listeners set up once.
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();

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
        let pending = pending.clone();
        let parts = state.saved_parts();
        let state = state.clone();
        use_effect_with((enabled, parts), move |(enabled, _)| {
            if *enabled && std::mem::replace(&mut *started.borrow_mut(), true) {
                *pending.borrow_mut() = Some(state.snapshot());
                // Replacing the timer drops (cancels) the one before.
                *timer.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, move || save()));
            }
        });
    }

    // `pagehide` covers closing and navigating; `visibilitychange` covers a tab switched away
    // from and then discarded by the browser.
    // Going away, the textarea is read as well: in a long file the editor hands the text to the
    // state a moment after typing pauses, too late for a page being closed.
    let flush = {
        let problem = problem.clone();
        Rc::new(move || {
            let state = latest.borrow().clone();
            match editor_text().filter(|live| **live != *state.text) {
                Some(text) => {
                    pending.borrow_mut().take();
                    problem.set(
                        save_draft(&Snapshot {
                            text,
                            ..state.snapshot()
                        })
                        .err(),
                    );
                }
                None => save(),
            }
        })
    };
    use_effect_with(enabled, move |enabled| {
        let window = gloo::utils::window();
        // Another tab's save: only the kept list may be written in answer, never the draft.
        let listeners = enabled.then(|| {
            let on_hide = {
                let flush = flush.clone();
                EventListener::new(&window, "pagehide", move |_| flush())
            };
            let on_hidden =
                EventListener::new(&gloo::utils::document(), "visibilitychange", move |_| {
                    flush()
                });
            (
                on_hide,
                on_hidden,
                EventListener::new(&window, "storage", other_tab_saved),
            )
        });
        move || drop(listeners)
    });

    (*problem).clone()
}

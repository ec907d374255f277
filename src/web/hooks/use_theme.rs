//! The light/dark theme: the user's stored choice, else the system's preference (followed live),
//! shown through `data-theme` on `<html>`.

use yew::prelude::*;

use crate::view::page::Theme;
use crate::web::dom::{apply_theme, dark_query, store_theme, stored_theme};

/// The theme shown and the way to change it.
#[derive(Clone, PartialEq)]
pub struct ThemeHandle {
    /// What the user chose; `None` follows the system.
    pub choice: Option<Theme>,
    pub shown: Theme,
    set: Callback<Option<Theme>>,
}

impl ThemeHandle {
    /// Shows and remembers `choice` (`None`: follow the system again).
    pub fn choose(&self, choice: Option<Theme>) {
        self.set.emit(choice);
    }
}

/// The page's theme; `App` calls it once (the header's toggle and settings receive the handle).
#[hook]
pub fn use_theme() -> ThemeHandle {
    let choice = use_state(stored_theme);
    let system_dark = use_state(|| dark_query().is_some_and(|q| q.matches()));
    {
        let system_dark = system_dark.clone();
        use_effect_with((), move |_| {
            let listener = dark_query().map(|query| {
                let watched = query.clone();
                gloo::events::EventListener::new(&query, "change", move |_| {
                    system_dark.set(watched.matches())
                })
            });
            move || drop(listener)
        });
    }
    let shown = Theme::shown(*choice, *system_dark);
    // During the render, not after it: the first paint already has the right colours.
    use_memo(shown, |&shown| apply_theme(shown));
    let set = {
        let choice = choice.clone();
        Callback::from(move |next: Option<Theme>| {
            store_theme(next);
            choice.set(next);
        })
    };
    ThemeHandle {
        choice: *choice,
        shown,
        set,
    }
}

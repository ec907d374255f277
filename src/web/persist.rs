//! The draft in `localStorage`: the text and settings saved as the user works, restored on the
//! next visit, and drafts kept aside when a share link or an example replaces them. Storage
//! may be missing (privacy settings, some `file://` pages) or full: every call then reports
//! the problem in words and the page goes on without it.

use web_sys::{HtmlTextAreaElement, Storage};

use super::dom::EDITOR_ID;
use super::examples::EXAMPLES;
use super::share::{from_stored, keep_draft, to_stored, Snapshot};
use super::state::{AppState, EXAMPLE};
use wasm_bindgen::JsCast;

/// The current draft.
const DRAFT_KEY: &str = "airlock.draft";
/// Drafts kept aside, newest first, one per line.
const KEPT_KEY: &str = "airlock.kept-drafts";
/// A stored draft this build could not read, kept as it was rather than overwritten.
const UNREADABLE_KEY: &str = "airlock.unreadable-draft";
/// How many drafts are kept aside.
const MAX_KEPT: usize = 5;

fn storage() -> Result<Storage, String> {
    // `localStorage` itself throws when the browser forbids storage for the page.
    match gloo::utils::window().local_storage() {
        Ok(Some(storage)) => Ok(storage),
        _ => Err("this browser does not let the page store anything".into()),
    }
}

fn write(key: &str, value: &str) -> Result<(), String> {
    storage()?
        .set_item(key, value)
        .map_err(|_| "the browser's storage for this page is full or refused the write".to_string())
}

/// The saved draft, if any. A draft this build cannot read is moved aside (never deleted) and
/// reported.
pub fn load_draft() -> Result<Option<Snapshot>, String> {
    let storage = storage()?;
    let Some(stored) = storage.get_item(DRAFT_KEY).ok().flatten() else {
        return Ok(None);
    };
    from_stored(&stored).map(Some).map_err(|err| {
        let _ = storage.set_item(UNREADABLE_KEY, &stored);
        let _ = storage.remove_item(DRAFT_KEY);
        format!("the saved draft could not be read ({err}); it was kept under \"{UNREADABLE_KEY}\"")
    })
}

/// Saves the draft (skipped when storage already holds exactly this).
pub fn save_draft(snapshot: &Snapshot) -> Result<(), String> {
    let stored = to_stored(snapshot);
    if storage()?.get_item(DRAFT_KEY).ok().flatten().as_deref() == Some(stored.as_str()) {
        return Ok(());
    }
    write(DRAFT_KEY, &stored)
}

/// Keeps `snapshot` in the list of drafts set aside (the newest few).
pub fn keep_aside(snapshot: &Snapshot) -> Result<(), String> {
    let list = storage()?
        .get_item(KEPT_KEY)
        .ok()
        .flatten()
        .unwrap_or_default();
    write(KEPT_KEY, &keep_draft(&list, &to_stored(snapshot), MAX_KEPT))
}

/// Whether a draft holds work of the user's: not just the default or a built-in example with
/// default settings.
pub fn is_work(draft: &Snapshot) -> bool {
    let plain = Snapshot {
        text: String::new(),
        pane: None,
        ..draft.clone()
    };
    plain != Snapshot::default()
        || (draft.text != EXAMPLE && EXAMPLES.iter().all(|x| x.text != draft.text))
}

/// The state the page starts with: the saved draft, else the default example.
pub fn start_state() -> AppState {
    match load_draft() {
        Ok(Some(draft)) => AppState::from_snapshot(draft),
        _ => AppState::default(),
    }
}

/// Saves what the editor holds right now, with the settings of the last saved draft: for the
/// panic hook, when the app's state can no longer be trusted but the textarea still has every
/// keystroke. Returns whether it was saved.
pub fn save_editor_text() -> bool {
    let Some(text) = gloo::utils::document()
        .get_element_by_id(EDITOR_ID)
        .and_then(|el| el.dyn_into::<HtmlTextAreaElement>().ok())
        .map(|area| area.value())
    else {
        return false;
    };
    let settings = load_draft().ok().flatten().unwrap_or_default();
    save_draft(&Snapshot { text, ..settings }).is_ok()
}

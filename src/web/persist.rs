//! The draft in `localStorage`: the text and settings saved as the user works, restored on the
//! next visit, and drafts kept aside when a share link, an example or another tab's save
//! replaces them (the rules for several tabs are in `drafts.rs`). Storage may be missing
//! (privacy settings, some `file://` pages) or full: every call then reports the problem in
//! words and the page goes on without it.

use wasm_bindgen::JsCast;
use web_sys::{HtmlTextAreaElement, Storage};

use super::dom::EDITOR_ID;
use super::state::{AppState, EXAMPLE};
use crate::view::drafts;
use crate::view::examples::EXAMPLES;
use crate::view::share::{from_stored, to_stored, Snapshot};

/// The current draft.
const DRAFT_KEY: &str = "airlock.draft";
/// Drafts kept aside, newest first, one per line.
const KEPT_KEY: &str = "airlock.kept-drafts";
/// A stored draft this build could not read, kept as it was rather than overwritten.
const UNREADABLE_KEY: &str = "airlock.unreadable-draft";
/// How many drafts are kept aside.
const MAX_KEPT: usize = 5;
/// The id of the page that wrote the current draft (see `tab_id`).
const OWNER_KEY: &str = "airlock.draft-tab";
/// In `sessionStorage` (one per tab, kept over a reload): the stored draft this tab last loaded
/// or saved, and whether it saved it (then it is the tab's own text, shown again on a reload).
const SEEN_KEY: &str = "airlock.tab-draft";
const OWN_KEY: &str = "airlock.tab-draft-own";

thread_local! {
    /// This page's id, random for its lifetime: a reload or a duplicated tab gets a new one.
    static TAB_ID: String = format!("{:x}", (js_sys::Math::random() * 9.0e15) as u64);
}

fn tab_id() -> String {
    TAB_ID.with(String::clone)
}

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

fn read(storage: &Storage, key: &str) -> Option<String> {
    storage.get_item(key).ok().flatten()
}

/// This tab's `sessionStorage`, when the browser gives it (not needed for saving: without it a
/// tab only forgets its own text on a reload and shows the last saved draft, as one tab would).
fn session() -> Option<Storage> {
    gloo::utils::window().session_storage().ok().flatten()
}

/// The stored draft this tab last loaded or saved, and whether it saved it.
fn seen() -> (Option<String>, bool) {
    let Some(session) = session() else {
        return (None, false);
    };
    (read(&session, SEEN_KEY), read(&session, OWN_KEY).is_some())
}

fn set_seen(stored: &str, own: bool) {
    if let Some(session) = session() {
        let _ = session.set_item(SEEN_KEY, stored);
        let _ = if own {
            session.set_item(OWN_KEY, "1")
        } else {
            session.remove_item(OWN_KEY)
        };
    }
}

/// The same work, whatever pane each shows.
pub fn same_work(a: &Snapshot, b: &Snapshot) -> bool {
    a.text == b.text && a.graph == b.graph && a.size == b.size && a.rules == b.rules
}

/// Whether the stored draft `candidate` holds work that `than` (another stored draft) does not.
/// One this build cannot read (a newer version's) counts as work: it is kept, not lost.
fn worth(candidate: &str, than: Option<&str>) -> bool {
    match from_stored(candidate) {
        Err(_) => true,
        Ok(c) => {
            is_work(&c)
                && than
                    .and_then(|t| from_stored(t).ok())
                    .is_none_or(|t| !same_work(&c, &t))
        }
    }
}

/// Adds a line to the drafts kept aside (see `drafts::keep`); written only if it changed.
fn keep_line(storage: &Storage, stored: &str, tab: Option<&str>) -> Result<(), String> {
    let list = read(storage, KEPT_KEY).unwrap_or_default();
    let kept = drafts::keep(&list, stored, tab, MAX_KEPT);
    if kept == list {
        return Ok(());
    }
    write(KEPT_KEY, &kept)
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

/// Saves the draft, and remembers it as this tab's own. If another tab saved a draft this tab
/// has not seen, that one is kept aside first; when it cannot be, nothing is overwritten.
pub fn save_draft(snapshot: &Snapshot) -> Result<(), String> {
    let storage = storage()?;
    let next = to_stored(snapshot);
    let slot = read(&storage, DRAFT_KEY);
    let owner = read(&storage, OWNER_KEY);
    let me = tab_id();
    let (seen, _) = seen();
    if let Some((stored, tab)) = drafts::to_set_aside(
        slot.as_deref(),
        owner.as_deref(),
        &me,
        seen.as_deref(),
        &next,
        |s| worth(s, Some(&next)),
    ) {
        keep_line(&storage, stored, tab).map_err(|problem| {
            format!(
                "another tab's draft could not be kept aside, so it was not replaced ({problem})"
            )
        })?;
    }
    set_seen(&next, true);
    if slot.as_deref() == Some(next.as_str()) {
        return Ok(());
    }
    write(DRAFT_KEY, &next)?;
    let _ = storage.set_item(OWNER_KEY, &me);
    Ok(())
}

/// Keeps `snapshot` in the list of drafts set aside (the newest few).
pub fn keep_aside(snapshot: &Snapshot) -> Result<(), String> {
    keep_line(&storage()?, &to_stored(snapshot), None)
}

/// Called when another tab changed the storage: if it replaced the draft this tab saved, this
/// tab's text is kept aside, so it outlives the tab even when both saved at the same moment.
/// Only the kept list is written (and only when it changes), never the draft: tabs do not
/// answer each other's saves with saves.
pub fn other_tab_saved(event: &web_sys::Event) {
    let key = js_sys::Reflect::get(event, &"key".into()).ok();
    if key.and_then(|k| k.as_string()).as_deref() != Some(DRAFT_KEY) {
        return;
    }
    let (saved, own) = seen();
    let Ok(storage) = storage() else { return };
    let slot = read(&storage, DRAFT_KEY);
    let saved = saved.filter(|_| own);
    if let Some(stored) =
        drafts::to_set_aside_after_other_save(slot.as_deref(), saved.as_deref(), |s| {
            worth(s, slot.as_deref())
        })
    {
        let _ = keep_line(&storage, stored, Some(&tab_id()));
    }
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

/// What a tab starts with (see `drafts::start`): its own draft from before a reload, else the
/// last saved one; and a draft of another tab to offer beside it, with its stored form.
pub struct StartDrafts {
    pub shown: Option<Snapshot>,
    pub other: Option<(Snapshot, String)>,
}

/// Reads what a tab starts with; changes nothing but moving an unreadable draft aside.
pub fn start_drafts() -> Result<StartDrafts, String> {
    let storage = storage()?;
    load_draft()?;
    let slot = read(&storage, DRAFT_KEY);
    let list = read(&storage, KEPT_KEY).unwrap_or_default();
    let (seen, own) = seen();
    let own = seen.filter(|s| own && from_stored(s).is_ok());
    let start = drafts::start(own.as_deref(), slot.as_deref(), &list, |c, shown| {
        from_stored(c).is_ok() && worth(c, shown)
    });
    Ok(StartDrafts {
        shown: start.shown.and_then(|s| from_stored(s).ok()),
        other: start
            .other
            .and_then(|o| Some((from_stored(o).ok()?, o.to_string()))),
    })
}

/// Marks an offered draft of another tab as seen: kept like any other, not offered again.
pub fn offered(stored: &str) {
    if let Ok(storage) = storage() {
        let list = read(&storage, KEPT_KEY).unwrap_or_default();
        let untagged = drafts::untag(&list, stored);
        if untagged != list {
            let _ = write(KEPT_KEY, &untagged);
        }
    }
}

/// The state the page starts with: this tab's own draft, else the saved draft, else the
/// default example. Records what the tab loaded, so that its first save knows what it replaces.
pub fn start_state() -> AppState {
    let (seen, own) = seen();
    match start_drafts() {
        Ok(start) => {
            let slot = storage().ok().and_then(|s| read(&s, DRAFT_KEY));
            if let Some(slot) = slot.filter(|s| !own && Some(s) != seen.as_ref()) {
                set_seen(&slot, false);
            }
            start.shown.map(AppState::from_snapshot).unwrap_or_default()
        }
        Err(_) => AppState::default(),
    }
}

/// The editor's text as it is now: every keystroke, even those the editor has not yet handed to
/// the app's state (a long file's are handed over a moment after typing pauses).
pub fn editor_text() -> Option<String> {
    gloo::utils::document()
        .get_element_by_id(EDITOR_ID)
        .and_then(|el| el.dyn_into::<HtmlTextAreaElement>().ok())
        .map(|area| area.value())
}

/// Saves what the editor holds right now, with the settings of the last saved draft: for the
/// panic hook, when the app's state can no longer be trusted but the textarea still has every
/// keystroke. Returns whether it was saved.
pub fn save_editor_text() -> bool {
    let Some(text) = editor_text() else {
        return false;
    };
    // The settings of this tab's own last save (another tab's may differ), else the stored ones.
    let settings = seen()
        .0
        .and_then(|s| from_stored(&s).ok())
        .or_else(|| load_draft().ok().flatten())
        .unwrap_or_default();
    save_draft(&Snapshot { text, ..settings }).is_ok()
}

//! The learner's workshop progress and each exercise's buffer (the learner's text for it), kept
//! in `localStorage` between visits. Storage may be
//! missing (privacy settings, some `file://` pages) or full: the workshop then works for the
//! visit and says in words why nothing is kept.

use std::rc::Rc;

use web_sys::Storage;
use yew::prelude::*;

use crate::view::workshop::{decode_buffer, encode_buffer, Progress};

const KEY: &str = "airlock.workshop";
/// Followed by the exercise's id: that exercise's buffer.
const BUFFER_KEY: &str = "airlock.exercise.";

fn storage() -> Result<Storage, String> {
    match gloo::utils::window().local_storage() {
        Ok(Some(storage)) => Ok(storage),
        _ => Err("This browser does not let the page store anything: progress lasts until the page is closed.".into()),
    }
}

fn load() -> (Progress, Option<String>) {
    match storage() {
        Ok(s) => (
            Progress::parse(&s.get_item(KEY).ok().flatten().unwrap_or_default()),
            None,
        ),
        Err(problem) => (Progress::default(), Some(problem)),
    }
}

fn save(progress: &Progress) -> Result<(), String> {
    storage()?
        .set_item(KEY, &progress.serialize())
        .map_err(|_| {
            "The browser refused to store the progress (storage full or forbidden).".into()
        })
}

/// What `use_workshop_progress` hands out: the progress, why it cannot be kept (if so), and a
/// setter that stores as it sets.
#[derive(Clone, PartialEq)]
pub struct ProgressHandle {
    pub progress: Rc<Progress>,
    pub problem: Option<String>,
    state: UseStateHandle<(Rc<Progress>, Option<String>)>,
}

impl ProgressHandle {
    pub fn set(&self, progress: Progress) {
        if progress == *self.progress {
            return;
        }
        let problem = save(&progress).err();
        self.state.set((Rc::new(progress), problem));
    }
}

/// The progress, read from storage once per page.
#[hook]
pub fn use_workshop_progress() -> ProgressHandle {
    let state = use_state(|| {
        let (progress, problem) = load();
        (Rc::new(progress), problem)
    });
    ProgressHandle {
        progress: state.0.clone(),
        problem: state.1.clone(),
        state,
    }
}

/// The learner's text for exercise `id`, if it was kept (else the exercise starts from its file).
pub fn load_buffer(id: &str) -> Option<String> {
    let stored = storage()
        .ok()?
        .get_item(&format!("{BUFFER_KEY}{id}"))
        .ok()??;
    decode_buffer(&stored).map(str::to_string)
}

/// The exercise the saved progress was on, when the editor starts with its buffer: a reload
/// keeps working on it.
pub fn exercise_in(text: &str) -> Option<String> {
    let current = load().0.current?;
    (load_buffer(&current)? == text).then_some(current)
}

/// Keeps the buffer of the exercise the editor holds (`AppState::exercise`) as the learner types,
/// whichever pane is shown. A full or missing storage only means the text is not kept: the
/// workshop says so through its progress note.
#[hook]
pub fn use_exercise_buffer(exercise: Option<Rc<str>>, text: Rc<str>) {
    use_effect_with((exercise, text), |(exercise, text)| {
        if let (Some(id), Ok(storage)) = (exercise, storage()) {
            let _ = storage.set_item(&format!("{BUFFER_KEY}{id}"), &encode_buffer(text));
        }
    });
}

//! The editor's typing, ahead of the analysis in a long file. Every input event re-analyses
//! through the reducer; in a long file that takes longer than a frame, so there the editor
//! colours the new text at once from a quick parse of its own (`Painted::quick`) and hands the
//! text to the reducer once typing pauses, or at once when the editor loses focus or the page
//! is hidden. A paste or a drop goes to the reducer at once: no key follows it closely, so the
//! pause would only delay its graph.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use yew::prelude::*;

use super::AppContext;
use crate::engine::Analysis;
use crate::view::painted::Painted;
use crate::web::state::{Action, AppState};

/// From this many lines on, the analysis waits for a pause in typing (measured: a 1,000-line
/// file takes well over a frame to analyse and draw in every pane; see the README).
const DEFER_LINES: usize = 200;
/// The pause, in milliseconds.
const DEFER_MS: u32 = 150;

/// An analysis compared by identity: the reducer makes a new one exactly when anything it is
/// drawn from changes, so this is a cheap key for what is derived from it.
#[derive(Clone)]
struct Same(Rc<Analysis>);

impl PartialEq for Same {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Text typed but not yet handed to the reducer.
struct Pending {
    /// The reducer's text when typing started: if that changes meanwhile (an example chosen,
    /// a link opened), the reducer's text wins.
    base: Rc<str>,
    painted: Rc<Painted>,
    caret: Option<usize>,
}

type Slot<T> = Rc<RefCell<Option<T>>>;

/// Hands pending text (and the caret) to the reducer.
fn flush(pending: &RefCell<Option<Pending>>, dispatch: &UseReducerDispatcher<AppState>) {
    let Some(p) = pending.borrow_mut().take() else {
        return;
    };
    dispatch.dispatch(Action::Edit(p.painted.text.to_string()));
    if let Some(at) = p.caret {
        dispatch.dispatch(Action::Caret(at));
    }
}

/// What the editor shows and the caret it shows it with: the typed text while it is pending,
/// else the reducer's.
#[derive(Clone)]
pub struct Typing {
    state: AppContext,
    analysed: Rc<Painted>,
    pending: Slot<Pending>,
    timer: Slot<Timeout>,
    redraw: UseForceUpdateHandle,
}

impl Typing {
    /// The paint of the text to show.
    pub fn shown(&self) -> Rc<Painted> {
        self.pending
            .borrow()
            .as_ref()
            .map_or_else(|| self.analysed.clone(), |p| p.painted.clone())
    }

    /// The caret to show (byte offset into the shown text).
    pub fn caret(&self) -> Option<usize> {
        self.pending
            .borrow()
            .as_ref()
            .map_or(self.state.caret, |p| p.caret)
    }

    /// The textarea's new `text`, with the caret at `at`: to the reducer at once in a short
    /// file or when the input is `inserted` whole (a paste, a drop), else painted now and
    /// handed over when typing pauses.
    pub fn input(&self, text: Rc<str>, at: Option<usize>, inserted: bool) {
        if inserted || memchr::memchr_iter(b'\n', text.as_bytes()).count() < DEFER_LINES {
            self.timer.borrow_mut().take();
            self.pending.borrow_mut().take();
            self.state.dispatch(Action::Edit(text.to_string()));
            if let Some(at) = at {
                self.state.dispatch(Action::Caret(at));
            }
            return;
        }
        let painted = Rc::new(self.shown().quick(text));
        *self.pending.borrow_mut() = Some(Pending {
            base: self.state.text.clone(),
            painted,
            caret: at,
        });
        let (pending, dispatcher) = (self.pending.clone(), self.state.dispatcher());
        // Replacing the timer drops (cancels) the one before.
        *self.timer.borrow_mut() =
            Some(Timeout::new(DEFER_MS, move || flush(&pending, &dispatcher)));
        self.redraw.force_update();
    }

    /// The caret moved to `at` without an edit. While typing is pending, the caret goes with it.
    pub fn caret_moved(&self, at: Option<usize>) {
        if let Some(p) = self.pending.borrow_mut().as_mut() {
            if p.caret != at {
                p.caret = at;
                self.redraw.force_update();
            }
            return;
        }
        if let Some(at) = at {
            self.state.dispatch(Action::Caret(at));
        }
    }

    /// Hands over what was typed now (the editor lost the focus).
    pub fn flush(&self) {
        self.timer.borrow_mut().take();
        flush(&self.pending, &self.state.dispatcher());
    }
}

/// The editor's typing over `state`. Pending text is handed over when the page is hidden or
/// closed (before the draft is saved), and dropped when the reducer's text changes under it.
#[hook]
pub fn use_typing(state: &AppContext) -> Typing {
    let analysed = use_memo(Same(state.analysis.clone()), {
        let text = state.text.clone();
        move |Same(analysis)| Painted::of_analysis(text, analysis)
    });
    let pending: Slot<Pending> = use_mut_ref(|| None);
    let timer: Slot<Timeout> = use_mut_ref(|| None);
    let redraw = use_force_update();
    // The reducer's text changed under pending typing: it wins (see `Pending::base`).
    if pending
        .borrow()
        .as_ref()
        .is_some_and(|p| !Rc::ptr_eq(&p.base, &state.text))
    {
        pending.borrow_mut().take();
        timer.borrow_mut().take();
    }
    {
        let pending = pending.clone();
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let listeners = ["pagehide", "visibilitychange"].map(|event| {
                let pending = pending.clone();
                let dispatcher = dispatcher.clone();
                EventListener::new(&window, event, move |_| flush(&pending, &dispatcher))
            });
            move || drop(listeners)
        });
    }
    Typing {
        state: state.clone(),
        analysed,
        pending,
        timer,
        redraw,
    }
}

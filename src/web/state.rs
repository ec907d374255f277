//! The playground's one piece of state: the editor text and the outline derived from it.
//! The outline is recomputed from the text in the reducer and never edited on its own.

use std::rc::Rc;

use yew::Reducible;

use super::outline::Outline;
use crate::engine::{analyze, Config};

/// The Dockerfile the editor starts with.
pub const EXAMPLE: &str = include_str!("../../static/examples/go-distroless.Dockerfile");

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppState {
    pub text: Rc<str>,
    pub outline: Rc<Outline>,
}

pub enum Action {
    /// The user changed the editor's text.
    Edit(String),
}

impl AppState {
    pub fn new(text: &str) -> Self {
        let outline = Outline::new(&analyze(text, &Config::default()));
        AppState {
            text: text.into(),
            outline: Rc::new(outline),
        }
    }
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new(EXAMPLE)
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            // An input event that leaves the text as it was (e.g. a rejected key) costs no parse.
            Action::Edit(text) if *text == *self.text => self,
            Action::Edit(text) => Rc::new(AppState::new(&text)),
        }
    }
}
